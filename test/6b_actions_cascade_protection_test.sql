-- Cascades respect the dependent rows' own protection (finsim._agent_protection: a future
-- optimization_freeze_until, 'ignore', 'recommend_only'): resize_asg terminates only members
-- an agent may change (newest first among them; protected ones keep running), terminate_instance
-- {"delete_volumes", "release_eips"} only detaches / disassociates protected volumes and EIPs.
-- And a logged-in agent cannot accept a recommendation on a recommend_only resource (42501).
BEGIN;
SELECT plan(28);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('6b000000-0000-0000-0000-000000000001', 'act-cascade', '2026-01-01 00:00+00');
\set C '''6b000000-0000-0000-0000-000000000001'''
INSERT INTO finsim.autoscaling_groups (id, account_id, name, min_size, max_size, desired_capacity, instance_type)
VALUES ('6b100000-0000-0000-0000-000000000001', :C, 'asg-cascade', 6, 10, 6, 'm5.large');
-- Members, oldest first: keep (auto_safe), then the three newest are protected, one more auto_safe.
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost,
                              optimization_policy, optimization_freeze_until, launch_time, autoscaling_group_id) VALUES
  ('6b200000-0000-0000-0000-000000000000', :C, 'i-m0', 'm5.large', 'running', 0.096, 0, 'auto_safe', NULL, '2024-12-01', '6b100000-0000-0000-0000-000000000001'),
  ('6b200000-0000-0000-0000-000000000001', :C, 'i-m1', 'm5.large', 'running', 0.096, 0, 'auto_safe', NULL, '2025-01-01', '6b100000-0000-0000-0000-000000000001'),
  ('6b200000-0000-0000-0000-000000000002', :C, 'i-m2', 'm5.large', 'running', 0.096, 0, 'auto_safe', NULL, '2025-02-01', '6b100000-0000-0000-0000-000000000001'),
  ('6b200000-0000-0000-0000-000000000003', :C, 'i-m3-frozen', 'm5.large', 'running', 0.096, 0, 'auto_safe', '2026-06-01', '2025-03-01', '6b100000-0000-0000-0000-000000000001'),
  ('6b200000-0000-0000-0000-000000000004', :C, 'i-m4-reco', 'm5.large', 'running', 0.096, 0, 'recommend_only', NULL, '2025-04-01', '6b100000-0000-0000-0000-000000000001'),
  ('6b200000-0000-0000-0000-000000000005', :C, 'i-m5-ignore', 'm5.large', 'running', 0.096, 0, 'ignore', NULL, '2025-05-01', '6b100000-0000-0000-0000-000000000001');

-- Shrink to 4: two must go; the two newest (ignore, recommend_only) are protected, so the
-- two newest members an agent may change go (i-m2, i-m1); i-m0 stays.
CREATE TEMP TABLE r0 AS SELECT * FROM finsim.apply_action('autoscaling_groups', '6b100000-0000-0000-0000-000000000001',
  'resize_asg', '{"min_size": 4, "desired_capacity": 4}');
SELECT results_eq($$SELECT instance_id, state FROM finsim.instances WHERE autoscaling_group_id = '6b100000-0000-0000-0000-000000000001' ORDER BY instance_id$$,
  $$VALUES ('i-m0', 'running'), ('i-m1', 'terminated'), ('i-m2', 'terminated'), ('i-m3-frozen', 'running'), ('i-m4-reco', 'running'), ('i-m5-ignore', 'running')$$,
  'the newest members an agent may change are terminated; frozen, recommend_only and ignore members keep running');
SELECT is((SELECT (changes->'members_terminated')::text || ' ' || (changes ? 'members_protected')::text || ' ' || est_monthly_savings FROM r0),
  '2 false ' || round(2 * 0.096 * 730, 6), 'changes and savings: two members terminated, none kept');
-- Shrink to 1: three must go, only i-m0 may: the protected ones keep running beyond desired_capacity.
CREATE TEMP TABLE r1 AS SELECT * FROM finsim.apply_action('autoscaling_groups', '6b100000-0000-0000-0000-000000000001',
  'resize_asg', '{"min_size": 1, "desired_capacity": 1}');
