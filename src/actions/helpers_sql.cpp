// Internal SQL helpers of the action functions (src/sql/70_actions.sql): catalog prices,
// schedule fractions, deterministic ids and the caller check.
#include <cstdlib>
#include <string>
#include <vector>

#include "actions/caller.hpp"
#include "auth/context.hpp"
#include "core/actions_registry.hpp"
#include "core/catalog.hpp"
#include "core/clip.hpp"
#include "core/hash.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/spi.hpp"
#include "pg/srf.hpp"

namespace pg = finsim::pg;

// finsim._act_gpus(instance_type) integer: GPUs of an EC2 type (0 when unknown).
FINSIM_FUNCTION(finsim_act_gpus) {
  auto type = pg::arg_text(fcinfo, 0);
  auto shape = type ? finsim::catalog::instance_shape(*type) : std::nullopt;
  PG_RETURN_INT32(shape ? shape->gpus : 0);
}

// finsim._act_uuid(VARIADIC parts text[]) uuid: core::uuid_from of the joined parts.
FINSIM_FUNCTION(finsim_act_uuid) {
  auto parts = pg::arg_as_text(fcinfo, 0);  // text form of the array: {a,b,...}
  if (!parts) finsim::null_value("parts must not be NULL");
  std::string id = finsim::core::uuid_from({"finsim.actions", *parts});
  return pg::datum_from_text(UUIDOID, id);
}

// finsim._act_caller(scope_table text) uuid: NULL for an admin, the agent's account
// otherwise; 42501 when the caller may not act (scope_table NULL: any logged-in agent).
FINSIM_FUNCTION(finsim_act_caller) {
  auto table = pg::arg_text(fcinfo, 0);
  auto account = finsim::actions::authorize(table.value_or(""));
  if (!account) PG_RETURN_NULL();
  return pg::datum_from_text(UUIDOID, *account);
}

// finsim._act_client_id() uuid: the logged-in key's api_clients.id, or NULL.
FINSIM_FUNCTION(finsim_act_client_id) {
  auto id = finsim::ctx::api_client_id();
  if (!id) PG_RETURN_NULL();
  return pg::datum_from_text(UUIDOID, *id);
}

// finsim.actions(): the action registry.
FINSIM_FUNCTION(finsim_actions) {
  pg::SrfWriter out(fcinfo);
  for (const auto& a : finsim::actions::all()) {
    std::string types = "{";
    for (size_t i = 0; i < a.resource_types.size(); ++i)
      types += (i ? "," : "") + a.resource_types[i];
    types += "}";
    out.row({a.name, types, finsim::actions::params_json(a), a.description,
             finsim::actions::impact_name(a.impact)});
  }
  return (Datum)0;
}

// finsim._act_supports(finding_action text, finding_savings numeric, act text) boolean: the
// registry's rule (actions::supports); false when an action is NULL.
FINSIM_FUNCTION(finsim_act_supports) {
  auto finding = pg::arg_text(fcinfo, 0);
  auto savings = pg::arg_as_text(fcinfo, 1);
  auto act = pg::arg_text(fcinfo, 2);
  if (!finding || !act) PG_RETURN_BOOL(false);
  const bool saves = savings && std::strtod(savings->c_str(), nullptr) > 0;  // NaN: no
  PG_RETURN_BOOL(finsim::actions::supports(*finding, saves, *act));
}

// finsim._act_applies(action text, resource_type text) boolean: the registry knows the action
// and it applies to the table (the CHECK of finsim.recommendations).
FINSIM_FUNCTION(finsim_act_applies) {
  const std::string act = pg::require_text(fcinfo, 0, "action");
  const std::string rtype = pg::require_text(fcinfo, 1, "resource_type");
  const auto* a = finsim::actions::find(act);
  bool ok = false;
  if (a) {
    for (const auto& t : a->resource_types) ok = ok || t == rtype;
  }
  PG_RETURN_BOOL(ok);
}

// finsim._act_clip(t text) text: a caller's text for an error message (core::clipped).
FINSIM_FUNCTION(finsim_act_clip) {
  return pg::text_datum(finsim::core::clipped(pg::require_text(fcinfo, 0, "t")));
}

// finsim.scorecard(account_id uuid): the rows of finsim._act_scorecard (a C entry point
// because the SQL interface names both the argument and a result column account_id, which
// PL/pgSQL and SQL functions reject).
FINSIM_FUNCTION(finsim_scorecard) {
  auto account = pg::arg_as_text(fcinfo, 0);
  if (!account) finsim::null_value("account_id must not be NULL");
  std::vector<std::vector<pg::Cell>> rows;
  {
    pg::Spi spi;
    spi.exec("SELECT * FROM finsim._act_scorecard($1::uuid)", {pg::Param::text(*account)});
    for (uint64_t i = 0; i < spi.rows(); ++i) {
      std::vector<pg::Cell> row;
      for (int c = 0; c < spi.columns(); ++c) row.push_back(spi.text(i, c));
      rows.push_back(std::move(row));
    }
  }
  pg::SrfWriter out(fcinfo);
  for (const auto& r : rows) out.row(r);
  return (Datum)0;
}
