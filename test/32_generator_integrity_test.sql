-- The generator writes with session_replication_role = replica (no ordinary triggers: no
-- foreign-key checks, no pricing trigger).  This file proves on generated estates that
-- nothing is lost by that:
--   (a) every foreign key of every finsim table holds (anti-joins built from pg_constraint,
--       so a new foreign key is covered automatically);
--   (b) the pricing trigger finsim._before_write would change nothing: every generated row of
--       every table that has the trigger, inserted again into a copy of its table WITH the
--       trigger, comes out unchanged; a no-op UPDATE (which fires it too) changes no column;
--   (c) on INSERT, no other ordinary trigger exists on finsim tables (so replica mode skips
--       nothing else), and create_account restores the caller's session_replication_role.
-- Rows are written by pg::TableWriter (heap multi-insert + index upkeep, no SQL) when the
-- caller has no row-level security (superusers), by INSERT otherwise (finsim_admin):
--   (d) both paths write identical rows; the executor path fills every index (amcheck:
--       every heap tuple has its btree entries; GIN: bitmap scan = sequential scan), and
--       enforces CHECK and unique constraints.
BEGIN;
SELECT plan(21);
CREATE EXTENSION IF NOT EXISTS amcheck;
\ir fixtures/estate_digest.sql

CREATE TEMP TABLE accts AS
  SELECT finsim.create_account('tap-integrity', 3000, 11, '2026-03-02') AS id
  UNION ALL SELECT finsim.create_account('tap-integrity-small', 60, 12, '2025-11-30');

-- (a) foreign keys --------------------------------------------------------------------------
-- One row per foreign key of a finsim table: how many rows of the child have every key
-- column non-NULL (MATCH SIMPLE) and no parent row.
CREATE FUNCTION pg_temp.fk_orphans() RETURNS TABLE (conname text, orphans bigint)
LANGUAGE plpgsql AS $$
DECLARE
  fk record;
BEGIN
  FOR fk IN
    SELECT c.conname::text AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
           string_agg(format('x.%I IS NOT NULL', ca.attname), ' AND ' ORDER BY k.ord) AS notnull,
           string_agg(format('p.%I = x.%I', pa.attname, ca.attname), ' AND ' ORDER BY k.ord) AS joins
      FROM pg_constraint c
      CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(ck, pk, ord)
      JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = k.ck
      JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.pk
     WHERE c.contype = 'f' AND c.connamespace = 'finsim'::regnamespace
     GROUP BY c.oid, c.conname, c.conrelid, c.confrelid
  LOOP
    conname := fk.name;
    EXECUTE format('SELECT count(*) FROM %s x WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)',
                   fk.child, fk.notnull, fk.parent, fk.joins) INTO orphans;
    RETURN NEXT;
  END LOOP;
END $$;

SELECT cmp_ok((SELECT count(*) FROM pg_temp.fk_orphans()), '>=', 27::bigint,
              'the anti-joins cover every foreign key (at least one per account table)');
SELECT cmp_ok((SELECT count(DISTINCT conrelid) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'finsim'::regnamespace),
              '>=', 26::bigint, 'every account table has a foreign key');
SELECT cmp_ok((SELECT count(*) FROM finsim.metrics_daily WHERE account_id IN (SELECT id FROM accts)), '>', 10000::bigint,
              'the checked estates include their history');
SELECT is((SELECT string_agg(conname || ': ' || orphans, ', ' ORDER BY conname) FROM pg_temp.fk_orphans() WHERE orphans > 0),
          NULL, 'generated estates: every foreign key of every finsim table holds');

-- The check can fail: an orphan written with the checks off is found.
SET LOCAL session_replication_role = replica;
INSERT INTO finsim.container_nodes
  SELECT (jsonb_populate_record(n, jsonb_build_object('cluster_id', '00000000-0000-0000-0000-00000000dead',
                                                       'id', '00000000-0000-0000-0000-00000000beef',
                                                       'instance_id', 'i-tap-orphan'))).*
    FROM finsim.container_nodes n WHERE n.account_id = (SELECT id FROM accts LIMIT 1) LIMIT 1;
RESET session_replication_role;
SELECT is((SELECT string_agg(conname, ', ') FROM pg_temp.fk_orphans() WHERE orphans > 0),
          'container_nodes_cluster_fkey', 'an orphan row is detected by the anti-joins');
DELETE FROM finsim.container_nodes WHERE id = '00000000-0000-0000-0000-00000000beef';

