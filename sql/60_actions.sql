-- The action registry and one agent action end to end (as an admin).
SELECT action, resource_types FROM finsim.actions() ORDER BY action;
SELECT action, params FROM finsim.actions() WHERE action IN ('rightsize_instance', 'resize_asg') ORDER BY action;

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('e0000000-0000-0000-0000-000000000001', 'regress-actions', '2026-01-15 00:00+00');
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, hourly_cost, gpu_hourly_cost, launch_time, avg_cpu_7d)
VALUES ('e1000000-0000-0000-0000-000000000001', 'e0000000-0000-0000-0000-000000000001', 'i-0regress', 'm5.2xlarge', 'dev', 0.384, 0, '2025-06-01', 4);
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, attached_instance_id, monthly_cost)
VALUES ('e2000000-0000-0000-0000-000000000001', 'e0000000-0000-0000-0000-000000000001', 'vol-0regress', 200, 'gp2', 'in-use', 'i-0regress', 20);

SELECT outcome, message, est_monthly_savings, changes
  FROM finsim.apply_action('instances', 'e1000000-0000-0000-0000-000000000001', 'rightsize_instance',
                           '{"instance_type": "m5.large"}', 'avg cpu 4% over 7 days');
SELECT outcome, message FROM finsim.apply_action('volumes', 'e2000000-0000-0000-0000-000000000001', 'delete_volume');
SELECT outcome, est_monthly_savings, changes
  FROM finsim.apply_action('instances', 'e1000000-0000-0000-0000-000000000001', 'terminate_instance');
SELECT volume_id, state, attached_instance_id FROM finsim.volumes WHERE account_id = 'e0000000-0000-0000-0000-000000000001';
SELECT outcome, est_monthly_savings, changes
  FROM finsim.apply_action('volumes', 'e2000000-0000-0000-0000-000000000001', 'delete_volume', '{"snapshot_first": true}');
SELECT * FROM finsim.apply_action('volumes', 'e2000000-0000-0000-0000-000000000001', 'delete_volume', '{"snapshot_first": "yes"}');
SELECT change_source, field_name, old_value, new_value, changed_at, reason
  FROM finsim.resource_change_events
 WHERE account_id = 'e0000000-0000-0000-0000-000000000001' AND field_name IN ('action', 'run_rate', 'harmful')
 ORDER BY created_at, resource_type, field_name, new_value;
SELECT baseline_run_rate, current_run_rate, realized_monthly_savings, actions_applied, actions_recommended, actions_refused
  FROM finsim.scorecard('e0000000-0000-0000-0000-000000000001');
DELETE FROM finsim.cloud_accounts WHERE id = 'e0000000-0000-0000-0000-000000000001';
