-- Costs on write (finsim._before_write), finsim.resource_costs and finsim.monthly_run_rate:
-- hand-written rows WITHOUT cost columns get catalog costs; the guide's worked examples
-- reproduce through the tables within 2%.
BEGIN;
SELECT plan(87);

CREATE FUNCTION pg_temp.within2(actual numeric, expected numeric, what text) RETURNS text
  LANGUAGE sql AS $$ SELECT cmp_ok(round(abs(actual / expected - 1), 4), '<=', 0.02::numeric,
                                   what || ' (got ' || round(actual, 2) || ', guide ' || expected || ')') $$;
-- Monthly cost of one row of resource_costs.
CREATE FUNCTION pg_temp.mc(rtype text, rname text) RETURNS numeric
  LANGUAGE sql AS $$ SELECT monthly_cost FROM finsim.resource_costs
                      WHERE account_id = 'aaaaaaaa-0000-0000-0000-000000000001'
                        AND resource_type = rtype AND resource_name = rname $$;

INSERT INTO finsim.cloud_accounts (id, name, virtual_time) VALUES
  ('aaaaaaaa-0000-0000-0000-000000000001', 'pricing', '2026-03-15 00:00+00'),
  ('aaaaaaaa-0000-0000-0000-000000000002', 'small', '2026-03-15 00:00+00'),
  ('aaaaaaaa-0000-0000-0000-000000000003', 'empty', '2026-03-15 00:00+00');
\set A '''aaaaaaaa-0000-0000-0000-000000000001'''
\set B '''aaaaaaaa-0000-0000-0000-000000000002'''

-- ============================================================== EC2 instances
INSERT INTO finsim.instances (account_id, instance_id, name, instance_type, state)
VALUES (:A, 'i-idle', 'idle', 'm5.xlarge', 'running');
SELECT results_eq($$ SELECT hourly_cost, gpu_hourly_cost, gpu_count, has_gpu FROM finsim.instances WHERE instance_id = 'i-idle' $$,
                  $$ VALUES (0.192::numeric, 0::numeric, 0, false) $$, 'instance priced on insert: m5.xlarge $0.192/h, no GPU');
SELECT is((SELECT launch_time FROM finsim.instances WHERE instance_id = 'i-idle'), '2026-03-15 00:00+00'::timestamptz,
          'launch_time defaults to the account''s virtual time');
SELECT is((SELECT last_active_at FROM finsim.instances WHERE instance_id = 'i-idle'), '2026-03-15 00:00+00'::timestamptz,
          'last_active_at defaults to the account''s virtual time');
SELECT pg_temp.within2(pg_temp.mc('instances', 'idle'), 140, 'running m5.xlarge costs ~$140/month');
UPDATE finsim.instances SET state = 'terminated' WHERE instance_id = 'i-idle';
SELECT is(pg_temp.mc('instances', 'idle'), 0::numeric, 'terminated instance bills 0 (saves ~$140)');

INSERT INTO finsim.instances (account_id, instance_id, name, instance_type, launch_time)
VALUES (:A, 'i-big', 'big', 'm5.2xlarge', '2025-01-01 00:00+00');
SELECT is((SELECT launch_time FROM finsim.instances WHERE instance_id = 'i-big'), '2025-01-01 00:00+00'::timestamptz,
          'an explicit launch_time is kept');
CREATE TEMP TABLE before_cost AS SELECT pg_temp.mc('instances', 'big') AS c;
UPDATE finsim.instances SET instance_type = 'm5.large' WHERE instance_id = 'i-big';
SELECT is((SELECT hourly_cost FROM finsim.instances WHERE instance_id = 'i-big'), 0.096, 'type change re-prices: m5.large $0.096/h');
SELECT pg_temp.within2((SELECT c FROM before_cost) - pg_temp.mc('instances', 'big'), 210, 'm5.2xlarge -> m5.large saves ~$210/month');

INSERT INTO finsim.instances (account_id, instance_id, name, instance_type, hourly_cost, gpu_hourly_cost)
VALUES (:A, 'i-explicit', 'explicit', 'm5.large', 1.23, 0.5);
SELECT results_eq($$ SELECT hourly_cost, gpu_hourly_cost FROM finsim.instances WHERE instance_id = 'i-explicit' $$,
                  $$ VALUES (1.23::numeric, 0.5::numeric) $$, 'explicit instance costs win on insert');
