-- Determinism across databases: the same (name, resources, seed, start_date) generated in a
-- second database (created here through dblink, dropped at the end) gives identical rows,
-- ids included.  Needs commits in the second database, hence its own file.
BEGIN;
SELECT plan(4);
\ir fixtures/dblink.sql
\ir fixtures/estate_digest.sql

SELECT dblink_exec(pg_temp.conn('postgres'), 'DROP DATABASE IF EXISTS finsim_generator_twin');
SELECT dblink_exec(pg_temp.conn('postgres'), 'CREATE DATABASE finsim_generator_twin');
SELECT dblink_exec(pg_temp.conn('finsim_generator_twin'), 'CREATE EXTENSION finsim CASCADE');
SELECT dblink_exec(pg_temp.conn('finsim_generator_twin'), pg_get_functiondef('public.tap_estate_digest(uuid)'::regprocedure));
SELECT dblink_exec(pg_temp.conn('finsim_generator_twin'),
                   $sql$DO $do$ BEGIN PERFORM finsim.create_account('twin', 3000, 99, '2025-07-14'); END $do$$sql$);

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
