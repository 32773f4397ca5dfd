-- The audit trail: finsim._audit() writes one resource_change_events row per changed
-- watched field, stamped 'manual' (the session cannot forge another source), at the
-- account's virtual time, with ids derived from the event (same history, same ids).
BEGIN;
SELECT plan(26);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('00000000-0000-4000-8000-0000000000c1', 'audit-a', '2025-03-01 00:00+00'),
       ('00000000-0000-4000-8000-0000000000c2', 'audit-b', '2025-03-01 00:00+00');
INSERT INTO finsim.instances (id, account_id, instance_id, name, instance_type, state, hourly_cost, gpu_hourly_cost)
VALUES ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1',
        'i-audit1', 'audit-1', 'm5.xlarge', 'running', 0.192, 0);
CREATE TEMP VIEW ev AS
  SELECT * FROM finsim.resource_change_events WHERE account_id = '00000000-0000-4000-8000-0000000000c1';

-- A plain UPDATE of two watched fields and one unwatched field.
SAVEPOINT first;
UPDATE finsim.instances SET state = 'stopped', instance_type = 'm5.large', current_cpu = 0
 WHERE id = '00000000-0000-4000-8000-0000000000d1';
SELECT is((SELECT count(*)::int FROM ev), 2, 'one event per changed watched field');
SELECT results_eq(
  $$SELECT resource_type, resource_id, change_source, field_name, old_value, new_value, changed_at, reason
      FROM ev ORDER BY field_name$$,
  $$VALUES ('instances', '00000000-0000-4000-8000-0000000000d1', 'manual', 'instance_type', 'm5.xlarge', 'm5.large',
            '2025-03-01 00:00+00'::timestamptz, NULL::text),
           ('instances', '00000000-0000-4000-8000-0000000000d1', 'manual', 'state', 'running', 'stopped',
            '2025-03-01 00:00+00'::timestamptz, NULL::text)$$,
  'events carry table, row id, manual source, old/new text, virtual time');
SELECT ok((SELECT bool_and(changed_at = finsim.now(account_id)) FROM ev), 'changed_at = finsim.now(account_id)');
SELECT string_agg(id::text, ',' ORDER BY field_name) AS first_ids FROM ev \gset

-- Same statements again after ROLLBACK TO SAVEPOINT: the same ids.
ROLLBACK TO SAVEPOINT first;
SELECT is((SELECT count(*)::int FROM ev), 0, 'rolled back with the update');
UPDATE finsim.instances SET state = 'stopped', instance_type = 'm5.large', current_cpu = 0
 WHERE id = '00000000-0000-4000-8000-0000000000d1';
SELECT is((SELECT string_agg(id::text, ',' ORDER BY field_name) FROM ev), :'first_ids',
          'the same history gives the same ids');
