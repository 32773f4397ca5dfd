-- The price catalog: finsim.price_list(), finsim.price(), and every guide "Cost Impact"
-- worked example computed from catalog prices (within 2%).
BEGIN;
SELECT plan(54);

-- A worked example holds when |actual / expected - 1| <= 2%.
CREATE FUNCTION pg_temp.within2(actual numeric, expected numeric, what text) RETURNS text
  LANGUAGE sql AS $$ SELECT cmp_ok(round(abs(actual / expected - 1), 4), '<=', 0.02::numeric,
                                   what || ' (got ' || round(actual, 2) || ', guide ' || expected || ')') $$;

-- ---------------------------------------------------------------- price_list()
SELECT has_function('finsim', 'price_list', '{}'::name[], 'finsim.price_list() exists');
SELECT has_function('finsim', 'price', ARRAY['text', 'text', 'text'], 'finsim.price(text, text, text) exists');
SELECT cmp_ok((SELECT count(DISTINCT region)::int FROM finsim.price_list()), '>=', 4,
              'price_list covers at least 4 regions');
SELECT ok((SELECT bool_and(r IN (SELECT region FROM finsim.price_list()))
             FROM unnest(ARRAY['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1']) r),
          'us-east-1, us-west-2, eu-west-1 and ap-southeast-1 are priced');
SELECT set_eq(
  $$ SELECT DISTINCT service FROM finsim.price_list() $$,
  ARRAY['ec2', 'ec2-gpu', 'ebs', 'ebs-snapshot', 'eip', 'elb', 'rds', 'rds-storage', 'elasticache',
        'eks', 's3', 's3-requests', 'logs', 'data-transfer', 'lambda', 'kinesis', 'msk',
        'opensearch', 'sagemaker', 'redshift', 'emr', 'mq'],
  'price_list lists every service of catalog.hpp');
SELECT is((SELECT count(*)::int FROM (SELECT service, type, count(DISTINCT region) n FROM finsim.price_list()
                                        GROUP BY 1, 2) t
            WHERE n <> (SELECT count(DISTINCT region) FROM finsim.price_list())),
          0, 'every (service, type) is priced in every region');
SELECT is((SELECT count(*)::int FROM finsim.price_list() WHERE price < 0 OR unit = '' OR unit IS NULL),
          0, 'no negative price, every row has a unit');
SELECT is((SELECT count(*)::int FROM finsim.price_list() p
            WHERE p.price <> finsim.price(p.service, p.type, p.region)),
          0, 'price() agrees with price_list() on every row');
SELECT set_eq(
  $$ SELECT type FROM finsim.price_list() WHERE service = 'ebs' AND region = 'us-east-1' $$,
  ARRAY['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1'], 'EBS volume types gp2/gp3/io1/io2/st1/sc1');
SELECT set_eq(
  $$ SELECT type FROM finsim.price_list() WHERE service = 's3' AND region = 'us-east-1' $$,
  ARRAY['STANDARD', 'STANDARD_IA', 'GLACIER', 'DEEP_ARCHIVE'], 'S3 storage classes');
SELECT set_eq(
  $$ SELECT type FROM finsim.price_list() WHERE service = 'elb' AND region = 'us-east-1' $$,
  ARRAY['application', 'network', 'gateway', 'classic'], 'load balancer types');
SELECT set_eq(
  $$ SELECT type FROM finsim.price_list() WHERE service = 'data-transfer' AND region = 'us-east-1' $$,
  ARRAY['intra-az', 'cross-az', 'cross-region', 'egress', 'ingress'], 'data transfer directions');
SELECT ok((SELECT count(*) >= 5 FROM finsim.price_list() WHERE service = 'ec2-gpu' AND region = 'us-east-1'),
          'GPU instance families are priced');

-- ---------------------------------------------------------------- guide prices
SELECT is(finsim.price('ec2', 'm5.large'), 0.096, 'm5.large $0.096/h (default region us-east-1)');
SELECT is(finsim.price('ec2', 'm5.xlarge', 'us-east-1'), 0.192, 'm5.xlarge $0.192/h');
SELECT is(finsim.price('ec2', 'm5.2xlarge'), 0.384, 'm5.2xlarge $0.384/h');
SELECT is(finsim.price('rds', 'db.r5.large'), 0.12, 'db.r5.large $0.12/h');
SELECT is(finsim.price('rds', 'db.r5.2xlarge'), 0.48, 'db.r5.2xlarge $0.48/h');
SELECT is(finsim.price('elasticache', 'cache.r6g.xlarge'), 0.252, 'cache.r6g.xlarge $0.252/h');
SELECT is(finsim.price('elasticache', 'cache.r6g.medium'), 0.063, 'cache.r6g.medium $0.063/h');
SELECT is(finsim.price('ebs', 'gp3'), 0.08, 'gp3 $0.08/GiB-month');
SELECT is(finsim.price('ebs', 'io1'), 0.125, 'io1 $0.125/GiB-month');
SELECT is(finsim.price('ebs-snapshot', 'standard'), 0.05, 'snapshots $0.05/GiB-month');
SELECT is(finsim.price('eip', 'unassociated'), 0.005, 'unassociated EIP $0.005/h');
SELECT is(finsim.price('eip', 'associated'), 0::numeric, 'associated EIP free');
SELECT results_eq(
  $$ SELECT type, price FROM finsim.price_list() WHERE service = 's3' AND region = 'us-east-1' ORDER BY price DESC $$,
  $$ VALUES ('STANDARD'::text, 0.023::numeric), ('STANDARD_IA', 0.0125), ('GLACIER', 0.004), ('DEEP_ARCHIVE', 0.00099) $$,
  'S3 tiers at the guide''s prices');
