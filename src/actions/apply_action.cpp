// finsim.apply_action(resource_type, resource_id, action, params, reason): the one way an
// agent changes the simulated estate.
//
// Here: the caller check, the action registry's parameter validation (22023, nothing
// changed; numbers checked exactly and rounded to the registry's scale) and the 'agent'
// change source for the audit trail.  The rules (policies,
// freezes, refusals, the change itself, recommendations, outcome records) are in
// finsim._apply_action (src/sql/70_actions.sql), run inside the SourceScope.
#include <optional>
#include <string>
#include <vector>

#include "actions/caller.hpp"
#include "auth/context.hpp"
#include "core/actions_registry.hpp"
#include "core/clip.hpp"
#include "pg/args.hpp"
#include "pg/background.hpp"
#include "pg/entry.hpp"
#include "pg/spi.hpp"
#include "pg/srf.hpp"

namespace pg = finsim::pg;
namespace acts = finsim::actions;

namespace {

constexpr size_t kMaxParamsBytes = 16384;

std::string action_names() {
  std::string s;
  for (const auto& a : acts::all()) s += (s.empty() ? "" : ", ") + a.name;
  return s;
}

// Validates `params` (text of a jsonb) for `action` on `resource_type` against the registry
// (22023 with a hint, nothing changed) and returns them as they are to be used and stored.
std::string checked_params(pg::Spi& spi, const acts::Action& action,
                           const std::string& resource_type, std::string params) {
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
  if (auto problem = acts::validate(action, resource_type, given))
    finsim::invalid_parameter(problem->message, problem->hint);
  // Numbers are stored as checked: the exact (numeric) value rounded to the registry's
  // scale, so the change, the recommendation's action_params and the audit trail all hold
  // a value within the documented range (1e-300 is stored as 0, not with 300 decimals).
  for (const auto& r : acts::roundings(action, given)) {
    spi.exec(
        "SELECT pg_catalog.jsonb_set($1::jsonb, ARRAY[$2], pg_catalog.to_jsonb(pg_catalog.trim_scale("
        "pg_catalog.round(($1::jsonb ->> $2)::numeric, $3))))::text",
        {pg::Param::text(params), pg::Param::text(r.key), pg::Param::int4(r.scale)}, true);
    params = spi.scalar_text().value_or(params);
  }
  return params;
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
  pg::require_writable("finsim.apply_action()");  // 25006 naming us, not a row lock's text

  // The reason is stored in the audit trail (and a recommendation): a note, not a document.
  if (reason && reason->size() > 2000)
    finsim::invalid_parameter("reason is too long (" + std::to_string(reason->size()) +
                                  " bytes; at most 2000)",
                              "Give a short reason; the audit trail keeps it with every change.");

  // Params are kept too (a recommendation's action_params, the audit trail): bounded as well.
  if (params.size() > kMaxParamsBytes)
    finsim::invalid_parameter("params are too large (" + std::to_string(params.size()) + " bytes; at most " +
                                  std::to_string(kMaxParamsBytes) + ")",
                              "Params name the change (see finsim.actions()); a recommendation's advice is a short text.");

  const acts::Action* action = acts::find(action_name);
  if (!action)
    finsim::invalid_parameter("unknown action \"" + finsim::core::clipped(action_name) + "\"",
                              "Actions: " + action_names() + " (see finsim.actions()).");

  pg::Spi spi;
  params = checked_params(spi, *action, resource_type, params);

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

// finsim._act_checked_params(action text, resource_type text, params jsonb) jsonb: the same
// validation and rounding as apply_action (22023 otherwise), for accept_recommendation,
// whose params may come from a hand-written recommendations row.
FINSIM_FUNCTION(finsim_act_checked_params) {
  std::string action_name = pg::require_text(fcinfo, 0, "action");
  std::string resource_type = pg::require_text(fcinfo, 1, "resource_type");
  std::string params = pg::arg_as_text(fcinfo, 2).value_or("{}");
  const acts::Action* action = acts::find(action_name);
  if (!action)
    finsim::invalid_parameter("unknown action \"" + finsim::core::clipped(action_name) + "\"",
                              "Actions: " + action_names() + " (see finsim.actions()).");
  std::string checked;
  {
    pg::Spi spi;
    checked = checked_params(spi, *action, resource_type, params);
  }
  return pg::datum_from_text(JSONBOID, checked);
}
