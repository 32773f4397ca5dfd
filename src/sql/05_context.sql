-- The session's tenant context (held in backend memory, not in a setting) and the
-- account's virtual clock.

CREATE FUNCTION finsim.current_account_id() RETURNS uuid
  LANGUAGE c STABLE PARALLEL RESTRICTED
  AS 'MODULE_PATHNAME', 'finsim_current_account_id';
COMMENT ON FUNCTION finsim.current_account_id() IS
  'The account this session authenticated to with finsim.login(), or NULL before login. Held in backend memory: SET, set_config and RESET ALL cannot change it.';

CREATE FUNCTION finsim._is_admin() RETURNS boolean
  LANGUAGE c STABLE PARALLEL RESTRICTED
  AS 'MODULE_PATHNAME', 'finsim_is_admin';
COMMENT ON FUNCTION finsim._is_admin() IS
  'Internal: true when the caller is a superuser or has the privileges of finsim_admin. Judges the role outside any SECURITY DEFINER function (the session user or its SET ROLE), so it is false for an agent even inside a SECURITY DEFINER function owned by a superuser.';
