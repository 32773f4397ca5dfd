-- Cancelling a tick mid-way leaves the account on its previous day (needs commits: dblink).
SET client_min_messages = warning;
\ir fixtures/dblink.sql
\ir 40_drift_estate.psql
SELECT plan(5);

SELECT pg_temp.drift_estate('drift46', 46) AS a \gset
SELECT dblink_connect('drift46_s1', :'conn');

-- Ten virtual years: far longer than the wait below.
SELECT dblink_send_query('drift46_s1', format('SELECT virtual_date::text FROM finsim.drift_tick(%L, 3650)', :'a'));
-- Wait until it has written some days (visible to us only as locks and activity).
CREATE FUNCTION pg_temp.tick_running() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..300 LOOP
    IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%drift_tick%3650%'
                 AND pid <> pg_backend_pid()) THEN
      PERFORM pg_sleep(1);
      RETURN dblink_is_busy('drift46_s1') = 1;
    END IF;
    PERFORM pg_sleep(0.1);
    PERFORM pg_stat_clear_snapshot();  -- pg_stat_activity is cached per transaction
  END LOOP;
  RETURN false;
END $$;
SELECT ok(pg_temp.tick_running(), 'a long tick is running');
SELECT is(dblink_cancel_query('drift46_s1'), 'OK', 'cancelled it');
SELECT ok(dblink_error_message('drift46_s1') IS NOT NULL, 'the tick ended with an error');
SELECT is(finsim.now(:'a'), '2026-01-05 00:00+00'::timestamptz, 'the account is still on its previous day');
SELECT is((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'a'), 0::bigint, 'and no half-written day is left');

SELECT dblink_disconnect('drift46_s1');
DELETE FROM finsim.cloud_accounts WHERE id = :'a';
SELECT * FROM finish();
