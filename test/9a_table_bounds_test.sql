-- Upper bounds on the columns the waste queries and the drift engine compute with
-- (robustness review #5, #6, #7): a hand-written value the engine cannot compute with is
-- refused when written (23514 naming the constraint), and changes nothing; a value at a
-- bound is accepted and the waste queries, the actions' findings and the tick cope with it.
BEGIN;
SELECT plan(23);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed, start_date) VALUES
  ('9a9a0000-0000-0000-0000-000000000001', 'bounds-a', '2026-03-02 00:00+00', 9, '2026-03-02');
INSERT INTO finsim.container_clusters (id, account_id, name, env, node_instance_type, desired_nodes, min_nodes, max_nodes)
  VALUES ('9a9a0000-0000-0000-0000-0000000000c1', '9a9a0000-0000-0000-0000-000000000001', 'bounds-cluster',
          'prod', 'm5.large', 2, 1, 4);
-- Uses 0.401 of its 1.00 vCPU request on 2 replicas: service_overrequested_cpu and
-- service_excess_replicas compute with replica_count.
INSERT INTO finsim.container_services (id, account_id, cluster_id, name, requested_cpu, requested_memory_mb,
                                       replica_count, avg_cpu_7d, avg_memory_7d)
  VALUES ('9a9a0000-0000-0000-0000-0000000000d1', '9a9a0000-0000-0000-0000-000000000001',
          '9a9a0000-0000-0000-0000-0000000000c1', 'bounds-svc', 1.00, 2048, 3, 0.101, 300);
INSERT INTO finsim.lambda_functions (id, account_id, name, memory_mb, timeout_seconds, provisioned_concurrency,
                                     invocations_7d, avg_duration_ms_7d)
  VALUES ('9a9a0000-0000-0000-0000-0000000000e1', '9a9a0000-0000-0000-0000-000000000001', 'bounds-fn',
          2048, 900, 5, 500, 120);
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, env, avg_cpu_7d, avg_network_7d)
  VALUES ('9a9a0000-0000-0000-0000-0000000000f1', '9a9a0000-0000-0000-0000-000000000001', 'i-bounds',
          'm5.large', 'running', 'prod', 30, 5);

