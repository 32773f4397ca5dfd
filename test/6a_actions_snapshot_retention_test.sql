-- set_snapshot_retention: agents put a snapshot under a retention policy ('daily-N',
-- 'weekly-N', 'monthly-N'); the grammar (finsim.snapshot_retention_interval, the column's
-- CHECK), refusals and bad input (nothing changed), the audit trail, recommendations, and
-- what the drift engine then does with the policy.
BEGIN;
SET client_min_messages = warning;
SELECT plan(43);

\set X '''6a000000-0000-0000-0000-000000000001'''
INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed) VALUES (:X, 'act-retention', '2026-03-01 00:00+00', 3);
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, state, attached_instance_id, monthly_cost, tags)
VALUES (:X, 'vol-bk', 20, 'gp3', 'in-use', 'i-elsewhere', 1.6, '{"backup": "daily"}');
INSERT INTO finsim.snapshots (id, account_id, snapshot_id, source_volume_id, size_gib, monthly_cost, created_at,
                              retention_policy, optimization_policy, optimization_freeze_until) VALUES
  ('6a100000-0000-0000-0000-000000000001', :X, 'snap-old',    'vol-gone', 20, 1, '2025-06-01 00:00+00', NULL, 'auto_safe', NULL),
  ('6a100000-0000-0000-0000-000000000002', :X, 'snap-new',    'vol-bk',   20, 1, '2026-02-28 00:00+00', NULL, 'auto_safe', NULL),
  ('6a100000-0000-0000-0000-000000000003', :X, 'snap-ign',    'vol-gone', 20, 1, '2025-06-01 00:00+00', NULL, 'ignore', NULL),
  ('6a100000-0000-0000-0000-000000000004', :X, 'snap-frozen', 'vol-gone', 20, 1, '2025-06-01 00:00+00', NULL, 'auto_safe', '2026-04-01 00:00+00'),
  ('6a100000-0000-0000-0000-000000000005', :X, 'snap-rec',    'vol-gone', 20, 1, '2025-06-01 00:00+00', NULL, 'recommend_only', NULL),
  ('6a100000-0000-0000-0000-000000000006', :X, 'snap-has',    'vol-gone', 20, 1, '2026-02-20 00:00+00', 'weekly-4', 'auto_safe', NULL),
  ('6a100000-0000-0000-0000-000000000007', :X, 'snap-bad',    'vol-gone', 20, 1, '2025-06-01 00:00+00', NULL, 'auto_safe', NULL);

CREATE FUNCTION pg_temp.act(id text, params jsonb) RETURNS TABLE(outcome text, message text, est_monthly_savings numeric, changes jsonb)
  LANGUAGE sql AS $$
  SELECT r.outcome, r.message, r.est_monthly_savings, r.changes
    FROM finsim.apply_action('snapshots', id, 'set_snapshot_retention', params, 'test: lifecycle') r $$;
