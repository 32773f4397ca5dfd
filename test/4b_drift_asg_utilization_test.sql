-- An ASG's current_utilization ("Live CPU average across group") is its running members'
-- average CPU of the same day: after every tick, for every generated group with running
-- members, current_utilization = round(avg(current_cpu of running members), 2) = the average
-- of those members' metrics_daily cpu_avg of that day, and the group's own metrics_daily row
-- of the day holds the same value.
BEGIN;
SET client_min_messages = warning;
SELECT plan(9);

SELECT finsim.create_account('drift44', 2000, 44, '2026-01-05') AS a \gset

-- Groups whose current_utilization is not their running members' average of day d.
CREATE FUNCTION pg_temp.off_groups(a uuid, d date) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM finsim.autoscaling_groups g
    JOIN LATERAL (SELECT round(avg(i.current_cpu), 2) AS cpu,
                         round(avg((m.metric_payload->>'cpu_avg')::numeric), 2) AS day_cpu
                    FROM finsim.instances i
                    JOIN finsim.metrics_daily m ON m.account_id = i.account_id
                     AND m.resource_type = 'instances' AND m.resource_id = i.id::text AND m.date = d
                   WHERE i.account_id = g.account_id AND i.autoscaling_group_id = g.id
                     AND i.state = 'running') x ON x.cpu IS NOT NULL
   WHERE g.account_id = a AND (g.current_utilization <> x.cpu OR x.cpu <> x.day_cpu)
$$;
-- Groups whose metrics_daily row of day d differs from current_utilization.
CREATE FUNCTION pg_temp.row_off(a uuid, d date) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM finsim.autoscaling_groups g
    JOIN finsim.metrics_daily m ON m.account_id = g.account_id AND m.resource_type = 'autoscaling_groups'
     AND m.resource_id = g.id::text AND m.date = d
   WHERE g.account_id = a AND (m.metric_payload->>'cpu_avg')::numeric <> g.current_utilization
$$;

SELECT cmp_ok((SELECT count(DISTINCT autoscaling_group_id) FROM finsim.instances
                WHERE account_id = :'a' AND state = 'running'), '>=', 20::bigint,
              'the estate has groups with running members');

SELECT count(*) FROM finsim.drift_tick(:'a', 1);
SELECT is(pg_temp.off_groups(:'a', '2026-01-05'), 0::bigint, 'day 1: utilization = running members'' CPU of the day');
SELECT is(pg_temp.row_off(:'a', '2026-01-05'), 0::bigint, 'day 1: the group''s metrics_daily row says the same');

-- An agent-style change: half of one group's members stop; the group follows the rest.
UPDATE finsim.instances SET state = 'stopped'
 WHERE id IN (SELECT id FROM finsim.instances WHERE account_id = :'a' AND autoscaling_group_id =
               (SELECT autoscaling_group_id FROM finsim.instances WHERE account_id = :'a'
                  AND autoscaling_group_id IS NOT NULL GROUP BY 1 HAVING count(*) >= 4 ORDER BY 1 LIMIT 1)
              ORDER BY id LIMIT 2);
SELECT count(*) FROM finsim.drift_tick(:'a', 6);
SELECT is(pg_temp.off_groups(:'a', '2026-01-11'), 0::bigint, 'day 7: utilization = running members'' CPU of the day');
SELECT is(pg_temp.row_off(:'a', '2026-01-11'), 0::bigint, 'day 7: the group''s metrics_daily row says the same');

-- Every member stopped: nothing runs, utilization 0.
UPDATE finsim.instances SET state = 'stopped' WHERE account_id = :'a' AND autoscaling_group_id =
  (SELECT id FROM finsim.autoscaling_groups WHERE account_id = :'a' AND desired_capacity > 0 ORDER BY id LIMIT 1);
SELECT count(*) FROM finsim.drift_tick(:'a', 1);
SELECT is((SELECT current_utilization FROM finsim.autoscaling_groups WHERE account_id = :'a'
            AND desired_capacity > 0 ORDER BY id LIMIT 1), 0::numeric, 'a group whose members all stopped: 0');
SELECT is(pg_temp.off_groups(:'a', '2026-01-12'), 0::bigint, 'day 8: the other groups still follow their members');
SELECT is(pg_temp.row_off(:'a', '2026-01-12'), 0::bigint, 'day 8: rows agree');

-- A group without member rows (hand-written) still gets a day from the model.
INSERT INTO finsim.autoscaling_groups (account_id, name, min_size, max_size, desired_capacity, instance_type)
  VALUES (:'a', 'no-members', 1, 2, 1, 'm5.large');
SELECT count(*) FROM finsim.drift_tick(:'a', 1);
SELECT cmp_ok((SELECT current_utilization FROM finsim.autoscaling_groups WHERE account_id = :'a'
                AND name = 'no-members'), '>', 0::numeric, 'a group without member rows follows the model');

SELECT * FROM finish();
ROLLBACK;
