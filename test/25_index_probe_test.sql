-- Another account's access key ids and account names cannot be probed through an index.
--
-- Row-level security filters an agent's rows, but a leakproof condition of the agent's own
-- query (texteq: access_key_id = 'X') may be evaluated first, as an index condition; a
-- unique index on the plain column then fetched the other tenant's row, and
-- EXPLAIN (ANALYZE)'s "Rows Removed by Filter: 1" told that the key id (or account name)
-- exists — enough to enumerate key ids and lock other tenants' keys with 5 bad logins.
-- Their unique indexes are on lower(col COLLATE "C"), which is not leakproof: the planner
-- keeps an agent's condition on it above the policy's filter.  As an agent of account A
-- (enable_seqscan off, so any usable index is used), every probe of B's key id, B's name
-- or B's id gives the same plan and the same counts as a probe of a value that exists
-- nowhere.
BEGIN;
SELECT plan(30);

GRANT ALL ON ALL TABLES IN SCHEMA pg_temp TO PUBLIC;
GRANT ALL ON ALL SEQUENCES IN SCHEMA pg_temp TO PUBLIC;
CREATE ROLE tap_agent NOLOGIN IN ROLE finsim_agent;

INSERT INTO finsim.cloud_accounts (id, name) VALUES
  ('0a000000-0000-4000-8000-00000000000a', 'tap-probe-a'),
  ('0b000000-0000-4000-8000-00000000000b', 'tap-probe-b');
CREATE TEMP TABLE k AS
  SELECT 'A' AS acct, c.* FROM finsim.create_api_client('0a000000-0000-4000-8000-00000000000a', 'probe a') c
  UNION ALL
  SELECT 'B', c.* FROM finsim.create_api_client('0b000000-0000-4000-8000-00000000000b', 'probe b') c;
-- More keys in B, so a probe that reached B's rows would have several to find.
SELECT count(*) FROM generate_series(1, 5) i, finsim.create_api_client('0b000000-0000-4000-8000-00000000000b', 'probe b ' || i) c;
GRANT SELECT ON k TO PUBLIC;
ANALYZE finsim.api_clients;
ANALYZE finsim.cloud_accounts;

