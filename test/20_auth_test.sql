-- API keys, login, logout, the generic login error, rate limiting and scopes.
BEGIN;
SELECT plan(77);

-- pgTAP's bookkeeping tables must be writable by the roles the test switches to.
GRANT ALL ON ALL TABLES IN SCHEMA pg_temp TO PUBLIC;
GRANT ALL ON ALL SEQUENCES IN SCHEMA pg_temp TO PUBLIC;

CREATE ROLE tap_agent NOLOGIN IN ROLE finsim_agent;
CREATE ROLE tap_admin NOLOGIN IN ROLE finsim_admin;
CREATE ROLE tap_nobody NOLOGIN;
CREATE ROLE tap_sneaky NOLOGIN IN ROLE finsim_agent;
GRANT EXECUTE ON FUNCTION finsim.create_api_client(uuid, text, text[]) TO tap_sneaky;
GRANT EXECUTE ON FUNCTION finsim._check_scope(text) TO tap_agent, tap_admin;
-- The tables finsim.may_act lets the session act on (every table a scope can name).
CREATE FUNCTION pg_temp.may_act_tables() RETURNS text[] LANGUAGE sql AS $$
  SELECT coalesce(array_agg(t ORDER BY t), '{}') FROM (SELECT finsim.api_scope_tables() UNION SELECT 'api_clients') s(t)
   WHERE finsim.may_act(t)
$$;

-- The virtual clock is far from the wall clock, so last_used_at shows which one was used.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
  VALUES ('0a000000-0000-4000-8000-00000000000a', 'tap-auth-a', '2031-03-04 00:00+00');

-- Keys used below (each created once: the secret is shown only here).
CREATE TEMP TABLE k (label text PRIMARY KEY, access_key_id text, secret text);
INSERT INTO k SELECT 'read', * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'reader');
INSERT INTO k SELECT 'act', * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'actor', '{read:*,act:*}');
INSERT INTO k SELECT 'inst', * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'ec2 only', '{act:instances,act:instances}');
INSERT INTO k SELECT 'revoked', * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'old');
INSERT INTO k SELECT 'lock', * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'brute-forced');
INSERT INTO k SELECT 'four', * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'four failures');
UPDATE finsim.api_clients SET revoked_at = now()
 WHERE access_key_id = (SELECT access_key_id FROM k WHERE label = 'revoked');
GRANT SELECT ON k TO PUBLIC;

