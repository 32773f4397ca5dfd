-- Tenant isolation on every one of the 27 tables, and the forging attempts of issue 2:
-- two accounts A and B with a hand-written row each in every table; an agent sees nothing
-- before login and only its account after; agents cannot write; a writer role (granted
-- INSERT/UPDATE/DELETE for this test) is held to its account by the WITH CHECK clauses;
-- an admin sees both; SET / set_config / RESET ALL / SET ROLE / internal functions /
-- parallel workers never reveal the other account.
BEGIN;
SELECT plan(27 * 9 + 25);

-- pgTAP's bookkeeping tables must be writable by the roles the test switches to.
GRANT ALL ON ALL TABLES IN SCHEMA pg_temp TO PUBLIC;
GRANT ALL ON ALL SEQUENCES IN SCHEMA pg_temp TO PUBLIC;

CREATE ROLE tap_agent NOLOGIN IN ROLE finsim_agent;
CREATE ROLE tap_agent2 NOLOGIN IN ROLE finsim_agent;
GRANT tap_agent2 TO tap_agent;                      -- tap_agent may SET ROLE tap_agent2
CREATE ROLE tap_writer NOLOGIN IN ROLE finsim_agent;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA finsim TO tap_writer;
CREATE ROLE tap_admin NOLOGIN IN ROLE finsim_admin;

CREATE TEMP TABLE ids (name text PRIMARY KEY, id uuid);
INSERT INTO ids VALUES ('A', '0a000000-0000-4000-8000-00000000000a'),
                       ('B', '0b000000-0000-4000-8000-00000000000b');

-- One hand-written row per table for an account (costs explicit: no pricing dependence).
CREATE FUNCTION pg_temp.seed(acc uuid, tag text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  asg uuid := md5(tag || 'asg')::uuid;      inst uuid := md5(tag || 'inst')::uuid;
  cc uuid := md5(tag || 'cc')::uuid;        bucket uuid := md5(tag || 'bucket')::uuid;
  lg uuid := md5(tag || 'lg')::uuid;        cm uuid := md5(tag || 'cm')::uuid;
BEGIN
  INSERT INTO finsim.cloud_accounts (id, name) VALUES (acc, 'tap-' || tag);
  INSERT INTO finsim.api_clients (account_id, name, access_key_id, secret_key_hash)
    VALUES (acc, 'hand-' || tag, 'AKIAHAND' || upper(tag) || 'XXXXXXXXXXX', 'pbkdf2-sha256$100000$AAAA$AAAA');
  INSERT INTO finsim.autoscaling_groups (id, account_id, name, instance_type, min_size, max_size, desired_capacity)
    VALUES (asg, acc, 'asg-' || tag, 'm5.large', 1, 4, 2);
  INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost, autoscaling_group_id)
    VALUES (inst, acc, 'i-' || tag, 'm5.large', 0.096, 0, asg);
  INSERT INTO finsim.lambda_functions (account_id, name, estimated_monthly_cost)
    VALUES (acc, 'fn-' || tag, 1.5);
  INSERT INTO finsim.container_clusters (id, account_id, name, node_instance_type, estimated_hourly_cost)
    VALUES (cc, acc, 'eks-' || tag, 'm5.large', 0.192);
  INSERT INTO finsim.container_nodes (account_id, cluster_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost)
    VALUES (acc, cc, 'i-node-' || tag, 'm5.large', 0.096, 0);
  INSERT INTO finsim.container_services (account_id, cluster_id, name)
    VALUES (acc, cc, 'svc-' || tag);
  INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, monthly_cost)
    VALUES (acc, 'vol-' || tag, 100, 'gp3', 8);
  INSERT INTO finsim.snapshots (account_id, snapshot_id, size_gib, monthly_cost)
    VALUES (acc, 'snap-' || tag, 50, 2.5);
  INSERT INTO finsim.s3_buckets (id, account_id, name) VALUES (bucket, acc, 'bucket-' || tag);
  INSERT INTO finsim.s3_bucket_usage_daily (account_id, bucket_id, date, estimated_storage_cost, estimated_request_cost)
    VALUES (acc, bucket, DATE '2026-01-01', 1.23, 0.01);
  INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, hourly_cost, storage_monthly_cost)
    VALUES (acc, 'db-' || tag, 'db.r5.large', 0.25, 11.5);
  INSERT INTO finsim.cache_clusters (account_id, cluster_id, node_type, hourly_cost)
    VALUES (acc, 'cache-' || tag, 'cache.r6g.large', 0.206);
  INSERT INTO finsim.load_balancers (account_id, lb_arn, name, hourly_cost)
    VALUES (acc, 'arn:aws:elasticloadbalancing:lb/' || tag, 'lb-' || tag, 0.0225);
  INSERT INTO finsim.elastic_ips (account_id, allocation_id, public_ip, hourly_cost)
    VALUES (acc, 'eipalloc-' || tag, '203.0.113.' || length(tag) || ascii(tag) % 100, 0.005);
  INSERT INTO finsim.data_transfer_daily (account_id, date, source_region, dest_region, direction, estimated_transfer_cost)
    VALUES (acc, DATE '2026-01-01', 'us-east-1', 'us-west-2', 'cross-region', 0.2);
  INSERT INTO finsim.log_groups (id, account_id, name) VALUES (lg, acc, '/app/' || tag);
  INSERT INTO finsim.log_group_usage_daily (account_id, log_group_id, date, estimated_ingestion_cost, estimated_storage_cost)
    VALUES (acc, lg, DATE '2026-01-01', 0.5, 0.03);
  INSERT INTO finsim.commitments (id, account_id, commitment_type, hourly_commitment_amount, start_date, end_date)
    VALUES (cm, acc, 'savings_plan', 1.0, DATE '2026-01-01', DATE '2027-01-01');
  INSERT INTO finsim.commitment_utilization_daily (account_id, commitment_id, date)
    VALUES (acc, cm, DATE '2026-01-01');
  INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date)
    VALUES (acc, 'instances', inst::text, DATE '2026-01-01');
  INSERT INTO finsim.resource_tags (account_id, resource_type, resource_id, key, value)
    VALUES (acc, 'instances', inst::text, 'team', tag);
  INSERT INTO finsim.resource_change_events (account_id, resource_type, resource_id, field_name, old_value, new_value, changed_at)
    VALUES (acc, 'instances', inst::text, 'state', 'running', 'stopped', TIMESTAMPTZ '2026-01-01 00:00+00');
  INSERT INTO finsim.recommendations (account_id, resource_type, resource_id, pattern, action)
    VALUES (acc, 'instances', inst::text, 'idle_instance', 'stop_instance');
  INSERT INTO finsim.managed_services (account_id, service_type, name, instance_type, hourly_cost)
    VALUES (acc, 'opensearch', 'search-' || tag, 'r6g.large.search', 0.167);
  INSERT INTO finsim.streaming_clusters (account_id, name, hourly_cost)
    VALUES (acc, 'stream-' || tag, 0.015);