UPDATE finsim.instances SET name = 'explicit2' WHERE instance_id = 'i-explicit';
SELECT is((SELECT hourly_cost FROM finsim.instances WHERE instance_id = 'i-explicit'), 1.23, 'an update of a non-pricing column keeps the cost');
UPDATE finsim.instances SET instance_type = 'm5.xlarge', hourly_cost = 9.99 WHERE instance_id = 'i-explicit';
SELECT is((SELECT hourly_cost FROM finsim.instances WHERE instance_id = 'i-explicit'), 9.99,
          'a cost set in the same UPDATE as the type change wins');
UPDATE finsim.instances SET instance_type = 'm5.2xlarge', hourly_cost = hourly_cost WHERE instance_id = 'i-explicit';
SELECT is((SELECT hourly_cost FROM finsim.instances WHERE instance_id = 'i-explicit'), 9.99,
          'a cost set to its own value in the same UPDATE as the type change wins too (the SET list decides)');
UPDATE finsim.instances SET instance_type = 'm5.large', hourly_cost = NULL WHERE instance_id = 'i-explicit';
SELECT is((SELECT hourly_cost FROM finsim.instances WHERE instance_id = 'i-explicit'), 0.096,
          'a cost set to NULL is re-priced');

INSERT INTO finsim.instances (account_id, instance_id, name, instance_type) VALUES (:A, 'i-gpu', 'gpu', 'p3.2xlarge');
SELECT results_eq($$ SELECT hourly_cost, gpu_hourly_cost, gpu_count, has_gpu FROM finsim.instances WHERE instance_id = 'i-gpu' $$,
                  $$ VALUES (0.56::numeric, 2.5::numeric, 1, true) $$, 'GPU instance: gpu_hourly_cost, gpu_count and has_gpu from the catalog');
SELECT pg_temp.within2(pg_temp.mc('instances', 'gpu'), 3.06 * 730, 'p3.2xlarge bills its list price $3.06/h x 730');
UPDATE finsim.instances SET instance_type = 'm5.large' WHERE instance_id = 'i-gpu';
SELECT results_eq($$ SELECT gpu_hourly_cost, gpu_count, has_gpu FROM finsim.instances WHERE instance_id = 'i-gpu' $$,
                  $$ VALUES (0::numeric, 0, false) $$, 'moving off a GPU type clears the GPU columns');

INSERT INTO finsim.instances (account_id, instance_id, name, instance_type, region) VALUES (:A, 'i-eu', 'eu', 'm5.xlarge', 'eu-west-1');
SELECT is((SELECT hourly_cost FROM finsim.instances WHERE instance_id = 'i-eu'), finsim.price('ec2', 'm5.xlarge', 'eu-west-1'),
          'instances are priced in their region');
UPDATE finsim.instances SET region = 'us-east-1' WHERE instance_id = 'i-eu';
SELECT is((SELECT hourly_cost FROM finsim.instances WHERE instance_id = 'i-eu'), 0.192, 'a region change re-prices');

-- Unknown types / regions are refused with 22023 and nothing is written.
SELECT throws_ok($$ INSERT INTO finsim.instances (account_id, instance_id, instance_type)
                    VALUES ('aaaaaaaa-0000-0000-0000-000000000001', 'i-bad', 'm9.huge') $$,
                 '22023', 'unknown instance type "m9.huge" in region "us-east-1"', 'unknown instance type refused with 22023');
SELECT throws_ok($$ INSERT INTO finsim.instances (account_id, instance_id, instance_type, region)
                    VALUES ('aaaaaaaa-0000-0000-0000-000000000001', 'i-bad', 'm5.large', 'mars-1') $$,
                 '22023', 'unknown instance type "m5.large" in region "mars-1"', 'unknown region refused with 22023');
