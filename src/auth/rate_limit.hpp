// Login failure rate limiting per access key (wall clock: security bookkeeping, not
// simulation).  After kMaxFailures failed logins within kWindowSeconds the key is locked
// for kLockSeconds; while locked even the right secret fails.
//
// State lives in shared memory (cluster-wide) when finsim is in shared_preload_libraries,
// otherwise in backend memory (per session).  Never in tables: a failed login's ERROR
// rolls back table writes, and the counter must survive it.
#pragma once

#include <string>

namespace finsim::auth {

constexpr int kMaxFailures = 5;
constexpr int kWindowSeconds = 60;
constexpr int kLockSeconds = 60;

// Called from _PG_init: installs the shared-memory hooks when preloading.
void rate_limit_init();

// True when the key is locked now.
bool rate_limit_locked(const std::string& access_key_id);
// Counts a failed login; locks the key at the kMaxFailures-th failure within the window.
void rate_limit_failure(const std::string& access_key_id);
// Forgets the key's failures (after a successful login).
void rate_limit_success(const std::string& access_key_id);
// "shared" or "backend": where the counters live in this process.
const char* rate_limit_mode();

}  // namespace finsim::auth
