-- Estate generator: shape, proportions, waste patterns and their threshold neighbours,
-- relations, history consistency, determinism, atomicity, bad input, privileges.
BEGIN;
SELECT plan(171);

\ir fixtures/estate_digest.sql

CREATE TEMP TABLE acct AS
  SELECT finsim.create_account('tap-generator', 2000, 7, '2026-03-02') AS id, '2026-03-02 00:00+00'::timestamptz AS now;

-- ---------------------------------------------------------------- the account and its shape
SELECT is((SELECT (name, seed, resources_requested, start_date, virtual_time)::text FROM finsim.cloud_accounts WHERE id = (SELECT id FROM acct)),
          '(tap-generator,7,2000,2026-03-02,"2026-03-02 00:00:00+00")', 'account row: name, seed, resources, start_date, clock at start_date 00:00 UTC');
SELECT ok((SELECT freeze_optimizations_until < virtual_time FROM finsim.cloud_accounts WHERE id = (SELECT id FROM acct)),
          'the account-level freeze is in the past (agents may act)');
SELECT is((SELECT sum(resources)::int FROM finsim.estate_summary((SELECT id FROM acct))), 2000, 'exactly 2000 resource rows');
SELECT is((SELECT count(*)::int FROM finsim.estate_summary((SELECT id FROM acct)) WHERE resources > 0), 18, 'every resource table populated');
SELECT ok((SELECT sum(monthly_run_rate) > 0 FROM finsim.estate_summary((SELECT id FROM acct))), 'estate has a positive run-rate');

-- proportions
CREATE TEMP VIEW counts AS SELECT resource_type, resources FROM finsim.estate_summary((SELECT id FROM acct));
SELECT ok((SELECT resources = (SELECT max(resources) FROM counts) FROM counts WHERE resource_type = 'instances'), 'instances are the largest group');
SELECT ok((SELECT resources BETWEEN 500 AND 700 FROM counts WHERE resource_type = 'instances'), 'instances are about 30% of the estate');
SELECT ok((SELECT v.resources::numeric / i.resources BETWEEN 0.8 AND 2 FROM counts v, counts i WHERE v.resource_type = 'volumes' AND i.resource_type = 'instances'), 'about one or two volumes per instance');
SELECT ok((SELECT resources BETWEEN 100 AND 300 FROM counts WHERE resource_type = 'snapshots'), 'snapshots about 10%');
SELECT ok((SELECT bool_and(resources BETWEEN 5 AND 200) FROM counts WHERE resource_type IN ('lambda_functions', 'rds_instances', 'cache_clusters', 'load_balancers', 'elastic_ips', 's3_buckets', 'log_groups', 'container_nodes', 'container_services')),
          'mid-sized groups between 5 and 200');
SELECT ok((SELECT bool_and(resources BETWEEN 1 AND 40) FROM counts WHERE resource_type IN ('autoscaling_groups', 'container_clusters', 'commitments', 'managed_services', 'streaming_clusters', 'api_clients')),
          'small groups between 1 and 40');
SELECT is((SELECT count(DISTINCT env)::int FROM finsim.instances WHERE account_id = (SELECT id FROM acct)), 4, 'four environments');
SELECT ok((SELECT env FROM finsim.instances WHERE account_id = (SELECT id FROM acct) GROUP BY env ORDER BY count(*) DESC LIMIT 1) = 'prod', 'prod is the largest environment');
SELECT ok((SELECT count(DISTINCT region) FROM finsim.instances WHERE account_id = (SELECT id FROM acct)) >= 4, 'at least four regions');
SELECT ok((SELECT count(*) FILTER (WHERE env = 'preview')::numeric / count(*) BETWEEN 0.03 AND 0.2 FROM finsim.instances WHERE account_id = (SELECT id FROM acct)), 'preview is a small share');
SELECT ok((SELECT count(*) FILTER (WHERE state = 'running')::numeric / count(*) > 0.85 FROM finsim.instances WHERE account_id = (SELECT id FROM acct)), 'most instances run');
SELECT ok((SELECT count(*) FILTER (WHERE optimization_policy = 'auto_safe')::numeric / count(*) BETWEEN 0.75 AND 0.93 FROM finsim.instances WHERE account_id = (SELECT id FROM acct)), 'policy mix: mostly auto_safe');
SELECT ok((SELECT count(*) FILTER (WHERE optimization_policy = 'recommend_only') > 0 AND count(*) FILTER (WHERE optimization_policy = 'ignore') > 0 FROM finsim.instances WHERE account_id = (SELECT id FROM acct)), 'policy mix: recommend_only and ignore present');
SELECT ok((SELECT count(*) > 0 FROM finsim.instances WHERE account_id = (SELECT id FROM acct) AND optimization_freeze_until > (SELECT now FROM acct)), 'active resource freezes present');
SELECT ok((SELECT count(*) > 0 FROM finsim.instances WHERE account_id = (SELECT id FROM acct) AND optimization_freeze_until < (SELECT now FROM acct)), 'expired resource freezes present');

-- identifiers look like AWS
SELECT ok((SELECT bool_and(instance_id ~ '^i-0[0-9a-f]{16}$') FROM finsim.instances WHERE account_id = (SELECT id FROM acct)), 'instance ids i-0…');
SELECT ok((SELECT bool_and(volume_id ~ '^vol-0[0-9a-f]{16}$') FROM finsim.volumes WHERE account_id = (SELECT id FROM acct)), 'volume ids vol-0…');
SELECT ok((SELECT bool_and(snapshot_id ~ '^snap-0[0-9a-f]{16}$') FROM finsim.snapshots WHERE account_id = (SELECT id FROM acct)), 'snapshot ids snap-0…');
SELECT ok((SELECT bool_and(allocation_id ~ '^eipalloc-0[0-9a-f]{16}$') FROM finsim.elastic_ips WHERE account_id = (SELECT id FROM acct)), 'allocation ids eipalloc-0…');
SELECT ok((SELECT bool_and(lb_arn ~ '^arn:aws:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/') FROM finsim.load_balancers WHERE account_id = (SELECT id FROM acct)), 'load balancer ARNs');
SELECT ok((SELECT bool_and(access_key_id ~ '^AKIA[A-Z2-7]{16}$') FROM finsim.api_clients WHERE account_id = (SELECT id FROM acct)), 'access key ids AKIA…');
SELECT ok((SELECT bool_and(secret_key_hash LIKE '!generated-key-no-secret!%') FROM finsim.api_clients WHERE account_id = (SELECT id FROM acct)), 'generated keys carry no usable secret');