SELECT is((SELECT count(*)::int FROM finsim.instances WHERE instance_id = 'i-bad'), 0, 'nothing written for refused rows');
SELECT throws_ok($$ UPDATE finsim.instances SET instance_type = 'm9.huge' WHERE instance_id = 'i-big' $$,
                 '22023', NULL, 'changing to an unknown type is refused');
SELECT is((SELECT instance_type || ' ' || hourly_cost FROM finsim.instances WHERE instance_id = 'i-big'), 'm5.large 0.096',
          'the refused update changed nothing');
SELECT throws_ok($$ INSERT INTO finsim.instances (account_id, instance_id, instance_type)
                    VALUES ('aaaaaaaa-0000-0000-0000-000000000001', 'i-null', NULL) $$,
                 '23502', NULL, 'a NULL type is reported by its NOT NULL constraint, not priced');
INSERT INTO finsim.instances (account_id, instance_id, name, instance_type, hourly_cost, gpu_hourly_cost)
VALUES (:A, 'i-custom', 'custom', 'm9.huge', 2, 0);
SELECT is((SELECT hourly_cost FROM finsim.instances WHERE instance_id = 'i-custom'), 2::numeric,
          'an unknown type with explicit costs is accepted');
DELETE FROM finsim.instances WHERE instance_id IN ('i-custom', 'i-explicit');

-- Schedules bill the running share of the week.
INSERT INTO finsim.instances (account_id, instance_id, name, instance_type, schedule)
VALUES (:A, 'i-sched', 'sched', 'm5.xlarge', 'weekdays 08-20');
SELECT is(pg_temp.mc('instances', 'sched'), round(0.192 * 730 * round(60 / 168.0, 10), 6), 'weekdays 08-20 bills 60/168 of the month');
SELECT is(finsim.schedule_fraction(NULL), 1::numeric, 'no schedule = always on');
SELECT is(finsim.schedule_fraction('weekdays 08-20'), round(60 / 168.0, 10), 'weekdays 08-20 = 60/168');
SELECT is(finsim.schedule_fraction('daily 00-12'), 0.5, 'daily 00-12 = 1/2');
SELECT throws_ok($$SELECT finsim.schedule_fraction('whenever')$$, '22023', 'invalid schedule "whenever"', 'an unrecognised schedule is 22023');
DELETE FROM finsim.instances WHERE account_id = :A;

-- ASG min_size 10 x m5.xlarge: $1,382/month; 10 -> 3 saves $967.
INSERT INTO finsim.autoscaling_groups (account_id, name, min_size, max_size, desired_capacity, instance_type)
VALUES (:A, 'web', 10, 10, 10, 'm5.xlarge');
INSERT INTO finsim.instances (account_id, instance_id, name, instance_type, autoscaling_group_id)
SELECT :A, 'i-asg-' || g, 'asg-' || g, 'm5.xlarge', (SELECT id FROM finsim.autoscaling_groups WHERE name = 'web')
  FROM generate_series(1, 10) g;
CREATE TEMP TABLE asg_before AS SELECT finsim.monthly_run_rate(:A) AS c;
SELECT pg_temp.within2((SELECT c FROM asg_before), 1382, 'ASG of 10 m5.xlarge costs $1,382/month');
UPDATE finsim.instances SET state = 'terminated' WHERE instance_id IN ('i-asg-4', 'i-asg-5', 'i-asg-6', 'i-asg-7', 'i-asg-8', 'i-asg-9', 'i-asg-10');
SELECT pg_temp.within2((SELECT c FROM asg_before) - finsim.monthly_run_rate(:A), 967, 'ASG 10 -> 3 saves $967/month');
DELETE FROM finsim.instances WHERE account_id = :A;

-- ============================================================== Lambda
INSERT INTO finsim.lambda_functions (account_id, name, memory_mb, provisioned_concurrency)
VALUES (:A, 'pc', 128, 100);
SELECT pg_temp.within2((SELECT estimated_monthly_cost FROM finsim.lambda_functions WHERE name = 'pc'), 100,
                       '100 provisioned concurrency ~$100/month');
UPDATE finsim.lambda_functions SET provisioned_concurrency = 0 WHERE name = 'pc';
SELECT is((SELECT estimated_monthly_cost FROM finsim.lambda_functions WHERE name = 'pc'), 0::numeric,
          'removing provisioned concurrency re-prices to $0');
