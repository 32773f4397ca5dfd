-- The generator writes metrics_daily history only for instances, container nodes, RDS, cache
-- and managed services; Lambda functions, load balancers, volumes, container services and
-- streams start with their 7-day columns and no rows.  While a resource holds fewer than
-- seven days of rows, each missing day of the window counts at the column's value before the
-- tick (the level those days had), so the 7-day columns stay continuous across the first
-- ticks, and equal the plain mean / sum of metrics_daily once seven days are held.
BEGIN;
SET client_min_messages = warning;
SELECT plan(9);

SELECT finsim.create_account('drift4b', 2000, 42, '2026-01-08') AS a \gset
CREATE TEMP TABLE b AS
  SELECT 'lambda_functions' AS kind, id, invocations_7d::numeric AS v FROM finsim.lambda_functions WHERE account_id = :'a'
  UNION ALL SELECT 'lb', id, avg_request_count_7d FROM finsim.load_balancers WHERE account_id = :'a'
  UNION ALL SELECT 'volumes', id, avg_iops_7d FROM finsim.volumes WHERE account_id = :'a' AND state = 'in-use';
CREATE FUNCTION pg_temp.now_v() RETURNS TABLE(kind text, id uuid, v numeric) LANGUAGE sql AS $$
  SELECT 'lambda_functions', id, invocations_7d::numeric FROM finsim.lambda_functions WHERE account_id = current_setting('t.a')::uuid
  UNION ALL SELECT 'lb', id, avg_request_count_7d FROM finsim.load_balancers WHERE account_id = current_setting('t.a')::uuid
  UNION ALL SELECT 'volumes', id, avg_iops_7d FROM finsim.volumes WHERE account_id = current_setting('t.a')::uuid
$$;
SELECT set_config('t.a', :'a', true);
-- Share (%) of kind's resources with a busy level (> 50 a day / in the window) whose column
-- is now within 25% of its value before the first tick (a load balancer whose traffic the
-- drift engine ended is not counted).
CREATE FUNCTION pg_temp.continuous(k text) RETURNS numeric LANGUAGE sql AS $$
  SELECT round(100.0 * count(*) FILTER (WHERE n.v BETWEEN b.v * 0.75 AND b.v * 1.25) / nullif(count(*), 0), 1)
    FROM b JOIN pg_temp.now_v() n USING (kind, id) WHERE b.kind = k AND b.v > 50
     AND NOT EXISTS (SELECT 1 FROM finsim.resource_change_events e WHERE e.account_id = current_setting('t.a')::uuid
                       AND e.resource_id = b.id::text AND e.field_name = 'traffic')  -- lost its traffic for good
$$;

SELECT count(*) FROM finsim.drift_tick(:'a', 1);
SELECT cmp_ok(pg_temp.continuous('lambda_functions'), '>=', 95::numeric, 'day 1: Lambda invocations_7d continuous');
SELECT cmp_ok(pg_temp.continuous('lb'), '>=', 95::numeric, 'day 1: load balancers'' avg_request_count_7d continuous');
SELECT cmp_ok(pg_temp.continuous('volumes'), '>=', 95::numeric, 'day 1: volumes'' avg_iops_7d continuous');
SELECT count(*) FROM finsim.drift_tick(:'a', 3);
SELECT cmp_ok(pg_temp.continuous('lambda_functions'), '>=', 95::numeric, 'day 4: Lambda invocations_7d continuous');
SELECT cmp_ok(pg_temp.continuous('lb'), '>=', 95::numeric, 'day 4: load balancers'' avg_request_count_7d continuous');
SELECT count(*) FROM finsim.drift_tick(:'a', 3);
SELECT cmp_ok(pg_temp.continuous('lambda_functions'), '>=', 95::numeric, 'day 7: Lambda invocations_7d continuous');
SELECT cmp_ok(pg_temp.continuous('lb'), '>=', 95::numeric, 'day 7: load balancers'' avg_request_count_7d continuous');
-- Seven days held: the columns are the plain sum / mean of metrics_daily again.
SELECT is((SELECT count(*) FROM finsim.lambda_functions f WHERE f.account_id = :'a' AND f.invocations_7d <>
            (SELECT sum((m.metric_payload->>'invocations')::numeric) FROM finsim.metrics_daily m
              WHERE m.account_id = f.account_id AND m.resource_type = 'lambda_functions' AND m.resource_id = f.id::text
                AND m.date BETWEEN '2026-01-08' AND '2026-01-14')), 0::bigint, 'day 7: invocations_7d = sum of the 7 days');
SELECT is((SELECT count(*) FROM finsim.load_balancers l WHERE l.account_id = :'a' AND l.avg_request_count_7d <>
            (SELECT round(avg((m.metric_payload->>'requests')::numeric), 4) FROM finsim.metrics_daily m
              WHERE m.account_id = l.account_id AND m.resource_type = 'load_balancers' AND m.resource_id = l.id::text
                AND m.date BETWEEN '2026-01-08' AND '2026-01-14')), 0::bigint, 'day 7: avg_request_count_7d = mean of the 7 days');

SELECT * FROM finish();
ROLLBACK;
