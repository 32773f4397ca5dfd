-- The session's tenant context (held in backend memory, not in a setting) and the
-- account's virtual clock.

CREATE FUNCTION finsim.current_account_id() RETURNS uuid
  LANGUAGE c STABLE PARALLEL RESTRICTED
  AS 'MODULE_PATHNAME', 'finsim_current_account_id';
COMMENT ON FUNCTION finsim.current_account_id() IS
  'The account this session authenticated to with finsim.login(), or NULL before login. Held in backend memory: SET, set_config and RESET ALL cannot change it.';

CREATE FUNCTION finsim._is_admin() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT pg_has_role(current_user, 'finsim_admin', 'MEMBER')
            OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) $$;
COMMENT ON FUNCTION finsim._is_admin() IS
  'Internal: true when the current user is a superuser or a member of finsim_admin.';
