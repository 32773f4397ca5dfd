// DISCARD ALL ends the login: it "resets the session to its initial state" and is what
// connection poolers (pgbouncer's server_reset_query) run before handing a server
// connection to the next client, so a login must not survive it.  RESET ALL, which only
// resets settings, keeps the login.
#include "auth/context.hpp"
#include "auth/discard.hpp"
#include "pg/postgres.hpp"


namespace finsim::auth {
namespace {

ProcessUtility_hook_type prev_hook = nullptr;

// Called from C with Postgres errors passing through as longjmps: this frame holds only
// trivially destructible values.
void discard_hook(PlannedStmt* pstmt, const char* query, bool read_only_tree,
                  ProcessUtilityContext context, ParamListInfo params, QueryEnvironment* env,
                  DestReceiver* dest, QueryCompletion* qc) {
  const bool discard_all = pstmt->utilityStmt && IsA(pstmt->utilityStmt, DiscardStmt) &&
                           castNode(DiscardStmt, pstmt->utilityStmt)->target == DISCARD_ALL;
  if (prev_hook)
    prev_hook(pstmt, query, read_only_tree, context, params, env, dest, qc);
  else
    standard_ProcessUtility(pstmt, query, read_only_tree, context, params, env, dest, qc);
  if (discard_all) ctx::clear_login();
}

}  // namespace

void discard_init() {
  prev_hook = ProcessUtility_hook;
  ProcessUtility_hook = discard_hook;
}

}  // namespace finsim::auth
