-- Refusal texts stored in the audit trail (resource_change_events.reason) and returned as
-- the message do not depend on the session's DateStyle or TimeZone: timestamps are written
-- in ISO 8601 UTC ('YYYY-MM-DD"T"HH24:MI:SS"Z"').
BEGIN;
SELECT plan(10);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time, freeze_optimizations_until) VALUES
  ('d9000000-0000-0000-0000-000000000001', 'act-text-acct', '2026-02-01 00:00+00', '2026-03-02 12:30:00+00'),
  ('d9000000-0000-0000-0000-000000000002', 'act-text-res',  '2026-02-01 06:00+00', NULL);
\set A '''d9000000-0000-0000-0000-000000000001'''
\set B '''d9000000-0000-0000-0000-000000000002'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, launch_time, optimization_freeze_until) VALUES
  ('d9100000-0000-0000-0000-000000000001', :A, 'i-acct-frozen', 'm5.large', 'running', 0.096, 0, '2025-01-01', NULL),
  ('d9100000-0000-0000-0000-000000000002', :B, 'i-res-frozen',  'm5.large', 'running', 0.096, 0, '2025-01-01', '2026-04-01 00:00:00.25+00'),
  ('d9100000-0000-0000-0000-000000000003', :B, 'i-res-forever', 'm5.large', 'running', 0.096, 0, '2025-01-01', 'infinity');
INSERT INTO finsim.api_clients (id, account_id, name, access_key_id, secret_key_hash)
VALUES ('d9200000-0000-0000-0000-000000000001', :B, 'text-bot', 'AKIATEXTBOT000000001', 'x');

CREATE FUNCTION pg_temp.refuse(rid text) RETURNS text LANGUAGE sql AS $$
  SELECT outcome || ': ' || message FROM finsim.apply_action('instances', rid, 'stop_instance')
$$;

-- The same refusals under two very different settings.
SET LOCAL DateStyle = 'ISO, YMD';
SET LOCAL TimeZone = 'UTC';
CREATE TEMP TABLE m1 AS SELECT pg_temp.refuse('d9100000-0000-0000-0000-000000000001') AS acct,
                               pg_temp.refuse('d9100000-0000-0000-0000-000000000002') AS res;
SET LOCAL DateStyle = 'SQL, DMY';
SET LOCAL TimeZone = 'America/New_York';
CREATE TEMP TABLE m2 AS SELECT pg_temp.refuse('d9100000-0000-0000-0000-000000000001') AS acct,
                               pg_temp.refuse('d9100000-0000-0000-0000-000000000002') AS res;
SET LOCAL DateStyle = 'German';
SET LOCAL TimeZone = 'Asia/Kolkata';
CREATE TEMP TABLE m3 AS SELECT pg_temp.refuse('d9100000-0000-0000-0000-000000000001') AS acct,
                               pg_temp.refuse('d9100000-0000-0000-0000-000000000002') AS res;

SELECT is((SELECT acct FROM m1),
  'refused: account optimizations are frozen until 2026-03-02T12:30:00Z (cloud_accounts.freeze_optimizations_until; virtual now 2026-02-01T00:00:00Z)',
  'account freeze message in ISO 8601 UTC');
SELECT is((SELECT res FROM m1),
  'refused: resource is frozen until 2026-04-01T00:00:00.250000Z (optimization_freeze_until; virtual now 2026-02-01T06:00:00Z)',
  'resource freeze message in ISO 8601 UTC (fractional seconds kept)');
SELECT is((SELECT acct || res FROM m2), (SELECT acct || res FROM m1), 'same messages under SQL, DMY / America/New_York');
SELECT is((SELECT acct || res FROM m3), (SELECT acct || res FROM m1), 'same messages under German / Asia/Kolkata');
SELECT is((SELECT count(DISTINCT reason)::int FROM finsim.resource_change_events
            WHERE account_id = :A AND field_name = 'action' AND new_value = 'stop_instance:refused'), 1,
  'the three stored account-freeze reasons are identical');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events
            WHERE account_id = :A AND field_name = 'action' AND new_value = 'stop_instance:refused'), 3, '(three refusals recorded)');
SELECT is((SELECT count(DISTINCT reason)::int FROM finsim.resource_change_events
            WHERE account_id = :B AND resource_id = 'd9100000-0000-0000-0000-000000000002' AND field_name = 'action'), 1,
  'the three stored resource-freeze reasons are identical');
SELECT is(pg_temp.refuse('d9100000-0000-0000-0000-000000000003'),
  'refused: resource is frozen until infinity (optimization_freeze_until; virtual now 2026-02-01T06:00:00Z)',
  'a freeze until infinity is refused, and says so');

-- changes of revoke_api_client: the virtual time in the same fixed format.
SELECT is((SELECT changes->'revoked_at'->>1 FROM finsim.apply_action('api_clients', 'd9200000-0000-0000-0000-000000000001', 'revoke_api_client')),
  '2026-02-01T06:00:00Z', 'revoke_api_client reports revoked_at in ISO 8601 UTC whatever the TimeZone');
RESET DateStyle;
RESET TimeZone;
SELECT is((SELECT revoked_at FROM finsim.api_clients WHERE name = 'text-bot'), '2026-02-01 06:00+00'::timestamptz, 'revoked at virtual now');

SELECT * FROM finish();
ROLLBACK;
