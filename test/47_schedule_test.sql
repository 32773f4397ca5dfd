-- schedule_drift() where pg_cron lives in another database (cron.database_name =
-- contrib_regression): the job is created there with cron.schedule_in_database, through a
-- background worker, and a real cron run advances the clock here.  Also: privileges, and
-- the one-job-per-role rule of pg_cron.
-- The scheduling database is a fresh one (finsim_cron47, driven through dblink), so that
-- the cron run ticks no other test's accounts; everything committed is removed at the end.
BEGIN;
SELECT plan(24);
\ir fixtures/dblink.sql
SELECT is((SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'), 0::bigint,
          'pg_cron is not installed in this database');

SELECT dblink_exec(pg_temp.conn('postgres'), 'DROP DATABASE IF EXISTS finsim_cron47 WITH (FORCE)');
SELECT dblink_exec(pg_temp.conn('postgres'), 'CREATE DATABASE finsim_cron47');
SELECT dblink_connect('c47', pg_temp.conn('finsim_cron47'));
SELECT dblink_connect('cron', pg_temp.conn(current_setting('cron.database_name')));
SELECT dblink_exec('c47', $$
  CREATE EXTENSION finsim CASCADE;
  INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed)
    VALUES ('47470000-0000-0000-0000-000000000047', 'cron-47', '2026-01-05 00:00+00', 47);
  DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ops47') THEN
      CREATE ROLE ops47 NOLOGIN IN ROLE finsim_admin;   -- an admin, not a superuser
    END IF;
  END $do$;
  SET ROLE ops47;
$$);
CREATE TEMP TABLE job AS
  SELECT j FROM dblink('c47', $$SELECT finsim.schedule_drift('* * * * *')$$) AS t(j bigint);
SELECT ok((SELECT j FROM job) > 0, 'an admin (not a superuser) schedules from a database without pg_cron');
SELECT results_eq(
  $$SELECT * FROM dblink('cron', 'SELECT jobid, jobname::text, schedule, command, database, username, active
                                    FROM cron.job WHERE jobname = ''finsim-drift''')
      AS t(jobid bigint, jobname text, schedule text, command text, database text, username text, active boolean)$$,
  $$SELECT (SELECT j FROM job), 'finsim-drift', '* * * * *', 'SELECT finsim.drift_tick()', 'finsim_cron47',
           (SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'finsim'), true$$,
  'the job lives in pg_cron''s database, runs drift_tick in the scheduling database, as the extension''s owner');
SELECT is((SELECT j FROM dblink('c47', $$SELECT finsim.schedule_drift('*/2 * * * *')$$) AS t(j bigint)),
          (SELECT j FROM job), 're-scheduling replaces the job (same id)');
SELECT is((SELECT s FROM dblink('cron', 'SELECT schedule FROM cron.job WHERE jobname = ''finsim-drift''') AS t(s text)),
          '*/2 * * * *', '... with the new schedule');
SELECT throws_ok($$SELECT * FROM dblink('c47', 'SELECT finsim.schedule_drift(''not a schedule'')') AS t(j bigint)$$,
                 '22023', NULL, 'pg_cron''s refusal of a bad schedule comes back with its SQLSTATE');
SELECT throws_ok($$SELECT * FROM dblink('c47', 'START TRANSACTION READ ONLY; SELECT finsim.schedule_drift()') AS t(j bigint)$$,
                 '25006', NULL, 'a read-only transaction cannot schedule (the worker would write for it)');
SELECT dblink_exec('c47', 'ROLLBACK');
SELECT dblink_exec('c47', 'SET ROLE ops47');

-- A caller cancelled while it waits (pg_cron's table locked, so its worker waits) stops its
-- worker: nothing is scheduled behind its back, and no worker is left behind.
SELECT j FROM dblink('c47', 'SELECT finsim.unschedule_drift()::int') AS t(j int);
SELECT pid AS c47_pid FROM dblink('c47', 'SELECT pg_backend_pid()') AS t(pid int) \gset
SELECT dblink_exec('cron', 'BEGIN');
SELECT dblink_exec('cron', 'LOCK TABLE cron.job IN ACCESS EXCLUSIVE MODE');
SELECT dblink_send_query('c47', $$SELECT finsim.schedule_drift('5 * * * *')$$);
CREATE FUNCTION pg_temp.worker_waits() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  FOR i IN 1..100 LOOP
    PERFORM pg_stat_clear_snapshot();  -- activity is otherwise read once per transaction
    IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'finsim' AND wait_event_type = 'Lock') THEN
      RETURN true;
    END IF;
    PERFORM pg_sleep(0.1);
  END LOOP;
  RETURN false;
END $$;
SELECT ok(pg_temp.worker_waits(), 'the call''s worker waits for pg_cron''s table');
SELECT pg_cancel_backend(:c47_pid);
SELECT count(*) FROM dblink_get_result('c47', false) AS t(j bigint);
SELECT ok(dblink_error_message('c47') LIKE '%canceling statement due to user request%',
          'the caller is cancelled');
