// finsim.apply_action(resource_type, resource_id, action, params, reason): the one way an
// agent changes the simulated estate.
//
// Here: the caller check, the action registry's parameter validation (22023, nothing
// changed) and the 'agent' change source for the audit trail.  The rules (policies,
// freezes, refusals, the change itself, recommendations, outcome records) are in
// finsim._apply_action (src/sql/70_actions.sql), run inside the SourceScope.
#include <optional>
#include <string>
#include <vector>

#include "actions/caller.hpp"
#include "auth/context.hpp"
#include "core/actions_registry.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/spi.hpp"
#include "pg/srf.hpp"

namespace pg = finsim::pg;
namespace acts = finsim::actions;

namespace {

std::string action_names() {
  std::string s;
  for (const auto& a : acts::all()) s += (s.empty() ? "" : ", ") + a.name;
  return s;
}

}  // namespace

FINSIM_FUNCTION(finsim_apply_action) {
  std::string resource_type = pg::require_text(fcinfo, 0, "resource_type");
  std::string resource_id = pg::require_text(fcinfo, 1, "resource_id");
  std::string action_name = pg::require_text(fcinfo, 2, "action");
  std::string params = pg::arg_as_text(fcinfo, 3).value_or("{}");
  std::optional<std::string> reason = pg::arg_text(fcinfo, 4);

  // Who may act (42501 before anything else is revealed).
  std::optional<std::string> caller = acts::authorize(resource_type);

  const acts::Action* action = acts::find(action_name);
  if (!action)
    finsim::invalid_parameter("unknown action \"" + action_name + "\"",
                              "Actions: " + action_names() + " (see finsim.actions()).");

  pg::Spi spi;
  spi.exec("SELECT pg_catalog.jsonb_typeof($1::jsonb)", {pg::Param::text(params)}, true);
  if (spi.scalar_text().value_or("") != "object")
    finsim::invalid_parameter("params must be a JSON object",
                              "Pass e.g. '{\"instance_type\": \"m5.large\"}'::jsonb, or '{}'.");
  spi.exec(
      "SELECT e.key, pg_catalog.jsonb_typeof(e.value), e.value #>> '{}' "
      "FROM pg_catalog.jsonb_each($1::jsonb) e ORDER BY e.key",
      {pg::Param::text(params)}, true);
  std::vector<acts::Given> given;
  for (uint64_t i = 0; i < spi.rows(); ++i)
    given.push_back({spi.text(i, 0).value_or(""), spi.text(i, 1).value_or(""),
                     spi.text(i, 2).value_or("")});
  if (auto problem = acts::validate(*action, resource_type, given))
    finsim::invalid_parameter(problem->message, problem->hint);

  // Recommendations name the API client that proposed them.
  std::string created_by = "agent";
  if (caller && finsim::ctx::api_client_id()) {
    spi.exec("SELECT c.name FROM finsim.api_clients c WHERE c.id = $1::uuid AND c.account_id = $2::uuid",
             {pg::Param::text(*finsim::ctx::api_client_id()), pg::Param::text(*caller)}, true);
    if (auto name = spi.scalar_text()) created_by = *name;
  }

  struct Out {
    std::vector<pg::Cell> cells;
  };
  std::vector<Out> rows;
  {
    // Audit rows of the change carry the call's reason (or the action's name).
    finsim::ctx::SourceScope scope("agent", reason ? *reason : "apply_action " + action_name);
    spi.exec(
        "SELECT r.outcome, r.message, r.recommendation_id::text, r.est_monthly_savings::text, "
        "r.changes::text FROM finsim._apply_action($1::uuid, $2, $3, $4, $5::jsonb, $6, "
        "'agent', $7, false) r",
        {pg::Param::text(caller), pg::Param::text(resource_type), pg::Param::text(resource_id),
         pg::Param::text(action_name), pg::Param::text(params), pg::Param::text(reason),
         pg::Param::text(created_by)});
    for (uint64_t i = 0; i < spi.rows(); ++i)
      rows.push_back({{spi.text(i, 0), spi.text(i, 1), spi.text(i, 2), spi.text(i, 3),
                       spi.text(i, 4)}});
  }
  spi.finish();
  pg::SrfWriter out(fcinfo);
  for (const auto& r : rows) out.row(r.cells);
  return (Datum)0;
}
