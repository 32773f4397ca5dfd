-- Open recommendations expire on their own when their finding disappears: drift_tick
-- calls finsim.expire_recommendations at the end of each simulated day.
BEGIN;
SELECT plan(9);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('e0000000-0000-4000-8000-000000000001', 'tap-expiry', '2026-05-01 00:00+00');
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, optimization_policy)
VALUES ('e1000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000001', 'vol-fixed', 200, 'gp3', 'available', 'recommend_only'),
       ('e1000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000001', 'vol-still', 200, 'gp3', 'available', 'recommend_only');

CREATE TEMP TABLE recs AS
  SELECT v.volume_id, a.outcome, a.recommendation_id
    FROM finsim.volumes v,
         LATERAL finsim.apply_action('volumes', v.id::text, 'delete_volume', '{"snapshot_first": false}') a
   WHERE v.account_id = 'e0000000-0000-4000-8000-000000000001';
SELECT is((SELECT array_agg(outcome ORDER BY volume_id) FROM recs), '{recommended,recommended}',
          'recommend_only volumes get open recommendations');

-- Someone attaches vol-fixed: its unattached_volume finding is gone.
UPDATE finsim.volumes SET state = 'in-use', attached_instance_id = 'i-0somebody'
 WHERE volume_id = 'vol-fixed';
SELECT is((SELECT count(*) FROM finsim.waste_findings('e0000000-0000-4000-8000-000000000001')
            WHERE resource_name = 'vol-fixed'
              AND (recommended_action = 'delete_volume' OR est_monthly_savings > 0)), 0::bigint,
          'no live finding supports deleting vol-fixed any more (only a $0 tagging finding is left)');

-- A read-only transaction (a dry run, a standby) reads the scorecard and expires nothing.
SAVEPOINT ro;
SET LOCAL transaction_read_only = on;
SELECT actions_recommended AS ro_recommended FROM finsim.scorecard('e0000000-0000-4000-8000-000000000001') \gset
SELECT status AS ro_status FROM finsim.recommendations
 WHERE id = (SELECT recommendation_id FROM recs WHERE volume_id = 'vol-fixed') \gset
ROLLBACK TO SAVEPOINT ro;
SELECT is(:'ro_recommended'::text, '2', 'scorecard works in a read-only transaction');
SELECT is(:'ro_status'::text, 'open', '... and expires nothing there');

SELECT ok(count(*) = 1, 'one virtual day simulated')
  FROM finsim.drift_tick('e0000000-0000-4000-8000-000000000001', 1);

SELECT is((SELECT status || ' ' || decided_at FROM finsim.recommendations
            WHERE id = (SELECT recommendation_id FROM recs WHERE volume_id = 'vol-fixed')),
          'expired 2026-05-02 00:00:00+00', 'its recommendation expired with the day, at virtual time');
SELECT is((SELECT status FROM finsim.recommendations
            WHERE id = (SELECT recommendation_id FROM recs WHERE volume_id = 'vol-still')),
          'open', 'a recommendation whose finding is still live stays open');

-- An admin naming an account that does not exist: 22023, as finsim.now() and drift_tick() say it.
SELECT throws_ok($$SELECT * FROM finsim.scorecard('e0000000-0000-4000-8000-0000000000ff')$$, '22023',
                 'account e0000000-0000-4000-8000-0000000000ff does not exist', 'scorecard of an unknown account (admin): 22023');
SELECT throws_ok($$SELECT finsim.expire_recommendations('e0000000-0000-4000-8000-0000000000ff')$$, '22023',
                 'account e0000000-0000-4000-8000-0000000000ff does not exist', 'expire_recommendations too');

SELECT * FROM finish();
ROLLBACK;
