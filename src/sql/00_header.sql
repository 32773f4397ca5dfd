-- finsim 0.1.0 install script, concatenated by the Makefile from src/sql/*.sql.
\echo Use "CREATE EXTENSION finsim" to load this file. \quit

-- Roles: finsim_admin manages accounts, ticks and keys; finsim_agent sees nothing until
-- finsim.login() and then only its own account.  Created if missing (roles are cluster-wide
-- and outlive the extension, as with any extension that defines roles).
-- CREATE EXTENSION running in several new databases at once races for them: the loser's
-- CREATE ROLE waits for the winner and fails with 23505 (or 42710), which means the role
-- is there.  Only the creator comments on it, so two installs never update one comment.
DO $roles$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'finsim_admin') THEN
    BEGIN
      CREATE ROLE finsim_admin NOLOGIN;
      COMMENT ON ROLE finsim_admin IS 'finsim: manages accounts, API keys, ticks and the drift schedule; sees every account.';
    EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL;
    END;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'finsim_agent') THEN
    BEGIN
      CREATE ROLE finsim_agent NOLOGIN;
      COMMENT ON ROLE finsim_agent IS 'finsim: an AI agent; sees nothing until finsim.login(key, secret), then only that key''s account.';
    EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL;
    END;
  END IF;
END
$roles$;

-- The extension's own objects.  Every loop over schema finsim goes through this: DROP
-- EXTENSION keeps the schema (PostgreSQL creates it for the control file's `schema`, outside
-- the extension), so a table or function of the user's may be there, and must be neither
-- touched (RLS, triggers, grants, drop_account's deletes) nor in the way.
CREATE FUNCTION finsim._members(catalog regclass) RETURNS SETOF oid
  LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
  SELECT d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
   WHERE d.classid = catalog AND d.refclassid = 'pg_extension'::regclass
     AND d.deptype = 'e' AND e.extname = 'finsim'
$$;
COMMENT ON FUNCTION finsim._members(regclass) IS
  'Internal: oids of the objects of one catalog (pg_class, pg_proc) that belong to extension finsim.';

REVOKE ALL ON SCHEMA finsim FROM PUBLIC;
GRANT USAGE ON SCHEMA finsim TO finsim_admin, finsim_agent;
COMMENT ON SCHEMA finsim IS 'finsim: a simulated AWS estate for practising cloud cost optimization';