-- The SQLSTATE of a statement ('ok' when it succeeds).
CREATE FUNCTION pg_temp.state(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE;
  RETURN s;
END $$;
-- The constraint a refused statement names (NULL when it succeeds or names none).
CREATE FUNCTION pg_temp.constraint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE c text;
BEGIN
  EXECUTE q;
  RETURN NULL;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME;
  RETURN c;
END $$;
CREATE TEMP TABLE before_rows AS
  SELECT (SELECT to_jsonb(s) - 'updated_at' FROM finsim.container_services s WHERE s.name = 'bounds-svc') AS svc,
         (SELECT to_jsonb(f) - 'updated_at' FROM finsim.lambda_functions f WHERE f.name = 'bounds-fn') AS fn,
         (SELECT to_jsonb(i) - 'updated_at' FROM finsim.instances i WHERE i.instance_id = 'i-bounds') AS inst,
         (SELECT to_jsonb(a) - 'updated_at' FROM finsim.cloud_accounts a WHERE a.name = 'bounds-a') AS acct;

-- ---------------------------------------------------------------- #5: big in-range values
SELECT is(pg_temp.constraint_of($$UPDATE finsim.container_services SET replica_count = 2147483647
                                  WHERE name = 'bounds-svc'$$),
          'container_services_sizes_check', 'replica_count 2147483647 is refused by container_services_sizes_check');
SELECT is(pg_temp.constraint_of($$UPDATE finsim.lambda_functions SET invocations_7d = 9223372036854775807
                                  WHERE name = 'bounds-fn'$$),
          'lambda_functions_counts_check', 'invocations_7d at bigint max is refused by lambda_functions_counts_check');
SELECT is(pg_temp.constraint_of($$UPDATE finsim.lambda_functions SET avg_duration_ms_7d = 1e300
                                  WHERE name = 'bounds-fn'$$),
          'lambda_functions_counts_check', 'avg_duration_ms_7d 1e300 is refused');
SELECT is(ARRAY[
    pg_temp.state($$UPDATE finsim.container_services SET replica_count = 10001 WHERE name = 'bounds-svc'$$),
    pg_temp.state($$UPDATE finsim.container_services SET requested_cpu = 1025 WHERE name = 'bounds-svc'$$),
    pg_temp.state($$UPDATE finsim.container_services SET requested_memory_mb = 1048577 WHERE name = 'bounds-svc'$$),
    pg_temp.state($$UPDATE finsim.container_services SET avg_cpu_7d = 1e300 WHERE name = 'bounds-svc'$$),
    pg_temp.state($$UPDATE finsim.container_services SET avg_memory_7d = 1e300 WHERE name = 'bounds-svc'$$),
    pg_temp.state($$UPDATE finsim.lambda_functions SET provisioned_concurrency = 100001 WHERE name = 'bounds-fn'$$),
    pg_temp.state($$UPDATE finsim.lambda_functions SET invocations_7d = 700000000001 WHERE name = 'bounds-fn'$$),
    pg_temp.state($$UPDATE finsim.lambda_functions SET avg_duration_ms_7d = 900000.01 WHERE name = 'bounds-fn'$$),
    pg_temp.state($$UPDATE finsim.instances SET avg_network_7d = 1e400 WHERE instance_id = 'i-bounds'$$),
    pg_temp.state($$UPDATE finsim.container_clusters SET max_nodes = 2147483647 WHERE name = 'bounds-cluster'$$),
    pg_temp.state($$INSERT INTO finsim.autoscaling_groups (account_id, name, instance_type, min_size, max_size, desired_capacity)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'bounds-asg', 'm5.large', 0, 2147483647, 2147483647)$$),
    pg_temp.state($$INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, provisioned_iops)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'vol-bounds', 100, 'io2', 2147483647)$$),
    pg_temp.state($$INSERT INTO finsim.snapshots (account_id, snapshot_id, size_gib)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'snap-bounds', 2147483647)$$),
    pg_temp.state($$INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, used_storage_gib)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'db-bounds', 'db.m5.large', 1e300)$$),
    pg_temp.state($$INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, avg_connections_7d)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'db-bounds', 'db.m5.large', 1e400)$$),
    pg_temp.state($$INSERT INTO finsim.load_balancers (account_id, lb_arn, name, avg_request_count_7d)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'arn:bounds', 'lb-bounds', 1e400)$$),
    pg_temp.state($$INSERT INTO finsim.streaming_clusters (account_id, name, provisioned_throughput_mbps, avg_usage_mbps_7d)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'stream-bounds', 1, 1e400)$$)],
  array_fill('23514'::text, ARRAY[17]),
  'every other value beyond its bound is refused with 23514');
SELECT is((SELECT jsonb_build_array(s.svc, s.fn, s.inst) FROM before_rows s),
          jsonb_build_array((SELECT to_jsonb(s) - 'updated_at' FROM finsim.container_services s WHERE s.name = 'bounds-svc'),
                            (SELECT to_jsonb(f) - 'updated_at' FROM finsim.lambda_functions f WHERE f.name = 'bounds-fn'),
                            (SELECT to_jsonb(i) - 'updated_at' FROM finsim.instances i WHERE i.instance_id = 'i-bounds')),
          '... and nothing changed');
SELECT is((SELECT count(*)::int FROM finsim.autoscaling_groups WHERE account_id = '9a9a0000-0000-0000-0000-000000000001')
          + (SELECT count(*)::int FROM finsim.volumes WHERE account_id = '9a9a0000-0000-0000-0000-000000000001')
          + (SELECT count(*)::int FROM finsim.snapshots WHERE account_id = '9a9a0000-0000-0000-0000-000000000001')
          + (SELECT count(*)::int FROM finsim.rds_instances WHERE account_id = '9a9a0000-0000-0000-0000-000000000001')
          + (SELECT count(*)::int FROM finsim.load_balancers WHERE account_id = '9a9a0000-0000-0000-0000-000000000001')
          + (SELECT count(*)::int FROM finsim.streaming_clusters WHERE account_id = '9a9a0000-0000-0000-0000-000000000001'),
          0, '... and nothing was inserted');

