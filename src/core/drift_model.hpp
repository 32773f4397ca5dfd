// The drift engine's daily processes.  Pure C++ (no Postgres headers).
//
// Resource metrics use the shared model core/metrics_model (the generator's too): a
// resource's day is core::day_metrics(profile, metric_key(seed, id), day), where the drift
// engine draws the profile once from (account seed, resource id, kind, env): a weekday/weekend
// rhythm (dev, staging and preview much quieter on weekends), a slow trend (a per-resource
// sinusoid of 60-180 days) and day-to-day noise, percentages bounded to 0..100; the baseline
// continues the resource's own level (its 7-day columns before the day, see Levels), and is
// drawn (a quarter of resources idle) only where no level is known.  A day depends only on
// those columns, the seed, the id and the day number, so a tick is deterministic and
// independent of tick batching.  This file adds what only the
// drift engine simulates: per-kind extras (connections, requests, invocations), S3 tiers,
// log volumes and seeded flags.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/metrics_model.hpp"

namespace finsim::core::drift {

// Values of one day.  The meaning of extra/extra2 depends on the kind:
//   rds: extra = average connections;  load_balancers: extra = requests that day;
//   lambda_functions: extra = invocations that day, extra2 = average duration ms.
struct Day {
  double cpu_avg = 0, cpu_max = 0, memory_avg = 0, network = 0, disk = 0, extra = 0, extra2 = 0;
  std::array<double, 7> array() const { return {cpu_avg, cpu_max, memory_avg, network, disk, extra, extra2}; }
};

using core::is_weekend;
using core::round_to;
using core::weekday;

// The profile the drift engine gives a resource (drawn once from seed, id and kind).
MetricProfile drift_profile(std::string_view seed, std::string_view rid, std::string_view kind,
                            std::string_view env);

// A resource's own level before the day: the means of its 7-day columns over the days
// D-7..D-1, in the model's units (percent for cpu/memory/disk, MB/s network, extra per day
// — connections, requests, invocations — and extra2 = average duration ms).  A negative
// value means unknown (no such column, or NULL).  cpu/memory/network/disk levels of 0 are
// unknown too (a resource stopped all week has no level to continue), and when the cpu
// level is 0 the extras are unknown as well.
struct Levels {
  double cpu = -1, memory = -1, network = -1, disk = -1, extra = -1, extra2 = -1;
};

// One day of resource `rid` (uuid text) of kind (its table name) in env.
// anchor = the account's first virtual day (day number): load balancers lose their traffic
// at lb_idle_day(seed, rid, anchor).
// Each known level continues the resource's own level: its class (idle below 5 % CPU: more
// noise) and base come from the level — base = level / the mean factor (rhythm x trend x
// noise, day_factors) of the seven days D-7..D-1 — while the profile keeps the rhythm, trend
// and noise.  When those days came from this model with a base b, the level is b x that mean,
// so the base is b again: a resource keeps its level across ticks (no random walk), and the
// first tick continues the generator's level.  Unknown levels come from drift_profile.
Day day_metrics(int64_t seed, std::string_view rid, std::string_view kind, std::string_view env,
                int64_t day, int64_t anchor, const Levels& levels = {});

// The day a load balancer loses its traffic for good (a geometric draw, 0.2 % a day).
int64_t lb_idle_day(int64_t seed, std::string_view rid, int64_t anchor);

// A uniform [0,1) draw named by (seed, rid, what): per-resource flags such as "has a daily
// backup job" (snapshots) or a log group's verbosity.
double unit(int64_t seed, std::string_view rid, std::string_view what);

// One day of an S3 bucket.  prev_* < 0 means "no row yesterday": the bucket starts with a
// seeded size in STANDARD.  Lifecycle days (<= 0 when absent): objects age out of STANDARD
// into IA after ia_days, into GLACIER after glacier_days, and expire after expire_days,
// modelled as the share 1/(tier's age span) of a tier moving on each day.
struct S3Day {
  double standard = 0, ia = 0, glacier = 0, requests = 0;
};
// prev_requests < 0: unknown.  Otherwise requests continue yesterday's rate per STANDARD GB
// (yesterday's requests divided by yesterday's weekday and noise factors), so a cold bucket
// stays cold and a busy one busy; without it the rate comes from the bucket's profile.
S3Day s3_day(int64_t seed, std::string_view rid, int64_t day, double prev_standard,
             double prev_ia, double prev_glacier, double prev_requests, int ia_days,
             int glacier_days, int expire_days);

// One day of a CloudWatch log group.  Ingestion = the group's mean x the day's factor (non-prod
// groups log 30% on weekends; noise 10%).  The mean continues the group's own level: `level` =
// the mean ingested_gb of its rows over the `level_days` days before the day (D-level_days ..
// D-1), divided by those days' mean factor, as day_metrics continues a resource's 7-day level
// (a generated group keeps its generated volume; no random walk across ticks).  Without a
// level (level <= 0 or level_days <= 0: a new group, or hand-written rows of zero) the mean is
// drawn: env base (prod 2 GB, staging 0.6, dev 0.3, preview 0.1) x verbosity (0.05-20x).
// Stored volume (uncompressed) grows by the day's ingestion and, with a retention, is capped
// at retention_days of the mean week's ingestion.  prev_stored < 0: no row yesterday (the
// group starts with min(retention, 90) days of logs).  retention_days <= 0: none.
struct LogDay {
  double ingested = 0, stored = 0;
};
LogDay log_day(int64_t seed, std::string_view rid, std::string_view env, int64_t day,
               double prev_stored, int retention_days, double level = -1, int level_days = 0);

}  // namespace finsim::core::drift