-- 'SQLSTATE|message|detail|hint' of finsim.login(key, secret), or 'ok <account>'.
CREATE FUNCTION pg_temp.login_error(key text, secret text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  st text; msg text; det text; hnt text; acc uuid;
BEGIN
  acc := finsim.login(key, secret);
  RETURN 'ok ' || acc;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
                          hnt = PG_EXCEPTION_HINT;
  RETURN concat_ws('|', st, msg, det, hnt);
END $$;

-- 'SQLSTATE|message|detail|hint' of any statement.
\ir fixtures/err.sql

-------------------------------------------------------------------------------------------
-- create_api_client: shapes, storage, validation.
SELECT ok((SELECT bool_and(access_key_id ~ '^AKIA[A-Z2-7]{16}$') FROM k),
          'access_key_id looks like an AWS key: AKIA + 16 base32 characters');
SELECT ok((SELECT bool_and(secret ~ '^[A-Za-z0-9+/]{40}$') FROM k), 'secret is 40 characters');
SELECT is((SELECT count(DISTINCT access_key_id)::int FROM k), 6, 'every key id is different');
SELECT ok((SELECT bool_and(c.secret_key_hash ~ '^pbkdf2-sha256\$[0-9]+\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$')
             FROM finsim.api_clients c JOIN k USING (access_key_id)),
          'secret_key_hash has the form pbkdf2-sha256$<iter>$<salt b64>$<hash b64>');
SELECT ok((SELECT bool_and(split_part(c.secret_key_hash, '$', 2)::int >= 100000)
             FROM finsim.api_clients c JOIN k USING (access_key_id)), 'PBKDF2 uses at least 100,000 iterations');
SELECT ok((SELECT bool_and(length(decode(split_part(c.secret_key_hash, '$', 3), 'base64')) = 16
                       AND length(decode(split_part(c.secret_key_hash, '$', 4), 'base64')) = 32)
             FROM finsim.api_clients c JOIN k USING (access_key_id)),
          'the salt is 16 bytes and the hash 32 bytes (SHA-256)');
SELECT is((SELECT count(DISTINCT split_part(c.secret_key_hash, '$', 3))::int
             FROM finsim.api_clients c JOIN k USING (access_key_id)), 6, 'every key has its own salt');
SELECT is((SELECT count(*)::int FROM finsim.api_clients c JOIN k USING (access_key_id)
            WHERE strpos(to_jsonb(c)::text, k.secret) > 0
               OR strpos(to_jsonb(c)::text, encode(convert_to(k.secret, 'UTF8'), 'base64')) > 0
               OR strpos(to_jsonb(c)::text, encode(convert_to(k.secret, 'UTF8'), 'hex')) > 0),
          0, 'the secret is not stored anywhere in api_clients (plain, base64 or hex)');
SELECT is((SELECT c.scopes FROM finsim.api_clients c JOIN k USING (access_key_id) WHERE k.label = 'read'),
          '["read:*"]'::jsonb, 'default scopes are {read:*}');
SELECT is((SELECT c.scopes FROM finsim.api_clients c JOIN k USING (access_key_id) WHERE k.label = 'inst'),
          '["act:instances"]'::jsonb, 'scopes are stored as a JSON array, duplicates removed');
SELECT is((SELECT c.last_used_at FROM finsim.api_clients c JOIN k USING (access_key_id) WHERE k.label = 'act'),
          NULL::timestamptz, 'a new key has not been used');

SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x', '{write:*}')$$,
                 '22023', 'invalid scope "write:*"', 'unknown scope kind is refused with 22023');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x', '{act:no_such_table}')$$,
                 '22023', 'invalid scope "act:no_such_table"', 'act:<unknown table> is refused');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x', '{act:api_clients}')$$,
                 '22023', 'invalid scope "act:api_clients"', 'act: on a non-resource table is refused');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x', '{read:instances}')$$,
                 '22023', 'invalid scope "read:instances"', 'read:<table> is not a scope (read:* only)');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x', '{}')$$,
                 '22023', 'scopes must not be empty', 'an empty scope list is refused');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x', '{read:*,NULL}')$$,
                 '22023', 'scopes must not contain NULL', 'a NULL scope is refused');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x', NULL)$$,
                 '22004', 'scopes must not be NULL', 'NULL scopes are refused');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0b000000-0000-4000-8000-00000000000b', 'x')$$,
                 '22023', 'account 0b000000-0000-4000-8000-00000000000b does not exist', 'unknown account is refused');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', '  ')$$,
                 '22023', 'name must not be empty', 'blank name is refused');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', NULL)$$,
                 '22004', NULL, 'NULL name is refused');
SELECT throws_ok($$SELECT * FROM finsim.create_api_client(NULL, 'x')$$,
                 '22004', 'account_id must not be NULL', 'NULL account is refused');
SELECT is((SELECT count(*)::int FROM finsim.api_clients), 6, 'refused calls wrote no key');

-- A search_path hijack does not reach into create_api_client (it pins its search_path).
CREATE SCHEMA tap_evil;
CREATE FUNCTION tap_evil.unnest(text[]) RETURNS SETOF text LANGUAGE sql AS $$ SELECT 'act:*' $$;
CREATE FUNCTION tap_evil.jsonb_array_elements_text(jsonb) RETURNS SETOF text LANGUAGE sql AS $$ SELECT 'act:*' $$;
SET LOCAL search_path = tap_evil, pg_catalog, public;
SELECT count(*) FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'hijack');
SELECT is((SELECT c.scopes FROM finsim.api_clients c WHERE c.name = 'hijack'),
          '["read:*"]'::jsonb, 'a caller''s search_path cannot swap the functions create_api_client uses');
RESET search_path;
DELETE FROM finsim.api_clients WHERE name = 'hijack';

SET ROLE tap_agent;
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x')$$,
                 '42501', NULL, 'an agent cannot create keys');
SET ROLE tap_sneaky;
SELECT throws_ok($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x')$$,
                 '42501', 'finsim.create_api_client requires the finsim_admin role',
                 'even with EXECUTE granted, a non-admin cannot create keys');
SELECT alike(pg_temp.err($$SELECT * FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'x')$$),
            '42501|%grant finsim_admin%', 'the refusal hints to grant finsim_admin');
SET ROLE tap_admin;
SELECT is((SELECT count(*)::int FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'by admin role')),
          1, 'a member of finsim_admin creates keys');
RESET ROLE;

-------------------------------------------------------------------------------------------
-- login / logout.
SET ROLE tap_agent;
SELECT is(finsim.current_account_id(), NULL::uuid, 'no account before login');
SELECT is(pg_temp.login_error(access_key_id, secret), 'ok 0a000000-0000-4000-8000-00000000000a',
          'login with the right secret returns the account') FROM k WHERE label = 'read';
SELECT is(finsim.current_account_id(), '0a000000-0000-4000-8000-00000000000a'::uuid,
          'current_account_id() is the key''s account after login');
