-- Every watched field of every audited table is audited: one UPDATE per table changes all
-- of its watched fields (the audit trigger's arguments) and must write exactly one event per
-- field; deleting a row writes one 'deleted' event naming it.
BEGIN;
SELECT plan(19 + 3);

\ir fixtures/handwritten_rows.sql
CREATE TEMP VIEW ev AS
  SELECT * FROM finsim.resource_change_events
   WHERE account_id = '00000000-0000-4000-8000-0000000000a1' AND id <> '00000000-0000-4000-8000-000000000b17';

UPDATE finsim.cloud_accounts SET freeze_optimizations_until = '2025-06-01 00:00+00';
UPDATE finsim.api_clients SET scopes = '["read:*","act:*"]', revoked_at = '2025-02-01 00:00+00',
  optimization_policy = 'recommend_only', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.instances SET state = 'stopped', instance_type = 'm5.large', schedule = 'weekdays 08-20',
  autoscaling_group_id = NULL, optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.autoscaling_groups SET min_size = 1, max_size = 8, desired_capacity = 2, instance_type = 'm5.xlarge',
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.lambda_functions SET memory_mb = 512, timeout_seconds = 60, provisioned_concurrency = 2,
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.container_clusters SET node_instance_type = 'm5.xlarge', desired_nodes = 2, min_nodes = 2, max_nodes = 4,
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.container_nodes SET state = 'stopped', instance_type = 'm5.xlarge',
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.container_services SET requested_cpu = 0.5, requested_memory_mb = 1024, replica_count = 2,
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.volumes SET state = 'available', volume_type = 'gp3', size_gib = 80, attached_instance_id = NULL,
  provisioned_iops = 3000, optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.snapshots SET retention_policy = 'daily-30', size_gib = 90,
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.s3_buckets SET lifecycle_policy = '{"transition_ia_days":30}',
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.rds_instances SET state = 'stopped', instance_class = 'db.r5.xlarge', allocated_storage_gib = 200,
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.cache_clusters SET node_type = 'cache.r6g.xlarge', num_nodes = 1,
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.load_balancers SET type = 'network',
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.elastic_ips SET state = 'associated', associated_instance_id = 'i-0fixture00000001',
  associated_lb_arn = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/nlb/2',
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.log_groups SET retention_days = 30,
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.commitments SET hourly_commitment_amount = 2, end_date = '2025-08-01', scope = 'm5/us-east-1';
UPDATE finsim.managed_services SET instance_type = 'r6g.xlarge.search', node_count = 2,
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';
UPDATE finsim.streaming_clusters SET shard_count = 2, retention_hours = 24, provisioned_throughput_mbps = 2,
  optimization_policy = 'ignore', optimization_freeze_until = '2025-06-01 00:00+00';

-- Per table: exactly the watched fields (the trigger's arguments), once each.
SELECT is(ARRAY(SELECT field_name FROM ev WHERE resource_type = c.relname ORDER BY 1),
          ARRAY(SELECT f FROM unnest(string_to_array(rtrim(encode(tg.tgargs, 'escape'), '\000'), '\000')) f ORDER BY 1),
          format('%s: one event per watched field', c.relname))
  FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
 WHERE tg.tgname = 'audit' AND c.relnamespace = 'finsim'::regnamespace
 ORDER BY c.relname;

SELECT is((SELECT count(*)::int FROM ev WHERE old_value IS NOT DISTINCT FROM new_value OR change_source <> 'manual'
              OR changed_at <> finsim.now(account_id)), 0,
          'every event records a real change, manual, at virtual time');

-- DELETE: one event per row, naming it.
DELETE FROM finsim.container_nodes; DELETE FROM finsim.container_services; DELETE FROM finsim.container_clusters;
DELETE FROM finsim.instances; DELETE FROM finsim.autoscaling_groups; DELETE FROM finsim.lambda_functions;
DELETE FROM finsim.volumes; DELETE FROM finsim.snapshots; DELETE FROM finsim.s3_buckets;
DELETE FROM finsim.rds_instances; DELETE FROM finsim.cache_clusters; DELETE FROM finsim.load_balancers;
DELETE FROM finsim.elastic_ips; DELETE FROM finsim.log_groups; DELETE FROM finsim.commitments;
DELETE FROM finsim.managed_services; DELETE FROM finsim.streaming_clusters; DELETE FROM finsim.api_clients;
SELECT results_eq(
  $$SELECT resource_type, old_value FROM ev WHERE field_name = 'deleted' AND new_value IS NULL ORDER BY 1$$,
  $$VALUES ('api_clients', 'AKIAFIXTURE000000001'), ('autoscaling_groups', 'web-asg'),
           ('cache_clusters', 'sessions'), ('commitments', '00000000-0000-4000-8000-000000000b13'),
           ('container_clusters', 'eks-main'), ('container_nodes', 'i-0fixturenode0001'),
           ('container_services', 'api'), ('elastic_ips', 'eipalloc-0fixture001'),
           ('instances', 'i-0fixture00000001'),
           ('lambda_functions', 'resize-images'),
           ('load_balancers', 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/1'),
           ('log_groups', '/aws/lambda/resize-images'), ('managed_services', 'search'),
           ('rds_instances', 'orders-db'), ('s3_buckets', 'fixture-logs'), ('snapshots', 'snap-0fixture00001'),
           ('streaming_clusters', 'clickstream'), ('volumes', 'vol-0fixture000001')$$,
  'one deleted event per removed row, naming it (id when the table has no name)');
SELECT is((SELECT count(*)::int FROM ev WHERE field_name = 'deleted'), 18, 'no other deleted events');

SELECT * FROM finish();
ROLLBACK;
