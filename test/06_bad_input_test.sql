-- Bad input on every table: bad enumeration values, percentages outside 0..100, negative
-- sizes, counts and costs are refused by CHECK constraints (SQLSTATE 23514) and nothing is
-- written or changed.
BEGIN;
SELECT plan(90 + 11 + 14);

\ir fixtures/handwritten_rows.sql

-- A fingerprint of everything in the fixture account, before the bad statements.
CREATE FUNCTION pg_temp.fingerprint() RETURNS text LANGUAGE plpgsql AS $fp$
DECLARE t text; acc text; r text; out text := '';
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r' ORDER BY 1
  LOOP
    acc := CASE WHEN t = 'cloud_accounts' THEN 'id' ELSE 'account_id' END;
    EXECUTE format('SELECT count(*) || '':'' || coalesce(md5(string_agg(to_jsonb(x)::text, '','' ORDER BY x.id)), '''')
                      FROM finsim.%I x WHERE %I = %L', t, acc, '00000000-0000-4000-8000-0000000000a1') INTO r;
    out := out || t || '=' || r || ';';
  END LOOP;
  RETURN out;
END $fp$;
SELECT pg_temp.fingerprint() AS before \gset

-- The CHECK constraints themselves, with user triggers off (session_replication_role =
-- replica): a BEFORE trigger (pricing) may refuse some values first with 22023, below.
SET LOCAL session_replication_role = replica;

-- UPDATEs of the fixture rows with bad values.
SELECT throws_ok($$UPDATE finsim.instances SET state = 'exploded' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'instances.state = ''exploded'' is refused');
SELECT throws_ok($$UPDATE finsim.instances SET env = 'production' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'instances.env = ''production'' is refused');
SELECT throws_ok($$UPDATE finsim.instances SET optimization_policy = 'yolo' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'instances.optimization_policy = ''yolo'' is refused');
SELECT throws_ok($$UPDATE finsim.instances SET avg_cpu_7d = 101 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'instances.avg_cpu_7d = 101 is refused');
SELECT throws_ok($$UPDATE finsim.instances SET current_cpu = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'instances.current_cpu = -1 is refused');
SELECT throws_ok($$UPDATE finsim.instances SET current_memory = 100.5 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'instances.current_memory = 100.5 is refused');
SELECT throws_ok($$UPDATE finsim.instances SET gpu_count = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'instances.gpu_count = -1 is refused');
SELECT throws_ok($$UPDATE finsim.instances SET hourly_cost = -0.01 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'instances.hourly_cost = -0.01 is refused');
SELECT throws_ok($$UPDATE finsim.autoscaling_groups SET env = 'qa' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'autoscaling_groups.env = ''qa'' is refused');
SELECT throws_ok($$UPDATE finsim.autoscaling_groups SET current_utilization = 150 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'autoscaling_groups.current_utilization = 150 is refused');
SELECT throws_ok($$UPDATE finsim.autoscaling_groups SET min_size = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'autoscaling_groups.min_size = -1 is refused');
SELECT throws_ok($$UPDATE finsim.autoscaling_groups SET optimization_policy = 'always' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'autoscaling_groups.optimization_policy = ''always'' is refused');
SELECT throws_ok($$UPDATE finsim.lambda_functions SET provisioned_concurrency = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'lambda_functions.provisioned_concurrency = -1 is refused');
SELECT throws_ok($$UPDATE finsim.lambda_functions SET invocations_7d = -5 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'lambda_functions.invocations_7d = -5 is refused');
SELECT throws_ok($$UPDATE finsim.lambda_functions SET memory_mb = 64 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'lambda_functions.memory_mb = 64 is refused');
SELECT throws_ok($$UPDATE finsim.lambda_functions SET optimization_policy = '' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'lambda_functions.optimization_policy = '''' is refused');
SELECT throws_ok($$UPDATE finsim.container_clusters SET desired_nodes = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'container_clusters.desired_nodes = -1 is refused');
SELECT throws_ok($$UPDATE finsim.container_clusters SET optimization_policy = 'AUTO_SAFE' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'container_clusters.optimization_policy = ''AUTO_SAFE'' is refused');
SELECT throws_ok($$UPDATE finsim.container_nodes SET state = 'terminated' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'container_nodes.state = ''terminated'' is refused');
SELECT throws_ok($$UPDATE finsim.container_nodes SET avg_memory_7d = 101 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'container_nodes.avg_memory_7d = 101 is refused');
SELECT throws_ok($$UPDATE finsim.container_nodes SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'container_nodes.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.container_services SET replica_count = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'container_services.replica_count = -1 is refused');
SELECT throws_ok($$UPDATE finsim.container_services SET requested_memory_mb = -512 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'container_services.requested_memory_mb = -512 is refused');
SELECT throws_ok($$UPDATE finsim.container_services SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'container_services.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.volumes SET volume_type = 'gp4' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'volumes.volume_type = ''gp4'' is refused');
SELECT throws_ok($$UPDATE finsim.volumes SET state = 'attached' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'volumes.state = ''attached'' is refused');
SELECT throws_ok($$UPDATE finsim.volumes SET size_gib = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'volumes.size_gib = -1 is refused');
SELECT throws_ok($$UPDATE finsim.volumes SET size_gib = 0 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'volumes.size_gib = 0 is refused');
SELECT throws_ok($$UPDATE finsim.volumes SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'volumes.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.snapshots SET size_gib = -10 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'snapshots.size_gib = -10 is refused');
SELECT throws_ok($$UPDATE finsim.snapshots SET monthly_cost = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'snapshots.monthly_cost = -1 is refused');
SELECT throws_ok($$UPDATE finsim.snapshots SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'snapshots.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.snapshots SET retention_policy = '30d' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'snapshots.retention_policy = ''30d'' is refused (daily-N, weekly-N or monthly-N)');
SELECT throws_ok($$UPDATE finsim.s3_buckets SET env = 'sandbox' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 's3_buckets.env = ''sandbox'' is refused');
SELECT throws_ok($$UPDATE finsim.s3_buckets SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 's3_buckets.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.s3_bucket_usage_daily SET requests_count = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 's3_bucket_usage_daily.requests_count = -1 is refused');
SELECT throws_ok($$UPDATE finsim.s3_bucket_usage_daily SET storage_gb_standard = -0.5 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 's3_bucket_usage_daily.storage_gb_standard = -0.5 is refused');
SELECT throws_ok($$UPDATE finsim.rds_instances SET engine = 'oracle' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'rds_instances.engine = ''oracle'' is refused');
SELECT throws_ok($$UPDATE finsim.rds_instances SET state = 'running' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'rds_instances.state = ''running'' is refused');
SELECT throws_ok($$UPDATE finsim.rds_instances SET avg_cpu_7d = -3 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'rds_instances.avg_cpu_7d = -3 is refused');
SELECT throws_ok($$UPDATE finsim.rds_instances SET allocated_storage_gib = -20 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'rds_instances.allocated_storage_gib = -20 is refused');
SELECT throws_ok($$UPDATE finsim.rds_instances SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'rds_instances.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.cache_clusters SET engine = 'valkey2' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'cache_clusters.engine = ''valkey2'' is refused');
SELECT throws_ok($$UPDATE finsim.cache_clusters SET num_nodes = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'cache_clusters.num_nodes = -1 is refused');
SELECT throws_ok($$UPDATE finsim.cache_clusters SET avg_cpu_7d = 200 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'cache_clusters.avg_cpu_7d = 200 is refused');
SELECT throws_ok($$UPDATE finsim.cache_clusters SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'cache_clusters.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.load_balancers SET type = 'elastic' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'load_balancers.type = ''elastic'' is refused');
SELECT throws_ok($$UPDATE finsim.load_balancers SET env = 'test' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'load_balancers.env = ''test'' is refused');
SELECT throws_ok($$UPDATE finsim.load_balancers SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'load_balancers.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.elastic_ips SET state = 'attached' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'elastic_ips.state = ''attached'' is refused');
SELECT throws_ok($$UPDATE finsim.elastic_ips SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'elastic_ips.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.data_transfer_daily SET direction = 'sideways' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'data_transfer_daily.direction = ''sideways'' is refused');
SELECT throws_ok($$UPDATE finsim.data_transfer_daily SET gb_transferred = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'data_transfer_daily.gb_transferred = -1 is refused');
SELECT throws_ok($$UPDATE finsim.log_groups SET retention_days = -7 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'log_groups.retention_days = -7 is refused');
SELECT throws_ok($$UPDATE finsim.log_groups SET env = 'ops' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'log_groups.env = ''ops'' is refused');
SELECT throws_ok($$UPDATE finsim.log_groups SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'log_groups.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.log_group_usage_daily SET ingested_gb = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'log_group_usage_daily.ingested_gb = -1 is refused');
SELECT throws_ok($$UPDATE finsim.commitments SET commitment_type = 'spot' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'commitments.commitment_type = ''spot'' is refused');
SELECT throws_ok($$UPDATE finsim.commitments SET term_months = 24 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'commitments.term_months = 24 is refused');
SELECT throws_ok($$UPDATE finsim.commitments SET hourly_commitment_amount = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'commitments.hourly_commitment_amount = -1 is refused');
SELECT throws_ok($$UPDATE finsim.commitment_utilization_daily SET utilization_percent = 101 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'commitment_utilization_daily.utilization_percent = 101 is refused');
SELECT throws_ok($$UPDATE finsim.commitment_utilization_daily SET utilization_percent = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'commitment_utilization_daily.utilization_percent = -1 is refused');
SELECT throws_ok($$UPDATE finsim.metrics_daily SET estimated_daily_cost = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'metrics_daily.estimated_daily_cost = -1 is refused');
SELECT throws_ok($$UPDATE finsim.resource_change_events SET change_source = 'hacker' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'resource_change_events.change_source = ''hacker'' is refused');
SELECT throws_ok($$UPDATE finsim.managed_services SET service_type = 'bigtable' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'managed_services.service_type = ''bigtable'' is refused');
SELECT throws_ok($$UPDATE finsim.managed_services SET node_count = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'managed_services.node_count = -1 is refused');
SELECT throws_ok($$UPDATE finsim.managed_services SET avg_cpu_7d = 101 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'managed_services.avg_cpu_7d = 101 is refused');
SELECT throws_ok($$UPDATE finsim.managed_services SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'managed_services.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.streaming_clusters SET engine = 'pulsar' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'streaming_clusters.engine = ''pulsar'' is refused');
SELECT throws_ok($$UPDATE finsim.streaming_clusters SET shard_count = -1 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'streaming_clusters.shard_count = -1 is refused');
SELECT throws_ok($$UPDATE finsim.streaming_clusters SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'streaming_clusters.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.recommendations SET status = 'maybe' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'recommendations.status = ''maybe'' is refused');
SELECT throws_ok($$UPDATE finsim.recommendations SET est_monthly_savings = -5 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'recommendations.est_monthly_savings = -5 is refused');
SELECT throws_ok($$UPDATE finsim.api_clients SET optimization_policy = 'x' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'api_clients.optimization_policy = ''x'' is refused');
SELECT throws_ok($$UPDATE finsim.cloud_accounts SET resources_requested = -1 WHERE id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'cloud_accounts.resources_requested = -1 is refused');

SELECT throws_ok($$UPDATE finsim.cloud_accounts SET baseline_run_rate = -1 WHERE id = '00000000-0000-4000-8000-0000000000a1'$$, '23514', NULL,
                 'cloud_accounts.baseline_run_rate = -1 is refused');
-- Names people read hold no control characters (U+0001-U+001F, U+007F-U+009F) and are not blank.
SELECT throws_ok(format('UPDATE finsim.%I SET name = %L WHERE %I = %L', t, v, CASE t WHEN 'cloud_accounts' THEN 'id' ELSE 'account_id' END,
                        '00000000-0000-4000-8000-0000000000a1'),
                 '23514', format('new row for relation "%s" violates check constraint "%s_name_check"', t, t),
                 format('%s.name with %s is refused', t, what))
  FROM unnest('{cloud_accounts,api_clients}'::text[]) t,
       (VALUES ('a newline', E'fixture\n2'), ('a tab', E'\tfixture'), ('an escape', E'fix\u001bture'),
               ('DEL', E'fixture\u007f'), ('U+0085', E'fixture\u0085'), ('only spaces', '   ')) AS bad(what, v)
 ORDER BY t, what;
SELECT lives_ok($$UPDATE finsim.api_clients SET name = E'ci-bot \u00e9\u2014 2' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$,
                'api_clients.name with printable non-ASCII characters is accepted');
SELECT lives_ok($$UPDATE finsim.api_clients SET name = 'ci-bot' WHERE account_id = '00000000-0000-4000-8000-0000000000a1'$$,
                'and set back');

-- INSERTs with bad values.
SELECT throws_ok($$INSERT INTO finsim.instances (account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost) VALUES ('00000000-0000-4000-8000-0000000000a1', 'i-bad', 'm5.large', 'broken', 0.096, 0)$$, '23514', NULL,
                 'INSERT into instances with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, monthly_cost) VALUES ('00000000-0000-4000-8000-0000000000a1', 'vol-bad', -5, 'gp3', 1)$$, '23514', NULL,
                 'INSERT into volumes with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, monthly_cost) VALUES ('00000000-0000-4000-8000-0000000000a1', 'vol-bad', 5, 'magnetic', 1)$$, '23514', NULL,
                 'INSERT into volumes with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.data_transfer_daily (account_id, date, source_region, dest_region, direction, gb_transferred, estimated_transfer_cost) VALUES ('00000000-0000-4000-8000-0000000000a1', '2025-01-02', 'us-east-1', 'us-east-1', 'upward', 1, 0)$$, '23514', NULL,
                 'INSERT into data_transfer_daily with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.load_balancers (account_id, lb_arn, name, type, hourly_cost) VALUES ('00000000-0000-4000-8000-0000000000a1', 'arn:bad', 'bad', 'magic', 0.0225)$$, '23514', NULL,
                 'INSERT into load_balancers with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.rds_instances (account_id, db_instance_id, engine, instance_class, hourly_cost, storage_monthly_cost) VALUES ('00000000-0000-4000-8000-0000000000a1', 'bad-db', 'db2', 'db.t3.micro', 0.017, 2.3)$$, '23514', NULL,
                 'INSERT into rds_instances with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.commitments (account_id, commitment_type, hourly_commitment_amount, start_date, end_date) VALUES ('00000000-0000-4000-8000-0000000000a1', 'lease', 1, '2025-01-01', '2026-01-01')$$, '23514', NULL,
                 'INSERT into commitments with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.commitment_utilization_daily (account_id, commitment_id, date, utilization_percent) VALUES ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000b13', '2025-01-02', 250)$$, '23514', NULL,
                 'INSERT into commitment_utilization_daily with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.streaming_clusters (account_id, name, engine, shard_count, hourly_cost) VALUES ('00000000-0000-4000-8000-0000000000a1', 'bad', 'kinesis', -2, 0.015)$$, '23514', NULL,
                 'INSERT into streaming_clusters with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.recommendations (account_id, resource_type, resource_id, pattern, action, status) VALUES ('00000000-0000-4000-8000-0000000000a1', 'instances', 'x', 'idle', 'stop', 'pending')$$, '23514', NULL,
                 'INSERT into recommendations with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.elastic_ips (account_id, allocation_id, public_ip, state, hourly_cost) VALUES ('00000000-0000-4000-8000-0000000000a1', 'eipalloc-bad', '203.0.113.99', 'floating', 0.005)$$, '23514', NULL,
                 'INSERT into elastic_ips with a bad value is refused');
SELECT throws_ok($$INSERT INTO finsim.resource_change_events (account_id, resource_type, resource_id, change_source, field_name, changed_at) VALUES ('00000000-0000-4000-8000-0000000000a1', 'instances', 'x', 'user', 'state', '2025-01-01')$$, '23514', NULL,
                 'INSERT into resource_change_events with a bad value is refused');

SET LOCAL session_replication_role = origin;

-- With every trigger on, bad values of the columns that feed pricing are refused either by
-- the pricing trigger (22023, unknown type) or by the CHECK (23514); never anything else.
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
SELECT ok(pg_temp.sqlstate_of(format('UPDATE finsim.%I SET %I = %L WHERE account_id = %L', t, c, v,
                                      '00000000-0000-4000-8000-0000000000a1')) IN ('23514', '22023'),
          format('%s.%s = %L is refused with 23514 or 22023 when triggers run', t, c, v))
  FROM (VALUES ('volumes', 'volume_type', 'gp4'), ('load_balancers', 'type', 'elastic'),
               ('elastic_ips', 'state', 'attached'), ('data_transfer_daily', 'direction', 'sideways'),
               ('managed_services', 'service_type', 'bigtable'), ('streaming_clusters', 'engine', 'pulsar'),
               ('instances', 'state', 'exploded')) AS bad(t, c, v);

-- Text that is stored has a bound: a key's name (as an account's) and an action's reason.
SELECT throws_ok(format($$SELECT * FROM finsim.create_api_client('00000000-0000-4000-8000-0000000000a1', %L)$$, repeat('n', 201)),
                 '22023', 'name is too long (at most 200 bytes)', 'an API key name over 200 bytes is refused');
SELECT throws_ok(format($$SELECT * FROM finsim.apply_action('instances', '00000000-0000-4000-8000-000000000b03', 'stop_instance', '{}', %L)$$, repeat('r', 2001)),
                 '22023', 'reason is too long (2001 bytes; at most 2000)', 'a reason over 2000 bytes is refused');

-- A row whose virtual time the trigger fills (issued_at, changed_at) naming no account is the
-- foreign-key violation it is, as with the time given.
SELECT throws_ok($$INSERT INTO finsim.api_clients (account_id, name, access_key_id, secret_key_hash)
                   VALUES ('00000000-0000-4000-8000-00000000dead', 'k', 'AKIAFSNOACCOUNT00000', 'x')$$,
                 '23503', 'insert into api_clients names account 00000000-0000-4000-8000-00000000dead, which does not exist',
                 'api_clients without issued_at for an unknown account: 23503');
SELECT throws_ok($$INSERT INTO finsim.resource_change_events (account_id, resource_type, resource_id, change_source, field_name)
                   VALUES ('00000000-0000-4000-8000-00000000dead', 'instances', 'x', 'manual', 'state')$$,
                 '23503', NULL, 'resource_change_events without changed_at for an unknown account: 23503');

SELECT is(pg_temp.fingerprint(), :'before', 'nothing was written or changed by the refused statements');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events
            WHERE account_id = '00000000-0000-4000-8000-0000000000a1'), 1,
          'no audit events from refused updates');

SELECT * FROM finish();
ROLLBACK;