CREATE FUNCTION pg_temp.hint(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  out text;
BEGIN
  EXECUTE stmt;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS out = PG_EXCEPTION_HINT;
  RETURN out;
END $$;

-- The registry ------------------------------------------------------------------------
SELECT is((SELECT resource_types::text || ' ' || (params->'retention_policy'->>'type') || ' ' || (params->'retention_policy'->>'required')
             FROM finsim.actions() WHERE action = 'set_snapshot_retention'),
          '{snapshots} retention_policy true', 'finsim.actions(): set_snapshot_retention on snapshots, one required retention_policy');

-- The grammar: one reading of a policy, in 24-hour days ------------------------------------
SELECT results_eq(
  $$SELECT p, finsim.snapshot_retention_interval(p) FROM unnest(ARRAY['daily-1', 'daily-7', 'weekly-4', 'monthly-12',
      'daily-36500', 'weekly-5200', 'monthly-1200']) WITH ORDINALITY u(p, n) ORDER BY n$$,
  $$VALUES ('daily-1', interval '24 hours'), ('daily-7', interval '168 hours'), ('weekly-4', interval '672 hours'),
           ('monthly-12', interval '8640 hours'), ('daily-36500', interval '876000 hours'),
           ('weekly-5200', interval '873600 hours'), ('monthly-1200', interval '864000 hours')$$,
  'daily-N = N days, weekly-N = N x 7 days, monthly-N = N x 30 days (of 24 hours), up to 100 years');
SELECT is((SELECT array_agg(p ORDER BY n) FROM unnest(ARRAY['daily-0', 'daily-36501', 'weekly-5201', 'monthly-1201',
             'daily-07', 'Daily-7', 'daily7', 'daily-', 'daily', ' daily-7', 'daily-7 ', 'daily--7', 'daily-+7', 'daily-7.0',
             'yearly-1', 'daily-99999999999', '30d', '']) WITH ORDINALITY u(p, n)
            WHERE finsim.snapshot_retention_interval(p) IS NOT NULL),
          NULL, 'anything else is not a policy (NULL): zero, above the bound, leading zero, case, spaces, other units');
SELECT is(finsim.snapshot_retention_interval(NULL), NULL, 'NULL policy: NULL interval');
SET LOCAL TimeZone = 'America/New_York';  -- clocks go forward on 2026-03-08 there
SELECT is(timestamptz '2026-03-01 00:00+00' + finsim.snapshot_retention_interval('daily-14'), timestamptz '2026-03-15 00:00+00',
          'a policy''s days are 24 hours whatever the session''s TimeZone (across a daylight-saving change)');
RESET TimeZone;

-- The column's CHECK ---------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO finsim.snapshots (account_id, snapshot_id, size_gib, monthly_cost, retention_policy)
                   VALUES ('6a000000-0000-0000-0000-000000000001', 'snap-check', 1, 0.05, 'daily')$$,
                 '23514', NULL, 'CHECK: a row with a policy that is not one is refused (23514)');
SELECT throws_ok($$UPDATE finsim.snapshots SET retention_policy = 'weekly-0' WHERE snapshot_id = 'snap-bad'$$,
                 '23514', NULL, 'CHECK: an update to a policy that is not one is refused');
SELECT lives_ok($$UPDATE finsim.snapshots SET retention_policy = NULL WHERE snapshot_id = 'snap-bad'$$,
                'CHECK: NULL (no policy) is accepted');
SELECT finsim.create_account('act-retention-gen', 300, 5, '2026-01-01') AS g \gset
-- (the generator writes through heap multi-insert, which checks no constraint: test it here)
SELECT ok((SELECT array_agg(DISTINCT retention_policy) FILTER (WHERE retention_policy IS NOT NULL) <@ '{daily-7,weekly-4,monthly-12}'
             AND count(*) FILTER (WHERE retention_policy IS NOT NULL) > 0
             FROM finsim.snapshots WHERE account_id = :'g'),
          'generated estates write valid policies only (daily-7, weekly-4, monthly-12 or none)');

-- A policy that keeps the old snapshot for 100 years does not make its waste go away.
SAVEPOINT keep_forever;
SELECT is((SELECT outcome FROM pg_temp.act('6a100000-0000-0000-0000-000000000001', '{"retention_policy": "monthly-1200"}')),
          'applied', 'monthly-1200 on an old snapshot: applied');
SELECT is((SELECT count(*) FROM finsim.waste_findings(:X) WHERE resource_name = 'snap-old' AND pattern = 'old_snapshot'), 1::bigint,
          '... and it is still an old_snapshot (a policy keeping it over 365 days hides no waste)');
ROLLBACK TO SAVEPOINT keep_forever;

-- Applied ----------------------------------------------------------------------------------
DELETE FROM finsim.resource_change_events WHERE account_id = :X;
SELECT results_eq($$SELECT outcome, est_monthly_savings, changes FROM pg_temp.act('6a100000-0000-0000-0000-000000000001', '{"retention_policy": "daily-7"}')$$,
                  $$VALUES ('applied', 0::numeric, '{"retention_policy": [null, "daily-7"], "expires_at": "2025-06-08T00:00:00Z"}'::jsonb)$$,
                  'applied: changes name the old and new policy and when the snapshot expires; nothing saved at once (the lifecycle deletes it)');
SELECT is((SELECT retention_policy FROM finsim.snapshots WHERE snapshot_id = 'snap-old'), 'daily-7', 'the policy is set');
SELECT results_eq($$SELECT old_value, new_value, change_source, changed_at, reason FROM finsim.resource_change_events
                     WHERE resource_id = '6a100000-0000-0000-0000-000000000001' AND field_name = 'retention_policy'$$,
                  $$VALUES (NULL::text, 'daily-7'::text, 'agent'::text, '2026-03-01 00:00+00'::timestamptz, 'test: lifecycle'::text)$$,
                  'the audit trail records the change (agent, virtual time, reason)');
