-- What the estate costs: one row per resource with its monthly cost by billing state,
-- and the account's monthly run rate.  730 hours a month; daily usage x 730/24.

CREATE VIEW finsim.resource_costs WITH (security_invoker = true) AS
  -- EC2: running/pending bill (hourly + GPU) x 730 x the scheduled share of the week.
  SELECT i.account_id, 'instances'::text AS resource_type, i.id::text AS resource_id,
         COALESCE(NULLIF(i.name, ''), i.instance_id) AS resource_name, i.env, i.region, i.state,
         CASE WHEN i.state IN ('running', 'pending')
              THEN round((i.hourly_cost + i.gpu_hourly_cost) * 730 * finsim.schedule_fraction(i.schedule), 6)
              ELSE 0 END AS monthly_cost
    FROM finsim.instances i
  UNION ALL
  -- Container nodes are EC2 machines billed here (running only), not in instances.
  SELECT n.account_id, 'container_nodes', n.id::text, n.instance_id, c.env, n.region, n.state,
         CASE WHEN n.state = 'running' THEN round((n.hourly_cost + n.gpu_hourly_cost) * 730, 6) ELSE 0 END
    FROM finsim.container_nodes n
    JOIN finsim.container_clusters c ON c.account_id = n.account_id AND c.id = n.cluster_id
  UNION ALL
  -- Container clusters: the control plane only (their nodes are the rows above).
  SELECT c.account_id, 'container_clusters', c.id::text, c.name, c.env, c.region, NULL,
         round(COALESCE(finsim.try_price('eks', 'control-plane', c.region), 0.10) * 730, 6)
    FROM finsim.container_clusters c
  UNION ALL
  SELECT l.account_id, 'lambda_functions', l.id::text, l.name, l.env, l.region, NULL,
         round(l.estimated_monthly_cost, 6)
    FROM finsim.lambda_functions l
  UNION ALL
  SELECT v.account_id, 'volumes', v.id::text, v.volume_id, v.tags->>'env', v.region, v.state,
         CASE WHEN v.state <> 'deleted' THEN round(v.monthly_cost, 6) ELSE 0 END
    FROM finsim.volumes v
  UNION ALL
  SELECT s.account_id, 'snapshots', s.id::text, s.snapshot_id, s.tags->>'env', s.region, NULL,
         round(s.monthly_cost, 6)
    FROM finsim.snapshots s
  UNION ALL
  -- S3: the latest usage day's storage + requests x 730/24 (0 without usage rows).
  SELECT b.account_id, 's3_buckets', b.id::text, b.name, b.env, b.region, NULL,
         COALESCE(round((u.estimated_storage_cost + u.estimated_request_cost) * 730 / 24, 6), 0)
    FROM finsim.s3_buckets b
    LEFT JOIN LATERAL (SELECT d.estimated_storage_cost, d.estimated_request_cost
                         FROM finsim.s3_bucket_usage_daily d
                        WHERE d.account_id = b.account_id AND d.bucket_id = b.id
                        ORDER BY d.date DESC LIMIT 1) u ON true
  UNION ALL
  -- RDS: available/starting bill instance + storage; stopped/stopping storage only.
  SELECT r.account_id, 'rds_instances', r.id::text, r.db_instance_id, r.env, r.region, r.state,
         CASE WHEN r.state IN ('available', 'starting') THEN round(r.hourly_cost * 730 + r.storage_monthly_cost, 6)
              WHEN r.state IN ('stopped', 'stopping') THEN round(r.storage_monthly_cost, 6)
              ELSE 0 END
    FROM finsim.rds_instances r
  UNION ALL
  SELECT c.account_id, 'cache_clusters', c.id::text, c.cluster_id, c.env, c.region, NULL,
         round(c.hourly_cost * 730, 6)
    FROM finsim.cache_clusters c
  UNION ALL
  SELECT lb.account_id, 'load_balancers', lb.id::text, lb.name, lb.env, lb.region, NULL,
         round(lb.hourly_cost * 730, 6)
    FROM finsim.load_balancers lb
  UNION ALL
  -- EIPs: hourly_cost is already 0 while associated.
  SELECT e.account_id, 'elastic_ips', e.id::text, e.public_ip, e.tags->>'env', e.region, e.state,
         round(e.hourly_cost * 730, 6)
    FROM finsim.elastic_ips e
  UNION ALL
  -- Log groups: the latest usage day's ingestion + storage x 730/24.
  SELECT g.account_id, 'log_groups', g.id::text, g.name, g.env, g.region, NULL,
         COALESCE(round((u.estimated_ingestion_cost + u.estimated_storage_cost) * 730 / 24, 6), 0)
    FROM finsim.log_groups g
    LEFT JOIN LATERAL (SELECT d.estimated_ingestion_cost, d.estimated_storage_cost
                         FROM finsim.log_group_usage_daily d
                        WHERE d.account_id = g.account_id AND d.log_group_id = g.id
                        ORDER BY d.date DESC LIMIT 1) u ON true
  UNION ALL
  -- Commitments bill their hourly commitment x 730 while active in virtual time.
  SELECT m.account_id, 'commitments', m.id::text, m.commitment_type || ' ' || m.scope, NULL, NULL,
         CASE WHEN (a.virtual_time AT TIME ZONE 'UTC')::date < m.start_date THEN 'pending'
              WHEN (a.virtual_time AT TIME ZONE 'UTC')::date >= m.end_date THEN 'expired'
              ELSE 'active' END,
         CASE WHEN (a.virtual_time AT TIME ZONE 'UTC')::date >= m.start_date AND (a.virtual_time AT TIME ZONE 'UTC')::date < m.end_date
              THEN round(m.hourly_commitment_amount * 730, 6) ELSE 0 END
    FROM finsim.commitments m
    JOIN finsim.cloud_accounts a ON a.id = m.account_id
  UNION ALL
  SELECT s.account_id, 'managed_services', s.id::text, s.name, s.env, s.region, NULL,
         round(s.hourly_cost * 730, 6)
    FROM finsim.managed_services s
  UNION ALL
  SELECT s.account_id, 'streaming_clusters', s.id::text, s.name, s.env, s.region, NULL,
         round(s.hourly_cost * 730, 6)
    FROM finsim.streaming_clusters s;

