// SQL entry points of the price catalog: finsim.price_list(), finsim.price(),
// finsim.schedule_fraction() and the internal non-raising finsim._price_or_null().
#include "core/catalog.hpp"
#include "core/pricing.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/srf.hpp"

namespace {

constexpr const char* kListHint = "see SELECT * FROM finsim.price_list()";

}  // namespace

// finsim.price_list() RETURNS TABLE(service, type, region, unit, price)
FINSIM_FUNCTION(finsim_price_list) {
  finsim::pg::SrfWriter out(fcinfo);
  for (const auto& [region, mult] : finsim::catalog::regions()) {
    for (const auto& e : finsim::catalog::entries()) {
      auto p = finsim::catalog::price(e.service, e.type, region);
      out.row({e.service, e.type, region, e.unit,
               finsim::pg::decimal_text(p.value_or(e.price * mult), 10)});
    }
  }
  return (Datum)0;
}

// finsim.price(service text, type text, region text DEFAULT 'us-east-1') RETURNS numeric
FINSIM_FUNCTION(finsim_price) {
  std::string service = finsim::pg::require_text(fcinfo, 0, "service");
  std::string type = finsim::pg::require_text(fcinfo, 1, "type");
  std::string region = finsim::pg::require_text(fcinfo, 2, "region");
  if (!finsim::catalog::region_multiplier(region))
    finsim::invalid_parameter("unknown region \"" + region + "\"", kListHint);
  bool known_service = false;
  for (const auto& e : finsim::catalog::entries()) known_service |= e.service == service;
  if (!known_service) finsim::invalid_parameter("unknown service \"" + service + "\"", kListHint);
  auto p = finsim::catalog::price(service, type, region);
  if (!p)
    finsim::invalid_parameter("unknown " + service + " type \"" + type + "\" in region \"" +
                                  region + "\"",
                              kListHint);
  return finsim::pg::numeric_datum(finsim::pg::decimal_text(*p, 10));
}

// finsim._price_or_null(service, type, region): the price, or NULL when unknown.
FINSIM_FUNCTION(finsim_price_or_null) {
  auto service = finsim::pg::arg_text(fcinfo, 0);
  auto type = finsim::pg::arg_text(fcinfo, 1);
  auto region = finsim::pg::arg_text(fcinfo, 2);
  if (!service || !type || !region) PG_RETURN_NULL();
  auto p = finsim::catalog::price(*service, *type, *region);
  if (!p) PG_RETURN_NULL();
  return finsim::pg::numeric_datum(finsim::pg::decimal_text(*p, 10));
}

// finsim.schedule_fraction(schedule text) RETURNS numeric: running share of a week.
FINSIM_FUNCTION(finsim_schedule_fraction) {
  auto s = finsim::pg::arg_text(fcinfo, 0);
  double f = s ? finsim::pricing::schedule_fraction(*s) : 1.0;
  return finsim::pg::numeric_datum(finsim::pg::decimal_text(f, 10));
}
