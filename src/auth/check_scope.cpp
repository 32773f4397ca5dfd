// SQL access to the authorization helpers (src/auth/roles.hpp).
//
// finsim.may_act(table_name text) RETURNS boolean — public (agents and admins): whether this
// session may act on table_name, as auth::may_act judges it (the check behind apply_action's
// scope errors).  An agent asks it before trying, instead of matching scopes itself.
//
// finsim._check_scope(table_name text) RETURNS boolean — internal: runs auth::require_scope
// for the caller (true, or the 42501 error other areas' functions raise).  Not executable
// by PUBLIC; tests grant it to their roles to exercise the C++ helper from SQL.
#include <algorithm>
#include <string>
#include <vector>

#include "auth/roles.hpp"
#include "core/actions_registry.hpp"
#include "core/clip.hpp"
#include "pg/error.hpp"
#include "pg/spi.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"

FINSIM_FUNCTION(finsim_check_scope) {
  finsim::auth::require_scope(finsim::pg::require_text(fcinfo, 0, "table_name"));
  PG_RETURN_BOOL(true);
}

// finsim._is_admin() RETURNS boolean — internal: auth::is_admin() for SQL code.  Judges the
// outer role, so it stays false for an agent inside a SECURITY DEFINER function (where
// current_user is the function's owner).
FINSIM_FUNCTION(finsim_is_admin) { PG_RETURN_BOOL(finsim::auth::is_admin()); }

// A name that is no table of finsim.api_scope_tables() and none an action applies to is
// 22023: no scope or action names it, so "may I act on it" has no answer.
FINSIM_FUNCTION(finsim_may_act) {
  const std::string table = finsim::pg::require_text(fcinfo, 0, "table_name");
  std::vector<std::string> tables;
  {
    finsim::pg::Spi spi;
    tables = finsim::auth::act_tables(spi);
  }
  for (const auto& a : finsim::actions::all())  // api_clients: revoke_api_client's table
    tables.insert(tables.end(), a.resource_types.begin(), a.resource_types.end());
  if (std::find(tables.begin(), tables.end(), table) == tables.end())
    finsim::invalid_parameter("\"" + finsim::core::clipped(table) + "\" is not a table finsim's actions change",
                              "SELECT finsim.api_scope_tables() lists them, finsim.actions() the tables of each action.");
  PG_RETURN_BOOL(finsim::auth::may_act(table));
}
