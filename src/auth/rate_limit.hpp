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

// Starts a login attempt.  Every attempt is counted as a failure up front, so concurrent
// sessions cannot run more than kMaxFailures verifications per window between them.
// False when the key is locked or its window is full: the attempt must fail unverified.
bool rate_limit_begin(const std::string& access_key_id);
// The attempt begun above failed: at kMaxFailures failures in the window the key is
// locked for kLockSeconds.
void rate_limit_failure(const std::string& access_key_id);
// The attempt succeeded: the key's count is forgotten (a lock in force is kept).
void rate_limit_success(const std::string& access_key_id);
// "shared" or "backend": where the counters live in this process.
const char* rate_limit_mode();

}  // namespace finsim::auth
