// finsim.schedule_fraction(): the running share of a week of an instance schedule, and the
// validator of instances.schedule.  One grammar (pricing::schedule_fraction).
#include "core/clip.hpp"
#include "core/pricing.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/error.hpp"

// finsim.schedule_fraction(schedule text) RETURNS numeric: NULL -> 1 (always on).
FINSIM_FUNCTION(finsim_schedule_fraction) {
  auto s = finsim::pg::arg_text(fcinfo, 0);
  if (!s) return finsim::pg::numeric_datum("1");
  auto f = finsim::pricing::schedule_fraction(*s);
  if (!f)
    finsim::invalid_parameter("invalid schedule \"" + finsim::core::clipped(*s) + "\"",
                              "Use 'weekdays HH-HH' or 'daily HH-HH' with 00 <= start < end <= 24, "
                              "e.g. 'weekdays 08-20'; NULL means always on.");
  return finsim::pg::numeric_datum(finsim::pg::decimal_text(*f, 10));
}

// finsim._schedule_ok(schedule text) RETURNS boolean (STRICT): the CHECK of instances.schedule.
FINSIM_FUNCTION(finsim_schedule_ok) {
  PG_RETURN_BOOL(finsim::pricing::schedule_fraction(finsim::pg::require_text(fcinfo, 0, "schedule")).has_value());
}
