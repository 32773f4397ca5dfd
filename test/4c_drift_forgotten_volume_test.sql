-- forgotten_volume (an in-use volume without I/O for 30+ virtual days) occurs in generated
-- estates and survives ticks: the generator gives the volumes of long-stopped instances the
-- stop time as last_used_at (and no I/O), and the tick gives no I/O, and keeps last_used_at,
-- for volumes whose attached instance is not running.
BEGIN;
SET client_min_messages = warning;
SELECT plan(8);

SELECT finsim.create_account('drift49', 2000, 42, '2026-01-05') AS a \gset

CREATE FUNCTION pg_temp.forgotten(a uuid) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM finsim.waste_findings(a) WHERE pattern = 'forgotten_volume'
$$;
-- In-use volumes attached to a stopped instance.
CREATE TEMP VIEW on_stopped AS
  SELECT v.* FROM finsim.volumes v JOIN finsim.instances i
    ON i.account_id = v.account_id AND i.instance_id = v.attached_instance_id
   WHERE v.state = 'in-use' AND i.state = 'stopped';

SELECT cmp_ok(pg_temp.forgotten(:'a'), '>', 0::bigint, 'generated (2,000 resources, seed 42): forgotten_volume findings');
SELECT is((SELECT count(*) FROM on_stopped v JOIN finsim.instances i ON i.account_id = v.account_id
             AND i.instance_id = v.attached_instance_id
            WHERE v.account_id = :'a' AND (v.last_used_at > i.last_active_at OR v.avg_iops_7d <> 0)),
          0::bigint, 'generated: volumes of stopped instances had no I/O since the stop');
CREATE TEMP TABLE before AS SELECT id, last_used_at FROM on_stopped WHERE account_id = :'a';

SELECT count(*) FROM finsim.drift_tick(:'a', 3);
SELECT cmp_ok(pg_temp.forgotten(:'a'), '>', 0::bigint, 'after 3 ticks: forgotten_volume findings');
SELECT is((SELECT count(*) FROM before b JOIN finsim.volumes v USING (id) WHERE v.last_used_at <> b.last_used_at),
          0::bigint, 'volumes of stopped instances keep their last_used_at');
SELECT is((SELECT count(*) FROM on_stopped v JOIN finsim.metrics_daily m ON m.account_id = v.account_id
             AND m.resource_type = 'volumes' AND m.resource_id = v.id::text
            WHERE v.account_id = :'a' AND m.date >= '2026-01-05' AND (m.metric_payload->>'iops')::numeric <> 0),
          0::bigint, '... and get no I/O');
SELECT is((SELECT count(*) FROM finsim.volumes v JOIN finsim.instances i ON i.account_id = v.account_id
             AND i.instance_id = v.attached_instance_id
            WHERE v.account_id = :'a' AND v.state = 'in-use' AND i.state = 'running'
              AND v.last_used_at <> finsim.now(:'a') - interval '1 day'),
          0::bigint, 'volumes of running instances were used on the last simulated day');

-- An instance started again: its volumes are used again (and leave the pattern).
UPDATE finsim.instances SET state = 'running'
 WHERE account_id = :'a' AND instance_id = (SELECT attached_instance_id FROM before b JOIN finsim.volumes v USING (id)
                                             ORDER BY v.volume_id LIMIT 1);
SELECT count(*) FROM finsim.drift_tick(:'a', 1);
SELECT is((SELECT count(*) FROM before b JOIN finsim.volumes v USING (id) JOIN finsim.instances i
             ON i.account_id = v.account_id AND i.instance_id = v.attached_instance_id
            WHERE i.state = 'running' AND v.last_used_at = finsim.now(:'a') - interval '1 day'),
          (SELECT count(*) FROM before b JOIN finsim.volumes v USING (id) JOIN finsim.instances i
             ON i.account_id = v.account_id AND i.instance_id = v.attached_instance_id
            WHERE i.state = 'running'), 'a restarted instance''s volumes are used again');
SELECT cmp_ok(pg_temp.forgotten(:'a'), '>', 0::bigint, 'after 4 ticks: forgotten_volume findings');

SELECT * FROM finish();
ROLLBACK;
