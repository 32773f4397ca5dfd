#include "drift/snapshot_lifecycle.hpp"

#include <string>
#include <vector>

#include "auth/context.hpp"
#include "core/retention.hpp"

namespace finsim::drift {
namespace {

// Daily backup jobs: volumes tagged backup=daily and 5 % of the other in-use volumes (at
// most 1,000 a day).  A new snapshot inherits the retention policy of the volume's newest
// snapshot that has one (created_at, then snapshot_id in byte order), NULL otherwise: once
// a policy is set on a volume's snapshots, its future backups follow it.
// Each new snapshot is logged with a 'created' row (new_value its snapshot_id, as the audit
// trigger's 'deleted' row holds it in old_value), drift_engine at the virtual time.
void take_backups(pg::Spi& spi, const DayContext& c, Counts& n) {
  const uint64_t k = spi.exec(
      "WITH ins AS (INSERT INTO finsim.snapshots (id, account_id, snapshot_id, region, source_volume_id, size_gib, "
      "retention_policy, monthly_cost, tags, created_at) "
      "SELECT s.sid, v.account_id, 'snap-' || left(replace(s.sid::text, '-', ''), 17), v.region, "
      "v.volume_id, v.size_gib, p.retention_policy, round(v.size_gib * coalesce(finsim._drift_price("
      "'ebs-snapshot', 'standard', v.region), 0.05)::numeric, 6), v.tags, $6 "
      "FROM (SELECT * FROM finsim.volumes WHERE account_id = $1::uuid AND state = 'in-use' "
      "AND (tags->>'backup' = 'daily' OR finsim._drift_unit($3, id::text, 'daily-backup') < 0.05) "
      "ORDER BY id LIMIT 1000) v "
      "LEFT JOIN LATERAL (SELECT o.retention_policy FROM finsim.snapshots o "
      "  WHERE o.account_id = v.account_id AND o.source_volume_id = v.volume_id "
      "  AND o.retention_policy IS NOT NULL "
      "  ORDER BY o.created_at DESC NULLS LAST, o.snapshot_id COLLATE \"C\" DESC LIMIT 1) p ON true, "
      "LATERAL (SELECT finsim._drift_uuid($1, 'snapshots', $2, v.id::text) AS sid) s "
      "RETURNING id, snapshot_id, source_volume_id) "
      "INSERT INTO finsim.resource_change_events (id, account_id, resource_type, resource_id, "
      "change_source, field_name, old_value, new_value, changed_at, reason) "
      "SELECT finsim._drift_uuid($1, 'resource_change_events', $2, 'snapshot:' || ins.id::text), $1::uuid, "
      "'snapshots', ins.id::text, 'drift_engine', 'created', NULL, ins.snapshot_id, $6, "
      "'drift: daily backup of ' || ins.source_volume_id FROM ins",
      c.params());
  n.rows += 2 * k;
  n.events += k;
}

// Snapshots kept past their policy's interval (created_at <= the day's virtual time -
// finsim.snapshot_retention_interval, the form that cannot overflow for a created_at near the
// end of the timestamp range) are deleted, one statement per policy in byte order of its text,
// so that the audit trigger's 'deleted' row of each (change_source drift_engine, changed_at
// the virtual time) carries a reason naming the policy.  The policy is the owner's own rule,
// like a bucket's lifecycle or a log group's retention: it applies whatever the snapshot's
// optimization_policy and freezes, which govern agents.
void expire_snapshots(pg::Spi& spi, const DayContext& c, Counts& n) {
  spi.exec(
      "SELECT s.retention_policy FROM finsim.snapshots s WHERE s.account_id = $1::uuid "
      "AND s.retention_policy IS NOT NULL "
      "AND s.created_at <= $6 - finsim.snapshot_retention_interval(s.retention_policy) "
      "GROUP BY s.retention_policy ORDER BY s.retention_policy COLLATE \"C\"",
      c.params());
  std::vector<std::string> policies;
  for (uint64_t i = 0; i < spi.rows(); ++i) policies.push_back(*spi.text(i, 0));
  for (const std::string& policy : policies) {
    const auto days = core::retention_days(policy);
    if (!days) continue;  // cannot happen: the column's CHECK admits valid policies only
    const std::string kept = std::to_string(*days) + (*days == 1 ? " day" : " days");
    ctx::SourceScope scope("drift_engine", "drift: retention policy " + policy +
                                               " expired (it keeps a snapshot " + kept +
                                               " after its created_at)");
    auto p = c.params();
    p.push_back(pg::Param::text(policy));
    const uint64_t k = spi.exec(
        "DELETE FROM finsim.snapshots s WHERE s.account_id = $1::uuid AND s.retention_policy = $8 "
        "AND s.created_at <= $6 - finsim.snapshot_retention_interval($8)",
        p);
    n.rows += k;
    n.events += k;
  }
}

}  // namespace

void snapshot_lifecycle(pg::Spi& spi, const DayContext& c, Counts& n) {
  // Backups first: a backup inherits the policy even when today expires the snapshot that
  // carried it.
  take_backups(spi, c, n);
  expire_snapshots(spi, c, n);
}

}  // namespace finsim::drift