-- At the bounds: every value is accepted, and the waste queries, the findings the actions
-- run and the tick compute with them.
SELECT is(ARRAY[
    pg_temp.state($$UPDATE finsim.container_services SET replica_count = 10000 WHERE name = 'bounds-svc'$$),
    pg_temp.state($$UPDATE finsim.lambda_functions SET provisioned_concurrency = 100000, invocations_7d = 700000000000,
                      avg_duration_ms_7d = 900000, memory_mb = 10240 WHERE name = 'bounds-fn'$$),
    pg_temp.state($$UPDATE finsim.instances SET avg_network_7d = 100000 WHERE instance_id = 'i-bounds'$$),
    pg_temp.state($$INSERT INTO finsim.autoscaling_groups (account_id, name, instance_type, min_size, max_size,
                      desired_capacity, current_utilization)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'bounds-asg', 'm5.large', 10000, 10000, 10000, 100)$$),
    pg_temp.state($$INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, state, provisioned_iops, avg_iops_7d)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'vol-bounds', 65536, 'io2', 'available', 256000, 256000),
                           ('9a9a0000-0000-0000-0000-000000000001', 'vol-zero-iops', 100, 'io2', 'in-use', 0, 10)$$),
    pg_temp.state($$INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, allocated_storage_gib,
                      used_storage_gib, avg_cpu_7d, avg_connections_7d)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'db-bounds', 'db.m5.large', 65536, 65536, 50, 1000000)$$),
    pg_temp.state($$INSERT INTO finsim.load_balancers (account_id, lb_arn, name, avg_request_count_7d)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'arn:bounds', 'lb-bounds', 1e12)$$),
    pg_temp.state($$INSERT INTO finsim.streaming_clusters (account_id, name, shard_count, provisioned_throughput_mbps, avg_usage_mbps_7d)
                    VALUES ('9a9a0000-0000-0000-0000-000000000001', 'stream-bounds', 100000, 0.001, 1000000)$$)],
  array_fill('ok'::text, ARRAY[8]),
  'values at the bounds are accepted');
SELECT lives_ok($$SELECT count(*) FROM finsim.waste_findings('9a9a0000-0000-0000-0000-000000000001')$$,
                'waste_findings computes with them');
SELECT lives_ok($$SELECT * FROM finsim.waste_summary('9a9a0000-0000-0000-0000-000000000001')$$,
                'waste_summary computes with them');
SELECT is(pg_temp.state($$SELECT finsim.apply_action('instances', '9a9a0000-0000-0000-0000-0000000000f1', 'recommend')$$),
          'ok', 'an action (which runs the account''s findings) works');
SELECT lives_ok($$SELECT * FROM finsim.drift_tick('9a9a0000-0000-0000-0000-000000000001', 3)$$,
                'the tick advances three days from the bounds (its own writes stay within them)');
SELECT is((SELECT ticks FROM finsim.cloud_accounts WHERE name = 'bounds-a'), 3, '... the clock moved');

-- ---------------------------------------------------------------- #6: metrics_daily payloads
CREATE TEMP TABLE payloads_before AS
  SELECT id, metric_payload FROM finsim.metrics_daily WHERE account_id = '9a9a0000-0000-0000-0000-000000000001';
SELECT is(ARRAY[
    pg_temp.constraint_of($$UPDATE finsim.metrics_daily SET metric_payload = '{"cpu_avg": "x"}'
                            WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'instances'$$),
    pg_temp.constraint_of($$UPDATE finsim.metrics_daily SET metric_payload = '{"network": -5}'
                            WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'instances'$$),
    pg_temp.constraint_of($$UPDATE finsim.metrics_daily SET metric_payload = '{"cpu_avg": 1e300}'
                            WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'instances'$$),
    pg_temp.constraint_of($$UPDATE finsim.metrics_daily SET metric_payload = '{"network": 1e400}'
                            WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'instances'$$)],
  array_fill('metrics_daily_payload_check'::text, ARRAY[4]),
  'the review''s payloads are refused by metrics_daily_payload_check');
