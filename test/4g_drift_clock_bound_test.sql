-- drift_tick near the end of the virtual clock (cloud_accounts_virtual_time_check: before
-- 9000-01-01 00:00 UTC): a call that would pass it is refused up front with 22023 and a hint
-- saying how many days are left, and changes nothing — rather than failing on the CHECK
-- (23514, "Failing row contains …") after simulating the days before it.  When every
-- account ticks, such an account is skipped (a WARNING) and the others go on.
BEGIN;
SELECT plan(13);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed) VALUES
  ('4a900000-0000-0000-0000-000000000001', 'tap-clock-end', '8999-12-29 00:00+00', 7),
  ('4a900000-0000-0000-0000-000000000002', 'tap-clock-end-noon', '8999-12-30 12:00+00', 7),
  ('4a900000-0000-0000-0000-000000000003', 'tap-clock-fine', '2026-03-02 00:00+00', 7);
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost, state, env)
  VALUES ('4a910000-0000-0000-0000-000000000001', '4a900000-0000-0000-0000-000000000001', 'i-clock-end',
          'm5.large', 0.096, 0, 'running', 'prod');

-- 'SQLSTATE|message|detail|hint' of a statement, or 'ok'.
\ir fixtures/err.sql

-- 8999-12-29: two more days fit (to 8999-12-31), the third would reach 9000-01-01.
SELECT is(pg_temp.err($$SELECT * FROM finsim.drift_tick('4a900000-0000-0000-0000-000000000001', 3)$$),
          '22023|days = 3 would move the virtual clock of account 4a900000-0000-0000-0000-000000000001 past its end (9000-01-01 00:00 UTC)'
          '|The account''s virtual time is 8999-12-29 00:00:00+00.'
          '|2 more days can be simulated for this account: pass days <= 2.',
          'three days from 8999-12-29: 22023, with the days left in the hint');
SELECT is((SELECT virtual_time FROM finsim.cloud_accounts WHERE id = '4a900000-0000-0000-0000-000000000001'),
          '8999-12-29 00:00+00'::timestamptz, 'nothing changed: the clock stays');
SELECT is((SELECT ticks FROM finsim.cloud_accounts WHERE id = '4a900000-0000-0000-0000-000000000001'), 0, '... no tick counted');
SELECT is((SELECT count(*)::int FROM finsim.metrics_daily WHERE account_id = '4a900000-0000-0000-0000-000000000001'), 0,
          '... and no day written');
SELECT is((SELECT max(virtual_date) FROM finsim.drift_tick('4a900000-0000-0000-0000-000000000001', 2)),
          '8999-12-31'::date, 'the two days left are simulated');
SELECT is(pg_temp.err($$SELECT * FROM finsim.drift_tick('4a900000-0000-0000-0000-000000000001')$$),
          '22023|days = 1 would move the virtual clock of account 4a900000-0000-0000-0000-000000000001 past its end (9000-01-01 00:00 UTC)'
          '|The account''s virtual time is 8999-12-31 00:00:00+00.'
          '|No more days can be simulated for this account: its clock is on its last day. Simulate further in a new account (finsim.create_account with an earlier start_date).',
          'then one more day: 22023, no day left');
SELECT is((SELECT virtual_time FROM finsim.cloud_accounts WHERE id = '4a900000-0000-0000-0000-000000000001'),
          '8999-12-31 00:00+00'::timestamptz, 'and the clock stays on its last day');

-- A clock off midnight (hand-written): 8999-12-30 12:00 has one day left.
SELECT is(split_part(pg_temp.err($$SELECT * FROM finsim.drift_tick('4a900000-0000-0000-0000-000000000002', 2)$$), '|', 4),
          '1 more day can be simulated for this account: pass days <= 1.', 'a clock at noon: one day left');
SELECT is(pg_temp.err($$SELECT * FROM finsim.drift_tick('4a900000-0000-0000-0000-000000000002', 1)$$), 'ok',
          'and that day is simulated');

-- Every account: the one at its end is skipped with a WARNING, the others tick.
SET LOCAL client_min_messages = error;  -- the skip's WARNING
SELECT is((SELECT array_agg(account_id ORDER BY account_id) FROM finsim.drift_tick() t
            WHERE t.account_id::text LIKE '4a900000-%'),
          '{4a900000-0000-0000-0000-000000000003}'::uuid[],
          'drift_tick() skips the accounts at their end and ticks the others');
RESET client_min_messages;
SELECT is((SELECT array_agg(virtual_time ORDER BY id) FROM finsim.cloud_accounts WHERE id::text LIKE '4a900000-%'),
          '{"8999-12-31 00:00+00","8999-12-31 12:00+00","2026-03-03 00:00+00"}'::timestamptz[],
          'the skipped accounts stay on their day');

-- Bad days are still judged first (the bound is checked only for a valid count).
SELECT throws_ok($$SELECT * FROM finsim.drift_tick('4a900000-0000-0000-0000-000000000001', 0)$$, '22023',
                 'days must be between 1 and 3650 (got 0)', 'days = 0: the usual 22023');
SELECT throws_ok($$SELECT * FROM finsim.drift_tick('4a900000-0000-0000-0000-0000000000ff', 1)$$, '22023',
                 'account 4a900000-0000-0000-0000-0000000000ff does not exist', 'an unknown account: the usual 22023');

SELECT * FROM finish();
ROLLBACK;
