-- Waste detection: the pattern registry (src/core/patterns.cpp) drives every function here.
-- All detection functions are SECURITY INVOKER: row-level security restricts agents to
-- their own account; account_id NULL means every account the caller can see.

CREATE FUNCTION finsim._waste_smaller(service text, type text, steps integer) RETURNS text
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_waste_smaller';
COMMENT ON FUNCTION finsim._waste_smaller(text, text, integer) IS
  'Internal: the type `steps` sizes smaller in the same family (catalog::smaller_type); NULL when none.';
CREATE FUNCTION finsim._waste_current_gen(instance_type text) RETURNS text
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_waste_current_gen';
COMMENT ON FUNCTION finsim._waste_current_gen(text) IS
  'Internal: the current-generation EC2 type of the same size for a previous-generation type; NULL otherwise.';
CREATE FUNCTION finsim._waste_vcpus(instance_type text) RETURNS numeric
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_waste_vcpus';
COMMENT ON FUNCTION finsim._waste_vcpus(text) IS 'Internal: vCPUs of an EC2 instance type.';
CREATE FUNCTION finsim._waste_memory_gib(instance_type text) RETURNS numeric
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_waste_memory_gib';
COMMENT ON FUNCTION finsim._waste_memory_gib(text) IS 'Internal: memory (GiB) of an EC2 instance type.';

CREATE FUNCTION finsim._waste_registry()
  RETURNS TABLE(code text, resource_type text, description text, thresholds jsonb,
                savings_rule text, recommended_action text, area text, predicate text)
  LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_patterns';
COMMENT ON FUNCTION finsim._waste_registry() IS
  'Internal: the waste-pattern registry with the area (per-area function) and the SQL predicate of each entry.';

CREATE FUNCTION finsim._waste_sql(scope text)
  RETURNS TABLE(code text, resource_type text, area text, sql text)
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_waste_sql';
COMMENT ON FUNCTION finsim._waste_sql(text) IS
  'Internal: the detection SELECT of every registry entry; scope ''all'', ''account'' (r.account_id = $1) or ''account_or_all'' ($1 IS NULL OR r.account_id = $1, the form compiled into finsim.waste_findings and the per-area functions).';

