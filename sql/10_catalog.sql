-- The price catalog: a readable sample of finsim.price_list() and finsim.price(), its
-- errors, and costs assigned on insert.
\set VERBOSITY default
SELECT count(DISTINCT region) AS regions, count(DISTINCT service) AS services
  FROM finsim.price_list();
SELECT region, price FROM finsim.price_list()
 WHERE service = 'ec2' AND type = 'm5.xlarge' ORDER BY price, region;
SELECT service, type, unit, price FROM finsim.price_list()
 WHERE region = 'us-east-1'
   AND (service IN ('ebs', 'ebs-snapshot', 'eip', 'elb', 's3', 'logs', 'data-transfer', 'lambda', 'kinesis', 'eks')
        OR type IN ('m5.large', 'm5.xlarge', 'm5.2xlarge', 'db.r5.large', 'db.r5.2xlarge',
                    'cache.r6g.medium', 'cache.r6g.xlarge', 'p3.2xlarge'))
 ORDER BY service, type;
SELECT finsim.price('ec2', 'm5.xlarge') AS m5_xlarge,
       finsim.price('ec2', 'm5.xlarge', 'eu-west-1') AS m5_xlarge_eu,
       finsim.price('ebs', 'gp3') AS gp3,
       round(finsim.price('elb', 'application') * 730, 2) AS alb_month;
-- Errors: unknown type, unknown region, NULL.
SELECT finsim.price('ec2', 'm9.huge');
SELECT finsim.price('ec2', 'm5.large', 'mars-1');
SELECT finsim.price('ec2', NULL);
-- Costs on insert: a hand-written row without cost columns is priced from the catalog.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('10000000-0000-0000-0000-000000000010', 'catalog demo', '2026-01-01 00:00+00');
INSERT INTO finsim.instances (account_id, instance_id, name, instance_type)
VALUES ('10000000-0000-0000-0000-000000000010', 'i-demo', 'demo', 'm5.xlarge');
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type)
VALUES ('10000000-0000-0000-0000-000000000010', 'vol-demo', 500, 'io1');
INSERT INTO finsim.elastic_ips (account_id, allocation_id, public_ip)
VALUES ('10000000-0000-0000-0000-000000000010', 'eipalloc-demo', '198.51.100.7');
INSERT INTO finsim.instances (account_id, instance_id, instance_type)
VALUES ('10000000-0000-0000-0000-000000000010', 'i-bad', 'm9.huge');
SELECT instance_id, hourly_cost, gpu_hourly_cost, launch_time FROM finsim.instances
 WHERE account_id = '10000000-0000-0000-0000-000000000010';
SELECT resource_type, resource_name, state, monthly_cost FROM finsim.resource_costs
 WHERE account_id = '10000000-0000-0000-0000-000000000010' ORDER BY resource_type;
SELECT finsim.monthly_run_rate('10000000-0000-0000-0000-000000000010');
DELETE FROM finsim.cloud_accounts WHERE id = '10000000-0000-0000-0000-000000000010';
