// finsim._before_write(): BEFORE INSERT OR UPDATE row trigger — prices rows from the
// catalog and fills virtual-time columns.  (Placeholder until the catalog lands.)
#include "pg/entry.hpp"
#include "pg/trigger.hpp"

FINSIM_FUNCTION(finsim_before_write) {
  finsim::pg::TriggerRow row(fcinfo);
  return row.result();
}
