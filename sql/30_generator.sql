-- Estate generator demo: a small deterministic estate and what is in it.
SELECT finsim.create_account('demo-co', 120, 42, '2026-01-05') AS account_id \gset
SELECT :'account_id' = (SELECT id::text FROM finsim.cloud_accounts WHERE name = 'demo-co') AS created;
SELECT name, seed, resources_requested, start_date, finsim.now(id) AS virtual_now
  FROM finsim.cloud_accounts WHERE name = 'demo-co';

-- What the estate holds and what it costs per month (730 h).
SELECT * FROM finsim.estate_summary(:'account_id');
SELECT sum(resources) AS resources, sum(monthly_run_rate) AS monthly_run_rate
  FROM finsim.estate_summary(:'account_id');

-- History: 14 virtual days before start_date.
SELECT min(date), max(date), count(DISTINCT date) AS days, count(*) AS metric_rows
  FROM finsim.metrics_daily WHERE account_id = :'account_id';

-- A few idle instances (the guide's first detection query) and their neighbours.
SELECT name, instance_type, region, env, avg_cpu_7d, hourly_cost
  FROM finsim.instances
 WHERE account_id = :'account_id' AND state = 'running' AND avg_cpu_7d < 6
 ORDER BY avg_cpu_7d, name LIMIT 8;

-- Unattached volumes, unassociated EIPs, log groups without retention.
SELECT (SELECT count(*) FROM finsim.volumes WHERE account_id = :'account_id' AND state = 'available') AS unattached_volumes,
       (SELECT count(*) FROM finsim.elastic_ips WHERE account_id = :'account_id' AND state = 'unassociated') AS unassociated_eips,
       (SELECT count(*) FROM finsim.log_groups WHERE account_id = :'account_id' AND retention_days IS NULL) AS log_groups_without_retention;

-- Bad input is refused and creates nothing.
SELECT finsim.create_account('demo-co');
SELECT finsim.create_account('Demo-CO');   -- names are unique ignoring case
SELECT finsim.create_account('', 10);
SELECT finsim.create_account('too-big', 6000000);
SELECT finsim.create_account('forever', 10, 1, 'infinity');

-- An empty account for hand-written fixtures, then cleanup.
SELECT sum(resources) AS resources FROM finsim.estate_summary(finsim.create_account('fixtures', 0));
SELECT finsim.drop_account(id) FROM finsim.cloud_accounts WHERE name IN ('demo-co', 'fixtures');
SELECT count(*) AS accounts_left FROM finsim.cloud_accounts WHERE name IN ('demo-co', 'fixtures');