SELECT ok((SELECT bool_and(id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$') FROM ev),
          'ids are finsim''s deterministic (version 8) uuids, not random ones');

-- Unwatched fields and no-op updates write nothing.
UPDATE finsim.instances SET current_cpu = 42, current_memory = 10, avg_cpu_7d = 3
 WHERE id = '00000000-0000-4000-8000-0000000000d1';
UPDATE finsim.instances SET state = state WHERE id = '00000000-0000-4000-8000-0000000000d1';
SELECT is((SELECT count(*)::int FROM ev), 2, 'unwatched fields and unchanged values write nothing');

-- NULL-aware: NULL -> value and value -> NULL are changes.
UPDATE finsim.instances SET optimization_freeze_until = '2025-04-01 00:00+00' WHERE id = '00000000-0000-4000-8000-0000000000d1';
UPDATE finsim.instances SET optimization_freeze_until = NULL WHERE id = '00000000-0000-4000-8000-0000000000d1';
SELECT results_eq(
  $$SELECT old_value, new_value FROM ev WHERE field_name = 'optimization_freeze_until' ORDER BY old_value NULLS FIRST$$,
  $$VALUES (NULL::text, '2025-04-01 00:00:00+00'::text), ('2025-04-01 00:00:00+00', NULL)$$,
  'NULL to value and value to NULL are recorded (timestamps as UTC text)');

-- The session's TimeZone does not change what is recorded.
SET LOCAL TimeZone = 'America/New_York';
UPDATE finsim.instances SET optimization_freeze_until = '2025-05-01 00:00+00' WHERE id = '00000000-0000-4000-8000-0000000000d1';
RESET TimeZone;
SELECT is((SELECT new_value FROM ev WHERE field_name = 'optimization_freeze_until' AND old_value IS NULL
             AND new_value LIKE '2025-05%'), '2025-05-01 00:00:00+00', 'recorded text is independent of the session TimeZone');

-- The same change twice at the same virtual time gets distinct ids.
UPDATE finsim.instances SET state = 'running' WHERE id = '00000000-0000-4000-8000-0000000000d1';
UPDATE finsim.instances SET state = 'stopped' WHERE id = '00000000-0000-4000-8000-0000000000d1';
SELECT is((SELECT count(DISTINCT id)::int FROM ev WHERE field_name = 'state' AND new_value = 'stopped'), 2,
          'a repeated change at the same virtual time gets a new id');

-- changed_at follows the virtual clock.
UPDATE finsim.cloud_accounts SET virtual_time = '2025-03-02 00:00+00' WHERE id = '00000000-0000-4000-8000-0000000000c1';
UPDATE finsim.instances SET schedule = 'weekdays 08-20' WHERE id = '00000000-0000-4000-8000-0000000000d1';
SELECT is((SELECT changed_at FROM ev WHERE field_name = 'schedule'), '2025-03-02 00:00+00'::timestamptz,
          'changed_at is the account''s virtual time when the change happened');

-- The session cannot forge change_source.
DO $$ BEGIN PERFORM set_config('finsim.change_source', 'agent', true);
          EXCEPTION WHEN OTHERS THEN NULL; END $$;
DO $$ BEGIN EXECUTE 'SET LOCAL finsim.change_source = ''drift_engine''';
          EXCEPTION WHEN OTHERS THEN NULL; END $$;
SELECT set_config('app.change_source', 'agent', true) IS NULL AS dummy \gset
SET LOCAL application_name = 'agent';
UPDATE finsim.instances SET state = 'running' WHERE id = '00000000-0000-4000-8000-0000000000d1';
SELECT is((SELECT array_agg(DISTINCT change_source) FROM ev), '{manual}'::text[],
          'SET / set_config cannot change change_source');
RESET application_name;
SELECT throws_ok($$INSERT INTO finsim.resource_change_events (account_id, resource_type, resource_id, change_source,
                     field_name, changed_at) VALUES ('00000000-0000-4000-8000-0000000000c1', 'instances', 'x', 'robot',
                     'state', now())$$, '23514', NULL, 'change_source is one of drift_engine, agent, manual');

-- Other watched tables: cloud_accounts (account id is its own id), volumes.
UPDATE finsim.cloud_accounts SET freeze_optimizations_until = '2025-03-10 00:00+00'
 WHERE id = '00000000-0000-4000-8000-0000000000c1';
SELECT row_eq($$SELECT resource_type, resource_id, old_value, new_value FROM ev WHERE field_name = 'freeze_optimizations_until'$$,
              ROW('cloud_accounts'::text, '00000000-0000-4000-8000-0000000000c1'::text, NULL::text, '2025-03-10 00:00:00+00'::text),
              'cloud_accounts.freeze_optimizations_until is audited against the account itself');
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, monthly_cost)
VALUES ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000c1', 'vol-audit1', 100, 'gp2', 'available', 10);
UPDATE finsim.volumes SET volume_type = 'gp3', size_gib = 120, monthly_cost = 9.6 WHERE volume_id = 'vol-audit1';
SELECT is((SELECT array_agg(field_name ORDER BY field_name) FROM ev WHERE resource_type = 'volumes'),
          '{size_gib,volume_type}'::text[], 'volumes: type and size changes audited, cost (unwatched) not');

-- DELETE writes one 'deleted' event naming the row.
DELETE FROM finsim.volumes WHERE volume_id = 'vol-audit1';
SELECT row_eq($$SELECT resource_id, old_value, new_value FROM ev WHERE field_name = 'deleted'$$,
              ROW('00000000-0000-4000-8000-0000000000d2'::text, 'vol-audit1'::text, NULL::text),
              'DELETE writes field_name deleted with the row''s identifier');

-- ON DELETE SET NULL cascades are audited as updates.
INSERT INTO finsim.autoscaling_groups (id, account_id, name, min_size, max_size, desired_capacity, instance_type)
VALUES ('00000000-0000-4000-8000-0000000000d3', '00000000-0000-4000-8000-0000000000c1', 'asg-audit', 0, 2, 1, 'm5.large');
UPDATE finsim.instances SET autoscaling_group_id = '00000000-0000-4000-8000-0000000000d3'
 WHERE id = '00000000-0000-4000-8000-0000000000d1';
DELETE FROM finsim.autoscaling_groups WHERE id = '00000000-0000-4000-8000-0000000000d3';
SELECT is((SELECT count(*)::int FROM ev WHERE field_name = 'autoscaling_group_id'), 2,
          'autoscaling_group_id set and cleared by the FK cascade are both audited');

-- Account isolation of events: nothing landed in account B.
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events
            WHERE account_id = '00000000-0000-4000-8000-0000000000c2'), 0, 'no events in another account');

