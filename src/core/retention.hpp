// Snapshot retention policies (snapshots.retention_policy), the age-based retain rule of
// AWS Data Lifecycle Manager: "daily-N", "weekly-N" or "monthly-N" keeps a snapshot N days,
// N x 7 days or N x 30 days after its created_at (virtual days of 24 hours).  N is a
// positive whole number written without sign or leading zero, at most DLM's 100 years:
// 36500 days, 5200 weeks, 1200 months.  Lower case, no spaces.  Pure C++ (no Postgres
// headers): the one definition behind finsim.snapshot_retention_interval() (the column's
// CHECK, the drift engine's expiry) and the set_snapshot_retention action's validation.
#pragma once

#include <optional>
#include <string_view>

namespace finsim::core {

// Days a snapshot under `policy` is kept; nullopt when the text is not a policy.
std::optional<int> retention_days(std::string_view policy);

// The grammar in one sentence, for hints.
extern const char* const kRetentionGrammar;

}  // namespace finsim::core
