-- Determinism across databases: the same (name, resources, seed, start_date) generated in a
-- second database (created here through dblink, dropped at the end) gives identical rows,
-- ids included.  Needs commits in the second database, hence its own file.
BEGIN;
SELECT plan(4);
CREATE EXTENSION IF NOT EXISTS dblink;

CREATE FUNCTION pg_temp.conn(db text) RETURNS text LANGUAGE sql AS $$
  SELECT format('host=%s port=%s dbname=%s user=%s',
                split_part(current_setting('unix_socket_directories'), ',', 1),
                current_setting('port'), db, current_user) $$;

-- The digest, installed identically in both databases.
CREATE TEMP TABLE digest_src(body text);
INSERT INTO digest_src VALUES ($src$
CREATE FUNCTION public.tap_estate_digest(acct uuid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  t record;
  part text;
  all_parts text := '';
BEGIN
  SELECT md5(string_agg((to_jsonb(a) - 'created_at' - 'updated_at')::text, '')) INTO part
    FROM finsim.cloud_accounts a WHERE a.id = acct;
  all_parts := all_parts || part;
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute x ON x.attrelid = c.oid
            WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r'
              AND x.attname = 'account_id' ORDER BY c.relname
  LOOP
    EXECUTE format($q$SELECT coalesce(md5(string_agg((to_jsonb(r) - 'updated_at' %s)::text, '' ORDER BY r.id)), '-')
                      FROM finsim.%I r WHERE r.account_id = $1$q$,
                   CASE WHEN t.relname = 'snapshots' THEN '' ELSE $x$- 'created_at'$x$ END, t.relname)
      INTO part USING acct;
    all_parts := all_parts || t.relname || ':' || part || ';';
  END LOOP;
  RETURN md5(all_parts);
END $$;
$src$);

SELECT dblink_exec(pg_temp.conn('postgres'), 'DROP DATABASE IF EXISTS finsim_generator_twin');
SELECT dblink_exec(pg_temp.conn('postgres'), 'CREATE DATABASE finsim_generator_twin');
SELECT dblink_exec(pg_temp.conn('finsim_generator_twin'), 'CREATE EXTENSION finsim CASCADE');
SELECT dblink_exec(pg_temp.conn('finsim_generator_twin'), body) FROM digest_src;
SELECT dblink_exec(pg_temp.conn('finsim_generator_twin'),
                   $sql$DO $do$ BEGIN PERFORM finsim.create_account('twin', 3000, 99, '2025-07-14'); END $do$$sql$);

DO $$ BEGIN EXECUTE (SELECT body FROM digest_src); END $$;
CREATE TEMP TABLE here AS SELECT finsim.create_account('twin', 3000, 99, '2025-07-14') AS id;
CREATE TEMP TABLE there AS
  SELECT * FROM dblink(pg_temp.conn('finsim_generator_twin'),
                       $$SELECT id::text, public.tap_estate_digest(id) FROM finsim.cloud_accounts WHERE name = 'twin'$$)
           AS t(id text, digest text);

SELECT is((SELECT id::text FROM here), (SELECT id FROM there), 'same inputs in another database: same account id');
SELECT is(public.tap_estate_digest((SELECT id FROM here)), (SELECT digest FROM there),
          'same inputs in another database: identical rows in every table, ids included');
SELECT cmp_ok((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = (SELECT id FROM here)), '>', 10000::bigint,
              'the compared estate includes its history');
SELECT isnt(public.tap_estate_digest(finsim.create_account('twin-2', 3000, 100, '2025-07-14')), NULL, 'digest defined');

SELECT dblink_exec(pg_temp.conn('postgres'), 'DROP DATABASE finsim_generator_twin');
SELECT * FROM finish();
ROLLBACK;
