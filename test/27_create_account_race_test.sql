-- Two sessions create an account of the same name at once (dblink; commits, so it cleans up
-- after itself): the second waits for the first, then gets the documented 42710 with its
-- hint, never the unique index's raw 23505 — also when the names differ only in case, and
-- in a REPEATABLE READ transaction, whose snapshot cannot see the first session's account.
SET client_min_messages = warning;
\ir fixtures/dblink.sql
\ir fixtures/blocked.sql
SELECT plan(12);

CREATE FUNCTION pg_temp.cleanup() RETURNS void LANGUAGE sql AS $$
  SELECT finsim.drop_account(id) FROM finsim.cloud_accounts
   WHERE lower(name COLLATE "C") IN ('tap-race', 'tap-race-case', 'tap-race-rr')
$$;
SELECT pg_temp.cleanup();

SELECT dblink_connect('race_s1', :'conn');
SELECT dblink_connect('race_s2', :'conn');
-- In session 2: 'ok' or 'SQLSTATE|message|hint' of a statement.
SELECT dblink_exec('race_s2', $f$
  CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
  DECLARE
    st text; msg text; hnt text;
  BEGIN
    EXECUTE q;
    RETURN 'ok';
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, hnt = PG_EXCEPTION_HINT;
    RETURN concat_ws('|', st, msg, hnt);
  END $$ $f$);
CREATE TEMP TABLE pids AS SELECT (SELECT p FROM dblink('race_s2', 'SELECT pg_backend_pid()') AS t(p int)) AS s2;

-- Session 1 creates an account and holds its transaction open while session 2 creates one of
-- the same name (s2_name, in session 2's transaction mode); then session 1 commits.  The
-- result of session 2.
CREATE FUNCTION pg_temp.race(s1_name text, s2_name text, s2_begin text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  res text;
BEGIN
  PERFORM dblink_exec('race_s1', 'BEGIN');
  PERFORM * FROM dblink('race_s1', format('SELECT finsim.create_account(%L, 0)', s1_name)) AS t(id uuid);
  PERFORM dblink_exec('race_s2', s2_begin);
  PERFORM dblink_send_query('race_s2', format($q$SELECT pg_temp.try(%L)$q$,
                                              format('SELECT finsim.create_account(%L, 0)', s2_name)));
  IF NOT pg_temp.blocked((SELECT s2 FROM pids)) THEN
    res := 'session 2 did not wait';
  END IF;
  PERFORM dblink_exec('race_s1', 'COMMIT');
  SELECT coalesce(res, t.r) INTO res FROM dblink_get_result('race_s2') AS t(r text);
  PERFORM * FROM dblink_get_result('race_s2') AS t(r text);  -- end of the async query
  PERFORM dblink_exec('race_s2', 'COMMIT');
  RETURN res;
END $$;

CREATE TEMP TABLE hint AS SELECT
  'Account names are unique ignoring case: choose another name, or remove the old account with SELECT finsim.drop_account(id).'::text AS h;

SELECT is(pg_temp.race('tap-race', 'tap-race', 'BEGIN'),
          '42710|an account named "tap-race" already exists|' || (SELECT h FROM hint),
          'same name at once: the second session waits, then gets 42710 with the hint');
SELECT is((SELECT count(*)::int FROM finsim.cloud_accounts WHERE name = 'tap-race'), 1, 'one account tap-race');

SELECT is(pg_temp.race('tap-race-case', 'TAP-Race-Case', 'BEGIN'),
          '42710|an account named "tap-race-case" already exists|' || (SELECT h FROM hint),
          'names that differ only in case: 42710 naming the account that exists');
SELECT is((SELECT array_agg(name) FROM finsim.cloud_accounts WHERE lower(name) = 'tap-race-case'),
          '{tap-race-case}'::text[], 'only the first one exists');

SELECT is(pg_temp.race('tap-race-rr', 'tap-race-rr', 'BEGIN ISOLATION LEVEL REPEATABLE READ'),
          '42710|an account named "tap-race-rr" already exists|' || (SELECT h FROM hint),
          'REPEATABLE READ: 42710 too (its snapshot does not show the account; the insert finds it)');
SELECT is((SELECT count(*)::int FROM finsim.cloud_accounts WHERE name = 'tap-race-rr'), 1, 'one account tap-race-rr');

-- Different names do not wait for each other (the lock is per name, folded to lower case).
SELECT dblink_exec('race_s1', 'BEGIN');
SELECT is((SELECT count(*)::int FROM dblink('race_s1', $$SELECT finsim.create_account('tap-race-other-1', 0)$$) AS t(id uuid)),
          1, 'session 1 creates tap-race-other-1 (uncommitted)');
SELECT is((SELECT r FROM dblink('race_s2', $q$SELECT pg_temp.try($$SELECT finsim.create_account('tap-race-other-2', 0)$$)$q$) AS t(r text)),
          'ok', 'session 2 creates tap-race-other-2 meanwhile, without waiting');
SELECT dblink_exec('race_s1', 'ROLLBACK');
SELECT is((SELECT count(*)::int FROM finsim.cloud_accounts WHERE name LIKE 'tap-race-other-%'), 1,
          'session 1 rolled back: only tap-race-other-2 exists');
SELECT finsim.drop_account(id) FROM finsim.cloud_accounts WHERE name LIKE 'tap-race-other-%';

-- No session is left waiting or in a transaction.
SELECT is((SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND NOT granted), 0, 'no advisory lock is awaited');
SELECT is(dblink_is_busy('race_s2'), 0, 'session 2 is idle');
SELECT is((SELECT count(*)::int FROM finsim.cloud_accounts WHERE lower(name COLLATE "C") LIKE 'tap-race%'), 3,
          'three accounts were created in all');

SELECT dblink_disconnect('race_s1');
SELECT dblink_disconnect('race_s2');
SELECT pg_temp.cleanup();
SELECT * FROM finish();