SELECT count(*) FROM dblink_get_result('c47', false) AS t(j bigint);
SELECT dblink_exec('cron', 'ROLLBACK');
SELECT pg_sleep(1);
SELECT pg_stat_clear_snapshot();
SELECT is((SELECT n FROM dblink('cron', 'SELECT count(*) FROM cron.job WHERE jobname = ''finsim-drift''') AS t(n bigint)),
          0::bigint, 'the cancelled call scheduled nothing');
SELECT is((SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'finsim'), 0::bigint,
          'and left no worker running');
CREATE TEMP TABLE job2 AS
  SELECT j FROM dblink('c47', $$SELECT finsim.schedule_drift('*/2 * * * *')$$) AS t(j bigint);
UPDATE job SET j = (SELECT j FROM job2);

-- pg_cron names jobs per role: this database cannot take the job over silently.
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
  EXECUTE q;
  RETURN NULL;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
  RETURN h;
END $$;
SELECT throws_ok($$SELECT finsim.schedule_drift()$$, '55000', NULL,
                 'a second database is refused while the first holds the job');
SELECT matches(pg_temp.hint_of('SELECT finsim.schedule_drift()'),
          '^Run SELECT finsim\.unschedule_drift\(\); in database "finsim_cron47" first\. If finsim is no longer installed there, remove the job by hand: SELECT cron\.unschedule\(''finsim-drift''\); as role "postgres" in database "contrib_regression"\.$',
          'the hint names the database holding the job, and the way out if finsim is gone there');
SELECT is(finsim.unschedule_drift(), false, 'unschedule_drift here removes nothing of the other database');

-- A real cron run (every minute) advances the clock of the scheduling database.
SELECT j FROM dblink('c47', $$SELECT finsim.schedule_drift('* * * * *')$$) AS t(j bigint);
CREATE FUNCTION pg_temp.wait_for(conn text, q text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  FOR i IN 1..140 LOOP
    IF (SELECT b FROM dblink(conn, q) AS t(b boolean)) THEN
      RETURN true;
    END IF;
    PERFORM pg_sleep(0.5);
  END LOOP;
  RETURN false;
END $$;
SELECT ok(pg_temp.wait_for('c47', $$SELECT virtual_time > '2026-01-05 00:00+00' FROM finsim.cloud_accounts$$),
          'a cron run advanced the account''s clock (within 70 s)');
SELECT ok(pg_temp.wait_for('cron', format($$SELECT coalesce(bool_or(status = 'succeeded'), false)
                                              FROM cron.job_run_details WHERE jobid = %s$$, (SELECT j FROM job))),
          'pg_cron recorded the run as succeeded');
SELECT is((SELECT r FROM dblink('c47', 'SELECT finsim.unschedule_drift()') AS t(r boolean)), true,
          'the admin unschedules it');
SELECT is((SELECT n FROM dblink('cron', 'SELECT count(*) FROM cron.job WHERE jobname = ''finsim-drift''') AS t(n bigint)),
          0::bigint, 'the job is gone from pg_cron''s database');
SELECT is((SELECT r FROM dblink('c47', 'SELECT finsim.unschedule_drift()') AS t(r boolean)), false,
          'unscheduling again returns false');
SELECT is((SELECT v FROM dblink('c47', $$SELECT (virtual_time - '2026-01-05 00:00+00') = ticks * interval '1 day'
                                          FROM finsim.cloud_accounts$$) AS t(v boolean)), true,
          'one virtual day per cron run');

-- A job whose database was dropped is taken over (yearly: it never runs during the test).
SELECT j FROM dblink('c47', $$SELECT finsim.schedule_drift('0 0 1 1 *')$$) AS t(j bigint);
SELECT dblink_exec('c47', 'RESET ROLE');
SELECT dblink_disconnect('c47');
SELECT dblink_disconnect('cron');
SELECT dblink_exec(pg_temp.conn('postgres'), 'DROP DATABASE finsim_cron47 WITH (FORCE)');
SELECT lives_ok($$SELECT finsim.schedule_drift('0 0 1 1 *')$$,
                'the job of a dropped database no longer blocks scheduling here');
SELECT is(finsim.unschedule_drift(), true, '... it moved here');
SELECT dblink_exec(pg_temp.conn('postgres'), 'DROP ROLE ops47');

-- Privileges: only admins, even with EXECUTE granted.
CREATE ROLE drift47_nobody;
GRANT USAGE ON SCHEMA finsim TO drift47_nobody;
GRANT EXECUTE ON FUNCTION finsim.schedule_drift(text) TO drift47_nobody;
SET LOCAL ROLE drift47_nobody;
SELECT throws_ok($$SELECT finsim.schedule_drift()$$, '42501', NULL, 'only admins schedule the drift engine');
SELECT throws_ok($$SELECT finsim._cron_job('schedule', '* * * * *')$$, '42501', NULL,
                 'the internal pg_cron call is not executable by others');
RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
