-- The estate generator: create, summarise and drop simulated accounts.

CREATE FUNCTION finsim.create_account(name text, resources integer DEFAULT 500, seed bigint DEFAULT 1,
                                      start_date date DEFAULT current_date)
  RETURNS uuid
  LANGUAGE c VOLATILE
  AS 'MODULE_PATHNAME', 'finsim_create_account';
COMMENT ON FUNCTION finsim.create_account(text, integer, bigint, date) IS
  'Admin only. Creates an account named `name` (unique) with exactly `resources` resource rows (0..5,000,000) '
  'spread over every resource table, 14 virtual days of metrics_daily and *_daily history before start_date, '
  'and the guide''s waste patterns at believable rates next to healthy neighbours just across every threshold. '
  'Deterministic: the same (name, resources, seed, start_date) gives identical rows, ids included. '
  'The account''s clock starts at start_date 00:00 UTC. Atomic: on any error nothing is created. Returns the account id.';

CREATE FUNCTION finsim._drop_account_rows(account_id uuid) RETURNS bigint
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET session_replication_role = replica
AS $$
DECLARE
  t record;
  n bigint;
  total bigint := 0;
BEGIN
  -- The account row first, as drift_tick and actions take it: a running tick or action is
  -- waited for, rather than deadlocking with it table by table.
  PERFORM 1 FROM finsim.cloud_accounts a WHERE a.id = _drop_account_rows.account_id FOR UPDATE;
  -- Triggers (audit, costs) and per-row cascades are off (replica role): every table that
  -- holds account rows is emptied for this account directly, then the account row goes.
  FOR t IN SELECT c.relname FROM pg_catalog.pg_class c
             JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind IN ('r', 'p')
              AND c.oid IN (SELECT finsim._members('pg_class'))
              AND a.attname = 'account_id' AND NOT a.attisdropped
            ORDER BY c.relname
  LOOP
    EXECUTE format('DELETE FROM finsim.%I WHERE account_id = $1', t.relname) USING account_id;
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
  END LOOP;
  DELETE FROM finsim.cloud_accounts a WHERE a.id = _drop_account_rows.account_id;
  RETURN total;
END
$$;
COMMENT ON FUNCTION finsim._drop_account_rows(uuid) IS
  'Internal: deletes every row of one account in every finsim table, then the account (called by finsim.drop_account after its checks).';
GRANT EXECUTE ON FUNCTION finsim._drop_account_rows(uuid) TO finsim_admin;

CREATE FUNCTION finsim.drop_account(account_id uuid) RETURNS void
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT (pg_has_role(current_user, 'finsim_admin', 'MEMBER')
          OR (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user)) THEN
    RAISE EXCEPTION 'permission denied: only finsim administrators may manage accounts'
      USING ERRCODE = '42501', HINT = 'Run this as a superuser or a member of the finsim_admin role.';
  END IF;
  IF drop_account.account_id IS NULL THEN
    RAISE EXCEPTION 'account_id must not be NULL' USING ERRCODE = '22004';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM finsim.cloud_accounts a WHERE a.id = drop_account.account_id) THEN
    RAISE EXCEPTION 'account % does not exist', drop_account.account_id
      USING ERRCODE = '22023', HINT = 'List accounts with: SELECT id, name FROM finsim.cloud_accounts;';
  END IF;
  PERFORM finsim._drop_account_rows(drop_account.account_id);
END
$$;
COMMENT ON FUNCTION finsim.drop_account(uuid) IS
  'Admin only. Deletes the account and everything in it (every table''s rows of that account, history and audit included). NULL: 22004; unknown account: 22023.';