SELECT is((SELECT last_used_at FROM finsim.api_clients a JOIN k USING (access_key_id) WHERE k.label = 'read'),
          '2031-03-04 00:00+00'::timestamptz, 'last_used_at is the account''s virtual time');
SELECT is((SELECT last_used_at FROM finsim.api_clients a JOIN k USING (access_key_id) WHERE k.label = 'act'),
          NULL::timestamptz, 'other keys keep last_used_at NULL');

SELECT is(pg_temp.login_error(access_key_id, 'wrong' || substr(secret, 6)), '28P01|invalid access key or secret||',
          'wrong secret: 28P01, generic message, no detail or hint') FROM k WHERE label = 'act';
SELECT is(finsim.current_account_id(), NULL::uuid, 'a failed login logs the session out');
SELECT is(pg_temp.login_error('AKIAAAAAAAAAAAAAAAAA', 'x' || repeat('y', 39)), '28P01|invalid access key or secret||',
          'unknown key: the same error');
SELECT is(pg_temp.login_error(access_key_id, secret), '28P01|invalid access key or secret||',
          'revoked key with the right secret: the same error') FROM k WHERE label = 'revoked';
SELECT is(pg_temp.login_error(NULL, NULL), '28P01|invalid access key or secret||', 'NULL key and secret: the same error');
SELECT is(pg_temp.login_error(access_key_id, ''), '28P01|invalid access key or secret||',
          'empty secret: the same error') FROM k WHERE label = 'act';
SELECT is(pg_temp.login_error(lower(access_key_id), secret), '28P01|invalid access key or secret||',
          'key ids are case-sensitive: the same error') FROM k WHERE label = 'act';
SELECT throws_ok(format('SELECT finsim.login(%L, %L)', access_key_id, 'nope'), '28P01', 'invalid access key or secret',
                 'throws_ok sees 28P01 "invalid access key or secret"') FROM k WHERE label = 'act';

-- Scopes, through the C++ helper other areas use (auth::require_scope).
SELECT throws_ok($$SELECT finsim._check_scope('instances')$$, '42501', NULL,
                 'not logged in: acting is refused');
SELECT is(pg_temp.err($$SELECT finsim._check_scope('instances')$$),
          '42501|not logged in: agents act only after finsim.login()||call finsim.login(access_key_id, secret) first',
          'not logged in: the hint says to call finsim.login first');
-- finsim.may_act: the same decision as a boolean, for agents to ask before acting.
SELECT is(pg_temp.may_act_tables(), '{}'::text[], 'may_act: an agent that has not logged in may act on nothing');
SELECT is(pg_temp.login_error(access_key_id, secret), 'ok 0a000000-0000-4000-8000-00000000000a', 'login with read key')
  FROM k WHERE label = 'read';
SELECT throws_ok($$SELECT finsim._check_scope('instances')$$, '42501', 'api key lacks scope act:instances',
                 'a read:* key cannot act');
SELECT is(pg_temp.may_act_tables(), '{}'::text[], 'may_act: a read:* key may act on nothing');
SELECT is(pg_temp.login_error(access_key_id, secret), 'ok 0a000000-0000-4000-8000-00000000000a', 'login with act:instances key')
  FROM k WHERE label = 'inst';
SELECT ok(finsim._check_scope('instances'), 'act:instances may act on instances');
SELECT throws_ok($$SELECT finsim._check_scope('volumes')$$, '42501', 'api key lacks scope act:volumes',
                 'act:instances may not act on volumes');
SELECT is(pg_temp.may_act_tables(), '{instances}'::text[], 'may_act: an act:instances key may act on instances only');
SELECT is(pg_temp.login_error(access_key_id, secret), 'ok 0a000000-0000-4000-8000-00000000000a', 'login with act:* key')
  FROM k WHERE label = 'act';
SELECT ok(finsim._check_scope('volumes') AND finsim._check_scope('instances'), 'act:* may act on any table');
SELECT is(pg_temp.may_act_tables(), (SELECT array_agg(t ORDER BY t) FROM (SELECT finsim.api_scope_tables() UNION SELECT 'api_clients') s(t)),
          'may_act: an act:* key may act on every table, api_clients included');
SELECT throws_ok($$SELECT finsim.may_act(NULL)$$, '22004', NULL, 'may_act(NULL): 22004');

SELECT finsim.logout();
SELECT is(finsim.current_account_id(), NULL::uuid, 'logout ends the login');

