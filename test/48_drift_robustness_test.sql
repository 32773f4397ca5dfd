-- The drift engine against data that could stop it: lifecycle policies (agents set them),
-- extreme clocks, long runs of preview launches, one bad account among many, and session
-- settings that must not change what it writes.
BEGIN;
SELECT plan(25);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed) VALUES
  ('48480000-0000-0000-0000-000000000001', 'robust-a', '2026-03-02 00:00+00', 48),
  ('48480000-0000-0000-0000-000000000002', 'robust-b', '2026-03-02 00:00+00', 49);
INSERT INTO finsim.s3_buckets (id, account_id, name, lifecycle_policy) VALUES
  ('48480000-0000-0000-0000-0000000000b1', '48480000-0000-0000-0000-000000000001', 'robust-logs', NULL);
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost, state, env)
  VALUES ('48480000-0000-0000-0000-0000000000c1', '48480000-0000-0000-0000-000000000001', 'i-robust',
          'm5.large', 0.096, 0, 'running', 'prod');

-- Lifecycle policies: only whole days 0..36500 in the keys the simulation reads.
SELECT lives_ok($$UPDATE finsim.s3_buckets SET lifecycle_policy =
                    '{"transition_ia_days": 0, "transition_glacier_days": 36500, "note": "any other key"}'
                  WHERE name = 'robust-logs'$$, 'a valid policy (bounds, extra keys) is stored');
SELECT throws_ok($$UPDATE finsim.s3_buckets SET lifecycle_policy = '{"transition_ia_days": "soon"}'
                   WHERE name = 'robust-logs'$$, '23514', NULL, 'the table refuses a day count that is text');
SELECT throws_ok($$UPDATE finsim.s3_buckets SET lifecycle_policy = '{"expire_days": 2147483648}'
                   WHERE name = 'robust-logs'$$, '23514', NULL, '... or out of range');
SELECT throws_ok($$UPDATE finsim.s3_buckets SET lifecycle_policy = '{"transition_glacier_days": 30.5}'
                   WHERE name = 'robust-logs'$$, '23514', NULL, '... or fractional');