-- costs come from the catalog (spot checks against the guide's prices)
SELECT ok((SELECT bool_and(hourly_cost = 0.192) FROM finsim.instances WHERE account_id = (SELECT id FROM acct) AND instance_type = 'm5.xlarge' AND region = 'us-east-1'), 'm5.xlarge us-east-1 at $0.192/h');
SELECT ok((SELECT bool_and(monthly_cost = size_gib * 0.125) FROM finsim.volumes WHERE account_id = (SELECT id FROM acct) AND volume_type = 'io1' AND region = 'us-east-1'), 'io1 at $0.125/GiB-month');
SELECT ok((SELECT bool_and(hourly_cost = CASE state WHEN 'unassociated' THEN 0.005 ELSE 0 END) FROM finsim.elastic_ips WHERE account_id = (SELECT id FROM acct) AND region = 'us-east-1'), 'EIP $0.005/h only when unassociated');
SELECT ok((SELECT bool_and(monthly_cost = size_gib * 0.05) FROM finsim.snapshots WHERE account_id = (SELECT id FROM acct) AND region = 'us-east-1'), 'snapshots at $0.05/GiB-month');
SELECT ok((SELECT bool_and(hourly_cost > 0) FROM finsim.load_balancers WHERE account_id = (SELECT id FROM acct)), 'load balancers priced');

-- ---------------------------------------------------------------- every waste pattern present
CREATE TEMP TABLE waste AS
SELECT * FROM (VALUES
 ('idle_instance', (SELECT count(*) FROM finsim.instances i, acct a WHERE i.account_id = a.id AND state = 'running' AND avg_cpu_7d < 5)),
 ('stopped_instance', (SELECT count(*) FROM finsim.instances i JOIN finsim.volumes v ON v.account_id = i.account_id AND v.attached_instance_id = i.instance_id, acct a WHERE i.account_id = a.id AND i.state = 'stopped')),
 ('oversized_instance', (SELECT count(*) FROM finsim.instances i, acct a WHERE i.account_id = a.id AND state = 'running' AND instance_type ~ '\.(2|4|8)xlarge$' AND avg_cpu_7d BETWEEN 5 AND 20)),
 ('forgotten_preview', (SELECT count(*) FROM finsim.instances i, acct a WHERE i.account_id = a.id AND env = 'preview' AND state = 'running' AND launch_time < a.now - interval '7 days')),
 ('previous_generation_instance', (SELECT count(*) FROM finsim.instances i, acct a WHERE i.account_id = a.id AND instance_type ~ '^(t2|m4|c4|r4)\.')),
 ('dev_always_on', (SELECT count(*) FROM finsim.instances i, acct a WHERE i.account_id = a.id AND env IN ('dev', 'staging') AND state = 'running' AND schedule IS NULL)),
 ('asg_overprovisioned_min', (SELECT count(*) FROM finsim.autoscaling_groups g, acct a WHERE g.account_id = a.id AND min_size = desired_capacity AND current_utilization < 30)),
 ('asg_low_utilization', (SELECT count(*) FROM finsim.autoscaling_groups g, acct a WHERE g.account_id = a.id AND current_utilization < 30)),
 ('lambda_unused_provisioned_concurrency', (SELECT count(*) FROM finsim.lambda_functions f, acct a WHERE f.account_id = a.id AND provisioned_concurrency > 0 AND invocations_7d < 1000)),
 ('lambda_oversized_memory', (SELECT count(*) FROM finsim.lambda_functions f, acct a WHERE f.account_id = a.id AND memory_mb >= 3008 AND avg_duration_ms_7d < 250)),
 ('lambda_excessive_timeout', (SELECT count(*) FROM finsim.lambda_functions f, acct a WHERE f.account_id = a.id AND timeout_seconds = 900 AND avg_duration_ms_7d < 1000)),
 ('cluster_overprovisioned', (SELECT count(*) FROM (SELECT n.cluster_id FROM finsim.container_nodes n, acct a WHERE n.account_id = a.id GROUP BY 1 HAVING avg(avg_cpu_7d) < 30) x)),
 ('cluster_high_min', (SELECT count(*) FROM finsim.container_clusters c, acct a WHERE c.account_id = a.id AND min_nodes = desired_nodes AND desired_nodes > 0)),
 ('node_underutilized', (SELECT count(*) FROM finsim.container_nodes n, acct a WHERE n.account_id = a.id AND state = 'running' AND avg_cpu_7d < 30)),
 ('node_orphaned', (SELECT count(*) FROM finsim.container_nodes n, acct a WHERE n.account_id = a.id AND state = 'stopped')),
 ('service_overrequested_cpu', (SELECT count(*) FROM finsim.container_services s, acct a WHERE s.account_id = a.id AND avg_cpu_7d < 0.3 * requested_cpu)),
 ('service_overrequested_memory', (SELECT count(*) FROM finsim.container_services s, acct a WHERE s.account_id = a.id AND avg_memory_7d < 0.3 * requested_memory_mb)),
 ('service_excess_replicas', (SELECT count(*) FROM finsim.container_services s, acct a WHERE s.account_id = a.id AND replica_count >= 8 AND avg_cpu_7d < 0.25 * requested_cpu)),
 ('unattached_volume', (SELECT count(*) FROM finsim.volumes v, acct a WHERE v.account_id = a.id AND state = 'available')),
 ('premium_volume_low_iops', (SELECT count(*) FROM finsim.volumes v, acct a WHERE v.account_id = a.id AND volume_type IN ('io1', 'io2') AND avg_iops_7d < 0.2 * provisioned_iops)),
 ('gp2_volume', (SELECT count(*) FROM finsim.volumes v, acct a WHERE v.account_id = a.id AND volume_type = 'gp2')),
 ('forgotten_volume', (SELECT count(*) FROM finsim.volumes v, acct a WHERE v.account_id = a.id AND state = 'available' AND last_used_at < a.now - interval '90 days')),
 ('orphaned_snapshot', (SELECT count(*) FROM finsim.snapshots s LEFT JOIN finsim.volumes v ON v.account_id = s.account_id AND s.source_volume_id = v.volume_id, acct a WHERE s.account_id = a.id AND v.id IS NULL)),
 ('old_snapshot', (SELECT count(*) FROM finsim.snapshots s, acct a WHERE s.account_id = a.id AND s.created_at < a.now - interval '90 days')),
 ('duplicate_snapshots', (SELECT count(*) FROM (SELECT 1 FROM finsim.snapshots s, acct a WHERE s.account_id = a.id GROUP BY source_volume_id, s.created_at::date HAVING count(*) > 1) x)),
 ('s3_no_lifecycle', (SELECT count(*) FROM finsim.s3_buckets b, acct a WHERE b.account_id = a.id AND lifecycle_policy IS NULL)),
 ('s3_cold_data', (SELECT count(*) FROM finsim.s3_bucket_usage_daily d, acct a WHERE d.account_id = a.id AND d.date = a.now::date - 1 AND requests_count < 100 AND storage_gb_standard > 100)),
 ('rds_oversized', (SELECT count(*) FROM finsim.rds_instances r, acct a WHERE r.account_id = a.id AND state = 'available' AND avg_cpu_7d < 20)),
 ('rds_low_connections', (SELECT count(*) FROM finsim.rds_instances r, acct a WHERE r.account_id = a.id AND state = 'available' AND avg_connections_7d < 10)),
 ('rds_stopped', (SELECT count(*) FROM finsim.rds_instances r, acct a WHERE r.account_id = a.id AND state = 'stopped')),
 ('rds_overprovisioned_storage', (SELECT count(*) FROM finsim.rds_instances r, acct a WHERE r.account_id = a.id AND used_storage_gib < 0.2 * allocated_storage_gib)),
 ('cache_oversized', (SELECT count(*) FROM finsim.cache_clusters c, acct a WHERE c.account_id = a.id AND avg_cpu_7d < 10)),
 ('cache_low_memory', (SELECT count(*) FROM finsim.cache_clusters c, acct a WHERE c.account_id = a.id AND avg_memory_7d < 20)),
 ('cache_ha_in_dev', (SELECT count(*) FROM finsim.cache_clusters c, acct a WHERE c.account_id = a.id AND env <> 'prod' AND num_nodes > 1)),
 ('lb_unused', (SELECT count(*) FROM finsim.load_balancers l, acct a WHERE l.account_id = a.id AND avg_request_count_7d < 1)),
 ('lb_consolidation', (SELECT count(*) FROM (SELECT 1 FROM finsim.load_balancers l, acct a WHERE l.account_id = a.id AND type = 'application' AND avg_request_count_7d BETWEEN 1 AND 5000 GROUP BY env, region HAVING count(*) > 1) x)),
 ('eip_unassociated', (SELECT count(*) FROM finsim.elastic_ips e, acct a WHERE e.account_id = a.id AND state = 'unassociated')),
 ('transfer_cross_az', (SELECT count(*) FROM finsim.data_transfer_daily d, acct a WHERE d.account_id = a.id AND direction = 'cross-az' AND estimated_transfer_cost > 0)),
 ('transfer_cross_region', (SELECT count(*) FROM finsim.data_transfer_daily d, acct a WHERE d.account_id = a.id AND direction = 'cross-region' AND estimated_transfer_cost > 0)),
 ('transfer_egress', (SELECT count(*) FROM finsim.data_transfer_daily d, acct a WHERE d.account_id = a.id AND direction = 'egress' AND estimated_transfer_cost > 0)),
 ('log_infinite_retention', (SELECT count(*) FROM finsim.log_groups g, acct a WHERE g.account_id = a.id AND retention_days IS NULL)),
 ('log_verbose_nonprod', (SELECT count(*) FROM (SELECT 1 FROM finsim.log_groups g JOIN finsim.log_group_usage_daily d ON d.account_id = g.account_id AND d.log_group_id = g.id, acct a WHERE g.account_id = a.id AND g.env <> 'prod' GROUP BY g.id HAVING avg(d.ingested_gb) > 5) x)),
 ('commitment_underutilized', (SELECT count(*) FROM finsim.commitments c JOIN finsim.commitment_utilization_daily cud ON cud.account_id = c.account_id AND c.id = cud.commitment_id, acct a WHERE c.account_id = a.id AND cud.utilization_percent < 80 AND cud.date = a.now::date - 1)),
 ('commitment_expiring', (SELECT count(*) FROM finsim.commitments c, acct a WHERE c.account_id = a.id AND end_date BETWEEN a.now::date AND a.now::date + 30)),
 ('managed_oversized', (SELECT count(*) FROM finsim.managed_services m, acct a WHERE m.account_id = a.id AND avg_cpu_7d < 20)),
 ('managed_ha_in_dev', (SELECT count(*) FROM finsim.managed_services m, acct a WHERE m.account_id = a.id AND env <> 'prod' AND node_count > 1)),
 ('stream_overprovisioned', (SELECT count(*) FROM finsim.streaming_clusters s, acct a WHERE s.account_id = a.id AND avg_usage_mbps_7d < 0.2 * provisioned_throughput_mbps)),
 ('stream_excess_retention', (SELECT count(*) FROM finsim.streaming_clusters s, acct a WHERE s.account_id = a.id AND retention_hours > 24)),
 ('api_key_unused', (SELECT count(*) FROM finsim.api_clients k, acct a WHERE k.account_id = a.id AND coalesce(last_used_at, issued_at) < a.now - interval '90 days')),
 ('untagged_resource', (SELECT count(*) FROM finsim.instances i, acct a WHERE i.account_id = a.id AND NOT EXISTS (SELECT 1 FROM finsim.resource_tags t WHERE t.account_id = i.account_id AND t.resource_type = 'instances' AND t.resource_id = i.id::text AND t.key = 'team')))
) AS v(pattern, n);
SELECT ok(n > 0, 'waste present: ' || pattern || ' (' || n || ')') FROM waste ORDER BY pattern;

-- believable rates
SELECT ok((SELECT count(*) FILTER (WHERE avg_cpu_7d < 5)::numeric / count(*) BETWEEN 0.1 AND 0.35 FROM finsim.instances i, acct a WHERE i.account_id = a.id AND state = 'running'), 'about a fifth of running instances idle');
SELECT ok((SELECT count(*) FILTER (WHERE state = 'available')::numeric / count(*) BETWEEN 0.05 AND 0.2 FROM finsim.volumes v, acct a WHERE v.account_id = a.id), 'about a tenth of volumes unattached');
SELECT ok((SELECT count(*) FILTER (WHERE retention_days IS NULL)::numeric / count(*) BETWEEN 0.25 AND 0.55 FROM finsim.log_groups g, acct a WHERE g.account_id = a.id), 'many log groups without retention');

-- ---------------------------------------------------------------- threshold neighbours
SELECT ok((SELECT count(*) > 0 FROM finsim.instances i, acct a WHERE i.account_id = a.id AND state = 'running' AND autoscaling_group_id IS NULL AND avg_cpu_7d BETWEEN 5.2 AND 5.8), 'healthy instance just above 5% CPU');
SELECT ok((SELECT count(*) > 0 FROM finsim.instances i, acct a WHERE i.account_id = a.id AND state = 'running' AND autoscaling_group_id IS NULL AND avg_cpu_7d BETWEEN 4.2 AND 4.99), 'idle instance just below 5% CPU');
SELECT ok((SELECT count(*) > 0 FROM finsim.instances i, acct a WHERE i.account_id = a.id AND env = 'preview' AND launch_time BETWEEN a.now - interval '7 days' AND a.now - interval '6 days'), 'preview box 6 days old');
SELECT ok((SELECT count(*) > 0 FROM finsim.instances i, acct a WHERE i.account_id = a.id AND env = 'preview' AND launch_time BETWEEN a.now - interval '9 days' AND a.now - interval '8 days'), 'preview box 8 days old');
SELECT ok((SELECT count(*) > 0 FROM finsim.autoscaling_groups g, acct a WHERE g.account_id = a.id AND current_utilization = 31), 'ASG at 31% utilisation');
SELECT ok((SELECT count(*) > 0 FROM finsim.autoscaling_groups g, acct a WHERE g.account_id = a.id AND current_utilization = 29), 'ASG at 29% utilisation');
SELECT ok((SELECT count(*) > 0 FROM finsim.commitment_utilization_daily d, acct a WHERE d.account_id = a.id AND d.date = a.now::date - 1 AND utilization_percent = 81), 'commitment at 81% yesterday');
SELECT ok((SELECT count(*) > 0 FROM finsim.commitment_utilization_daily d, acct a WHERE d.account_id = a.id AND d.date = a.now::date - 1 AND utilization_percent = 79), 'commitment at 79% yesterday');
SELECT ok((SELECT count(*) > 0 FROM finsim.rds_instances r, acct a WHERE r.account_id = a.id AND state = 'available' AND avg_cpu_7d BETWEEN 20.5 AND 21.5), 'RDS just above 20% CPU');
SELECT ok((SELECT count(*) > 0 FROM finsim.rds_instances r, acct a WHERE r.account_id = a.id AND state = 'available' AND avg_cpu_7d BETWEEN 18.5 AND 19.5), 'RDS just below 20% CPU');
SELECT ok((SELECT count(*) > 0 FROM finsim.rds_instances r, acct a WHERE r.account_id = a.id AND state = 'available' AND avg_connections_7d BETWEEN 10 AND 12), 'RDS just above 10 connections');
SELECT ok((SELECT count(*) > 0 FROM finsim.cache_clusters c, acct a WHERE c.account_id = a.id AND avg_cpu_7d BETWEEN 10 AND 11), 'cache just above 10% CPU');
SELECT ok((SELECT count(*) > 0 FROM finsim.cache_clusters c, acct a WHERE c.account_id = a.id AND avg_cpu_7d BETWEEN 9 AND 9.99), 'cache just below 10% CPU');
SELECT ok((SELECT count(*) > 0 FROM finsim.container_nodes n, acct a WHERE n.account_id = a.id AND state = 'running' AND avg_cpu_7d BETWEEN 30.5 AND 31.5), 'node just above 30% CPU');
SELECT ok((SELECT count(*) > 0 FROM finsim.container_nodes n, acct a WHERE n.account_id = a.id AND state = 'running' AND avg_cpu_7d BETWEEN 28.5 AND 29.5), 'node just below 30% CPU');
SELECT ok((SELECT count(*) > 0 FROM finsim.api_clients k, acct a WHERE k.account_id = a.id AND last_used_at BETWEEN a.now - interval '90 days' AND a.now - interval '88 days'), 'API key used 89 days ago');
SELECT ok((SELECT count(*) > 0 FROM finsim.api_clients k, acct a WHERE k.account_id = a.id AND last_used_at IS NULL AND issued_at = a.now - interval '89 days'), 'API key never used, issued 89 days ago');
SELECT ok((SELECT count(*) > 0 FROM finsim.waste_findings((SELECT id FROM acct)) WHERE pattern = 'api_key_unused' AND (evidence->>'never_used')::boolean),
          'api_key_unused fires on a never-used key issued more than 90 days ago');
SELECT is((SELECT count(*)::int FROM finsim.api_clients k, acct a WHERE k.account_id = a.id AND (issued_at > coalesce(last_used_at, a.now) OR issued_at < a.now - interval '1101 days')),
          0, 'every key issued before its last use (or the clock, if never used), within about three years');
SELECT ok((SELECT count(*) > 0 FROM finsim.volumes v, acct a WHERE v.account_id = a.id AND state = 'available' AND last_used_at BETWEEN a.now - interval '90 days' AND a.now - interval '89 days'), 'unattached volume idle 89 days');
SELECT ok((SELECT count(*) > 0 FROM finsim.snapshots s, acct a WHERE s.account_id = a.id AND s.created_at BETWEEN a.now - interval '90 days' AND a.now - interval '89 days'), 'snapshot 89 days old');
SELECT ok((SELECT count(*) > 0 FROM finsim.managed_services m, acct a WHERE m.account_id = a.id AND avg_cpu_7d BETWEEN 20.5 AND 21.5), 'managed service just above 20% CPU');
-- snapshot retention: a live account's lifecycle would already have deleted a snapshot older
-- than its policy keeps it, so the generator writes none (the first tick deletes nothing old).
SELECT is((SELECT count(*) FROM finsim.snapshots s, acct a WHERE s.account_id = a.id
            AND s.created_at + finsim.snapshot_retention_interval(s.retention_policy) <= a.now),
          0::bigint, 'no generated snapshot is past its retention policy');
SELECT ok((SELECT count(DISTINCT retention_policy) >= 2 FROM finsim.snapshots s, acct a WHERE s.account_id = a.id),
          'snapshots under several policies (daily-7 only keeps the few snapshots younger than 7 days)');
SELECT ok((SELECT count(*) > 0 FROM finsim.snapshots s, acct a WHERE s.account_id = a.id AND s.retention_policy IS NULL
            AND s.created_at < a.now - interval '360 days'), 'snapshots older than every policy are unmanaged (old_snapshot)');

-- ---------------------------------------------------------------- logs: stored = ingestion x days kept
-- Uncompressed, as the guide counts it (10 GB/day kept a year = 3,650 GB: $912/yr; 30 days:
-- $76/yr), as the drift engine grows it and as log_infinite_retention prices it.
SELECT is_empty($$SELECT g.name FROM finsim.log_groups g JOIN finsim.log_group_usage_daily d ON d.account_id = g.account_id AND d.log_group_id = g.id
                   JOIN acct a ON a.id = g.account_id WHERE g.retention_days IS NOT NULL GROUP BY g.id, g.name, g.retention_days
                  HAVING max(d.stored_gb) / avg(d.ingested_gb) NOT BETWEEN 0.85 * g.retention_days AND 1.15 * g.retention_days$$,
                'log groups with a retention store that many days of ingestion');
SELECT is_empty($$SELECT g.name FROM finsim.log_groups g JOIN finsim.log_group_usage_daily d ON d.account_id = g.account_id AND d.log_group_id = g.id
                   JOIN acct a ON a.id = g.account_id WHERE g.retention_days IS NULL GROUP BY g.id, g.name
                  HAVING max(d.stored_gb) / avg(d.ingested_gb) NOT BETWEEN 0.85 * 365 AND 1.15 * 1095$$,
                'log groups kept forever store one to three years of ingestion');
CREATE TEMP TABLE log_inf AS
  SELECT g.name, g.env, g.optimization_policy, f.est_monthly_savings AS savings, f.action_params,
         round((u.stored_gb - u.ingested_gb * CASE g.env WHEN 'prod' THEN 90 WHEN 'staging' THEN 14 ELSE 7 END)
               * finsim.price('logs', 'storage', g.region), 2) AS rule, u.stored_gb * finsim.price('logs', 'storage', g.region) AS storage_cost
    FROM finsim.log_groups g JOIN acct a ON a.id = g.account_id
    JOIN LATERAL (SELECT d.stored_gb, d.ingested_gb FROM finsim.log_group_usage_daily d WHERE d.account_id = g.account_id
                    AND d.log_group_id = g.id ORDER BY d.date DESC LIMIT 1) u ON true
    LEFT JOIN finsim.waste_findings(a.id) f ON f.pattern = 'log_infinite_retention' AND f.resource_id = g.id::text
   WHERE g.retention_days IS NULL AND g.optimization_policy <> 'ignore';
SELECT cmp_ok((SELECT count(*) FROM log_inf WHERE env = 'prod'), '>=', 5::bigint, 'prod log groups kept forever');
SELECT is_empty($$SELECT * FROM log_inf WHERE savings IS DISTINCT FROM rule OR NOT savings > 0$$,
                'every log group kept forever saves (stored - ingested x the env''s retention) x storage price > 0 (prod 90 days, staging 14, dev and preview 7)');
SELECT is_empty($$SELECT * FROM log_inf WHERE savings < 0.5 * storage_cost$$,
                '... which is at least half of its storage cost (the guide: 50-90% of log costs; its example $912 -> $76 a year)');

-- ---------------------------------------------------------------- relations
SELECT is((SELECT count(*)::int FROM finsim.autoscaling_groups g, acct a WHERE g.account_id = a.id
            AND desired_capacity <> (SELECT count(*) FROM finsim.instances i WHERE i.account_id = g.account_id AND i.autoscaling_group_id = g.id)),
          0, 'every ASG has exactly desired_capacity member instances');
SELECT is((SELECT count(*)::int FROM finsim.instances i JOIN finsim.autoscaling_groups g ON g.account_id = i.account_id AND g.id = i.autoscaling_group_id, acct a
            WHERE i.account_id = a.id AND (i.instance_type <> g.instance_type OR i.region <> g.region OR i.env <> g.env OR i.state <> 'running')),
          0, 'ASG members run the group''s type in its region and env');
SELECT is((SELECT count(*)::int FROM finsim.container_clusters c, acct a WHERE c.account_id = a.id
            AND desired_nodes <> (SELECT count(*) FROM finsim.container_nodes n WHERE n.account_id = c.account_id AND n.cluster_id = c.id)),
          0, 'every cluster has exactly desired_nodes nodes');
SELECT is((SELECT count(*)::int FROM finsim.container_nodes n JOIN finsim.container_clusters c ON c.account_id = n.account_id AND c.id = n.cluster_id, acct a
            WHERE n.account_id = a.id AND (n.instance_type <> c.node_instance_type OR n.region <> c.region)),
          0, 'nodes run the cluster''s node type in its region');
SELECT ok((SELECT count(DISTINCT cluster_id) = (SELECT count(*) FROM finsim.container_clusters c WHERE c.account_id = a.id) FROM finsim.container_services s, acct a WHERE s.account_id = a.id GROUP BY a.id), 'every cluster runs services');
SELECT is((SELECT count(*)::int FROM finsim.volumes v, acct a WHERE v.account_id = a.id AND ((state = 'in-use') <> (attached_instance_id IS NOT NULL)
            OR (attached_instance_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM finsim.instances i WHERE i.account_id = v.account_id AND i.instance_id = v.attached_instance_id AND i.region = v.region)))),
          0, 'in-use volumes are attached to existing instances in their region; available ones to none');
