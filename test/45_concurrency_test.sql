-- Concurrent ticks of one account (needs commits and two sessions: dblink).
-- Documented behaviour: the second caller WAITS for the first one's transaction, then
-- simulates the following day.  No virtual day is simulated twice.
SET client_min_messages = warning;
\ir fixtures/dblink.sql
\ir 40_drift_estate.psql
SELECT plan(9);

SELECT pg_temp.drift_estate('drift45', 45) AS a \gset

SELECT dblink_connect('drift45_s1', :'conn');
SELECT dblink_connect('drift45_s2', :'conn');

-- Session 1 ticks inside an open transaction (and so holds the account's lock).
SELECT dblink_exec('drift45_s1', 'BEGIN');
SELECT is((SELECT d FROM dblink('drift45_s1', format('SELECT virtual_date::text FROM finsim.drift_tick(%L)', :'a')) AS t(d text)),
          '2026-01-06', 'session 1 simulated 2026-01-05 (uncommitted)');

-- Meanwhile others see no half-day.
SELECT is(finsim.now(:'a'), '2026-01-05 00:00+00'::timestamptz, 'a reader still sees the previous day');
SELECT is((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'a'), 0::bigint, 'and none of its rows');

-- Session 2 ticks the same account: it waits on the lock.
SELECT dblink_send_query('drift45_s2', format('SELECT virtual_date::text FROM finsim.drift_tick(%L)', :'a'));
CREATE FUNCTION pg_temp.waiting_on_lock() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..300 LOOP
    IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%drift_tick%'
                 AND pid <> pg_backend_pid()) THEN
      RETURN true;
    END IF;
    PERFORM pg_sleep(0.1);
    PERFORM pg_stat_clear_snapshot();  -- pg_stat_activity is cached per transaction
  END LOOP;
  RETURN false;
END $$;
SELECT ok(pg_temp.waiting_on_lock(), 'the second tick waits for the first one''s lock');
SELECT is(dblink_is_busy('drift45_s2'), 1, 'and has not returned');

-- Session 1 commits: session 2 goes on with the NEXT day.
SELECT dblink_exec('drift45_s1', 'COMMIT');
SELECT is((SELECT d FROM dblink_get_result('drift45_s2') AS t(d text)), '2026-01-07', 'the second tick simulated 2026-01-06');
SELECT dblink_get_result('drift45_s2');  -- end of the async query

SELECT is(finsim.now(:'a'), '2026-01-07 00:00+00'::timestamptz, 'two ticks, two days');
SELECT results_eq(format($$SELECT date, count(*) FROM finsim.metrics_daily WHERE account_id = %L GROUP BY date ORDER BY date$$, :'a'),
                  format($$SELECT date, count(*) FROM finsim.metrics_daily WHERE account_id = %L AND date = '2026-01-05' GROUP BY date
                           UNION ALL SELECT '2026-01-06'::date, count(*) FROM finsim.metrics_daily WHERE account_id = %L AND date = '2026-01-06'$$,
                         :'a', :'a'),
                  'metrics for exactly two distinct days');
SELECT is((SELECT ticks FROM finsim.cloud_accounts WHERE id = :'a'), 2, 'ticks = 2: no day simulated twice');

SELECT dblink_disconnect('drift45_s1');
SELECT dblink_disconnect('drift45_s2');
DELETE FROM finsim.cloud_accounts WHERE id = :'a';
SELECT * FROM finish();
