-- schedule_drift() where pg_cron lives in another database (cron.database_name), and privileges.
BEGIN;
SELECT plan(5);
SELECT is((SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'), 0::bigint, 'pg_cron is not installed in this database');
SELECT throws_ok($$SELECT finsim.schedule_drift()$$, '55000', NULL, 'schedule_drift explains where pg_cron lives');
SELECT throws_ok($$SELECT finsim.unschedule_drift()$$, '55000', NULL, 'so does unschedule_drift');
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
  EXECUTE q;
  RETURN NULL;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
  RETURN h;
END $$;
SELECT alike(pg_temp.hint_of('SELECT finsim.schedule_drift(''*/5 * * * *'')'),
            '%cron.schedule_in_database(''finsim-drift'', ''*/5 * * * *'', ''SELECT finsim.drift_tick()'', ''' || current_database() || ''')%',
            'the hint is the exact call to run in the cron database');
CREATE ROLE drift47_nobody;
GRANT USAGE ON SCHEMA finsim TO drift47_nobody;
GRANT EXECUTE ON FUNCTION finsim.schedule_drift(text) TO drift47_nobody;
SET LOCAL ROLE drift47_nobody;
SELECT throws_ok($$SELECT finsim.schedule_drift()$$, '42501', NULL, 'only admins schedule the drift engine');
RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