-- Rate limit: the 5th failure within 60 s locks the key; then even the right secret fails.
SELECT is(string_agg(pg_temp.login_error(access_key_id, 'bad' || i), ','),
          '28P01|invalid access key or secret||,28P01|invalid access key or secret||,28P01|invalid access key or secret||,28P01|invalid access key or secret||,28P01|invalid access key or secret||',
          'five wrong secrets fail alike') FROM k, generate_series(1, 5) i WHERE label = 'lock';
SELECT is(pg_temp.login_error(access_key_id, secret), '28P01|invalid access key or secret||',
          'locked key: the right secret fails with the same generic error') FROM k WHERE label = 'lock';
SELECT is(finsim.current_account_id(), NULL::uuid, 'locked key: no login');
-- Four failures do not lock, and a success forgets them.
SELECT is(string_agg(pg_temp.login_error(access_key_id, 'bad' || i), ',') IS NOT NULL, true,
          'four wrong secrets') FROM k, generate_series(1, 4) i WHERE label = 'four';
SELECT is(pg_temp.login_error(access_key_id, secret), 'ok 0a000000-0000-4000-8000-00000000000a',
          'after four failures the right secret still logs in') FROM k WHERE label = 'four';
SELECT is(string_agg(pg_temp.login_error(access_key_id, 'bad' || i), ',') IS NOT NULL, true,
          'four more wrong secrets') FROM k, generate_series(1, 4) i WHERE label = 'four';
SELECT is(pg_temp.login_error(access_key_id, secret), 'ok 0a000000-0000-4000-8000-00000000000a',
          'a success reset the failure count') FROM k WHERE label = 'four';
RESET ROLE;
SELECT is(finsim._auth_rate_limit_mode(), 'shared', 'preloaded: the failure counters are in shared memory');

-- Who may log in.
SET ROLE tap_nobody;
SELECT throws_ok($$SELECT finsim.login('AKIAAAAAAAAAAAAAAAAA', 'x')$$, '42501', NULL,
                 'a role that is neither agent nor admin cannot call login');
SET ROLE tap_admin;
SELECT finsim.logout();  -- the last login above (key 'four') ends
SELECT ok(finsim.may_act('instances'), 'may_act: an admin that has not logged in may act');
SELECT is(pg_temp.login_error(access_key_id, secret), 'ok 0a000000-0000-4000-8000-00000000000a',
          'an admin logged in with a read:* key') FROM k WHERE label = 'read';
SELECT is(finsim.may_act('instances'), false, 'may_act: an admin logged in is held to its key');
SELECT is(pg_temp.login_error(access_key_id, secret), 'ok 0a000000-0000-4000-8000-00000000000a',
          'an admin may log in too') FROM k WHERE label = 'act';
SELECT ok(finsim._check_scope('instances'), 'admins pass scope checks');
SELECT finsim.logout();
RESET ROLE;

-- Inside a SECURITY DEFINER function owned by a superuser, the checks still judge the
-- caller (the outer role), not the function's owner.
CREATE FUNCTION pg_temp.definer_scope(t text) RETURNS boolean
  LANGUAGE sql SECURITY DEFINER AS $$ SELECT finsim._check_scope(t) $$;
CREATE FUNCTION pg_temp.definer_is_admin() RETURNS boolean
  LANGUAGE sql SECURITY DEFINER AS $$ SELECT finsim._is_admin() $$;
SELECT ok(finsim._is_admin(), 'the superuser running the test is an admin');
SET ROLE tap_agent;
SELECT is(pg_temp.definer_is_admin(), false, 'finsim._is_admin() is false for an agent inside a superuser''s SECURITY DEFINER function');
SELECT throws_ok($$SELECT pg_temp.definer_scope('instances')$$, '42501',
                 'not logged in: agents act only after finsim.login()',
                 'inside a superuser''s SECURITY DEFINER function an agent is still an agent');
SET ROLE tap_admin;
SELECT ok(pg_temp.definer_scope('instances'), 'inside it an admin is still an admin');
SELECT ok(pg_temp.definer_is_admin(), 'finsim._is_admin() is true for an admin role');
RESET ROLE;

UPDATE finsim.api_clients SET last_used_at = NULL;
-- An over-long secret is refused with the same error (and is not hashed: no hang).
SET ROLE tap_agent;
SELECT is(pg_temp.login_error(access_key_id, repeat(secret, 50000)), '28P01|invalid access key or secret||',
          'a 2 MB secret: the same generic error') FROM k WHERE label = 'read';
-- In a read-only transaction login works (last_used_at is not written).
SET LOCAL transaction_read_only = on;
SELECT is(pg_temp.login_error(access_key_id, secret), 'ok 0a000000-0000-4000-8000-00000000000a',
          'login works in a read-only transaction') FROM k WHERE label = 'read';
SELECT finsim.logout();
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
