-- Row triggers (C++): updated_at upkeep, costs and virtual-time defaults on write,
-- and the audit trail of watched fields.

CREATE FUNCTION finsim._touch_updated_at() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'finsim_touch_updated_at';
COMMENT ON FUNCTION finsim._touch_updated_at() IS
  'Trigger: sets updated_at to the wall clock on every UPDATE (bookkeeping, not simulation time).';

CREATE FUNCTION finsim._before_write() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'finsim_before_write';
COMMENT ON FUNCTION finsim._before_write() IS
  'Trigger: fills cost columns from the price catalog (an explicit cost wins on INSERT; a type or size change re-prices on UPDATE) and virtual-time columns from finsim.now(account_id).';

CREATE FUNCTION finsim._audit() RETURNS trigger
  LANGUAGE c SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
  AS 'MODULE_PATHNAME', 'finsim_audit';
COMMENT ON FUNCTION finsim._audit() IS
  'Trigger: writes one resource_change_events row per changed watched field (trigger arguments name the fields), stamped with the session''s change source and the account''s virtual time.';

DO $trg$
DECLARE
  t record;
BEGIN
  -- updated_at on every table that has it.
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r'
              AND c.oid IN (SELECT finsim._members('pg_class'))
              AND a.attname = 'updated_at' AND NOT a.attisdropped
  LOOP
    EXECUTE format('CREATE TRIGGER touch_updated_at BEFORE UPDATE ON finsim.%I
                    FOR EACH ROW EXECUTE FUNCTION finsim._touch_updated_at()', t.relname);
  END LOOP;
END
$trg$;

-- Costs and virtual-time defaults.
DO $trg$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['instances', 'lambda_functions', 'container_clusters', 'container_nodes',
                           'volumes', 'snapshots', 's3_bucket_usage_daily', 'rds_instances',
                           'cache_clusters', 'load_balancers', 'elastic_ips', 'data_transfer_daily',
                           'log_group_usage_daily', 'managed_services', 'streaming_clusters',
                           'resource_change_events', 'api_clients']
  LOOP
    EXECUTE format('CREATE TRIGGER before_write BEFORE INSERT OR UPDATE ON finsim.%I
                    FOR EACH ROW EXECUTE FUNCTION finsim._before_write()', t);
  END LOOP;
END
$trg$;

-- Audit trail: the watched fields of each table.
DO $trg$
DECLARE
  w record;
BEGIN
  FOR w IN SELECT * FROM (VALUES
    ('cloud_accounts',     ARRAY['freeze_optimizations_until']),
    ('api_clients',        ARRAY['scopes', 'revoked_at', 'optimization_policy', 'optimization_freeze_until']),
    ('instances',          ARRAY['state', 'instance_type', 'schedule', 'autoscaling_group_id', 'optimization_policy', 'optimization_freeze_until']),
    ('autoscaling_groups', ARRAY['min_size', 'max_size', 'desired_capacity', 'instance_type', 'optimization_policy', 'optimization_freeze_until']),
    ('lambda_functions',   ARRAY['memory_mb', 'timeout_seconds', 'provisioned_concurrency', 'optimization_policy', 'optimization_freeze_until']),
    ('container_clusters', ARRAY['node_instance_type', 'desired_nodes', 'min_nodes', 'max_nodes', 'optimization_policy', 'optimization_freeze_until']),
    ('container_nodes',    ARRAY['state', 'instance_type', 'optimization_policy', 'optimization_freeze_until']),
    ('container_services', ARRAY['requested_cpu', 'requested_memory_mb', 'replica_count', 'optimization_policy', 'optimization_freeze_until']),
    ('volumes',            ARRAY['state', 'volume_type', 'size_gib', 'attached_instance_id', 'provisioned_iops', 'optimization_policy', 'optimization_freeze_until']),
    ('snapshots',          ARRAY['retention_policy', 'size_gib', 'optimization_policy', 'optimization_freeze_until']),
    ('s3_buckets',         ARRAY['lifecycle_policy', 'optimization_policy', 'optimization_freeze_until']),
    ('rds_instances',      ARRAY['state', 'instance_class', 'allocated_storage_gib', 'optimization_policy', 'optimization_freeze_until']),
    ('cache_clusters',     ARRAY['node_type', 'num_nodes', 'optimization_policy', 'optimization_freeze_until']),
    ('load_balancers',     ARRAY['type', 'optimization_policy', 'optimization_freeze_until']),
    ('elastic_ips',        ARRAY['state', 'associated_instance_id', 'associated_lb_arn', 'optimization_policy', 'optimization_freeze_until']),
    ('log_groups',         ARRAY['retention_days', 'optimization_policy', 'optimization_freeze_until']),
    ('commitments',        ARRAY['hourly_commitment_amount', 'end_date', 'scope']),
    ('managed_services',   ARRAY['instance_type', 'node_count', 'optimization_policy', 'optimization_freeze_until']),
    ('streaming_clusters', ARRAY['shard_count', 'retention_hours', 'provisioned_throughput_mbps', 'optimization_policy', 'optimization_freeze_until'])
  ) AS v(tbl, fields)
  LOOP
    EXECUTE format('CREATE TRIGGER audit AFTER UPDATE OR DELETE ON finsim.%I
                    FOR EACH ROW EXECUTE FUNCTION finsim._audit(%s)',
                   w.tbl, (SELECT string_agg(quote_literal(f), ', ') FROM unnest(w.fields) f));
  END LOOP;
END
$trg$;