SELECT is((SELECT count(*)::int FROM finsim.elastic_ips e, acct a WHERE e.account_id = a.id AND (
            (state = 'associated') <> (associated_instance_id IS NOT NULL OR associated_lb_arn IS NOT NULL)
            OR (associated_instance_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM finsim.instances i WHERE i.account_id = e.account_id AND i.instance_id = e.associated_instance_id))
            OR (associated_lb_arn IS NOT NULL AND NOT EXISTS (SELECT 1 FROM finsim.load_balancers l WHERE l.account_id = e.account_id AND l.lb_arn = e.associated_lb_arn)))),
          0, 'associated EIPs point at existing instances or load balancers');
SELECT ok((SELECT count(*) FILTER (WHERE v.id IS NOT NULL) > 0 AND count(*) FILTER (WHERE v.id IS NULL) > 0
             FROM finsim.snapshots s LEFT JOIN finsim.volumes v ON v.account_id = s.account_id AND v.volume_id = s.source_volume_id, acct a WHERE s.account_id = a.id),
          'snapshots of existing and of deleted volumes');
SELECT is((SELECT count(*)::int FROM finsim.instances i, acct a WHERE i.account_id = a.id AND i.tags <> (SELECT coalesce(jsonb_object_agg(t.key, t.value), '{}') FROM finsim.resource_tags t WHERE t.account_id = i.account_id AND t.resource_type = 'instances' AND t.resource_id = i.id::text)),
          0, 'instances.tags matches its resource_tags rows');
