-- Two sessions act on the same resource at once (dblink): the locks let one win and the
-- other gets a clear refusal; a concurrent writer of other columns loses nothing, and a
-- drift tick (when helper "drift" is installed) waits for the action and then runs on the
-- changed estate.  Commits, so it cleans up after itself.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;
DELETE FROM finsim.cloud_accounts WHERE name = 'act-concurrency';
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('d0000000-0000-0000-0000-000000000001', 'act-concurrency', '2026-02-01 00:00+00');
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, launch_time)
VALUES ('d1000000-0000-0000-0000-000000000001', 'd0000000-0000-0000-0000-000000000001', 'i-race', 'm5.xlarge', 'running', 0.192, 0, '2025-01-01');

SELECT plan(14);
CREATE TEMP TABLE conn AS
  SELECT format('dbname=%s port=%s host=%s user=%s', current_database(), current_setting('port'),
                split_part(current_setting('unix_socket_directories'), ',', 1), current_user) AS s;
SELECT dblink_connect('act_s1', (SELECT s FROM conn));
SELECT dblink_connect('act_s2', (SELECT s FROM conn));
SELECT dblink_connect('act_s3', (SELECT s FROM conn));
SELECT dblink_connect('act_s4', (SELECT s FROM conn));
CREATE TEMP TABLE has_drift AS SELECT to_regprocedure('finsim.drift_tick(uuid,integer)') IS NOT NULL AS yes;

CREATE TEMP TABLE pids AS
  SELECT (SELECT p FROM dblink('act_s2', 'SELECT pg_backend_pid()') AS t(p int)) AS s2,
         (SELECT p FROM dblink('act_s3', 'SELECT pg_backend_pid()') AS t(p int)) AS s3,
         (SELECT p FROM dblink('act_s4', 'SELECT pg_backend_pid()') AS t(p int)) AS s4;
\ir fixtures/blocked.sql

-- Session 1 terminates inside an open transaction (holding the row lock).
SELECT dblink_exec('act_s1', 'BEGIN');
SELECT is((SELECT o FROM dblink('act_s1', $q$SELECT outcome FROM finsim.apply_action('instances', 'd1000000-0000-0000-0000-000000000001', 'terminate_instance', '{}', 'session 1')$q$) AS t(o text)),
          'applied', 'session 1 applies terminate_instance');
-- Session 2 tries the same and a rightsize; session 3 writes metrics like a drift tick.
SELECT is(dblink_send_query('act_s2', $q$SELECT outcome || ': ' || message FROM finsim.apply_action('instances', 'd1000000-0000-0000-0000-000000000001', 'terminate_instance', '{}', 'session 2')$q$),
          1, 'session 2 sends the same action');
SELECT is(dblink_send_query('act_s3', $q$UPDATE finsim.instances SET current_cpu = 42, avg_cpu_7d = 41 WHERE id = 'd1000000-0000-0000-0000-000000000001'$q$),
          1, 'session 3 (drift-like writer) sends its update');
SELECT is(dblink_send_query('act_s4', CASE WHEN (SELECT yes FROM has_drift)
            THEN $q$SELECT count(*)::text FROM finsim.drift_tick('d0000000-0000-0000-0000-000000000001', 1)$q$
            ELSE $q$SELECT 'no drift engine'$q$ END), 1, 'session 4 starts a drift tick of the account (when installed)');
SELECT ok(pg_temp.blocked((SELECT s2 FROM pids)), 'session 2 waits for session 1');
SELECT ok(pg_temp.blocked((SELECT s3 FROM pids)), 'session 3 waits on the row lock');
SELECT CASE WHEN (SELECT yes FROM has_drift) THEN ok(pg_temp.blocked((SELECT s4 FROM pids)), 'the drift tick waits for the action')
            ELSE skip('drift engine not installed', 1) END;
SELECT dblink_exec('act_s1', 'COMMIT');
SELECT is((SELECT r FROM dblink_get_result('act_s2') AS t(r text)),
          'refused: instance i-race is terminated: a terminated resource cannot be acted on again',
          'session 2 gets a clear refusal after session 1 wins');
SELECT * FROM dblink_get_result('act_s2') AS t(r text);
SELECT is((SELECT r FROM dblink_get_result('act_s3') AS t(r text)), 'UPDATE 1', 'session 3 update went through');
SELECT * FROM dblink_get_result('act_s3') AS t(r text);
SELECT * FROM dblink_get_result('act_s4') AS t(r text);
SELECT * FROM dblink_get_result('act_s4') AS t(r text);
SELECT CASE WHEN (SELECT yes FROM has_drift)
            THEN is((SELECT finsim.now('d0000000-0000-0000-0000-000000000001')), '2026-02-02 00:00+00'::timestamptz, 'the tick ran after the action (one virtual day)')
            ELSE skip('drift engine not installed', 1) END;

SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-race'), 'terminated', 'the action is kept');
SELECT is((SELECT current_cpu || ' ' || avg_cpu_7d FROM finsim.instances WHERE instance_id = 'i-race' AND NOT (SELECT yes FROM has_drift)
           UNION ALL SELECT '42 41' WHERE (SELECT yes FROM has_drift)), '42 41',
          'the concurrent write is kept (checked without a drift tick, which rewrites metrics)');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE resource_id = 'd1000000-0000-0000-0000-000000000001' AND field_name = 'action'), 2,
          'both calls are recorded');
SELECT is((SELECT string_agg(new_value, ',' ORDER BY new_value) FROM finsim.resource_change_events
            WHERE resource_id = 'd1000000-0000-0000-0000-000000000001' AND field_name = 'action'),
          'terminate_instance:applied,terminate_instance:refused', 'one applied, one refused');

SELECT dblink_disconnect('act_s1');
SELECT dblink_disconnect('act_s2');
SELECT dblink_disconnect('act_s3');
SELECT dblink_disconnect('act_s4');
DELETE FROM finsim.cloud_accounts WHERE name = 'act-concurrency';
SELECT * FROM finish();