INSERT INTO finsim.lambda_functions (account_id, name, memory_mb, invocations_7d, avg_duration_ms_7d)
VALUES (:A, 'busy', 1024, 7000000, 100);
-- 7M / week = 30.4M / month: 30.417 x $0.20 + 30.417M x 0.1 s x 1 GB x $0.0000166667
SELECT cmp_ok(abs((SELECT estimated_monthly_cost FROM finsim.lambda_functions WHERE name = 'busy')
                  - (7000000::numeric * 730 / 24.0 / 7 / 1e6 * 0.20 + 7000000::numeric * 730 / 24.0 / 7 * 0.1 * 1 * 0.0000166667)),
              '<', 0.000002::numeric, 'lambda: monthly requests x $0.20/1M + GB-s of duration x $0.0000166667');

-- ============================================================== Volumes and snapshots
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type) VALUES (:A, 'vol-io1', 500, 'io1');
SELECT is((SELECT monthly_cost FROM finsim.volumes WHERE volume_id = 'vol-io1'), 62.5, '500 GB io1 unattached = $62.50/month');
SELECT is((SELECT last_used_at FROM finsim.volumes WHERE volume_id = 'vol-io1'), '2026-03-15 00:00+00'::timestamptz,
          'volumes.last_used_at defaults to virtual time');
UPDATE finsim.volumes SET volume_type = 'gp3' WHERE volume_id = 'vol-io1';
SELECT is((SELECT monthly_cost FROM finsim.volumes WHERE volume_id = 'vol-io1'), 40::numeric, '500 GB io1 -> gp3 = $40/month');
UPDATE finsim.volumes SET size_gib = 100 WHERE volume_id = 'vol-io1';
SELECT is((SELECT monthly_cost FROM finsim.volumes WHERE volume_id = 'vol-io1'), 8::numeric, 'a size change re-prices');
UPDATE finsim.volumes SET state = 'deleted' WHERE volume_id = 'vol-io1';
SELECT is(pg_temp.mc('volumes', 'vol-io1'), 0::numeric, 'a deleted volume bills $0');
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, monthly_cost) VALUES (:A, 'vol-x', 10, 'gp2', 5);
SELECT is((SELECT monthly_cost FROM finsim.volumes WHERE volume_id = 'vol-x'), 5::numeric, 'explicit volume cost wins');
SELECT throws_ok($$ INSERT INTO finsim.volumes (account_id, volume_id, size_gib, region)
                    VALUES ('aaaaaaaa-0000-0000-0000-000000000001', 'vol-bad', 10, 'mars-1') $$,
                 '22023', NULL, 'volume in an unknown region refused');

INSERT INTO finsim.snapshots (account_id, snapshot_id, size_gib) VALUES (:A, 'snap-1', 500);
SELECT is((SELECT monthly_cost FROM finsim.snapshots WHERE snapshot_id = 'snap-1'), 25::numeric, '500 GB orphaned snapshot = $25/month');
SELECT is((SELECT created_at FROM finsim.snapshots WHERE snapshot_id = 'snap-1'), '2026-03-15 00:00+00'::timestamptz,
          'snapshots.created_at defaults to virtual time');

