// finsim._audit(field, ...): AFTER UPDATE OR DELETE row trigger writing the audit trail.
// (Placeholder.)
#include "pg/entry.hpp"
#include "pg/trigger.hpp"

FINSIM_FUNCTION(finsim_audit) {
  finsim::pg::TriggerRow row(fcinfo);
  return row.result();
}
