-- The drift engine: one virtual day per tick (src/drift/, src/core/drift_model.*),
-- and its pg_cron schedule.

-- The 7-day recomputation reads one table's rows of the last 7 days.
CREATE INDEX metrics_daily_type_date_idx ON finsim.metrics_daily (account_id, resource_type, date);

-- Per-row helpers used inside the engine's set-based statements (not for PUBLIC).
CREATE FUNCTION finsim._drift_metrics(seed bigint, rid text, kind text, env text, day integer, anchor integer,
                                      cpu float8, memory float8, network float8, disk float8,
                                      extra float8, extra2 float8)
  RETURNS float8[] LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
  AS 'MODULE_PATHNAME', 'finsim_drift_metrics';
COMMENT ON FUNCTION finsim._drift_metrics(bigint, text, text, text, integer, integer, float8, float8, float8, float8, float8, float8) IS
  'Drift model: one day of a resource {cpu_avg, cpu_max, memory_avg, network, disk, extra, extra2} from (seed, id, kind, env, day number, first day) continuing its levels before the day (7-day means: cpu, memory, disk %, network MB/s, extra per day, extra2; -1 unknown).';
CREATE FUNCTION finsim._drift_s3(seed bigint, rid text, day integer, prev_standard float8, prev_ia float8,
                                 prev_glacier float8, prev_requests float8, ia_days integer,
                                 glacier_days integer, expire_days integer)
  RETURNS float8[] LANGUAGE c IMMUTABLE PARALLEL SAFE
  AS 'MODULE_PATHNAME', 'finsim_drift_s3';
COMMENT ON FUNCTION finsim._drift_s3(bigint, text, integer, float8, float8, float8, float8, integer, integer, integer) IS
  'Drift model: one day of an S3 bucket {standard, ia, glacier, requests} from yesterday''s tiers and requests and its lifecycle days.';
CREATE FUNCTION finsim._drift_logs(seed bigint, rid text, env text, day integer, prev_stored float8, retention_days integer,
                                   level float8, level_days integer)
  RETURNS float8[] LANGUAGE c IMMUTABLE PARALLEL SAFE
  AS 'MODULE_PATHNAME', 'finsim_drift_logs';
COMMENT ON FUNCTION finsim._drift_logs(bigint, text, text, integer, float8, integer, float8, integer) IS
  'Drift model: one day of a log group {ingested_gb, stored_gb} from yesterday''s stored volume, its retention and its level (mean ingestion over the level_days days before the day).';
CREATE FUNCTION finsim._drift_unit(seed bigint, key text, what text) RETURNS float8
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_drift_unit';
COMMENT ON FUNCTION finsim._drift_unit(bigint, text, text) IS 'Drift model: a seeded uniform draw in [0,1) named by (seed, key, what).';
-- Inlined into the tick's data-transfer statement (STABLE, as to_char is), for today and
-- for each stored day the pair's level is taken over.
CREATE FUNCTION finsim._drift_transfer_factor(seed bigint, pair text, day date) RETURNS float8
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT (CASE WHEN extract(isodow FROM day) >= 6 THEN 0.7 ELSE 1 END)
               * (0.9 + 0.2 * finsim._drift_unit(seed, pair, to_char(day, 'YYYY-MM-DD'))) $$;
COMMENT ON FUNCTION finsim._drift_transfer_factor(bigint, text, date) IS
  'Drift model: a data-transfer pair''s factor of a day: the weekday rhythm (weekends 0.7) x noise (0.9-1.1, drawn per pair and date).';
CREATE FUNCTION finsim._drift_lb_idle_day(seed bigint, rid text, anchor integer) RETURNS integer
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_drift_lb_idle_day';
COMMENT ON FUNCTION finsim._drift_lb_idle_day(bigint, text, integer) IS 'Drift model: the day number a load balancer loses its traffic.';
CREATE FUNCTION finsim._drift_uuid(a text, b text, c text, d text) RETURNS uuid
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_drift_uuid';
COMMENT ON FUNCTION finsim._drift_uuid(text, text, text, text) IS 'Deterministic id of a row the drift engine writes (core::uuid_from).';
CREATE FUNCTION finsim._daily_row_id(parent_type text, parent_id text, day integer) RETURNS uuid
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_daily_row_id';
COMMENT ON FUNCTION finsim._daily_row_id(text, text, integer) IS 'Id of a parent''s row for a day (days since 1970-01-01) in a daily table (metrics_daily of a resource; usage of a bucket, log group or commitment): it leads with the parent''s own id and ends with the day, so a parent''s rows are neighbours in the primary key (core::daily_row_uuid).';
CREATE FUNCTION finsim._drift_price(service text, type text, region text) RETURNS float8
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_drift_price';
COMMENT ON FUNCTION finsim._drift_price(text, text, text) IS 'Catalog price of (service, type) in region; NULL when unknown.';
CREATE FUNCTION finsim._drift_lambda_cost(memory_mb float8, provisioned_concurrency float8,
                                          invocations_7d float8, avg_duration_ms_7d float8, region text)
  RETURNS numeric LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_drift_lambda_cost';
