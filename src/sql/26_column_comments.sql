-- Comments on the columns finsim adds to the guide's tables (the guide's own columns keep
-- the guide's meaning; see its schema).  Columns already commented next to their table
-- keep that comment.

-- Columns shared by many tables, commented wherever they occur.
DO $shared$
DECLARE
  c record;
BEGIN
  FOR c IN
    SELECT a.attrelid, a.attname, format('%I.%I.%I', n.nspname, r.relname, a.attname) AS col, r.relname
      FROM pg_attribute a
      JOIN pg_class r ON r.oid = a.attrelid AND r.relkind = 'r'
      JOIN pg_namespace n ON n.oid = r.relnamespace AND n.nspname = 'finsim'
     WHERE a.attnum > 0 AND NOT a.attisdropped
       AND r.oid IN (SELECT finsim._members('pg_class'))
       AND a.attname IN ('account_id', 'optimization_policy', 'optimization_freeze_until',
                         'created_at', 'updated_at')
       AND col_description(a.attrelid, a.attnum) IS NULL
  LOOP
    EXECUTE format('COMMENT ON COLUMN %s IS %L', c.col, CASE c.attname
      WHEN 'account_id' THEN 'The account (finsim.cloud_accounts.id) this row belongs to: part of every key and foreign key, and what row-level security filters on.'
      WHEN 'optimization_policy' THEN 'auto_safe: agents may act; recommend_only: actions become recommendations; ignore: never reported by waste detection, actions refused.'
      WHEN 'optimization_freeze_until' THEN 'Agent actions on this resource are refused until this virtual time (waste findings report it with frozen = true).'
      WHEN 'created_at' THEN 'Wall-clock time the row was inserted (bookkeeping, not simulated time).'
      WHEN 'updated_at' THEN 'Wall-clock time of the row''s last update, kept by the touch_updated_at trigger (bookkeeping, not simulated time).'
    END);
  END LOOP;
END
$shared$;

COMMENT ON COLUMN finsim.cloud_accounts.resources_requested IS 'The size passed to finsim.create_account (0 for accounts written by hand).';
COMMENT ON COLUMN finsim.cloud_accounts.start_date IS 'Virtual date the account''s clock started on (create_account''s start_date).';
COMMENT ON COLUMN finsim.cloud_accounts.baseline_at IS 'Virtual time baseline_run_rate was taken.';
COMMENT ON COLUMN finsim.cloud_accounts.ticks IS 'Virtual days simulated by finsim.drift_tick so far.';
COMMENT ON COLUMN finsim.api_clients.secret_key_hash IS 'Salted PBKDF2-HMAC-SHA256 hash of the secret (the secret itself is never stored); not readable by agents.';
COMMENT ON COLUMN finsim.api_clients.revoked_at IS 'Virtual time the key was revoked (revoke_api_client); a revoked key cannot log in.';
COMMENT ON COLUMN finsim.instances.last_active_at IS 'Virtual time of the instance''s last active day (CPU at least 5 %); stopped_instance counts from it.';
COMMENT ON COLUMN finsim.volumes.provisioned_iops IS 'Provisioned IOPS (io1/io2); NULL for volume types without provisioned IOPS. Audited: a change is a resource_change_events row.';
COMMENT ON COLUMN finsim.resource_change_events.reason IS 'Why the change was made: the agent''s reason given to apply_action, or the drift engine''s description of the event.';
COMMENT ON COLUMN finsim.recommendations.status IS 'open, accepted, applied, dismissed or expired (expired by finsim.expire_recommendations when the resource or the finding behind it is gone).';
COMMENT ON COLUMN finsim.recommendations.reason IS 'The reason given to apply_action, or later to dismiss_recommendation.';