-- ============================================================== S3
INSERT INTO finsim.s3_buckets (account_id, name) VALUES (:A, 'std'), (:A, 'cold');
INSERT INTO finsim.s3_buckets (account_id, name, region) VALUES (:A, 'eu', 'eu-west-1');
INSERT INTO finsim.s3_bucket_usage_daily (account_id, bucket_id, date, storage_gb_standard)
SELECT account_id, id, '2026-03-14', 500 FROM finsim.s3_buckets WHERE name = 'std';
INSERT INTO finsim.s3_bucket_usage_daily (account_id, bucket_id, date, storage_gb_standard)
SELECT account_id, id, '2026-03-15', 1000 FROM finsim.s3_buckets WHERE name = 'std';
INSERT INTO finsim.s3_bucket_usage_daily (account_id, bucket_id, date, storage_gb_glacier)
SELECT account_id, id, '2026-03-15', 1000 FROM finsim.s3_buckets WHERE name = 'cold';
SELECT pg_temp.within2(pg_temp.mc('s3_buckets', 'std'), 23, '1 TB Standard = $23/month (latest usage day)');
SELECT pg_temp.within2(pg_temp.mc('s3_buckets', 'cold'), 4, '1 TB Glacier = $4/month');
INSERT INTO finsim.s3_bucket_usage_daily (account_id, bucket_id, date, storage_gb_standard, requests_count)
SELECT account_id, id, '2026-03-15', 1000, 1000000 FROM finsim.s3_buckets WHERE name = 'eu';
SELECT results_eq($$ SELECT estimated_storage_cost, estimated_request_cost FROM finsim.s3_bucket_usage_daily d
                      JOIN finsim.s3_buckets b ON b.id = d.bucket_id WHERE b.name = 'eu' $$,
                  $$ VALUES (round(1000 * 0.023 * 1.10 / (730 / 24.0), 6), 1000 * 0.0013 * 1.10) $$,
                  'S3 usage is priced in the bucket''s region (one day of storage, blended requests)');
SELECT throws_ok($$ UPDATE finsim.s3_bucket_usage_daily SET storage_gb_standard = 'NaN' $$,
                 '22003', NULL, 'a non-finite size is refused with 22003');
UPDATE finsim.s3_bucket_usage_daily SET storage_gb_standard = 0, storage_gb_glacier = 1000
 WHERE bucket_id = (SELECT id FROM finsim.s3_buckets WHERE name = 'std') AND date = '2026-03-15';
SELECT pg_temp.within2(pg_temp.mc('s3_buckets', 'std'), 4, 'moving 1 TB to Glacier re-prices the day: $4/month');

-- ============================================================== RDS, caches
INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, allocated_storage_gib)
VALUES (:A, 'db-big', 'db.r5.2xlarge', 100);
SELECT results_eq($$ SELECT hourly_cost, storage_monthly_cost FROM finsim.rds_instances WHERE db_instance_id = 'db-big' $$,
                  $$ VALUES (0.48::numeric, 11.5::numeric) $$, 'RDS: class hourly + 100 GiB gp2 storage');
CREATE TEMP TABLE rds_before AS SELECT pg_temp.mc('rds_instances', 'db-big') AS c;
UPDATE finsim.rds_instances SET instance_class = 'db.r5.large' WHERE db_instance_id = 'db-big';
SELECT pg_temp.within2((SELECT c FROM rds_before) - pg_temp.mc('rds_instances', 'db-big'), 259, 'db.r5.2xlarge -> db.r5.large saves $259/month');
UPDATE finsim.rds_instances SET state = 'stopped' WHERE db_instance_id = 'db-big';
SELECT is(pg_temp.mc('rds_instances', 'db-big'), 11.5, 'a stopped database bills storage only');
UPDATE finsim.rds_instances SET allocated_storage_gib = 200 WHERE db_instance_id = 'db-big';
SELECT is((SELECT storage_monthly_cost FROM finsim.rds_instances WHERE db_instance_id = 'db-big'), 23::numeric, 'storage change re-prices storage');
SELECT throws_ok($$ INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class)
                    VALUES ('aaaaaaaa-0000-0000-0000-000000000001', 'db-bad', 'db.z9.huge') $$,
                 '22023', 'unknown instance class "db.z9.huge" in region "us-east-1"', 'unknown RDS class refused');

INSERT INTO finsim.cache_clusters (account_id, cluster_id, node_type, num_nodes) VALUES (:A, 'big', 'cache.r6g.xlarge', 1);
INSERT INTO finsim.cache_clusters (account_id, cluster_id, node_type, num_nodes) VALUES (:A, 'small', 'cache.r6g.medium', 1);
SELECT pg_temp.within2(pg_temp.mc('cache_clusters', 'big') - pg_temp.mc('cache_clusters', 'small'), 136,
                       'cache r6g.xlarge vs r6g.medium = $136/month per node');