CREATE FUNCTION pg_temp.set_policy(policy text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
  PERFORM finsim.apply_action('s3_buckets', '48480000-0000-0000-0000-0000000000b1', 'set_s3_lifecycle',
                              jsonb_build_object('lifecycle_policy', policy::jsonb), 'test 48');
  RETURN 'applied';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE;
  RETURN s;
END $$;
SELECT is(ARRAY[pg_temp.set_policy('{"transition_ia_days": "soon"}'),
                pg_temp.set_policy('{"transition_ia_days": 30.5}'),
                pg_temp.set_policy('{"expire_days": 2147483648}'),
                pg_temp.set_policy('{"transition_glacier_days": 1e400}'),
                pg_temp.set_policy('{"transition_glacier_days": -1}'),
                pg_temp.set_policy('{"transition_glacier_days": "never"}')],
          ARRAY['22023', '22023', '22023', '22023', '22023', '22023'],
          'set_s3_lifecycle refuses every malformed day count with 22023');
SELECT is((SELECT lifecycle_policy FROM finsim.s3_buckets WHERE name = 'robust-logs'),
          '{"transition_ia_days": 0, "transition_glacier_days": 36500, "note": "any other key"}'::jsonb,
          '... and changes nothing');
SELECT is(pg_temp.set_policy('{"transition_ia_days": 30, "expire_days": 365}'), 'applied',
          'a valid policy is applied');

-- The clock: finite and within 1900 .. 9000.
SELECT throws_ok($$INSERT INTO finsim.cloud_accounts (name, virtual_time) VALUES ('far', '294276-12-31 00:00+00')$$,
                 '23514', NULL, 'a clock beyond the year 9000 is refused');
SELECT throws_ok($$INSERT INTO finsim.cloud_accounts (name, virtual_time) VALUES ('old', '4713-01-01 00:00+00 BC')$$,
                 '23514', NULL, 'a clock before 1900 is refused');

-- One account that cannot advance does not stop the others when every account ticks.
UPDATE finsim.cloud_accounts SET virtual_time = '8999-12-31 00:00+00'
 WHERE id = '48480000-0000-0000-0000-000000000002';
SELECT throws_ok($$SELECT * FROM finsim.drift_tick('48480000-0000-0000-0000-000000000002')$$, '22023', NULL,
                 'ticking that account alone raises its error');
SET LOCAL client_min_messages = error;  -- the skip's WARNING
SELECT is((SELECT count(*) FROM finsim.drift_tick() t WHERE t.account_id = '48480000-0000-0000-0000-000000000001'),
          1::bigint, 'drift_tick() advances the good account');
SELECT is((SELECT count(*) FROM finsim.drift_tick() t WHERE t.account_id = '48480000-0000-0000-0000-000000000002'),
          0::bigint, '... and skips the bad one (a WARNING says why)');
RESET client_min_messages;
SELECT is((SELECT virtual_time FROM finsim.cloud_accounts WHERE id = '48480000-0000-0000-0000-000000000002'),
          '8999-12-31 00:00+00'::timestamptz, '... which stays on its day, nothing of its days written');
SELECT is((SELECT virtual_time FROM finsim.cloud_accounts WHERE id = '48480000-0000-0000-0000-000000000001'),
          '2026-03-04 00:00+00'::timestamptz, 'the good account advanced once per call');
SELECT is((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = '48480000-0000-0000-0000-000000000002'),
          0::bigint, 'the skipped account has no metrics rows');

-- Preview launches over years never reuse an Elastic IP address or a log group name (they
-- once came from 16- and 32-bit hashes: this account's eleventh day hit a duplicate).
INSERT INTO finsim.cloud_accounts (id, name, virtual_time) VALUES
  ('eeeeeeee-0000-4000-8000-00000000659d', 'eip-demo', '2026-01-01 00:00+00');
SELECT lives_ok($$SELECT * FROM finsim.drift_tick('eeeeeeee-0000-4000-8000-00000000659d', 60)$$,
                'sixty days of an empty account: no duplicate key (the old addresses collided on day 11)');
SELECT is((SELECT count(*) FILTER (WHERE public_ip !~ '^203\.') FROM finsim.elastic_ips
            WHERE account_id = 'eeeeeeee-0000-4000-8000-00000000659d'), 0::bigint,
          'drift''s Elastic IPs come from 203.0.0.0/8, numbered by day and launch');
SELECT cmp_ok((SELECT count(*) FROM finsim.log_groups WHERE account_id = 'eeeeeeee-0000-4000-8000-00000000659d'
                 AND name ~ '^/aws/lambda/preview-[0-9]{8}-[0-9a-f]{4}$'), '>', 5::bigint,
              'drift''s log groups carry their date in the name');

-- What the tick writes does not depend on the session's float output settings.
SAVEPOINT floats;
SET LOCAL extra_float_digits = -15;
SELECT count(*) FROM finsim.drift_tick('48480000-0000-0000-0000-000000000001');
SELECT md5(string_agg(metric_payload::text, ',' ORDER BY id)) AS low_digits
  FROM finsim.metrics_daily WHERE account_id = '48480000-0000-0000-0000-000000000001' \gset
ROLLBACK TO SAVEPOINT floats;
SELECT count(*) FROM finsim.drift_tick('48480000-0000-0000-0000-000000000001');
SELECT is((SELECT md5(string_agg(metric_payload::text, ',' ORDER BY id)) FROM finsim.metrics_daily
            WHERE account_id = '48480000-0000-0000-0000-000000000001'), :'low_digits',
          'metric payloads are identical under extra_float_digits = -15 and the default');
SELECT ok((SELECT bool_or(metric_payload->>'cpu_avg' ~ '\.') FROM finsim.metrics_daily
            WHERE account_id = '48480000-0000-0000-0000-000000000001'),
          '... and keep their decimals');

-- Drift scales services (2 % a day) but never a replica_count a person changed: an accepted
-- recommendation is recorded 'manual', like a hand edit.  Before, only 'agent' rows counted.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed)
  VALUES ('48480000-0000-0000-0000-000000000003', 'robust-scale', '2026-03-02 00:00+00', 50);
INSERT INTO finsim.container_clusters (id, account_id, name, node_instance_type, min_nodes, desired_nodes, max_nodes)
  VALUES ('48480000-0000-0000-0000-0000000000d1', '48480000-0000-0000-0000-000000000003', 'robust-eks', 'm5.large', 1, 1, 1);
INSERT INTO finsim.container_services (id, account_id, cluster_id, name, replica_count)
  SELECT ('48480000-0000-0000-0001-' || lpad(n::text, 12, '0'))::uuid, '48480000-0000-0000-0000-000000000003',
         '48480000-0000-0000-0000-0000000000d1', 'svc-' || n, 5
    FROM generate_series(1, 100) n;
UPDATE finsim.container_services SET replica_count = 4
 WHERE account_id = '48480000-0000-0000-0000-000000000003' AND name IN (SELECT 'svc-' || n FROM generate_series(1, 50) n);
SELECT count(*) FROM finsim.drift_tick('48480000-0000-0000-0000-000000000003', 30);
SELECT is((SELECT count(*)::int FROM finsim.container_services
            WHERE account_id = '48480000-0000-0000-0000-000000000003' AND replica_count <> 4
              AND name IN (SELECT 'svc-' || n FROM generate_series(1, 50) n)),
          0, 'drift never rescales a service whose replica_count a person changed');
SELECT ok((SELECT count(*) FROM finsim.container_services
            WHERE account_id = '48480000-0000-0000-0000-000000000003' AND replica_count <> 5
              AND name NOT IN (SELECT 'svc-' || n FROM generate_series(1, 50) n)) > 0,
          '... while it does rescale the others');

-- A read-only transaction: the whole call fails (25006), for every account and for one;
-- before, every account was skipped with a WARNING and the call "succeeded" with no rows.
SELECT finsim.now('48480000-0000-0000-0000-000000000001') AS ro_before \gset
SET LOCAL transaction_read_only = on;
SELECT throws_ok('SELECT * FROM finsim.drift_tick()', '25006', NULL,
                 'drift_tick() in a read-only transaction fails with 25006');
SELECT throws_ok($$SELECT * FROM finsim.drift_tick('48480000-0000-0000-0000-000000000001')$$, '25006', NULL,
                 'drift_tick(account) too');
SELECT is(finsim.now('48480000-0000-0000-0000-000000000001'), :'ro_before'::timestamptz, 'and no clock moved');

SELECT * FROM finish();
ROLLBACK;
