-- The tick continues each resource's generated level: the waste the generator placed is still
-- there after 1 and after 7 ticks.  For idle_instance, lb_unused,
-- lambda_unused_provisioned_concurrency and s3_cold_data, at least 95% of the resources
-- found before the first tick are still found after it and after seven (each pattern
-- separately), counting only resources the simulation left in place: an idle preview box may
-- be torn down (terminated), and a bucket's lifecycle moves Standard data to IA at 1/30 a
-- day, so a cold bucket near the 100 GB floor leaves the pattern by shrinking, not drifting.
-- Why 95% and not 100%: the first tick divides the generated 7-day level by the model's
-- noise of days the generator did not draw from the model, a one-off factor of about
-- 1 +- 6% (idle noise 15% / sqrt 7), so a resource generated right at a threshold's edge
-- (idle instances at 4.5% CPU) may cross it; a load balancer whose traffic stops for good
-- (0.2% a day) gets stray health probes.  The old model kept 30 of 73 idle instances.
BEGIN;
SET client_min_messages = warning;
SELECT plan(12);

-- Thursday: the seven ticks cross a weekend.
SELECT finsim.create_account('drift4a', 2000, 42, '2026-01-08') AS a \gset

CREATE FUNCTION pg_temp.found(a uuid) RETURNS TABLE(pattern text, resource_id text) LANGUAGE sql AS $$
  SELECT pattern, resource_id FROM finsim.waste_findings(a)
   WHERE pattern IN ('idle_instance', 'lb_unused', 'lambda_unused_provisioned_concurrency', 's3_cold_data')
$$;
CREATE TEMP TABLE before AS SELECT * FROM pg_temp.found(:'a');
CREATE TEMP TABLE levels AS SELECT id, avg_cpu_7d FROM finsim.instances WHERE account_id = :'a' AND state = 'running';
-- Share (%) of each pattern's earlier findings found now, among resources still in place.
CREATE FUNCTION pg_temp.kept(a uuid) RETURNS TABLE(pattern text, found bigint, kept numeric) LANGUAGE sql AS $$
  SELECT b.pattern, count(*),
         round(100.0 * count(*) FILTER (WHERE (b.pattern, b.resource_id) IN (SELECT * FROM pg_temp.found(a))) / count(*), 1)
    FROM before b
   WHERE b.pattern NOT IN ('idle_instance', 's3_cold_data')
      OR EXISTS (SELECT 1 FROM finsim.instances i WHERE i.account_id = a AND i.id::text = b.resource_id
                   AND i.state = 'running')
      OR (SELECT u.storage_gb_standard FROM finsim.s3_bucket_usage_daily u WHERE u.account_id = a
           AND u.bucket_id::text = b.resource_id ORDER BY u.date DESC LIMIT 1) >= 100
   GROUP BY 1
$$;

SELECT cmp_ok((SELECT count(*) FROM before WHERE pattern = 'idle_instance'), '>=', 30::bigint, 'idle instances generated');
SELECT cmp_ok((SELECT count(DISTINCT pattern) FROM before), '=', 4::bigint, 'every pattern has generated findings');

-- One assertion per pattern (plan counts them: a pattern without earlier findings is missing).
CREATE FUNCTION pg_temp.assert_kept(a uuid, label text) RETURNS SETOF text LANGUAGE sql AS $$
  SELECT cmp_ok(k.kept, '>=', 95::numeric, format('after %s: %s kept', label, k.pattern))
    FROM pg_temp.kept(a) k ORDER BY k.pattern
$$;

SELECT count(*) FROM finsim.drift_tick(:'a', 1);
SELECT pg_temp.assert_kept(:'a', '1 tick');
SELECT count(*) FROM finsim.drift_tick(:'a', 6);
SELECT pg_temp.assert_kept(:'a', '7 ticks');

-- Levels themselves: a week later, a running instance's 7-day CPU is within 30% of its
-- generated one (one-off factor ~6% plus a week of noise; the old model drew a new level).
SELECT cmp_ok((SELECT round(100.0 * count(*) FILTER (WHERE i.avg_cpu_7d BETWEEN l.avg_cpu_7d * 0.7 AND l.avg_cpu_7d * 1.3) / count(*), 1)
                 FROM levels l JOIN finsim.instances i USING (id) WHERE i.state = 'running'),
              '>=', 95::numeric, 'after 7 ticks: running instances keep their 7-day CPU level (within 30%)');
SELECT cmp_ok((SELECT round(100.0 * count(*) FILTER (WHERE i.avg_cpu_7d < 5) / count(*), 1)
                 FROM levels l JOIN finsim.instances i USING (id) WHERE i.state = 'running' AND l.avg_cpu_7d < 4),
              '>=', 99::numeric, 'after 7 ticks: instances idle below 4% are still below 5%');

SELECT * FROM finish();
ROLLBACK;
