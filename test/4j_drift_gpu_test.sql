-- container_nodes.avg_gpu_7d is a 7-day column like the others: the drift engine writes a GPU
-- node's day of GPU utilisation into metrics_daily (payload key gpu_avg) and recomputes
-- avg_gpu_7d from those rows, continuing the node's level (its GPU moves with its CPU
-- activity), so node_unused_gpu keeps finding the idle GPUs the generator placed.  A stopped
-- GPU node uses 0 %; nodes without a GPU get no gpu_avg and keep avg_gpu_7d.  (It used to be
-- the generator's value forever.)
BEGIN;
SET client_min_messages = warning;
SELECT plan(9);

SELECT finsim.create_account('drift4j', 2000, 42, '2026-01-05') AS a \gset
CREATE TEMP TABLE before AS
  SELECT id, has_gpu, state, avg_gpu_7d FROM finsim.container_nodes WHERE account_id = :'a';
CREATE TEMP TABLE unused_before AS
  SELECT resource_id FROM finsim.waste_findings(:'a') WHERE pattern = 'node_unused_gpu';
SELECT cmp_ok((SELECT count(*) FROM before WHERE has_gpu AND state = 'running' AND avg_gpu_7d IS NOT NULL), '>=', 2::bigint,
              'the estate has running GPU nodes with a GPU level');
-- A busy GPU node stops (as an agent or a person would stop it).
SELECT id AS stopped FROM before WHERE has_gpu AND state = 'running' AND avg_gpu_7d >= 20 ORDER BY id LIMIT 1 \gset
UPDATE finsim.container_nodes SET state = 'stopped' WHERE account_id = :'a' AND id = :'stopped';

SELECT count(*) FROM finsim.drift_tick(:'a', 10);

-- Day D = 2026-01-14: the last simulated day.
SELECT is((SELECT count(*) FROM finsim.container_nodes n JOIN finsim.metrics_daily m ON m.account_id = n.account_id
             AND m.resource_type = 'container_nodes' AND m.resource_id = n.id::text AND m.date = '2026-01-14'
            WHERE n.account_id = :'a' AND n.has_gpu AND n.avg_gpu_7d IS NOT NULL AND NOT m.metric_payload ? 'gpu_avg'),
          0::bigint, 'every GPU node''s day carries gpu_avg');
SELECT is((SELECT count(*) FROM finsim.metrics_daily m JOIN finsim.container_nodes n ON n.account_id = m.account_id
             AND n.id::text = m.resource_id
            WHERE m.account_id = :'a' AND m.resource_type = 'container_nodes' AND NOT n.has_gpu
              AND m.metric_payload ? 'gpu_avg'), 0::bigint, 'nodes without a GPU have none');
SELECT is((SELECT count(*) FROM finsim.container_nodes n
            WHERE n.account_id = :'a' AND n.has_gpu AND n.avg_gpu_7d IS DISTINCT FROM
              (SELECT round(avg((m.metric_payload->>'gpu_avg')::numeric), 4) FROM finsim.metrics_daily m
                WHERE m.account_id = n.account_id AND m.resource_type = 'container_nodes'
                  AND m.resource_id = n.id::text AND m.date BETWEEN '2026-01-08' AND '2026-01-14')),
          0::bigint, 'avg_gpu_7d = the mean of the last 7 days'' gpu_avg');
SELECT ok((SELECT count(*) FROM finsim.container_nodes n JOIN before b ON b.id = n.id
            WHERE n.account_id = :'a' AND n.has_gpu AND n.avg_gpu_7d IS DISTINCT FROM b.avg_gpu_7d) > 0,
          'avg_gpu_7d moves (it is not the generated value forever)');
SELECT is((SELECT count(*) FROM finsim.container_nodes n JOIN before b ON b.id = n.id
            WHERE n.account_id = :'a' AND NOT n.has_gpu AND n.avg_gpu_7d IS DISTINCT FROM b.avg_gpu_7d),
          0::bigint, 'nodes without a GPU keep their avg_gpu_7d');
SELECT is((SELECT array_agg(DISTINCT (metric_payload->>'gpu_avg')::numeric) FROM finsim.metrics_daily
            WHERE account_id = :'a' AND resource_id = :'stopped'::text AND date >= '2026-01-05'),
          ARRAY[0::numeric], 'a stopped GPU node uses 0 % GPU');
SELECT is((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'a' AND resource_type = 'container_nodes'
             AND (metric_payload->>'gpu_avg')::numeric NOT BETWEEN 0 AND 100), 0::bigint, 'gpu_avg within 0..100');
SELECT is((SELECT count(*) FROM unused_before u WHERE u.resource_id <> :'stopped'::text AND NOT EXISTS (
             SELECT 1 FROM finsim.waste_findings(:'a') w WHERE w.pattern = 'node_unused_gpu'
                AND w.resource_id = u.resource_id)), 0::bigint,
          'the idle GPUs the generator placed are still found ten days later');

SELECT * FROM finish();
ROLLBACK;