SELECT is((SELECT count(*) FROM finsim.resource_change_events WHERE resource_id = '6a100000-0000-0000-0000-000000000001'
              AND field_name = 'harmful'), 0::bigint,
          'not harmful: the old_snapshot / orphaned_snapshot finding (savings > 0) supports a change of the snapshot');
SELECT is((SELECT outcome FROM pg_temp.act('6a100000-0000-0000-0000-000000000002', '{"retention_policy": "weekly-4"}')), 'applied',
          'a snapshot no finding names: applied');
SELECT is((SELECT count(*) FROM finsim.resource_change_events WHERE resource_id = '6a100000-0000-0000-0000-000000000002'
              AND field_name = 'harmful' AND new_value = 'set_snapshot_retention'), 1::bigint,
          '... and recorded harmful, as every applied change no live finding supports');
SELECT results_eq($$SELECT outcome, changes FROM pg_temp.act('6a100000-0000-0000-0000-000000000006', '{"retention_policy": "monthly-12"}')$$,
                  $$VALUES ('applied', '{"retention_policy": ["weekly-4", "monthly-12"], "expires_at": "2027-02-15T00:00:00Z"}'::jsonb)$$,
                  'a policy replaces another');

-- Refused (nothing changed) ------------------------------------------------------------------
SELECT results_eq($$SELECT outcome, message FROM pg_temp.act('6a100000-0000-0000-0000-000000000006', '{"retention_policy": "monthly-12"}')$$,
                  $$VALUES ('refused', 'snapshot is already under retention policy monthly-12')$$, 'the same policy again: refused');
SELECT results_eq($$SELECT outcome, message FROM pg_temp.act('6a100000-0000-0000-0000-000000000003', '{"retention_policy": "daily-7"}')$$,
                  $$VALUES ('refused', 'resource optimization_policy is ''ignore'': agents must leave it alone')$$, 'policy ignore: refused');
SELECT results_eq($$SELECT outcome, message FROM pg_temp.act('6a100000-0000-0000-0000-000000000004', '{"retention_policy": "daily-7"}')$$,
                  $$VALUES ('refused', 'resource is frozen until 2026-04-01T00:00:00Z (optimization_freeze_until; virtual now 2026-03-01T00:00:00Z)')$$,
                  'frozen: refused');
SELECT is((SELECT string_agg(coalesce(retention_policy, '-'), ',' ORDER BY snapshot_id) FROM finsim.snapshots
            WHERE snapshot_id IN ('snap-has', 'snap-ign', 'snap-frozen')), '-,monthly-12,-', 'refusals changed nothing');

-- recommend_only: a recommendation, accepted later ------------------------------------------------
SELECT results_eq($$SELECT outcome, est_monthly_savings FROM pg_temp.act('6a100000-0000-0000-0000-000000000005', '{"retention_policy": "weekly-4"}')$$,
                  $$VALUES ('recommended', 0::numeric)$$, 'recommend_only: recommended');
SELECT results_eq($$SELECT action, action_params, status FROM finsim.recommendations WHERE resource_id = '6a100000-0000-0000-0000-000000000005'$$,
                  $$VALUES ('set_snapshot_retention', '{"retention_policy": "weekly-4"}'::jsonb, 'open')$$,
                  'the recommendation carries the action and its params');
SELECT is((SELECT retention_policy FROM finsim.snapshots WHERE snapshot_id = 'snap-rec'), NULL, 'the snapshot is untouched');
SELECT is((SELECT outcome FROM finsim.accept_recommendation((SELECT id FROM finsim.recommendations
                                                              WHERE resource_id = '6a100000-0000-0000-0000-000000000005'))),
          'applied', 'accepting it applies the policy');
SELECT is((SELECT retention_policy || ' ' || e.change_source FROM finsim.snapshots s JOIN finsim.resource_change_events e
              ON e.resource_id = s.id::text AND e.field_name = 'retention_policy'
            WHERE s.snapshot_id = 'snap-rec'), 'weekly-4 manual', '... as a manual change');

