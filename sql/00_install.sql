-- The extension installs cleanly, with pg_cron beside it, and exposes 27 tables.
CREATE EXTENSION finsim;
CREATE EXTENSION pg_cron;
SELECT count(*) AS tables FROM pg_tables WHERE schemaname = 'finsim';
SELECT extversion FROM pg_extension WHERE extname = 'finsim';
