// finsim.patterns(): the waste-pattern registry, one row per entry.
#include "core/clip.hpp"
#include "core/patterns.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/error.hpp"
#include "pg/srf.hpp"

namespace pg = finsim::pg;

FINSIM_FUNCTION(finsim_patterns) {
  pg::SrfWriter out(fcinfo);
  for (const auto& p : finsim::patterns::all())
    out.row({std::string(p.code), std::string(p.resource_type), std::string(p.description),
             finsim::patterns::thresholds_json(p), std::string(p.savings_rule),
             std::string(p.action), std::string(p.area), finsim::patterns::predicate_sql(p)});
  return (Datum)0;
}

// finsim._waste_sql(scope text): the detection query of every registry entry with its area;
// scope 'all' (no account filter), 'account' (r.account_id = $1) or 'account_or_all'
// ($1 IS NULL OR r.account_id = $1, the form the install script compiles into the inlined
// SQL functions).  Also for inspection, EXPLAIN and the benchmark's plain-SQL baseline.
FINSIM_FUNCTION(finsim_waste_sql) {
  namespace patterns = finsim::patterns;
  const std::string s = pg::require_text(fcinfo, 0, "scope");
  patterns::Scope scope;
  if (s == "all") scope = patterns::Scope::all;
  else if (s == "account") scope = patterns::Scope::account;
  else if (s == "account_or_all") scope = patterns::Scope::account_or_all;
  else finsim::invalid_parameter("unknown scope \"" + finsim::core::clipped(s) + "\"", "Use 'all', 'account' or 'account_or_all'.");
  pg::SrfWriter out(fcinfo);
  for (const auto& p : finsim::patterns::all())
    out.row({std::string(p.code), std::string(p.resource_type), std::string(p.area),
             patterns::query(p, scope)});
  return (Datum)0;
}
