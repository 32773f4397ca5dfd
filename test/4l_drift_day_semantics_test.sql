-- Issue #4's "what one virtual day does", item by item, on simulated data (what the other drift
-- tests did not assert): the weekday/weekend rhythm (dev quieter), slow trends, bounds and
-- payload keys on every table, daily costs from the catalog, S3 tiers moving per lifecycle and
-- request costs, transfer priced by direction, preview teardown leaving EIPs unassociated,
-- load balancers losing their traffic, new log groups, logged state transitions, finsim.now's
-- bad input, agent actions surviving drift, and determinism with actions between ticks.
BEGIN;
SET client_min_messages = warning;
\ir 40_drift_estate.psql
SELECT plan(23);

-- A generated estate, two weeks (two weekends) of ticks from Monday 2026-01-05.
SELECT finsim.create_account('drift4l', 1500, 42, '2026-01-05') AS a \gset
SELECT count(*) FROM finsim.drift_tick(:'a', 14);
CREATE TEMP TABLE md AS
  SELECT m.* FROM finsim.metrics_daily m WHERE m.account_id = :'a' AND m.date >= '2026-01-05';

-- Rhythm: weekend CPU of running instances relative to their weekdays, per env.
CREATE TEMP TABLE rhythm AS
  SELECT i.env, avg((m.metric_payload->>'cpu_avg')::numeric) FILTER (WHERE extract(isodow FROM m.date) >= 6)
              / avg((m.metric_payload->>'cpu_avg')::numeric) FILTER (WHERE extract(isodow FROM m.date) < 6) AS ratio
    FROM md m JOIN finsim.instances i ON i.account_id = m.account_id AND i.id::text = m.resource_id
   WHERE m.resource_type = 'instances' AND i.state = 'running' AND (m.metric_payload->>'cpu_avg')::numeric > 0
   GROUP BY 1;
SELECT ok((SELECT ratio FROM rhythm WHERE env = 'prod') BETWEEN 0.75 AND 0.95,
          'prod is a little quieter on weekends (weekend/weekday CPU ~0.85)');
SELECT ok((SELECT bool_and(ratio BETWEEN 0.2 AND 0.45) AND count(*) = 3 FROM rhythm WHERE env IN ('dev', 'staging', 'preview')),
          'dev, staging and preview are much quieter on weekends (~0.3)');

-- Slow trends: a resource's monthly weekday mean drifts over half a year (sinusoid of 60-180
-- days, up to +-20 %); noise alone moves a monthly mean by ~2 %.
CREATE TEMP TABLE trend AS
  SELECT r, (max(mean) / min(mean)) AS spread FROM (
    SELECT r, d / 30 AS month, avg((finsim._drift_metrics(42, md5('trend' || r)::uuid::text, 'instances', 'prod', 20454 + d,
                                                         20454, -1, -1, -1, -1, -1, -1))[1]) AS mean
      FROM generate_series(1, 100) r, generate_series(0, 179) d
     WHERE extract(isodow FROM DATE '1970-01-01' + 20454 + d) < 6
     GROUP BY 1, 2) s GROUP BY 1;
SELECT cmp_ok((SELECT count(*) FROM trend WHERE spread > 1.1), '>=', 30::bigint,
              'slow trends: many resources'' monthly means move by more than 10 % over six months');

-- Bounds and payload keys on every simulated day of every table.
SELECT is((SELECT count(*) FROM md WHERE NOT metric_payload ?& ARRAY['cpu_avg', 'cpu_max', 'memory_avg', 'network', 'disk']),
          0::bigint, 'every drift day''s payload has cpu_avg, cpu_max, memory_avg, network, disk');
SELECT is((SELECT count(*) FROM md WHERE (metric_payload->>'cpu_avg')::numeric NOT BETWEEN 0 AND 100
             OR (metric_payload->>'cpu_max')::numeric NOT BETWEEN (metric_payload->>'cpu_avg')::numeric AND 100
             OR (metric_payload->>'memory_avg')::numeric NOT BETWEEN 0 AND 100
             OR (metric_payload->>'disk')::numeric NOT BETWEEN 0 AND 100
             OR (metric_payload->>'network')::numeric < 0 OR estimated_daily_cost IS NULL OR estimated_daily_cost < 0),
          0::bigint, 'percentages within 0..100 (max >= avg), network and costs >= 0');
SELECT is((SELECT count(DISTINCT resource_type) FROM md), 11::bigint, 'every metric table has drift days');
-- Daily cost from the priced columns: a running unscheduled instance costs 24 h, a stopped one 0.
SELECT is((SELECT count(*) FROM md m JOIN finsim.instances i ON i.account_id = m.account_id AND i.id::text = m.resource_id
            WHERE m.resource_type = 'instances' AND m.date = '2026-01-18' AND i.schedule IS NULL
              AND m.estimated_daily_cost <> CASE WHEN i.state = 'running'
                                                 THEN round((i.hourly_cost + i.gpu_hourly_cost) * 24, 6) ELSE 0 END),
          0::bigint, 'instances'' estimated_daily_cost = hourly price x 24 (0 when stopped)');

