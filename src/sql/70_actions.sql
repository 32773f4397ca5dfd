-- Agent actions: the registry (finsim.actions), finsim.apply_action under policies and
-- freezes, recommendations (accept / dismiss / expire) and the scorecard.
-- Docs: docs/actions.md.

-- Internal C helpers (src/actions/helpers_sql.cpp).
CREATE FUNCTION finsim._act_gpus(instance_type text) RETURNS integer
  LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_act_gpus';
COMMENT ON FUNCTION finsim._act_gpus(text) IS 'Internal: GPUs of an EC2 instance type (0 when unknown).';
CREATE FUNCTION finsim._act_uuid(VARIADIC parts text[]) RETURNS uuid
  LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_act_uuid';
COMMENT ON FUNCTION finsim._act_uuid(text[]) IS 'Internal: deterministic id from stable parts.';
CREATE FUNCTION finsim._act_caller(scope_table text) RETURNS uuid
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'finsim_act_caller';
COMMENT ON FUNCTION finsim._act_caller(text) IS
  'Internal: NULL for an admin caller, the agent''s account otherwise; raises 42501 when the caller lacks act:* / act:<scope_table> (NULL: any logged-in agent).';
CREATE FUNCTION finsim._act_checked_params(action text, resource_type text, params jsonb) RETURNS jsonb
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'finsim_act_checked_params';
COMMENT ON FUNCTION finsim._act_checked_params(text, text, jsonb) IS
  'Internal: params validated against the action registry as apply_action does (22023 otherwise), numbers rounded to the registry''s scale.';
CREATE FUNCTION finsim._act_client_id() RETURNS uuid
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'finsim_act_client_id';
COMMENT ON FUNCTION finsim._act_client_id() IS 'Internal: the logged-in API key''s row id.';

-- The registry.
CREATE FUNCTION finsim.actions()
  RETURNS TABLE(action text, resource_types text[], params jsonb, description text, impact text)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'finsim_actions';
COMMENT ON FUNCTION finsim.actions() IS
  'Every agent action: its name, the resource types (tables) it applies to, its parameters (type, range, required), the change it makes, and its impact, mildest first: records (changes nothing), reshapes (size, type or setting; the resource keeps working), stops (reversible), removes (terminates, deletes, releases or revokes). A waste finding supports the action it recommends and any milder one that saves.';

-- Monthly run-rate of an account: finsim.monthly_run_rate(account) when the catalog area
-- provides it, else the local sum below (running compute x 730 h x schedule fraction,
-- storage, databases, network, managed services, latest daily S3/log costs x 730/24).
CREATE FUNCTION finsim._act_local_run_rate(acct uuid) RETURNS numeric
  LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT
      COALESCE((SELECT sum((i.hourly_cost + i.gpu_hourly_cost) * 730 * finsim.schedule_fraction(i.schedule))
                  FROM finsim.instances i WHERE i.account_id = acct AND i.state = 'running'), 0)
    + COALESCE((SELECT sum(l.estimated_monthly_cost) FROM finsim.lambda_functions l WHERE l.account_id = acct), 0)
    + COALESCE((SELECT sum(c.estimated_hourly_cost * 730) FROM finsim.container_clusters c WHERE c.account_id = acct), 0)
    + COALESCE((SELECT sum(v.monthly_cost) FROM finsim.volumes v WHERE v.account_id = acct AND v.state <> 'deleted'), 0)
    + COALESCE((SELECT sum(s.monthly_cost) FROM finsim.snapshots s WHERE s.account_id = acct), 0)
    + COALESCE((SELECT sum(CASE WHEN r.state = 'stopped' THEN 0 ELSE r.hourly_cost * 730 END + r.storage_monthly_cost)
                  FROM finsim.rds_instances r WHERE r.account_id = acct AND r.state <> 'deleting'), 0)
    + COALESCE((SELECT sum(c.hourly_cost * 730) FROM finsim.cache_clusters c WHERE c.account_id = acct), 0)
    + COALESCE((SELECT sum(b.hourly_cost * 730) FROM finsim.load_balancers b WHERE b.account_id = acct), 0)
    + COALESCE((SELECT sum(e.hourly_cost * 730) FROM finsim.elastic_ips e WHERE e.account_id = acct), 0)
    + COALESCE((SELECT sum(m.hourly_cost * 730) FROM finsim.managed_services m WHERE m.account_id = acct), 0)
    + COALESCE((SELECT sum(s.hourly_cost * 730) FROM finsim.streaming_clusters s WHERE s.account_id = acct), 0)
    + COALESCE((SELECT sum((u.estimated_storage_cost + u.estimated_request_cost) * 730 / 24)
                  FROM finsim.s3_bucket_usage_daily u WHERE u.account_id = acct
                   AND u.date = (SELECT max(u2.date) FROM finsim.s3_bucket_usage_daily u2
                                  WHERE u2.account_id = acct AND u2.bucket_id = u.bucket_id)), 0)
    + COALESCE((SELECT sum((u.estimated_ingestion_cost + u.estimated_storage_cost) * 730 / 24)
                  FROM finsim.log_group_usage_daily u WHERE u.account_id = acct
                   AND u.date = (SELECT max(u2.date) FROM finsim.log_group_usage_daily u2
                                  WHERE u2.account_id = acct AND u2.log_group_id = u.log_group_id)), 0)
$$;
COMMENT ON FUNCTION finsim._act_local_run_rate(uuid) IS
  'Internal: local monthly run-rate of an account (used until finsim.monthly_run_rate exists).';

CREATE FUNCTION finsim._act_run_rate(acct uuid) RETURNS numeric
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v numeric;
BEGIN
  IF to_regprocedure('finsim.monthly_run_rate(uuid)') IS NOT NULL THEN
    EXECUTE 'SELECT finsim.monthly_run_rate($1)::numeric' INTO v USING acct;
    RETURN round(COALESCE(v, 0), 6);
  END IF;
  RETURN round(finsim._act_local_run_rate(acct), 6);
END
$$;
COMMENT ON FUNCTION finsim._act_run_rate(uuid) IS
  'Internal: monthly run-rate of an account (finsim.monthly_run_rate when present, else the local sum).';

-- Waste findings (helper "waste"): guarded, so actions work before it is installed.
CREATE FUNCTION finsim._act_waste_available() RETURNS boolean
  LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT to_regprocedure('finsim.waste_findings(uuid)') IS NOT NULL $$;
COMMENT ON FUNCTION finsim._act_waste_available() IS 'Internal: true when finsim.waste_findings(uuid) exists.';

-- Whether a waste finding (recommending finding_action, saving finding_savings a month)
-- supports an action on its resource: the registry's rule (actions::supports: the action it
-- recommends, or one of lower impact in finsim.actions() when the finding saves).
-- apply_action also requires the change not to raise the run-rate.
CREATE FUNCTION finsim._act_supports(finding_action text, finding_savings numeric, act text) RETURNS boolean
  LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_act_supports';
COMMENT ON FUNCTION finsim._act_supports(text, numeric, text) IS
  'Internal: true when a finding recommending finding_action (saving finding_savings) supports act: the same action, or one of lower impact (finsim.actions().impact) when the finding saves. apply_action also requires the change not to raise the run-rate (starting an instance or a larger type is no answer to waste).';

-- The live findings on a resource, those that support an action on it first
-- (finsim._act_supports), best first.  Columns are read through to_jsonb so that the lookup
-- needs only resource_type, resource_id, pattern, est_monthly_savings, recommended_action and
-- action_params.  Among the findings recommending the action, the one whose action_params
-- are the params given comes first: a resource can have several findings with one action
-- ('recommend' on a log group both for its verbosity and for its tags), and the action taken
-- from one of them is that one's.
CREATE FUNCTION finsim._act_findings(acct uuid, rtype text, rid text, act text, params jsonb DEFAULT NULL)
  RETURNS TABLE(pattern text, est_monthly_savings numeric, supports boolean, recommends boolean,
                most_savings numeric, resource_waste numeric, recommended_action text)
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT finsim._act_waste_available() THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE
    'SELECT y.pattern, y.savings, y.supports, y.supports AND COALESCE(y.action = $4, false),
            max(y.savings) FILTER (WHERE y.supports) OVER (), max(y.savings) OVER (), y.action
       FROM (SELECT x->>''pattern'' AS pattern, (x->>''est_monthly_savings'')::numeric AS savings,
                    x->>''recommended_action'' AS action, x->''action_params'' AS params,
                    finsim._act_supports(x->>''recommended_action'', (x->>''est_monthly_savings'')::numeric, $4) AS supports
               FROM (SELECT to_jsonb(f) AS x FROM finsim.waste_findings($1) f
                      WHERE f.resource_type::text = $2 AND f.resource_id::text = $3) s) y
      ORDER BY y.supports DESC, (y.action = $4) DESC NULLS LAST, (y.action = $4 AND y.params = $5) DESC NULLS LAST,
               y.savings DESC, y.pattern COLLATE "C"'
    USING acct, rtype, rid, act, params;
END
$$;
COMMENT ON FUNCTION finsim._act_findings(uuid, text, text, text, jsonb) IS
  'Internal: the live waste findings on one resource, best first: those supporting an action on it (supports; finsim._act_supports: recommending that action, or a more drastic one with savings) first, then the rest; among those recommending the action, the one with exactly these params first, then by savings. recommends = a supporting finding recommends that action, most_savings = the largest savings of the supporting findings (the action''s credit cap), resource_waste = the largest of all (what the resource counts in remaining waste), recommended_action = the finding''s; empty when finsim.waste_findings does not exist.';

