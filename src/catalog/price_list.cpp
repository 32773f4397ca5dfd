// finsim.price_list(): every catalog price in every region (materialized SRF).
#include "core/catalog.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/srf.hpp"

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
