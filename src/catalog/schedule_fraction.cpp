// finsim.schedule_fraction(): the running share of a week of an instance schedule.
#include "core/pricing.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"

// finsim.schedule_fraction(schedule text) RETURNS numeric
FINSIM_FUNCTION(finsim_schedule_fraction) {
  auto s = finsim::pg::arg_text(fcinfo, 0);
  double f = s ? finsim::pricing::schedule_fraction(*s) : 1.0;
  return finsim::pg::numeric_datum(finsim::pg::decimal_text(f, 10));
}
