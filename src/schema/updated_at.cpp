// finsim._touch_updated_at(): BEFORE UPDATE row trigger keeping updated_at current.
// Bookkeeping uses the wall clock (the statement's timestamp), never the virtual clock.
#include "pg/entry.hpp"
#include "pg/trigger.hpp"

FINSIM_FUNCTION(finsim_touch_updated_at) {
  finsim::pg::TriggerRow row(fcinfo);
  if (row.is_update() && row.is_before()) {
    TimestampTz ts = GetCurrentStatementStartTimestamp();
    const char* s = finsim::pg::guard([ts] {
      return static_cast<const char*>(
          DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(ts))));
    });
    row.set("updated_at", std::string(s));
  }
  return row.result();
}
