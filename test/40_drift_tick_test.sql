-- finsim.drift_tick(): one virtual day's semantics on a hand-written estate.
BEGIN;
SET client_min_messages = warning;
\ir 40_drift_estate.psql
SELECT plan(48);

SELECT pg_temp.drift_estate('drift40', 42) AS a \gset

-- Bad input: clear errors, nothing changed.
SELECT throws_ok(format('SELECT * FROM finsim.drift_tick(%L, 0)', :'a'), '22023', NULL, 'days = 0 is refused');
SELECT throws_ok(format('SELECT * FROM finsim.drift_tick(%L, -3)', :'a'), '22023', NULL, 'negative days are refused');
SELECT throws_ok(format('SELECT * FROM finsim.drift_tick(%L, 3651)', :'a'), '22023', NULL, 'more than 3650 days is refused');
SELECT throws_ok(format('SELECT * FROM finsim.drift_tick(%L, NULL)', :'a'), '22004', NULL, 'NULL days is refused');
SELECT throws_ok($$SELECT * FROM finsim.drift_tick('00000000-0000-0000-0000-000000000000', 1)$$, '22023', NULL,
                 'an unknown account is refused');
SELECT is((SELECT virtual_time FROM finsim.cloud_accounts WHERE id = :'a'), '2026-01-05 00:00+00'::timestamptz,
          'bad calls left the clock alone');
SELECT is((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'a'), 0::bigint, 'bad calls wrote nothing');

-- Admin only.
CREATE ROLE drift40_nobody;
GRANT USAGE ON SCHEMA finsim TO drift40_nobody;
GRANT EXECUTE ON FUNCTION finsim.drift_tick(uuid, integer) TO drift40_nobody;
SET LOCAL ROLE drift40_nobody;
SELECT throws_ok(format('SELECT * FROM finsim.drift_tick(%L)', :'a'), '42501', NULL, 'a non-admin may not advance time');
RESET ROLE;
CREATE ROLE drift40_admin IN ROLE finsim_admin;
GRANT USAGE ON SCHEMA finsim TO drift40_admin;
SELECT pg_temp.drift_estate('drift40b', 43) AS b \gset
SET LOCAL ROLE drift40_admin;
SELECT is((SELECT virtual_date FROM finsim.drift_tick(:'b')), '2026-01-06'::date, 'a finsim_admin member may tick');
RESET ROLE;

-- One day.
SELECT results_eq(format('SELECT account_id, virtual_date FROM finsim.drift_tick(%L)', :'a'),
                  format($$VALUES (%L::uuid, '2026-01-06'::date)$$, :'a'), 'one tick returns the new virtual date');
SELECT is(finsim.now(:'a'), '2026-01-06 00:00+00'::timestamptz, 'the clock advanced exactly one day');
SELECT is((SELECT ticks FROM finsim.cloud_accounts WHERE id = :'a'), 1, 'ticks counts the day');
SELECT is((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'a' AND date = '2026-01-05'),
          (SELECT count(*) FROM finsim.instances WHERE account_id = :'a' AND state <> 'terminated')
          + (SELECT count(*) FROM finsim.volumes WHERE account_id = :'a' AND state NOT IN ('deleted', 'deleting'))
          + 9, -- asg, lambda, node, service, rds, cache, lb, managed service, stream
          'one metrics_daily row per active resource');
SELECT is((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'a' AND resource_type = 'instances'
             AND resource_id = md5('inst6:drift40')::uuid::text), 0::bigint, 'no metrics for a terminated instance');
SELECT is((SELECT count(*) FROM finsim.s3_bucket_usage_daily WHERE account_id = :'a' AND date = '2026-01-05'), 2::bigint,
          's3_bucket_usage_daily: one row per bucket');
SELECT is((SELECT count(*) FROM finsim.log_group_usage_daily WHERE account_id = :'a' AND date = '2026-01-05'),
          (SELECT count(*) FROM finsim.log_groups WHERE account_id = :'a'), 'log_group_usage_daily: one row per log group');
SELECT ok((SELECT count(DISTINCT direction) FROM finsim.data_transfer_daily WHERE account_id = :'a' AND date = '2026-01-05') = 5,
          'data_transfer_daily: every direction (two regions in use)');
SELECT is((SELECT count(*) FROM finsim.commitment_utilization_daily WHERE account_id = :'a' AND date = '2026-01-05'), 2::bigint,
          'commitment_utilization_daily: one row per active commitment');