SELECT ok((SELECT count(*) > 0 FROM finsim.commitments c, acct a WHERE c.account_id = a.id AND c.commitment_type = 'reserved_instance')
          AND (SELECT count(*) > 0 FROM finsim.commitments c, acct a WHERE c.account_id = a.id AND c.commitment_type = 'savings_plan'), 'RIs and savings plans');
SELECT ok((SELECT sum(hourly_commitment_amount) FROM finsim.commitments c, acct a WHERE c.account_id = a.id AND a.now::date BETWEEN start_date AND end_date)
          < (SELECT sum(hourly_cost) FROM finsim.instances i, acct a WHERE i.account_id = a.id AND state = 'running'), 'commitments are smaller than on-demand compute');

-- ---------------------------------------------------------------- history
SELECT is((SELECT count(*)::int FROM (SELECT resource_id FROM finsim.metrics_daily m, acct a WHERE m.account_id = a.id GROUP BY resource_type, resource_id
            HAVING count(*) <> 14 OR min(date) <> '2026-02-16' OR max(date) <> '2026-03-01') x), 0, 'each metered resource has 14 days ending yesterday');
SELECT is((SELECT count(*)::int FROM finsim.instances i, acct a WHERE i.account_id = a.id AND state = 'running'
            AND (SELECT count(*) FROM finsim.metrics_daily m WHERE m.account_id = i.account_id AND m.resource_type = 'instances' AND m.resource_id = i.id::text) <> 14), 0, 'every running instance has metrics history');
