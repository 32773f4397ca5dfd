// finsim's configuration parameters (GUCs).
#pragma once

#include <string>

namespace finsim::settings {

// finsim.daily_retention_days: daily rows older than this many virtual days are pruned by
// drift_tick (default 400).
extern int daily_retention_days;

// finsim.drift_work_mem (kB): the work_mem drift_tick's statements run with (default 64 MB).
// It bounds the tick's private memory: each hash or sort of its plans spills beyond it
// (hashes beyond hash_mem_multiplier times it).
extern int drift_work_mem;

void define();

// Sets session_replication_role to `role` ("replica", or the previous value it returned)
// and returns the previous value.  The drift engine runs statements with
// session_replication_role = replica: ordinary (ENABLE ORIGIN) triggers, foreign-key checks
// included, do not fire.  Only for statements whose triggers provably have nothing to do (the
// drift engine's metric columns: not watched, not pricing inputs; updated_at set by the
// statement; the account row locked, so its foreign keys hold).  Transaction-local: an error
// or a rolled-back subtransaction restores the previous role.  Changing the role resets the
// plan cache (kept plans are re-planned on next use).
std::string set_replication_role(const std::string& role);

// Sets a user-settable parameter (a planner setting such as enable_sort) for the rest of the
// transaction, like SET LOCAL, and returns its previous value, to be given back the same way.
std::string set_local(const std::string& name, const std::string& value);

}  // namespace finsim::settings
