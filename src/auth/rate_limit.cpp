#include "auth/rate_limit.hpp"

#include <string_view>

#include "core/hash.hpp"
#include "pg/guard.hpp"


namespace finsim::auth {
namespace {

// A set-associative table: a key hashes to one bucket of kWays entries.
constexpr int kBuckets = 256;
constexpr int kWays = 8;
constexpr int kSlots = kBuckets * kWays;
constexpr const char* kTranche = "finsim_auth_rate_limit";
constexpr TimestampTz kWindow = kWindowSeconds * USECS_PER_SEC;

struct Slot {
  uint64 key;              // keyed hash of the access key id; 0 = empty
  int failures;            // failures (attempts begun and not yet succeeded) in the window
  TimestampTz window_start;
  TimestampTz locked_until;
  TimestampTz last_seen;
};

struct State {
  bool seeded;             // k0/k1 drawn from pg_strong_random
  uint64 k0, k1;           // the secret SipHash key: which ids share a bucket
  Slot slots[kSlots];
};

State* g_shared = nullptr;         // in shared memory (preloaded)
LWLock* g_lock = nullptr;
State g_local;                     // per backend (not preloaded); seeded on first use

shmem_request_hook_type prev_request = nullptr;
shmem_startup_hook_type prev_startup = nullptr;

// Draws the secret key; false when the strong random source fails (then it is tried again
// at the next use, and logins fail meanwhile).
bool seed(State* s) {
  uint64 k[2];
  if (!pg_strong_random(k, sizeof k)) return false;
  s->k0 = k[0];
  s->k1 = k[1];
  s->seeded = true;
  return true;
}

void request_shmem() {
  if (prev_request) prev_request();
  RequestAddinShmemSpace(MAXALIGN(sizeof(State)));
  RequestNamedLWLockTranche(kTranche, 1);
}

void startup_shmem() {
  if (prev_startup) prev_startup();
  LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
  bool found = false;
  auto* state = static_cast<State*>(ShmemInitStruct("finsim auth rate limit", sizeof(State), &found));
  if (!found) {
    memset(state, 0, sizeof(State));
    seed(state);  // a new key at every cluster start (and after a crash restart)
  }
  g_lock = &(GetNamedLWLockTranche(kTranche))->lock;
  g_shared = state;
  LWLockRelease(AddinShmemInitLock);
}

// Ids longer than kMaxAccessKeyIdBytes are never keys; only their first bytes are hashed,
// so the work under the lock stays bounded.
uint64 key_hash(const State* s, const std::string& access_key_id) {
  std::string_view id(access_key_id);
  uint64 h = core::siphash24(id.substr(0, kMaxAccessKeyIdBytes), s->k0, s->k1);
  return h ? h : 1;
}

int bucket_of(uint64 key) { return static_cast<int>(key % kBuckets); }

// An entry worth keeping: a lock in force, or failures in a window still open.
bool live(const Slot& c, TimestampTz now) {
  return c.key != 0 &&
         (c.locked_until > now || (c.failures > 0 && c.window_start + kWindow > now));
}

// Finds the key's entry or, with `create`, claims a free one of its bucket: empty or no
// longer live, the least recently seen first.  A live entry is never evicted: nullptr
// when the bucket is full of them.
Slot* find(State* s, uint64 key, TimestampTz now, bool create) {
  Slot* bucket = &s->slots[bucket_of(key) * kWays];
  for (int i = 0; i < kWays; ++i)
    if (bucket[i].key == key) return &bucket[i];
  if (!create) return nullptr;
  Slot* victim = nullptr;
  for (int i = 0; i < kWays; ++i) {
    Slot* c = &bucket[i];
    if (!live(*c, now) && (!victim || c->last_seen < victim->last_seen)) victim = c;
  }
  if (!victim) return nullptr;
  memset(victim, 0, sizeof(Slot));
  victim->key = key;
  return victim;
}

// Runs f(state, now) — under the lock (exclusive) when shared — once the state has its
// secret key.  f must neither ereport nor throw.  False when no key could be drawn.
template <typename F>
bool with_state(F&& f) {
  return pg::guard([&]() -> bool {
    TimestampTz now = GetCurrentTimestamp();
    const bool shared = g_shared && g_lock;
    State* s = shared ? g_shared : &g_local;
    if (shared) LWLockAcquire(g_lock, LW_EXCLUSIVE);
    const bool ready = s->seeded || seed(s);
    if (ready) f(s, now);
    if (shared) LWLockRelease(g_lock);
    return ready;
  });
}

[[noreturn]] void no_seed() {
  throw Error(ERRCODE_SYSTEM_ERROR, "could not generate random bytes for the login rate limiter",
              {}, "check the server's source of strong randomness (OpenSSL / /dev/urandom)");
}

}  // namespace

void rate_limit_init() {
  if (!process_shared_preload_libraries_in_progress) return;
  prev_request = shmem_request_hook;
  shmem_request_hook = request_shmem;
  prev_startup = shmem_startup_hook;
  shmem_startup_hook = startup_shmem;
}

bool rate_limit_begin(const std::string& access_key_id, bool known) {
  bool allowed = true;
  const bool ready = with_state([&](State* s, TimestampTz now) {
    // An unknown id is looked up like a known one (the same work) but takes no entry.
    Slot* slot = find(s, key_hash(s, access_key_id), now, known);
    if (!known) return;
    if (!slot) {  // the bucket is full of live entries: refused as if locked
      allowed = false;
      return;
    }
    slot->last_seen = now;
    if (slot->locked_until > now) {
      allowed = false;
      return;
    }
    if (slot->window_start + kWindow <= now) {
      slot->window_start = now;
      slot->failures = 0;
    }
    if (slot->failures >= kMaxFailures) {  // the window's attempts are used up
      allowed = false;
      return;
    }
    ++slot->failures;
  });
  if (!ready) no_seed();
  return allowed;
}

void rate_limit_failure(const std::string& access_key_id, bool known) {
  const bool ready = with_state([&](State* s, TimestampTz now) {
    Slot* slot = find(s, key_hash(s, access_key_id), now, known);
    if (!known || !slot) return;  // nothing to record (the bucket filled up meanwhile)
    slot->last_seen = now;
    if (slot->locked_until <= now && slot->failures >= kMaxFailures) {
      slot->locked_until = now + kLockSeconds * USECS_PER_SEC;
      slot->failures = 0;
      slot->window_start = slot->locked_until;  // a fresh window once the lock ends
    }
  });
  if (!ready) no_seed();
}

void rate_limit_success(const std::string& access_key_id) {
  const bool ready = with_state([&](State* s, TimestampTz now) {
    Slot* slot = find(s, key_hash(s, access_key_id), now, false);
    if (slot && slot->locked_until <= now) memset(slot, 0, sizeof(Slot));
  });
  if (!ready) no_seed();
}

const char* rate_limit_mode() { return g_shared ? "shared" : "backend"; }

RateLimitState rate_limit_state(const std::string& access_key_id) {
  RateLimitState r;
  if (access_key_id.size() > kMaxAccessKeyIdBytes) return r;
  const bool ready = with_state([&](State* s, TimestampTz now) {
    const uint64 key = key_hash(s, access_key_id);
    r.bucket = bucket_of(key);
    const Slot* slot = find(s, key, now, false);
    if (!slot) return;
    r.tracked = true;
    if (slot->failures > 0 && slot->window_start + kWindow > now) {
      r.failures = slot->failures;
      r.window_ends = slot->window_start + kWindow;
    }
    if (slot->locked_until > now) r.locked_until = slot->locked_until;
  });
  if (!ready) no_seed();
  return r;
}

}  // namespace finsim::auth