SELECT is((SELECT state FROM finsim.instances WHERE id = md5('inst5:drift40')::uuid), 'running', 'pending -> running');
SELECT is((SELECT state FROM finsim.instances WHERE id = md5('inst7:drift40')::uuid), 'stopped', 'stopping -> stopped');
SELECT ok((SELECT bool_and(current_cpu BETWEEN 0 AND 100 AND current_memory BETWEEN 0 AND 100)
             FROM finsim.instances WHERE account_id = :'a' AND state = 'running'), 'live metrics within 0..100');
SELECT is((SELECT count(*) FROM finsim.snapshots WHERE account_id = :'a' AND source_volume_id = 'vol-0001'), 1::bigint,
          'the daily backup job took a snapshot');

-- Agent changes (made here by hand): terminate an instance, set a retention.
UPDATE finsim.instances SET state = 'terminated' WHERE id = md5('inst1:drift40')::uuid;
UPDATE finsim.log_groups SET retention_days = 14 WHERE id = md5('lg1:drift40')::uuid;
SELECT is((SELECT virtual_date FROM finsim.drift_tick(:'a')), '2026-01-07'::date, 'second tick');
SELECT cmp_ok((SELECT utilization_percent FROM finsim.commitment_utilization_daily WHERE commitment_id = md5('ri1:drift40')::uuid
                 AND date = '2026-01-06'), '<',
              (SELECT utilization_percent FROM finsim.commitment_utilization_daily WHERE commitment_id = md5('ri1:drift40')::uuid
                 AND date = '2026-01-05'), 'terminating a covered instance lowers the RI''s utilisation');
SET LOCAL finsim.daily_retention_days = 14;
SELECT is((SELECT virtual_date FROM finsim.drift_tick(:'a', 28)), '2026-02-04'::date, 'a 28-day tick ends on day 30');
SELECT is(finsim.now(:'a'), '2026-02-04 00:00+00'::timestamptz, 'the clock advanced one day per day');
SELECT is((SELECT state FROM finsim.instances WHERE id = md5('inst1:drift40')::uuid), 'terminated', 'a terminated instance stays terminated');
SELECT is((SELECT retention_days FROM finsim.log_groups WHERE id = md5('lg1:drift40')::uuid), 14, 'a retention set stays set');
SELECT is((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'a' AND resource_id = md5('inst1:drift40')::uuid::text
             AND date > '2026-01-05'), 0::bigint, 'no metrics after termination');
SELECT ok((SELECT max(stored_gb) FROM finsim.log_group_usage_daily WHERE log_group_id = md5('lg1:drift40')::uuid)
          <= 14 * (SELECT max(ingested_gb) FROM finsim.log_group_usage_daily WHERE log_group_id = md5('lg1:drift40')::uuid) / 0.8,
          'with a retention, stored_gb is capped near 14 days of ingestion');
SELECT ok((SELECT bool_and(d.stored_gb > p.stored_gb) FROM finsim.log_group_usage_daily d
             JOIN finsim.log_group_usage_daily p ON p.log_group_id = d.log_group_id AND p.date = d.date - 1
             JOIN finsim.log_groups g ON g.id = d.log_group_id AND g.account_id = d.account_id
           WHERE d.account_id = :'a' AND g.retention_days IS NULL), 'without a retention, stored_gb grows every day');
-- Pruning: retention 14 days.
SELECT is((SELECT min(date) FROM finsim.metrics_daily WHERE account_id = :'a'), '2026-01-20'::date,
          'metrics_daily older than finsim.daily_retention_days are pruned');
SELECT ok((SELECT min(date) FROM finsim.s3_bucket_usage_daily WHERE account_id = :'a') >= '2026-01-20'
      AND (SELECT min(date) FROM finsim.log_group_usage_daily WHERE account_id = :'a') >= '2026-01-20'
      AND (SELECT min(date) FROM finsim.data_transfer_daily WHERE account_id = :'a') >= '2026-01-20'
      AND (SELECT min(date) FROM finsim.commitment_utilization_daily WHERE account_id = :'a') >= '2026-01-20',
          'every daily table is pruned');
SELECT is((SELECT count(DISTINCT date) FROM finsim.s3_bucket_usage_daily WHERE account_id = :'a'), 15::bigint,
          'each day appended one day of S3 rows');