-- (b) the pricing trigger would change nothing -------------------------------------------------
CREATE TEMP TABLE priced_tables AS
  SELECT c.relname::text AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
   WHERE g.tgfoid = 'finsim._before_write'::regproc AND c.relnamespace = 'finsim'::regnamespace
     AND c.relname <> 'resource_change_events';  -- the generator writes no events
CREATE TEMP TABLE replay (t text, generated bigint, replayed bigint, differing bigint);

-- Every generated row inserted again into pg_temp.<t> (same columns; the trigger finds the
-- table's pricing rule by name) with finsim._before_write firing as on a normal INSERT.
DO $do$
DECLARE
  tbl text;
BEGIN
  FOR tbl IN SELECT p.t FROM priced_tables p LOOP
    EXECUTE format('CREATE TEMP TABLE %I (LIKE finsim.%I)', tbl, tbl);
    EXECUTE format('CREATE TRIGGER before_write BEFORE INSERT ON pg_temp.%I
                    FOR EACH ROW EXECUTE FUNCTION finsim._before_write()', tbl);
    EXECUTE format('INSERT INTO pg_temp.%I SELECT * FROM finsim.%I WHERE account_id IN (SELECT id FROM accts)', tbl, tbl);
    EXECUTE format($q$INSERT INTO replay
      SELECT %L, (SELECT count(*) FROM finsim.%I WHERE account_id IN (SELECT id FROM accts)),
             (SELECT count(*) FROM pg_temp.%I),
             (SELECT count(*) FROM pg_temp.%I n JOIN finsim.%I o USING (account_id, id) WHERE to_jsonb(n) <> to_jsonb(o))$q$,
      tbl, tbl, tbl, tbl, tbl);
  END LOOP;
END
$do$;

SELECT cmp_ok((SELECT count(*) FROM replay WHERE generated > 0), '>=', 14::bigint,
              'the replay covers every priced table the generator fills');
SELECT is((SELECT string_agg(t, ', ') FROM replay WHERE replayed <> generated), NULL,
          'every generated row of every priced table replayed');
SELECT is((SELECT string_agg(t || ': ' || differing, ', ') FROM replay WHERE differing > 0), NULL,
          'the pricing trigger changes no generated row on INSERT (costs, GPU shape, clock columns)');
SELECT is((SELECT count(*) FROM pg_temp.instances WHERE gpu_count > 0), (SELECT count(*) FROM finsim.instances WHERE account_id IN (SELECT id FROM accts) AND gpu_count > 0),
          'GPU shapes as the trigger fills them');

-- The replay can fail: a row whose cost was left NULL is priced by the trigger.
CREATE TEMP TABLE volumes_probe (LIKE finsim.volumes);
CREATE TRIGGER before_write BEFORE INSERT ON pg_temp.volumes_probe FOR EACH ROW EXECUTE FUNCTION finsim._before_write();
DROP TABLE pg_temp.volumes;
ALTER TABLE pg_temp.volumes_probe RENAME TO volumes;
INSERT INTO pg_temp.volumes SELECT (jsonb_populate_record(v, jsonb_build_object('monthly_cost', NULL))).* FROM finsim.volumes v
  WHERE v.account_id = (SELECT id FROM accts LIMIT 1) AND v.monthly_cost > 0 LIMIT 1;
SELECT ok((SELECT monthly_cost IS NOT NULL FROM pg_temp.volumes), 'the replay fires the pricing trigger (a NULL cost is filled)');

-- A no-op UPDATE (fires _before_write, touch_updated_at and audit) changes no column but
-- updated_at and writes no audit row.
CREATE TEMP TABLE before_update (t text, digest text);
CREATE TEMP TABLE events_before AS SELECT count(*) AS n FROM finsim.resource_change_events;
DO $do$
DECLARE
  tbl text;
  d text;
BEGIN
  FOR tbl IN SELECT p.t FROM priced_tables p LOOP
    EXECUTE format($q$SELECT md5(string_agg((to_jsonb(r) - 'updated_at')::text, '' ORDER BY r.id))
                      FROM finsim.%I r WHERE r.account_id IN (SELECT id FROM accts)$q$, tbl) INTO d;
    INSERT INTO before_update VALUES (tbl, d);
    EXECUTE format('UPDATE finsim.%I SET id = id WHERE account_id IN (SELECT id FROM accts)', tbl);
    EXECUTE format($q$SELECT md5(string_agg((to_jsonb(r) - 'updated_at')::text, '' ORDER BY r.id))
                      FROM finsim.%I r WHERE r.account_id IN (SELECT id FROM accts)$q$, tbl) INTO d;
    UPDATE before_update SET digest = CASE WHEN digest IS NOT DISTINCT FROM d THEN 'same' ELSE 'changed' END
     WHERE before_update.t = tbl;
  END LOOP;
END
$do$;
SELECT is((SELECT string_agg(t, ', ') FROM before_update WHERE digest <> 'same'), NULL,
          'a no-op UPDATE through the triggers changes no generated column (no re-pricing)');
SELECT is((SELECT count(*) FROM finsim.resource_change_events), (SELECT n FROM events_before),
          'and writes no audit event');

-- (c) nothing else is skipped, and the role is restored ---------------------------------------
SELECT is((SELECT string_agg(DISTINCT g.tgname, ', ') FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
            WHERE c.relnamespace = 'finsim'::regnamespace AND NOT g.tgisinternal AND g.tgtype & 4 <> 0),
          'before_write', 'the only ordinary INSERT trigger on finsim tables is the pricing trigger');
SELECT is(current_setting('session_replication_role'), 'origin',
          'create_account restores session_replication_role');

-- (d) the executor path ------------------------------------------------------------------------
CREATE TEMP TABLE paths (path text, d text);
GRANT ALL ON paths TO finsim_admin;
INSERT INTO paths SELECT 'executor', public.tap_estate_digest(finsim.create_account('tap-paths', 400, 5, '2026-02-01'));
SELECT lives_ok($$SELECT finsim.drop_account((SELECT id FROM finsim.cloud_accounts WHERE name = 'tap-paths'))$$,
                'estate written by the executor path (superuser) dropped');
SET LOCAL ROLE finsim_admin;
INSERT INTO paths SELECT 'insert', public.tap_estate_digest(finsim.create_account('tap-paths', 400, 5, '2026-02-01'));
RESET ROLE;
SELECT is((SELECT d FROM paths WHERE path = 'executor'), (SELECT d FROM paths WHERE path = 'insert'),
          'executor path (superuser) and INSERT path (finsim_admin, row-level security) write identical rows');

SELECT lives_ok($$SELECT bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    JOIN pg_am a ON a.oid = c.relam
                   WHERE c.relnamespace = 'finsim'::regnamespace AND a.amname = 'btree'$$,
                'every btree index of every finsim table holds an entry for every row (amcheck heapallindexed)');
CREATE TEMP TABLE gin_counts AS
  SELECT count(*) AS seq FROM finsim.metrics_daily WHERE metric_payload ? 'cpu_avg';
SET LOCAL enable_seqscan = off;
SET LOCAL enable_indexscan = off;
SELECT is((SELECT count(*) FROM finsim.metrics_daily WHERE metric_payload ? 'cpu_avg'), (SELECT seq FROM gin_counts),
          'the GIN index on metric_payload finds every generated row');
SELECT is((SELECT count(*) FROM finsim.instances WHERE tags ? 'team'),
          (SELECT count(*) FROM finsim.instances i WHERE (SELECT i.tags ? 'team')), 'the GIN index on instances.tags finds every tagged row');
RESET enable_seqscan;
RESET enable_indexscan;

ALTER TABLE finsim.volumes ADD CONSTRAINT tap_no_big_volumes CHECK (size_gib < 100) NOT VALID;
SELECT throws_ok($$SELECT finsim.create_account('tap-check', 300, 1, '2026-02-01')$$, '23514', NULL,
                 'the executor path enforces CHECK constraints');
ALTER TABLE finsim.volumes DROP CONSTRAINT tap_no_big_volumes;
DO $do$ BEGIN  -- one volume per type, for accounts created from now on
  EXECUTE format('CREATE UNIQUE INDEX tap_one_volume_type ON finsim.volumes (account_id, volume_type) WHERE account_id <> ALL (%L::uuid[])',
                 (SELECT array_agg(id) FROM finsim.cloud_accounts));
END $do$;
SELECT throws_ok($$SELECT finsim.create_account('tap-unique', 300, 1, '2026-02-01')$$, '23505', NULL,
                 'the executor path enforces unique indexes');
DROP INDEX finsim.tap_one_volume_type;

SELECT * FROM finish();
ROLLBACK;