SELECT is((SELECT count(*)::int FROM finsim.instances i, acct a WHERE i.account_id = a.id AND state = 'running'
            AND abs(avg_cpu_7d - (SELECT avg((metric_payload->>'cpu_avg')::numeric) FROM finsim.metrics_daily m
                                   WHERE m.account_id = i.account_id AND m.resource_type = 'instances' AND m.resource_id = i.id::text AND m.date >= a.now::date - 7)) > 0.01),
          0, 'instances.avg_cpu_7d = mean of the last 7 days of metrics_daily cpu_avg');
SELECT is((SELECT count(*)::int FROM finsim.instances i, acct a WHERE i.account_id = a.id AND state = 'running'
            AND abs(avg_network_7d - (SELECT avg((metric_payload->>'network')::numeric) FROM finsim.metrics_daily m
                                       WHERE m.account_id = i.account_id AND m.resource_type = 'instances' AND m.resource_id = i.id::text AND m.date >= a.now::date - 7)) > 0.001),
          0, 'instances.avg_network_7d = mean of the last 7 days of network');
SELECT is((SELECT count(*)::int FROM finsim.rds_instances r, acct a WHERE r.account_id = a.id AND state = 'available'
            AND (abs(avg_cpu_7d - (SELECT avg((metric_payload->>'cpu_avg')::numeric) FROM finsim.metrics_daily m WHERE m.account_id = r.account_id AND m.resource_id = r.id::text AND m.date >= a.now::date - 7)) > 0.01
              OR abs(avg_connections_7d - (SELECT avg((metric_payload->>'connections')::numeric) FROM finsim.metrics_daily m WHERE m.account_id = r.account_id AND m.resource_id = r.id::text AND m.date >= a.now::date - 7)) > 0.01)),
          0, 'RDS 7-day CPU and connections match metrics_daily');
