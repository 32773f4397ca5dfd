-- apply_action(…, 'recommend', params): records a recommendation on any resource type
-- (outcome recommended, nothing changed, audited), with the same freeze and policy rules as
-- every action; the recommendation carries the savings of the live finding recommending it.
-- (Caller and scope rules for 'recommend': test/63.)
BEGIN;
SELECT plan(17);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time, freeze_optimizations_until) VALUES
  ('56565656-0000-0000-0000-000000000001', 'reco', '2026-03-01 00:00:00+00', NULL),
  ('56565656-0000-0000-0000-000000000002', 'reco-frozen', '2026-03-01 00:00:00+00', '2026-04-01 00:00:00+00');
INSERT INTO finsim.commitments (id, account_id, commitment_type, scope, hourly_commitment_amount, start_date, end_date) VALUES
  ('56000000-0000-0000-0000-000000000001', '56565656-0000-0000-0000-000000000001', 'reserved_instance', 'm5/us-east-1', 1000 / 730.0, '2025-06-01', '2026-06-01');
INSERT INTO finsim.commitment_utilization_daily (account_id, commitment_id, date, utilization_percent) VALUES
  ('56565656-0000-0000-0000-000000000001', '56000000-0000-0000-0000-000000000001', '2026-02-28', 60);
INSERT INTO finsim.data_transfer_daily (id, account_id, date, source_region, dest_region, direction, gb_transferred, estimated_transfer_cost) VALUES
  ('56000000-0000-0000-0000-000000000002', '56565656-0000-0000-0000-000000000001', '2026-02-28', 'us-east-1', 'internet', 'egress', 100, 9);
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, avg_cpu_7d, optimization_policy, launch_time, tags) VALUES
  ('56000000-0000-0000-0000-000000000003', '56565656-0000-0000-0000-000000000001', 'i-untagged', 'm5.large', 'running', 0.096, 0, 50, 'auto_safe', '2026-01-01', '{}'),
  ('56000000-0000-0000-0000-000000000004', '56565656-0000-0000-0000-000000000001', 'i-ignored', 'm5.large', 'running', 0.096, 0, 50, 'ignore', '2026-01-01', '{}'),
  ('56000000-0000-0000-0000-000000000005', '56565656-0000-0000-0000-000000000002', 'i-frozen', 'm5.large', 'running', 0.096, 0, 50, 'auto_safe', '2026-01-01', '{}');

CREATE TEMP TABLE before56 AS
  SELECT to_jsonb(c) AS c FROM finsim.commitments c WHERE c.id = '56000000-0000-0000-0000-000000000001';
CREATE TEMP TABLE f56 AS SELECT * FROM finsim.waste_findings('56565656-0000-0000-0000-000000000001');

-- A commitment finding, acted on as-is.
CREATE TEMP TABLE r56 AS
  SELECT a.* FROM f56 f, finsim.apply_action(f.resource_type, f.resource_id, f.recommended_action, f.action_params, 'from the finding') a
   WHERE f.pattern = 'commitment_underutilized';
SELECT is((SELECT outcome FROM r56), 'recommended', 'recommend on a commitment: outcome recommended');
SELECT is((SELECT message FROM r56), 'recommendation recorded, resource untouched', 'its message');
SELECT is((SELECT to_jsonb(x) - 'id' - 'created_at' - 'updated_at' FROM finsim.recommendations x WHERE x.id = (SELECT recommendation_id FROM r56)),
          jsonb_build_object('account_id', '56565656-0000-0000-0000-000000000001', 'resource_type', 'commitments',
                             'resource_id', '56000000-0000-0000-0000-000000000001', 'pattern', 'commitment_underutilized',
                             'action', 'recommend', 'action_params', (SELECT action_params FROM f56 WHERE pattern = 'commitment_underutilized'),
                             'est_monthly_savings', (SELECT est_monthly_savings FROM f56 WHERE pattern = 'commitment_underutilized'),
                             'status', 'open', 'reason', 'from the finding', 'created_by', 'agent', 'decided_at', NULL),
          'the recommendation holds the finding''s pattern, params and savings');
SELECT is((SELECT est_monthly_savings FROM r56), (SELECT est_monthly_savings FROM f56 WHERE pattern = 'commitment_underutilized'),
          'apply_action reports the finding''s savings');
SELECT is((SELECT to_jsonb(c) FROM finsim.commitments c WHERE c.id = '56000000-0000-0000-0000-000000000001'),
          (SELECT c FROM before56), 'the commitment is untouched');
SELECT is((SELECT new_value || ' ' || change_source || ' ' || changed_at::text FROM finsim.resource_change_events
            WHERE resource_id = '56000000-0000-0000-0000-000000000001' AND field_name = 'action'),
          'recommend:recommended agent 2026-03-01 00:00:00+00', 'audited like other recommendations, at virtual now');
SELECT is((SELECT recommendation_id FROM finsim.apply_action('commitments', '56000000-0000-0000-0000-000000000001', 'recommend', '{"advice": "again"}')),
          (SELECT recommendation_id FROM r56), 'an open recommendation is not duplicated');

-- Any resource type, any policy that is not ignore: never a change.
SELECT is((SELECT outcome FROM finsim.apply_action('data_transfer_daily', '56000000-0000-0000-0000-000000000002', 'recommend', '{"advice": "CDN"}')),
          'recommended', 'recommend on a data_transfer_daily row');
SELECT is((SELECT outcome || ' ' || (est_monthly_savings = 0) FROM finsim.apply_action('instances', '56000000-0000-0000-0000-000000000003', 'recommend',
                                                           (SELECT action_params FROM f56 WHERE pattern = 'untagged_resource'))),
          'recommended true', 'an auto_safe instance: recommended too (tagging finding, 0 savings)');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE resource_id = '56000000-0000-0000-0000-000000000003' AND field_name <> 'action'),
          0, 'the instance is untouched (no change besides the action record)');
SELECT is((SELECT est_monthly_savings FROM finsim.apply_action('instances', '56000000-0000-0000-0000-000000000004', 'recommend', '{}')),
          NULL, 'policy ignore: refused (no savings)');
SELECT is((SELECT message FROM finsim.apply_action('instances', '56000000-0000-0000-0000-000000000004', 'recommend', '{}')),
          'resource optimization_policy is ''ignore'': agents must leave it alone', 'policy ignore: the usual refusal');
SELECT matches((SELECT outcome || ': ' || message FROM finsim.apply_action('instances', '56000000-0000-0000-0000-000000000005', 'recommend', '{}')),
          '^refused: account optimizations are frozen until 2026-04-01', 'a frozen account: refused');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', '56000000-0000-0000-0000-000000000003', 'recommend', '[1]')$$,
                 '22023', 'params must be a JSON object', 'params must still be an object');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('recommendations', '56000000-0000-0000-0000-000000000003', 'recommend', '{}')$$,
                 '22023', NULL, 'not a resource table: refused as for any action');

-- Accepting it changes nothing and closes it.
SELECT is((SELECT outcome || ' ' || est_monthly_savings FROM finsim.accept_recommendation((SELECT recommendation_id FROM r56))),
          'applied 0.000000', 'accepting a recommend recommendation: applied, nothing saved');
SELECT is((SELECT status FROM finsim.recommendations WHERE id = (SELECT recommendation_id FROM r56)), 'applied', 'and it is closed');

SELECT * FROM finish();
ROLLBACK;
