-- Every live and 7-day column of every metric table equals what metrics_daily holds, after
-- 45 simulated days (one 20-day call, then 25 one-day calls) with agent-style changes made in
-- between (an instance stopped, a stopped one started, a service scaled to zero, a volume
-- detached): the tick writes each *_7d as today's value plus the sums and counts of the six
-- stored days, and this checks it against a plain numeric avg()/sum() over D-6..D.
BEGIN;
SET client_min_messages = warning;
\ir 40_drift_estate.psql
SELECT plan(21);

-- 'ok' when the table has rows with a metrics_daily row on day d and every one of them has
-- col = round(agg(payload key over d-6..d), 4) (agg = 'sum' compares as bigint); otherwise
-- the counts, for the diagnostics.
CREATE FUNCTION pg_temp.check7(acct uuid, d date, tbl text, col text, key text, agg text DEFAULT 'avg')
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  checked bigint;
  bad bigint;
BEGIN
  EXECUTE format($q$
    SELECT count(*), count(*) FILTER (WHERE t.%1$I IS DISTINCT FROM (
             SELECT %4$s FROM finsim.metrics_daily m
              WHERE m.account_id = t.account_id AND m.resource_type = %2$L AND m.resource_id = t.id::text
                AND m.date BETWEEN $2 - 6 AND $2))
      FROM finsim.%2$I t
     WHERE t.account_id = $1 AND EXISTS (SELECT 1 FROM finsim.metrics_daily m WHERE m.account_id = t.account_id
             AND m.resource_type = %2$L AND m.resource_id = t.id::text AND m.date = $2)$q$,
    col, tbl, key,
    CASE agg WHEN 'sum' THEN format('sum((m.metric_payload->>%L)::numeric)::bigint', key)
             ELSE format('round(avg((m.metric_payload->>%L)::numeric), 4)', key) END)
    INTO checked, bad USING acct, d;
  RETURN CASE WHEN checked > 0 AND bad = 0 THEN 'ok' ELSE format('checked=%s mismatched=%s', checked, bad) END;
END
$$;

-- The live value: day d's payload value.
CREATE FUNCTION pg_temp.check_live(acct uuid, d date, tbl text, col text, key text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  checked bigint;
  bad bigint;
BEGIN
  EXECUTE format($q$
    SELECT count(*), count(*) FILTER (WHERE t.%1$I IS DISTINCT FROM (m.metric_payload->>%3$L)::numeric)
      FROM finsim.%2$I t JOIN finsim.metrics_daily m ON m.account_id = t.account_id
       AND m.resource_type = %2$L AND m.resource_id = t.id::text AND m.date = $2
     WHERE t.account_id = $1$q$, col, tbl, key)
    INTO checked, bad USING acct, d;
  RETURN CASE WHEN checked > 0 AND bad = 0 THEN 'ok' ELSE format('checked=%s mismatched=%s', checked, bad) END;
END
$$;

SELECT pg_temp.drift_estate('drift42', 42) AS a \gset
SELECT count(*) FROM finsim.drift_tick(:'a', 20);
-- Agent-style changes (by hand, as in 40_drift_tick_test).
UPDATE finsim.instances SET state = 'stopped' WHERE id = md5('inst2:drift42')::uuid;
UPDATE finsim.instances SET state = 'running' WHERE id = md5('inst4:drift42')::uuid;
UPDATE finsim.container_services SET replica_count = 0 WHERE account_id = :'a';
UPDATE finsim.volumes SET state = 'available', attached_instance_id = NULL WHERE id = md5('vol1:drift42')::uuid;
SELECT count(*) FROM generate_series(1, 25) g, LATERAL finsim.drift_tick(:'a', 1 + 0 * g);  -- one call per day

SELECT is(finsim.now(:'a'), '2026-02-19 00:00+00'::timestamptz, '45 days simulated');
\set d '''2026-02-18'''
SELECT is(pg_temp.check7(:'a', :d, 'instances', 'avg_cpu_7d', 'cpu_avg'), 'ok', 'instances.avg_cpu_7d');
SELECT is(pg_temp.check7(:'a', :d, 'instances', 'avg_network_7d', 'network'), 'ok', 'instances.avg_network_7d');
SELECT is(pg_temp.check_live(:'a', :d, 'instances', 'current_cpu', 'cpu_avg'), 'ok', 'instances.current_cpu');
SELECT is(pg_temp.check_live(:'a', :d, 'instances', 'current_memory', 'memory_avg'), 'ok', 'instances.current_memory');
SELECT is(pg_temp.check_live(:'a', :d, 'autoscaling_groups', 'current_utilization', 'cpu_avg'), 'ok',
          'autoscaling_groups.current_utilization');
SELECT is(pg_temp.check7(:'a', :d, 'lambda_functions', 'invocations_7d', 'invocations', 'sum'), 'ok',
          'lambda_functions.invocations_7d');
SELECT is(pg_temp.check7(:'a', :d, 'lambda_functions', 'avg_duration_ms_7d', 'duration_ms'), 'ok',
          'lambda_functions.avg_duration_ms_7d');
SELECT is(pg_temp.check7(:'a', :d, 'container_nodes', 'avg_cpu_7d', 'cpu_avg'), 'ok', 'container_nodes.avg_cpu_7d');
SELECT is(pg_temp.check7(:'a', :d, 'container_nodes', 'avg_memory_7d', 'memory_avg'), 'ok', 'container_nodes.avg_memory_7d');
SELECT is(pg_temp.check7(:'a', :d, 'container_services', 'avg_cpu_7d', 'cpu_cores'), 'ok',
          'container_services.avg_cpu_7d (cores), across a scale to zero');
SELECT is(pg_temp.check7(:'a', :d, 'container_services', 'avg_memory_7d', 'memory_mb'), 'ok',
          'container_services.avg_memory_7d (MB)');
SELECT is(pg_temp.check7(:'a', :d, 'volumes', 'avg_iops_7d', 'iops'), 'ok', 'volumes.avg_iops_7d, across a detach');
SELECT is(pg_temp.check7(:'a', :d, 'rds_instances', 'avg_cpu_7d', 'cpu_avg'), 'ok', 'rds_instances.avg_cpu_7d');
SELECT is(pg_temp.check7(:'a', :d, 'rds_instances', 'avg_connections_7d', 'connections'), 'ok',
          'rds_instances.avg_connections_7d');
SELECT is(pg_temp.check7(:'a', :d, 'cache_clusters', 'avg_cpu_7d', 'cpu_avg'), 'ok', 'cache_clusters.avg_cpu_7d');
SELECT is(pg_temp.check7(:'a', :d, 'cache_clusters', 'avg_memory_7d', 'memory_avg'), 'ok', 'cache_clusters.avg_memory_7d');
SELECT is(pg_temp.check7(:'a', :d, 'load_balancers', 'avg_request_count_7d', 'requests'), 'ok',
          'load_balancers.avg_request_count_7d');
SELECT is(pg_temp.check7(:'a', :d, 'managed_services', 'avg_cpu_7d', 'cpu_avg'), 'ok', 'managed_services.avg_cpu_7d');
SELECT is(pg_temp.check7(:'a', :d, 'managed_services', 'avg_memory_7d', 'memory_avg'), 'ok',
          'managed_services.avg_memory_7d');
SELECT is(pg_temp.check7(:'a', :d, 'streaming_clusters', 'avg_usage_mbps_7d', 'usage_mbps'), 'ok',
          'streaming_clusters.avg_usage_mbps_7d');

SELECT * FROM finish();
ROLLBACK;
