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

-- The one rule of what protects a resource from an agent's change, on the account's virtual
-- clock: 'frozen' (optimization_freeze_until in the future of vnow), 'ignore', 'recommend_only'
-- (a person decides), or NULL (an agent may change it).  apply_action's gate
-- (finsim._act_gate), the cascades of its actions (an ASG's members, an instance's volumes and
-- Elastic IPs) and the waste patterns' savings of those cascades all use it.
CREATE FUNCTION finsim._agent_protection(policy text, freeze_until timestamptz, vnow timestamptz)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN freeze_until IS NOT NULL AND freeze_until > vnow THEN 'frozen'
              WHEN policy = 'ignore' THEN 'ignore'
              WHEN policy = 'recommend_only' THEN 'recommend_only' END
$$;
COMMENT ON FUNCTION finsim._agent_protection(text, timestamptz, timestamptz) IS
  'Internal: why an agent may not change a resource with this optimization_policy and optimization_freeze_until at virtual time vnow: frozen, ignore or recommend_only (NULL: it may). The rule of apply_action and of its cascades.';
-- The waste functions are SECURITY INVOKER (agents call them) and use the rule.
GRANT EXECUTE ON FUNCTION finsim._agent_protection(text, timestamptz, timestamptz) TO finsim_admin, finsim_agent;