UPDATE finsim.cache_clusters SET num_nodes = 3 WHERE cluster_id = 'big';
SELECT is((SELECT hourly_cost FROM finsim.cache_clusters WHERE cluster_id = 'big'), 0.756, 'node count change re-prices: 3 x $0.252');
SELECT throws_ok($$ INSERT INTO finsim.cache_clusters (account_id, cluster_id, node_type)
                    VALUES ('aaaaaaaa-0000-0000-0000-000000000001', 'bad', 'cache.x1.mega') $$,
                 '22023', NULL, 'unknown cache node type refused');

-- ============================================================== Network
INSERT INTO finsim.load_balancers (account_id, lb_arn, name) VALUES (:A, 'arn:lb/1', 'alb');
SELECT pg_temp.within2(pg_temp.mc('load_balancers', 'alb'), 16, 'ALB = $16/month base');
UPDATE finsim.load_balancers SET type = 'network' WHERE name = 'alb';
SELECT is((SELECT hourly_cost FROM finsim.load_balancers WHERE name = 'alb'), finsim.price('elb', 'network'), 'LB type change re-prices');

INSERT INTO finsim.elastic_ips (account_id, allocation_id, public_ip)
SELECT :A, 'eipalloc-' || g, '10.0.0.' || g FROM generate_series(1, 10) g;
SELECT pg_temp.within2(pg_temp.mc('elastic_ips', '10.0.0.1'), 3.60, 'one orphaned EIP = $3.60/month');
SELECT pg_temp.within2((SELECT sum(monthly_cost) FROM finsim.resource_costs WHERE account_id = :A AND resource_type = 'elastic_ips'), 36,
                       '10 orphaned EIPs = $36/month');
UPDATE finsim.elastic_ips SET state = 'associated', associated_instance_id = 'i-1' WHERE allocation_id = 'eipalloc-1';
SELECT is((SELECT hourly_cost FROM finsim.elastic_ips WHERE allocation_id = 'eipalloc-1'), 0::numeric, 'associating an EIP re-prices it to $0');
UPDATE finsim.elastic_ips SET state = 'unassociated', associated_instance_id = NULL WHERE allocation_id = 'eipalloc-1';
SELECT is((SELECT hourly_cost FROM finsim.elastic_ips WHERE allocation_id = 'eipalloc-1'), 0.005, 'disassociating re-prices it to $0.005/h');

INSERT INTO finsim.data_transfer_daily (account_id, date, source_region, dest_region, direction, gb_transferred)
VALUES (:A, '2026-03-15', 'us-east-1', 'us-east-1', 'cross-az', 1000),
       (:A, '2026-03-14', 'us-east-1', 'us-east-1', 'intra-az', 1000);
SELECT pg_temp.within2((SELECT estimated_transfer_cost FROM finsim.data_transfer_daily WHERE direction = 'cross-az') * 730 / 24, 300,
                       '1 TB/day cross-AZ = $300/month');
SELECT is((SELECT estimated_transfer_cost FROM finsim.data_transfer_daily WHERE direction = 'intra-az'), 0::numeric, 'same AZ = $0');

-- ============================================================== Logs
INSERT INTO finsim.log_groups (account_id, name) VALUES (:A, '/forever');
INSERT INTO finsim.log_groups (account_id, name, retention_days) VALUES (:A, '/30d', 30);
-- After a year at 10 GB/day a group kept forever stores 3,650 GB; at 30 days ~304 GB.
INSERT INTO finsim.log_group_usage_daily (account_id, log_group_id, date, ingested_gb, stored_gb)
SELECT account_id, id, '2026-03-15', 10, 3650 FROM finsim.log_groups WHERE name = '/forever';
INSERT INTO finsim.log_group_usage_daily (account_id, log_group_id, date, ingested_gb, stored_gb)
SELECT account_id, id, '2026-03-15', 10, 10 * 730 / 24.0 FROM finsim.log_groups WHERE name = '/30d';
SELECT pg_temp.within2((SELECT estimated_storage_cost * 365 FROM finsim.log_group_usage_daily d JOIN finsim.log_groups g ON g.id = d.log_group_id
                         WHERE g.name = '/forever'), 912, 'logs 10 GB/day kept forever = $912/year storage');