SELECT results_eq(
  $$ SELECT finsim.price('data-transfer', d) FROM unnest(ARRAY['intra-az', 'cross-az', 'cross-region', 'egress']) d $$,
  $$ VALUES (0::numeric), (0.01), (0.02), (0.09) $$,
  'data transfer: intra-AZ free, cross-AZ $0.01, cross-region $0.02, internet egress $0.09 per GB');
SELECT is(finsim.price('ec2', 'm5.xlarge', 'eu-west-1'), round(0.192 * 1.10, 10), 'eu-west-1 applies its multiplier');
SELECT ok(finsim.price('ec2', 'm5.xlarge', 'ap-southeast-1') > finsim.price('ec2', 'm5.xlarge', 'us-east-1'),
          'ap-southeast-1 costs more than us-east-1');

-- ---------------------------------------------------------------- price() errors
SELECT throws_ok($$ SELECT finsim.price('ec2', 'm9.huge') $$, '22023', NULL, 'unknown type: 22023');
SELECT throws_ok($$ SELECT finsim.price('ec2', 'm5.large', 'mars-1') $$, '22023', NULL, 'unknown region: 22023');
SELECT throws_ok($$ SELECT finsim.price('teleport', 'x') $$, '22023', NULL, 'unknown service: 22023');
SELECT throws_ok($$ SELECT finsim.price(NULL, 'm5.large') $$, '22004', NULL, 'NULL service: 22004');
SELECT throws_ok($$ SELECT finsim.price('ec2', NULL) $$, '22004', NULL, 'NULL type: 22004');
SELECT throws_ok($$ SELECT finsim.price('ec2', 'm5.large', NULL) $$, '22004', NULL, 'NULL region: 22004');
DO $$
BEGIN
  PERFORM finsim.price('ec2', 'm9.huge');
EXCEPTION WHEN invalid_parameter_value THEN
  DECLARE h text; BEGIN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    CREATE TEMP TABLE price_hint AS SELECT h AS hint;
  END;
END $$;
SELECT matches((SELECT hint FROM price_hint), 'finsim\.price_list\(\)', 'the error hint names finsim.price_list()');

-- ---------------------------------------------------------------- guide worked examples
SELECT pg_temp.within2(finsim.price('ec2', 'm5.xlarge') * 730, 140, 'terminate idle m5.xlarge saves ~$140/month');
SELECT pg_temp.within2((finsim.price('ec2', 'm5.2xlarge') - finsim.price('ec2', 'm5.large')) * 730, 210,
                       'downsize m5.2xlarge -> m5.large saves ~$210/month');
SELECT pg_temp.within2(10 * finsim.price('ec2', 'm5.xlarge') * 730, 1382, 'ASG min_size 10 x m5.xlarge costs $1,382/month');
SELECT pg_temp.within2((10 - 3) * finsim.price('ec2', 'm5.xlarge') * 730, 967, 'ASG min_size 10 -> 3 saves $967/month');
SELECT pg_temp.within2(100 * (128 / 1024.0) * finsim.price('lambda', 'provisioned-concurrency') * 730 * 3600, 100,
                       '100 units of provisioned concurrency (128 MB) ~$100/month');
SELECT pg_temp.within2(500 * finsim.price('ebs', 'io1'), 62.50, '500 GB io1 $62.50/month');
SELECT pg_temp.within2(500 * finsim.price('ebs', 'gp3'), 40, '500 GB io1 -> gp3: $40/month');
SELECT pg_temp.within2(500 * finsim.price('ebs-snapshot', 'standard'), 25, '500 GB orphaned snapshot $25/month');
SELECT pg_temp.within2(1000 * finsim.price('s3', 'STANDARD'), 23, '1 TB S3 Standard $23/month');
SELECT pg_temp.within2(1000 * finsim.price('s3', 'GLACIER'), 4, '1 TB S3 Glacier $4/month');
SELECT pg_temp.within2((finsim.price('rds', 'db.r5.2xlarge') - finsim.price('rds', 'db.r5.large')) * 730, 259,
                       'db.r5.2xlarge -> db.r5.large saves $259/month');
SELECT pg_temp.within2((finsim.price('elasticache', 'cache.r6g.xlarge') - finsim.price('elasticache', 'cache.r6g.medium')) * 730, 136,
                       'cache r6g.xlarge vs r6g.medium saves $136/month per node');
SELECT pg_temp.within2(finsim.price('elb', 'application') * 730, 16, 'ALB $16/month base');
SELECT pg_temp.within2(finsim.price('eip', 'unassociated') * 730, 3.60, 'one orphaned EIP $3.60/month');
SELECT pg_temp.within2(10 * finsim.price('eip', 'unassociated') * 730, 36, '10 orphaned EIPs $36/month');
SELECT pg_temp.within2(1000 * finsim.price('data-transfer', 'cross-az') * 730 / 24, 300, '1 TB/day cross-AZ $300/month');
SELECT pg_temp.within2(3650 * finsim.price('logs', 'storage') * 12, 912,
                       'logs 10 GB/day kept forever: a year of data stored for a year = $912/year');
SELECT pg_temp.within2(10 * (730 / 24.0) * finsim.price('logs', 'storage') * 12, 76,
                       'logs 10 GB/day at 30-day retention = $76/year');

SELECT * FROM finish();
ROLLBACK;
