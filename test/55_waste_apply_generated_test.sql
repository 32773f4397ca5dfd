-- Every finding of a generated estate, passed as-is to finsim.apply_action (each in a
-- subtransaction that is rolled back), is accepted — refused only when the finding itself
-- says so (frozen = true) — and every applied one saves its est_monthly_savings within 2%
-- (apply_action's est_monthly_savings is the drop of finsim.monthly_run_rate).
--
-- Allowed exceptions (w55_exception): actions whose saving is real but is not in the bill
-- the moment they are applied, so apply_action reports 0 for them.  The test checks that
-- they are exactly 0 (not something else) and that nothing else is exempt.
BEGIN;
SELECT plan(9);
\ir fixtures/try_finding.sql

SELECT finsim.create_account('apply-all', 1000, 42, '2026-01-01') AS acct \gset
SELECT count(*) FROM finsim.drift_tick(:'acct', 3) \g /dev/null

CREATE TEMP TABLE w55_exception (pattern text PRIMARY KEY, reason text NOT NULL);
INSERT INTO w55_exception VALUES
  ('service_overrequested_cpu', 'container services are not billed: smaller requests pay off when the cluster then runs fewer nodes (bin-packing)'),
  ('service_overrequested_memory', 'container services are not billed: smaller requests pay off when the cluster then runs fewer nodes (bin-packing)'),
  ('service_excess_replicas', 'container services are not billed: fewer replicas pay off when the cluster then runs fewer nodes'),
  ('s3_no_lifecycle', 'a lifecycle policy moves data on the following virtual days (drift_tick); the bill drops then'),
  ('s3_cold_data', 'a lifecycle policy moves data on the following virtual days (drift_tick); the bill drops then'),
  ('log_infinite_retention', 'retention drops stored logs on the following virtual days (drift_tick); the bill drops then');

CREATE TEMP TABLE g55 AS
  SELECT f.*, pg_temp.try_finding(f.resource_type, f.resource_id, f.recommended_action, f.action_params) AS res
    FROM finsim.waste_findings(:'acct') f;

SELECT cmp_ok((SELECT count(DISTINCT pattern)::int FROM g55), '>=', 30,
              'the generated estate has findings of many patterns');
SELECT is_empty($$SELECT pattern, resource_name, res FROM g55 WHERE res->>'outcome' = 'error'$$,
  'no finding makes apply_action raise an error');
SELECT is_empty($$SELECT pattern, resource_name, frozen, res->>'message' FROM g55
                   WHERE res->>'outcome' = 'refused' AND NOT frozen$$,
  'no finding that is not frozen is refused');
SELECT is_empty($$SELECT pattern, resource_name, res->>'message' FROM g55
                   WHERE res->>'outcome' = 'refused' AND res->>'message' NOT LIKE '%frozen until%'$$,
  'frozen findings are refused for their freeze only');
SELECT is_empty($$SELECT pattern, resource_name, res->>'outcome' FROM g55
                   WHERE res->>'outcome' NOT IN ('applied', 'recommended', 'refused')$$,
  'every finding has an outcome');
SELECT is_empty($$SELECT pattern, resource_name, optimization_policy, res->>'outcome' FROM g55
                   WHERE NOT frozen AND res->>'outcome' = 'recommended'
                     AND recommended_action <> 'recommend' AND optimization_policy <> 'recommend_only'$$,
  'only recommend_only resources and recommend findings end as recommendations');
SELECT is_empty($$SELECT g.pattern, g.resource_name, g.est_monthly_savings, g.res->'est_monthly_savings' FROM g55 g
                   WHERE g.res->>'outcome' = 'applied'
                     AND NOT EXISTS (SELECT 1 FROM w55_exception x WHERE x.pattern = g.pattern)
                     AND abs((g.res->>'est_monthly_savings')::numeric - g.est_monthly_savings)
                         > 0.02 * abs(g.est_monthly_savings) + 0.005$$,
  'every applied finding saves its est_monthly_savings within 2% (rounding to cents allowed)');
SELECT is_empty($$SELECT g.pattern, g.resource_name, g.res->'est_monthly_savings' FROM g55 g
                   JOIN w55_exception x ON x.pattern = g.pattern
                   WHERE g.res->>'outcome' = 'applied' AND (g.res->>'est_monthly_savings')::numeric <> 0$$,
  'the listed exceptions change nothing in the bill at once (their savings come later)');
SELECT cmp_ok((SELECT count(*)::int FROM g55 WHERE res->>'outcome' = 'applied'), '>=', 100,
              'many findings were applied and compared');

SELECT * FROM finish();
ROLLBACK;
