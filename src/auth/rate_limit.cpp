#include "auth/rate_limit.hpp"

#include "core/hash.hpp"
#include "pg/guard.hpp"


namespace finsim::auth {
namespace {

// A set-associative table: a key hashes to one bucket of kWays slots.
constexpr int kBuckets = 256;
constexpr int kWays = 8;
constexpr int kSlots = kBuckets * kWays;
constexpr const char* kTranche = "finsim_auth_rate_limit";

struct Slot {
  uint64 key;              // hash of the access key id; 0 = empty
  int failures;            // failures in the current window
  TimestampTz window_start;
  TimestampTz locked_until;
  TimestampTz last_seen;
};

struct State {
  Slot slots[kSlots];
};

State* g_shared = nullptr;         // in shared memory (preloaded)
LWLock* g_lock = nullptr;
State g_local;                     // per backend (not preloaded)

shmem_request_hook_type prev_request = nullptr;
shmem_startup_hook_type prev_startup = nullptr;

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
  if (!found) memset(state, 0, sizeof(State));
  g_lock = &(GetNamedLWLockTranche(kTranche))->lock;
  g_shared = state;
  LWLockRelease(AddinShmemInitLock);
}

uint64 key_hash(const std::string& access_key_id) {
  uint64 h = core::hash64(access_key_id, 0x66696e73696d6175ULL);
  return h ? h : 1;
}

// Finds the key's slot, or (create) claims an empty / stale / least recently seen one.
Slot* find(State* s, uint64 key, TimestampTz now, bool create) {
  Slot* bucket = &s->slots[(key % kBuckets) * kWays];
  for (int i = 0; i < kWays; ++i)
    if (bucket[i].key == key) return &bucket[i];
  if (!create) return nullptr;
  Slot* victim = nullptr;
  for (int i = 0; i < kWays; ++i) {
    Slot* c = &bucket[i];
    bool free = c->key == 0 || (c->locked_until <= now &&
                                c->window_start + kWindowSeconds * USECS_PER_SEC <= now);
    if (free) { victim = c; break; }
    // Prefer evicting an unlocked slot; among equals, the least recently seen.
    bool c_locked = c->locked_until > now;
    if (!victim || (!c_locked && victim->locked_until > now) ||
        (c_locked == (victim->locked_until > now) && c->last_seen < victim->last_seen))
      victim = c;
  }
  memset(victim, 0, sizeof(Slot));
  victim->key = key;
  return victim;
}

// Runs f(state, now) under the lock (exclusive) when shared.
template <typename F>
auto with_state(F&& f) {
  return pg::guard([&]() {
    TimestampTz now = GetCurrentTimestamp();
    if (g_shared && g_lock) {
      LWLockAcquire(g_lock, LW_EXCLUSIVE);
      auto r = f(g_shared, now);  // f does not ereport
      LWLockRelease(g_lock);
      return r;
    }
    return f(&g_local, now);
  });
}

}  // namespace

void rate_limit_init() {
  if (!process_shared_preload_libraries_in_progress) return;
  prev_request = shmem_request_hook;
  shmem_request_hook = request_shmem;
  prev_startup = shmem_startup_hook;
  shmem_startup_hook = startup_shmem;
}

bool rate_limit_begin(const std::string& access_key_id) {
  const uint64 key = key_hash(access_key_id);
  return with_state([key](State* s, TimestampTz now) -> bool {
    Slot* slot = find(s, key, now, true);
    slot->last_seen = now;
    if (slot->locked_until > now) return false;
    if (slot->window_start + kWindowSeconds * USECS_PER_SEC <= now) {
      slot->window_start = now;
      slot->failures = 0;
    }
    if (slot->failures >= kMaxFailures) return false;  // the window's attempts are used up
    ++slot->failures;
    return true;
  });
}

void rate_limit_failure(const std::string& access_key_id) {
  const uint64 key = key_hash(access_key_id);
  with_state([key](State* s, TimestampTz now) -> int {
    Slot* slot = find(s, key, now, true);
    slot->last_seen = now;
    if (slot->locked_until <= now && slot->failures >= kMaxFailures) {
      slot->locked_until = now + kLockSeconds * USECS_PER_SEC;
      slot->failures = 0;
      slot->window_start = slot->locked_until;  // a fresh window once the lock ends
    }
    return 0;
  });
}

void rate_limit_success(const std::string& access_key_id) {
  const uint64 key = key_hash(access_key_id);
  with_state([key](State* s, TimestampTz now) -> int {
    Slot* slot = find(s, key, now, false);
    if (slot && slot->locked_until <= now) memset(slot, 0, sizeof(Slot));
    return 0;
  });
}

const char* rate_limit_mode() { return g_shared ? "shared" : "backend"; }

}  // namespace finsim::auth