COMMENT ON VIEW finsim.resource_costs IS
  'One row per resource row (every resource table) with its monthly cost in USD as billed in its current state: instances running/pending (hourly + GPU) x 730 x schedule share, stopped/terminated 0; container nodes running x 730; container clusters control plane only; volumes unless deleted; snapshots; S3 and log groups latest day x 730/24; RDS available/starting instance + storage, stopped storage only; caches, LBs, EIPs, managed services, streams hourly x 730; lambda estimated_monthly_cost; commitments hourly commitment x 730 while active. Data transfer is usage, not a resource, and is not included. security_invoker: agents see their account only.';

CREATE FUNCTION finsim.monthly_run_rate(account_id uuid) RETURNS numeric
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF monthly_run_rate.account_id IS NULL THEN
    RAISE EXCEPTION 'account_id must not be NULL' USING ERRCODE = '22004';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM finsim.cloud_accounts a WHERE a.id = monthly_run_rate.account_id) THEN
    RAISE EXCEPTION 'account % does not exist', monthly_run_rate.account_id
      USING ERRCODE = '22023', HINT = 'List accounts with: SELECT id, name FROM finsim.cloud_accounts;';
  END IF;
  RETURN (SELECT COALESCE(sum(c.monthly_cost), 0)
            FROM finsim.resource_costs c WHERE c.account_id = monthly_run_rate.account_id);
END
$$;
COMMENT ON FUNCTION finsim.monthly_run_rate(uuid) IS
  'The account''s monthly run rate in USD: the sum of finsim.resource_costs for it (0 for an empty account). NULL: 22004; an unknown account (or one the caller cannot see): 22023.';

GRANT SELECT ON finsim.resource_costs TO finsim_admin, finsim_agent;
GRANT EXECUTE ON FUNCTION finsim.monthly_run_rate(uuid) TO finsim_admin, finsim_agent;
