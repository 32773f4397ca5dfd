-- waste_summary without double counting across resources: a cluster's resize and its nodes'
-- removal, or a group's resize and its members' termination, save the same bills.  The nodes
-- a counted resize_cluster finding stops and the members a counted resize_asg finding
-- terminates (picked as the actions pick them) count 0 in the summary: their bill is in the
-- cluster's or group's saving.  The summary total is then what the account's nodes and
-- members bill, not one and a half times that.
BEGIN;
SELECT plan(9);
INSERT INTO finsim.cloud_accounts (id, name, virtual_time) VALUES
  ('5e5e5e5e-0000-0000-0000-000000000001', 'summary-cascades', '2026-03-01 00:00:00+00');

-- A prod cluster of 4 m5.large nodes at 29.99 % CPU: cluster_overprovisioned (needed
-- ceil(4 x 29.99 / 60) = 2: resize_cluster stops n-4 and n-3, $140.16) and node_underutilized
-- on every node ($70.08 each).
INSERT INTO finsim.container_clusters (account_id, name, env, node_instance_type, desired_nodes, min_nodes, max_nodes, estimated_hourly_cost) VALUES
  ('5e5e5e5e-0000-0000-0000-000000000001', 'c-4', 'prod', 'm5.large', 4, 1, 10, 0.484);
INSERT INTO finsim.container_nodes (account_id, cluster_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, has_gpu, gpu_count, avg_cpu_7d)
SELECT c.account_id, c.id, 'n-' || k, 'm5.large', 'running', 0.096, 0, false, 0, 29.99
  FROM finsim.container_clusters c, generate_series(1, 4) k WHERE c.name = 'c-4';
-- A group of 4 idle m5.xlarge members at 20 % utilisation: asg_low_utilization (needed
-- ceil(4 x 20 / 60) = 2: resize_asg terminates the newest, m-4 and m-3, $280.32) and
-- idle_instance on every member ($140.16 each; oversized_instance too, smaller).
INSERT INTO finsim.autoscaling_groups (account_id, name, min_size, max_size, desired_capacity, instance_type, current_utilization) VALUES
  ('5e5e5e5e-0000-0000-0000-000000000001', 'asg-4', 1, 10, 4, 'm5.xlarge', 20);
INSERT INTO finsim.instances (account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost, avg_cpu_7d, state, env,
                              launch_time, autoscaling_group_id, tags)
SELECT g.account_id, 'm-' || k, 'm5.xlarge', 0.192, 0, 3, 'running', 'prod', timestamptz '2026-01-01' + k * interval '1 day', g.id,
       '{"env":"prod","team":"t","project":"p"}'
  FROM finsim.autoscaling_groups g, generate_series(1, 4) k WHERE g.name = 'asg-4';

CREATE TEMP TABLE s5e AS SELECT * FROM finsim.waste_summary('5e5e5e5e-0000-0000-0000-000000000001');

SELECT is((SELECT est_monthly_savings FROM finsim.waste_findings('5e5e5e5e-0000-0000-0000-000000000001') WHERE pattern = 'cluster_overprovisioned'),
          140.16, 'cluster_overprovisioned saves the two nodes resize_cluster stops');
SELECT is((SELECT est_monthly_savings FROM finsim.waste_findings('5e5e5e5e-0000-0000-0000-000000000001') WHERE pattern = 'asg_low_utilization'),
          280.32, 'asg_low_utilization saves the two members resize_asg terminates');
SELECT is((SELECT row(findings, est_monthly_savings)::text FROM s5e WHERE pattern = 'node_underutilized'), row(4::bigint, 140.16)::text,
  'node_underutilized: 4 findings, but only the 2 nodes the cluster''s resize keeps count');
SELECT is((SELECT row(findings, est_monthly_savings)::text FROM s5e WHERE pattern = 'idle_instance'), row(4::bigint, 280.32)::text,
  'idle_instance: 4 findings, but only the 2 members the group''s resize keeps count');
SELECT is((SELECT array_agg(c.resource_id ORDER BY c.resource_id) FROM finsim._waste_counted('5e5e5e5e-0000-0000-0000-000000000001') c
            WHERE c.resource_type = 'container_nodes' AND c.counted_savings = 0),
          (SELECT array_agg(id::text ORDER BY id::text) FROM finsim.container_nodes WHERE instance_id IN ('n-3', 'n-4')),
  'the nodes counted 0 are the ones resize_cluster stops (greatest instance ids)');
SELECT is((SELECT array_agg(i.instance_id ORDER BY i.instance_id) FROM finsim._waste_counted('5e5e5e5e-0000-0000-0000-000000000001') c
             JOIN finsim.instances i ON i.id::text = c.resource_id
            WHERE c.resource_type = 'instances' AND c.pattern = 'idle_instance' AND c.counted_savings = 0),
          '{m-3,m-4}'::text[], 'the members counted 0 are the ones resize_asg terminates (newest launches)');
SELECT is((SELECT sum(est_monthly_savings) FROM s5e),
          (SELECT round(sum(monthly_cost), 2) FROM finsim.resource_costs
            WHERE account_id = '5e5e5e5e-0000-0000-0000-000000000001' AND resource_type IN ('container_nodes', 'instances')),
  'the summary total is what the nodes and members bill (all of it is waste here), not more');
SELECT is((SELECT sum(est_monthly_savings) FROM s5e), 840.96, '... $840.96 (it was $1,261.44)');
SELECT is((SELECT remaining_waste FROM finsim.scorecard('5e5e5e5e-0000-0000-0000-000000000001')),
          (SELECT sum(est_monthly_savings) FROM s5e), 'the scorecard''s remaining waste is the summary''s total');

SELECT * FROM finish();
ROLLBACK;