-- 7-day columns are the mean of metrics_daily.
SELECT is((SELECT count(*) FROM finsim.instances i WHERE i.account_id = :'a' AND i.state = 'running' AND i.avg_cpu_7d IS DISTINCT FROM
             (SELECT round(avg((m.metric_payload->>'cpu_avg')::numeric), 4) FROM finsim.metrics_daily m
               WHERE m.account_id = i.account_id AND m.resource_type = 'instances' AND m.resource_id = i.id::text
                 AND m.date BETWEEN '2026-01-28' AND '2026-02-03')), 0::bigint, 'instances.avg_cpu_7d = mean of the last 7 days');
SELECT is((SELECT current_cpu FROM finsim.instances WHERE id = md5('inst2:drift40')::uuid),
          (SELECT (metric_payload->>'cpu_avg')::numeric FROM finsim.metrics_daily WHERE resource_id = md5('inst2:drift40')::uuid::text
             AND date = '2026-02-03'), 'current_cpu is the last day''s value');
SELECT is((SELECT avg_connections_7d FROM finsim.rds_instances WHERE account_id = :'a'),
          (SELECT round(avg((metric_payload->>'connections')::numeric), 4) FROM finsim.metrics_daily WHERE account_id = :'a'
             AND resource_type = 'rds_instances' AND date >= '2026-01-28'), 'rds avg_connections_7d = mean');
SELECT is((SELECT invocations_7d FROM finsim.lambda_functions WHERE account_id = :'a'),
          (SELECT sum((metric_payload->>'invocations')::numeric)::bigint FROM finsim.metrics_daily WHERE account_id = :'a'
             AND resource_type = 'lambda_functions' AND date >= '2026-01-28'), 'lambda invocations_7d = sum of 7 days');
SELECT is((SELECT avg_request_count_7d FROM finsim.load_balancers WHERE account_id = :'a'),
          (SELECT round(avg((metric_payload->>'requests')::numeric), 4) FROM finsim.metrics_daily WHERE account_id = :'a'
             AND resource_type = 'load_balancers' AND date >= '2026-01-28'), 'lb avg_request_count_7d = mean');
SELECT is((SELECT avg_usage_mbps_7d FROM finsim.streaming_clusters WHERE account_id = :'a'),
          (SELECT round(avg((metric_payload->>'usage_mbps')::numeric), 4) FROM finsim.metrics_daily WHERE account_id = :'a'
             AND resource_type = 'streaming_clusters' AND date >= '2026-01-28'), 'stream avg_usage_mbps_7d = mean');

-- Drift events, stamped drift_engine at virtual time.
SELECT ok((SELECT count(*) FROM finsim.resource_change_events WHERE account_id = :'a' AND change_source = 'drift_engine'
             AND field_name = 'state' AND new_value = 'pending') > 0, 'preview launches are logged');
SELECT is((SELECT count(*) FROM finsim.resource_change_events WHERE account_id = :'a' AND change_source = 'drift_engine'
             AND (changed_at < '2026-01-05' OR changed_at >= '2026-02-04' OR changed_at <> date_trunc('day', changed_at))),
          0::bigint, 'drift events carry the virtual day, not the wall clock');
SELECT ok((SELECT count(*) FROM finsim.instances WHERE account_id = :'a' AND env = 'preview' AND launch_time >= '2026-01-05') > 0,
          'preview instances were launched');

SELECT ok(EXISTS (SELECT 1 FROM finsim.instances WHERE account_id = :'a' AND env = 'preview' AND state = 'terminated'
                   AND launch_time >= '2026-01-05'), 'engineers tore down a preview instance');
SELECT ok(EXISTS (SELECT 1 FROM finsim.volumes WHERE account_id = :'a' AND state = 'available' AND attached_instance_id IS NULL
                   AND tags->>'env' = 'preview'), '... and its volume stayed behind, available');
SELECT ok((SELECT count(*) FROM finsim.snapshots WHERE account_id = :'a' AND source_volume_id = 'vol-0001') >= 30,
          'daily snapshots accrue');

-- NULL account: every account advances one day.
SELECT ok((SELECT count(*) FROM finsim.drift_tick() WHERE account_id IN (:'a', :'b')) = 2, 'drift_tick() ticks every account');
SELECT is(ARRAY[finsim.now(:'a'), finsim.now(:'b')], ARRAY['2026-02-05 00:00+00'::timestamptz, '2026-01-07 00:00+00'],
          'each account advanced exactly one day');

SELECT * FROM finish();
ROLLBACK;
