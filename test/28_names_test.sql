-- Names people read — account names and API key names — hold no control characters
-- (U+0001-U+001F, U+007F-U+009F: newlines, tabs, escape sequences …) and no invisible ones,
-- and are not blank (also of Unicode spaces): create_account and
-- create_api_client refuse them with 22023 and a hint, before writing anything.  (The CHECK
-- constraints behind them, for hand-written rows, are in test/06.)  API key names are not
-- unique: several keys of an account may share one (key rotation), and
-- recommendations.created_by records the name.
BEGIN;
SELECT plan(22);

INSERT INTO finsim.cloud_accounts (id, name) VALUES ('0a280000-0000-4000-8000-00000000000a', 'tap-names');

-- 'SQLSTATE|message|detail|hint' of a statement, or 'ok'.
\ir fixtures/err.sql
CREATE FUNCTION pg_temp.create_account(n text) RETURNS text LANGUAGE sql AS $$
  SELECT pg_temp.err(format('SELECT finsim.create_account(%L, 0)', n))
$$;
CREATE FUNCTION pg_temp.create_key(n text) RETURNS text LANGUAGE sql AS $$
  SELECT pg_temp.err(format($q$SELECT * FROM finsim.create_api_client('0a280000-0000-4000-8000-00000000000a', %L)$q$, n))
$$;
CREATE TEMP TABLE accounts0 AS SELECT count(*) AS n FROM finsim.cloud_accounts;

SELECT is(pg_temp.create_account(E'acme\nprod'),
          '22023|name must not contain control characters|Character 5 is a control character (code 10).|'
          'Account names are shown in lists, logs and the audit trail: use printable characters only (no newlines, tabs, escape sequences or invisible characters), e.g. ''acme-prod''.',
          'create_account: a newline in the name is refused with 22023, where it is and a hint');
SELECT is(split_part(pg_temp.create_account(E'\tacme'), '|', 1), '22023', 'create_account: a tab');
SELECT is(split_part(pg_temp.create_account(E'acme\u001b[31m'), '|', 1), '22023', 'create_account: an escape sequence');
SELECT is(split_part(pg_temp.create_account(E'acme\u007f'), '|', 1), '22023', 'create_account: DEL');
SELECT is(split_part(pg_temp.create_account(E'acme\u0085'), '|', 1), '22023', 'create_account: a C1 control (U+0085, next line)');
SELECT is(pg_temp.create_account(E'acm\u00e9 \u2014 prod'), 'ok', 'create_account: printable non-ASCII characters and spaces are fine');
SELECT is((SELECT count(*) FROM finsim.cloud_accounts), (SELECT n + 1 FROM accounts0), 'the refused calls created nothing');

SELECT is(pg_temp.create_key(E'ci\nagent'),
          '22023|name must not contain control characters|Character 3 is a control character (code 10).|'
          'Key names are shown in lists, logs and recommendations.created_by: use printable characters only (no newlines, tabs, escape sequences or invisible characters), e.g. ''ci-agent''.',
          'create_api_client: a newline in the name is refused with 22023, where it is and a hint');
SELECT is(split_part(pg_temp.create_key(E'ci\ragent'), '|', 1), '22023', 'create_api_client: a carriage return');
SELECT is(split_part(pg_temp.create_key(E'ci-agent\u009b'), '|', 1), '22023', 'create_api_client: a C1 control (U+009B, CSI)');
SELECT is(split_part(pg_temp.create_key(E'\t'), '|', 2), 'name must not be empty', 'create_api_client: a blank name is still "empty"');
SELECT is((SELECT count(*)::int FROM finsim.api_clients WHERE account_id = '0a280000-0000-4000-8000-00000000000a'), 0,
          'the refused calls wrote no key');

-- Key names are labels, not identifiers: two keys may share one (rotation: the new key is
-- issued under the old one's name before the old one is revoked).
SELECT is(pg_temp.create_key('nightly optimizer'), 'ok', 'a key named "nightly optimizer"');
SELECT is(pg_temp.create_key('nightly optimizer'), 'ok', 'a second key with the same name in the same account');
SELECT is((SELECT count(DISTINCT access_key_id)::int FROM finsim.api_clients WHERE name = 'nightly optimizer'), 2,
          'two keys, told apart by their access key ids');
SELECT is(pg_temp.create_key(E'caf\u00e9 bot \u2014 #1'), 'ok', 'create_api_client: printable non-ASCII characters are fine');

-- Invisible characters and blank-looking names (the robustness review): a zero-width space,
-- a right-to-left override or a name of no-break spaces makes names look alike or empty.
SELECT is(pg_temp.create_account(E'acme\u200b'),
          '22023|name must not contain invisible characters|Character 5 is an invisible formatting character (U+200B).|'
          'Account names are shown in lists, logs and the audit trail: use printable characters only (no newlines, tabs, escape sequences or invisible characters), e.g. ''acme-prod''.',
          'create_account: a zero-width space is refused, with where it is');
SELECT is(split_part(pg_temp.create_key(E'ci\u202eagent'), '|', 3), 'Character 3 is an invisible formatting character (U+202E).',
          'create_api_client: a right-to-left override');
SELECT is(split_part(pg_temp.create_account(E'\u00a0\u3000'), '|', 2), 'name must not be blank', 'create_account: only no-break and ideographic spaces');
SELECT is(split_part(pg_temp.create_key(E'\u2003\u00a0'), '|', 2), 'name must not be blank', 'create_api_client: only an em space and a no-break space');
SELECT is(split_part(pg_temp.err($$INSERT INTO finsim.cloud_accounts (name) VALUES (E'acme\u2060prod')$$), '|', 2),
          'new row for relation "cloud_accounts" violates check constraint "cloud_accounts_name_check"',
          'a hand-written account name with a word joiner: 23514');
SELECT is(split_part(pg_temp.err($$INSERT INTO finsim.api_clients (account_id, name, access_key_id, secret_key_hash, scopes)
                                   VALUES ('0a280000-0000-4000-8000-00000000000a', E'\u2003', 'AKIAXXXXXXXXXXXXXXXX', 'x', '[]')$$), '|', 2),
          'new row for relation "api_clients" violates check constraint "api_clients_name_check"',
          'a hand-written key name of one em space: 23514');

SELECT * FROM finish();
ROLLBACK;
