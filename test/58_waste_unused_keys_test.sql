-- api_key_unused ages a key from its last use, or, when it was never used (last_used_at NULL),
-- from its issue: api_clients.issued_at, a virtual time.  "90+ days" includes exactly 90.
-- issued_at comes from the account's virtual clock: finsim.create_api_client sets it, and an
-- INSERT that leaves it out gets finsim.now(account_id) from the _before_write trigger.
BEGIN;
SELECT plan(22);

-- The clock is far from the wall clock, so a wall-clock issue time could not pass.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time) VALUES
  ('57575757-0000-0000-0000-000000000001', 'unused-keys', '2030-03-01 00:00+00'),
  ('57575757-0000-0000-0000-000000000002', 'unused-keys-ticked', '2030-06-01 00:00+00');

CREATE FUNCTION pg_temp.unused(acct uuid) RETURNS text[] LANGUAGE sql AS $$
  SELECT coalesce(array_agg(resource_name ORDER BY resource_name), '{}')
    FROM finsim.governance_waste(acct) WHERE pattern = 'api_key_unused'
$$;
CREATE FUNCTION pg_temp.evidence(key_name text) RETURNS jsonb LANGUAGE sql AS $$
  SELECT evidence FROM finsim.waste_findings() WHERE pattern = 'api_key_unused' AND resource_name = key_name
$$;

-- ---------------------------------------------------------------- a key written by hand
-- Left out, issued_at is the account's clock; moving the clock ages a never-used key.
INSERT INTO finsim.api_clients (account_id, name, access_key_id, secret_key_hash) VALUES
  ('57575757-0000-0000-0000-000000000001', 'never-by-hand', 'AK57HAND', 'x');
SELECT is(pg_temp.unused('57575757-0000-0000-0000-000000000001'), '{}'::text[], 'a new never-used key is not unused');
UPDATE finsim.cloud_accounts SET virtual_time = virtual_time + interval '89 days' WHERE name = 'unused-keys';
SELECT is(pg_temp.unused('57575757-0000-0000-0000-000000000001'), '{}'::text[],
          'never used, issued 89 virtual days ago: not reported');
UPDATE finsim.cloud_accounts SET virtual_time = virtual_time + interval '1 day' WHERE name = 'unused-keys';
SELECT is(pg_temp.unused('57575757-0000-0000-0000-000000000001'), '{never-by-hand}'::text[],
          'never used, issued exactly 90 virtual days ago: reported');
SELECT is((SELECT issued_at FROM finsim.api_clients WHERE name = 'never-by-hand'), '2030-03-01 00:00+00'::timestamptz,
          'a key inserted without issued_at was issued at the account''s virtual clock of the INSERT');

-- ---------------------------------------------------------------- create_api_client and ticks
SELECT count(*) FROM finsim.drift_tick('57575757-0000-0000-0000-000000000002', 3);
SELECT is(finsim.now('57575757-0000-0000-0000-000000000002'), '2030-06-04 00:00+00'::timestamptz, 'three ticks later');
CREATE TEMP TABLE made AS
  SELECT access_key_id FROM finsim.create_api_client('57575757-0000-0000-0000-000000000002', 'made-after-ticks', '{read:*,act:*}');
SELECT is((SELECT last_used_at FROM finsim.api_clients JOIN made USING (access_key_id)), NULL::timestamptz,
          'a new key is not used yet');
SELECT count(*) FROM finsim.drift_tick('57575757-0000-0000-0000-000000000002', 89);
SELECT is(pg_temp.unused('57575757-0000-0000-0000-000000000002'), '{}'::text[],
          'never used, 89 ticks after create_api_client: not reported');
SELECT count(*) FROM finsim.drift_tick('57575757-0000-0000-0000-000000000002', 1);
SELECT is(pg_temp.unused('57575757-0000-0000-0000-000000000002'), '{made-after-ticks}'::text[],
          'never used, 90 ticks after create_api_client: reported');
SELECT is((pg_temp.evidence('made-after-ticks')->>'never_used')::boolean, true, '... as never used');
SELECT is((SELECT issued_at FROM finsim.api_clients JOIN made USING (access_key_id)), '2030-06-04 00:00+00'::timestamptz,
          'create_api_client issued the key at the account''s virtual clock (after the first ticks)');
SELECT is((pg_temp.evidence('made-after-ticks')->>'issued_at')::timestamptz, '2030-06-04 00:00+00'::timestamptz,
          '... and its evidence gives that issue time');

