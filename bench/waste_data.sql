-- Synthetic estate for the waste benchmark: :accounts accounts of :per_account resources
-- each (instances 40%, volumes 25%, snapshots 15%, EIPs 5%, log groups 5%, load balancers 3%,
-- S3 buckets 3%, RDS 2%, caches 2%), deterministic (no random()).  Account k has id
-- 00000000-0000-0000-0000-<k in hex>, so account 1 is the same in every database.
\set ON_ERROR_STOP 1
-- :layout (default 'account') orders the rows on the heap: 'account' writes each account's rows
-- together, as finsim.create_account does (one bulk insert per account); 'interleaved' writes
-- row g of every account before row g + 1, so each account's rows are spread over the whole
-- table (one heap page per row at 100 accounts): the worst case for one account's queries.
\if :{?layout}
\else
\set layout account
\endif
SELECT CASE :'layout' WHEN 'account' THEN 'a.k, g' WHEN 'interleaved' THEN 'g, a.k' END AS row_order \gset
\if :{?row_order}
\else
DO $$ BEGIN RAISE EXCEPTION 'waste_data.sql: layout must be account or interleaved'; END $$;
\endif
SET client_min_messages = warning;
CREATE TEMP TABLE acc AS
  SELECT k, ('00000000-0000-0000-0000-' || lpad(to_hex(k), 12, '0'))::uuid AS id
    FROM generate_series(1, :accounts) k;
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
  SELECT id, 'bench-' || k, '2026-03-01 00:00:00+00' FROM acc;

-- instances
INSERT INTO finsim.instances (account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost, avg_cpu_7d,
                              state, env, launch_time, tags)
SELECT a.id, 'i-' || g, t.type, t.price, 0, (g * 37) % 100,
       CASE WHEN g % 10 = 0 THEN 'stopped' ELSE 'running' END,
       (ARRAY['prod','prod','staging','dev','preview'])[1 + g % 5],
       timestamptz '2026-03-01' - make_interval(days => g % 30),
       CASE WHEN g % 3 = 0 THEN '{"env":"prod","team":"t","project":"p"}'::jsonb ELSE '{}'::jsonb END
  FROM acc a, generate_series(1, (:per_account * 40 / 100)) g,
       LATERAL (SELECT (ARRAY['m5.large','m5.xlarge','m5.2xlarge','m4.large'])[1 + g % 4] AS type,
                       (ARRAY[0.096, 0.192, 0.384, 0.1])[1 + g % 4] AS price) t
 ORDER BY :row_order;

-- volumes
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, state, attached_instance_id, monthly_cost, avg_iops_7d, last_used_at)
SELECT a.id, 'vol-' || g, 100 + g % 400, v.type,
       CASE WHEN g % 5 = 0 THEN 'available' ELSE 'in-use' END,
       CASE WHEN g % 5 = 0 THEN NULL ELSE 'i-' || (1 + g % (:per_account * 40 / 100)) END,
       (100 + g % 400) * v.price, g % 5000, timestamptz '2026-03-01' - make_interval(days => g % 60)
  FROM acc a, generate_series(1, (:per_account * 25 / 100)) g,
       LATERAL (SELECT (ARRAY['gp2','gp3','io1'])[1 + g % 3] AS type, (ARRAY[0.10, 0.08, 0.125])[1 + g % 3] AS price) v
 ORDER BY :row_order;

-- snapshots (10% point at volumes that do not exist)
INSERT INTO finsim.snapshots (account_id, snapshot_id, source_volume_id, size_gib, monthly_cost, created_at, retention_policy)
SELECT a.id, 'snap-' || g, CASE WHEN g % 10 = 0 THEN 'vol-gone-' || g ELSE 'vol-' || (1 + g % (:per_account * 25 / 100)) END,
       100, 5, timestamptz '2026-03-01' - make_interval(days => g % 200), CASE WHEN g % 2 = 0 THEN 'monthly-12' END
  FROM acc a, generate_series(1, (:per_account * 15 / 100)) g
 ORDER BY :row_order;

INSERT INTO finsim.elastic_ips (account_id, allocation_id, public_ip, state, hourly_cost)
SELECT a.id, 'eipalloc-' || g, '10.0.' || (g / 256) || '.' || (g % 256),
       CASE WHEN g % 5 = 0 THEN 'unassociated' ELSE 'associated' END, CASE WHEN g % 5 = 0 THEN 0.005 ELSE 0 END
  FROM acc a, generate_series(1, (:per_account * 5 / 100)) g
 ORDER BY :row_order;

INSERT INTO finsim.log_groups (account_id, name, env, retention_days)
SELECT a.id, '/app/' || g, (ARRAY['prod','dev'])[1 + g % 2], CASE WHEN g % 3 = 0 THEN NULL ELSE 30 END
  FROM acc a, generate_series(1, (:per_account * 5 / 100)) g
 ORDER BY :row_order;

INSERT INTO finsim.load_balancers (account_id, lb_arn, name, type, env, hourly_cost, avg_request_count_7d)
SELECT a.id, 'arn:lb-' || g, 'lb-' || g, 'application', 'prod', 0.0219, (g * 7) % 5000
  FROM acc a, generate_series(1, (:per_account * 3 / 100)) g
 ORDER BY :row_order;

INSERT INTO finsim.s3_buckets (account_id, name, lifecycle_policy)
SELECT a.id, 'bucket-' || g, CASE WHEN g % 2 = 0 THEN '{"transition_ia_days":30}'::jsonb END
  FROM acc a, generate_series(1, (:per_account * 3 / 100)) g
 ORDER BY :row_order;

INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, hourly_cost, storage_monthly_cost,
                                  avg_cpu_7d, avg_connections_7d, state, allocated_storage_gib, used_storage_gib)
SELECT a.id, 'db-' || g, 'db.r5.xlarge', 0.24, 11.5, (g * 13) % 100, (g * 3) % 50,
       CASE WHEN g % 10 = 0 THEN 'stopped' ELSE 'available' END, 100, g % 100
  FROM acc a, generate_series(1, (:per_account * 2 / 100)) g
 ORDER BY :row_order;

INSERT INTO finsim.cache_clusters (account_id, cluster_id, node_type, num_nodes, env, hourly_cost, avg_cpu_7d, avg_memory_7d)
SELECT a.id, 'cache-' || g, 'cache.r6g.large', 1 + g % 3, (ARRAY['prod','dev'])[1 + g % 2], 0.126 * (1 + g % 3),
       (g * 11) % 100, (g * 17) % 100
  FROM acc a, generate_series(1, (:per_account * 2 / 100)) g
 ORDER BY :row_order;

ANALYZE;