SELECT is((SELECT count(*)::int FROM (
            SELECT id, avg_cpu_7d, avg_memory_7d, account_id FROM finsim.cache_clusters
            UNION ALL SELECT id, avg_cpu_7d, avg_memory_7d, account_id FROM finsim.managed_services
            UNION ALL SELECT id, avg_cpu_7d, avg_memory_7d, account_id FROM finsim.container_nodes WHERE state = 'running') r, acct a
            WHERE r.account_id = a.id AND (
              abs(r.avg_cpu_7d - (SELECT avg((metric_payload->>'cpu_avg')::numeric) FROM finsim.metrics_daily m WHERE m.account_id = r.account_id AND m.resource_id = r.id::text AND m.date >= a.now::date - 7)) > 0.01
              OR abs(r.avg_memory_7d - (SELECT avg((metric_payload->>'memory_avg')::numeric) FROM finsim.metrics_daily m WHERE m.account_id = r.account_id AND m.resource_id = r.id::text AND m.date >= a.now::date - 7)) > 0.01)),
          0, 'caches, managed services and nodes: 7-day CPU and memory match metrics_daily');
SELECT is((SELECT count(*)::int FROM finsim.metrics_daily m, acct a WHERE m.account_id = a.id AND NOT (metric_payload ?& ARRAY['cpu_avg', 'cpu_max', 'memory_avg', 'network', 'disk'])), 0, 'metric payloads carry cpu_avg, cpu_max, memory_avg, network, disk');
SELECT is((SELECT count(*)::int FROM finsim.metrics_daily m, acct a WHERE m.account_id = a.id AND ((metric_payload->>'cpu_avg')::numeric NOT BETWEEN 0 AND 100 OR (metric_payload->>'cpu_max')::numeric < (metric_payload->>'cpu_avg')::numeric)), 0, 'CPU within 0..100 and max >= avg');
SELECT ok((SELECT count(DISTINCT m.date) = 14 FROM finsim.metrics_daily m, acct a WHERE m.account_id = a.id), 'metrics_daily spans 14 days');
SELECT is((SELECT count(*)::int FROM finsim.s3_buckets b, acct a WHERE b.account_id = a.id AND (SELECT count(*) FROM finsim.s3_bucket_usage_daily d WHERE d.account_id = b.account_id AND d.bucket_id = b.id) <> 14), 0, 'S3 usage: 14 days per bucket');
SELECT is((SELECT count(*)::int FROM finsim.log_groups g, acct a WHERE g.account_id = a.id AND (SELECT count(*) FROM finsim.log_group_usage_daily d WHERE d.account_id = g.account_id AND d.log_group_id = g.id) <> 14), 0, 'log usage: 14 days per group');
SELECT is((SELECT count(*)::int FROM finsim.commitments c, acct a WHERE c.account_id = a.id AND (SELECT count(*) FROM finsim.commitment_utilization_daily d WHERE d.account_id = c.account_id AND d.commitment_id = c.id) <> 14), 0, 'commitment utilisation: 14 days each');
SELECT is((SELECT count(DISTINCT date)::int FROM finsim.data_transfer_daily d, acct a WHERE d.account_id = a.id AND d.date BETWEEN a.now::date - 14 AND a.now::date - 1), 14, 'data transfer: 14 days');
SELECT ok((SELECT count(*) > 0 FROM finsim.metrics_daily m, acct a WHERE m.account_id = a.id AND estimated_daily_cost > 0), 'daily costs recorded');

