// finsim._check_scope(table_name text) RETURNS boolean — internal: runs auth::require_scope
// for the caller (true, or the 42501 error other areas' functions raise).  Not executable
// by PUBLIC; tests grant it to their roles to exercise the C++ helper from SQL.
#include "auth/roles.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"

FINSIM_FUNCTION(finsim_check_scope) {
  finsim::auth::require_scope(finsim::pg::require_text(fcinfo, 0, "table_name"));
  PG_RETURN_BOOL(true);
}
