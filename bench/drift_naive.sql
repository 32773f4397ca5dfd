-- bench/drift_naive.sql: the peer to beat — the same per-resource work as a per-row PL/pgSQL
-- loop (instances only: one model call, one INSERT and one UPDATE per row).  Rolled back.
\set ON_ERROR_STOP 1
BEGIN;
\timing on
DO $$
DECLARE
  r record;
  m float8[];
BEGIN
  FOR r IN SELECT * FROM finsim.instances WHERE account_id = current_setting('bench.acct')::uuid LOOP
    m := finsim._drift_metrics(1, r.id::text, 'instances', r.env, 20464, 20458);
    INSERT INTO finsim.metrics_daily (id, account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
      VALUES (finsim._drift_uuid(r.account_id::text, 'metrics_daily', '2026-01-11', r.id::text), r.account_id,
              'instances', r.id::text, '2026-01-11',
              jsonb_build_object('cpu_avg', m[1], 'cpu_max', m[2], 'memory_avg', m[3], 'network', m[4], 'disk', m[5]),
              r.hourly_cost * 24);
    UPDATE finsim.instances SET current_cpu = m[1], current_memory = m[3],
           avg_cpu_7d = (SELECT round(avg((metric_payload->>'cpu_avg')::numeric), 4) FROM finsim.metrics_daily
                          WHERE account_id = r.account_id AND resource_type = 'instances' AND resource_id = r.id::text
                            AND date BETWEEN '2026-01-05' AND '2026-01-11')
     WHERE account_id = r.account_id AND id = r.id;
  END LOOP;
END $$;
\timing off
ROLLBACK;
