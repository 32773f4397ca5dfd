-- Keys, tenant isolation plumbing and triggers on every table: account_id NOT NULL,
-- primary keys (account_id, id), foreign keys that include account_id (and are indexed),
-- RLS enabled and forced with both policies, touch_updated_at and audit triggers, and the
-- optimization_policy / optimization_freeze_until columns on every optimizable table.
BEGIN;
CREATE TEMP TABLE t_all ON COMMIT DROP AS
  SELECT c.relname::text AS t FROM pg_class c
   WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r';
CREATE TEMP TABLE t_optimizable (t text) ON COMMIT DROP;
INSERT INTO t_optimizable VALUES ('instances'), ('autoscaling_groups'), ('lambda_functions'),
  ('container_clusters'), ('container_nodes'), ('container_services'), ('volumes'), ('snapshots'),
  ('s3_buckets'), ('rds_instances'), ('cache_clusters'), ('load_balancers'), ('elastic_ips'),
  ('log_groups'), ('managed_services'), ('streaming_clusters');
CREATE TEMP TABLE t_watched (t text, fields text[]) ON COMMIT DROP;
INSERT INTO t_watched VALUES
  ('cloud_accounts',     '{freeze_optimizations_until}'),
  ('api_clients',        '{scopes,revoked_at,optimization_policy,optimization_freeze_until}'),
  ('instances',          '{state,instance_type,schedule,autoscaling_group_id,optimization_policy,optimization_freeze_until}'),
  ('autoscaling_groups', '{min_size,max_size,desired_capacity,instance_type,optimization_policy,optimization_freeze_until}'),
  ('lambda_functions',   '{memory_mb,timeout_seconds,provisioned_concurrency,optimization_policy,optimization_freeze_until}'),
  ('container_clusters', '{node_instance_type,desired_nodes,min_nodes,max_nodes,optimization_policy,optimization_freeze_until}'),
  ('container_nodes',    '{state,instance_type,optimization_policy,optimization_freeze_until}'),
  ('container_services', '{requested_cpu,requested_memory_mb,replica_count,optimization_policy,optimization_freeze_until}'),
  ('volumes',            '{state,volume_type,size_gib,attached_instance_id,provisioned_iops,optimization_policy,optimization_freeze_until}'),
  ('snapshots',          '{retention_policy,size_gib,optimization_policy,optimization_freeze_until}'),
  ('s3_buckets',         '{lifecycle_policy,optimization_policy,optimization_freeze_until}'),
  ('rds_instances',      '{state,instance_class,allocated_storage_gib,optimization_policy,optimization_freeze_until}'),
  ('cache_clusters',     '{node_type,num_nodes,optimization_policy,optimization_freeze_until}'),
  ('load_balancers',     '{type,optimization_policy,optimization_freeze_until}'),
  ('elastic_ips',        '{state,associated_instance_id,associated_lb_arn,optimization_policy,optimization_freeze_until}'),
  ('log_groups',         '{retention_days,optimization_policy,optimization_freeze_until}'),
  ('commitments',        '{hourly_commitment_amount,end_date,scope}'),
  ('managed_services',   '{instance_type,node_count,optimization_policy,optimization_freeze_until}'),
  ('streaming_clusters', '{shard_count,retention_hours,provisioned_throughput_mbps,optimization_policy,optimization_freeze_until}');

SELECT plan(243);

-- account_id NOT NULL (26)
SELECT col_not_null('finsim', t, 'account_id', format('%s.account_id is NOT NULL', t))
  FROM t_all WHERE t <> 'cloud_accounts' ORDER BY t;
-- primary keys (26 + 1)
SELECT col_is_pk('finsim', t, ARRAY['account_id', 'id'], format('%s: primary key (account_id, id)', t))
  FROM t_all WHERE t <> 'cloud_accounts' ORDER BY t;
SELECT col_is_pk('finsim', 'cloud_accounts', 'id', 'cloud_accounts: primary key (id)');

-- Every foreign key starts with account_id and points at the parent's (account_id, id)
-- (or cloud_accounts.id), so no row can reference another account's row.
SELECT is(
  ARRAY(SELECT con.conname::text FROM pg_constraint con
         WHERE con.connamespace = 'finsim'::regnamespace AND con.contype = 'f'
           AND NOT (con.conkey[1] = (SELECT attnum FROM pg_attribute
                                      WHERE attrelid = con.conrelid AND attname = 'account_id')
                    AND (con.confkey[1] = (SELECT attnum FROM pg_attribute
                                            WHERE attrelid = con.confrelid AND attname = 'account_id')
                         OR (con.confrelid = 'finsim.cloud_accounts'::regclass
                             AND cardinality(con.confkey) = 1)))
         ORDER BY 1),
  '{}'::text[], 'every foreign key includes account_id, matched to the parent''s account');
