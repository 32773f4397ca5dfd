-- bench/drift_naive.sql: the peer to beat — the tick's metric work written the straightforward
-- way, as a per-row PL/pgSQL loop with every ordinary trigger on.  For every resource of every
-- resource table the bench estate populates (instances, volumes, RDS, load balancers, Lambda;
-- the tick's six other metric tables are empty there), one row at a time:
--   * the same model call as the tick (finsim._drift_metrics, same seed/day/anchor/levels),
--   * one INSERT of its metrics_daily row (same payload keys, same estimated_daily_cost),
--   * the 7-day columns recomputed from the last 7 days of metrics_daily of that resource
--     (one aggregate over D-6..D through the (account, type, resource, date) index),
--   * one UPDATE of its live and 7-day columns.
-- Not included: drift events and the usage tables (S3, logs, transfer, commitments), which
-- cost the tick well under 0.1 s on this estate.  Rolled back.
\set ON_ERROR_STOP 1
BEGIN;
\timing on
DO $$
DECLARE
  acct   uuid := current_setting('bench.acct')::uuid;
  seed   bigint;
  d      date;
  dn     int;
  anchor int;
  first  date;
  vt     timestamptz;
  r      record;
  m      float8[];
  a      record;
  up     boolean;
BEGIN
  SELECT c.seed, (c.virtual_time AT TIME ZONE 'UTC')::date, c.virtual_time,
         coalesce(c.start_date, (c.virtual_time AT TIME ZONE 'UTC')::date - c.ticks)
    INTO seed, d, vt, first
    FROM finsim.cloud_accounts c WHERE c.id = acct;
  anchor := first - DATE '1970-01-01';
  dn := d - DATE '1970-01-01';

  FOR r IN SELECT * FROM finsim.instances WHERE account_id = acct AND state <> 'terminated' LOOP
    IF r.state = 'running' THEN
      m := finsim._drift_metrics(seed, r.id::text, 'instances', r.env, dn, anchor,
                                 coalesce(r.avg_cpu_7d, -1), -1, coalesce(r.avg_network_7d, -1), -1, -1, -1);
    ELSE
      m := '{0,0,0,0,0,0,0}';
    END IF;
    INSERT INTO finsim.metrics_daily (id, account_id, resource_type, resource_id, date, metric_payload,
                                      estimated_daily_cost)
      VALUES (finsim._drift_uuid(acct::text, 'metrics_daily', d::text, r.id::text), acct, 'instances', r.id::text, d,
              jsonb_build_object('cpu_avg', m[1], 'cpu_max', m[2], 'memory_avg', m[3], 'network', m[4], 'disk', m[5]),
              round(CASE WHEN r.state = 'running' THEN (r.hourly_cost + r.gpu_hourly_cost) *
                      CASE WHEN r.schedule IS NULL THEN 24 WHEN extract(isodow FROM d) >= 6 THEN 0 ELSE 12 END
                    ELSE 0 END, 6));
    SELECT round(avg((p.metric_payload->>'cpu_avg')::numeric), 4) AS cpu7,
           round(avg((p.metric_payload->>'network')::numeric), 4) AS net7
      INTO a FROM finsim.metrics_daily p
     WHERE p.account_id = acct AND p.resource_type = 'instances' AND p.resource_id = r.id::text
       AND p.date BETWEEN d - 6 AND d;
    UPDATE finsim.instances SET current_cpu = m[1], current_memory = m[3], avg_cpu_7d = a.cpu7,
           avg_network_7d = a.net7,
           last_active_at = CASE WHEN r.state = 'running' AND m[1] >= 5 THEN vt ELSE last_active_at END
     WHERE account_id = acct AND id = r.id;
  END LOOP;

  FOR r IN SELECT * FROM finsim.lambda_functions WHERE account_id = acct LOOP
    m := finsim._drift_metrics(seed, r.id::text, 'lambda_functions', r.env, dn, anchor,
                               -1, -1, -1, -1, r.invocations_7d / 7.0, r.avg_duration_ms_7d);
    INSERT INTO finsim.metrics_daily (id, account_id, resource_type, resource_id, date, metric_payload,
                                      estimated_daily_cost)
      VALUES (finsim._drift_uuid(acct::text, 'metrics_daily', d::text, r.id::text), acct, 'lambda_functions',
              r.id::text, d,
              jsonb_build_object('cpu_avg', m[1], 'cpu_max', m[2], 'memory_avg', m[3], 'network', m[4], 'disk', m[5],
                                 'invocations', m[6], 'duration_ms', m[7]),
              round((m[6] / 1e6 * coalesce(finsim._drift_price('lambda', 'requests', r.region), 0) +
                     m[6] * m[7] / 1000.0 * r.memory_mb / 1024.0 *
                       coalesce(finsim._drift_price('lambda', 'duration', r.region), 0) +
                     r.provisioned_concurrency * r.memory_mb / 1024.0 * 86400 *
                       coalesce(finsim._drift_price('lambda', 'provisioned-concurrency', r.region), 0))::numeric, 6));
    SELECT sum((p.metric_payload->>'invocations')::numeric)::bigint AS inv7,
           round(avg((p.metric_payload->>'duration_ms')::numeric), 4) AS dur7
      INTO a FROM finsim.metrics_daily p
     WHERE p.account_id = acct AND p.resource_type = 'lambda_functions' AND p.resource_id = r.id::text
       AND p.date BETWEEN d - 6 AND d;
    UPDATE finsim.lambda_functions SET invocations_7d = a.inv7, avg_duration_ms_7d = a.dur7
     WHERE account_id = acct AND id = r.id;
  END LOOP;

  FOR r IN SELECT * FROM finsim.volumes WHERE account_id = acct AND state NOT IN ('deleting', 'deleted') LOOP
    up := r.state = 'in-use' AND coalesce((SELECT i.state = 'running' FROM finsim.instances i
                                            WHERE i.account_id = acct AND i.instance_id = r.attached_instance_id), true);
    IF up THEN
      m := finsim._drift_metrics(seed, r.id::text, 'volumes', coalesce(r.tags->>'env', 'prod'), dn, anchor,
                                 -1, -1, -1, coalesce(r.avg_iops_7d * 100 / coalesce(r.provisioned_iops, 3000), -1), -1, -1);
    ELSE
      m := '{0,0,0,0,0,0,0}';
    END IF;
    INSERT INTO finsim.metrics_daily (id, account_id, resource_type, resource_id, date, metric_payload,
                                      estimated_daily_cost)
      VALUES (finsim._drift_uuid(acct::text, 'metrics_daily', d::text, r.id::text), acct, 'volumes', r.id::text, d,
              jsonb_build_object('cpu_avg', m[1], 'cpu_max', m[2], 'memory_avg', m[3], 'network', m[4], 'disk', m[5],
                                 'iops', round((coalesce(r.provisioned_iops, 3000) * m[5]::numeric / 100), 2)),
              round((r.monthly_cost / (730.0 / 24))::numeric, 6));
    SELECT round(avg((p.metric_payload->>'iops')::numeric), 4) AS iops7
      INTO a FROM finsim.metrics_daily p
     WHERE p.account_id = acct AND p.resource_type = 'volumes' AND p.resource_id = r.id::text
       AND p.date BETWEEN d - 6 AND d;
    UPDATE finsim.volumes SET avg_iops_7d = a.iops7,
           last_used_at = CASE WHEN up THEN vt ELSE last_used_at END
     WHERE account_id = acct AND id = r.id;
  END LOOP;

  FOR r IN SELECT * FROM finsim.rds_instances WHERE account_id = acct AND state <> 'deleting' LOOP
    IF r.state = 'available' THEN
      m := finsim._drift_metrics(seed, r.id::text, 'rds_instances', r.env, dn, anchor,
                                 coalesce(r.avg_cpu_7d, -1), -1, -1, -1, coalesce(r.avg_connections_7d, -1), -1);
    ELSE
      m := '{0,0,0,0,0,0,0}';
    END IF;
    INSERT INTO finsim.metrics_daily (id, account_id, resource_type, resource_id, date, metric_payload,
                                      estimated_daily_cost)
      VALUES (finsim._drift_uuid(acct::text, 'metrics_daily', d::text, r.id::text), acct, 'rds_instances',
              r.id::text, d,
              jsonb_build_object('cpu_avg', m[1], 'cpu_max', m[2], 'memory_avg', m[3], 'network', m[4], 'disk', m[5],
                                 'connections', m[6]),
              round((CASE WHEN r.state = 'available' THEN r.hourly_cost * 24 ELSE 0 END +
                     r.storage_monthly_cost / (730.0 / 24))::numeric, 6));
    SELECT round(avg((p.metric_payload->>'cpu_avg')::numeric), 4) AS cpu7,
           round(avg((p.metric_payload->>'connections')::numeric), 4) AS conn7
      INTO a FROM finsim.metrics_daily p
     WHERE p.account_id = acct AND p.resource_type = 'rds_instances' AND p.resource_id = r.id::text
       AND p.date BETWEEN d - 6 AND d;
    UPDATE finsim.rds_instances SET avg_cpu_7d = a.cpu7, avg_connections_7d = a.conn7
     WHERE account_id = acct AND id = r.id;
  END LOOP;

  FOR r IN SELECT * FROM finsim.load_balancers WHERE account_id = acct LOOP
    m := finsim._drift_metrics(seed, r.id::text, 'load_balancers', r.env, dn, anchor,
                               -1, -1, -1, -1, coalesce(r.avg_request_count_7d, -1), -1);
    INSERT INTO finsim.metrics_daily (id, account_id, resource_type, resource_id, date, metric_payload,
                                      estimated_daily_cost)
      VALUES (finsim._drift_uuid(acct::text, 'metrics_daily', d::text, r.id::text), acct, 'load_balancers',
              r.id::text, d,
              jsonb_build_object('cpu_avg', m[1], 'cpu_max', m[2], 'memory_avg', m[3], 'network', m[4], 'disk', m[5],
                                 'requests', m[6]),
              round((r.hourly_cost * 24)::numeric, 6));
    SELECT round(avg((p.metric_payload->>'requests')::numeric), 4) AS req7
      INTO a FROM finsim.metrics_daily p
     WHERE p.account_id = acct AND p.resource_type = 'load_balancers' AND p.resource_id = r.id::text
       AND p.date BETWEEN d - 6 AND d;
    UPDATE finsim.load_balancers SET avg_request_count_7d = a.req7 WHERE account_id = acct AND id = r.id;
  END LOOP;
END $$;
\timing off
ROLLBACK;
