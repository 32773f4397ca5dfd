-- Everything that changes an account takes the account row lock first, as drift_tick does:
-- accept_recommendation, expire_recommendations (and so the scorecard) and drop_account wait
-- for a tick in progress instead of deadlocking with it, and judge the day the tick left.
-- Session s1 plays the tick: it holds the account row (FOR UPDATE), as a tick does from its
-- first statement to its commit.  Needs commits and sessions (dblink); cleans up.
SET client_min_messages = warning;
\ir fixtures/dblink.sql
SELECT plan(8);

SELECT finsim.drop_account(id) FROM finsim.cloud_accounts WHERE name IN ('lock-order', 'lock-drop');
INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed) VALUES
  ('44440000-0000-0000-0000-000000000001', 'lock-order', '2026-02-01 00:00+00', 44),
  ('44440000-0000-0000-0000-000000000002', 'lock-drop', '2026-02-01 00:00+00', 45);
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, optimization_policy, launch_time, avg_cpu_7d) VALUES
  ('44441000-0000-0000-0000-000000000001', '44440000-0000-0000-0000-000000000001', 'i-accept', 'm5.xlarge', 'running', 0.192, 0, 'recommend_only', '2025-01-01', 1),
  ('44441000-0000-0000-0000-000000000002', '44440000-0000-0000-0000-000000000001', 'i-expire', 'm5.xlarge', 'running', 0.192, 0, 'recommend_only', '2025-01-01', 1),
  ('44441000-0000-0000-0000-000000000003', '44440000-0000-0000-0000-000000000002', 'i-drop', 'm5.xlarge', 'running', 0.192, 0, 'auto_safe', '2025-01-01', 50);
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state)
  VALUES ('44442000-0000-0000-0000-000000000001', '44440000-0000-0000-0000-000000000002', 'vol-drop', 10, 'gp3', 'available');
CREATE TEMP TABLE recs AS
  SELECT i.instance_id, a.recommendation_id
    FROM finsim.instances i,
         LATERAL finsim.apply_action('instances', i.id::text, 'stop_instance', '{}', 'lock order test') a
   WHERE i.account_id = '44440000-0000-0000-0000-000000000001';

SELECT dblink_connect('lk_s1', :'conn');
SELECT dblink_connect('lk_s2', :'conn');
CREATE TEMP TABLE pids AS SELECT (SELECT p FROM dblink('lk_s2', 'SELECT pg_backend_pid()') AS t(p int)) AS s2;
\ir fixtures/blocked.sql
-- 'result / error message' of the query sent on connection c ('OK' when it succeeded).
CREATE FUNCTION pg_temp.outcome(c text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  SELECT t.v INTO r FROM dblink_get_result(c, false) AS t(v text);
  r := coalesce(r, '') || ' / ' || dblink_error_message(c);
  PERFORM * FROM dblink_get_result(c, false) AS t(v text);  -- the end of the results
  RETURN r;
END $$;
CREATE FUNCTION pg_temp.hold_account(acct uuid) RETURNS bigint LANGUAGE sql AS $$
  SELECT dblink_exec('lk_s1', 'BEGIN');
  SELECT count(*) FROM dblink('lk_s1', format('SELECT 1 FROM finsim.cloud_accounts WHERE id = %L FOR UPDATE', acct)) AS t(x int);
$$;

-- 1. accept_recommendation while a tick holds the account, which then expires recommendations
--    at the end of its day: before, the accept locked the recommendation first (deadlock).
SELECT pg_temp.hold_account('44440000-0000-0000-0000-000000000001');
SELECT dblink_send_query('lk_s2', format('SELECT outcome FROM finsim.accept_recommendation(%L)',
                                         (SELECT recommendation_id FROM recs WHERE instance_id = 'i-accept')));
SELECT ok(pg_temp.blocked((SELECT s2 FROM pids)), 'accept_recommendation waits for the account');
SELECT dblink_send_query('lk_s1', $q$SELECT finsim.expire_recommendations('44440000-0000-0000-0000-000000000001')::text$q$);
SELECT is(pg_temp.outcome('lk_s1'), '0 / OK', 'the tick''s end-of-day expiry goes on (no deadlock)');
SELECT dblink_exec('lk_s1', 'COMMIT');
SELECT is(pg_temp.outcome('lk_s2'), 'applied / OK', 'then the accept is applied');

-- 2. expire_recommendations waiting behind a tick judges the day the tick left.
SELECT pg_temp.hold_account('44440000-0000-0000-0000-000000000001');
SELECT count(*) FROM dblink('lk_s1', $q$SELECT 1 FROM finsim.recommendations WHERE account_id = '44440000-0000-0000-0000-000000000001' FOR UPDATE$q$) AS t(x int);
SELECT dblink_exec('lk_s1', $q$UPDATE finsim.cloud_accounts SET virtual_time = virtual_time + interval '24 hours' WHERE id = '44440000-0000-0000-0000-000000000001'$q$);
SELECT dblink_exec('lk_s1', $q$UPDATE finsim.instances SET state = 'terminated' WHERE instance_id = 'i-expire' AND account_id = '44440000-0000-0000-0000-000000000001'$q$);
SELECT dblink_send_query('lk_s2', $q$SELECT finsim.expire_recommendations('44440000-0000-0000-0000-000000000001')::text$q$);
SELECT ok(pg_temp.blocked((SELECT s2 FROM pids)), 'expire_recommendations waits for the account');
SELECT dblink_exec('lk_s1', 'COMMIT');
SELECT is(pg_temp.outcome('lk_s2'), '1 / OK', 'then expires the recommendation of the terminated instance');
SELECT is((SELECT decided_at FROM finsim.recommendations
            WHERE id = (SELECT recommendation_id FROM recs WHERE instance_id = 'i-expire')),
          '2026-02-02 00:00+00'::timestamptz, 'stamped with the day the tick left, not the day before');

-- 3. drop_account while a tick holds the account and has written a volume; the tick then
--    writes an instance.  Before, the drop deleted table by table and deadlocked with it.
SELECT pg_temp.hold_account('44440000-0000-0000-0000-000000000002');
SELECT dblink_exec('lk_s1', $q$UPDATE finsim.volumes SET size_gib = 11 WHERE volume_id = 'vol-drop' AND account_id = '44440000-0000-0000-0000-000000000002'$q$);
SELECT dblink_send_query('lk_s2', $q$SELECT finsim.drop_account('44440000-0000-0000-0000-000000000002')::text$q$);
SELECT pg_temp.blocked((SELECT s2 FROM pids));
SELECT dblink_send_query('lk_s1', $q$UPDATE finsim.instances SET current_cpu = 1 WHERE instance_id = 'i-drop' AND account_id = '44440000-0000-0000-0000-000000000002' RETURNING 'updated'$q$);
SELECT is(pg_temp.outcome('lk_s1'), 'updated / OK', 'the tick goes on writing (no deadlock)');
SELECT dblink_exec('lk_s1', 'COMMIT');
SELECT is(pg_temp.outcome('lk_s2'), ' / OK', 'then the account is dropped');

SELECT dblink_disconnect('lk_s1');
SELECT dblink_disconnect('lk_s2');
SELECT finsim.drop_account(id) FROM finsim.cloud_accounts WHERE name IN ('lock-order', 'lock-drop');
SELECT * FROM finish();