-- Deleting a whole account cascades without writing events into it.
INSERT INTO finsim.instances (account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost)
VALUES ('00000000-0000-4000-8000-0000000000c2', 'i-audit-b1', 'm5.large', 0.096, 0);
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, monthly_cost)
VALUES ('00000000-0000-4000-8000-0000000000c2', 'vol-audit-b1', 10, 0.8);
INSERT INTO finsim.container_clusters (id, account_id, name, node_instance_type, desired_nodes, min_nodes, max_nodes, estimated_hourly_cost)
VALUES ('00000000-0000-4000-8000-0000000000d4', '00000000-0000-4000-8000-0000000000c2', 'eks-b', 'm5.large', 1, 1, 1, 0.2);
INSERT INTO finsim.container_nodes (account_id, cluster_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost)
VALUES ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000d4', 'i-node-b1', 'm5.large', 0.096, 0);
UPDATE finsim.instances SET state = 'stopped' WHERE instance_id = 'i-audit-b1';
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events
            WHERE account_id = '00000000-0000-4000-8000-0000000000c2'), 1, 'account B has its own event');
SELECT count(*) AS events_before FROM finsim.resource_change_events \gset
SELECT lives_ok($$DELETE FROM finsim.cloud_accounts WHERE id = '00000000-0000-4000-8000-0000000000c2'$$,
                'deleting an account with audited children succeeds');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events
            WHERE account_id = '00000000-0000-4000-8000-0000000000c2'), 0, 'the deleted account leaves no events');
SELECT is((SELECT count(*) FROM finsim.resource_change_events), :events_before::bigint - 1,
          'no events written anywhere by the cascade');

-- finsim's own functions stamp their source; after them plain SQL is 'manual' again.
-- (Runs when the drift engine is installed; skipped otherwise.)
CREATE FUNCTION pg_temp.drift_source_tests() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  a constant uuid := '00000000-0000-4000-8000-0000000000c1';
BEGIN
  IF to_regprocedure('finsim.drift_tick(uuid,integer)') IS NULL THEN
    RETURN NEXT skip('finsim.drift_tick is not installed', 2);
    RETURN;
  END IF;
  CREATE TEMP TABLE ev_before ON COMMIT DROP AS SELECT id FROM finsim.resource_change_events WHERE account_id = a;
  PERFORM finsim.drift_tick(a, 30);
  RETURN NEXT is((SELECT array_agg(DISTINCT change_source) FROM finsim.resource_change_events e
                   WHERE e.account_id = a AND e.id NOT IN (SELECT id FROM ev_before)
                     AND e.change_source <> 'drift_engine'), NULL,
                 'every event written by drift_tick is stamped drift_engine');
  CREATE TEMP TABLE ev_mid ON COMMIT DROP AS SELECT id FROM finsim.resource_change_events WHERE account_id = a;
  UPDATE finsim.instances SET state = CASE WHEN state = 'running' THEN 'stopped' ELSE 'running' END
   WHERE id = '00000000-0000-4000-8000-0000000000d1';
  RETURN NEXT is((SELECT array_agg(change_source) FROM finsim.resource_change_events
                   WHERE account_id = a AND id NOT IN (SELECT id FROM ev_mid)), '{manual}'::text[],
                 'after drift_tick a plain UPDATE is manual again');
END $$;
SELECT * FROM pg_temp.drift_source_tests();

-- Agents cannot write the audit table themselves; the trigger can (SECURITY DEFINER).
SELECT ok(NOT has_table_privilege('finsim_agent', 'finsim.resource_change_events', 'INSERT'),
          'finsim_agent has no INSERT on resource_change_events');
SELECT ok(NOT has_function_privilege('public', 'finsim._audit()', 'EXECUTE'),
          'PUBLIC cannot execute finsim._audit()');

SELECT * FROM finish();
ROLLBACK;