SELECT is(ARRAY[
    pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = '{"invocations": 100000000001}'
                    WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'lambda_functions'$$),
    pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = '{"duration_ms": [1]}'
                    WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'lambda_functions'$$),
    pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = '{"cpu_cores": true}'
                    WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'container_services'$$),
    pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = '{"memory_mb": 1048577}'
                    WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'container_services'$$),
    pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = '{"usage_mbps": -0.1}'
                    WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'streaming_clusters'$$),
    pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = '{"cpu_avg": 100.5}'
                    WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'instances'$$),
    pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = '{"iops": "1"}'
                    WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'volumes'$$),
    pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = '{"connections": 1e7}'
                    WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'rds_instances'$$),
    pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = '{"requests": 1e13}'
                    WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'load_balancers'$$)],
  array_fill('23514'::text, ARRAY[9]),
  'every key the tick reads must be a JSON number within its column''s range');
SELECT is((SELECT count(*)::int FROM finsim.metrics_daily m JOIN payloads_before b USING (id)
            WHERE m.metric_payload <> b.metric_payload), 0, '... and changed nothing');
SELECT is(pg_temp.state($$UPDATE finsim.metrics_daily SET metric_payload = metric_payload
                            || '{"note": "any other key", "cpu_max": 100, "gpu_avg": null}'
                          WHERE account_id = '9a9a0000-0000-0000-0000-000000000001' AND resource_type = 'instances'$$),
          'ok', 'other keys, values at the bounds and JSON null are accepted');
SELECT lives_ok($$SELECT * FROM finsim.drift_tick('9a9a0000-0000-0000-0000-000000000001')$$,
                'the tick keeps running');

-- ---------------------------------------------------------------- #7: start_date and ticks
SELECT is(ARRAY[
    pg_temp.constraint_of($$UPDATE finsim.cloud_accounts SET start_date = 'infinity' WHERE name = 'bounds-a'$$),
    pg_temp.constraint_of($$UPDATE finsim.cloud_accounts SET start_date = '-infinity' WHERE name = 'bounds-a'$$),
    pg_temp.constraint_of($$UPDATE finsim.cloud_accounts SET start_date = '9000-01-01' WHERE name = 'bounds-a'$$),
    pg_temp.constraint_of($$UPDATE finsim.cloud_accounts SET start_date = '1899-12-31' WHERE name = 'bounds-a'$$)],
  array_fill('cloud_accounts_start_date_check'::text, ARRAY[4]),
  'start_date must be finite and within 1900-01-01 .. 8999-12-31 (virtual_time''s range)');
SELECT is(pg_temp.constraint_of($$UPDATE finsim.cloud_accounts SET ticks = 2147483647 WHERE name = 'bounds-a'$$),
          'cloud_accounts_ticks_check', 'ticks = 2147483647 is refused by cloud_accounts_ticks_check');
SELECT is((SELECT to_jsonb(a) - 'updated_at' - 'virtual_time' - 'ticks' FROM finsim.cloud_accounts a WHERE a.name = 'bounds-a'),
          (SELECT acct - 'virtual_time' - 'ticks' FROM before_rows), '... and the account is unchanged');
SELECT is(pg_temp.state($$UPDATE finsim.cloud_accounts SET start_date = '1900-01-01', ticks = 2593222 WHERE name = 'bounds-a'$$),
          'ok', 'the extremes are accepted (2593222 = the days from 1900-01-01 to 9000-01-01)');
SELECT is(pg_temp.state($$UPDATE finsim.cloud_accounts SET start_date = '2026-03-02', ticks = 1000 WHERE name = 'bounds-a'$$),
          'ok', 'back to a normal account');
SELECT lives_ok($$SELECT * FROM finsim.drift_tick('9a9a0000-0000-0000-0000-000000000001')$$,
                'and it ticks');

SELECT * FROM finish();
ROLLBACK;
