-- The 27 tables of schema finsim, their comments, the comments of public functions, and
-- the extension's control settings.
BEGIN;
SELECT plan(9);

SELECT tables_are('finsim', ARRAY[
  'cloud_accounts', 'api_clients',
  'instances', 'autoscaling_groups', 'lambda_functions',
  'container_clusters', 'container_nodes', 'container_services',
  'volumes', 'snapshots', 's3_buckets', 's3_bucket_usage_daily',
  'rds_instances', 'cache_clusters',
  'load_balancers', 'elastic_ips', 'data_transfer_daily',
  'log_groups', 'log_group_usage_daily',
  'commitments', 'commitment_utilization_daily', 'metrics_daily',
  'resource_tags', 'resource_change_events',
  'managed_services', 'streaming_clusters',
  'recommendations'], 'schema finsim holds the 26 tables of the guide plus recommendations');

SELECT is((SELECT count(*)::int FROM pg_class
            WHERE relnamespace = 'finsim'::regnamespace AND relkind IN ('r', 'p')),
          27, 'exactly 27 tables in schema finsim');

SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c
                 WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r'
                   AND coalesce(obj_description(c.oid, 'pg_class'), '') = ''
                 ORDER BY 1),
          '{}'::text[], 'every table has a COMMENT');

SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
                 WHERE p.pronamespace = 'finsim'::regnamespace
                   AND coalesce(obj_description(p.oid, 'pg_proc'), '') = ''
                 ORDER BY 1),
          '{}'::text[], 'every function in schema finsim has a COMMENT');

SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c
                 WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'v'
                   AND coalesce(obj_description(c.oid, 'pg_class'), '') = ''
                 ORDER BY 1),
          '{}'::text[], 'every view in schema finsim has a COMMENT');

SELECT is((SELECT default_version FROM pg_available_extensions WHERE name = 'finsim'),
          '0.1.0', 'finsim.control: default_version 0.1.0');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'finsim'),
          false, 'finsim.control: relocatable = false');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'finsim'),
          'finsim', 'finsim.control: schema finsim');
-- Every table is registered for pg_dump (user data survives dump/restore).
SELECT is((SELECT cardinality(extconfig) FROM pg_extension WHERE extname = 'finsim'),
          27, 'all 27 tables registered with pg_extension_config_dump');

SELECT * FROM finish();
ROLLBACK;