END $$;

SELECT pg_temp.seed(id, lower(name)) FROM ids ORDER BY name;

-- Keys: A may act on everything, B reads.
CREATE TEMP TABLE keys AS
  SELECT i.name AS acct, k.access_key_id, k.secret
    FROM ids i, LATERAL finsim.create_api_client(i.id, 'tap key ' || i.name,
                          CASE i.name WHEN 'A' THEN '{read:*,act:*}' ELSE '{read:*}' END::text[]) k;

-- The 27 tables, their tenant key column, and (seen as superuser) the rows of A and B.
CREATE TEMP TABLE expected AS
  SELECT c.relname::text AS tbl,
         CASE WHEN c.relname = 'cloud_accounts' THEN 'id' ELSE 'account_id' END AS key_col,
         0::bigint AS n_a, 0::bigint AS n_b, NULL::jsonb AS row_a, NULL::jsonb AS row_b
    FROM pg_class c
   WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r';
DO $$
DECLARE
  r record;
  a uuid := (SELECT id FROM ids WHERE name = 'A');
  b uuid := (SELECT id FROM ids WHERE name = 'B');
BEGIN
  FOR r IN SELECT * FROM expected LOOP
    EXECUTE format('UPDATE expected SET
        n_a = (SELECT count(*) FROM finsim.%1$I WHERE %2$I = %3$L),
        n_b = (SELECT count(*) FROM finsim.%1$I WHERE %2$I = %4$L),
        row_a = (SELECT to_jsonb(t) FROM finsim.%1$I t WHERE %2$I = %3$L LIMIT 1),
        row_b = (SELECT to_jsonb(t) FROM finsim.%1$I t WHERE %2$I = %4$L LIMIT 1)
      WHERE tbl = %1$L', r.tbl, r.key_col, a, b);
  END LOOP;
END $$;

-- What the current role sees in every table: rows of A, rows of B, all rows.
CREATE FUNCTION pg_temp.visible() RETURNS TABLE (tbl text, n_a bigint, n_b bigint, n_all bigint)
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  a uuid := (SELECT id FROM ids WHERE name = 'A');
  b uuid := (SELECT id FROM ids WHERE name = 'B');
BEGIN
  FOR r IN SELECT e.tbl, e.key_col FROM expected e ORDER BY e.tbl LOOP
    tbl := r.tbl;
    EXECUTE format('SELECT count(*) FILTER (WHERE %2$I = %3$L), count(*) FILTER (WHERE %2$I = %4$L),
                           count(*) FROM finsim.%1$I', r.tbl, r.key_col, a, b)
      INTO n_a, n_b, n_all;
    RETURN NEXT;
  END LOOP;
END $$;

-- Runs a statement and undoes it: 'rows=N' on success, 'error=SQLSTATE' on failure.
CREATE FUNCTION pg_temp.probe(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  BEGIN
    EXECUTE sql;
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE EXCEPTION USING ERRCODE = 'FSPRB', MESSAGE = n::text;
  EXCEPTION WHEN OTHERS THEN
    IF SQLSTATE = 'FSPRB' THEN RETURN 'rows=' || SQLERRM; END IF;
    RETURN 'error=' || SQLSTATE;
  END;
END $$;

-- A row of `r` (jsonb) inserted into tbl, with its own id replaced unless keep_id.
CREATE FUNCTION pg_temp.insert_sql(tbl text, r jsonb, keep_id boolean) RETURNS text
LANGUAGE sql AS $$
  SELECT format('INSERT INTO finsim.%1$I SELECT * FROM jsonb_populate_record(NULL::finsim.%1$I, %2$L)',
                tbl, CASE WHEN keep_id THEN r
                          ELSE jsonb_set(r, '{id}', to_jsonb(md5(r::text || 'copy')::uuid)) END)
$$;

GRANT SELECT ON ids, keys, expected TO PUBLIC;

-- Fixture sanity: both accounts really have rows in every table.
SELECT is((SELECT count(*)::int FROM expected WHERE n_a > 0 AND n_b > 0), 27,
          'fixture: accounts A and B each have rows in all 27 tables');

-------------------------------------------------------------------------------------------
-- Agent before login: nothing.
SET ROLE tap_agent;
SELECT is(finsim.current_account_id(), NULL::uuid, 'agent: current_account_id() is NULL before login');
SELECT is(v.n_all, 0::bigint, v.tbl || ': agent sees no rows before login') FROM pg_temp.visible() v;

-- Login to A.
SELECT is(finsim.login(k.access_key_id, k.secret), (SELECT id FROM ids WHERE name = 'A'),
          'agent: login with A''s key returns account A')
  FROM keys k WHERE k.acct = 'A';

SELECT ok(v.n_a = e.n_a AND v.n_b = 0 AND v.n_all = v.n_a,
          v.tbl || ': agent logged in to A sees exactly A''s ' || e.n_a || ' row(s) and none of B''s')
  FROM pg_temp.visible() v JOIN expected e USING (tbl);

-- Plain agents only read: every write is refused by privileges.
SELECT is(pg_temp.probe(pg_temp.insert_sql(e.tbl, e.row_a, false)) || ' ' ||
          pg_temp.probe(format('UPDATE finsim.%I SET %I = %I', e.tbl, e.key_col, e.key_col)) || ' ' ||
          pg_temp.probe(format('DELETE FROM finsim.%I', e.tbl)),
          'error=42501 error=42501 error=42501',
          e.tbl || ': agent INSERT / UPDATE / DELETE fail with 42501')
  FROM expected e ORDER BY e.tbl;

SELECT throws_ok('SELECT secret_key_hash FROM finsim.api_clients', '42501', NULL,
                 'api_clients.secret_key_hash is not readable by agents');
SELECT throws_ok('SELECT * FROM finsim.api_clients', '42501', NULL,
                 'SELECT * on api_clients is refused for agents (it includes the hash)');
SELECT is((SELECT count(*)::int FROM finsim.api_clients WHERE access_key_id IS NOT NULL),
          (SELECT n_a::int FROM expected WHERE tbl = 'api_clients'),
          'agents read the other api_clients columns of their own account');

-------------------------------------------------------------------------------------------
-- A writer (INSERT/UPDATE/DELETE granted) still logged in to A: WITH CHECK holds.
SET ROLE tap_writer;
SELECT is(pg_temp.probe(pg_temp.insert_sql(e.tbl, e.row_b, e.tbl = 'cloud_accounts')),
          'error=42501', e.tbl || ': writer cannot insert a row with B''s account (RLS)')
  FROM expected e ORDER BY e.tbl;

SELECT is(pg_temp.probe(format('UPDATE finsim.%I SET %I = %I WHERE %I = %L', e.tbl, e.key_col, e.key_col,
                               e.key_col, (SELECT id FROM ids WHERE name = 'B'))) || ' ' ||
          pg_temp.probe(format('DELETE FROM finsim.%I WHERE %I = %L', e.tbl, e.key_col,
                               (SELECT id FROM ids WHERE name = 'B'))),
          'rows=0 rows=0', e.tbl || ': writer updates / deletes none of B''s rows')
  FROM expected e ORDER BY e.tbl;

SELECT is(pg_temp.probe(format('UPDATE finsim.%I SET %I = %I', e.tbl, e.key_col, e.key_col)) || ' ' ||
          pg_temp.probe(format('DELETE FROM finsim.%I', e.tbl)),
          format('rows=%s rows=%s', e.n_a, e.n_a),
          e.tbl || ': writer updates / deletes exactly A''s rows')
  FROM expected e ORDER BY e.tbl;

SELECT is(pg_temp.probe(format('UPDATE finsim.%I SET %I = %L', e.tbl, e.key_col,
                               (SELECT id FROM ids WHERE name = 'B'))),
          'error=42501', e.tbl || ': writer cannot move A''s rows to B (RLS WITH CHECK)')
  FROM expected e ORDER BY e.tbl;

-- Inserting into its own account passes the policy (a copy of A's row: new id; a copy may
-- still hit the table's own unique keys, which are checked after the policy).
SELECT ok(pg_temp.probe(pg_temp.insert_sql(e.tbl, e.row_a, e.tbl = 'cloud_accounts')) IN ('rows=1', 'error=23505'),
          e.tbl || ': writer may insert into its own account')
  FROM expected e ORDER BY e.tbl;

-------------------------------------------------------------------------------------------
-- Admin sees both accounts.
SET ROLE tap_admin;
SELECT ok(v.n_a = e.n_a AND v.n_b = e.n_b, v.tbl || ': admin sees A''s and B''s rows')
  FROM pg_temp.visible() v JOIN expected e USING (tbl);

-------------------------------------------------------------------------------------------
-- Forging attempts, as the agent logged in to A.
SET ROLE tap_agent;
CREATE FUNCTION pg_temp.leaks() RETURNS bigint LANGUAGE sql AS
  $$ SELECT coalesce(sum(n_b), 0)::bigint FROM pg_temp.visible() $$;

SELECT is(string_agg(pg_temp.probe(format('SET %s = %L', g, (SELECT id FROM ids WHERE name = 'B'))), ' '),
          'error=42602 error=42602 error=42602 error=42602',
          'SET finsim.* names is refused (the finsim prefix is reserved)')
  FROM unnest('{finsim.account_id,finsim.current_account_id,finsim.account,finsim.tenant}'::text[]) g;
SELECT is(string_agg(pg_temp.probe(format('SELECT set_config(%L, %L, false)', g,
                                          (SELECT id FROM ids WHERE name = 'B'))), ' '),
          'error=42602 error=42602 error=42602',
          'set_config of finsim.* names is refused')
  FROM unnest('{finsim.account_id,finsim.current_account_id,finsim.session_account}'::text[]) g;
-- finsim's real settings and settings outside our prefix have no effect on the account.
SELECT pg_temp.probe($$SELECT set_config('finsim.daily_retention_days', '1', false)$$);
SELECT set_config('app.account_id', (SELECT id::text FROM ids WHERE name = 'B'), false);
SELECT set_config('request.jwt.claim.account_id', (SELECT id::text FROM ids WHERE name = 'B'), false);
SELECT is(finsim.current_account_id(), (SELECT id FROM ids WHERE name = 'A'),
          'after the SET / set_config attempts the session is still account A');
SELECT is(pg_temp.leaks(), 0::bigint, 'after the SET / set_config attempts no row of B is visible');

RESET ALL;
SELECT is(current_user::text, 'tap_agent', 'RESET ALL keeps the role (sanity)');
SELECT is(finsim.current_account_id(), (SELECT id FROM ids WHERE name = 'A'), 'RESET ALL keeps the login');
SELECT is(pg_temp.leaks(), 0::bigint, 'after RESET ALL no row of B is visible');

SET ROLE tap_agent2;
SELECT is(finsim.current_account_id(), (SELECT id FROM ids WHERE name = 'A'),
          'SET ROLE to another agent role keeps account A (no other account)');
SELECT is(pg_temp.leaks(), 0::bigint, 'after SET ROLE no row of B is visible');
SET ROLE tap_agent;

-- Internal helpers that agents may run are read-only SECURITY INVOKER functions (the
-- compiled waste queries behind finsim.waste_findings): they run with the agent's own
-- rights under RLS.  No internal SECURITY DEFINER or volatile function is executable.
SELECT is((SELECT array_agg(p.oid::regprocedure::text ORDER BY 1) FROM pg_proc p
            WHERE p.pronamespace = 'finsim'::regnamespace AND p.proname LIKE '\_%'
              AND (p.prosecdef OR p.provolatile = 'v')
              AND has_function_privilege('tap_agent', p.oid, 'EXECUTE')),
          NULL, 'no internal finsim._* definer or volatile function is executable by agents');
SELECT is((SELECT array_agg(p.oid::regprocedure::text ORDER BY 1) FROM pg_proc p
            WHERE p.pronamespace = 'finsim'::regnamespace AND p.proname LIKE '\_%'
              AND has_function_privilege('tap_agent', p.oid, 'EXECUTE')
              AND p.proname !~ '^_(waste_|[a-z0-9]+_waste_q$)'
              AND p.oid NOT IN ('finsim._lifecycle_ok(jsonb)'::regprocedure, 'finsim._schedule_ok(text)'::regprocedure,
                                'finsim._act_applies(text,text)'::regprocedure, 'finsim._members(regclass)'::regprocedure,
                                'finsim._metric_payload_ok(text,jsonb)'::regprocedure,
                                'finsim._name_ok(text)'::regprocedure,
                                'finsim._agent_protection(text,timestamptz,timestamptz)'::regprocedure)),
          NULL, 'the only internal functions agents may execute are the waste query helpers, the pure validators of CHECK constraints, the pure protection rule the waste queries price cascades with, and the catalog lookup of api_scope_tables()');
SELECT is((SELECT array_agg(p.oid::regprocedure::text ORDER BY 1) FROM pg_proc p
            WHERE p.pronamespace = 'finsim'::regnamespace
              AND (p.prosecdef OR p.proname IN ('create_account', 'drop_account'))
              AND EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                           WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')),
          NULL, 'no SECURITY DEFINER or admin-only finsim function is executable by PUBLIC');
SELECT throws_ok('SELECT finsim._is_admin()', '42501', NULL,
                 'calling an internal function as an agent fails with 42501');

-- Parallel query: workers never hold the login, and the policy still holds.
SET force_parallel_mode = on;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT is((SELECT count(*) FROM finsim.instances), (SELECT n_a FROM expected WHERE tbl = 'instances'),
          'parallel mode: count(*) over instances returns only A''s rows');
SELECT is(pg_temp.leaks(), 0::bigint, 'parallel mode: no row of B is visible in any table');
SELECT is((SELECT count(*)::int FROM pg_temp.visible() v JOIN expected e USING (tbl) WHERE v.n_a = e.n_a), 27,
          'parallel mode: every table shows all of A''s rows');
RESET ALL;

-- Logout: back to nothing.  Login to B: B only.
SELECT finsim.logout();
SELECT is((SELECT sum(n_all) FROM pg_temp.visible()), 0::numeric, 'after logout the agent sees no rows anywhere');
SELECT is(finsim.login(k.access_key_id, k.secret), (SELECT id FROM ids WHERE name = 'B'), 'login with B''s key')
  FROM keys k WHERE k.acct = 'B';
SELECT is((SELECT count(*)::int FROM pg_temp.visible() v JOIN expected e USING (tbl)
            WHERE v.n_b = e.n_b AND v.n_a = 0), 27, 'logged in to B: B''s rows and none of A''s in all 27 tables');

RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