-- ---------------------------------------------------------------- the boundary, key by key
-- The clock is now 2030-05-30; 90 days before is 2030-03-01 00:00.
DELETE FROM finsim.api_clients WHERE name = 'never-by-hand';
INSERT INTO finsim.api_clients (account_id, name, access_key_id, secret_key_hash, issued_at, last_used_at, revoked_at) VALUES
  ('57575757-0000-0000-0000-000000000001', 'never-90d', 'AK57N90', 'x', '2030-03-01 00:00+00', NULL, NULL),
  ('57575757-0000-0000-0000-000000000001', 'never-90d-less-1s', 'AK57N90S', 'x', '2030-03-01 00:00:01+00', NULL, NULL),
  ('57575757-0000-0000-0000-000000000001', 'never-89d', 'AK57N89', 'x', '2030-03-02 00:00+00', NULL, NULL),
  ('57575757-0000-0000-0000-000000000001', 'never-old-revoked', 'AK57NREV', 'x', '2029-01-01 00:00+00', NULL, '2029-02-01 00:00+00'),
  -- Used keys are aged from their last use, whenever they were issued.
  ('57575757-0000-0000-0000-000000000001', 'used-90d', 'AK57U90', 'x', '2030-01-01 00:00+00', '2030-03-01 00:00+00', NULL),
  ('57575757-0000-0000-0000-000000000001', 'used-89d-issued-old', 'AK57U89', 'x', '2028-01-01 00:00+00', '2030-03-02 00:00+00', NULL),
  ('57575757-0000-0000-0000-000000000001', 'used-recently-issued-old', 'AK57UNEW', 'x', '2028-01-01 00:00+00', '2030-05-29 00:00+00', NULL);
SELECT is(pg_temp.unused('57575757-0000-0000-0000-000000000001'), '{never-90d,used-90d}'::text[],
          'reported: never used and issued 90 days ago, last used 90 days ago; not: 1 s under, 89 days, revoked, used since');
SELECT is(pg_temp.evidence('never-90d') - 'threshold',
          jsonb_build_object('access_key_id', 'AK57N90', 'never_used', true, 'last_used_at', NULL,
                             'issued_at', '2030-03-01 00:00+00'::timestamptz,
                             'unused_since', '2030-03-01 00:00+00'::timestamptz),
          'a never-used key''s evidence says so, with its issue time');
SELECT is(pg_temp.evidence('used-90d') - 'threshold',
          jsonb_build_object('access_key_id', 'AK57U90', 'never_used', false,
                             'last_used_at', '2030-03-01 00:00+00'::timestamptz,
                             'issued_at', '2030-01-01 00:00+00'::timestamptz,
                             'unused_since', '2030-03-01 00:00+00'::timestamptz),
          'a used key''s evidence gives its last use');
SELECT is(pg_temp.evidence('never-90d')->'threshold', '{"unused_days": 90}'::jsonb, 'evidence carries the threshold');
SELECT row_eq($$SELECT severity, est_monthly_savings, recommended_action, action_params
                 FROM finsim.waste_findings() WHERE pattern = 'api_key_unused' AND resource_name = 'never-90d'$$,
              ROW('high'::text, 0::numeric, 'revoke_api_client'::text, '{}'::jsonb),
              'a never-used key: high severity, revoke_api_client {}');
-- Its first use makes it a used key: aged from then on.
UPDATE finsim.api_clients SET last_used_at = '2030-05-01 00:00+00' WHERE name = 'never-90d';
SELECT is(pg_temp.unused('57575757-0000-0000-0000-000000000001'), '{used-90d}'::text[],
          'a never-used key used since is no longer reported');

-- ---------------------------------------------------------------- the column
SELECT throws_ok($$UPDATE finsim.api_clients SET issued_at = NULL WHERE name = 'never-89d'$$, '23502', NULL,
                 'issued_at is NOT NULL');
SELECT ok(has_column_privilege('finsim_agent', 'finsim.api_clients', 'issued_at', 'SELECT'),
          'agents read issued_at (their waste findings need it)');
SELECT ok(NOT has_column_privilege('finsim_agent', 'finsim.api_clients', 'secret_key_hash', 'SELECT'),
          'agents still cannot read secret_key_hash');
SELECT ok(col_description('finsim.api_clients'::regclass,
                          (SELECT attnum FROM pg_attribute WHERE attrelid = 'finsim.api_clients'::regclass AND attname = 'issued_at'))
            LIKE 'Virtual time the key was issued%', 'issued_at is commented');
SELECT ok((SELECT description LIKE '%never used%' AND description LIKE '%issued_at%'
             FROM finsim.patterns() WHERE code = 'api_key_unused'),
          'patterns() says a never-used key is aged from issued_at');

SELECT * FROM finish();
ROLLBACK;