-- Bad input: 22023 with the grammar as hint, nothing changed ----------------------------------------
-- Each (params, message, description): one throws_ok per row.
SELECT throws_ok(format('SELECT * FROM pg_temp.act(%L, %L)', '6a100000-0000-0000-0000-000000000007', v.params),
                 '22023', v.message, v.description)
  FROM (VALUES
    ('{"retention_policy": "daily"}', 'invalid retention policy "daily" for parameter "retention_policy"', 'no number: 22023'),
    ('{"retention_policy": "daily-0"}', 'invalid retention policy "daily-0" for parameter "retention_policy"', 'zero days: 22023'),
    ('{"retention_policy": "monthly-1201"}', 'invalid retention policy "monthly-1201" for parameter "retention_policy"', 'beyond 100 years: 22023'),
    ('{"retention_policy": "Weekly-4"}', 'invalid retention policy "Weekly-4" for parameter "retention_policy"', 'upper case: 22023'),
    ('{"retention_policy": ""}', 'parameter "retention_policy" must not be empty', 'empty: 22023'),
    ('{"retention_policy": 7}', 'parameter "retention_policy" of action set_snapshot_retention must be a string, got JSON number', 'a number: 22023'),
    ('{"retention_policy": null}', 'parameter "retention_policy" of action set_snapshot_retention must be a string, got JSON null',
     'null (removing a policy is not an action): 22023'),
    ('{}', 'action set_snapshot_retention requires parameter "retention_policy"', 'missing: 22023')
  ) v(params, message, description) ORDER BY v.description;
SELECT throws_ok($$SELECT * FROM finsim.apply_action('volumes', '6a100000-0000-0000-0000-000000000007', 'set_snapshot_retention', '{"retention_policy": "daily-7"}')$$,
                 '22023', 'action set_snapshot_retention does not apply to resource type "volumes"', 'not a snapshot: 22023');
SELECT is(pg_temp.hint($$SELECT * FROM pg_temp.act('6a100000-0000-0000-0000-000000000007', '{"retention_policy": "daily-7d"}')$$),
          'A retention policy is ''daily-N'' (N from 1 to 36500), ''weekly-N'' (1 to 5200) or ''monthly-N'' (1 to 1200): the snapshot is kept N days, N x 7 days or N x 30 days after its created_at, e.g. ''daily-7'', ''weekly-4'', ''monthly-12''.',
          'the hint gives the grammar');
SELECT is((SELECT coalesce(retention_policy, '-') || ' ' || (SELECT count(*) FROM finsim.resource_change_events
                                                            WHERE resource_id = '6a100000-0000-0000-0000-000000000007')
             FROM finsim.snapshots WHERE snapshot_id = 'snap-bad'), '- 0', 'bad input changed nothing and recorded nothing');

-- The drift engine applies the agent's policies ------------------------------------------------------
SELECT is((SELECT count(*) FROM finsim.waste_findings(:X) WHERE resource_name = 'snap-old' AND pattern = 'old_snapshot'), 0::bigint,
          'a snapshot put under a policy is no longer an old_snapshot');
SELECT is((SELECT virtual_date FROM finsim.drift_tick(:X)), '2026-03-02'::date, 'one tick');
SELECT is((SELECT reason FROM finsim.resource_change_events WHERE field_name = 'deleted' AND old_value = 'snap-old'),
          'drift: retention policy daily-7 expired (it keeps a snapshot 7 days after its created_at)',
          'the old snapshot, past its new daily-7 policy, is deleted by the next tick');
SELECT is((SELECT string_agg(snapshot_id, ',' ORDER BY snapshot_id) FROM finsim.snapshots
            WHERE account_id = :X AND snapshot_id IN ('snap-new', 'snap-has', 'snap-rec')), 'snap-has,snap-new',
          'snapshots within their policy stay (snap-rec: weekly-4 since 2025-06-01, deleted too)');
SELECT is((SELECT retention_policy FROM finsim.snapshots WHERE account_id = :X AND source_volume_id = 'vol-bk'
              AND created_at = '2026-03-01 00:00+00'), 'weekly-4',
          'the volume''s daily backup inherits the policy the agent set on its newest snapshot');

SELECT * FROM finish();
ROLLBACK;