SELECT is((SELECT outcome FROM r1), 'applied', 'resize_asg applies');
SELECT results_eq($$SELECT instance_id FROM finsim.instances WHERE autoscaling_group_id = '6b100000-0000-0000-0000-000000000001' AND state = 'running' ORDER BY instance_id$$,
  $$VALUES ('i-m3-frozen'), ('i-m4-reco'), ('i-m5-ignore')$$, 'only the protected members still run');
SELECT is((SELECT changes->'members_protected' FROM r1), '["i-m5-ignore", "i-m4-reco", "i-m3-frozen"]'::jsonb,
  'changes: the protected members kept running beyond desired_capacity');
SELECT is((SELECT est_monthly_savings FROM r1), round(0.096 * 730, 6), 'the run-rate drops by the one terminated member');

-- A new type re-types only the members an agent may change.
SELECT is((SELECT outcome FROM finsim.apply_action('autoscaling_groups', '6b100000-0000-0000-0000-000000000001',
  'resize_asg', '{"instance_type": "m5.xlarge"}')), 'applied', 'resize_asg to a new type applies');
SELECT results_eq($$SELECT instance_id, instance_type FROM finsim.instances WHERE autoscaling_group_id = '6b100000-0000-0000-0000-000000000001' AND state = 'running' ORDER BY instance_id$$,
  $$VALUES ('i-m3-frozen', 'm5.large'), ('i-m4-reco', 'm5.large'), ('i-m5-ignore', 'm5.large')$$,
  'protected members keep their type');
SELECT is((SELECT instance_type FROM finsim.autoscaling_groups WHERE name = 'asg-cascade'), 'm5.xlarge', 'the group has the new type');

-- terminate_instance with delete_volumes / release_eips: protected volumes and EIPs stay.
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, launch_time, last_active_at)
VALUES ('6b200000-0000-0000-0000-000000000010', :C, 'i-vols', 'm5.large', 'stopped', 0.096, 0, '2025-01-01', '2025-06-01');
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, monthly_cost, attached_instance_id,
                            optimization_policy, optimization_freeze_until) VALUES
  ('6b300000-0000-0000-0000-000000000001', :C, 'vol-free',   100, 'gp3', 'in-use', 8, 'i-vols', 'auto_safe', NULL),
  ('6b300000-0000-0000-0000-000000000002', :C, 'vol-ignore', 100, 'gp3', 'in-use', 8, 'i-vols', 'ignore', NULL),
  ('6b300000-0000-0000-0000-000000000003', :C, 'vol-frozen', 100, 'gp3', 'in-use', 8, 'i-vols', 'auto_safe', '2026-03-01'),
  ('6b300000-0000-0000-0000-000000000004', :C, 'vol-reco',   100, 'gp3', 'in-use', 8, 'i-vols', 'recommend_only', NULL);
INSERT INTO finsim.elastic_ips (account_id, allocation_id, public_ip, state, associated_instance_id, hourly_cost, optimization_policy) VALUES
  (:C, 'eipalloc-free', '198.51.100.1', 'associated', 'i-vols', 0, 'auto_safe'),
  (:C, 'eipalloc-ignore', '198.51.100.2', 'associated', 'i-vols', 0, 'ignore');
SELECT is((SELECT outcome FROM finsim.apply_action('volumes', '6b300000-0000-0000-0000-000000000002', 'delete_volume', '{"force_detach": true}')),
  'refused', 'a direct delete_volume on the ignore volume is refused');
CREATE TEMP TABLE f2 AS SELECT est_monthly_savings, action_params FROM finsim.waste_findings(:C)
  WHERE resource_name = 'i-vols' AND pattern = 'stopped_instance';
SELECT is((SELECT action_params FROM f2), '{"delete_volumes": true, "release_eips": true}'::jsonb,
  'stopped_instance recommends terminating with the volumes and the Elastic IPs');
CREATE TEMP TABLE r2 AS SELECT * FROM finsim.apply_action('instances', '6b200000-0000-0000-0000-000000000010',
  'terminate_instance', '{"delete_volumes": true, "release_eips": true}');
SELECT is((SELECT est_monthly_savings FROM f2), (SELECT round(est_monthly_savings, 2) FROM r2),
  'the finding promised what the action delivered: the deletable volume, less what the kept (ignore) EIP starts billing');
