#include "core/drift_model.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/rng.hpp"

namespace finsim::core::drift {
namespace {

double clamp(double v, double lo, double hi) { return std::min(hi, std::max(lo, v)); }

std::string num(int64_t v) { return std::to_string(v); }

// Log-uniform in [lo, hi].
double log_uniform(Rng& r, double lo, double hi) {
  return std::exp(std::log(lo) + (std::log(hi) - std::log(lo)) * r.uniform());
}

}  // namespace

double unit(int64_t seed, std::string_view rid, std::string_view what) {
  std::string s = num(seed);
  return Rng::stream({s, rid, what}).uniform();
}

int64_t lb_idle_day(int64_t seed, std::string_view rid, int64_t anchor) {
  double u = unit(seed, rid, "lb-idle");
  if (u < 1e-12) u = 1e-12;
  // Geometric with p = 0.002 a day: floor(log(u) / log(1 - p)).
  return anchor + static_cast<int64_t>(std::floor(std::log(u) / std::log(1.0 - 0.002)));
}

MetricProfile drift_profile(std::string_view seed, std::string_view rid, std::string_view kind,
                            std::string_view env) {
  Rng prof = Rng::stream({seed, rid, kind, "profile"});
  const bool idle = prof.chance(0.25);  // a quarter of the estate idles (waste to find)
  MetricProfile p;
  p.cpu_base = idle ? prof.uniform(0.5, 4.0) : prof.uniform(10.0, 70.0);
  p.memory_base = prof.uniform(15.0, 85.0);
  p.network_base = idle ? prof.uniform(0.01, 0.5) : log_uniform(prof, 0.5, 60.0);
  p.disk_base = idle ? prof.uniform(0.0, 3.0) : prof.uniform(5.0, 70.0);
  p.noise = idle ? 0.15 : 0.08;
  p.weekend_factor = env == "prod" ? 0.85 : 0.3;
  p.trend_period = prof.uniform(60.0, 180.0);
  p.trend_phase = prof.uniform(0.0, 1.0);
  p.trend_amplitude = prof.uniform(0.0, 0.2);
  return p;
}

Day day_metrics(int64_t seed, std::string_view rid, std::string_view kind, std::string_view env,
                int64_t day, int64_t anchor) {
  const std::string s = num(seed);
  const MetricProfile p = drift_profile(s, rid, kind, env);
  const uint64_t key = metric_key(s, rid);
  const DayMetrics m = core::day_metrics(p, key, day);
  Day d;
  d.cpu_avg = m.cpu_avg;
  d.cpu_max = m.cpu_max;
  d.memory_avg = m.memory_avg;
  d.network = m.network;
  d.disk = m.disk;
  const bool rds = kind == "rds_instances", lb = kind == "load_balancers", fn = kind == "lambda_functions";
  if (!rds && !lb && !fn) return d;
  // The kind's own quantity: its base from the profile stream (after the shared draws), the
  // day's activity from the shared rhythm and trend, and noise from its own day stream.
  Rng prof = Rng::stream({s, rid, kind, "extra"});
  const bool idle = p.cpu_base < 5;
  const double extra_base = idle ? prof.uniform(0.0, 2.0) : log_uniform(prof, 5.0, 500.0);
  Rng r(key ^ 0x6578747261ULL ^ (static_cast<uint64_t>(day) * 0x9E3779B97F4A7C15ULL));
  const double activity = std::max(0.0, day_activity(p, day) * (1.0 + p.noise * r.normal()));
  if (rds) {
    d.extra = round_to(std::max(0.0, extra_base * activity / 5.0));  // connections
  } else if (lb) {
    d.extra = day >= lb_idle_day(seed, rid, anchor)
                  ? std::floor(r.uniform(0, 3))                     // a stray health probe
                  : std::floor(extra_base * 200.0 * activity);      // requests
  } else {
    d.extra = std::floor(extra_base * 100.0 * activity);            // invocations
    d.extra2 = round_to(clamp(prof.uniform(20.0, 2000.0) * (1.0 + 0.05 * r.normal()), 1, 900000));
  }
  return d;
}

S3Day s3_day(int64_t seed, std::string_view rid, int64_t day, double prev_standard,
             double prev_ia, double prev_glacier, int ia_days, int glacier_days, int expire_days) {
  const std::string s = num(seed);
  Rng prof = Rng::stream({s, rid, "s3_buckets", "profile"});
  const double initial = log_uniform(prof, 1.0, 20000.0);   // GB
  const double growth = prof.uniform(0.0005, 0.005);        // share of the bucket added a day
  const double req_per_gb = log_uniform(prof, 1.0, 2000.0);
  Rng r = Rng::stream({s, rid, "s3_buckets", num(day)});
  S3Day d;
  double std_ = prev_standard < 0 ? initial : prev_standard;
  double ia = prev_ia < 0 ? 0 : prev_ia;
  double gl = prev_glacier < 0 ? 0 : prev_glacier;
  const double added = (std_ + ia + gl) * growth * std::max(0.0, 1.0 + 0.2 * r.normal()) + 0.01;
  // Transitions out of each tier (the next tier after STANDARD is IA if set, else GLACIER).
  double out_std = 0, out_ia = 0, out_gl = 0;
  const int first = ia_days > 0 ? ia_days : glacier_days;
  if (first > 0) out_std = std_ / first;
  if (ia_days > 0 && glacier_days > ia_days) out_ia = ia / (glacier_days - ia_days);
  // Expiry removes from the last tier in use.
  const int last_start = glacier_days > 0 ? glacier_days : (ia_days > 0 ? ia_days : 0);
  double expired = 0;
  if (expire_days > 0) {
    const double span = std::max(1, expire_days - last_start);
    if (glacier_days > 0) expired = gl / span;
    else if (ia_days > 0) expired = ia / span;
    else expired = std_ / span;
  }
  std_ = std_ + added - out_std;
  if (ia_days > 0) ia = ia + out_std - out_ia;
  if (glacier_days > 0) gl = gl + (ia_days > 0 ? out_ia : out_std) - out_gl;
  if (glacier_days > 0) gl -= expired;
  else if (ia_days > 0) ia -= expired;
  else std_ -= expired;
  d.standard = round_to(std::max(0.0, std_), 3);
  d.ia = round_to(std::max(0.0, ia), 3);
  d.glacier = round_to(std::max(0.0, gl), 3);
  const double week = is_weekend(day) ? 0.6 : 1.0;
  d.requests = std::floor(d.standard * req_per_gb * week * std::max(0.0, 1.0 + 0.1 * r.normal()));
  return d;
}

LogDay log_day(int64_t seed, std::string_view rid, std::string_view env, int64_t day,
               double prev_stored, int retention_days) {
  const std::string s = num(seed);
  Rng prof = Rng::stream({s, rid, "log_groups", "profile"});
  const double env_gb = env == "prod" ? 2.0 : env == "staging" ? 0.6 : env == "dev" ? 0.3 : 0.1;
  const double verbosity = log_uniform(prof, 0.05, 20.0);  // debug logging left on: x20
  const double mean = env_gb * verbosity;
  Rng r = Rng::stream({s, rid, "log_groups", num(day)});
  const double week = is_weekend(day) && env != "prod" ? 0.3 : 1.0;
  LogDay d;
  d.ingested = round_to(std::max(0.0, mean * week * (1.0 + 0.1 * r.normal())), 3);
  double stored = prev_stored < 0 ? mean * (retention_days > 0 ? std::min(retention_days, 90) : 90)
                                  : prev_stored;
  stored += d.ingested;
  if (retention_days > 0) stored = std::min(stored, mean * retention_days);
  d.stored = round_to(std::max(0.0, stored), 3);
  return d;
}

}  // namespace finsim::core::drift