-- Every foreign key is backed by an index whose leading columns are the key's columns.
SELECT is(
  ARRAY(SELECT con.conname::text FROM pg_constraint con
         WHERE con.connamespace = 'finsim'::regnamespace AND con.contype = 'f'
           AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = con.conrelid
                            AND (i.indkey::int2[])[0:cardinality(con.conkey) - 1] @> con.conkey
                            AND (i.indkey::int2[])[0:cardinality(con.conkey) - 1] <@ con.conkey)
         ORDER BY 1),
  '{}'::text[], 'every foreign key has an index on its columns');
SELECT cmp_ok((SELECT count(*)::int FROM pg_constraint
                WHERE connamespace = 'finsim'::regnamespace AND contype = 'f'), '>=', 26,
              'every child table has a foreign key');

-- RLS enabled and forced, both policies (27 x 3)
SELECT ok((SELECT relrowsecurity FROM pg_class WHERE oid = ('finsim.' || t)::regclass),
          format('%s: row level security enabled', t)) FROM t_all ORDER BY t;
SELECT ok((SELECT relforcerowsecurity FROM pg_class WHERE oid = ('finsim.' || t)::regclass),
          format('%s: row level security forced', t)) FROM t_all ORDER BY t;
SELECT policies_are('finsim', t, ARRAY['tenant_isolation', 'admin_all'],
                    format('%s: policies tenant_isolation and admin_all', t)) FROM t_all ORDER BY t;
SELECT is(ARRAY(SELECT tablename || '.' || policyname FROM pg_policies
                 WHERE schemaname = 'finsim' AND policyname = 'tenant_isolation'
                   AND NOT (roles = '{finsim_agent}' AND with_check IS NOT NULL)
                 ORDER BY 1),
          '{}'::text[], 'tenant_isolation applies to finsim_agent and checks writes (WITH CHECK)');

-- touch_updated_at on every table with updated_at
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'updated_at'
                 WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r'
                   AND NOT EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = c.oid
                                    AND tg.tgname = 'touch_updated_at'
                                    AND tg.tgfoid = 'finsim._touch_updated_at()'::regprocedure)
                 ORDER BY 1),
          '{}'::text[], 'touch_updated_at on every table with updated_at');

-- audit trigger on every watched table, with the watched fields as arguments (19 x 2)
SELECT has_trigger('finsim', t, 'audit', format('%s: audit trigger', t)) FROM t_watched ORDER BY t;
SELECT is((SELECT string_to_array(rtrim(encode(tg.tgargs, 'escape'), '\000'), '\000')
             FROM pg_trigger tg WHERE tg.tgrelid = ('finsim.' || t)::regclass AND tg.tgname = 'audit'),
          fields, format('%s: audit watches %s', t, fields)) FROM t_watched ORDER BY t;
SELECT is(ARRAY(SELECT tg.tgrelid::regclass::text FROM pg_trigger tg
                 WHERE tg.tgfoid = 'finsim._audit()'::regprocedure
                   AND tg.tgtype & (1 | 2 | 4 | 8 | 16) <> (1 | 8 | 16)
                 ORDER BY 1),
          '{}'::text[], 'audit triggers are AFTER UPDATE OR DELETE FOR EACH ROW');

-- optimization_policy / optimization_freeze_until on every optimizable table (16 x 4)
SELECT has_column('finsim', t, 'optimization_policy', format('%s.optimization_policy', t))
  FROM t_optimizable ORDER BY t;
SELECT col_default_is('finsim', t, 'optimization_policy', 'auto_safe'::text,
                      format('%s.optimization_policy defaults to auto_safe', t))
  FROM t_optimizable ORDER BY t;
SELECT ok(EXISTS (SELECT 1 FROM pg_constraint con
                   WHERE con.conrelid = ('finsim.' || t)::regclass AND con.contype = 'c'
                     AND pg_get_constraintdef(con.oid) LIKE '%optimization_policy%auto_safe%recommend_only%ignore%'),
          format('%s.optimization_policy has a CHECK', t))
  FROM t_optimizable ORDER BY t;
SELECT has_column('finsim', t, 'optimization_freeze_until', format('%s.optimization_freeze_until', t))
  FROM t_optimizable ORDER BY t;

SELECT ok((SELECT prosecdef FROM pg_proc WHERE oid = 'finsim._audit()'::regprocedure),
          'finsim._audit() is SECURITY DEFINER');

SELECT * FROM finish();
ROLLBACK;
