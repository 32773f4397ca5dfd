-- finsim 0.1.0 install script, concatenated by the Makefile from src/sql/*.sql.
\echo Use "CREATE EXTENSION finsim" to load this file. \quit

-- Roles: finsim_admin manages accounts, ticks and keys; finsim_agent sees nothing until
-- finsim.login() and then only its own account.  Created if missing (roles are cluster-wide
-- and outlive the extension, as with any extension that defines roles).
DO $roles$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'finsim_admin') THEN
    CREATE ROLE finsim_admin NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'finsim_agent') THEN
    CREATE ROLE finsim_agent NOLOGIN;
  END IF;
END
$roles$;

COMMENT ON ROLE finsim_admin IS 'finsim: manages accounts, API keys, ticks and the drift schedule; sees every account.';
COMMENT ON ROLE finsim_agent IS 'finsim: an AI agent; sees nothing until finsim.login(key, secret), then only that key''s account.';

REVOKE ALL ON SCHEMA finsim FROM PUBLIC;
GRANT USAGE ON SCHEMA finsim TO finsim_admin, finsim_agent;
COMMENT ON SCHEMA finsim IS 'finsim: a simulated AWS estate for practising cloud cost optimization';
