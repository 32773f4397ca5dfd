-- Logins across sessions (dblink): a login belongs to its backend only, and the login
-- rate limit is cluster-wide when finsim is preloaded (as in the test cluster).
-- Needs committed rows, so the fixture is written through a dblink session and removed
-- at the end.
BEGIN;
SELECT plan(10);
CREATE EXTENSION IF NOT EXISTS dblink;

SELECT dblink_connect('tap_setup', format('host=%s port=%s dbname=%s user=%s',
       split_part(current_setting('unix_socket_directories'), ',', 1),
       current_setting('port'), current_database(), current_user));
SELECT dblink_exec('tap_setup', $$
  DO $do$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tap_session_agent') THEN
      CREATE ROLE tap_session_agent NOLOGIN IN ROLE finsim_agent;
    END IF;
  END $do$;
  DELETE FROM finsim.cloud_accounts WHERE name = 'tap-sessions';
  INSERT INTO finsim.cloud_accounts (id, name) VALUES ('0c000000-0000-4000-8000-00000000000c', 'tap-sessions');
  INSERT INTO finsim.instances (account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost)
    VALUES ('0c000000-0000-4000-8000-00000000000c', 'i-sessions', 'm5.large', 0.096, 0);
$$);
CREATE TEMP TABLE k AS
  SELECT * FROM dblink('tap_setup', $$
    SELECT * FROM finsim.create_api_client('0c000000-0000-4000-8000-00000000000c', 'sessions', '{read:*}')
    UNION ALL
    SELECT * FROM finsim.create_api_client('0c000000-0000-4000-8000-00000000000c', 'brute', '{read:*}')
  $$) AS t(access_key_id text, secret text);
ALTER TABLE k ADD COLUMN n serial;
GRANT ALL ON ALL TABLES IN SCHEMA pg_temp TO PUBLIC;
GRANT ALL ON ALL SEQUENCES IN SCHEMA pg_temp TO PUBLIC;

-- Two more sessions, both acting as the agent role.
SELECT dblink_connect('s1', format('host=%s port=%s dbname=%s user=%s',
       split_part(current_setting('unix_socket_directories'), ',', 1),
       current_setting('port'), current_database(), current_user));
SELECT dblink_connect('s2', format('host=%s port=%s dbname=%s user=%s',
       split_part(current_setting('unix_socket_directories'), ',', 1),
       current_setting('port'), current_database(), current_user));
SELECT dblink_exec('s1', 'SET ROLE tap_session_agent');
SELECT dblink_exec('s2', 'SET ROLE tap_session_agent');

SELECT is((SELECT a FROM k, dblink('s1', format('SELECT finsim.login(%L, %L)', access_key_id, secret)) AS t(a uuid)
            WHERE n = 1), '0c000000-0000-4000-8000-00000000000c'::uuid, 'session 1 logs in');
SELECT is((SELECT c FROM dblink('s1', 'SELECT count(*) FROM finsim.instances') AS t(c bigint)), 1::bigint,
          'session 1 sees the account''s instance');
SELECT is((SELECT a FROM dblink('s2', 'SELECT finsim.current_account_id()') AS t(a uuid)), NULL::uuid,
          'session 2 is not logged in: logins are per backend');
SELECT is((SELECT c FROM dblink('s2', 'SELECT count(*) FROM finsim.instances') AS t(c bigint)), 0::bigint,
          'session 2 sees no rows');

-- Brute force spread over sessions: 3 failures in s1, 2 in s2 lock the key everywhere.
CREATE FUNCTION pg_temp.remote_login(conn text, key text, secret text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r text;
BEGIN
  SELECT a::text INTO r FROM dblink(conn, format('SELECT finsim.login(%L, %L)', key, secret)) AS t(a uuid);
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLERRM;
END $$;
SELECT is(string_agg(pg_temp.remote_login(CASE WHEN i <= 3 THEN 's1' ELSE 's2' END, access_key_id, 'wrong' || i), ','),
          repeat('invalid access key or secret,', 4) || 'invalid access key or secret',
          'five wrong secrets from two sessions fail')
  FROM k, generate_series(1, 5) i WHERE n = 2;
SELECT is(pg_temp.remote_login('s1', access_key_id, secret), 'invalid access key or secret',
          'the key is locked in session 1 (right secret refused)') FROM k WHERE n = 2;
SET LOCAL ROLE tap_session_agent;
SELECT throws_ok(format('SELECT finsim.login(%L, %L)', access_key_id, secret), '28P01', 'invalid access key or secret',
                 'and in this third session: the lock is cluster-wide') FROM k WHERE n = 2;
RESET ROLE;
SELECT is(pg_temp.remote_login('s2', access_key_id, secret), 'ok',
          'another key of the same account is unaffected') FROM k WHERE n = 1;

SELECT is((SELECT a FROM dblink('s2', 'SELECT finsim.current_account_id()') AS t(a uuid)),
          '0c000000-0000-4000-8000-00000000000c'::uuid, 'session 2 is logged in');
SELECT dblink_exec('s2', 'DISCARD ALL');
SELECT is((SELECT a FROM dblink('s2', 'SELECT finsim.current_account_id()') AS t(a uuid)), NULL::uuid,
          'DISCARD ALL (a pooler''s reset) logs the session out');

SELECT dblink_disconnect('s1');
SELECT dblink_disconnect('s2');
SELECT dblink_exec('tap_setup', $$DELETE FROM finsim.cloud_accounts WHERE name = 'tap-sessions'$$);
SELECT dblink_exec('tap_setup', $$DROP ROLE IF EXISTS tap_session_agent$$);
SELECT dblink_disconnect('tap_setup');

SELECT * FROM finish();
ROLLBACK;
