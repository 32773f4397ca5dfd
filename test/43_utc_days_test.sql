-- Virtual days are UTC days whatever the session's TimeZone: the clock moves 24 hours a tick
-- across daylight-saving changes, windows of n days are n x 24 hours, virtual dates are UTC
-- dates, and a hand-inserted account starts at 00:00 UTC.
BEGIN;
SELECT plan(9);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed) VALUES
  ('43430000-0000-0000-0000-000000000001', 'utc-spring', '2026-03-27 00:00+00', 7),
  ('43430000-0000-0000-0000-000000000002', 'utc-autumn', '2026-10-24 00:00+00', 7),
  ('43430000-0000-0000-0000-000000000003', 'utc-windows', '2026-03-10 00:00+00', 7);
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, env, launch_time, tags) VALUES
  ('43431000-0000-0000-0000-000000000001', '43430000-0000-0000-0000-000000000001', 'i-spring', 'm5.large', 'running', 0.096, 0, 'prod', '2026-01-01', '{"env":"prod","team":"t","project":"p"}'),
  ('43431000-0000-0000-0000-000000000002', '43430000-0000-0000-0000-000000000002', 'i-autumn', 'm5.large', 'running', 0.096, 0, 'prod', '2026-01-01', '{"env":"prod","team":"t","project":"p"}'),
  -- Launched exactly 7 x 24 hours before its account's clock: not older than 7 days.
  ('43431000-0000-0000-0000-000000000003', '43430000-0000-0000-0000-000000000003', 'i-prev7', 't3.medium', 'running', 0.0416, 0, 'preview', '2026-03-03 00:00+00', '{"env":"preview","team":"t","project":"p"}');
INSERT INTO finsim.commitments (id, account_id, commitment_type, scope, hourly_commitment_amount, start_date, end_date) VALUES
  ('43432000-0000-0000-0000-000000000001', '43430000-0000-0000-0000-000000000003', 'reserved_instance', 'm5/us-east-1', 1, '2026-03-10', '2027-03-10');

-- Spring forward in Europe/Berlin on 2026-03-29: before, that day's tick moved the clock
-- 23 hours, the date stayed, and the next tick re-simulated the day (23505 for good).
SET LOCAL TimeZone = 'Europe/Berlin';
SELECT is((SELECT array_agg(d ORDER BY n)::text FROM (
             SELECT 1 AS n, (SELECT virtual_date FROM finsim.drift_tick('43430000-0000-0000-0000-000000000001', 1)) AS d
             UNION ALL SELECT 2, (SELECT virtual_date FROM finsim.drift_tick('43430000-0000-0000-0000-000000000001', 1))
             UNION ALL SELECT 3, (SELECT virtual_date FROM finsim.drift_tick('43430000-0000-0000-0000-000000000001', 1))) s),
          '{2026-03-28,2026-03-29,2026-03-30}', 'three ticks across spring forward: three new dates');
SELECT is(finsim.now('43430000-0000-0000-0000-000000000001'), '2026-03-30 00:00+00'::timestamptz,
          'the clock is at 00:00 UTC, 72 hours later');
SELECT is((SELECT count(DISTINCT date)::int FROM finsim.metrics_daily
            WHERE account_id = '43430000-0000-0000-0000-000000000001' AND date >= '2026-03-27'),
          3, 'one metrics day per tick');
-- Fall back on 2026-10-25: before, the clock landed on 01:00 UTC.
SELECT count(*) FROM finsim.drift_tick('43430000-0000-0000-0000-000000000002', 2);
SELECT is(finsim.now('43430000-0000-0000-0000-000000000002'), '2026-10-26 00:00+00'::timestamptz,
          'two ticks across fall back: 48 hours, still 00:00 UTC');

-- Windows of n days, in a zone whose daylight saving started in between (2026-03-08).
SET LOCAL TimeZone = 'America/New_York';
SELECT is((SELECT count(*)::int FROM finsim.waste_findings('43430000-0000-0000-0000-000000000003')
            WHERE pattern = 'forgotten_preview'),
          0, 'a preview launched exactly 7 x 24 hours ago is not older than 7 days, in New York too');
SET LOCAL TimeZone = 'UTC';
SELECT is((SELECT count(*)::int FROM finsim.waste_findings('43430000-0000-0000-0000-000000000003')
            WHERE pattern = 'forgotten_preview'),
          0, '... as in UTC');

-- Virtual dates are UTC dates: a commitment starting on the account's date is active, even
-- where that instant is still the day before.
SET LOCAL TimeZone = 'America/New_York';
SELECT is((SELECT state FROM finsim.resource_costs WHERE resource_type = 'commitments'
            AND resource_id = '43432000-0000-0000-0000-000000000001'),
          'active', 'a commitment starting on the virtual date is active in New York');

-- A hand-inserted account starts at 00:00 UTC of today.
SET LOCAL TimeZone = 'Pacific/Chatham';
INSERT INTO finsim.cloud_accounts (id, name) VALUES ('43430000-0000-0000-0000-000000000004', 'utc-default');
SELECT is((SELECT (virtual_time AT TIME ZONE 'UTC')::time FROM finsim.cloud_accounts
            WHERE id = '43430000-0000-0000-0000-000000000004'),
          '00:00'::time, 'the default clock is 00:00 UTC, whatever the session''s zone');
SELECT is((SELECT (virtual_time AT TIME ZONE 'UTC')::date FROM finsim.cloud_accounts
            WHERE id = '43430000-0000-0000-0000-000000000004'),
          (now() AT TIME ZONE 'UTC')::date, '... of today''s UTC date');

SELECT * FROM finish();
ROLLBACK;
