-- The account's virtual clock.

CREATE FUNCTION finsim.now(account_id uuid) RETURNS timestamptz
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  t timestamptz;
BEGIN
  IF account_id IS NULL THEN
    RAISE EXCEPTION 'account_id must not be NULL' USING ERRCODE = '22004';
  END IF;
  SELECT a.virtual_time INTO t FROM finsim.cloud_accounts a WHERE a.id = now.account_id;
  IF t IS NULL THEN
    RAISE EXCEPTION 'account % does not exist', account_id
      USING ERRCODE = '22023', HINT = 'List accounts with: SELECT id, name FROM finsim.cloud_accounts;';
  END IF;
  RETURN t;
END
$$;
COMMENT ON FUNCTION finsim.now(uuid) IS
  'The account''s virtual clock: advanced exactly one day per simulated day by finsim.drift_tick(). Every simulated time (launch_time, changed_at, daily dates, freezes, detection windows) reads it.';
