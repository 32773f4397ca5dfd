-- Waste detection: the guide's Cost Impact examples as findings (regression output shows
-- the exact savings, actions and params an agent receives).
SET client_min_messages = warning;
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('50505050-0000-0000-0000-000000000001', 'regress-waste', '2026-03-01 00:00:00+00');
INSERT INTO finsim.instances (account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost, avg_cpu_7d, state, launch_time, tags)
VALUES ('50505050-0000-0000-0000-000000000001', 'i-idle-m5xl', 'm5.xlarge', 0.192, 0, 2.1, 'running', '2026-01-01', '{"env":"prod","team":"t","project":"p"}'),
       ('50505050-0000-0000-0000-000000000001', 'i-big-m52xl', 'm5.2xlarge', 0.384, 0, 8, 'running', '2026-01-01', '{"env":"prod","team":"t","project":"p"}');
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, state, monthly_cost, tags)
VALUES ('50505050-0000-0000-0000-000000000001', 'vol-io1-500', 500, 'io1', 'available', 62.5, '{"env":"prod","team":"t","project":"p"}');
INSERT INTO finsim.elastic_ips (account_id, allocation_id, public_ip, state, hourly_cost, tags)
VALUES ('50505050-0000-0000-0000-000000000001', 'eipalloc-1', '203.0.113.10', 'unassociated', 0.005, '{"env":"prod","team":"t","project":"p"}');
-- snap-500 is orphaned; snap-io1-500 backs vol-io1-500 up, so deleting the volume needs no
-- new snapshot (the guide's $62.50; without it, snapshot_first would bill $25 of it).
INSERT INTO finsim.snapshots (account_id, snapshot_id, source_volume_id, size_gib, monthly_cost, created_at, retention_policy, tags)
VALUES ('50505050-0000-0000-0000-000000000001', 'snap-500', 'vol-deleted-long-ago', 500, 25, '2026-02-01', 'monthly-12', '{"env":"prod","team":"t","project":"p"}'),
       ('50505050-0000-0000-0000-000000000001', 'snap-io1-500', 'vol-io1-500', 500, 25, '2026-02-28', 'monthly-12', '{"env":"prod","team":"t","project":"p"}');
-- db.r5.2xlarge -> db.r5.large ($259) and cache r6g.xlarge -> r6g.medium ($136 per node) at very low CPU.
INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, hourly_cost, storage_monthly_cost, avg_cpu_7d, avg_connections_7d, state, allocated_storage_gib, used_storage_gib)
VALUES ('50505050-0000-0000-0000-000000000001', 'db-r5-2xl', 'db.r5.2xlarge', 0.48, 2.3, 5, 50, 'available', 20, 15);
INSERT INTO finsim.cache_clusters (account_id, cluster_id, node_type, num_nodes, env, hourly_cost, avg_cpu_7d, avg_memory_7d)
VALUES ('50505050-0000-0000-0000-000000000001', 'cache-r6g-xl', 'cache.r6g.xlarge', 1, 'prod', 0.252, 3, 50);
INSERT INTO finsim.load_balancers (account_id, lb_arn, name, type, hourly_cost, avg_request_count_7d)
VALUES ('50505050-0000-0000-0000-000000000001', 'arn:aws:elasticloadbalancing:alb-idle', 'alb-idle', 'application', 0.0219, 0);
INSERT INTO finsim.commitments (account_id, commitment_type, scope, hourly_commitment_amount, start_date, end_date)
VALUES ('50505050-0000-0000-0000-000000000001', 'reserved_instance', 'm5/us-east-1', 1000 / 730.0, '2025-06-01', '2026-06-01');
INSERT INTO finsim.commitment_utilization_daily (account_id, commitment_id, date, utilization_percent)
SELECT account_id, id, '2026-02-28', 60 FROM finsim.commitments WHERE account_id = '50505050-0000-0000-0000-000000000001';

SELECT resource_type, resource_name, pattern, severity, est_monthly_savings, recommended_action, action_params, frozen
  FROM finsim.waste_findings('50505050-0000-0000-0000-000000000001')
 ORDER BY pattern, resource_name;

SELECT * FROM finsim.waste_summary('50505050-0000-0000-0000-000000000001');

SELECT code, resource_type, recommended_action, thresholds
  FROM finsim.patterns() WHERE code IN ('idle_instance', 'commitment_underutilized', 'lb_unused') ORDER BY code;

-- an unknown account: no rows
SELECT count(*) FROM finsim.waste_findings('50505050-0000-0000-0000-0000000000ff');

DELETE FROM finsim.cloud_accounts WHERE id = '50505050-0000-0000-0000-000000000001';