CREATE FUNCTION finsim._act_family(type text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT regexp_replace(type, '\.[^.]+$', '') $$;
COMMENT ON FUNCTION finsim._act_family(text) IS 'Internal: family of a type (m5 for m5.large, db.r5 for db.r5.large).';

-- Terminates one instance with its dependent effects; returns {volumes_detached,
-- eips_disassociated} (with delete_volumes: volumes_deleted; with release_eips: eips_released).
-- A dependent row an agent may not change (finsim._agent_protection at vnow: frozen, ignore,
-- recommend_only) is never deleted or released: a protected volume is only detached
-- ('available', as terminating the instance does in any case) and listed in volumes_kept, a
-- protected Elastic IP only disassociated (re-priced) and listed in eips_kept.
CREATE FUNCTION finsim._act_terminate_instance(acct uuid, inst uuid, vnow timestamptz,
                                               delete_volumes boolean DEFAULT false,
                                               release_eips boolean DEFAULT false) RETURNS jsonb
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_iid text;
  v_vols integer;
  v_eips integer;
  v_vols_kept jsonb;
  v_eips_kept jsonb;
  v_res jsonb;
BEGIN
  UPDATE finsim.instances i SET state = 'terminated'
   WHERE i.account_id = acct AND i.id = inst AND i.state <> 'terminated'
  RETURNING i.instance_id INTO v_iid;
  IF v_iid IS NULL THEN
    RETURN jsonb_build_object('volumes_detached', 0, 'eips_disassociated', 0);  -- already terminated
  END IF;
  WITH u AS (
    UPDATE finsim.volumes v
       SET state = CASE WHEN delete_volumes AND p.prot IS NULL THEN 'deleted' ELSE 'available' END,
           attached_instance_id = NULL
      FROM (SELECT x.id, finsim._agent_protection(x.optimization_policy, x.optimization_freeze_until, vnow) AS prot
              FROM finsim.volumes x WHERE x.account_id = acct AND x.attached_instance_id = v_iid
               AND x.state <> 'deleted') p
     WHERE v.account_id = acct AND v.id = p.id
    RETURNING v.volume_id, p.prot)
  SELECT count(*) FILTER (WHERE NOT delete_volumes OR u.prot IS NULL),
         jsonb_agg(u.volume_id ORDER BY u.volume_id COLLATE "C") FILTER (WHERE delete_volumes AND u.prot IS NOT NULL)
    INTO v_vols, v_vols_kept FROM u;
  IF release_eips THEN
    DELETE FROM finsim.elastic_ips e WHERE e.account_id = acct AND e.associated_instance_id = v_iid
       AND finsim._agent_protection(e.optimization_policy, e.optimization_freeze_until, vnow) IS NULL;
    GET DIAGNOSTICS v_eips = ROW_COUNT;
    SELECT jsonb_agg(e.allocation_id ORDER BY e.allocation_id COLLATE "C") INTO v_eips_kept
      FROM finsim.elastic_ips e WHERE e.account_id = acct AND e.associated_instance_id = v_iid;
  ELSE
    v_eips := NULL;
  END IF;
  WITH u AS (
    UPDATE finsim.elastic_ips e
       SET state = 'unassociated', associated_instance_id = NULL,
           hourly_cost = COALESCE(finsim.try_price('eip', 'unassociated', e.region), e.hourly_cost)
     WHERE e.account_id = acct AND e.associated_instance_id = v_iid RETURNING 1)
  SELECT COALESCE(v_eips, count(*)) INTO v_eips FROM u;
  v_res := jsonb_build_object(CASE WHEN delete_volumes THEN 'volumes_deleted' ELSE 'volumes_detached' END, v_vols,
                              CASE WHEN release_eips THEN 'eips_released' ELSE 'eips_disassociated' END, v_eips);
  IF v_vols_kept IS NOT NULL THEN
    v_res := v_res || jsonb_build_object('volumes_kept', v_vols_kept);
  END IF;
  IF v_eips_kept IS NOT NULL THEN
    v_res := v_res || jsonb_build_object('eips_kept', v_eips_kept);
  END IF;
  RETURN v_res;
END
$$;
COMMENT ON FUNCTION finsim._act_terminate_instance(uuid, uuid, timestamptz, boolean, boolean) IS
  'Internal: terminates an instance, detaches its volumes (available; deleted with delete_volumes) and disassociates its Elastic IPs (unassociated, re-priced; released with release_eips). Volumes and EIPs an agent may not change (finsim._agent_protection at vnow) are only detached / disassociated, and listed in volumes_kept / eips_kept.';

-- Text a caller gave, echoed in an error message (core::clipped: at most 64 bytes at a
-- character boundary, then '...'): a 1 MB argument does not make a 1 MB error.
CREATE FUNCTION finsim._act_clip(t text) RETURNS text
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_act_clip';
COMMENT ON FUNCTION finsim._act_clip(text) IS 'Internal: a caller''s text clipped to 64 bytes (at a character boundary) for an error message.';

-- Timestamps in refusal messages, audit reasons and `changes`: ISO 8601 in UTC,
-- 'YYYY-MM-DD"T"HH24:MI:SS"Z"' (microseconds as .US only when not zero; 'infinity' and
-- '-infinity' as such), so the text never depends on the session's DateStyle or TimeZone.
CREATE FUNCTION finsim._act_ts(ts timestamptz) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN ts IS NULL THEN NULL
              WHEN NOT isfinite(ts) THEN CASE WHEN ts > 'epoch'::timestamptz THEN 'infinity' ELSE '-infinity' END
              WHEN date_part('microseconds', ts AT TIME ZONE 'UTC')::bigint % 1000000 = 0
                THEN to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
              ELSE to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END
$$;
COMMENT ON FUNCTION finsim._act_ts(timestamptz) IS
  'Internal: a timestamp as text for messages and stored text, independent of DateStyle/TimeZone: ISO 8601 UTC YYYY-MM-DDTHH24:MI:SSZ (.US when fractional; infinity as such).';

-- Ids are unique per account only (keys are (account_id, id)): hand-written fixtures may use
-- one id in several accounts.  Given the accounts holding `id`, returns the one, or raises
-- 22023 when there are several (an admin call never guesses).
CREATE FUNCTION finsim._act_one_account(what text, id text, accts uuid[], hint text) RETURNS uuid
  LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF cardinality(accts) > 1 THEN
    RAISE EXCEPTION '% % exists in % accounts: an admin call cannot tell which one is meant',
                    what, id, cardinality(accts)
      USING ERRCODE = '22023', DETAIL = 'accounts: ' || array_to_string(accts, ', '), HINT = hint;
  END IF;
  RETURN accts[1];
END
$$;
COMMENT ON FUNCTION finsim._act_one_account(text, text, uuid[], text) IS
  'Internal: the single account of `accts` (NULL when empty); 22023 naming `what id` and the accounts when there are several.';

-- Refusal before any action-specific check: dead resource, freezes, policy 'ignore'.
CREATE FUNCTION finsim._act_resize_refusal(r jsonb, cols text[], sizes integer[], new_type text,
                                           region text, unchanged text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE
    WHEN NOT (sizes[1] <= sizes[2] AND sizes[2] <= sizes[3]) THEN
      format('sizes must satisfy %s <= %s <= %s (would be %s <= %s <= %s)',
             cols[1], cols[2], cols[3], sizes[1], sizes[2], sizes[3])
    WHEN sizes[1] = (r->>cols[1])::integer AND sizes[2] = (r->>cols[2])::integer
         AND sizes[3] = (r->>cols[3])::integer AND new_type = r->>cols[4] THEN
      'nothing to change: ' || unchanged
    WHEN finsim.try_price('ec2', new_type, region) IS NULL THEN
      format('no catalog price for %s in region %s', new_type, region)
  END $$;
COMMENT ON FUNCTION finsim._act_resize_refusal(jsonb, text[], integer[], text, text, text) IS
  'Internal: why resize_asg / resize_cluster refuses (sizes out of order, nothing to change, no price for the type), or NULL. cols names the min, desired, max and type columns of the row r.';

CREATE FUNCTION finsim._act_gate(rtype text, r jsonb, acct_freeze timestamptz, vnow timestamptz)
  RETURNS text LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF rtype = 'instances' AND r->>'state' = 'terminated' THEN
    RETURN 'instance ' || (r->>'instance_id') || ' is terminated: a terminated resource cannot be acted on again';
  ELSIF rtype = 'volumes' AND r->>'state' = 'deleted' THEN
    RETURN 'volume ' || (r->>'volume_id') || ' is deleted: a deleted resource cannot be acted on again';
  ELSIF rtype = 'rds_instances' AND r->>'state' = 'deleting' THEN
    RETURN 'database ' || (r->>'db_instance_id') || ' is being deleted';
  ELSIF rtype = 'api_clients' AND r->>'revoked_at' IS NOT NULL THEN
    RETURN 'API client ' || (r->>'name') || ' is already revoked';
  END IF;
  IF acct_freeze IS NOT NULL AND acct_freeze > vnow THEN
    RETURN 'account optimizations are frozen until ' || finsim._act_ts(acct_freeze)
           || ' (cloud_accounts.freeze_optimizations_until; virtual now ' || finsim._act_ts(vnow) || ')';
  END IF;
  -- recommend_only is not a refusal here: apply_action turns the call into a recommendation.
  CASE finsim._agent_protection(r->>'optimization_policy', (r->>'optimization_freeze_until')::timestamptz, vnow)
  WHEN 'frozen' THEN
    RETURN 'resource is frozen until ' || finsim._act_ts((r->>'optimization_freeze_until')::timestamptz)
           || ' (optimization_freeze_until; virtual now ' || finsim._act_ts(vnow) || ')';
  WHEN 'ignore' THEN
    RETURN 'resource optimization_policy is ''ignore'': agents must leave it alone';
  ELSE
    RETURN NULL;
  END CASE;
END
$$;
COMMENT ON FUNCTION finsim._act_gate(text, jsonb, timestamptz, timestamptz) IS
  'Internal: the reason an action on this resource is refused whatever the action (dead resource, account or resource freeze, policy ignore), or NULL.';

-- The checks of an action's params that need the resource row (the registry checks the rest
-- before the row is read): run before the policy gate, so bad params are 22023 and change
-- nothing, whatever the resource's policy or freeze.
CREATE FUNCTION finsim._act_check_params(act text, r jsonb, p jsonb) RETURNS void
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF act = 'set_s3_lifecycle' AND NOT finsim._lifecycle_ok(p->'lifecycle_policy') THEN
    RAISE EXCEPTION 'invalid lifecycle_policy %', p->'lifecycle_policy' USING ERRCODE = '22023',
      HINT = 'transition_ia_days, transition_glacier_days and expire_days are whole numbers of days from 0 to 36500, e.g. {"transition_ia_days": 30, "transition_glacier_days": 90}.';
  ELSIF act = 'resize_managed_service' AND p ? 'instance_type'
        AND p->>'instance_type' IS DISTINCT FROM r->>'instance_type'
        AND finsim.try_price(r->>'service_type', p->>'instance_type', COALESCE(r->>'region', 'us-east-1')) IS NULL THEN
    RAISE EXCEPTION 'unknown instance type "%" for service %', p->>'instance_type', r->>'service_type'
      USING ERRCODE = '22023', HINT = 'Use a node type the price catalog lists for service ' || (r->>'service_type') || '.';
  END IF;
END
$$;
COMMENT ON FUNCTION finsim._act_check_params(text, jsonb, jsonb) IS
  'Internal: 22023 for params that are invalid for this resource row (a lifecycle policy, a managed service''s node type); run before the policy gate.';

-- The change of each action.  Returns {"refused": reason} having changed nothing, or
-- {"changes": {...}} after making the change.  The row r is locked by the caller.
CREATE FUNCTION finsim._act_do(act text, rtype text, r jsonb, p jsonb, vnow timestamptz)
  RETURNS jsonb LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  a uuid := (r->>'account_id')::uuid;
  i uuid := (r->>'id')::uuid;
  reg text := COALESCE(r->>'region', 'us-east-1');
  ch jsonb := '{}';
  v_type text;
  v_why text;
  v_price numeric;
  v_gpu numeric;
  v_n integer;
  v_min integer;
  v_des integer;
  v_max integer;
  v_old_des integer;
  v_running integer;
  v_cpu numeric;
  v_mem integer;
  v_rep integer;
  v_mem_new integer;
  v_prov integer;
  v_shards integer;
  v_ret integer;
  v_rate numeric;
  v_snap_id uuid;
  v_snap text;
  v_c record;
  m record;
BEGIN
  CASE act
  -- EC2 ------------------------------------------------------------------------------
  WHEN 'terminate_instance' THEN
    ch := jsonb_build_object('state', jsonb_build_array(r->>'state', 'terminated'))
          || finsim._act_terminate_instance(a, i, vnow, COALESCE((p->>'delete_volumes')::boolean, false),
                                            COALESCE((p->>'release_eips')::boolean, false));
  WHEN 'stop_instance' THEN
    IF r->>'state' <> 'running' THEN
      RETURN jsonb_build_object('refused', 'instance is not running (state ' || (r->>'state') || ')');
    END IF;
    UPDATE finsim.instances t SET state = 'stopped' WHERE t.account_id = a AND t.id = i;
    ch := jsonb_build_object('state', jsonb_build_array('running', 'stopped'));
  WHEN 'start_instance' THEN
    IF r->>'state' <> 'stopped' THEN
      RETURN jsonb_build_object('refused', 'instance is not stopped (state ' || (r->>'state') || ')');
    END IF;
    UPDATE finsim.instances t SET state = 'running' WHERE t.account_id = a AND t.id = i;
    ch := jsonb_build_object('state', jsonb_build_array('stopped', 'running'));
  WHEN 'rightsize_instance' THEN
    v_type := p->>'instance_type';
    IF v_type = r->>'instance_type' THEN
      RETURN jsonb_build_object('refused', 'instance is already ' || v_type);
    END IF;
    IF finsim._act_family(v_type) <> finsim._act_family(r->>'instance_type')
       AND NOT COALESCE((p->>'allow_family_change')::boolean, false) THEN
      RETURN jsonb_build_object('refused', format(
        '%s is not in the family of %s (%s): pass allow_family_change = true to change family',
        v_type, r->>'instance_type', finsim._act_family(r->>'instance_type')));
    END IF;
    v_price := finsim.try_price('ec2', v_type, reg);
    IF v_price IS NULL THEN
      RETURN jsonb_build_object('refused', format('no catalog price for %s in region %s', v_type, reg));
    END IF;
    v_gpu := COALESCE(finsim.try_price('ec2-gpu', v_type, reg), 0);
    UPDATE finsim.instances t
       SET instance_type = v_type, hourly_cost = v_price, gpu_hourly_cost = v_gpu,
           gpu_count = finsim._act_gpus(v_type), has_gpu = finsim._act_gpus(v_type) > 0
     WHERE t.account_id = a AND t.id = i;
    ch := jsonb_build_object('instance_type', jsonb_build_array(r->>'instance_type', v_type),
                             'hourly_cost', jsonb_build_array((r->>'hourly_cost')::numeric, v_price),
                             'gpu_hourly_cost', jsonb_build_array((r->>'gpu_hourly_cost')::numeric, v_gpu));
  WHEN 'schedule_instance' THEN
    IF r->>'schedule' IS NOT DISTINCT FROM p->>'hours' THEN
      RETURN jsonb_build_object('refused', 'instance already runs on schedule ' || (p->>'hours'));
    END IF;
    UPDATE finsim.instances t SET schedule = p->>'hours' WHERE t.account_id = a AND t.id = i;
    ch := jsonb_build_object('schedule', jsonb_build_array(r->>'schedule', p->>'hours'),
                             'running_fraction', finsim.schedule_fraction(p->>'hours'));
  WHEN 'resize_asg' THEN
    v_min := COALESCE((p->>'min_size')::numeric::integer, (r->>'min_size')::integer);
    v_des := COALESCE((p->>'desired_capacity')::numeric::integer, (r->>'desired_capacity')::integer);
    v_max := COALESCE((p->>'max_size')::numeric::integer, (r->>'max_size')::integer);
    v_type := COALESCE(p->>'instance_type', r->>'instance_type');
    v_why := finsim._act_resize_refusal(r, '{min_size,desired_capacity,max_size,instance_type}',
                                        ARRAY[v_min, v_des, v_max], v_type, reg, 'the group already has these sizes and type');
    IF v_why IS NOT NULL THEN
      RETURN jsonb_build_object('refused', v_why);
    END IF;
    v_price := finsim.try_price('ec2', v_type, reg);
    UPDATE finsim.autoscaling_groups g
       SET min_size = v_min, desired_capacity = v_des, max_size = v_max, instance_type = v_type
     WHERE g.account_id = a AND g.id = i;
    ch := jsonb_build_object('min_size', jsonb_build_array((r->>'min_size')::integer, v_min),
                             'desired_capacity', jsonb_build_array((r->>'desired_capacity')::integer, v_des),
                             'max_size', jsonb_build_array((r->>'max_size')::integer, v_max),
                             'instance_type', jsonb_build_array(r->>'instance_type', v_type));
    -- Cascades change only members an agent may change (finsim._agent_protection at vnow, as
    -- AWS scale-in protection): frozen, ignore and recommend_only members keep their type and
    -- keep running.
    IF v_type <> r->>'instance_type' THEN
      v_gpu := COALESCE(finsim.try_price('ec2-gpu', v_type, reg), 0);
      UPDATE finsim.instances t
         SET instance_type = v_type,
             hourly_cost = COALESCE(finsim.try_price('ec2', v_type, t.region), v_price),
             gpu_hourly_cost = COALESCE(finsim.try_price('ec2-gpu', v_type, t.region), v_gpu),
             gpu_count = finsim._act_gpus(v_type), has_gpu = finsim._act_gpus(v_type) > 0
       WHERE t.account_id = a AND t.autoscaling_group_id = i AND t.state <> 'terminated'
         AND finsim._agent_protection(t.optimization_policy, t.optimization_freeze_until, vnow) IS NULL;
      GET DIAGNOSTICS v_n = ROW_COUNT;
      ch := ch || jsonb_build_object('members_retyped', v_n);
    END IF;
    -- Running members beyond desired_capacity are terminated: the newest launches among the
    -- members an agent may change (the oldest stay).  When too few of them may be changed, the
    -- protected ones keep running beyond desired_capacity and are listed in members_protected.
    SELECT count(*) INTO v_running
      FROM finsim.instances t
     WHERE t.account_id = a AND t.autoscaling_group_id = i AND t.state = 'running';
    v_n := 0;
    FOR m IN SELECT t.id FROM finsim.instances t
              WHERE t.account_id = a AND t.autoscaling_group_id = i AND t.state = 'running'
                AND finsim._agent_protection(t.optimization_policy, t.optimization_freeze_until, vnow) IS NULL
              ORDER BY t.launch_time DESC NULLS FIRST, t.instance_id COLLATE "C" DESC  -- newest first
              LIMIT GREATEST(v_running - v_des, 0) FOR UPDATE
    LOOP
      PERFORM finsim._act_terminate_instance(a, m.id, vnow);
      v_n := v_n + 1;
    END LOOP;
    ch := ch || jsonb_build_object('members_terminated', v_n);
    IF v_n < v_running - v_des THEN
      ch := ch || jsonb_build_object('members_protected', (
        SELECT jsonb_agg(t.instance_id ORDER BY t.launch_time DESC NULLS FIRST, t.instance_id COLLATE "C" DESC)
          FROM finsim.instances t
         WHERE t.account_id = a AND t.autoscaling_group_id = i AND t.state = 'running'
           AND finsim._agent_protection(t.optimization_policy, t.optimization_freeze_until, vnow) IS NOT NULL));
    END IF;
  -- Lambda ---------------------------------------------------------------------------
  WHEN 'set_lambda_concurrency', 'set_lambda_memory', 'set_lambda_timeout' THEN
    v_prov := COALESCE((p->>'provisioned_concurrency')::numeric::integer, (r->>'provisioned_concurrency')::integer);
    v_mem_new := COALESCE((p->>'memory_mb')::numeric::integer, (r->>'memory_mb')::integer);
    v_n := COALESCE((p->>'timeout_seconds')::numeric::integer, (r->>'timeout_seconds')::integer);
    IF v_prov = (r->>'provisioned_concurrency')::integer AND v_mem_new = (r->>'memory_mb')::integer
       AND v_n = (r->>'timeout_seconds')::integer THEN
      RETURN jsonb_build_object('refused', 'nothing to change: the function already has this setting');
    END IF;
    IF act = 'set_lambda_timeout' THEN
      UPDATE finsim.lambda_functions t SET timeout_seconds = v_n WHERE t.account_id = a AND t.id = i;
      ch := jsonb_build_object('timeout_seconds', jsonb_build_array((r->>'timeout_seconds')::integer, v_n));
    ELSE
      -- The cost changes by the catalog difference between the old and the new setting, each
      -- priced by the pricing trigger's own Lambda rule (finsim._drift_lambda_cost, as the
      -- tick prices); a cost the row carries from its usage history is not re-based by the
      -- action, and a row the catalog cannot price (NULL) keeps its cost.
      v_rate := GREATEST((r->>'estimated_monthly_cost')::numeric
                  + COALESCE(finsim._drift_lambda_cost(v_mem_new, v_prov, (r->>'invocations_7d')::float8,
                                                       (r->>'avg_duration_ms_7d')::float8, reg)
                             - finsim._drift_lambda_cost((r->>'memory_mb')::float8, (r->>'provisioned_concurrency')::float8,
                                                         (r->>'invocations_7d')::float8, (r->>'avg_duration_ms_7d')::float8, reg),
                             0), 0);
      UPDATE finsim.lambda_functions t
         SET provisioned_concurrency = v_prov, memory_mb = v_mem_new, estimated_monthly_cost = v_rate
       WHERE t.account_id = a AND t.id = i;
      ch := CASE WHEN act = 'set_lambda_memory'
                 THEN jsonb_build_object('memory_mb', jsonb_build_array((r->>'memory_mb')::integer, v_mem_new))
                 ELSE jsonb_build_object('provisioned_concurrency',
                                         jsonb_build_array((r->>'provisioned_concurrency')::integer, v_prov)) END
            || jsonb_build_object('estimated_monthly_cost',
                                  jsonb_build_array((r->>'estimated_monthly_cost')::numeric, v_rate));
    END IF;
  -- Containers -----------------------------------------------------------------------
  WHEN 'resize_cluster' THEN
    v_min := COALESCE((p->>'min_nodes')::numeric::integer, (r->>'min_nodes')::integer);
    v_des := COALESCE((p->>'desired_nodes')::numeric::integer, (r->>'desired_nodes')::integer);
    v_max := COALESCE((p->>'max_nodes')::numeric::integer, (r->>'max_nodes')::integer);
    v_type := COALESCE(p->>'node_instance_type', r->>'node_instance_type');
    v_why := finsim._act_resize_refusal(r, '{min_nodes,desired_nodes,max_nodes,node_instance_type}',
                                        ARRAY[v_min, v_des, v_max], v_type, reg, 'the cluster already has these sizes and node type');
    IF v_why IS NOT NULL THEN
      RETURN jsonb_build_object('refused', v_why);
    END IF;
    v_price := finsim.try_price('ec2', v_type, reg);
    v_rate := COALESCE(finsim.try_price('eks', 'control-plane', reg), 0) + v_des * v_price;
    UPDATE finsim.container_clusters c
       SET min_nodes = v_min, desired_nodes = v_des, max_nodes = v_max, node_instance_type = v_type,
           estimated_hourly_cost = v_rate
     WHERE c.account_id = a AND c.id = i;
    ch := jsonb_build_object('min_nodes', jsonb_build_array((r->>'min_nodes')::integer, v_min),
                             'desired_nodes', jsonb_build_array((r->>'desired_nodes')::integer, v_des),
                             'max_nodes', jsonb_build_array((r->>'max_nodes')::integer, v_max),
                             'node_instance_type', jsonb_build_array(r->>'node_instance_type', v_type),
                             'estimated_hourly_cost', jsonb_build_array((r->>'estimated_hourly_cost')::numeric, v_rate));
    -- Cascades change only nodes an agent may change (finsim._agent_protection at vnow, as
    -- resize_asg's members): frozen, ignore and recommend_only nodes keep their type and keep
    -- running, beyond desired_nodes if need be (listed in nodes_protected).
    IF v_type <> r->>'node_instance_type' THEN
      UPDATE finsim.container_nodes n
         SET instance_type = v_type, hourly_cost = v_price,
             gpu_hourly_cost = COALESCE(finsim.try_price('ec2-gpu', v_type, reg), 0),
             gpu_count = finsim._act_gpus(v_type), has_gpu = finsim._act_gpus(v_type) > 0
       WHERE n.account_id = a AND n.cluster_id = i
         AND finsim._agent_protection(n.optimization_policy, n.optimization_freeze_until, vnow) IS NULL;
    END IF;
    SELECT count(*) INTO v_running
      FROM finsim.container_nodes x WHERE x.account_id = a AND x.cluster_id = i AND x.state = 'running';
    UPDATE finsim.container_nodes n SET state = 'stopped'
     WHERE n.account_id = a AND n.id IN (
       SELECT x.id FROM finsim.container_nodes x
        WHERE x.account_id = a AND x.cluster_id = i AND x.state = 'running'
          AND finsim._agent_protection(x.optimization_policy, x.optimization_freeze_until, vnow) IS NULL
        -- Nodes have no virtual launch time (created_at is wall-clock bookkeeping): the
        -- greatest instance ids first, whatever the database's collation.
        ORDER BY x.instance_id COLLATE "C" DESC, x.id DESC LIMIT GREATEST(v_running - v_des, 0));
    GET DIAGNOSTICS v_n = ROW_COUNT;
    ch := ch || jsonb_build_object('nodes_stopped', v_n);
    IF v_n < v_running - v_des THEN
      ch := ch || jsonb_build_object('nodes_protected', (
        SELECT jsonb_agg(x.instance_id ORDER BY x.instance_id COLLATE "C" DESC, x.id DESC)
          FROM finsim.container_nodes x
         WHERE x.account_id = a AND x.cluster_id = i AND x.state = 'running'
           AND finsim._agent_protection(x.optimization_policy, x.optimization_freeze_until, vnow) IS NOT NULL));
    END IF;
  WHEN 'remove_node' THEN
    IF r->>'state' = 'stopped' THEN
      -- A stopped node bills nothing and is not part of the running capacity: removing it
      -- deletes the row (the audit trigger logs the deletion); the cluster is unchanged.
      DELETE FROM finsim.container_nodes n WHERE n.account_id = a AND n.id = i;
      RETURN jsonb_build_object('changes', jsonb_build_object('deleted', r->>'instance_id'));
    END IF;
    SELECT c.* INTO v_c FROM finsim.container_clusters c
     WHERE c.account_id = a AND c.id = (r->>'cluster_id')::uuid FOR UPDATE;
    -- A running node's removal changes its cluster (desired_nodes, perhaps min_nodes): not
    -- when the cluster is protected from agents, as resize_cluster on it would be refused.
    v_why := finsim._agent_protection(v_c.optimization_policy, v_c.optimization_freeze_until, vnow);
    IF v_why IS NOT NULL THEN
      RETURN jsonb_build_object('refused', format(
        'cluster %s is %s: removing running node %s would change its desired_nodes (a stopped node can be removed)',
        v_c.name, CASE v_why WHEN 'frozen' THEN 'frozen until ' || finsim._act_ts(v_c.optimization_freeze_until)
                             ELSE 'optimization_policy ' || v_why END, r->>'instance_id'));
    END IF;
    v_des := GREATEST(v_c.desired_nodes - 1, 0);
    v_min := v_c.min_nodes;
    IF v_des < v_min THEN
      IF NOT COALESCE((p->>'lower_min_nodes')::boolean, false) THEN
        RETURN jsonb_build_object('refused', format(
          'removing the node would take cluster %s below min_nodes (%s): resize_cluster first, or pass lower_min_nodes = true',
          v_c.name, v_c.min_nodes));
      END IF;
      v_min := v_des;
    END IF;
    UPDATE finsim.container_nodes n SET state = 'stopped' WHERE n.account_id = a AND n.id = i;
    v_rate := COALESCE(finsim.try_price('eks', 'control-plane', v_c.region), 0)
              + v_des * COALESCE(finsim.try_price('ec2', v_c.node_instance_type, v_c.region),
                                 (r->>'hourly_cost')::numeric);
    UPDATE finsim.container_clusters c SET desired_nodes = v_des, min_nodes = v_min, estimated_hourly_cost = v_rate
     WHERE c.account_id = a AND c.id = v_c.id;
    ch := jsonb_build_object('state', jsonb_build_array('running', 'stopped'),
                             'cluster_desired_nodes', jsonb_build_array(v_c.desired_nodes, v_des),
                             'cluster_estimated_hourly_cost', jsonb_build_array(v_c.estimated_hourly_cost, v_rate));
    IF v_min <> v_c.min_nodes THEN
      ch := ch || jsonb_build_object('cluster_min_nodes', jsonb_build_array(v_c.min_nodes, v_min));
    END IF;
  WHEN 'set_service_requests' THEN
    v_cpu := COALESCE((p->>'requested_cpu')::numeric, (r->>'requested_cpu')::numeric);
    v_mem := COALESCE((p->>'requested_memory_mb')::numeric::integer, (r->>'requested_memory_mb')::integer);
    v_rep := COALESCE((p->>'replica_count')::numeric::integer, (r->>'replica_count')::integer);
    IF v_cpu = (r->>'requested_cpu')::numeric AND v_mem = (r->>'requested_memory_mb')::integer
       AND v_rep = (r->>'replica_count')::integer THEN
      RETURN jsonb_build_object('refused', 'nothing to change: the service already has these requests');
    END IF;
    UPDATE finsim.container_services s
       SET requested_cpu = v_cpu, requested_memory_mb = v_mem, replica_count = v_rep
     WHERE s.account_id = a AND s.id = i;
    ch := jsonb_build_object('requested_cpu', jsonb_build_array((r->>'requested_cpu')::numeric, v_cpu),
                             'requested_memory_mb', jsonb_build_array((r->>'requested_memory_mb')::integer, v_mem),
                             'replica_count', jsonb_build_array((r->>'replica_count')::integer, v_rep));
  -- Storage --------------------------------------------------------------------------
  WHEN 'delete_volume' THEN
    IF (r->>'state' = 'in-use' OR r->>'attached_instance_id' IS NOT NULL)
       AND NOT COALESCE((p->>'force_detach')::boolean, false) THEN
      RETURN jsonb_build_object('refused', format(
        'volume %s is in-use (attached to %s): detach it or terminate the instance first',
        r->>'volume_id', COALESCE(r->>'attached_instance_id', 'an instance')));
    END IF;
    IF COALESCE((p->>'snapshot_first')::boolean, false) THEN
      -- A volume deleted again (restored by hand) gets another snapshot: the first keeps the
      -- id it always had, later ones count the snapshots already taken this way.
      v_n := (SELECT count(*) FROM finsim.snapshots s WHERE s.account_id = a AND s.source_volume_id = r->>'volume_id'
                 AND s.tags->>'created_by' = 'finsim.delete_volume');
      v_snap_id := CASE WHEN v_n = 0 THEN finsim._act_uuid(a::text, 'snapshot_first', r->>'volume_id')
                        ELSE finsim._act_uuid(a::text, 'snapshot_first', r->>'volume_id', v_n::text) END;
      v_snap := 'snap-' || substr(replace(v_snap_id::text, '-', ''), 1, 17);
      INSERT INTO finsim.snapshots (id, account_id, snapshot_id, region, source_volume_id, size_gib,
                                    retention_policy, monthly_cost, tags, created_at)
      VALUES (v_snap_id, a, v_snap, reg, r->>'volume_id', (r->>'size_gib')::integer, NULL,
              (r->>'size_gib')::integer * COALESCE(finsim.try_price('ebs-snapshot', 'standard', reg), 0.05),
              jsonb_build_object('created_by', 'finsim.delete_volume'), vnow);
      ch := jsonb_build_object('snapshot', jsonb_build_object('id', v_snap_id, 'snapshot_id', v_snap));
    END IF;
    UPDATE finsim.volumes v SET state = 'deleted', attached_instance_id = NULL WHERE v.account_id = a AND v.id = i;
    ch := ch || jsonb_build_object('state', jsonb_build_array(r->>'state', 'deleted'));
    IF r->>'attached_instance_id' IS NOT NULL THEN
      ch := ch || jsonb_build_object('detached_from', r->>'attached_instance_id');
    END IF;
  WHEN 'modify_volume_type' THEN
    v_type := p->>'volume_type';
    IF v_type = r->>'volume_type' THEN
      RETURN jsonb_build_object('refused', 'volume is already ' || v_type);
    END IF;
    v_price := finsim.try_price('ebs', v_type, reg);
    IF v_price IS NULL THEN
      RETURN jsonb_build_object('refused', format('no catalog price for %s in region %s', v_type, reg));
    END IF;
    v_rate := (r->>'size_gib')::integer * v_price;
    UPDATE finsim.volumes v SET volume_type = v_type, monthly_cost = v_rate WHERE v.account_id = a AND v.id = i;
    ch := jsonb_build_object('volume_type', jsonb_build_array(r->>'volume_type', v_type),
                             'monthly_cost', jsonb_build_array((r->>'monthly_cost')::numeric, v_rate));
  WHEN 'delete_snapshot' THEN
    DELETE FROM finsim.snapshots s WHERE s.account_id = a AND s.id = i;
    ch := jsonb_build_object('deleted', r->>'snapshot_id');
  WHEN 'set_snapshot_retention' THEN
    -- The policy text was checked by the registry (finsim.snapshot_retention_interval).
    v_type := p->>'retention_policy';
    IF r->>'retention_policy' IS NOT DISTINCT FROM v_type THEN
      RETURN jsonb_build_object('refused', 'snapshot is already under retention policy ' || v_type);
    END IF;
    UPDATE finsim.snapshots s SET retention_policy = v_type WHERE s.account_id = a AND s.id = i;
    ch := jsonb_build_object('retention_policy', jsonb_build_array(r->>'retention_policy', v_type),
                             'expires_at', finsim._act_ts((r->>'created_at')::timestamptz
                                                          + finsim.snapshot_retention_interval(v_type)));
  WHEN 'set_s3_lifecycle' THEN
    IF r->'lifecycle_policy' = p->'lifecycle_policy' THEN
      RETURN jsonb_build_object('refused', 'bucket already has this lifecycle policy');
    END IF;
    UPDATE finsim.s3_buckets b SET lifecycle_policy = p->'lifecycle_policy' WHERE b.account_id = a AND b.id = i;
    ch := jsonb_build_object('lifecycle_policy', jsonb_build_array(r->'lifecycle_policy', p->'lifecycle_policy'));
  -- Databases ------------------------------------------------------------------------
  WHEN 'resize_rds' THEN
    v_type := p->>'instance_class';
    IF v_type = r->>'instance_class' THEN
      RETURN jsonb_build_object('refused', 'database is already ' || v_type);
    END IF;
    IF finsim._act_family(v_type) <> finsim._act_family(r->>'instance_class')
       AND NOT COALESCE((p->>'allow_family_change')::boolean, false) THEN
      RETURN jsonb_build_object('refused', format(
        '%s is not in the family of %s (%s): pass allow_family_change = true to change family',
        v_type, r->>'instance_class', finsim._act_family(r->>'instance_class')));
    END IF;
    v_price := finsim.try_price('rds', v_type, reg);
    IF v_price IS NULL THEN
      RETURN jsonb_build_object('refused', format('no catalog price for %s in region %s', v_type, reg));
    END IF;
    UPDATE finsim.rds_instances d SET instance_class = v_type, hourly_cost = v_price WHERE d.account_id = a AND d.id = i;
    ch := jsonb_build_object('instance_class', jsonb_build_array(r->>'instance_class', v_type),
                             'hourly_cost', jsonb_build_array((r->>'hourly_cost')::numeric, v_price));
  WHEN 'stop_rds' THEN
    IF r->>'state' <> 'available' THEN
      RETURN jsonb_build_object('refused', 'database is not available (state ' || (r->>'state') || ')');
    END IF;
    UPDATE finsim.rds_instances d SET state = 'stopped' WHERE d.account_id = a AND d.id = i;
    ch := jsonb_build_object('state', jsonb_build_array('available', 'stopped'));
  WHEN 'delete_rds' THEN
    IF COALESCE((p->>'final_snapshot')::boolean, false) THEN
      v_snap := 'rds-final-' || (r->>'db_instance_id') || '-' || to_char(vnow AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISS');
      -- A database of the same name deleted again in the same virtual second: a suffix.
      v_n := (SELECT count(*) FROM finsim.snapshots s WHERE s.account_id = a
                 AND (s.snapshot_id = v_snap OR left(s.snapshot_id, length(v_snap) + 1) = v_snap || '-'));
      IF v_n > 0 THEN
        v_snap := v_snap || '-' || (v_n + 1);
      END IF;
      v_snap_id := finsim._act_uuid(a::text, 'final_snapshot', v_snap);
      INSERT INTO finsim.snapshots (id, account_id, snapshot_id, region, source_volume_id, size_gib,
                                    retention_policy, monthly_cost, tags, created_at)
      VALUES (v_snap_id, a, v_snap, reg, NULL, (r->>'allocated_storage_gib')::integer, NULL,
              (r->>'allocated_storage_gib')::integer * COALESCE(finsim.try_price('ebs-snapshot', 'standard', reg), 0.05),
              jsonb_build_object('created_by', 'finsim.delete_rds', 'db_instance_id', r->>'db_instance_id'), vnow);
      ch := jsonb_build_object('final_snapshot', jsonb_build_object('id', v_snap_id, 'snapshot_id', v_snap));
    END IF;
    DELETE FROM finsim.rds_instances d WHERE d.account_id = a AND d.id = i;
    ch := ch || jsonb_build_object('deleted', r->>'db_instance_id');
  WHEN 'resize_cache' THEN
    v_type := COALESCE(p->>'node_type', r->>'node_type');
    v_n := COALESCE((p->>'num_nodes')::numeric::integer, (r->>'num_nodes')::integer);
    IF v_type = r->>'node_type' AND v_n = (r->>'num_nodes')::integer THEN
      RETURN jsonb_build_object('refused', 'nothing to change: the cluster already has this node type and count');
    END IF;
    v_price := finsim.try_price('elasticache', v_type, reg);
    IF v_price IS NULL THEN
      RETURN jsonb_build_object('refused', format('no catalog price for %s in region %s', v_type, reg));
    END IF;
    UPDATE finsim.cache_clusters c SET node_type = v_type, num_nodes = v_n, hourly_cost = v_price * v_n
     WHERE c.account_id = a AND c.id = i;
    ch := jsonb_build_object('node_type', jsonb_build_array(r->>'node_type', v_type),
                             'num_nodes', jsonb_build_array((r->>'num_nodes')::integer, v_n),
                             'hourly_cost', jsonb_build_array((r->>'hourly_cost')::numeric, v_price * v_n));
  -- Network --------------------------------------------------------------------------
  WHEN 'delete_load_balancer' THEN
    UPDATE finsim.elastic_ips e
       SET state = 'unassociated', associated_lb_arn = NULL,
           hourly_cost = COALESCE(finsim.try_price('eip', 'unassociated', e.region), e.hourly_cost)
     WHERE e.account_id = a AND e.associated_lb_arn = r->>'lb_arn';
    GET DIAGNOSTICS v_n = ROW_COUNT;
    DELETE FROM finsim.load_balancers b WHERE b.account_id = a AND b.id = i;
    ch := jsonb_build_object('deleted', r->>'lb_arn', 'eips_disassociated', v_n);
  WHEN 'release_eip' THEN
    IF r->>'state' = 'associated' OR r->>'associated_instance_id' IS NOT NULL OR r->>'associated_lb_arn' IS NOT NULL THEN
      RETURN jsonb_build_object('refused', format('Elastic IP %s is associated with %s: disassociate it first',
        r->>'public_ip', COALESCE(r->>'associated_instance_id', r->>'associated_lb_arn', 'a resource')));
    END IF;
    DELETE FROM finsim.elastic_ips e WHERE e.account_id = a AND e.id = i;
    ch := jsonb_build_object('released', r->>'public_ip');
  -- Observability --------------------------------------------------------------------
  WHEN 'set_log_retention' THEN
    v_n := (p->>'retention_days')::numeric::integer;
    IF (r->>'retention_days')::integer IS NOT DISTINCT FROM v_n THEN
      RETURN jsonb_build_object('refused', 'log group already keeps ' || v_n || ' days');
    END IF;
    UPDATE finsim.log_groups l SET retention_days = v_n WHERE l.account_id = a AND l.id = i;
    ch := jsonb_build_object('retention_days', jsonb_build_array((r->>'retention_days')::integer, v_n));
  -- Managed services and streams -----------------------------------------------------
  WHEN 'resize_managed_service' THEN
    v_type := COALESCE(p->>'instance_type', r->>'instance_type');
    v_n := COALESCE((p->>'node_count')::numeric::integer, (r->>'node_count')::integer);
    IF v_type = r->>'instance_type' AND v_n = (r->>'node_count')::integer THEN
      RETURN jsonb_build_object('refused', 'nothing to change: the service already has this type and node count');
    END IF;
    v_price := finsim.try_price(r->>'service_type', v_type, reg);
    IF v_price IS NULL THEN  -- an unpriced existing type (a new one is checked first): keep its per-node rate
      IF (r->>'node_count')::integer = 0 THEN
        RETURN jsonb_build_object('refused', format('no catalog price for %s in region %s', v_type, reg));
      END IF;
      v_price := round((r->>'hourly_cost')::numeric / (r->>'node_count')::integer, 6);
    END IF;
    UPDATE finsim.managed_services s SET instance_type = v_type, node_count = v_n, hourly_cost = v_price * v_n
     WHERE s.account_id = a AND s.id = i;
    ch := jsonb_build_object('instance_type', jsonb_build_array(r->>'instance_type', v_type),
                             'node_count', jsonb_build_array((r->>'node_count')::integer, v_n),
                             'hourly_cost', jsonb_build_array((r->>'hourly_cost')::numeric, v_price * v_n));
  WHEN 'resize_stream' THEN
    v_shards := COALESCE((p->>'shard_count')::numeric::integer, (r->>'shard_count')::integer);
    v_ret := COALESCE((p->>'retention_hours')::numeric::integer, (r->>'retention_hours')::integer);
    IF v_shards = (r->>'shard_count')::integer AND v_ret = (r->>'retention_hours')::integer THEN
      RETURN jsonb_build_object('refused', 'nothing to change: the stream already has these shards and retention');
    END IF;
    IF r->>'engine' = 'kinesis' THEN
      v_rate := v_shards * COALESCE(finsim.try_price('kinesis', 'shard', reg), 0)
              + CASE WHEN v_ret > 24 THEN v_shards * COALESCE(finsim.try_price('kinesis', 'extended-retention', reg), 0)
                     ELSE 0 END;
    ELSE  -- Kafka/MSK: brokers keep their per-broker rate
      v_rate := round((r->>'hourly_cost')::numeric / (r->>'shard_count')::integer * v_shards, 6);
    END IF;
    UPDATE finsim.streaming_clusters s
       SET shard_count = v_shards, retention_hours = v_ret, hourly_cost = v_rate,
           provisioned_throughput_mbps = round(s.provisioned_throughput_mbps * v_shards / s.shard_count, 6)
     WHERE s.account_id = a AND s.id = i;
    ch := jsonb_build_object('shard_count', jsonb_build_array((r->>'shard_count')::integer, v_shards),
                             'retention_hours', jsonb_build_array((r->>'retention_hours')::integer, v_ret),
                             'hourly_cost', jsonb_build_array((r->>'hourly_cost')::numeric, v_rate));
  -- Recommendation only (an accepted 'recommend' recommendation): nothing to change.
  WHEN 'recommend' THEN
    NULL;
  -- Governance -----------------------------------------------------------------------
  WHEN 'revoke_api_client' THEN
    UPDATE finsim.api_clients c SET revoked_at = vnow WHERE c.account_id = a AND c.id = i;
    ch := jsonb_build_object('revoked_at', jsonb_build_array(NULL::text, finsim._act_ts(vnow)));
  ELSE
    RAISE EXCEPTION 'unknown action "%"', act USING ERRCODE = '22023', HINT = 'See finsim.actions().';
  END CASE;
  RETURN jsonb_build_object('changes', ch);
END
$$;
COMMENT ON FUNCTION finsim._act_do(text, text, jsonb, jsonb, timestamptz) IS
  'Internal: makes the change of one action on a locked row; returns {"refused": reason} (nothing changed) or {"changes": {...}}.';

-- A number apply_action wrote into resource_change_events (old_value / new_value of its
-- run_rate, credit and credit_cap records), or NULL: an admin can write the audit table, and
-- a hand-written value that is not a plain decimal is no amount (skipped, never cast).
CREATE FUNCTION finsim._act_num(v text) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN v ~ '^-?[0-9]+(\.[0-9]+)?$' THEN v::numeric END $$;
COMMENT ON FUNCTION finsim._act_num(text) IS
  'Internal: a plain decimal of an outcome record as numeric, NULL for anything else (hand-written audit rows are skipped, not cast).';

-- Records the outcome of one action call: an 'action' row (new_value '<action>:<outcome>')
-- and, for applied changes, a 'run_rate' row (old/new account run-rate), when no live
-- waste finding supported the change a 'harmful' row, and a 'credit' row: new_value = the
-- savings the scorecard credits (finsim._act_credit), old_value = the waste the change took
-- out of the findings (NULL without waste detection); when a live finding supported it, a
-- 'credit_cap' row: new_value = the largest saving of the supporting findings, reason = the
-- action the best of them recommends (what later actions on the resource are judged by).
CREATE FUNCTION finsim._act_record(acct uuid, rtype text, rid text, act text, outcome text,
                                   src text, why text, vnow timestamptz,
                                   rate_before numeric, rate_after numeric, harmful boolean,
                                   credit numeric DEFAULT NULL, waste_removed numeric DEFAULT NULL,
                                   credit_why text DEFAULT NULL, credit_cap numeric DEFAULT NULL,
                                   cap_action text DEFAULT NULL)
  RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_seq bigint;
BEGIN
  SELECT count(*) INTO v_seq FROM finsim.resource_change_events e
   WHERE e.account_id = acct AND e.resource_type = rtype AND e.resource_id = rid AND e.field_name = 'action';
  INSERT INTO finsim.resource_change_events (id, account_id, resource_type, resource_id, change_source,
                                             field_name, old_value, new_value, changed_at, reason)
  VALUES (finsim._act_uuid(acct::text, rtype, rid, 'action', v_seq::text), acct, rtype, rid, src,
          'action', NULL, act || ':' || outcome, vnow, why);
  IF outcome = 'applied' THEN
    INSERT INTO finsim.resource_change_events (id, account_id, resource_type, resource_id, change_source,
                                               field_name, old_value, new_value, changed_at, reason)
    VALUES (finsim._act_uuid(acct::text, rtype, rid, 'run_rate', v_seq::text), acct, rtype, rid, src,
            'run_rate', rate_before::text, rate_after::text, vnow, act);
    IF harmful THEN
      INSERT INTO finsim.resource_change_events (id, account_id, resource_type, resource_id, change_source,
                                                 field_name, old_value, new_value, changed_at, reason)
      VALUES (finsim._act_uuid(acct::text, rtype, rid, 'harmful', v_seq::text), acct, rtype, rid, src,
              'harmful', NULL, act, vnow, 'no live waste finding supported this change');
    END IF;
    INSERT INTO finsim.resource_change_events (id, account_id, resource_type, resource_id, change_source,
                                               field_name, old_value, new_value, changed_at, reason)
    VALUES (finsim._act_uuid(acct::text, rtype, rid, 'credit', v_seq::text), acct, rtype, rid, src,
            'credit', round(waste_removed, 6)::text, credit::text, vnow, credit_why);
    IF credit_cap IS NOT NULL THEN
      INSERT INTO finsim.resource_change_events (id, account_id, resource_type, resource_id, change_source,
                                                 field_name, old_value, new_value, changed_at, reason)
      VALUES (finsim._act_uuid(acct::text, rtype, rid, 'credit_cap', v_seq::text), acct, rtype, rid, src,
              'credit_cap', NULL, round(credit_cap, 6)::text, vnow, cap_action);
    END IF;
  END IF;
END
$$;
COMMENT ON FUNCTION finsim._act_record(uuid, text, text, text, text, text, text, timestamptz, numeric, numeric, boolean, numeric, numeric, text, numeric, text) IS
  'Internal: durable record of an apply_action outcome in resource_change_events (field_name action / run_rate / harmful / credit / credit_cap).';

CREATE FUNCTION finsim._apply_action(caller uuid, rtype text, rid text, act text, params jsonb,
                                     why text, src text, created_by text, accepting boolean)
  RETURNS TABLE(outcome text, message text, recommendation_id uuid, est_monthly_savings numeric, changes jsonb)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_row jsonb;
  v_accts uuid[];
  v_acct uuid;
  v_now timestamptz;
  v_freeze timestamptz;
  v_baseline numeric;
  v_refusal text;
  v_res jsonb;
  v_before numeric;
  v_after numeric;
  v_saving numeric;
  v_rec uuid;
  v_open_params jsonb;
  v_pattern text;
  v_waste boolean := finsim._act_waste_available();
  v_supported boolean;
  v_found record;
  v_removed numeric;
  v_cap numeric;
  v_credit numeric;
  v_hist_cap numeric;
  v_hist_supports boolean;
  v_hist_credit numeric := 0;
  v_hist_drop numeric := 0;
  v_only_record boolean := act = 'recommend' AND NOT accepting;
BEGIN
  IF rtype IS NULL OR NOT EXISTS (SELECT 1 FROM finsim.actions() x WHERE x.action = act AND rtype = ANY (x.resource_types)) THEN
    RAISE EXCEPTION 'action % does not apply to resource type %', act, finsim._act_clip(rtype)
      USING ERRCODE = '22023', HINT = 'See finsim.actions() for the resource types of each action.';
  END IF;
  IF rid IS NULL OR rid !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    RAISE EXCEPTION '% % not found', rtype, COALESCE(finsim._act_clip(rid), 'NULL')
      USING ERRCODE = 'P0002', HINT = 'resource_id is the row id (uuid) of finsim.' || rtype || '.';
  END IF;
  -- One spelling from here on (uuid_out's, lower case): findings, recommendations and the
  -- records compare resource ids as text.
  rid := lower(rid);
  -- Lock order, as drift_tick: the account row first (NO KEY UPDATE: actions on one account
  -- run one at a time and wait for a running tick, which holds it FOR UPDATE), then the
  -- resource row.  Resource first would deadlock with a tick updating the same resource.
  --
  -- Ids are unique per account only (the keys are (account_id, id)): hand-written fixtures
  -- may use one id in several accounts.  An agent (caller = its account) and
  -- accept_recommendation (caller = the recommendation's account) name the account; an
  -- admin (caller NULL) does not, so an id of several accounts is refused, never guessed.
  EXECUTE format('SELECT array_agg(t.account_id ORDER BY t.account_id) FROM finsim.%I t
                   WHERE t.id = $1 AND ($2::uuid IS NULL OR t.account_id = $2)', rtype)
    INTO v_accts USING rid::uuid, caller;
  v_acct := finsim._act_one_account(rtype, rid, v_accts,
    'Resource ids are unique per account only. Act as the owning account: log in with one of its '
    'API keys (finsim.create_api_client, then finsim.login as a finsim_agent role), or accept a '
    'recommendation of that account (finsim.accept_recommendation acts on the recommendation''s account).');
  IF v_acct IS NOT NULL THEN
    PERFORM 1 FROM finsim.cloud_accounts a WHERE a.id = v_acct FOR NO KEY UPDATE;
    EXECUTE format('SELECT to_jsonb(t) FROM finsim.%I t WHERE t.id = $1 AND t.account_id = $2 FOR UPDATE', rtype)
      INTO v_row USING rid::uuid, v_acct;
  END IF;
  IF v_row IS NULL THEN
    RAISE EXCEPTION '% % not found', rtype, rid
      USING ERRCODE = 'P0002', HINT = 'resource_id is the row id (uuid) of a resource of your account in finsim.' || rtype || '.';
  END IF;
  v_acct := (v_row->>'account_id')::uuid;
  -- recommend_only means a person decides: a logged-in session (an agent, or an admin acting
  -- as a key) may not accept a recommendation on such a resource, its own or another key's.
  IF accepting AND v_row->>'optimization_policy' = 'recommend_only' AND finsim._act_caller(NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'a logged-in agent session cannot accept a recommendation on a recommend_only resource (% %)', rtype, rid
      USING ERRCODE = '42501',
            HINT = 'recommend_only means a person decides: an admin accepts it without a login (finsim.logout() first), '
                   'or the agent dismisses it (finsim.dismiss_recommendation).';
  END IF;
  PERFORM finsim._act_check_params(act, v_row, params);
  SELECT a.freeze_optimizations_until, a.baseline_run_rate INTO v_freeze, v_baseline
    FROM finsim.cloud_accounts a WHERE a.id = v_acct;
  v_now := finsim.now(v_acct);

  v_refusal := finsim._act_gate(rtype, v_row, v_freeze, v_now);
  IF v_refusal IS NULL THEN
    SELECT f.pattern, f.est_monthly_savings, f.supports, f.recommends, f.most_savings, f.resource_waste,
           f.recommended_action INTO v_found
      FROM finsim._act_findings(v_acct, rtype, rid, act, params) f LIMIT 1;
    v_pattern := CASE WHEN v_found.supports THEN v_found.pattern END;
    -- Supported: a live finding recommends this action or a more drastic one, and the change
    -- does not raise the run-rate (checked once it is applied, below: no finding of waste
    -- supports spending more, e.g. rightsizing up or starting a stopped instance).
    v_supported := v_pattern IS NOT NULL;
    v_before := finsim._act_run_rate(v_acct);
    IF (v_row->>'optimization_policy' = 'recommend_only' AND NOT accepting) OR v_only_record THEN
      IF v_only_record THEN
        -- 'recommend' changes nothing: the recommendation carries the savings of the live
        -- finding that recommends it (0 without one).
        v_res := jsonb_build_object('changes', '{}'::jsonb);
      ELSE
        -- Work out the change and its savings, then roll it back: the resource stays untouched.
        BEGIN
          v_res := finsim._act_do(act, rtype, v_row, params, v_now);
          v_after := finsim._act_run_rate(v_acct);
          RAISE EXCEPTION 'finsim: dry run' USING ERRCODE = 'FSDRY';
        EXCEPTION WHEN SQLSTATE 'FSDRY' THEN
          NULL;
        END;
      END IF;
      IF v_res ? 'refused' THEN
        v_refusal := v_res->>'refused';
      ELSE
        v_saving := CASE WHEN v_only_record THEN CASE WHEN v_found.recommends THEN v_found.est_monthly_savings ELSE 0 END
                         ELSE GREATEST(round(v_before - v_after, 6), 0) END;
        INSERT INTO finsim.recommendations AS r (id, account_id, resource_type, resource_id, pattern, action,
                                                 action_params, est_monthly_savings, status, reason, created_by)
        VALUES (finsim._act_uuid(v_acct::text, rtype, rid, act, extract(epoch FROM v_now)::text,
                                 (SELECT count(*) FROM finsim.recommendations x
                                   WHERE x.account_id = v_acct AND x.resource_type = rtype
                                     AND x.resource_id = rid AND x.action = act)::text),
                v_acct, rtype, rid, COALESCE(v_pattern, 'agent'), act, params, v_saving, 'open', why, created_by)
        ON CONFLICT (account_id, resource_type, resource_id, action) WHERE status = 'open' DO NOTHING
        RETURNING r.id INTO v_rec;
        IF v_rec IS NULL THEN
          SELECT x.id, x.est_monthly_savings, x.action_params INTO v_rec, v_saving, v_open_params
            FROM finsim.recommendations x
           WHERE x.account_id = v_acct AND x.resource_type = rtype AND x.resource_id = rid
             AND x.action = act AND x.status = 'open';
          PERFORM finsim._act_record(v_acct, rtype, rid, act, 'recommended', src,
                                     'existing open recommendation ' || v_rec::text, v_now, NULL, NULL, false);
          -- The open recommendation stands as it was made: its savings, and the changes of
          -- this call only when it asked for the same params (other params: none shown).
          RETURN QUERY SELECT 'recommended'::text,
            CASE WHEN v_only_record THEN 'an open recommendation for this resource already exists'
                 ELSE 'resource is recommend_only: an open recommendation for this action already exists' END
            || CASE WHEN v_open_params = params THEN ''
                    ELSE ' with other params (' || v_open_params::text || '): dismiss it to recommend these' END,
            v_rec, v_saving, CASE WHEN v_open_params = params THEN v_res->'changes' END;
          RETURN;
        END IF;
        PERFORM finsim._act_record(v_acct, rtype, rid, act, 'recommended', src, why, v_now, NULL, NULL, false);
        RETURN QUERY SELECT 'recommended'::text,
          CASE WHEN v_only_record THEN 'recommendation recorded, resource untouched'
               ELSE 'resource is recommend_only: recommendation created, resource untouched' END,
          v_rec, v_saving, v_res->'changes';
        RETURN;
      END IF;
    ELSE
      v_res := finsim._act_do(act, rtype, v_row, params, v_now);
      IF v_res ? 'refused' THEN
        v_refusal := v_res->>'refused';
      ELSE
        v_after := finsim._act_run_rate(v_acct);
        v_saving := round(v_before - v_after, 6);
        IF v_baseline IS NULL THEN
          UPDATE finsim.cloud_accounts a SET baseline_run_rate = v_before, baseline_at = v_now
           WHERE a.id = v_acct AND a.baseline_run_rate IS NULL;
        END IF;
        -- The findings that supported earlier actions on this resource (their 'credit_cap'
        -- records) still support the follow-ups they call for (stop, then the terminate the
        -- idle finding asked for), and cap what all actions on the resource earn together:
        -- in steps, twice, or undone and redone, no more than the largest finding.
        IF v_waste THEN
          SELECT max(finsim._act_num(c.new_value)) FILTER (WHERE c.field_name = 'credit_cap' AND finsim._act_num(c.new_value) >= 0),
                 COALESCE(bool_or(finsim._act_supports(c.reason, finsim._act_num(c.new_value), act))
                            FILTER (WHERE c.field_name = 'credit_cap' AND finsim._act_num(c.new_value) >= 0), false),
                 COALESCE(sum(finsim._act_num(c.new_value)) FILTER (WHERE c.field_name = 'credit'), 0),
                 COALESCE(sum(finsim._act_num(c.old_value) - finsim._act_num(c.new_value)) FILTER (WHERE c.field_name = 'run_rate'), 0)
            INTO v_hist_cap, v_hist_supports, v_hist_credit, v_hist_drop
            FROM finsim.resource_change_events c
           WHERE c.account_id = v_acct AND c.resource_type = rtype AND c.resource_id = rid
             AND c.field_name IN ('credit_cap', 'credit', 'run_rate');
          -- The waste the change took out of the findings: the resource's largest finding
          -- before, less its largest after.
          v_removed := COALESCE(v_found.resource_waste, 0)
                       - (SELECT COALESCE(max(f.est_monthly_savings), 0) FROM finsim._act_findings(v_acct, rtype, rid, act) f);
        END IF;
        v_cap := CASE WHEN v_waste THEN GREATEST(CASE WHEN v_pattern IS NOT NULL THEN v_found.most_savings END,
                                                  CASE WHEN v_hist_supports THEN v_hist_cap END, 0) END;
        v_supported := (v_supported OR COALESCE(v_hist_supports, false)) AND v_after <= v_before;
        v_credit := finsim._act_credit(act, v_row, params, v_now, v_before - v_after, v_supported, v_cap, v_removed);
        IF v_waste AND v_credit > 0 THEN
          v_credit := LEAST(v_credit, GREATEST(GREATEST(v_cap, COALESCE(v_hist_cap, 0)) - v_hist_credit, 0));
        ELSIF v_waste AND v_credit < 0 THEN
          -- Undoing earlier changes gives back what they earned; only spending beyond where
          -- the resource started is debited in full.
          v_credit := round(GREATEST(v_credit, -GREATEST(v_hist_credit, 0))
                            + LEAST(v_hist_drop + (v_before - v_after), 0), 6);
        END IF;
        PERFORM finsim._act_record(v_acct, rtype, rid, act, 'applied', src, why, v_now, v_before, v_after,
                                   v_waste AND NOT v_supported AND act <> 'recommend',
                                   v_credit, v_removed,
                                   CASE WHEN NOT v_waste THEN 'no waste detection: the run-rate drop'
                                        WHEN v_pattern IS NOT NULL AND v_supported THEN 'supported by ' || v_pattern
                                        WHEN v_supported THEN 'supported by an earlier finding on this resource'
                                        ELSE 'no live waste finding supported this change' END,
                                   CASE WHEN v_pattern IS NOT NULL AND v_supported THEN v_found.most_savings END,
                                   v_found.recommended_action);
        RETURN QUERY SELECT 'applied'::text,
          format('%s applied to %s %s', act, rtype, rid), NULL::uuid, v_saving, v_res->'changes';
        RETURN;
      END IF;
    END IF;
  END IF;
  PERFORM finsim._act_record(v_acct, rtype, rid, act, 'refused', src, v_refusal, v_now, NULL, NULL, false);
  RETURN QUERY SELECT 'refused'::text, v_refusal, NULL::uuid, NULL::numeric, NULL::jsonb;
END
$$;
COMMENT ON FUNCTION finsim._apply_action(uuid, text, text, text, jsonb, text, text, text, boolean) IS
  'Internal: the rules of apply_action on a validated call (lock, gates, policy, change, recommendation, outcome record).';

CREATE FUNCTION finsim.apply_action(resource_type text, resource_id text, action text,
                                    params jsonb DEFAULT '{}', reason text DEFAULT NULL)
  RETURNS TABLE(outcome text, message text, recommendation_id uuid, est_monthly_savings numeric, changes jsonb)
  LANGUAGE c SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'finsim_apply_action';
COMMENT ON FUNCTION finsim.apply_action(text, text, text, jsonb, text) IS
  'Applies an agent action to one resource (resource_type = table, resource_id = row id): outcome applied, recommended (a recommendations row, resource untouched: the resource is recommend_only, or the action is ''recommend'', which any resource type accepts with descriptive params, e.g. a waste finding''s) or refused (with the reason). Needs an act:* or act:<table> scope; admins may act on any account.';

-- Recommendations ----------------------------------------------------------------------

-- The open recommendation `rec_id` visible to the caller (admin: any; agent: own account),
-- locked; P0002 otherwise (same message whether absent or another account's).
-- 25006 naming the function (as drift_tick names itself) before a read-only transaction
-- meets the row locks with PostgreSQL's own text; true otherwise.
CREATE FUNCTION finsim._act_writable(what text) RETURNS boolean
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF current_setting('transaction_read_only')::boolean THEN
    RAISE EXCEPTION 'cannot execute % in a read-only transaction', what USING ERRCODE = '25006',
      HINT = 'It changes the estate or its recommendations: run it in a read-write transaction on the primary.';
  END IF;
  RETURN true;
END
$$;
COMMENT ON FUNCTION finsim._act_writable(text) IS
  'Internal: 25006 naming the calling function when the transaction is read-only; true otherwise.';

CREATE FUNCTION finsim._act_recommendation(rec_id uuid, need_act boolean)
  RETURNS finsim.recommendations
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_caller uuid := finsim._act_caller(NULL);
  v_accts uuid[];
  v_acct uuid;
  r finsim.recommendations;
BEGIN
  IF rec_id IS NULL THEN
    RAISE EXCEPTION 'recommendation id must not be NULL' USING ERRCODE = '22004';
  END IF;
  -- Ids are unique per account only: an admin (v_caller NULL) naming an id of several
  -- accounts is refused rather than served whichever row comes first.
  SELECT array_agg(x.account_id ORDER BY x.account_id) INTO v_accts FROM finsim.recommendations x
   WHERE x.id = rec_id AND (v_caller IS NULL OR x.account_id = v_caller);
  v_acct := finsim._act_one_account('recommendation', rec_id::text, v_accts,
    'Recommendation ids are unique per account only. Act as the owning account: log in with one of '
    'its API keys (finsim.login) and accept or dismiss it there.');
  -- The account row first, as apply_action and drift_tick take it: a tick in progress is
  -- waited for before the recommendation is locked (the other order deadlocks with the
  -- tick's end-of-day expiry).
  PERFORM 1 FROM finsim.cloud_accounts a WHERE a.id = v_acct FOR NO KEY UPDATE;
  SELECT * INTO r FROM finsim.recommendations x
   WHERE x.id = rec_id AND x.account_id = v_acct FOR UPDATE;
  IF r.id IS NULL THEN
    RAISE EXCEPTION 'recommendation % not found', rec_id
      USING ERRCODE = 'P0002', HINT = 'List them with: SELECT * FROM finsim.recommendations WHERE status = ''open'';';
  END IF;
  IF need_act THEN  -- act:* / act:recommendations / act:<resource table>
    BEGIN
      PERFORM finsim._act_caller('recommendations');
    EXCEPTION WHEN insufficient_privilege THEN
      PERFORM finsim._act_caller(r.resource_type);
    END;
  END IF;
  IF r.status <> 'open' THEN
    RAISE EXCEPTION 'recommendation % is already %', rec_id, r.status
      USING ERRCODE = '22023', HINT = 'Only open recommendations can be accepted or dismissed.';
  END IF;
  RETURN r;
END
$$;
COMMENT ON FUNCTION finsim._act_recommendation(uuid, boolean) IS
  'Internal: locks an open recommendation visible to the caller, or raises P0002/22023/42501.';

CREATE FUNCTION finsim.accept_recommendation(id uuid)
  RETURNS TABLE(outcome text, message text, recommendation_id uuid, est_monthly_savings numeric, changes jsonb)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  w boolean := finsim._act_writable('finsim.accept_recommendation()');
  r finsim.recommendations := finsim._act_recommendation($1, true);
  res record;
BEGIN
  -- The recommendation's own account, also for an admin: ids are unique per account only,
  -- so the same resource id may exist in another account.
  -- Params as apply_action checks them (a hand-written row may hold anything).
  SELECT * INTO res FROM finsim._apply_action(r.account_id, r.resource_type, r.resource_id, r.action,
                                              finsim._act_checked_params(r.action, r.resource_type, r.action_params),
                                              COALESCE(r.reason, 'accepted recommendation ' || r.id::text),
                                              'manual', 'manual', true) x;
  IF res.outcome = 'applied' THEN
    UPDATE finsim.recommendations x SET status = 'applied', decided_at = finsim.now(r.account_id)
     WHERE x.account_id = r.account_id AND x.id = r.id;
  END IF;
  RETURN QUERY SELECT res.outcome, res.message, r.id, res.est_monthly_savings, res.changes;
END
$$;
COMMENT ON FUNCTION finsim.accept_recommendation(uuid) IS
  'Applies an open recommendation (change_source manual; the recommend_only policy is what it overrides, freezes and ignore still refuse); status becomes applied. Admins, or the owning account''s agent with an act scope; on a recommend_only resource only an admin without a login (a person decides: 42501 for a logged-in session).';

CREATE FUNCTION finsim.dismiss_recommendation(id uuid, reason text DEFAULT NULL) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  w boolean := finsim._act_writable('finsim.dismiss_recommendation()');
  r finsim.recommendations := finsim._act_recommendation($1, true);
BEGIN
  IF octet_length($2) > 2000 THEN
    RAISE EXCEPTION 'reason is too long (% bytes; at most 2000)', octet_length($2) USING ERRCODE = '22023',
      HINT = 'Give a short reason; the recommendation keeps it.';
  END IF;
  UPDATE finsim.recommendations x
     SET status = 'dismissed', reason = COALESCE($2, x.reason), decided_at = finsim.now(r.account_id)
   WHERE x.account_id = r.account_id AND x.id = r.id;
  RETURN 'dismissed';
END
$$;
COMMENT ON FUNCTION finsim.dismiss_recommendation(uuid, text) IS
  'Dismisses an open recommendation (status dismissed, with the reason). Admins, or the owning account''s agent with an act scope.';

-- Checks that the caller may read account `acct` (admin, or the logged-in agent's own).
CREATE FUNCTION finsim._act_own_account(acct uuid) RETURNS void
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_caller uuid := finsim._act_caller(NULL);
BEGIN
  IF acct IS NULL THEN
    RAISE EXCEPTION 'account_id must not be NULL' USING ERRCODE = '22004';
  END IF;
  IF v_caller IS NULL AND NOT EXISTS (SELECT 1 FROM finsim.cloud_accounts a WHERE a.id = acct) THEN
    -- An admin: as finsim.now(), drift_tick() and the other admin functions say it.
    RAISE EXCEPTION 'account % does not exist', acct
      USING ERRCODE = '22023', HINT = 'List accounts with: SELECT id, name FROM finsim.cloud_accounts;';
  END IF;
  IF (v_caller IS NOT NULL AND v_caller <> acct)
     OR NOT EXISTS (SELECT 1 FROM finsim.cloud_accounts a WHERE a.id = acct) THEN
    RAISE EXCEPTION 'account % not found', acct
      USING ERRCODE = 'P0002', HINT = 'An agent may only use its own account: finsim.current_account_id().';
  END IF;
END
$$;
COMMENT ON FUNCTION finsim._act_own_account(uuid) IS
  'Internal: unless the caller may see the account: 22023 for an admin (no such account), P0002 for an agent (another account reads as a missing one).';

CREATE FUNCTION finsim.expire_recommendations(account_id uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  acct uuid := $1;
  v_now timestamptz;
  v_n integer := 0;
  v_alive boolean;
  v_live text[];
  r record;
BEGIN
  PERFORM finsim._act_own_account(acct);
  PERFORM finsim._act_writable('finsim.expire_recommendations()');
  -- The account row first (a running tick is waited for), and only then the clock and the
  -- findings: a call that waited judges the day the tick left, never the day before.
  PERFORM 1 FROM finsim.cloud_accounts a WHERE a.id = acct FOR NO KEY UPDATE;
  v_now := finsim.now(acct);
  IF finsim._act_waste_available() THEN  -- the live findings, computed once
    -- type/id/recommended action/savings per finding (types, ids and actions hold no '/').
    EXECUTE 'SELECT COALESCE(array_agg(x->>''resource_type'' || ''/'' || (x->>''resource_id'') || ''/''
                                       || COALESCE(x->>''recommended_action'', '''') || ''/''
                                       || COALESCE(x->>''est_monthly_savings'', ''0'')), ''{}'')
               FROM (SELECT to_jsonb(f) AS x FROM finsim.waste_findings($1) f) s' INTO v_live USING acct;
  END IF;
  FOR r IN SELECT x.id, x.resource_type, x.resource_id, x.action FROM finsim.recommendations x
            WHERE x.account_id = acct AND x.status = 'open' ORDER BY x.id FOR UPDATE
  LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM finsim.%I t WHERE t.account_id = $1 AND t.id::text = $2
                      AND NOT (to_jsonb(t)->>''state'' IS NOT NULL AND to_jsonb(t)->>''state'' IN (''terminated'', ''deleted'', ''deleting'')))',
                   r.resource_type) INTO v_alive USING acct, r.resource_id;
    IF v_alive AND v_live IS NOT NULL THEN
      v_alive := EXISTS (SELECT 1 FROM unnest(v_live) l
                          WHERE split_part(l, '/', 1) = r.resource_type AND split_part(l, '/', 2) = r.resource_id
                            AND finsim._act_supports(split_part(l, '/', 3), split_part(l, '/', 4)::numeric, r.action));
    END IF;
    IF NOT v_alive THEN
      UPDATE finsim.recommendations x SET status = 'expired', decided_at = v_now
       WHERE x.account_id = acct AND x.id = r.id;
      v_n := v_n + 1;
    END IF;
  END LOOP;
  RETURN v_n;
END
$$;
COMMENT ON FUNCTION finsim.expire_recommendations(uuid) IS
  'Marks open recommendations expired when their resource is gone (deleted/terminated) or, when finsim.waste_findings exists, no live finding supports the recommended action any more (one recommending it, or a more drastic action with savings). Returns how many expired.';

-- Scorecard ----------------------------------------------------------------------------

CREATE FUNCTION finsim._act_scorecard(acct_id uuid)
  RETURNS TABLE(account_id uuid, baseline_run_rate numeric, current_run_rate numeric,
                realized_monthly_savings numeric, credited_savings numeric, uncredited_waste numeric,
                remaining_waste numeric, handed_off_waste numeric, actions_applied bigint,
                actions_recommended bigint, actions_refused bigint, harmful_actions bigint, score numeric)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  acct uuid := $1;
  v_base numeric;
  v_cur numeric;
  v_real numeric;
  v_credit numeric;
  v_uncredited numeric;
  v_waste numeric;
  v_handed numeric;
  v_app bigint;
  v_rec bigint;
  v_ref bigint;
  v_harm bigint;
BEGIN
  PERFORM finsim._act_own_account(acct);
  -- A read-only transaction (a dry run, a reporting replica) reads the scorecard as it stands.
  IF NOT current_setting('transaction_read_only')::boolean THEN
    PERFORM finsim.expire_recommendations(acct);
  END IF;
  v_cur := finsim._act_run_rate(acct);
  SELECT COALESCE(a.baseline_run_rate, v_cur) INTO v_base FROM finsim.cloud_accounts a WHERE a.id = acct;
  -- Only the amounts apply_action writes count (finsim._act_num skips hand-written text).
  SELECT COALESCE(sum(finsim._act_num(e.old_value) - finsim._act_num(e.new_value)) FILTER (WHERE e.field_name = 'run_rate'), 0),
         COALESCE(sum(finsim._act_num(e.new_value)) FILTER (WHERE e.field_name = 'credit'), 0),
         COALESCE(sum(GREATEST(finsim._act_num(e.old_value) - GREATEST(finsim._act_num(e.new_value), 0), 0))
                    FILTER (WHERE e.field_name = 'credit' AND finsim._act_num(e.new_value) IS NOT NULL), 0)
    INTO v_real, v_credit, v_uncredited
    FROM finsim.resource_change_events e
   WHERE e.account_id = acct AND e.field_name IN ('run_rate', 'credit');
  SELECT count(*) FILTER (WHERE e.new_value LIKE '%:applied'),
         count(*) FILTER (WHERE e.new_value LIKE '%:recommended'),
         count(*) FILTER (WHERE e.new_value LIKE '%:refused')
    INTO v_app, v_rec, v_ref
    FROM finsim.resource_change_events e WHERE e.account_id = acct AND e.field_name = 'action';
  SELECT count(*) INTO v_harm FROM finsim.resource_change_events e
   WHERE e.account_id = acct AND e.field_name = 'harmful';
  IF finsim._act_waste_available() THEN
    -- The achievable total, as waste_summary counts it (no double counting), and the part of
    -- it out of the agent's hands: frozen findings, and findings a person must decide
    -- (action 'recommend', or a recommend_only resource) that the agent has recommended
    -- (an open recommendation of that action, or one a person dismissed).
    EXECUTE 'SELECT COALESCE(sum(c.counted_savings), 0)::numeric,
                    COALESCE(sum(c.counted_savings) FILTER (WHERE c.frozen OR (
                      (c.recommended_action = ''recommend'' OR c.optimization_policy = ''recommend_only'')
                      AND EXISTS (SELECT 1 FROM finsim.recommendations x
                                   WHERE x.account_id = c.account_id AND x.resource_type = c.resource_type
                                     AND x.resource_id = c.resource_id AND x.action = c.recommended_action
                                     AND x.status IN (''open'', ''dismissed'')))), 0)::numeric
               FROM finsim._waste_counted($1) c'
      INTO v_waste, v_handed USING acct;
  END IF;
  -- Credited savings (finsim._act_credit: what the supporting findings justify) over what was
  -- within reach: the savings credited, the waste the actions took out of the findings
  -- without saving it (uncredited: e.g. a retention that only deletes a year later), and
  -- the waste left in the agent's hands.  Net spending added by the agent's actions
  -- (realized or credited < 0) counts as waste it created: the score is 0 then.
  RETURN QUERY SELECT acct, v_base, v_cur, v_real, v_credit, v_uncredited, v_waste, v_handed, v_app, v_rec, v_ref, v_harm,
    round(CASE WHEN v_waste IS NULL THEN NULL
               WHEN v_real < 0 OR v_credit < 0 THEN 0
               WHEN v_credit + v_uncredited + v_waste - v_handed <= 0 THEN GREATEST(100 - 10 * v_harm, 0)
               ELSE GREATEST(100 * v_credit / (v_credit + v_uncredited + v_waste - v_handed) - 10 * v_harm, 0) END, 2);
END
$$;
COMMENT ON FUNCTION finsim._act_scorecard(uuid) IS 'Internal: body of finsim.scorecard.';

CREATE FUNCTION finsim.scorecard(account_id uuid)
  RETURNS TABLE(account_id uuid, baseline_run_rate numeric, current_run_rate numeric,
                realized_monthly_savings numeric, credited_savings numeric, uncredited_waste numeric,
                remaining_waste numeric, handed_off_waste numeric, actions_applied bigint,
                actions_recommended bigint, actions_refused bigint, harmful_actions bigint, score numeric)
  LANGUAGE c SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'finsim_scorecard';
COMMENT ON FUNCTION finsim.scorecard(uuid) IS
  'How an agent did on an account: baseline and current monthly run-rate, realized savings (sum of the run-rate drops of applied actions), credited savings (what the waste findings supporting each action justify: at most their savings, nothing for unsupported changes, retention and lifecycle policies priced with their params), uncredited waste (what the actions took out of the findings beyond their credit), remaining waste (waste_findings, no double counting), the part of it handed off (frozen, or recommended to a person where only a person may decide), counts of applied / recommended / refused / harmful actions, and a 0-100 score: 100 x credited / (credited + uncredited + remaining - handed off) - 10 per harmful action (0 when the actions raised the run-rate overall). Expires stale recommendations first, except in a read-only transaction.';

GRANT EXECUTE ON FUNCTION finsim.actions() TO finsim_admin, finsim_agent;
GRANT EXECUTE ON FUNCTION finsim.apply_action(text, text, text, jsonb, text) TO finsim_admin, finsim_agent;
GRANT EXECUTE ON FUNCTION finsim.accept_recommendation(uuid) TO finsim_admin, finsim_agent;
GRANT EXECUTE ON FUNCTION finsim.dismiss_recommendation(uuid, text) TO finsim_admin, finsim_agent;
GRANT EXECUTE ON FUNCTION finsim.expire_recommendations(uuid) TO finsim_admin, finsim_agent;
GRANT EXECUTE ON FUNCTION finsim.scorecard(uuid) TO finsim_admin, finsim_agent;