-- ---------------------------------------------------------------- determinism
CREATE TEMP TABLE digests AS SELECT 'first'::text AS run, public.tap_estate_digest(id) AS d, id FROM acct;
SELECT lives_ok($$SELECT finsim.drop_account((SELECT id FROM acct))$$, 'drop_account removes the estate');
SELECT is((SELECT count(*)::int FROM finsim.metrics_daily WHERE account_id = (SELECT id FROM acct)) + (SELECT count(*)::int FROM finsim.cloud_accounts WHERE id = (SELECT id FROM acct)), 0, 'nothing of the dropped account remains');
INSERT INTO digests SELECT 'second', public.tap_estate_digest(x.id), x.id
  FROM (SELECT finsim.create_account('tap-generator', 2000, 7, '2026-03-02') AS id) x;
SELECT is((SELECT id FROM digests WHERE run = 'second'), (SELECT id FROM digests WHERE run = 'first'), 'same inputs, same account id');
SELECT is((SELECT d FROM digests WHERE run = 'second'), (SELECT d FROM digests WHERE run = 'first'), 'same inputs, identical rows (digest of every table, ids included)');
INSERT INTO digests SELECT 'seed8', public.tap_estate_digest(x.id), x.id
  FROM (SELECT finsim.create_account('tap-generator-8', 2000, 8, '2026-03-02') AS id) x;
