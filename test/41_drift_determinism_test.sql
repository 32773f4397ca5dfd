-- Determinism: the same estate and the same ticks give identical rows, ids included.
BEGIN;
SET client_min_messages = warning;
\ir 40_drift_estate.psql
SELECT plan(6);

\ir fixtures/drift_digest.sql

SELECT pg_temp.drift_estate('drift41', 7) AS a \gset
SELECT count(*) FROM finsim.drift_tick(:'a', 40);
SELECT pg_temp.drift_digest(:'a') AS d1 \gset
SELECT ok((SELECT count(*) FROM finsim.metrics_daily WHERE account_id = :'a') > 400, 'forty days simulated');

-- Drop and rebuild the same estate, tick the same days.
DELETE FROM finsim.cloud_accounts WHERE id = :'a';
SELECT is(pg_temp.drift_estate('drift41', 7), :'a'::uuid, 'rebuilt the same account');
SELECT count(*) FROM finsim.drift_tick(:'a', 40);
SELECT is(pg_temp.drift_digest(:'a'), :'d1', 'same estate + same ticks = identical rows (ids included)');

-- Batching does not matter: forty one-day ticks equal one forty-day tick.
DELETE FROM finsim.cloud_accounts WHERE id = :'a';
SELECT pg_temp.drift_estate('drift41', 7);
SELECT format('DO $$ BEGIN FOR i IN 1..40 LOOP PERFORM finsim.drift_tick(%L); END LOOP; END $$', :'a') AS loop \gset
:loop;
SELECT is(finsim.now(:'a'), '2026-02-14 00:00+00'::timestamptz, 'forty one-day ticks advanced forty days');
SELECT is(pg_temp.drift_digest(:'a'), :'d1', 'forty 1-day ticks = one 40-day tick');

-- The seed matters (the digest can fail).
DELETE FROM finsim.cloud_accounts WHERE id = :'a';
SELECT pg_temp.drift_estate('drift41', 8);
SELECT count(*) FROM finsim.drift_tick(:'a', 40);
SELECT isnt(pg_temp.drift_digest(:'a'), :'d1', 'another seed gives another simulation');

SELECT * FROM finish();
ROLLBACK;
