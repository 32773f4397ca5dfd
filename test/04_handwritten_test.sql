-- Users write scenario fixtures by hand: on every table an INSERT naming only the guide's
-- columns plus account_id is accepted (finsim's added columns take their defaults), and
-- updated_at moves forward on UPDATE wherever the table has it.
BEGIN;
SELECT plan(27 + 2 + 1 + 5);

\ir fixtures/handwritten_rows.sql

CREATE FUNCTION pg_temp.n(q text) RETURNS int LANGUAGE plpgsql AS
$$ DECLARE r int; BEGIN EXECUTE q INTO r; RETURN r; END $$;

-- One row per table, in the fixture account.
SELECT is(pg_temp.n(format('SELECT count(*) FROM finsim.%I WHERE %I = %L', c.relname,
                            CASE WHEN c.relname = 'cloud_accounts' THEN 'id' ELSE 'account_id' END,
                            '00000000-0000-4000-8000-0000000000a1')),
          1, format('hand-written row accepted in %s', c.relname))
  FROM pg_class c WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r'
 ORDER BY c.relname;

-- The added columns took their defaults.
SELECT row_eq($$SELECT optimization_policy, optimization_freeze_until, schedule FROM finsim.instances
               WHERE instance_id = 'i-0fixture00000001'$$,
              ROW('auto_safe'::text, NULL::timestamptz, NULL::text),
              'instances: added columns took their defaults');
SELECT is((SELECT issued_at FROM finsim.api_clients WHERE access_key_id = 'AKIAFIXTURE000000001'),
          finsim.now('00000000-0000-4000-8000-0000000000a1'),
          'api_clients: issued_at left out is the account''s virtual clock');

-- updated_at: age every row's updated_at (triggers off), then touch each table.
SET LOCAL session_replication_role = replica;
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r' AND a.attname = 'updated_at'
  LOOP
    EXECUTE format('UPDATE finsim.%I SET updated_at = %L', t, '2000-01-01 00:00+00');
  END LOOP;
END $$;
SET LOCAL session_replication_role = origin;
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r' AND a.attname = 'updated_at'
  LOOP
    EXECUTE format('UPDATE finsim.%I SET id = id', t);
  END LOOP;
END $$;
CREATE TEMP TABLE stale ON COMMIT DROP AS
  SELECT c.relname::text AS t,
         pg_temp.n(format('SELECT count(*) FROM finsim.%I WHERE updated_at <= %L',
                          c.relname, '2000-01-01 00:00+00')) AS n
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
   WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r' AND a.attname = 'updated_at';
SELECT is(ARRAY(SELECT t FROM stale WHERE n > 0 ORDER BY 1), '{}'::text[],
          'updated_at moved forward on UPDATE in every table that has it');

-- updated_at uses the wall clock (statement time), never the virtual clock.
UPDATE finsim.cloud_accounts SET virtual_time = '2031-01-01 00:00+00'
 WHERE id = '00000000-0000-4000-8000-0000000000a1';
UPDATE finsim.instances SET current_cpu = 5 WHERE instance_id = 'i-0fixture00000001';
SELECT ok((SELECT updated_at BETWEEN transaction_timestamp() AND statement_timestamp()
             FROM finsim.instances WHERE instance_id = 'i-0fixture00000001'),
          'updated_at is wall-clock time of the UPDATE');
SELECT cmp_ok((SELECT updated_at FROM finsim.instances WHERE instance_id = 'i-0fixture00000001'),
              '<', '2031-01-01 00:00+00'::timestamptz, 'updated_at is not virtual time');
-- An explicit updated_at in an UPDATE does not stick.
UPDATE finsim.volumes SET updated_at = '1999-01-01 00:00+00' WHERE volume_id = 'vol-0fixture000001';
SELECT isnt((SELECT updated_at FROM finsim.volumes WHERE volume_id = 'vol-0fixture000001'),
            '1999-01-01 00:00+00'::timestamptz, 'updated_at cannot be set by hand on UPDATE');
-- A second hand-written row with a generated id is accepted as well.
SELECT lives_ok($$INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, state, monthly_cost)
                  VALUES ('00000000-0000-4000-8000-0000000000a1', 'vol-0fixture000002', 50, 'gp3', 'available', 4)$$,
                'a volume with only some guide columns is accepted');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events
            WHERE account_id = '00000000-0000-4000-8000-0000000000a1'), 1,
          'no audit events from unwatched changes (only the hand-written one)');

SELECT * FROM finish();
ROLLBACK;
