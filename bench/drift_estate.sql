-- bench/drift_estate.sql: a synthetic estate of :n resources in one account (plain
-- INSERT ... SELECT generate_series; the generator is not needed), with 6 days of
-- metrics_daily history so the 7-day recomputation reads a steady-state week.
-- Mix: 70 % instances, 20 % volumes, 4 % RDS, 3 % load balancers, 3 % Lambda functions.
\set ON_ERROR_STOP 1
INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed)
  VALUES (:'acct', :'acct', '2026-01-11 00:00+00', 1);
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, region, state, launch_time,
                              hourly_cost, gpu_hourly_cost)
  SELECT md5(:'acct' || 'i' || g)::uuid, :'acct', 'i-' || g,
         (ARRAY['m5.large','m5.xlarge','t3.medium','c5.large'])[1 + g % 4],
         (ARRAY['prod','prod','staging','dev','preview'])[1 + g % 5], 'us-east-1', 'running', '2025-12-01',
         (ARRAY[0.096,0.192,0.0416,0.085])[1 + g % 4], 0
  FROM generate_series(1, (:n * 0.70)::int) g;
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, attached_instance_id, monthly_cost)
  SELECT md5(:'acct' || 'v' || g)::uuid, :'acct', 'vol-' || g, 100, 'gp3', 'in-use', 'i-' || g, 8
  FROM generate_series(1, (:n * 0.20)::int) g;
INSERT INTO finsim.rds_instances (id, account_id, db_instance_id, instance_class, hourly_cost, storage_monthly_cost)
  SELECT md5(:'acct' || 'r' || g)::uuid, :'acct', 'db-' || g, 'db.m5.large', 0.171, 2.3
  FROM generate_series(1, (:n * 0.04)::int) g;
INSERT INTO finsim.load_balancers (id, account_id, lb_arn, name, hourly_cost)
  SELECT md5(:'acct' || 'l' || g)::uuid, :'acct', 'arn:lb/' || g, 'lb-' || g, 0.0225
  FROM generate_series(1, (:n * 0.03)::int) g;
INSERT INTO finsim.lambda_functions (id, account_id, name, memory_mb, estimated_monthly_cost)
  SELECT md5(:'acct' || 'f' || g)::uuid, :'acct', 'fn-' || g, 512, 1
  FROM generate_series(1, (:n * 0.03)::int) g;
-- Six days of history (2026-01-05 .. 2026-01-10) for every resource.
INSERT INTO finsim.metrics_daily (id, account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT md5(r.t || r.id || d)::uuid, :'acct', r.t, r.id, d::date,
         jsonb_build_object('cpu_avg', 20, 'cpu_max', 40, 'memory_avg', 50, 'network', 1, 'disk', 10,
                            'connections', 5, 'requests', 100, 'invocations', 100, 'duration_ms', 50, 'iops', 300), 1
  FROM (SELECT 'instances' t, id::text id FROM finsim.instances WHERE account_id = :'acct'
        UNION ALL SELECT 'volumes', id::text FROM finsim.volumes WHERE account_id = :'acct'
        UNION ALL SELECT 'rds_instances', id::text FROM finsim.rds_instances WHERE account_id = :'acct'
        UNION ALL SELECT 'load_balancers', id::text FROM finsim.load_balancers WHERE account_id = :'acct'
        UNION ALL SELECT 'lambda_functions', id::text FROM finsim.lambda_functions WHERE account_id = :'acct') r,
       generate_series('2026-01-05'::date, '2026-01-10'::date, '1 day') d;
VACUUM ANALYZE finsim.instances, finsim.volumes, finsim.rds_instances, finsim.load_balancers,
               finsim.lambda_functions, finsim.metrics_daily;