SELECT is((SELECT outcome FROM r2), 'applied', 'terminate_instance applies');
SELECT results_eq($$SELECT volume_id, state, attached_instance_id FROM finsim.volumes WHERE account_id = '6b000000-0000-0000-0000-000000000001' ORDER BY volume_id$$,
  $$VALUES ('vol-free', 'deleted', NULL::text), ('vol-frozen', 'available', NULL), ('vol-ignore', 'available', NULL), ('vol-reco', 'available', NULL)$$,
  'only the changeable volume is deleted; protected ones are detached (available)');
SELECT is((SELECT (changes->'volumes_deleted') || (changes->'volumes_kept') FROM r2), '[1, "vol-frozen", "vol-ignore", "vol-reco"]'::jsonb,
  'changes: volumes_deleted and the protected volumes_kept');
SELECT results_eq($$SELECT allocation_id, state, associated_instance_id FROM finsim.elastic_ips WHERE account_id = '6b000000-0000-0000-0000-000000000001' ORDER BY allocation_id$$,
  $$VALUES ('eipalloc-ignore', 'unassociated', NULL::text)$$, 'the ignore EIP is disassociated, not released');
SELECT is((SELECT (changes->'eips_released') || (changes->'eips_kept') FROM r2), '[1, "eipalloc-ignore"]'::jsonb,
  'changes: eips_released and eips_kept');

-- resize_cluster stops only nodes an agent may change: the greatest instance ids among them;
-- a protected node keeps running (and its type) beyond desired_nodes, listed in nodes_protected.
INSERT INTO finsim.container_clusters (id, account_id, name, node_instance_type, min_nodes, desired_nodes, max_nodes, estimated_hourly_cost)
VALUES ('6b400000-0000-0000-0000-000000000001', :C, 'cl-cascade', 'm5.large', 1, 4, 6, 0.484);
INSERT INTO finsim.container_nodes (id, account_id, cluster_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost,
                                    optimization_policy, optimization_freeze_until) VALUES
  ('6b410000-0000-0000-0000-000000000001', :C, '6b400000-0000-0000-0000-000000000001', 'i-n1', 'm5.large', 0.096, 0, 'auto_safe', NULL),
  ('6b410000-0000-0000-0000-000000000002', :C, '6b400000-0000-0000-0000-000000000001', 'i-n2', 'm5.large', 0.096, 0, 'auto_safe', NULL),
  ('6b410000-0000-0000-0000-000000000003', :C, '6b400000-0000-0000-0000-000000000001', 'i-n3-frozen', 'm5.large', 0.096, 0, 'auto_safe', '2026-06-01'),
  ('6b410000-0000-0000-0000-000000000004', :C, '6b400000-0000-0000-0000-000000000001', 'i-n4-ignore', 'm5.large', 0.096, 0, 'ignore', NULL);
CREATE TEMP TABLE r3 AS SELECT * FROM finsim.apply_action('container_clusters', '6b400000-0000-0000-0000-000000000001',
  'resize_cluster', '{"desired_nodes": 1, "node_instance_type": "m5.xlarge"}');
SELECT results_eq($$SELECT instance_id, state, instance_type FROM finsim.container_nodes
                     WHERE cluster_id = '6b400000-0000-0000-0000-000000000001' ORDER BY instance_id$$,
  $$VALUES ('i-n1', 'stopped', 'm5.xlarge'), ('i-n2', 'stopped', 'm5.xlarge'), ('i-n3-frozen', 'running', 'm5.large'),
           ('i-n4-ignore', 'running', 'm5.large')$$,
  'resize_cluster to 1 node stops the two nodes an agent may change; the frozen and ignore nodes keep running and their type');
SELECT is((SELECT (changes->>'nodes_stopped') || ' ' || (changes->'nodes_protected')::text FROM r3), '2 ["i-n4-ignore", "i-n3-frozen"]',
  'changes: nodes_stopped and nodes_protected');

-- remove_node on a running node changes its cluster: refused when the cluster is protected
-- (ignore, frozen), and no node finding recommends it there; a stopped node can go.
INSERT INTO finsim.container_clusters (id, account_id, name, node_instance_type, min_nodes, desired_nodes, max_nodes,
                                       estimated_hourly_cost, optimization_policy, optimization_freeze_until) VALUES
  ('6b500000-0000-0000-0000-000000000001', :C, 'cl-ignore', 'm5.large', 2, 2, 4, 0.292, 'ignore', NULL),
  ('6b500000-0000-0000-0000-000000000002', :C, 'cl-frozen', 'm5.large', 1, 2, 4, 0.292, 'auto_safe', '2026-02-01');
