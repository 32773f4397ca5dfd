-- The generate_series floor of bench/generator.sh (the issue's floor): for every table, one
-- plain INSERT INTO finsim.<t> SELECT ... FROM generate_series(0, n - 1) g writing exactly as
-- many rows as create_account wrote there, into the same tables with the same indexes,
-- triggers and foreign keys.  Values are computed from g:
--   * id                      md5('<t>:' || g)::uuid
--   * foreign keys            the parent's id of ordinal g * n_parent / n (NULL stays NULL)
--   * one identifier column of every other unique key (name, *_id, *_arn, *_ip): value || '-' || g
--   * a date in a unique key without such a column: 2026-01-04 - (g % 100000) days (distinct
--     within a parent: the rows of one parent are consecutive values of g)
--   * every other column      from one of (at most) 1,000 sample rows of the generated estate
--                             (s.k = g % k), so CHECK constraints and price lookups hold.
-- Run with psql after create_account, BEFORE the tables are emptied: it creates
-- bench_sample.<t> and bench_sample.floor_sql (the statements, in table order); the bench
-- then empties the tables and runs the statements in one transaction.
--   psql -v tables="cloud_accounts api_clients ..." -f bench/generator_floor.sql
\set ON_ERROR_STOP 1
DROP SCHEMA IF EXISTS bench_sample CASCADE;
CREATE SCHEMA bench_sample;
CREATE TABLE bench_sample.floor_sql (ord int, tbl text, n bigint, sql text);
SELECT set_config('bench.tables', :'tables', false) \g /dev/null

DO $floor$
DECLARE
  tables text[] := regexp_split_to_array(btrim(current_setting('bench.tables')), '\s+');
  t text;
  ord int := 0;
  n bigint;
  k bigint;
  cols text;
  exprs text;
  c record;
  e text;
  uniq text[];     -- columns to make unique with || '-' || g
  days text[];     -- date columns to spread per parent
  fk record;
  np bigint;
BEGIN
  FOREACH t IN ARRAY tables LOOP
    ord := ord + 1;
    EXECUTE format('SELECT count(*) FROM finsim.%I', t) INTO n;
    EXECUTE format('CREATE TABLE bench_sample.%I AS SELECT (row_number() OVER () - 1) AS k_, s.* '
                   'FROM (SELECT * FROM finsim.%I LIMIT 1000) s', t, t);
    EXECUTE format('SELECT count(*) FROM bench_sample.%I', t) INTO k;
    IF n = 0 THEN
      CONTINUE;
    END IF;
    -- Unique keys other than the primary key: choose what to vary.
    uniq := '{}'; days := '{}';
    FOR c IN
      SELECT i.indexrelid,
             array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.atttypid = 'text'::regtype
                       AND a.attname ~ '(_id|name|_arn|_ip)$') AS idcols,
             array_agg(a.attname::text) FILTER (WHERE a.atttypid = 'date'::regtype) AS datecols
        FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
       WHERE i.indrelid = format('finsim.%I', t)::regclass AND i.indisunique AND NOT i.indisprimary
       GROUP BY i.indexrelid
    LOOP
      IF c.idcols IS NOT NULL THEN uniq := uniq || c.idcols[array_length(c.idcols, 1)];
      ELSIF c.datecols IS NOT NULL THEN days := days || c.datecols[1];
      ELSE RAISE EXCEPTION 'floor: no way to make a unique key of % unique', t;
      END IF;
    END LOOP;
    cols := ''; exprs := '';
    FOR c IN SELECT a.attname::text AS name, a.atttypid FROM pg_attribute a
              WHERE a.attrelid = format('finsim.%I', t)::regclass AND a.attnum > 0
                AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum
    LOOP
      SELECT con.confrelid::regclass::text AS parent INTO fk
        FROM pg_constraint con
        JOIN pg_attribute fa ON fa.attrelid = con.conrelid AND fa.attnum = ANY (con.conkey)
       WHERE con.conrelid = format('finsim.%I', t)::regclass AND con.contype = 'f'
         AND fa.attname = c.name AND c.name <> 'account_id';
      IF t = 'cloud_accounts' THEN
        e := format('s.%I', c.name);  -- the account row itself (one row)
      ELSIF c.name = 'account_id' THEN
        e := 's.account_id';
      ELSIF c.name = 'id' THEN
        e := format('md5(%L || g)::uuid', t || ':');
      ELSIF fk.parent IS NOT NULL THEN
        EXECUTE format('SELECT count(*) FROM %s', fk.parent) INTO np;
        e := format('CASE WHEN s.%I IS NULL THEN NULL ELSE md5(%L || (g * %s / %s))::uuid END',
                    c.name, replace(fk.parent, 'finsim.', '') || ':', np, n);
      ELSIF c.name = ANY (uniq) THEN
        e := format('s.%I || ''-'' || g', c.name);
      ELSIF c.name = ANY (days) THEN
        e := 'DATE ''2026-01-04'' - (g % 100000)::int';
      ELSE
        e := format('s.%I', c.name);
      END IF;
      cols := cols || CASE WHEN cols = '' THEN '' ELSE ', ' END || quote_ident(c.name);
      exprs := exprs || CASE WHEN exprs = '' THEN '' ELSE ', ' END || e;
    END LOOP;
    INSERT INTO bench_sample.floor_sql VALUES (ord, t, n, format(
      'INSERT INTO finsim.%I (%s) SELECT %s FROM generate_series(0::bigint, %s) g JOIN bench_sample.%I s ON s.k_ = g %% %s',
      t, cols, exprs, n - 1, t, k));
  END LOOP;
END
$floor$;
