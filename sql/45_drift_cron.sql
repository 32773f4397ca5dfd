-- finsim.schedule_drift() with a real pg_cron (this database is cron.database_name).
-- A real cron run advances the clock; then the job is removed.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed)
  VALUES ('45450000-0000-0000-0000-000000000045', 'drift-cron', '2026-01-05 00:00+00', 45);

-- Bad input.
SELECT finsim.schedule_drift(NULL);
SELECT finsim.schedule_drift('  ');

-- pg_cron 1.4 schedules by the minute.
SELECT finsim.schedule_drift('* * * * *') > 0 AS scheduled;
SELECT jobname, schedule, command, database = current_database() AS here, active
  FROM cron.job WHERE jobname = 'finsim-drift';
-- Re-scheduling replaces the job (named jobs upsert).
SELECT finsim.schedule_drift('* * * * *') = (SELECT jobid FROM cron.job WHERE jobname = 'finsim-drift') AS same_job;
SELECT count(*) AS jobs FROM cron.job WHERE jobname = 'finsim-drift';

-- Wait (at most 70 s) for a cron run to advance the account's clock.
CREATE FUNCTION pg_temp.wait_for_tick(a uuid) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  FOR i IN 1..140 LOOP
    IF (SELECT virtual_time FROM finsim.cloud_accounts WHERE id = a) > '2026-01-05 00:00+00' THEN
      RETURN true;
    END IF;
    PERFORM pg_sleep(0.5);
  END LOOP;
  RETURN false;
END $$;
SELECT pg_temp.wait_for_tick('45450000-0000-0000-0000-000000000045') AS clock_advanced_by_cron;
SELECT finsim.unschedule_drift() AS removed;
SELECT count(*) AS jobs FROM cron.job WHERE jobname = 'finsim-drift';
SELECT finsim.unschedule_drift() AS removed_again;
-- An admin who is not a superuser manages the job too; it runs as the extension's owner.
CREATE ROLE drift45_ops NOLOGIN IN ROLE finsim_admin;
SET ROLE drift45_ops;
SELECT finsim.schedule_drift('*/10 * * * *') AS ops_job \gset
RESET ROLE;
SELECT jobid = :ops_job AS same_id, schedule, command,
       username = (SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'finsim') AS runs_as_owner
  FROM cron.job WHERE jobname = 'finsim-drift';
SET ROLE drift45_ops;
SELECT finsim.unschedule_drift() AS removed_by_admin;
RESET ROLE;
SELECT count(*) AS jobs FROM cron.job WHERE jobname = 'finsim-drift';
DROP ROLE drift45_ops;
SELECT (virtual_time - '2026-01-05 00:00+00') = ticks * interval '1 day' AS one_day_per_tick
  FROM finsim.cloud_accounts WHERE id = '45450000-0000-0000-0000-000000000045';
DELETE FROM finsim.cloud_accounts WHERE id = '45450000-0000-0000-0000-000000000045';