SELECT isnt((SELECT d FROM digests WHERE run = 'seed8'), (SELECT d FROM digests WHERE run = 'first'), 'different seed, different estate');
SELECT isnt((SELECT i1.instance_type || i1.region FROM finsim.instances i1 WHERE i1.account_id = (SELECT id FROM digests WHERE run = 'seed8') ORDER BY instance_id LIMIT 1), NULL, 'seed-8 estate has instances');

-- ---------------------------------------------------------------- empty accounts, bad input
CREATE TEMP TABLE empty_acct AS SELECT finsim.create_account('tap-empty', 0) AS id;
SELECT is((SELECT sum(resources)::int FROM finsim.estate_summary((SELECT id FROM empty_acct))), 0, 'resources => 0 gives an empty account');
SELECT is((SELECT count(*)::int FROM finsim.metrics_daily m JOIN finsim.cloud_accounts a ON a.id = m.account_id WHERE a.name = 'tap-empty'), 0, 'an empty account has no history');
SELECT throws_ok($$SELECT finsim.create_account(NULL)$$, '22004', NULL, 'NULL name: 22004');
SELECT throws_ok($$SELECT finsim.create_account('')$$, '22023', NULL, 'empty name: 22023');
SELECT throws_ok($$SELECT finsim.create_account('   ')$$, '22023', NULL, 'blank name: 22023');
SELECT throws_ok($$SELECT finsim.create_account('tap-bad', -1)$$, '22023', NULL, 'negative resources: 22023');
SELECT throws_ok($$SELECT finsim.create_account('tap-bad', 5000001)$$, '22023', NULL, 'over the cap: 22023');
SELECT throws_ok($$SELECT finsim.create_account('tap-bad', NULL)$$, '22004', NULL, 'NULL resources: 22004');
SELECT throws_ok($$SELECT finsim.create_account('tap-bad', 10, NULL)$$, '22004', NULL, 'NULL seed: 22004');
SELECT throws_ok($$SELECT finsim.create_account('tap-bad', 10, 1, 'infinity')$$, '22023', NULL, 'start_date infinity: 22023');
SELECT throws_ok($$SELECT finsim.create_account('tap-bad', 10, 1, NULL)$$, '22004', NULL, 'NULL start_date: 22004');
SELECT throws_ok($$SELECT finsim.create_account('tap-generator', 10)$$, '42710', NULL, 'duplicate name: 42710');
SELECT is((SELECT count(*)::int FROM finsim.cloud_accounts WHERE name = 'tap-bad'), 0, 'bad input creates nothing');
SELECT throws_ok($$SELECT * FROM finsim.estate_summary(NULL)$$, '22004', NULL, 'estate_summary(NULL): 22004');
SELECT throws_ok($$SELECT * FROM finsim.estate_summary('00000000-0000-0000-0000-000000000000')$$, '22023', NULL, 'estate_summary of an unknown account: 22023');
SELECT throws_ok($$SELECT finsim.drop_account('00000000-0000-0000-0000-000000000000')$$, '22023', NULL, 'drop_account of an unknown account: 22023');

-- ---------------------------------------------------------------- atomicity
CREATE FUNCTION pg_temp.boom() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'forced failure mid-generation' USING ERRCODE = 'P0001'; END $$;
CREATE TRIGGER tap_boom BEFORE INSERT ON finsim.log_groups FOR EACH ROW EXECUTE FUNCTION pg_temp.boom();
-- create_account writes with session_replication_role = replica: only an ALWAYS trigger fires.
ALTER TABLE finsim.log_groups ENABLE ALWAYS TRIGGER tap_boom;
SELECT throws_ok($$SELECT finsim.create_account('tap-atomic', 500, 3)$$, 'P0001', 'forced failure mid-generation', 'an error mid-way aborts the call');
DROP TRIGGER tap_boom ON finsim.log_groups;
SELECT is((SELECT count(*)::int FROM finsim.cloud_accounts WHERE name = 'tap-atomic'), 0, 'no account left after the error');
SELECT is((SELECT count(*)::int FROM finsim.instances i WHERE NOT EXISTS (SELECT 1 FROM finsim.cloud_accounts a WHERE a.id = i.account_id))
        + (SELECT count(*)::int FROM finsim.metrics_daily m WHERE NOT EXISTS (SELECT 1 FROM finsim.cloud_accounts a WHERE a.id = m.account_id)), 0, 'no rows left after the error');
SELECT lives_ok($$SELECT finsim.create_account('tap-atomic', 500, 3)$$, 'the same call succeeds once the failure is gone');

-- ---------------------------------------------------------------- privileges
CREATE ROLE tap_gen_nobody;
GRANT USAGE ON SCHEMA finsim TO tap_gen_nobody;
SET LOCAL ROLE tap_gen_nobody;
SELECT throws_ok($$SELECT finsim.create_account('tap-nobody', 10)$$, '42501', NULL, 'create_account refuses non-admins');
RESET ROLE;
SET LOCAL ROLE finsim_agent;
SELECT throws_ok($$SELECT finsim.create_account('tap-agent', 10)$$, '42501', NULL, 'create_account refuses agents');
SELECT throws_ok($$SELECT finsim.drop_account((SELECT id FROM acct))$$, '42501', NULL, 'drop_account refuses agents');
RESET ROLE;
SET LOCAL ROLE finsim_admin;
SELECT lives_ok($$SELECT finsim.create_account('tap-admin', 50, 1, '2026-03-02')$$, 'finsim_admin may create accounts');
SELECT lives_ok($$SELECT finsim.drop_account((SELECT id FROM finsim.cloud_accounts WHERE name = 'tap-admin'))$$, 'finsim_admin may drop accounts');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
