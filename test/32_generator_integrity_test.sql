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
BEGIN;
SELECT plan(14);

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

SELECT * FROM finish();
ROLLBACK;
