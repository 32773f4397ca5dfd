BEGIN;
SELECT plan(1);
SELECT is((SELECT count(*)::int FROM pg_tables WHERE schemaname = 'finsim'), 27, 'finsim has 27 tables');
SELECT * FROM finish();
ROLLBACK;