CREATE FUNCTION finsim.patterns()
  RETURNS TABLE(code text, resource_type text, description text, thresholds jsonb,
                savings_rule text, recommended_action text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT r.code, r.resource_type, r.description, r.thresholds, r.savings_rule, r.recommended_action
          FROM finsim._waste_registry() r $$;
COMMENT ON FUNCTION finsim.patterns() IS
  'Every waste pattern finsim detects: code (API), resource_type (table), description, thresholds, savings rule and recommended action (an apply_action action, or ''recommend''). One row per registry entry; untagged_resource has one per tagged table.';

-- waste_findings and the per-area functions are compiled here from the registry.  Each
-- public function finsim.F(account_id) is an inlinable SQL function over the compiled query
-- finsim._F_q(account_id) (one LANGUAGE sql SELECT: a UNION ALL of the entries' queries), so
-- both are inlined into the caller's plan: the account id is a constant there, "$1 IS NULL
-- OR r.account_id = $1" folds into index-led scans per account (or into no filter), and
-- the rows stream to the caller without a tuplestore.  JIT compiling the ~60-branch query
-- costs more than running it, and a SET clause would prevent inlining, so finsim's planner
-- hook (src/pg/detection_jit.cpp) turns JIT off for plans that call these functions.
CREATE FUNCTION finsim._waste_run(query_fn text, account uuid)
  RETURNS TABLE(account_id uuid, resource_type text, resource_id text, resource_name text,
                pattern text, severity text, est_monthly_savings numeric, recommended_action text,
                action_params jsonb, optimization_policy text, frozen boolean, evidence jsonb)
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET jit = off
AS $r$
BEGIN
  IF query_fn IS NULL OR query_fn !~ '^_[a-z0-9_]+_q$'
     OR to_regprocedure(format('finsim.%I(uuid)', query_fn)) IS NULL THEN
    RAISE EXCEPTION 'unknown waste query function %', query_fn USING ERRCODE = '22023',
      HINT = 'Call finsim.waste_findings() or one of the finsim.<area>_waste() functions.';
  END IF;
  RETURN QUERY EXECUTE format('SELECT * FROM finsim.%I($1)', query_fn) USING account;
END
$r$;
COMMENT ON FUNCTION finsim._waste_run(text, uuid) IS
  'Internal: runs a compiled waste query function (finsim._<name>_q) for one account (NULL = all visible) as a one-shot plan with the account id known at planning time and jit off, materialised. For callers that hold the account id in a variable of a reused plan; finsim.waste_findings and the per-area functions are inlined instead.';

CREATE FUNCTION finsim._waste_compile(fn text, only_area text, comment text) RETURNS void
  LANGUAGE plpgsql AS $c$
DECLARE
  cols constant text := 'account_id uuid, resource_type text, resource_id text, resource_name text,
                    pattern text, severity text, est_monthly_savings numeric, recommended_action text,
                    action_params jsonb, optimization_policy text, frozen boolean, evidence jsonb';
BEGIN
  EXECUTE format($f$
    CREATE FUNCTION finsim.%I(account_id uuid DEFAULT NULL) RETURNS TABLE(%s)
      LANGUAGE sql STABLE PARALLEL RESTRICTED
      AS %L$f$, '_' || fn || '_q', cols,
    (SELECT string_agg(q.sql, E'\nUNION ALL\n' ORDER BY q.ord)
       FROM finsim._waste_sql('account_or_all') WITH ORDINALITY q(code, resource_type, area, sql, ord)
      WHERE only_area IS NULL OR q.area = only_area));
  EXECUTE format('COMMENT ON FUNCTION finsim.%I(uuid) IS %L', '_' || fn || '_q',
    'Internal: the compiled detection query behind finsim.' || fn || '() (inlinable SQL).');
  EXECUTE format($f$
    CREATE FUNCTION finsim.%I(account_id uuid DEFAULT NULL) RETURNS TABLE(%s)
      LANGUAGE sql STABLE PARALLEL RESTRICTED
      AS %L$f$, fn, cols, format('SELECT * FROM finsim.%I($1)', '_' || fn || '_q'));
  EXECUTE format('COMMENT ON FUNCTION finsim.%I(uuid) IS %L', fn, comment);
  EXECUTE format('GRANT EXECUTE ON FUNCTION finsim.%I(uuid), finsim.%I(uuid) TO finsim_admin, finsim_agent',
                 fn, '_' || fn || '_q');
END
$c$;
COMMENT ON FUNCTION finsim._waste_compile(text, text, text) IS
  'Internal (install time): creates a findings function from the registry''s queries of one area (NULL = all).';

SELECT finsim._waste_compile('waste_findings', NULL, 'Every waste finding of one account (NULL: every account the caller can see), for every pattern of finsim.patterns(). SECURITY INVOKER: agents see only their own account. An unknown account returns no rows. ''ignore'' resources are never reported; frozen resources (resource or account freeze in the future of the account''s virtual clock) have frozen = true. recommended_action and action_params are ready for finsim.apply_action as-is (''recommend'' records a recommendation and changes nothing).');

DO $areas$
DECLARE
  a record;
  codes text;
BEGIN
  FOR a IN SELECT * FROM (VALUES
    ('instance', 'EC2 instances'),
    ('asg', 'Auto Scaling groups'),
    ('lambda', 'Lambda functions'),
    ('container', 'Container clusters, nodes and services'),
    ('volume', 'EBS volumes'),
    ('snapshot', 'EBS snapshots'),
    ('s3', 'S3 buckets'),
    ('rds', 'RDS databases'),
    ('cache', 'ElastiCache clusters'),
    ('network', 'Load balancers and Elastic IPs'),
    ('transfer', 'Data transfer (yesterday on the virtual clock)'),
    ('log', 'CloudWatch log groups'),
    ('commitment', 'Commitments'),
    ('managed', 'Managed services'),
    ('stream', 'Streams'),
    ('governance', 'Governance and security')) v(area, what)
  LOOP
    -- The area's pattern codes come from the registry (in registry order), so a new entry
    -- is documented here without another edit.
    SELECT string_agg(c.code, ', ' ORDER BY c.first) INTO codes
      FROM (SELECT r.code, min(r.n) AS first
              FROM finsim._waste_registry() WITH ORDINALITY AS r(code, resource_type, description, thresholds,
                                                                 savings_rule, recommended_action, area, predicate, n)
             WHERE r.area = a.area GROUP BY r.code) c;
    PERFORM finsim._waste_compile(a.area || '_waste', a.area,
      'Waste findings of one area — ' || a.what || ': ' || codes || '. Same columns and rules as finsim.waste_findings(account_id); NULL = every account the caller can see.');
  END LOOP;
END
$areas$;

-- Each finding with the savings it counts for in a total without double counting: a
-- resource with several findings contributes its largest saving once, credited to the
-- pattern with that saving (ties: first pattern code); its other findings count 0.  Across
-- resources, money one counted finding's action already takes off the bill is not counted
-- again: the running nodes a counted resize_cluster finding stops and the running members a
-- counted resize_asg finding terminates (chosen as the actions choose them: greatest
-- instance ids / newest launches first among those an agent may change) count 0, their
-- bill being in the cluster's or group's saving; a volume attached to an instance whose
-- counted finding terminates it with its volumes (and that is not such a member) counts 0.
-- finsim.waste_summary totals it per pattern, the scorecard per account.
CREATE FUNCTION finsim._waste_counted(account_id uuid DEFAULT NULL)
  RETURNS TABLE(account_id uuid, resource_type text, resource_id text, pattern text,
                recommended_action text, optimization_policy text, frozen boolean,
                est_monthly_savings numeric, counted_savings numeric)
  LANGUAGE sql STABLE PARALLEL RESTRICTED
  AS $$
  WITH f AS (
    SELECT w.account_id, w.resource_type, w.resource_id, w.resource_name, w.pattern,
           w.recommended_action, w.optimization_policy, w.frozen, w.est_monthly_savings, w.action_params,
           row_number() OVER (PARTITION BY w.account_id, w.resource_type, w.resource_id
                              ORDER BY w.est_monthly_savings DESC, w.pattern) AS rn
      FROM finsim.waste_findings($1) w),
  -- Nodes the counted resize_cluster findings stop (as resize_cluster picks them).
  cut_nodes AS (
    SELECT x.account_id, x.id::text AS resource_id
      FROM f JOIN finsim.cloud_accounts a ON a.id = f.account_id
     CROSS JOIN LATERAL (
       SELECT n.account_id, n.id FROM finsim.container_nodes n
        WHERE n.account_id = f.account_id AND n.cluster_id::text = f.resource_id AND n.state = 'running'
          AND finsim._agent_protection(n.optimization_policy, n.optimization_freeze_until, a.virtual_time) IS NULL
        ORDER BY n.instance_id COLLATE "C" DESC, n.id DESC
        LIMIT greatest((SELECT count(*) FROM finsim.container_nodes r WHERE r.account_id = f.account_id
                          AND r.cluster_id::text = f.resource_id AND r.state = 'running')
                       - (f.action_params->>'desired_nodes')::int, 0)) x
     WHERE f.rn = 1 AND f.resource_type = 'container_clusters' AND f.recommended_action = 'resize_cluster'),
  -- Members the counted resize_asg findings terminate (as resize_asg picks them).
  cut_members AS (
    SELECT x.account_id, x.id::text AS resource_id, x.instance_id
      FROM f JOIN finsim.cloud_accounts a ON a.id = f.account_id
     CROSS JOIN LATERAL (
       SELECT m.account_id, m.id, m.instance_id FROM finsim.instances m
        WHERE m.account_id = f.account_id AND m.autoscaling_group_id::text = f.resource_id AND m.state = 'running'
          AND finsim._agent_protection(m.optimization_policy, m.optimization_freeze_until, a.virtual_time) IS NULL
        ORDER BY m.launch_time DESC NULLS FIRST, m.instance_id COLLATE "C" DESC
        LIMIT greatest((SELECT count(*) FROM finsim.instances r WHERE r.account_id = f.account_id
                          AND r.autoscaling_group_id::text = f.resource_id AND r.state = 'running')
                       - (f.action_params->>'desired_capacity')::int, 0)) x
     WHERE f.rn = 1 AND f.resource_type = 'autoscaling_groups' AND f.recommended_action = 'resize_asg'),
  -- Instances whose counted finding terminates them with their volumes
  -- ({"delete_volumes": true}): that saving already holds the volumes' cost.
  covers AS (
    SELECT f.account_id, f.resource_name AS instance_id FROM f
     WHERE f.resource_type = 'instances' AND f.rn = 1 AND f.action_params @> '{"delete_volumes": true}'
       AND NOT EXISTS (SELECT 1 FROM cut_members c WHERE c.account_id = f.account_id AND c.resource_id = f.resource_id))
  SELECT f.account_id, f.resource_type, f.resource_id, f.pattern, f.recommended_action,
         f.optimization_policy, f.frozen, f.est_monthly_savings,
         CASE WHEN f.rn = 1
               AND NOT (f.resource_type = 'volumes' AND EXISTS (
                     SELECT 1 FROM finsim.volumes v JOIN covers c
                         ON c.account_id = v.account_id AND c.instance_id = v.attached_instance_id
                      WHERE v.account_id = f.account_id AND v.id::text = f.resource_id))
               AND NOT (f.resource_type = 'container_nodes' AND EXISTS (
                     SELECT 1 FROM cut_nodes c WHERE c.account_id = f.account_id AND c.resource_id = f.resource_id))
               AND NOT (f.resource_type = 'instances' AND EXISTS (
                     SELECT 1 FROM cut_members c WHERE c.account_id = f.account_id AND c.resource_id = f.resource_id))
              THEN f.est_monthly_savings ELSE 0 END
    FROM f
  $$;
COMMENT ON FUNCTION finsim._waste_counted(uuid) IS
  'Internal: every finding of finsim.waste_findings(account_id) with counted_savings, its share of a total without double counting (a resource''s largest saving once; nodes a counted resize_cluster stops and members a counted resize_asg terminates count in the cluster or group; a volume terminated with its instance counts in the instance). finsim.waste_summary and finsim.scorecard total it.';

CREATE FUNCTION finsim.waste_summary(account_id uuid DEFAULT NULL)
  RETURNS TABLE(pattern text, findings bigint, est_monthly_savings numeric)
  LANGUAGE sql STABLE PARALLEL RESTRICTED
  AS $$
  SELECT c.pattern, count(*), sum(c.counted_savings)
    FROM finsim._waste_counted($1) c
   GROUP BY c.pattern
   ORDER BY c.pattern
  $$;
COMMENT ON FUNCTION finsim.waste_summary(uuid) IS
  'Per pattern: number of findings and monthly savings, without double counting: a resource with several findings contributes its largest saving once, credited to the pattern with that saving (ties: first pattern code); its other findings count with 0 savings; the nodes a counted resize_cluster finding stops, the members a counted resize_asg finding terminates and a volume attached to an instance whose counted finding terminates it with its volumes count 0 (the cluster''s, group''s or instance''s saving holds them). The sum over patterns is therefore the achievable total.';

DROP FUNCTION finsim._waste_compile(text, text, text);

GRANT EXECUTE ON FUNCTION finsim._waste_smaller(text, text, integer),
  finsim._waste_current_gen(text), finsim._waste_vcpus(text), finsim._waste_memory_gib(text),
  finsim._waste_registry(), finsim._waste_run(text, uuid),
  finsim._waste_sql(text), finsim.patterns(), finsim._waste_counted(uuid), finsim.waste_summary(uuid)
  TO finsim_admin, finsim_agent;