CREATE FUNCTION finsim.estate_summary(account_id uuid)
  RETURNS TABLE(resource_type text, resources bigint, monthly_run_rate numeric)
  -- VOLATILE so it sees an account created in the same statement:
  -- SELECT * FROM finsim.estate_summary(finsim.create_account('x')).
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  acct uuid := estate_summary.account_id;
BEGIN
  IF acct IS NULL THEN
    RAISE EXCEPTION 'account_id must not be NULL' USING ERRCODE = '22004';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM finsim.cloud_accounts a WHERE a.id = acct) THEN
    RAISE EXCEPTION 'account % does not exist', acct
      USING ERRCODE = '22023', HINT = 'List accounts with: SELECT id, name FROM finsim.cloud_accounts;';
  END IF;
  RETURN QUERY
  WITH counts(resource_type, resources) AS (
    SELECT 'instances', count(*) FROM finsim.instances x WHERE x.account_id = acct
    UNION ALL SELECT 'autoscaling_groups', count(*) FROM finsim.autoscaling_groups x WHERE x.account_id = acct
    UNION ALL SELECT 'lambda_functions', count(*) FROM finsim.lambda_functions x WHERE x.account_id = acct
    UNION ALL SELECT 'container_clusters', count(*) FROM finsim.container_clusters x WHERE x.account_id = acct
    UNION ALL SELECT 'container_nodes', count(*) FROM finsim.container_nodes x WHERE x.account_id = acct
    UNION ALL SELECT 'container_services', count(*) FROM finsim.container_services x WHERE x.account_id = acct
    UNION ALL SELECT 'volumes', count(*) FROM finsim.volumes x WHERE x.account_id = acct
    UNION ALL SELECT 'snapshots', count(*) FROM finsim.snapshots x WHERE x.account_id = acct
    UNION ALL SELECT 's3_buckets', count(*) FROM finsim.s3_buckets x WHERE x.account_id = acct
    UNION ALL SELECT 'rds_instances', count(*) FROM finsim.rds_instances x WHERE x.account_id = acct
    UNION ALL SELECT 'cache_clusters', count(*) FROM finsim.cache_clusters x WHERE x.account_id = acct
    UNION ALL SELECT 'load_balancers', count(*) FROM finsim.load_balancers x WHERE x.account_id = acct
    UNION ALL SELECT 'elastic_ips', count(*) FROM finsim.elastic_ips x WHERE x.account_id = acct
    UNION ALL SELECT 'log_groups', count(*) FROM finsim.log_groups x WHERE x.account_id = acct
    UNION ALL SELECT 'commitments', count(*) FROM finsim.commitments x WHERE x.account_id = acct
    UNION ALL SELECT 'managed_services', count(*) FROM finsim.managed_services x WHERE x.account_id = acct
    UNION ALL SELECT 'streaming_clusters', count(*) FROM finsim.streaming_clusters x WHERE x.account_id = acct
    UNION ALL SELECT 'api_clients', count(*) FROM finsim.api_clients x WHERE x.account_id = acct
  ), costs AS (
    SELECT c.resource_type, sum(c.monthly_cost) AS monthly_cost
      FROM finsim.resource_costs c WHERE c.account_id = acct GROUP BY c.resource_type
  )
  SELECT k.resource_type::text, k.resources::bigint, round(COALESCE(c.monthly_cost, 0), 2)
    FROM counts k LEFT JOIN costs c ON c.resource_type = k.resource_type
   ORDER BY COALESCE(c.monthly_cost, 0) DESC, k.resource_type;
END
$$;
COMMENT ON FUNCTION finsim.estate_summary(uuid) IS
  'Per resource table of the account: number of rows and monthly run-rate in USD (730 h; the rules of finsim.resource_costs), largest cost first. NULL: 22004; unknown or invisible account: 22023.';

GRANT EXECUTE ON FUNCTION finsim.create_account(text, integer, bigint, date) TO finsim_admin;
GRANT EXECUTE ON FUNCTION finsim.drop_account(uuid) TO finsim_admin;
GRANT EXECUTE ON FUNCTION finsim.estate_summary(uuid) TO finsim_admin, finsim_agent;
