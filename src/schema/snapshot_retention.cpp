// finsim.snapshot_retention_interval(policy text) RETURNS interval: how long a snapshot
// under a retention policy is kept after its created_at (core/retention: 'daily-7' ->
// 168 hours), or NULL when the text is not a policy.  Hours, never days: a day of a
// timestamptz interval follows the session's TimeZone, a virtual day is always 24 hours.
// The CHECK of snapshots.retention_policy, the drift engine's expiry and the
// set_snapshot_retention action all read the policy through it (or core::retention_days).
#include "core/retention.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"

FINSIM_FUNCTION(finsim_snapshot_retention_interval) {
  const auto policy = finsim::pg::arg_text(fcinfo, 0);  // STRICT in SQL; NULL-safe here too
  const auto days = policy ? finsim::core::retention_days(*policy) : std::nullopt;
  if (!days) PG_RETURN_NULL();
  const int64_t usecs = static_cast<int64_t>(*days) * 24 * USECS_PER_HOUR;
  return finsim::pg::guard([usecs] {
    Interval* iv = static_cast<Interval*>(palloc(sizeof(Interval)));
    iv->time = usecs;
    iv->day = 0;
    iv->month = 0;
    return IntervalPGetDatum(iv);
  });
}
