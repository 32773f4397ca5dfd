// Login failure rate limiting per access key (wall clock: security bookkeeping, not
// simulation).  After kMaxFailures failed logins within kWindowSeconds the key is locked
// for kLockSeconds; while locked even the right secret fails.
//
// State lives in shared memory (cluster-wide) when finsim is in shared_preload_libraries,
// otherwise in backend memory (per session).  Never in tables: a failed login's ERROR
// rolls back table writes, and the counter must survive it.
//
// The table is set-associative (kBuckets buckets of kWays entries).  Its defences against
// being flushed by an attacker:
//  * a key's bucket is SipHash-2-4 of its access key id under a secret 128-bit seed drawn
//    with pg_strong_random once per cluster start (in shared memory; once per backend when
//    not preloaded), so ids that share a victim's bucket cannot be computed;
//  * only access key ids that exist (rows of finsim.api_clients) take entries: an unknown
//    id can never log in, so it needs no counter (its attempt does the same work, though);
//  * a live entry (a lock in force, or failures in an open window) is never evicted.  When
//    a key's bucket is full of live entries, that key is refused unverified — as if locked —
//    until one of them expires (at most kWindowSeconds + kLockSeconds).
#pragma once

#include <cstdint>
#include <string>

namespace finsim::auth {

constexpr int kMaxFailures = 5;
constexpr int kWindowSeconds = 60;
constexpr int kLockSeconds = 60;
// Longer access key ids are never looked up (ours are 20 characters).
constexpr size_t kMaxAccessKeyIdBytes = 128;

// Called from _PG_init: installs the shared-memory hooks when preloading.
void rate_limit_init();

// Starts a login attempt.  Every attempt of a known key is counted as a failure up front,
// so concurrent sessions cannot run more than kMaxFailures verifications per window
// between them.  False when the key is locked, its window is full, or its bucket is full
// of live entries: the attempt must fail unverified.  `known`: the id is a row of
// finsim.api_clients; an unknown id is looked up (the same work) but never takes an entry,
// and is never refused here.
bool rate_limit_begin(const std::string& access_key_id, bool known);
// The attempt begun above failed: at kMaxFailures failures in the window the key is
// locked for kLockSeconds.  Nothing is recorded for an unknown id.
void rate_limit_failure(const std::string& access_key_id, bool known);
// The attempt succeeded: the key's count is forgotten (a lock in force is kept).
void rate_limit_success(const std::string& access_key_id);
// "shared" or "backend": where the counters live in this process.
const char* rate_limit_mode();

// What the limiter holds for an id right now (finsim._auth_rate_limit_state, not
// granted to anyone: `bucket` depends on the secret seed).  Times are TimestampTz; 0 = none.
struct RateLimitState {
  int bucket = -1;            // -1: the id is too long to be looked up
  bool tracked = false;       // the id has an entry
  int failures = 0;           // failures counted in its open window
  int64_t window_ends = 0;    // when that window closes (0: no open window)
  int64_t locked_until = 0;   // when its lock ends (0: not locked)
};
RateLimitState rate_limit_state(const std::string& access_key_id);

}  // namespace finsim::auth
