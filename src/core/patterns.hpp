// The waste-pattern registry: one entry per (pattern, table).  Each entry carries its
// documentation (description, thresholds, savings rule, action) and the SQL pieces that
// detect it, so detection (finsim.waste_findings and the per-area SRFs), finsim.patterns(),
// docs/waste.md and the tests all read the same list.  Adding a pattern is one entry.
//
// SQL pieces are expressions over `r` (the resource row), `a` (its cloud_accounts row;
// a.virtual_time is the account's virtual clock finsim.now(account_id)) and any aliases the
// entry's `joins` introduce.  `{name}` placeholders are replaced by the entry's threshold
// values, so the documented thresholds are the ones the SQL uses.
// Pure C++ (no Postgres headers).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace finsim::patterns {

struct Pattern {
  const char* code;           // API: e.g. "idle_instance"
  const char* area;           // the per-area SRF: finsim.<area>_waste()
  const char* resource_type;  // table name
  const char* description;
  std::vector<std::pair<const char*, const char*>> thresholds;  // name -> JSON/SQL literal
  const char* savings_rule;
  const char* action;         // an action finsim.apply_action accepts, or "recommend"
  // SQL pieces
  const char* name_expr;      // resource_name
  const char* predicate;      // WHERE
  const char* savings;        // monthly USD
  const char* params;         // jsonb action_params
  const char* evidence;       // jsonb evidence (threshold values are merged in)
  const char* joins = "";     // extra FROM items (LEFT JOIN LATERAL …)
  const char* id_expr = "r.id::text";
  bool has_policy = true;     // table has optimization_policy / optimization_freeze_until
  const char* severity = nullptr;  // fixed severity, or nullptr = by savings
};

// Every entry, in a fixed order (area, then code).
const std::vector<Pattern>& all();
// The area names, in registry order, without duplicates.
std::vector<std::string> areas();
// Thresholds as a JSON object text.
std::string thresholds_json(const Pattern& p);
// The entry's WHERE predicate with its thresholds filled in (for documentation).
std::string predicate_sql(const Pattern& p);

// How a detection query selects accounts.
enum class Scope {
  all,             // every row the caller can see
  account,         // r.account_id = $1::uuid (index-led)
  account_or_all,  // ($1::uuid IS NULL OR r.account_id = $1::uuid): for the inlined SQL
                   // functions, where the planner folds a constant $1 into one or the other
};
// The complete SELECT of one entry producing the 12 finding columns.
std::string query(const Pattern& p, Scope scope);
// Severity from monthly savings: high >= 100, medium >= 10, low otherwise.
const char* kSeveritySql();

}  // namespace finsim::patterns
