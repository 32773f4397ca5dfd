-- The estate by hand: a fixture row in every table, the audit trail of watched fields,
-- refused bad values, and deleting an account with everything it owns.
\set VERBOSITY terse
SET TimeZone = 'UTC';
\set ECHO none
\i test/fixtures/handwritten_rows.sql
\set ECHO all
SELECT count(*) AS tables, count(*) FILTER (WHERE n = 1) AS tables_with_one_fixture_row
  FROM (SELECT (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM finsim.%I', c.relname),
                                                    false, true, '')))[1]::text::int AS n
          FROM pg_class c WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r') t;

UPDATE finsim.cloud_accounts SET virtual_time = '2025-02-01 00:00+00'
 WHERE id = '00000000-0000-4000-8000-0000000000a1';
-- Two watched fields and an unwatched one: two events, stamped manual at virtual time.
UPDATE finsim.instances SET state = 'stopped', instance_type = 'm5.large', current_cpu = 0
 WHERE instance_id = 'i-0fixture00000001';
UPDATE finsim.log_groups SET retention_days = 30 WHERE name = '/aws/lambda/resize-images';
DELETE FROM finsim.snapshots WHERE snapshot_id = 'snap-0fixture00001';
SELECT id, resource_type, change_source, field_name, old_value, new_value, changed_at
  FROM finsim.resource_change_events
 WHERE account_id = '00000000-0000-4000-8000-0000000000a1'
 ORDER BY changed_at, resource_type, field_name;

-- Bad values are refused with SQLSTATE 23514.
UPDATE finsim.volumes SET state = 'attached' WHERE volume_id = 'vol-0fixture000001';
UPDATE finsim.instances SET avg_cpu_7d = 140 WHERE instance_id = 'i-0fixture00000001';
UPDATE finsim.container_services SET replica_count = -1 WHERE name = 'api';
UPDATE finsim.s3_buckets SET optimization_policy = 'sometimes' WHERE name = 'fixture-logs';

-- Deleting the account removes everything it owns and writes no events.
DELETE FROM finsim.cloud_accounts WHERE id = '00000000-0000-4000-8000-0000000000a1';
SELECT count(*) AS events_left FROM finsim.resource_change_events;
SELECT count(*) AS instances_left FROM finsim.instances;
RESET TimeZone;
