-- Waste detection, pattern by pattern: every registry code has a resource just over and
-- just under its thresholds (test/fixtures/waste_estate.sql), with the exact savings,
-- action and action_params.  The expectations are checked against the registry, so a new
-- pattern without test rows fails here.
BEGIN;
\ir fixtures/waste_estate.sql
CREATE TEMP TABLE w_f AS SELECT * FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001');

SELECT plan((SELECT count(*)::int FROM w_expect) + 8);

-- Each expectation: a hit is found with its savings, action and params; a miss is absent.
\ir fixtures/expected_findings.sql
SELECT * FROM pg_temp.expected_findings('w_expect', 'w_f');

-- The registry: every code of the issue, and every code tested both ways.
SELECT set_eq($$SELECT DISTINCT code FROM finsim.patterns()$$,
  ARRAY['idle_instance','stopped_instance','oversized_instance','forgotten_preview','previous_generation_instance','dev_always_on',
        'asg_overprovisioned_min','asg_low_utilization',
        'lambda_unused_provisioned_concurrency','lambda_oversized_memory','lambda_excessive_timeout',
        'cluster_overprovisioned','cluster_high_min','node_underutilized','node_orphaned','node_unused_gpu',
        'service_overrequested_cpu','service_overrequested_memory','service_excess_replicas',
        'unattached_volume','premium_volume_low_iops','gp2_volume','forgotten_volume','orphaned_snapshot','old_snapshot','duplicate_snapshots',
        's3_no_lifecycle','s3_cold_data',
        'rds_oversized','rds_low_connections','rds_stopped','rds_overprovisioned_storage',
        'cache_oversized','cache_low_memory','cache_ha_in_dev',
        'lb_unused','lb_consolidation','eip_unassociated',
        'transfer_cross_az','transfer_cross_region','transfer_egress',
        'log_infinite_retention','log_verbose_nonprod',
        'commitment_underutilized','commitment_expiring',
        'managed_oversized','managed_ha_in_dev','managed_always_on','stream_overprovisioned','stream_excess_retention',
        'api_key_unused','untagged_resource'],
  'finsim.patterns() lists every pattern code of the API');
SELECT is_empty($$SELECT code FROM finsim.patterns() EXCEPT SELECT pattern FROM w_expect WHERE hit$$,
  'every registered pattern has a resource just over its threshold in this test');
SELECT is_empty($$SELECT code FROM finsim.patterns() EXCEPT SELECT pattern FROM w_expect WHERE NOT hit$$,
  'every registered pattern has a resource just under its threshold in this test');
SELECT is_empty($$SELECT code FROM finsim.patterns()
                   WHERE recommended_action NOT IN ('terminate_instance','stop_instance','start_instance','rightsize_instance',
                     'schedule_instance','resize_asg','set_lambda_concurrency','set_lambda_memory','set_lambda_timeout',
                     'resize_cluster','remove_node','set_service_requests','delete_volume','modify_volume_type','delete_snapshot',
                     'set_s3_lifecycle','resize_rds','stop_rds','delete_rds','resize_cache','delete_load_balancer','release_eip',
                     'set_log_retention','resize_managed_service','resize_stream','revoke_api_client','recommend')
                      OR description = '' OR savings_rule = '' OR jsonb_typeof(thresholds) <> 'object'$$,
  'every pattern names an apply_action action (or recommend) and documents itself');
SELECT is_empty($$SELECT f.pattern, f.recommended_action FROM w_f f JOIN finsim.patterns() p
                    ON p.code = f.pattern AND p.resource_type = f.resource_type
                 WHERE p.recommended_action <> f.recommended_action$$,
  'findings carry the action of their registry entry');

-- Every finding is well formed.
SELECT is_empty($$SELECT * FROM w_f WHERE account_id IS NULL OR resource_id IS NULL OR resource_name IS NULL
                    OR severity NOT IN ('low','medium','high') OR est_monthly_savings < 0
                    OR jsonb_typeof(action_params) <> 'object' OR jsonb_typeof(evidence) <> 'object'
                    OR NOT evidence ? 'threshold' OR frozen IS NULL$$,
  'every finding has ids, a severity, non-negative savings, object params and evidence with the threshold');

-- The per-area functions partition waste_findings.
SELECT bag_eq($$SELECT * FROM finsim.instance_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.asg_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.lambda_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.container_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.volume_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.snapshot_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.s3_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.rds_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.cache_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.network_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.transfer_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.log_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.commitment_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.managed_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.stream_waste('aaaaaaaa-0000-0000-0000-000000000001') UNION ALL
               SELECT * FROM finsim.governance_waste('aaaaaaaa-0000-0000-0000-000000000001')$$,
              $$SELECT * FROM w_f$$,
  'the per-area functions together return exactly waste_findings()');
SELECT is((SELECT count(*) FROM finsim.instance_waste('aaaaaaaa-0000-0000-0000-000000000001') WHERE resource_type <> 'instances'), 0::bigint,
  'instance_waste returns instance findings only');

SELECT * FROM finish();
ROLLBACK;
