-- API keys, login and logout.  The session's account lives in backend memory
-- (src/auth/context.cpp); see docs/auth.md.

CREATE FUNCTION finsim.api_scope_tables() RETURNS SETOF text
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
AS $$
  SELECT c.relname::text
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
   WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r'
     AND c.oid IN (SELECT finsim._members('pg_class'))
     AND a.attname = 'optimization_policy' AND NOT a.attisdropped
     AND c.relname <> 'api_clients'
  UNION
  SELECT 'recommendations'
  ORDER BY 1
$$;
COMMENT ON FUNCTION finsim.api_scope_tables() IS
  'The tables an API key can be scoped to act on (act:<table>): every resource table with an optimization_policy, and recommendations.';

CREATE FUNCTION finsim.create_api_client(account_id uuid, name text,
                                         scopes text[] DEFAULT '{read:*}')
  RETURNS TABLE(access_key_id text, secret text)
  LANGUAGE c VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'finsim_create_api_client';
COMMENT ON FUNCTION finsim.create_api_client(uuid, text, text[]) IS
  'Admin only: creates an API key for the account and returns its access_key_id (AKIA…) and secret. The secret is shown once; only a salted PBKDF2-HMAC-SHA256 hash is stored. Scopes: read:*, act:*, act:<table> (see finsim.api_scope_tables()).';

CREATE FUNCTION finsim.login(access_key_id text, secret text) RETURNS uuid
  LANGUAGE c VOLATILE PARALLEL UNSAFE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'finsim_login';
COMMENT ON FUNCTION finsim.login(text, text) IS
  'Authenticates this session to the key''s account and returns the account id; afterwards finsim.current_account_id() is that account and an agent sees only its rows. Any failure raises 28P01 "invalid access key or secret". 5 failures within 60 s lock the key for 60 s.';

CREATE FUNCTION finsim.logout() RETURNS void
  LANGUAGE c VOLATILE PARALLEL UNSAFE
  AS 'MODULE_PATHNAME', 'finsim_logout';
COMMENT ON FUNCTION finsim.logout() IS
  'Ends this session''s login: finsim.current_account_id() becomes NULL and an agent sees no rows.';

CREATE FUNCTION finsim._auth_rate_limit_mode() RETURNS text
  LANGUAGE c STABLE PARALLEL SAFE
  AS 'MODULE_PATHNAME', 'finsim_auth_rate_limit_mode';
COMMENT ON FUNCTION finsim._auth_rate_limit_mode() IS
  'Internal: where login failure counters live: "shared" (cluster-wide; finsim preloaded) or "backend".';

CREATE FUNCTION finsim._auth_rate_limit_state(access_key_id text)
  RETURNS TABLE(bucket int, tracked boolean, failures int, window_ends timestamptz, locked_until timestamptz)
  LANGUAGE c VOLATILE STRICT PARALLEL RESTRICTED ROWS 1
  AS 'MODULE_PATHNAME', 'finsim_auth_rate_limit_state';
COMMENT ON FUNCTION finsim._auth_rate_limit_state(text) IS
  'Internal (not granted: superuser or the extension owner): what the login rate limiter holds for an access key id in this process''s table: its bucket (under the secret per-cluster seed; NULL for ids over 128 bytes), whether it has an entry, the failures of its open window and when that window closes, and when its lock ends (NULL: none).';

REVOKE ALL ON FUNCTION finsim.create_api_client(uuid, text, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION finsim.login(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION finsim.logout() FROM PUBLIC;
REVOKE ALL ON FUNCTION finsim.api_scope_tables() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION finsim.create_api_client(uuid, text, text[]) TO finsim_admin;
GRANT EXECUTE ON FUNCTION finsim.login(text, text) TO finsim_admin, finsim_agent;
GRANT EXECUTE ON FUNCTION finsim.logout() TO finsim_admin, finsim_agent;
GRANT EXECUTE ON FUNCTION finsim.api_scope_tables() TO finsim_admin, finsim_agent;

CREATE FUNCTION finsim.may_act(table_name text) RETURNS boolean
  LANGUAGE c VOLATILE PARALLEL RESTRICTED
  AS 'MODULE_PATHNAME', 'finsim_may_act';
COMMENT ON FUNCTION finsim.may_act(text) IS
  'Whether this session may act on table_name (apply_action''s scope check, as a boolean): true for an admin that has not logged in, or a login whose key has act:* or act:<table>; false otherwise. A login whose key has been revoked raises 42501; a name not in finsim.api_scope_tables() raises 22023. Agents call it to skip what their key may not do.';
REVOKE ALL ON FUNCTION finsim.may_act(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION finsim.may_act(text) TO finsim_admin, finsim_agent;

CREATE FUNCTION finsim._check_scope(table_name text) RETURNS boolean
  LANGUAGE c VOLATILE PARALLEL RESTRICTED
  AS 'MODULE_PATHNAME', 'finsim_check_scope';
COMMENT ON FUNCTION finsim._check_scope(text) IS
  'Internal: true when the caller may act on table_name (admin, or a login whose key has act:* or act:<table>); otherwise the 42501 error of auth::require_scope.';
