-- Waste detection parity: finsim.waste_findings() (the compiled query, run by finsim._waste_run)
-- returns exactly the rows of the per-area SRFs together, and exactly the rows of the
-- registry's per-pattern plain queries (finsim._waste_sql) run one by one — the benchmark's
-- floor — on the hand-written estate plus a generated one; the same per account.
BEGIN;
\ir fixtures/waste_estate.sql
SELECT plan(6);

DO $$
BEGIN
  IF to_regprocedure('finsim.create_account(text,integer,bigint,date)') IS NOT NULL THEN
    EXECUTE $q$SELECT finsim.create_account('waste-parity-52', 2000, 52, current_date - 30)$q$;
  END IF;
END $$;

CREATE TEMP TABLE w52_all AS SELECT * FROM finsim.waste_findings();

SELECT cmp_ok((SELECT count(*) FROM w52_all), '>', 100::bigint,
  'the estates produce findings to compare');

-- every registry code belongs to exactly one per-area function
SELECT is((SELECT count(*) FROM (SELECT code FROM finsim._waste_registry() GROUP BY code
                                  HAVING count(DISTINCT area) <> 1) x), 0::bigint,
  'every pattern code is compiled into exactly one per-area function');

SELECT bag_eq('SELECT * FROM w52_all',
  (SELECT string_agg(format('SELECT * FROM finsim.%I()', area || '_waste'), ' UNION ALL ')
     FROM (SELECT DISTINCT area FROM finsim._waste_registry()) a),
  'waste_findings() = the union of the per-area functions (all accounts)');

SELECT bag_eq('SELECT * FROM w52_all',
  (SELECT string_agg('(' || sql || ')', ' UNION ALL ') FROM finsim._waste_sql('all')),
  'waste_findings() = the registry''s per-pattern plain queries run one by one (all accounts): same codes, savings, evidence, actions, policy and frozen');

SELECT bag_eq($$SELECT * FROM finsim.waste_findings('aaaaaaaa-0000-0000-0000-000000000001')$$,
  (SELECT string_agg('(' || replace(sql, '$1::uuid', '''aaaaaaaa-0000-0000-0000-000000000001''::uuid') || ')', ' UNION ALL ')
     FROM finsim._waste_sql('account')),
  'waste_findings(account) = the per-pattern plain queries for that account');

SELECT bag_eq($$SELECT * FROM finsim.instance_waste('aaaaaaaa-0000-0000-0000-000000000001')$$,
  (SELECT string_agg('(' || replace(sql, '$1::uuid', '''aaaaaaaa-0000-0000-0000-000000000001''::uuid') || ')', ' UNION ALL ')
     FROM finsim._waste_sql('account') WHERE area = 'instance'),
  'a per-area function for one account = its patterns'' plain queries for that account');

SELECT * FROM finish();
ROLLBACK;
