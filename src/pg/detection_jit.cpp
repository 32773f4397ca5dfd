// Planner hook (boundary module: it is Postgres plumbing). finsim.waste_findings() and the
// per-area functions are inlinable SQL functions over the compiled detection query, so their
// rows stream into the caller's plan (no tuplestore) and the caller's session decides JIT.
// JIT-compiling that query — about 60 UNION ALL branches, about 1,000 expressions — costs
// more than running it (2x the plain queries at 1M resources), and `SET jit = off` on the
// function would prevent inlining. So this planner hook turns JIT off for any plan whose
// query calls one of finsim's detection functions (finsim.waste_findings,
// finsim.waste_summary, finsim.<area>_waste, finsim._<name>_q). It walks each query tree once
// before planning (the planner inlines the functions in place); only set-returning function
// calls cost a catalog look-up.
#include "pg/detection_jit.hpp"

#include "pg/postgres.hpp"

namespace finsim::pg {
namespace {

planner_hook_type prev_planner = nullptr;

bool ends_with(const char* s, const char* suffix) {
  const size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

// Called from C with Postgres errors passing through as longjmps: these frames hold only
// trivially destructible values.
bool is_detection_function(Oid fn) {
  const Oid ns = get_func_namespace(fn);
  if (!OidIsValid(ns)) return false;
  const char* ns_name = get_namespace_name(ns);
  if (ns_name == nullptr || strcmp(ns_name, "finsim") != 0) return false;
  const char* name = get_func_name(fn);
  if (name == nullptr) return false;
  return strcmp(name, "waste_findings") == 0 || strcmp(name, "waste_summary") == 0 ||
         ends_with(name, "_waste") || (name[0] == '_' && ends_with(name, "_q"));
}

bool mentions_detection(Node* node, void* context);

// The tree walkers of PostgreSQL 15 take `bool (*)()` (an unprototyped C pointer); the cast
// goes through void (*)(), which -Wcast-function-type accepts.
using Walker = bool (*)();
Walker as_walker(bool (*fn)(Node*, void*)) { return reinterpret_cast<Walker>(reinterpret_cast<void (*)()>(fn)); }

bool mentions_detection(Node* node, void* context) {
  if (node == nullptr) return false;
  // Only set-returning calls are looked up (every detection function returns a set), so an
  // ordinary query's walk costs no catalog look-up.
  if (IsA(node, FuncExpr) && castNode(FuncExpr, node)->funcretset &&
      is_detection_function(castNode(FuncExpr, node)->funcid))
    return true;
  if (IsA(node, Query))
    return query_tree_walker(castNode(Query, node), as_walker(mentions_detection), context, 0);
  return expression_tree_walker(node, as_walker(mentions_detection), context);
}

PlannedStmt* detection_planner(Query* parse, const char* query_string, int cursor_options, ParamListInfo params) {
  // Looked up before planning: the planner inlines the functions into `parse` in place.
  const bool detection = mentions_detection(reinterpret_cast<Node*>(parse), nullptr);
  PlannedStmt* plan = prev_planner ? prev_planner(parse, query_string, cursor_options, params)
                                   : standard_planner(parse, query_string, cursor_options, params);
  if (detection) plan->jitFlags = PGJIT_NONE;
  return plan;
}

}  // namespace

void detection_jit_init() {
  prev_planner = planner_hook;
  planner_hook = detection_planner;
}

}  // namespace finsim::pg
