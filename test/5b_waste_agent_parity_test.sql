-- Waste detection for a logged-in agent, and the guide's six Waste Detection Queries one by
-- one, on two generated estates after drift days.
--  * RLS: an agent logged in to account A (finsim.login, finsim_agent role) sees exactly A's
--    findings — the same rows an admin gets from waste_findings(A) — and nothing of
--    account B, whether it names B or asks for every account, through waste_findings, the
--    per-area functions, waste_summary and the internal runner.
--  * Guide parity: each query, read as written (CURRENT_DATE as the virtual date; policy not
--    'ignore'), returns rows on these estates, and every row is in waste_findings() under
--    the matching pattern.  (test/51 checks the six together on a freshly generated estate.)
BEGIN;
SELECT plan(16);

SELECT finsim.create_account('waste-5b-a', 2000, 11, '2026-01-01') AS a \gset
SELECT finsim.create_account('waste-5b-b', 2000, 12, '2026-01-01') AS b \gset
SELECT count(*) FROM finsim.drift_tick(:'a', 2) \g /dev/null
SELECT count(*) FROM finsim.drift_tick(:'b', 2) \g /dev/null

CREATE ROLE waste_5b_agent;
GRANT finsim_agent TO waste_5b_agent;
\ir fixtures/as_key.sql
CREATE TEMP TABLE acct AS SELECT :'a'::uuid AS a, :'b'::uuid AS b;
GRANT SELECT ON acct TO PUBLIC;
-- stmt's first column, run as waste_5b_agent logged in to account A with a read key.
CREATE FUNCTION pg_temp.as_a(stmt text) RETURNS text LANGUAGE sql AS $$
  SELECT pg_temp.as_key((SELECT a FROM acct), 'waste_5b_agent', '{read:*}', stmt) $$;
-- A digest of a findings query's rows (order-independent).
CREATE FUNCTION pg_temp.digest(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE out text;
BEGIN
  EXECUTE format('SELECT count(*) || '':'' || coalesce(md5(string_agg(md5(x::text), '','' ORDER BY md5(x::text))), '''') FROM (%s) x', q)
    INTO out;
  RETURN out;
END $$;

-- RLS -----------------------------------------------------------------------------------------
SELECT cmp_ok((SELECT count(*) FROM finsim.waste_findings(:'b')), '>', 100::bigint,
  'account B has findings an agent of A must not see');
SELECT is(pg_temp.as_a($$SELECT pg_temp.digest('SELECT * FROM finsim.waste_findings()')$$),
          pg_temp.digest(format('SELECT * FROM finsim.waste_findings(%L)', :'a')),
  'agent of A, waste_findings(): exactly the rows an admin gets from waste_findings(A)');
SELECT is(pg_temp.as_a($$SELECT pg_temp.digest(format('SELECT * FROM finsim.waste_findings(%L)', (SELECT a FROM acct)))$$),
          pg_temp.digest(format('SELECT * FROM finsim.waste_findings(%L)', :'a')),
  'agent of A, waste_findings(A): the same rows');
SELECT is(pg_temp.as_a($$SELECT count(*)::text FROM finsim.waste_findings((SELECT b FROM acct))$$), '0',
  'agent of A, waste_findings(B): no rows');
SELECT is(pg_temp.as_a($$SELECT count(*)::text FROM finsim.waste_findings() WHERE account_id <> (SELECT a FROM acct)$$), '0',
  'agent of A, waste_findings(): no row of another account');
SELECT is(pg_temp.as_a((SELECT 'SELECT (' || string_agg(format('(SELECT count(*) FROM finsim.%I((SELECT b FROM acct)))', area || '_waste'), ' + ')
                                || ')::text' FROM (SELECT DISTINCT area FROM finsim._waste_registry()) x)),
          '0', 'agent of A, every per-area function for B: no rows');
SELECT is(pg_temp.as_a($$SELECT count(*)::text FROM finsim._waste_run('_waste_findings_q', (SELECT b FROM acct))$$), '0',
  'agent of A, the internal runner for B: no rows');
SELECT is(pg_temp.as_a($$SELECT pg_temp.digest('SELECT * FROM finsim.waste_summary()')$$),
          pg_temp.digest(format('SELECT * FROM finsim.waste_summary(%L)', :'a')),
  'agent of A, waste_summary(): A''s summary');
SELECT is(pg_temp.as_a($$SELECT count(*)::text FROM finsim.waste_summary((SELECT b FROM acct))$$), '0',
  'agent of A, waste_summary(B): empty');

-- Guide parity, query by query ------------------------------------------------------------------
CREATE TEMP TABLE f5b AS SELECT pattern, resource_id FROM finsim.waste_findings();
CREATE TEMP TABLE g5b (pattern text, query text);
INSERT INTO g5b VALUES
  ('idle_instance', $$SELECT id FROM finsim.instances WHERE state = 'running' AND avg_cpu_7d < 5 AND optimization_policy <> 'ignore'$$),
  ('unattached_volume', $$SELECT id FROM finsim.volumes WHERE state = 'available' AND optimization_policy <> 'ignore'$$),
  ('eip_unassociated', $$SELECT id FROM finsim.elastic_ips WHERE state = 'unassociated' AND optimization_policy <> 'ignore'$$),
  ('orphaned_snapshot', $$SELECT s.id FROM finsim.snapshots s LEFT JOIN finsim.volumes v ON s.source_volume_id = v.volume_id
                          WHERE v.id IS NULL AND s.optimization_policy <> 'ignore'$$),
  ('log_infinite_retention', $$SELECT id FROM finsim.log_groups WHERE retention_days IS NULL AND optimization_policy <> 'ignore'$$),
  ('commitment_underutilized', $$SELECT c.id FROM finsim.commitments c
                                 JOIN finsim.commitment_utilization_daily cud ON c.id = cud.commitment_id
                                 WHERE cud.utilization_percent < 80
                                   AND cud.date = (finsim.now(c.account_id) AT TIME ZONE 'UTC')::date - 1$$);
CREATE FUNCTION pg_temp.guide_ids(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN RETURN QUERY EXECUTE format('SELECT x.id::text FROM (%s) x(id) WHERE x.id IN (SELECT id FROM finsim.%s WHERE account_id IN (%L, %L))',
                                  q, CASE WHEN q ~ 'instances' THEN 'instances' WHEN q ~ 'volumes v' THEN 'snapshots'
                                          WHEN q ~ 'volumes' THEN 'volumes' WHEN q ~ 'elastic_ips' THEN 'elastic_ips'
                                          WHEN q ~ 'log_groups' THEN 'log_groups' ELSE 'commitments' END,
                                  (SELECT a FROM acct), (SELECT b FROM acct));
END $$;

SELECT is((SELECT count(*) FROM g5b g WHERE NOT EXISTS (SELECT 1 FROM pg_temp.guide_ids(g.query))), 0::bigint,
  'each of the six guide queries returns rows on the generated estates');
SELECT is_empty(format($$SELECT %L, x FROM pg_temp.guide_ids(%L) x EXCEPT SELECT pattern, resource_id FROM f5b WHERE pattern = %L$$,
                       g.pattern, g.query, g.pattern),
                format('guide query "%s": every row is a %s finding', g.pattern, g.pattern))
  FROM g5b g ORDER BY g.pattern;

SELECT * FROM finish();
ROLLBACK;
