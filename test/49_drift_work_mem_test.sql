-- finsim.drift_work_mem: the work_mem drift_tick's statements run with (default 64 MB), the
-- bound of the tick's private memory; the session's own work_mem is back after the call.
-- Seen from inside the tick by a trigger an operator could add to a usage table.
BEGIN;
SELECT plan(9);

\ir fixtures/err.sql

INSERT INTO finsim.cloud_accounts (id, name, virtual_time, seed)
VALUES ('49000000-0000-0000-0000-000000000001', 'tap-drift-work-mem', '2026-03-02 00:00+00', 7);
INSERT INTO finsim.s3_buckets (id, account_id, name, env)
VALUES ('49100000-0000-0000-0000-000000000001', '49000000-0000-0000-0000-000000000001', 'bucket-wm', 'prod');

CREATE TABLE pg_temp.seen (work_mem text);
CREATE FUNCTION pg_temp.note_work_mem() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pg_temp.seen VALUES (current_setting('work_mem'));
  RETURN NEW;
END $$;
CREATE TRIGGER note_work_mem BEFORE INSERT ON finsim.s3_bucket_usage_daily
  FOR EACH ROW EXECUTE FUNCTION pg_temp.note_work_mem();

SELECT is(current_setting('finsim.drift_work_mem'), '64MB', 'default 64MB');
SET LOCAL work_mem = '4MB';
SELECT is((SELECT count(*)::int FROM finsim.drift_tick('49000000-0000-0000-0000-000000000001')), 1, 'a tick');
SELECT is((SELECT string_agg(work_mem, ',') FROM pg_temp.seen), '64MB', '... ran with work_mem = 64MB');
SELECT is(current_setting('work_mem'), '4MB', '... and the session''s 4MB is back after it');

SET LOCAL finsim.drift_work_mem = '8MB';
SET LOCAL work_mem = '256MB';
DELETE FROM pg_temp.seen;
SELECT is((SELECT count(*)::int FROM finsim.drift_tick('49000000-0000-0000-0000-000000000001')), 1, 'a tick with finsim.drift_work_mem = 8MB');
SELECT is((SELECT string_agg(work_mem, ',') FROM pg_temp.seen), '8MB',
  '... ran with work_mem = 8MB, below the session''s 256MB: the setting bounds it');
SELECT is(current_setting('work_mem'), '256MB', '... and the session''s 256MB is back');

SELECT is(pg_temp.err($$SET finsim.drift_work_mem = '512kB'$$),
  '22023|512 kB is outside the valid range for parameter "finsim.drift_work_mem" (1024 .. 2147483647)||',
  'below 1MB: 22023');
SET LOCAL ROLE finsim_admin;
SELECT is(pg_temp.err($$SET finsim.drift_work_mem = '16MB'$$),
  '42501|permission denied to set parameter "finsim.drift_work_mem"||',
  'superuser only: a finsim_admin gets 42501');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
