// finsim.price(): one catalog price or 22023; finsim.try_price(): the same, NULL when
// unknown (for views, which must not fail on a row).
#include "core/catalog.hpp"
#include "core/clip.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"

namespace {

constexpr const char* kListHint = "see SELECT * FROM finsim.price_list()";

}  // namespace

// finsim.price(service text, type text, region text DEFAULT 'us-east-1') RETURNS numeric
FINSIM_FUNCTION(finsim_price) {
  std::string service = finsim::pg::require_text(fcinfo, 0, "service");
  std::string type = finsim::pg::require_text(fcinfo, 1, "type");
  std::string region = finsim::pg::require_text(fcinfo, 2, "region");
  if (!finsim::catalog::region_multiplier(region))
    finsim::invalid_parameter("unknown region \"" + finsim::core::clipped(region) + "\"", kListHint);
  bool known_service = false;
  for (const auto& e : finsim::catalog::entries()) known_service |= e.service == service;
  if (!known_service) finsim::invalid_parameter("unknown service \"" + finsim::core::clipped(service) + "\"", kListHint);
  auto p = finsim::catalog::price(service, type, region);
  if (!p)
    finsim::invalid_parameter("unknown " + service + " type \"" + finsim::core::clipped(type) +
                                  "\" in region \"" + region + "\"",
                              kListHint);
  return finsim::pg::numeric_datum(finsim::pg::decimal_text(*p, 10));
}

// finsim.try_price(service, type, region): the price, or NULL when unknown.
FINSIM_FUNCTION(finsim_price_or_null) {
  auto service = finsim::pg::arg_text(fcinfo, 0);
  auto type = finsim::pg::arg_text(fcinfo, 1);
  auto region = finsim::pg::arg_text(fcinfo, 2);
  if (!service || !type || !region) PG_RETURN_NULL();
  auto p = finsim::catalog::price(*service, *type, *region);
  if (!p) PG_RETURN_NULL();
  return finsim::pg::numeric_datum(finsim::pg::decimal_text(*p, 10));
}