-- S3: tiers move per lifecycle_policy; requests priced at the catalog's request price.
CREATE TEMP TABLE s3 AS
  SELECT u.date, b.lifecycle_policy, sum(u.storage_gb_standard) AS std, sum(u.storage_gb_ia) AS ia,
         sum(u.storage_gb_glacier) AS gl
    FROM finsim.s3_bucket_usage_daily u JOIN finsim.s3_buckets b ON b.account_id = u.account_id AND b.id = u.bucket_id
   WHERE u.account_id = :'a' AND u.date IN ('2026-01-05', '2026-01-18')
     AND (b.lifecycle_policy IS NULL OR b.lifecycle_policy ?& ARRAY['transition_ia_days', 'transition_glacier_days'])
   GROUP BY 1, 2;
SELECT ok((SELECT count(*) FROM s3 WHERE lifecycle_policy IS NOT NULL) > 0
      AND (SELECT bool_and(l.ia > f.ia AND l.gl > f.gl AND l.std < f.std) FROM s3 f JOIN s3 l USING (lifecycle_policy)
            WHERE f.date = '2026-01-05' AND l.date = '2026-01-18'),
          'with a lifecycle (IA then Glacier), Standard data moves on into IA and Glacier day by day');
SELECT is((SELECT sum(ia + gl) FROM s3 WHERE lifecycle_policy IS NULL), 0::numeric,
          'without a lifecycle, everything stays in Standard');
SELECT is((SELECT count(*) FROM finsim.s3_bucket_usage_daily u JOIN finsim.s3_buckets b ON b.account_id = u.account_id AND b.id = u.bucket_id
            WHERE u.account_id = :'a' AND u.date >= '2026-01-05'
              AND u.estimated_request_cost <> round(u.requests_count / 1000.0 * finsim.try_price('s3-requests', 'blended', b.region), 6)),
          0::bigint, 'request costs = requests x the catalog''s request price');
SELECT ok((SELECT sum(estimated_request_cost) > 0 AND sum(estimated_storage_cost) > 0 FROM finsim.s3_bucket_usage_daily
            WHERE account_id = :'a' AND date >= '2026-01-05'), 'buckets accrue request and storage costs');

-- Transfer: each direction at its own catalog price.
SELECT is((SELECT count(*) FROM finsim.data_transfer_daily t WHERE t.account_id = :'a' AND t.date >= '2026-01-05'
             AND t.estimated_transfer_cost <> round(t.gb_transferred * coalesce(finsim.try_price('data-transfer', t.direction,
                   CASE WHEN t.source_region = 'internet' THEN t.dest_region ELSE t.source_region END), 0), 6)),
          0::bigint, 'transfer cost = GB x the direction''s catalog price');
SELECT ok((SELECT count(DISTINCT direction) FROM finsim.data_transfer_daily WHERE account_id = :'a' AND date >= '2026-01-05') = 5
      AND (SELECT count(DISTINCT round(estimated_transfer_cost / gb_transferred, 4)) FROM finsim.data_transfer_daily
            WHERE account_id = :'a' AND date >= '2026-01-05' AND gb_transferred > 0 AND source_region <> 'internet'
              AND direction IN ('intra-az', 'cross-az', 'egress')) >= 3,
          'five directions, priced differently');

-- Lifecycle transitions are logged by the audit trigger as drift_engine changes.
SELECT ok(EXISTS (SELECT 1 FROM finsim.resource_change_events WHERE account_id = :'a' AND resource_type = 'instances'
                   AND field_name = 'state' AND old_value = 'pending' AND new_value = 'running' AND change_source = 'drift_engine'),
          'pending -> running is logged as a drift_engine change');
-- New log groups: no retention, logged, with usage rows from their first day.
SELECT ok((SELECT count(*) FROM finsim.log_groups g WHERE g.account_id = :'a' AND g.name ~ '^/aws/lambda/preview-[0-9]{8}-') > 0
      AND NOT EXISTS (SELECT 1 FROM finsim.log_groups g WHERE g.account_id = :'a' AND g.name ~ '^/aws/lambda/preview-[0-9]{8}-'
                        AND (g.retention_days IS NOT NULL
                             OR NOT EXISTS (SELECT 1 FROM finsim.resource_change_events e WHERE e.account_id = g.account_id
                                             AND e.resource_id = g.id::text AND e.field_name = 'retention_days'
                                             AND e.change_source = 'drift_engine')
                             OR NOT EXISTS (SELECT 1 FROM finsim.log_group_usage_daily u WHERE u.account_id = g.account_id
                                             AND u.log_group_id = g.id))),
          'new log groups have no retention, are logged and get usage rows');

