-- Row-level security on all 27 tables, privileges, and pg_dump registration.
-- Runs last, so it sees every table of the extension (finsim._members: a table or function
-- of the user's in schema finsim is neither touched nor in the way).

DO $rls$
DECLARE
  t record;
  key_col text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r'
              AND c.oid IN (SELECT finsim._members('pg_class'))
            ORDER BY c.relname
  LOOP
    key_col := CASE WHEN t.relname = 'cloud_accounts' THEN 'id' ELSE 'account_id' END;
    EXECUTE format('ALTER TABLE finsim.%I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE finsim.%I FORCE ROW LEVEL SECURITY', t.relname);
    -- Agents: their authenticated account only, for reading and (if ever granted) writing.
    EXECUTE format($p$CREATE POLICY tenant_isolation ON finsim.%I TO finsim_agent
                      USING (%I = finsim.current_account_id())
                      WITH CHECK (%I = finsim.current_account_id())$p$,
                   t.relname, key_col, key_col);
    -- Admins administer every account.
    EXECUTE format('CREATE POLICY admin_all ON finsim.%I TO finsim_admin USING (true) WITH CHECK (true)',
                   t.relname);
    EXECUTE format('REVOKE ALL ON finsim.%I FROM PUBLIC', t.relname);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON finsim.%I TO finsim_admin', t.relname);
    -- Agents read; they change the estate only through finsim's functions.
    EXECUTE format('GRANT SELECT ON finsim.%I TO finsim_agent', t.relname);
    -- pg_dump keeps user data of extension tables registered here.
    PERFORM pg_catalog.pg_extension_config_dump(format('finsim.%I', t.relname)::regclass, '');
  END LOOP;
END
$rls$;

-- The hash of a secret is never visible to agents: they read every other column (listed from
-- the catalog, so a column added to api_clients is readable without touching this grant).
REVOKE SELECT ON finsim.api_clients FROM finsim_agent;
DO $grant$
BEGIN
  EXECUTE format('GRANT SELECT (%s) ON finsim.api_clients TO finsim_agent',
                 (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
                    FROM pg_attribute a
                   WHERE a.attrelid = 'finsim.api_clients'::regclass AND a.attnum > 0
                     AND NOT a.attisdropped AND a.attname <> 'secret_key_hash'));
END
$grant$;

-- Not for PUBLIC: internal functions (leading underscore); SECURITY DEFINER functions and
-- the admin-only account functions either (revoking USAGE on the schema is the first gate,
-- this the second: a role an operator grants USAGE, e.g. for price_list(), still cannot call
-- them).  finsim_admin / finsim_agent hold their own grants.  Read-only SECURITY INVOKER
-- functions (prices, patterns, the waste queries under RLS) keep PUBLIC's EXECUTE.
DO $fn$
DECLARE
  f record;
BEGIN
  FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_proc p
            WHERE p.pronamespace = 'finsim'::regnamespace
              AND (p.proname LIKE '\_%' OR p.prosecdef OR p.proname IN ('create_account', 'drop_account'))
              AND p.oid IN (SELECT finsim._members('pg_proc'))
  LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f.sig);
  END LOOP;
END
$fn$;

-- A CHECK constraint's function runs with the rights of whoever writes the row (an agent
-- role granted writes included); it is IMMUTABLE and reads nothing.
GRANT EXECUTE ON FUNCTION finsim._lifecycle_ok(jsonb), finsim._schedule_ok(text), finsim._act_applies(text, text),
  finsim._name_ok(text)
  TO finsim_admin, finsim_agent;
-- api_scope_tables() (agents call it) and drop_account list the extension's tables with it.
GRANT EXECUTE ON FUNCTION finsim._members(regclass) TO finsim_admin, finsim_agent;
