// finsim.patterns(): the waste-pattern registry, one row per entry.
#include "core/patterns.hpp"
#include "pg/entry.hpp"
#include "pg/srf.hpp"

namespace pg = finsim::pg;

FINSIM_FUNCTION(finsim_patterns) {
  pg::SrfWriter out(fcinfo);
  for (const auto& p : finsim::patterns::all())
    out.row({std::string(p.code), std::string(p.resource_type), std::string(p.description),
             finsim::patterns::thresholds_json(p), std::string(p.savings_rule),
             std::string(p.action), std::string(p.area)});
  return (Datum)0;
}