-- Load balancers lose their traffic for good: 400 hand-written ones over 60 days.
SELECT pg_temp.drift_estate('drift4l-lb', 7) AS b \gset
INSERT INTO finsim.load_balancers (account_id, lb_arn, name, hourly_cost)
  SELECT :'b', 'arn:lb/4l-' || g, 'lb-4l-' || g, 0.0225 FROM generate_series(1, 400) g;
SELECT count(*) FROM finsim.drift_tick(:'b', 60);
CREATE TEMP TABLE idle AS
  SELECT e.resource_id, (e.changed_at AT TIME ZONE 'UTC')::date AS day FROM finsim.resource_change_events e
   WHERE e.account_id = :'b' AND e.resource_type = 'load_balancers' AND e.field_name = 'traffic' AND e.new_value = 'idle';
SELECT cmp_ok((SELECT count(*) FROM idle), '>=', 20::bigint, 'load balancers lose their traffic (~0.2 % a day)');
SELECT is((SELECT count(*) FROM idle i JOIN finsim.metrics_daily m ON m.account_id = :'b' AND m.resource_id = i.resource_id
            WHERE m.date >= i.day AND (m.metric_payload->>'requests')::numeric >= 3), 0::bigint,
          'from that day on, at most a stray health probe (< 3 requests a day)');
SELECT ok((SELECT count(*) FROM idle i JOIN finsim.load_balancers l ON l.account_id = :'b' AND l.id::text = i.resource_id
            WHERE i.day <= '2026-02-20' AND l.avg_request_count_7d < 3) = (SELECT count(*) FROM idle WHERE day <= '2026-02-20'),
          '... so their 7-day request count falls to the lb_unused level');

-- Preview teardown: a terminated preview keeps no EIP or volume attached (logged).
SELECT ok((SELECT count(*) FROM finsim.resource_change_events e WHERE e.account_id = :'b' AND e.resource_type = 'elastic_ips'
             AND e.field_name = 'state' AND e.new_value = 'unassociated' AND e.change_source = 'drift_engine') > 0
      AND (SELECT count(*) FROM finsim.resource_change_events e WHERE e.account_id = :'b' AND e.resource_type = 'volumes'
             AND e.field_name = 'state' AND e.new_value = 'available' AND e.change_source = 'drift_engine') > 0
      AND NOT EXISTS (SELECT 1 FROM finsim.instances i JOIN finsim.elastic_ips e ON e.account_id = i.account_id
                       AND e.associated_instance_id = i.instance_id
                       WHERE i.account_id = :'b' AND i.state = 'terminated' AND i.env = 'preview')
      AND NOT EXISTS (SELECT 1 FROM finsim.instances i JOIN finsim.volumes v ON v.account_id = i.account_id
                       AND v.attached_instance_id = i.instance_id
                       WHERE i.account_id = :'b' AND i.state = 'terminated' AND i.env = 'preview'),
          'torn-down previews leave their EIPs unassociated and volumes available (logged)');

-- finsim.now: bad input.
SELECT throws_ok('SELECT finsim.now(NULL)', '22004', NULL, 'finsim.now(NULL) is refused');
SELECT throws_ok($$SELECT finsim.now('00000000-0000-0000-0000-0000000000ff')$$, '22023', NULL,
                 'finsim.now of an unknown account is refused');

-- Agent actions between ticks: they survive drift, and the run is deterministic.
\ir fixtures/drift_digest.sql
CREATE FUNCTION pg_temp.run_with_actions(n text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE a uuid := pg_temp.drift_estate(n, 11);
BEGIN
  PERFORM finsim.drift_tick(a, 5);
  PERFORM finsim.apply_action('instances', md5('inst2:' || n)::uuid::text, 'terminate_instance', '{}', 'test 4l');
  PERFORM finsim.apply_action('log_groups', md5('lg1:' || n)::uuid::text, 'set_log_retention', '{"retention_days": 30}', 'test 4l');
  PERFORM finsim.drift_tick(a, 10);
  RETURN pg_temp.drift_digest(a, true);
END $$;
SELECT pg_temp.run_with_actions('drift4l-act') AS d1 \gset
SELECT is((SELECT array[state, (SELECT retention_days::text FROM finsim.log_groups WHERE id = md5('lg1:drift4l-act')::uuid)]
             FROM finsim.instances WHERE id = md5('inst2:drift4l-act')::uuid),
          ARRAY['terminated', '30'], 'an agent''s termination and retention survive ten days of drift');
SELECT finsim.drop_account(md5('drift-estate:drift4l-act')::uuid);
SELECT is(pg_temp.run_with_actions('drift4l-act'), :'d1', 'same estate + same ticks and actions = identical rows, ids included');

SELECT * FROM finish();
ROLLBACK;