-- EXPLAIN (ANALYZE) of q (a format() string) with the literal v, v (and its lower case)
-- shown as <v>: the plan, its row counts and "Rows Removed by Filter" lines.
CREATE FUNCTION pg_temp.analyzed(q text, v text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  line text;
  out text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || format(q, v) LOOP
    out := out || replace(replace(line, v, '<v>'), lower(v), '<v>') || E'\n';
  END LOOP;
  RETURN out;
END $$;

-- The probes: an agent's conditions on the key id, the name and the id, as equality, range,
-- list and in the index's own expression.
CREATE TEMP TABLE key_probes (q text);
INSERT INTO key_probes VALUES
  ($$SELECT 1 FROM finsim.api_clients WHERE access_key_id = %L$$),
  ($$SELECT 1 FROM finsim.api_clients WHERE access_key_id BETWEEN %1$L AND %1$L$$),
  ($$SELECT 1 FROM finsim.api_clients WHERE access_key_id IN (%L, 'AKIAZZZZZZZZZZZZZZZZ')$$),
  ($$SELECT 1 FROM finsim.api_clients WHERE lower(access_key_id COLLATE "C") = lower(%L COLLATE "C")$$),
  ($$SELECT 1 FROM finsim.api_clients WHERE lower(access_key_id COLLATE "C") = lower(%1$L COLLATE "C") AND access_key_id = %1$L$$),
  ($$SELECT 1 FROM finsim.api_clients WHERE lower(access_key_id) = lower(%L)$$);
CREATE TEMP TABLE name_probes (q text);
INSERT INTO name_probes VALUES
  ($$SELECT 1 FROM finsim.cloud_accounts WHERE name = %L$$),
  ($$SELECT 1 FROM finsim.cloud_accounts WHERE name BETWEEN %1$L AND %1$L$$),
  ($$SELECT 1 FROM finsim.cloud_accounts WHERE name IN (%L, 'tap-probe-zzz')$$),
  ($$SELECT 1 FROM finsim.cloud_accounts WHERE lower(name COLLATE "C") = lower(%L COLLATE "C")$$),
  ($$SELECT 1 FROM finsim.cloud_accounts WHERE lower(name) = lower(%L)$$);
CREATE TEMP TABLE id_probes (q text);
INSERT INTO id_probes VALUES
  ($$SELECT 1 FROM finsim.cloud_accounts WHERE id = %L::uuid$$),
  ($$SELECT 1 FROM finsim.cloud_accounts WHERE id BETWEEN %1$L::uuid AND %1$L::uuid$$),
  ($$SELECT 1 FROM finsim.cloud_accounts WHERE id IN (%L::uuid, '0c000000-0000-4000-8000-00000000000c')$$);
GRANT SELECT ON key_probes, name_probes, id_probes TO PUBLIC;

SET ROLE tap_agent;
SELECT is(finsim.login(k.access_key_id, k.secret), '0a000000-0000-4000-8000-00000000000a'::uuid, 'the agent logs in to A')
  FROM k WHERE k.acct = 'A';
SET LOCAL enable_seqscan = off;

SELECT is(pg_temp.analyzed(p.q, (SELECT access_key_id FROM k WHERE acct = 'B')),
          pg_temp.analyzed(p.q, 'AKIANOSUCHKEY0000000'),
          'agent of A: B''s key id looks like no key: ' || p.q)
  FROM key_probes p;
SELECT is(pg_temp.analyzed(p.q, 'tap-probe-b'), pg_temp.analyzed(p.q, 'tap-probe-nobody'),
          'agent of A: B''s name looks like no account: ' || p.q)
  FROM name_probes p;
SELECT is(pg_temp.analyzed(p.q, '0b000000-0000-4000-8000-00000000000b'),
          pg_temp.analyzed(p.q, '0d000000-0000-4000-8000-00000000000d'),
          'agent of A: B''s id looks like no account: ' || p.q)
  FROM id_probes p;

-- The agent's own rows are still found (the probes above are not vacuous).
SELECT is((SELECT count(*)::int FROM finsim.api_clients c JOIN k ON k.access_key_id = c.access_key_id WHERE k.acct = 'A'),
          1, 'the agent finds its own key by its id');
SELECT is((SELECT count(*)::int FROM finsim.cloud_accounts WHERE name = 'tap-probe-a'), 1, 'and its account by name');
-- Statistics: pg_stats hides tables under row-level security, and an expression index's
-- statistics (lower(access_key_id) …) belong to the index, which agents may not read.  (The
-- planner's estimates are another matter: below.)
SELECT is((SELECT count(*)::int FROM pg_stats WHERE schemaname = 'finsim'
            AND tablename IN ('api_clients', 'cloud_accounts', 'api_clients_access_key_id_key', 'cloud_accounts_name_key')),
          0, 'an agent reads no statistics of api_clients, cloud_accounts or their unique indexes');
RESET ROLE;
RESET enable_seqscan;

-- The planner estimates an agent's leakproof conditions (text <, uuid =) from statistics of
-- every account's rows, and EXPLAIN shows the estimate.  Key ids and account names, and their
-- index expressions, have none (SET STATISTICS 0), so their estimates are defaults.
SELECT is((SELECT count(*)::int FROM pg_statistic s JOIN pg_attribute a ON a.attrelid = s.starelid AND a.attnum = s.staattnum
            WHERE (s.starelid, a.attname) IN (('finsim.api_clients'::regclass, 'access_key_id'), ('finsim.cloud_accounts'::regclass, 'name'))
               OR s.starelid IN ('finsim.api_clients_access_key_id_key'::regclass, 'finsim.cloud_accounts_name_key'::regclass)),
          0, 'ANALYZE keeps no statistics of key ids, account names or their index expressions');
SELECT ok((SELECT count(*) FROM pg_statistic s WHERE s.starelid = 'finsim.api_clients'::regclass) > 0,
          'while api_clients'' other columns have statistics (the check above is not vacuous)');

-- finsim's own lookups (login, create_account, the client) use the indexes.
SET LOCAL enable_seqscan = off;
SELECT matches(pg_temp.analyzed($$SELECT 1 FROM finsim.api_clients WHERE lower(access_key_id COLLATE "C") = lower(%1$L COLLATE "C") AND access_key_id = %1$L$$,
                                (SELECT access_key_id FROM k WHERE acct = 'B')),
               'Index (Only )?Scan using api_clients_access_key_id_key', 'the key id lookup of finsim.login uses the unique index');
SELECT matches(pg_temp.analyzed($$SELECT 1 FROM finsim.cloud_accounts WHERE lower(name COLLATE "C") = lower(%L COLLATE "C")$$, 'tap-probe-b'),
               'Index (Only )?Scan using cloud_accounts_name_key', 'the name lookup of finsim.create_account uses the unique index');
RESET enable_seqscan;

-- Uniqueness stays global, and ignores (ASCII) case.
SELECT throws_ok(format($$INSERT INTO finsim.api_clients (account_id, name, access_key_id, secret_key_hash)
                          VALUES ('0a000000-0000-4000-8000-00000000000a', 'dup', %L, 'x')$$,
                        (SELECT access_key_id FROM k WHERE acct = 'B')),
                 '23505', NULL, 'an access key id is unique across accounts');
SELECT throws_ok(format($$INSERT INTO finsim.api_clients (account_id, name, access_key_id, secret_key_hash)
                          VALUES ('0a000000-0000-4000-8000-00000000000a', 'dup', %L, 'x')$$,
                        (SELECT lower(access_key_id) FROM k WHERE acct = 'B')),
                 '23505', NULL, 'an access key id is unique ignoring case');
SELECT throws_ok($$INSERT INTO finsim.cloud_accounts (name) VALUES ('TAP-Probe-B')$$, '23505', NULL,
                 'an account name is unique ignoring case');
SELECT lives_ok($$INSERT INTO finsim.cloud_accounts (name) VALUES ('tap-probe-é'), ('tap-probe-É')$$,
                'case folding is ASCII only (the same in every collation): é and É are different names');

-- Every finsim index that does not lead with the tenant key (account_id; id on
-- cloud_accounts) is listed here, each reviewed for this leak: a condition an agent writes
-- must not be able to use it as an index condition ahead of the policy.
SELECT is(ARRAY(SELECT i.indexrelid::regclass::text
                  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                 WHERE t.relnamespace = 'finsim'::regnamespace
                   AND (i.indkey[0] = 0
                        OR (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[0])
                           <> CASE WHEN t.relname = 'cloud_accounts' THEN 'id' ELSE 'account_id' END)
                 ORDER BY 1),
          ARRAY['finsim.api_clients_access_key_id_key', 'finsim.cloud_accounts_name_key',
                'finsim.elastic_ips_tags_idx', 'finsim.instances_tags_idx', 'finsim.log_groups_tags_idx',
                'finsim.metrics_daily_payload_idx', 'finsim.s3_buckets_tags_idx', 'finsim.snapshots_tags_idx',
                'finsim.volumes_tags_idx'],
          'the indexes that do not lead with the tenant key are the two unique expression indexes and the GIN indexes');
SELECT is(ARRAY(SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                 WHERE i.indexrelid IN ('finsim.api_clients_access_key_id_key'::regclass, 'finsim.cloud_accounts_name_key'::regclass)
                 ORDER BY 1),
          ARRAY['CREATE UNIQUE INDEX api_clients_access_key_id_key ON finsim.api_clients USING btree (lower((access_key_id COLLATE "C")))',
                'CREATE UNIQUE INDEX cloud_accounts_name_key ON finsim.cloud_accounts USING btree (lower((name COLLATE "C")))'],
          'the unique indexes on key ids and names are on lower(col COLLATE "C")');
SELECT is((SELECT proleakproof FROM pg_proc WHERE oid = 'pg_catalog.lower(text)'::regprocedure), false,
          'lower(text) is not leakproof (so row-level security filters before it)');
SELECT is((SELECT array_agg(DISTINCT o.oprname ORDER BY o.oprname)
             FROM pg_index i JOIN pg_opclass oc ON oc.oid = ANY (i.indclass::oid[])
             JOIN pg_amop ao ON ao.amopfamily = oc.opcfamily
             JOIN pg_operator o ON o.oid = ao.amopopr JOIN pg_proc p ON p.oid = o.oprcode
            WHERE i.indrelid IN (SELECT c.oid FROM pg_class c WHERE c.relnamespace = 'finsim'::regnamespace)
              AND (SELECT am.amname FROM pg_class ic JOIN pg_am am ON am.oid = ic.relam WHERE ic.oid = i.indexrelid) = 'gin'
              AND p.proleakproof),
          NULL::name[], 'no operator of finsim''s GIN indexes is leakproof');

SELECT * FROM finish();
ROLLBACK;
