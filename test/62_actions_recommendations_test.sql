-- Recommendations lifecycle (create, no duplicate, accept, dismiss, expire) and the
-- scorecard on a scripted run.  finsim.waste_findings is replaced by scripted findings inside
-- the test transaction, so harmful actions, expiry by finding and remaining waste are tested.
BEGIN;
SELECT plan(38);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('c0000000-0000-0000-0000-000000000001', 'act-recs', '2026-05-01 00:00+00');
\set C '''c0000000-0000-0000-0000-000000000001'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, state, hourly_cost, gpu_hourly_cost, optimization_policy, launch_time) VALUES
  ('c1000000-0000-0000-0000-000000000001', :C, 'i-idle',  'm5.xlarge', 'dev',  'running', 0.192, 0, 'recommend_only', '2025-01-01'),
  ('c1000000-0000-0000-0000-000000000002', :C, 'i-over',  'm5.xlarge', 'dev',  'running', 0.192, 0, 'recommend_only', '2025-01-01'),
  ('c1000000-0000-0000-0000-000000000003', :C, 'i-gone',  'm5.large',  'dev',  'running', 0.096, 0, 'recommend_only', '2025-01-01'),
  ('c1000000-0000-0000-0000-000000000004', :C, 'i-busy',  'm5.xlarge', 'prod', 'running', 0.192, 0, 'auto_safe', '2025-01-01'),
  ('c1000000-0000-0000-0000-000000000005', :C, 'i-waste', 'm5.xlarge', 'dev',  'running', 0.192, 0, 'auto_safe', '2025-01-01');
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, monthly_cost)
VALUES ('c2000000-0000-0000-0000-000000000001', :C, 'vol-orphan', 100, 'gp2', 'available', 10);

-- Findings: the stub stands in for helper "waste" (when it is absent) inside this transaction.
CREATE TABLE public.act_stub_findings (resource_type text, resource_id text, pattern text, est_monthly_savings numeric,
                                       recommended_action text);
INSERT INTO public.act_stub_findings VALUES
  ('instances', 'c1000000-0000-0000-0000-000000000001', 'idle_instance', 140.16, 'terminate_instance'),
  ('instances', 'c1000000-0000-0000-0000-000000000002', 'overprovisioned', 70.08, 'rightsize_instance'),
  ('instances', 'c1000000-0000-0000-0000-000000000005', 'idle_instance', 140.16, 'terminate_instance'),
  ('volumes',   'c2000000-0000-0000-0000-000000000001', 'unattached_volume', 10, 'delete_volume'),
  ('volumes',   'c2000000-0000-0000-0000-000000000001', 'gp2_volume', 2, 'modify_volume_type'),
  ('instances', 'c1000000-0000-0000-0000-000000000003', 'untagged_resource', 0, 'recommend'),
  ('instances', 'c1000000-0000-0000-0000-000000000004', 'untagged_resource', 0, 'recommend');
-- Scripted findings replace the real detector for this transaction only (rolled back).
SET LOCAL client_min_messages = warning;
DO $$
BEGIN
  IF to_regprocedure('finsim.waste_findings(uuid)') IS NOT NULL THEN
    IF EXISTS (SELECT 1 FROM pg_depend WHERE objid = 'finsim.waste_findings(uuid)'::regprocedure AND deptype = 'e') THEN
      ALTER EXTENSION finsim DROP FUNCTION finsim.waste_findings(uuid);
    END IF;
    DROP FUNCTION finsim.waste_findings(uuid) CASCADE;
  END IF;
END $$;
-- Same columns as the real one (waste_summary, which the scorecard totals, reads them).
CREATE FUNCTION finsim.waste_findings(account_id uuid)
  RETURNS TABLE(account_id uuid, resource_type text, resource_id text, resource_name text, pattern text,
                severity text, est_monthly_savings numeric, recommended_action text, action_params jsonb,
                optimization_policy text, frozen boolean, evidence jsonb)
  LANGUAGE sql AS $$
  SELECT $1, s.resource_type, s.resource_id, s.resource_id, s.pattern, 'low', s.est_monthly_savings,
         s.recommended_action, '{}'::jsonb, 'auto_safe', false, '{}'::jsonb
    FROM public.act_stub_findings s $$;

-- Baseline before any action: the current run-rate.
SELECT is((SELECT baseline_run_rate FROM finsim.scorecard(:C)), (SELECT current_run_rate FROM finsim.scorecard(:C)),
          'before any action the baseline is the current run-rate');
SELECT is((SELECT current_run_rate FROM finsim.scorecard(:C)), round((0.192 * 4 + 0.096) * 730 + 10, 6), 'current run-rate of the hand-written estate');

-- create, no duplicate
CREATE TEMP TABLE r1 AS SELECT * FROM finsim.apply_action('instances', 'c1000000-0000-0000-0000-000000000001', 'stop_instance', '{}', 'idle 14 days');
SELECT is((SELECT outcome FROM r1), 'recommended', 'recommendation created');
SELECT is((SELECT pattern || ' ' || status || ' ' || est_monthly_savings FROM finsim.recommendations WHERE id = (SELECT recommendation_id FROM r1)),
          'idle_instance open 140.160000',
          'it names the live finding''s pattern and the savings');
SELECT is((SELECT recommendation_id FROM finsim.apply_action('instances', 'c1000000-0000-0000-0000-000000000001', 'stop_instance')),
          (SELECT recommendation_id FROM r1), 'the same open recommendation is returned');
SELECT is((SELECT count(*)::int FROM finsim.recommendations WHERE account_id = :C), 1, 'no duplicate');

-- accept
CREATE TEMP TABLE acc AS SELECT * FROM finsim.accept_recommendation((SELECT recommendation_id FROM r1));
SELECT is((SELECT outcome FROM acc), 'applied', 'accept applies the change');
SELECT is((SELECT est_monthly_savings FROM acc), 140.16::numeric, 'with the savings');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-idle'), 'stopped', 'the recommend_only resource changed on acceptance');
SELECT is((SELECT status || ' ' || decided_at FROM finsim.recommendations WHERE id = (SELECT recommendation_id FROM r1)),
          'applied 2026-05-01 00:00:00+00', 'status applied at virtual time');
SELECT is((SELECT change_source FROM finsim.resource_change_events WHERE resource_id = 'c1000000-0000-0000-0000-000000000001' AND field_name = 'action' AND new_value = 'stop_instance:applied'),
          'manual', 'an accepted recommendation is recorded with change_source manual');
SELECT throws_ok(format('SELECT * FROM finsim.accept_recommendation(%L)', (SELECT recommendation_id FROM r1)), '22023',
                 format('recommendation %s is already applied', (SELECT recommendation_id FROM r1)), 'accepting twice is an error');

-- dismiss, then a new recommendation may be created
CREATE TEMP TABLE r2 AS SELECT * FROM finsim.apply_action('instances', 'c1000000-0000-0000-0000-000000000002', 'rightsize_instance', '{"instance_type":"m5.large"}');
SELECT is((SELECT message || ' / ' || (changes IS NULL)::text FROM finsim.apply_action('instances', 'c1000000-0000-0000-0000-000000000002',
                                                        'rightsize_instance', '{"instance_type":"m5.2xlarge"}')),
          'resource is recommend_only: an open recommendation for this action already exists with other params ({"instance_type": "m5.large"}): dismiss it to recommend these / true',
          'the same action with other params: the open recommendation stands, its params named, no changes shown');
SELECT is((SELECT (changes->'instance_type')::text FROM finsim.apply_action('instances', 'c1000000-0000-0000-0000-000000000002',
                                                   'rightsize_instance', '{"instance_type":"m5.large"}')),
          '["m5.xlarge", "m5.large"]', 'the same params: the changes the recommendation would make');
SELECT throws_ok(format('SELECT finsim.dismiss_recommendation(%L, %L)', (SELECT recommendation_id FROM r2), repeat('r', 2001)),
                 '22023', 'reason is too long (2001 bytes; at most 2000)', 'a dismissal reason over 2000 bytes is refused');
SELECT is(finsim.dismiss_recommendation((SELECT recommendation_id FROM r2), 'peak season'), 'dismissed', 'dismiss');
SELECT is((SELECT status || ' ' || reason FROM finsim.recommendations WHERE id = (SELECT recommendation_id FROM r2)), 'dismissed peak season', 'dismissed with the reason');
SELECT is((SELECT instance_type FROM finsim.instances WHERE instance_id = 'i-over'), 'm5.xlarge', 'dismissal changes nothing');
SELECT throws_ok(format('SELECT finsim.dismiss_recommendation(%L, %L)', (SELECT recommendation_id FROM r2), 'again'), '22023', NULL, 'dismissing twice is an error');
CREATE TEMP TABLE r3 AS SELECT * FROM finsim.apply_action('instances', 'c1000000-0000-0000-0000-000000000002', 'rightsize_instance', '{"instance_type":"m5.large"}');
SELECT isnt((SELECT recommendation_id FROM r3), (SELECT recommendation_id FROM r2), 'after a dismissal a new open recommendation is created');
SELECT throws_ok($$SELECT * FROM finsim.accept_recommendation('c9999999-0000-0000-0000-000000000000')$$, 'P0002', NULL, 'unknown recommendation');

-- acceptance under a freeze is refused and the recommendation stays open
UPDATE finsim.instances SET optimization_freeze_until = '2026-06-01' WHERE instance_id = 'i-over';
SELECT is((SELECT outcome FROM finsim.accept_recommendation((SELECT recommendation_id FROM r3))), 'refused', 'accept during a resource freeze is refused');
SELECT is((SELECT status FROM finsim.recommendations WHERE id = (SELECT recommendation_id FROM r3)), 'open', 'and the recommendation stays open');
UPDATE finsim.instances SET optimization_freeze_until = NULL WHERE instance_id = 'i-over';

-- expire: resource gone, or finding gone
CREATE TEMP TABLE r4 AS SELECT * FROM finsim.apply_action('instances', 'c1000000-0000-0000-0000-000000000003', 'stop_instance');
SELECT is((SELECT status FROM finsim.recommendations WHERE id = (SELECT recommendation_id FROM r4)), 'open', 'recommendation without a finding is open at first');
SELECT is(finsim.expire_recommendations(:C), 1, 'expire: one recommendation without a supporting finding (a 0-savings tag finding does not count)');
SELECT is((SELECT status || ' ' || decided_at FROM finsim.recommendations WHERE id = (SELECT recommendation_id FROM r4)), 'expired 2026-05-01 00:00:00+00', 'it is expired at virtual time');
SELECT is((SELECT status FROM finsim.recommendations WHERE id = (SELECT recommendation_id FROM r3)), 'open', 'a recommendation with a live finding stays open');
UPDATE finsim.instances SET state = 'terminated' WHERE instance_id = 'i-over';
SELECT is(finsim.expire_recommendations(:C), 1, 'expire: the resource was terminated');
SELECT is((SELECT status FROM finsim.recommendations WHERE id = (SELECT recommendation_id FROM r3)), 'expired', 'its recommendation expired');
UPDATE finsim.instances SET state = 'running' WHERE instance_id = 'i-over';

-- scripted run for the scorecard
CREATE TEMP TABLE run AS SELECT 'waste'::text AS step, * FROM finsim.apply_action('instances', 'c1000000-0000-0000-0000-000000000005', 'rightsize_instance', '{"instance_type":"m5.large"}');
INSERT INTO run SELECT 'busy', * FROM finsim.apply_action('instances', 'c1000000-0000-0000-0000-000000000004', 'terminate_instance', '{}', 'looks idle');
INSERT INTO run SELECT 'vol', * FROM finsim.apply_action('volumes', 'c2000000-0000-0000-0000-000000000001', 'delete_volume');
INSERT INTO run SELECT 'again', * FROM finsim.apply_action('volumes', 'c2000000-0000-0000-0000-000000000001', 'delete_volume');
CREATE TEMP TABLE sc AS SELECT * FROM finsim.scorecard(:C);
SELECT is((SELECT realized_monthly_savings FROM sc),
          (SELECT sum(est_monthly_savings) FROM run WHERE outcome = 'applied') + 140.16,
          'realized savings = the sum of the run-rate drops of applied actions (incl. the accepted one)');
SELECT is((SELECT baseline_run_rate - current_run_rate FROM sc), (SELECT realized_monthly_savings FROM sc),
          'baseline - current = realized savings when only actions changed the estate');
SELECT is((SELECT baseline_run_rate FROM sc), round((0.192 * 4 + 0.096) * 730 + 10, 6), 'baseline = run-rate at the first applied action');
SELECT is((SELECT baseline_at FROM finsim.cloud_accounts WHERE id = :C), '2026-05-01 00:00+00'::timestamptz, 'baseline_at = virtual time of that action');
SELECT is((SELECT actions_applied || '/' || actions_recommended || '/' || actions_refused FROM sc), '4/7/2',
          'applied / recommended / refused counts (every call counted)');
SELECT is((SELECT harmful_actions FROM sc), 1::bigint, 'terminating the busy prod instance (only a 0-savings tagging finding) is harmful');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE field_name = 'harmful' AND resource_id = 'c1000000-0000-0000-0000-000000000004'), 1,
          'the harmful change is recorded on its resource');
SELECT is((SELECT remaining_waste FROM sc), 140.16 + 70.08 + 140.16 + 10, 'remaining waste = best finding per resource (no double counting)');
SELECT ok((SELECT score BETWEEN 0 AND 100 FROM sc), 'score is within 0..100');

SELECT * FROM finish();
ROLLBACK;