COMMENT ON FUNCTION finsim._drift_lambda_cost(float8, float8, float8, float8, text) IS
  'lambda_functions.estimated_monthly_cost priced by the rule of the _before_write trigger (rounded as stored); NULL when the catalog cannot price it. The tick re-prices with it the functions whose invocations_7d / avg_duration_ms_7d it moves.';

CREATE FUNCTION finsim.drift_tick(account_id uuid DEFAULT NULL, days integer DEFAULT 1)
  RETURNS TABLE (account_id uuid, virtual_date date, rows_written bigint, events bigint)
  LANGUAGE c VOLATILE CALLED ON NULL INPUT
  AS 'MODULE_PATHNAME', 'finsim_drift_tick';
COMMENT ON FUNCTION finsim.drift_tick(uuid, integer) IS
  'Simulates `days` virtual days (1..3650) of one account, or of every account when account_id is NULL: live metrics, metrics_daily and the *_7d columns, S3/log/transfer/commitment daily rows, drift events, pruning; then advances the account''s clock one day per day. Admin only. Runs in the caller''s transaction under a per-account row lock: a concurrent tick of the same account waits and then simulates the next day.';

-- Scheduling with pg_cron (optional: finsim installs and works without it).  The public
-- functions check the caller; finsim._cron_job (SECURITY DEFINER) makes the pg_cron call,
-- here or, through a background worker, in pg_cron's database (src/drift/cron.cpp).
CREATE FUNCTION finsim._cron_job(op text, schedule text) RETURNS text
  LANGUAGE c VOLATILE CALLED ON NULL INPUT SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'finsim_cron_job';
COMMENT ON FUNCTION finsim._cron_job(text, text) IS
  'Internal (finsim_admin only): op ''schedule'' creates or replaces the pg_cron job finsim-drift of this database (returns its id), op ''unschedule'' removes it (returns true/false); runs the pg_cron call in this database or, through a background worker, in cron.database_name, as the extension''s owner.';

CREATE FUNCTION finsim.schedule_drift(schedule text DEFAULT '*/5 * * * *') RETURNS bigint
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF schedule IS NULL OR btrim(schedule) = '' THEN
    RAISE EXCEPTION 'schedule must not be NULL or empty' USING ERRCODE = '22004',
      HINT = 'Use a cron expression such as ''*/5 * * * *'' (pg_cron 1.5+ also accepts ''30 seconds'').';
  END IF;
  IF NOT (SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)
          OR pg_has_role(current_user, 'finsim_admin', 'MEMBER')) THEN
    RAISE EXCEPTION 'permission denied for finsim.schedule_drift' USING ERRCODE = '42501',
      HINT = 'Only members of finsim_admin schedule the drift engine.';
  END IF;
  RETURN finsim._cron_job('schedule', schedule)::bigint;
END
$$;
COMMENT ON FUNCTION finsim.schedule_drift(text) IS
  'Creates or replaces the pg_cron job ''finsim-drift'' running SELECT finsim.drift_tick() on `schedule` (default every 5 minutes = one virtual day) in this database; returns the job id. Works whether pg_cron is installed in this database or in another one (cron.database_name: the job is created there with cron.schedule_in_database, in a transaction of its own). The job runs as the extension''s owner. Admins only.';

CREATE FUNCTION finsim.unschedule_drift() RETURNS boolean
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT (SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)
          OR pg_has_role(current_user, 'finsim_admin', 'MEMBER')) THEN
    RAISE EXCEPTION 'permission denied for finsim.unschedule_drift' USING ERRCODE = '42501',
      HINT = 'Only members of finsim_admin unschedule the drift engine.';
  END IF;
  RETURN finsim._cron_job('unschedule', NULL)::boolean;
END
$$;
COMMENT ON FUNCTION finsim.unschedule_drift() IS
  'Removes this database''s pg_cron job ''finsim-drift'' (wherever pg_cron lives); returns false when there was none. Admins only.';

GRANT EXECUTE ON FUNCTION finsim.drift_tick(uuid, integer) TO finsim_admin;
GRANT EXECUTE ON FUNCTION finsim.schedule_drift(text) TO finsim_admin;
GRANT EXECUTE ON FUNCTION finsim.unschedule_drift() TO finsim_admin;
REVOKE EXECUTE ON FUNCTION finsim.drift_tick(uuid, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION finsim.schedule_drift(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION finsim.unschedule_drift() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION finsim._cron_job(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION finsim._cron_job(text, text) TO finsim_admin;
-- drift_tick runs as its caller: admins need the internal helpers.
GRANT EXECUTE ON FUNCTION finsim._drift_metrics(bigint, text, text, text, integer, integer, float8, float8, float8, float8, float8, float8),
  finsim._drift_s3(bigint, text, integer, float8, float8, float8, float8, integer, integer, integer),
  finsim._drift_logs(bigint, text, text, integer, float8, integer, float8, integer),
  finsim._drift_unit(bigint, text, text), finsim._drift_transfer_factor(bigint, text, date),
  finsim._drift_lb_idle_day(bigint, text, integer),
  finsim._drift_uuid(text, text, text, text), finsim._daily_row_id(text, text, integer),
  finsim._drift_price(text, text, text),
  finsim._drift_lambda_cost(float8, float8, float8, float8, text)
  TO finsim_admin;