SELECT pg_temp.within2((SELECT estimated_storage_cost * 365 FROM finsim.log_group_usage_daily d JOIN finsim.log_groups g ON g.id = d.log_group_id
                         WHERE g.name = '/30d'), 76, 'logs 10 GB/day at 30 days = $76/year storage');
SELECT is((SELECT estimated_ingestion_cost FROM finsim.log_group_usage_daily d JOIN finsim.log_groups g ON g.id = d.log_group_id
            WHERE g.name = '/30d'), 5::numeric, 'ingestion 10 GB x $0.50');

-- ============================================================== Commitments
INSERT INTO finsim.commitments (account_id, commitment_type, scope, hourly_commitment_amount, start_date, end_date)
VALUES (:A, 'reserved_instance', 'm5/us-east-1', round(1000 / 730.0, 6), '2026-01-01', '2027-01-01');
INSERT INTO finsim.commitment_utilization_daily (account_id, commitment_id, date, utilization_percent)
SELECT account_id, id, '2026-03-15', 60 FROM finsim.commitments WHERE account_id = :A;
SELECT pg_temp.within2(pg_temp.mc('commitments', 'reserved_instance m5/us-east-1'), 1000, 'a $1,000/month RI bills $1,000/month');
SELECT pg_temp.within2((SELECT c.monthly_cost * (1 - u.utilization_percent / 100)
                          FROM finsim.resource_costs c
                          JOIN finsim.commitment_utilization_daily u ON u.commitment_id::text = c.resource_id
                         WHERE c.resource_type = 'commitments'), 400, 'RI at 60% utilisation wastes $400/month');

-- ============================================================== Containers, managed, streams
INSERT INTO finsim.container_clusters (account_id, name, node_instance_type, desired_nodes, min_nodes, max_nodes)
VALUES (:A, 'k8s', 'm5.large', 3, 1, 5);
SELECT is((SELECT estimated_hourly_cost FROM finsim.container_clusters WHERE name = 'k8s'), 0.10 + 3 * 0.096,
          'cluster: control plane + 3 x m5.large');
UPDATE finsim.container_clusters SET desired_nodes = 2 WHERE name = 'k8s';
SELECT is((SELECT estimated_hourly_cost FROM finsim.container_clusters WHERE name = 'k8s'), 0.10 + 2 * 0.096,
          'desired_nodes change re-prices the cluster');
INSERT INTO finsim.container_nodes (account_id, cluster_id, instance_id, instance_type)
SELECT account_id, id, 'i-node-' || g, 'm5.large' FROM finsim.container_clusters, generate_series(1, 2) g WHERE name = 'k8s';
INSERT INTO finsim.container_nodes (account_id, cluster_id, instance_id, instance_type, state)
SELECT account_id, id, 'i-node-gpu', 'g4dn.xlarge', 'stopped' FROM finsim.container_clusters WHERE name = 'k8s';
SELECT results_eq($$ SELECT hourly_cost, gpu_hourly_cost, gpu_count, has_gpu FROM finsim.container_nodes WHERE instance_id = 'i-node-gpu' $$,
                  $$ VALUES (0.226::numeric, 0.3::numeric, 1, true) $$, 'container node priced with its GPU');
SELECT is((SELECT sum(monthly_cost) FROM finsim.resource_costs
            WHERE account_id = :A AND resource_type IN ('container_clusters', 'container_nodes')),
          round((0.10 + 2 * 0.096) * 730, 6),
          'cluster bills control plane + running nodes once (no double count; stopped node $0)');

INSERT INTO finsim.managed_services (account_id, service_type, name, instance_type, node_count)
VALUES (:A, 'opensearch', 'search', 'r6g.large.search', 3);
SELECT is((SELECT hourly_cost FROM finsim.managed_services WHERE name = 'search'), 3 * 0.167, 'opensearch: 3 x r6g.large.search');
SELECT throws_ok($$ INSERT INTO finsim.managed_services (account_id, service_type, name, instance_type)
                    VALUES ('aaaaaaaa-0000-0000-0000-000000000001', 'redshift', 'bad', 'm5.large') $$,
                 '22023', NULL, 'a type the service does not price is refused');

