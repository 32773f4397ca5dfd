-- How detection is planned: finsim.waste_findings() and the per-area functions are inlined
-- into the caller's query (no function scan, no tuplestore), and finsim's planner hook
-- (src/pg/detection_jit.cpp) keeps JIT off for plans that call detection functions, while other
-- queries keep the session's JIT setting.
BEGIN;
\ir fixtures/waste_estate.sql
SELECT plan(8);

\ir fixtures/plan_of.sql

SELECT doesnt_match(pg_temp.plan_of('SELECT * FROM finsim.waste_findings()'),
  'Function Scan on (waste_findings|_waste)',
  'waste_findings() is inlined: no function scan of it or of a runner (no materialised result)');
-- Seq, index or bitmap scan, whichever the statistics of the moment favour.
SELECT matches(pg_temp.plan_of('SELECT * FROM finsim.waste_findings()'), 'Scan (using \S+ )?on instances r\M',
  'the inlined plan scans the resource tables itself');
SELECT doesnt_match(pg_temp.plan_of($$SELECT * FROM finsim.instance_waste('aaaaaaaa-0000-0000-0000-000000000001')$$),
  'Function Scan on (instance_waste|_instance_waste_q|_waste)', 'a per-area function is inlined too');

-- JIT on for everything that costs anything
SET LOCAL jit = on;
SET LOCAL jit_above_cost = 0;
SET LOCAL jit_inline_above_cost = -1;
SET LOCAL jit_optimize_above_cost = -1;

SELECT CASE WHEN pg_jit_available()
  THEN alike(pg_temp.plan_of('SELECT count(*) FROM finsim.instances WHERE avg_cpu_7d < 5'), '%JIT%',
            'control: an ordinary query is still JIT-compiled when the session asks for it')
  ELSE skip('JIT is not available on this server') END;
SELECT unalike(pg_temp.plan_of('SELECT * FROM finsim.waste_findings()'), '%JIT%',
  'waste_findings() is planned without JIT whatever the session''s JIT settings');
SELECT unalike(pg_temp.plan_of('SELECT count(*) FROM (SELECT 1 FROM finsim.waste_findings() WHERE est_monthly_savings > 0) x'),
  '%JIT%', 'also when it is nested in a sub-select of the caller''s query');
SELECT unalike(pg_temp.plan_of('SELECT * FROM finsim.waste_summary()'), '%JIT%',
  'waste_summary() (which inlines waste_findings) is planned without JIT');
SELECT unalike(pg_temp.plan_of($$SELECT * FROM finsim.volume_waste(NULL)$$), '%JIT%',
  'a per-area function is planned without JIT');

SELECT * FROM finish();
ROLLBACK;