INSERT INTO finsim.container_nodes (id, account_id, cluster_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost, state, avg_cpu_7d) VALUES
  ('6b510000-0000-0000-0000-000000000001', :C, '6b500000-0000-0000-0000-000000000001', 'i-ig1', 'm5.large', 0.096, 0, 'running', 3),
  ('6b510000-0000-0000-0000-000000000002', :C, '6b500000-0000-0000-0000-000000000001', 'i-ig2', 'm5.large', 0.096, 0, 'stopped', 0),
  ('6b510000-0000-0000-0000-000000000003', :C, '6b500000-0000-0000-0000-000000000002', 'i-fr1', 'm5.large', 0.096, 0, 'running', 3);
SELECT is((SELECT outcome || ': ' || message FROM finsim.apply_action('container_nodes', '6b510000-0000-0000-0000-000000000001',
                                                                      'remove_node', '{"lower_min_nodes": true}')),
  'refused: cluster cl-ignore is optimization_policy ignore: removing running node i-ig1 would change its desired_nodes (a stopped node can be removed)',
  'remove_node of a running node of an ignore cluster is refused');
SELECT is((SELECT outcome || ': ' || message FROM finsim.apply_action('container_nodes', '6b510000-0000-0000-0000-000000000003', 'remove_node')),
  'refused: cluster cl-frozen is frozen until 2026-02-01T00:00:00Z: removing running node i-fr1 would change its desired_nodes (a stopped node can be removed)',
  'remove_node of a running node of a frozen cluster is refused');
SELECT is((SELECT min_nodes || '/' || desired_nodes FROM finsim.container_clusters WHERE id = '6b500000-0000-0000-0000-000000000001')
          || ' ' || (SELECT string_agg(state, ',' ORDER BY instance_id) FROM finsim.container_nodes WHERE cluster_id IN
                      ('6b500000-0000-0000-0000-000000000001', '6b500000-0000-0000-0000-000000000002')),
  '2/2 running,running,stopped', 'nothing changed');
SELECT is((SELECT count(*)::int FROM finsim.waste_findings(:C) WHERE resource_name IN ('i-ig1', 'i-fr1')), 0,
  'no node_underutilized finding recommends removing a node of a protected cluster');
SELECT is((SELECT outcome FROM finsim.apply_action('container_nodes', '6b510000-0000-0000-0000-000000000002', 'remove_node')),
  'applied', 'a stopped node of an ignore cluster can be removed (the cluster is unchanged)');

-- recommend_only: a logged-in agent cannot accept its own recommendation.
CREATE ROLE act_agent_6b;
GRANT finsim_agent TO act_agent_6b;
\ir fixtures/as_key.sql
CREATE FUNCTION pg_temp.as_agent(stmt text) RETURNS text LANGUAGE sql AS $$
  SELECT pg_temp.as_key('6b000000-0000-0000-0000-000000000001', 'act_agent_6b', '{read:*,act:*}', stmt) $$;
SELECT is(pg_temp.as_agent($q$SELECT outcome FROM finsim.apply_action('instances', '6b200000-0000-0000-0000-000000000004', 'stop_instance')$q$),
  'recommended', 'the agent''s stop on a recommend_only instance is a recommendation');
SELECT is(pg_temp.as_agent(format('SELECT outcome FROM finsim.accept_recommendation(%L)',
    (SELECT id FROM finsim.recommendations WHERE resource_id = '6b200000-0000-0000-0000-000000000004'))),
  '42501 a logged-in agent session cannot accept a recommendation on a recommend_only resource (instances 6b200000-0000-0000-0000-000000000004)',
  'the agent cannot accept it (42501)');
SELECT is((SELECT state || ' ' || (SELECT status FROM finsim.recommendations WHERE resource_id = '6b200000-0000-0000-0000-000000000004')
           FROM finsim.instances WHERE instance_id = 'i-m4-reco'), 'running open', 'nothing changed, the recommendation stays open');
SELECT is((SELECT outcome FROM finsim.accept_recommendation((SELECT id FROM finsim.recommendations
                                                             WHERE resource_id = '6b200000-0000-0000-0000-000000000004'))),
  'applied', 'an admin without a login accepts it');

SELECT * FROM finish();
ROLLBACK;