INSERT INTO finsim.streaming_clusters (account_id, name, engine, shard_count, retention_hours)
VALUES (:A, 'kin', 'kinesis', 4, 24), (:A, 'kin-long', 'kinesis', 4, 168), (:A, 'msk', 'msk', 3, 24);
SELECT results_eq($$ SELECT name, hourly_cost FROM finsim.streaming_clusters WHERE account_id = 'aaaaaaaa-0000-0000-0000-000000000001' ORDER BY name $$,
                  $$ VALUES ('kin'::text, 0.06::numeric), ('kin-long', 0.14), ('msk', 0.63) $$,
                  'streams: shards x shard-hour, + extended retention beyond 24 h; MSK brokers x kafka.m5.large');
UPDATE finsim.streaming_clusters SET retention_hours = 24 WHERE name = 'kin-long';
SELECT is((SELECT hourly_cost FROM finsim.streaming_clusters WHERE name = 'kin-long'), 0.06, 'retention change re-prices');

-- ============================================================== resource_change_events
INSERT INTO finsim.resource_change_events (account_id, resource_type, resource_id, field_name)
VALUES (:A, 'instances', 'x', 'state');
SELECT is((SELECT changed_at FROM finsim.resource_change_events WHERE resource_id = 'x'), '2026-03-15 00:00+00'::timestamptz,
          'resource_change_events.changed_at defaults to virtual time');

-- ============================================================== a small hand-written account
INSERT INTO finsim.instances (account_id, instance_id, name, instance_type, state) VALUES
  (:B, 'i-run', 'run', 'm5.large', 'running'),
  (:B, 'i-stop', 'stop', 'm5.xlarge', 'stopped');
INSERT INTO finsim.elastic_ips (account_id, allocation_id, public_ip, state, associated_instance_id) VALUES
  (:B, 'eip-a', '10.1.0.1', 'associated', 'i-run'),
  (:B, 'eip-u', '10.1.0.2', 'unassociated', NULL);
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, state, attached_instance_id) VALUES
  (:B, 'vol-a', 100, 'gp3', 'in-use', 'i-run');
INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, allocated_storage_gib, state) VALUES
  (:B, 'db-stopped', 'db.r5.large', 100, 'stopped');
SELECT results_eq(
  $$ SELECT resource_type, resource_name, monthly_cost FROM finsim.resource_costs
      WHERE account_id = 'aaaaaaaa-0000-0000-0000-000000000002' ORDER BY resource_type, resource_name $$,
  $$ VALUES ('elastic_ips'::text, '10.1.0.1'::text, 0::numeric), ('elastic_ips', '10.1.0.2', 3.65),
            ('instances', 'run', 70.08), ('instances', 'stop', 0),
            ('rds_instances', 'db-stopped', 11.5), ('volumes', 'vol-a', 8) $$,
  'resource_costs: running billed, stopped instance free, associated EIP free, stopped RDS storage only');
SELECT is(finsim.monthly_run_rate(:B), 3.65 + 70.08 + 11.5 + 8, 'monthly_run_rate sums the account');
SELECT is(finsim.monthly_run_rate('aaaaaaaa-0000-0000-0000-000000000003'), 0::numeric, 'an empty account runs at $0');
SELECT throws_ok($$ SELECT finsim.monthly_run_rate(NULL) $$, '22004', NULL, 'monthly_run_rate(NULL): 22004');
SELECT throws_ok($$ SELECT finsim.monthly_run_rate('aaaaaaaa-0000-0000-0000-00000000dead') $$, '22023', NULL,
                 'monthly_run_rate of an unknown account: 22023');
SELECT is((SELECT count(*)::int FROM (SELECT resource_type, resource_id FROM finsim.resource_costs
                                        GROUP BY 1, 2 HAVING count(*) > 1) d), 0, 'one row per resource');

-- Agents see through RLS: before login, nothing.
SET LOCAL ROLE finsim_agent;
SELECT is((SELECT count(*)::int FROM finsim.resource_costs), 0, 'an agent before login sees no resource_costs rows');
SELECT throws_ok($$ SELECT finsim.monthly_run_rate('aaaaaaaa-0000-0000-0000-000000000002') $$, '22023', NULL,
                 'an agent cannot read another account''s run rate');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
