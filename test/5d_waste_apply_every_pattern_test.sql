-- Every pattern's findings are actionable as-is: each finding of the hand-written estate of
-- test/50 (which has a hit for every registry code) is passed unchanged to
-- finsim.apply_action (rolled back).  It is accepted — refused only when the finding says
-- frozen — and an applied one saves its est_monthly_savings within 2% (test/55's rule for
-- generated estates), apart from the listed exceptions, whose saving is not in the bill the
-- moment the action is applied.
BEGIN;
\ir fixtures/waste_estate.sql
\ir fixtures/try_finding.sql
SELECT plan(9);

CREATE TEMP TABLE x5d (pattern text PRIMARY KEY, reason text NOT NULL);
INSERT INTO x5d VALUES
  ('service_overrequested_cpu', 'container services are not billed: the bill drops when nodes are removed'),
  ('service_overrequested_memory', 'container services are not billed: the bill drops when nodes are removed'),
  ('service_excess_replicas', 'container services are not billed: the bill drops when nodes are removed'),
  ('s3_no_lifecycle', 'a lifecycle policy moves data on the following virtual days'),
  ('s3_cold_data', 'a lifecycle policy moves data on the following virtual days'),
  ('log_infinite_retention', 'retention drops stored logs on the following virtual days'),
  -- README (registry savings rule): a group without member instance rows is priced by its
  -- type, (desired_capacity - needed) x price x 730 (the guide's ASG example), but bills
  -- nothing in finsim.resource_costs, so resize_asg changes no bill
  ('asg_low_utilization', 'hand-written groups without member rows: priced by type, not billed'),
  ('asg_overprovisioned_min', 'hand-written groups without member rows: priced by type, not billed');

CREATE TEMP TABLE g5d AS
  SELECT f.*, pg_temp.try_finding(f.resource_type, f.resource_id, f.recommended_action, f.action_params) AS res
    FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001') f;

SELECT is_empty($$SELECT code FROM finsim.patterns() EXCEPT SELECT pattern FROM g5d$$,
  'the estate has findings of every registered pattern');
SELECT is_empty($$SELECT pattern, resource_name, res FROM g5d WHERE res->>'outcome' = 'error'$$,
  'no finding makes apply_action raise an error');
SELECT is_empty($$SELECT pattern, resource_name, res->>'message' FROM g5d WHERE res->>'outcome' = 'refused' AND NOT frozen$$,
  'no finding that is not frozen is refused');
SELECT ok((SELECT bool_and(res->>'outcome' = 'refused') FROM g5d WHERE frozen) AND EXISTS (SELECT 1 FROM g5d WHERE frozen),
  'frozen findings are refused');
SELECT is_empty($$SELECT pattern, resource_name, optimization_policy, res->>'outcome' FROM g5d
                   WHERE NOT frozen AND res->>'outcome' = 'recommended'
                     AND recommended_action <> 'recommend' AND optimization_policy <> 'recommend_only'$$,
  'only recommend findings and recommend_only resources end as recommendations');
SELECT is_empty($$SELECT g.pattern, g.resource_name, g.est_monthly_savings, g.res->'est_monthly_savings' FROM g5d g
                   WHERE g.res->>'outcome' IN ('applied', 'recommended')
                     AND NOT EXISTS (SELECT 1 FROM x5d x WHERE x.pattern = g.pattern)
                     AND abs((g.res->>'est_monthly_savings')::numeric - g.est_monthly_savings)
                         > 0.02 * abs(g.est_monthly_savings) + 0.005$$,
  'every applied finding (and every recommendation) carries / saves its est_monthly_savings within 2%');
SELECT is_empty($$SELECT g.pattern, g.resource_name, g.res->'est_monthly_savings' FROM g5d g JOIN x5d x USING (pattern)
                   WHERE g.res->>'outcome' = 'applied' AND (g.res->>'est_monthly_savings')::numeric <> 0$$,
  'the listed exceptions change nothing in the bill at once');

-- Two 'recommend' findings on one log group (its verbosity, $38.10, and its tags, $0): the
-- recommendation taken from one of them is that finding's, pattern and savings.
SELECT is((SELECT res->>'est_monthly_savings' FROM g5d WHERE pattern = 'untagged_resource' AND resource_name = 'log-verbose-hit'),
          '0.00', 'recommending the tagging finding records its own savings ($0), not the verbosity finding''s');
CREATE TEMP TABLE r5d AS
  SELECT a.* FROM g5d g, finsim.apply_action(g.resource_type, g.resource_id, g.recommended_action, g.action_params) a
   WHERE g.pattern = 'untagged_resource' AND g.resource_name = 'log-verbose-hit';
SELECT is((SELECT r.pattern || ' ' || r.est_monthly_savings FROM r5d JOIN finsim.recommendations r ON r.id = r5d.recommendation_id),
          'untagged_resource 0.00', 'and its recommendation names its pattern');

SELECT * FROM finish();
ROLLBACK;
