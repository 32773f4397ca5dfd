#include "core/drift_model.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/rng.hpp"

namespace finsim::core::drift {
namespace {

double clamp(double v, double lo, double hi) { return std::min(hi, std::max(lo, v)); }

// The upper bounds of the stored values (the tables' CHECKs, finsim._metric_payload_ok).
constexpr double kMaxNetwork = 100000;               // MB/s: instances.avg_network_7d
constexpr double kMaxConnections = 1000000;          // rds_instances.avg_connections_7d
constexpr double kMaxRequestsPerDay = 1e12;          // load_balancers.avg_request_count_7d
constexpr double kMaxInvocationsPerDay = 1e11;       // lambda_functions.invocations_7d <= 7e11

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

namespace {

// The extra quantities' factors of a day: activity (rhythm x trend x the extra's own noise)
// and the duration's noise (Lambda).
struct ExtraFactors {
  double activity, duration;
};

ExtraFactors extra_factors(const MetricProfile& p, uint64_t key, int64_t day) {
  Rng r(key ^ 0x6578747261ULL ^ (static_cast<uint64_t>(day) * 0x9E3779B97F4A7C15ULL));
  ExtraFactors f;
  f.activity = std::max(0.0, day_activity(p, day) * (1.0 + p.noise * r.normal()));
  f.duration = 1.0 + 0.05 * r.normal();
  return f;
}

// The mean factors of the seven days before `day` (what a 7-day level was made of).
struct WeekFactors {
  DayMetrics metrics;
  ExtraFactors extra{0, 0};
};

WeekFactors week_factors(const MetricProfile& p, uint64_t key, int64_t day, bool extras) {
  WeekFactors w;
  for (int64_t k = day - 7; k < day; ++k) {
    const DayMetrics f = core::day_factors(p, key, k);
    w.metrics.cpu_avg += f.cpu_avg / 7;
    w.metrics.memory_avg += f.memory_avg / 7;
    w.metrics.network += f.network / 7;
    w.metrics.disk += f.disk / 7;
    if (extras) {
      const ExtraFactors e = extra_factors(p, key, k);
      w.extra.activity += e.activity / 7;
      w.extra.duration += e.duration / 7;
    }
  }
  return w;
}

// base that continues `level` over days whose mean factor was `mean` (unknown: keep `dflt`).
double continued(double level, double mean, double dflt) {
  return level > 0 && mean > 0 ? level / mean : dflt;
}

}  // namespace

Day day_metrics(int64_t seed, std::string_view rid, std::string_view kind, std::string_view env,
                int64_t day, int64_t anchor, const Levels& levels) {
  const std::string s = num(seed);
  MetricProfile p = drift_profile(s, rid, kind, env);
  const uint64_t key = metric_key(s, rid);
  const bool rds = kind == "rds_instances", lb = kind == "load_balancers", fn = kind == "lambda_functions";
  // A cpu level of 0: the resource did not run all week; nothing to continue.
  Levels lv = levels;
  if (lv.cpu == 0) lv = Levels{};
  const bool metrics_known = lv.cpu > 0 || lv.memory > 0 || lv.network > 0 || lv.disk > 0;
  const bool extras_known = (rds || lb || fn) && (lv.extra >= 0 || lv.extra2 > 0);
  WeekFactors week;
  if (metrics_known || extras_known) {
    if (lv.cpu > 0) p.noise = lv.cpu < 5 ? 0.15 : 0.08;  // the level's class
    week = week_factors(p, key, day, extras_known);
    p.cpu_base = continued(lv.cpu, week.metrics.cpu_avg, p.cpu_base);
    p.memory_base = continued(lv.memory, week.metrics.memory_avg, p.memory_base);
    p.network_base = continued(lv.network, week.metrics.network, p.network_base);
    p.disk_base = continued(lv.disk, week.metrics.disk, p.disk_base);
  }
  const DayMetrics m = core::day_metrics(p, key, day);
  Day d;
  d.cpu_avg = m.cpu_avg;
  d.cpu_max = m.cpu_max;
  d.memory_avg = m.memory_avg;
  // A continued level cannot leave the range its table stores (README "Bounds"): network
  // MB/s, connections, requests and invocations a day as bounded by the CHECKs of the 7-day
  // columns and of metrics_daily.metric_payload (finsim._metric_payload_ok).
  d.network = std::min(m.network, kMaxNetwork);
  d.disk = m.disk;
  if (!rds && !lb && !fn) return d;
  // The kind's own quantity: its base from the profile stream (after the shared draws), or
  // the level it continues; the day's activity from the shared rhythm and trend, and noise
  // from its own day stream.
  Rng prof = Rng::stream({s, rid, kind, "extra"});
  const bool idle = p.cpu_base < 5;
  const double extra_base = idle ? prof.uniform(0.0, 2.0) : log_uniform(prof, 5.0, 500.0);
  const double duration_base = fn ? prof.uniform(20.0, 2000.0) : 0;
  const ExtraFactors today = extra_factors(p, key, day);
  const double activity = today.activity;
  // A known level per day: the value is level / the week's mean activity x today's (0 stays 0).
  const bool extra_known = extras_known && lv.extra >= 0;
  const double per_activity = extra_known && week.extra.activity > 0 ? lv.extra / week.extra.activity : 0;
  if (rds) {
    d.extra = round_to(std::max(0.0, extra_known ? per_activity * activity : extra_base * activity / 5.0));
  } else if (lb) {
    Rng r(key ^ 0x6578747261ULL ^ (static_cast<uint64_t>(day) * 0x9E3779B97F4A7C15ULL));
    r.normal();
    d.extra = day >= lb_idle_day(seed, rid, anchor) ? std::floor(r.uniform(0, 3))  // a stray health probe
              : extra_known ? std::floor(per_activity * activity + 0.5)
                            : std::floor(extra_base * 200.0 * activity);           // requests
  } else {
    d.extra = extra_known ? std::floor(per_activity * activity + 0.5)
                          : std::floor(extra_base * 100.0 * activity);             // invocations
    const double dur = extras_known && lv.extra2 > 0 && week.extra.duration > 0
                           ? lv.extra2 / week.extra.duration * today.duration
                           : duration_base * today.duration;
    d.extra2 = round_to(clamp(dur, 1, 900000));
  }
  d.extra = std::min(d.extra, rds ? kMaxConnections : lb ? kMaxRequestsPerDay : kMaxInvocationsPerDay);
  return d;
}

namespace {

// A day's request factors of a bucket: weekday rhythm x noise (the day stream's second draw).
double s3_request_factor(const std::string& s, std::string_view rid, int64_t day) {
  Rng r = Rng::stream({s, rid, "s3_buckets", num(day)});
  r.normal();  // the day's growth
  return (is_weekend(day) ? 0.6 : 1.0) * std::max(0.0, 1.0 + 0.1 * r.normal());
}

}  // namespace

S3Day s3_day(int64_t seed, std::string_view rid, int64_t day, double prev_standard,
             double prev_ia, double prev_glacier, double prev_requests, int ia_days,
             int glacier_days, int expire_days) {
  const std::string s = num(seed);
  Rng prof = Rng::stream({s, rid, "s3_buckets", "profile"});
  const double initial = log_uniform(prof, 1.0, 20000.0);   // GB
  const double growth = prof.uniform(0.0005, 0.005);        // share of the bucket added a day
  double req_per_gb = log_uniform(prof, 1.0, 2000.0);
  bool continued_rate = false;
  if (prev_requests >= 0 && prev_standard > 0) {  // yesterday's rate, without its day factors
    const double f = s3_request_factor(s, rid, day - 1);
    if (f > 0) {
      req_per_gb = prev_requests / (prev_standard * f);
      continued_rate = true;
    }
  }
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
  const double requests = d.standard * req_per_gb * s3_request_factor(s, rid, day);
  d.requests = std::floor(continued_rate ? requests + 0.5 : requests);
  return d;
}

namespace {

// A log group's ingestion factor of a day: the weekday rhythm (non-prod groups log 30% on
// weekends) x the day's noise (1 + 10%).
double log_factor(const std::string& s, std::string_view rid, std::string_view env, int64_t day) {
  Rng r = Rng::stream({s, rid, "log_groups", num(day)});
  const double week = is_weekend(day) && env != "prod" ? 0.3 : 1.0;
  return std::max(0.0, week * (1.0 + 0.1 * r.normal()));
}

}  // namespace

LogDay log_day(int64_t seed, std::string_view rid, std::string_view env, int64_t day,
               double prev_stored, int retention_days, double level, int level_days) {
  const std::string s = num(seed);
  Rng prof = Rng::stream({s, rid, "log_groups", "profile"});
  const double env_gb = env == "prod" ? 2.0 : env == "staging" ? 0.6 : env == "dev" ? 0.3 : 0.1;
  const double verbosity = log_uniform(prof, 0.05, 20.0);  // debug logging left on: x20
  double mean = env_gb * verbosity;
  // A known level continues: mean = level / the mean factor of the days it was taken over.
  if (level > 0 && level_days > 0) {
    double f = 0;
    for (int64_t k = day - level_days; k < day; ++k) f += log_factor(s, rid, env, k);
    f /= static_cast<double>(level_days);
    if (f > 0) mean = level / f;
  }
  // What a day holds on average over a week (for the stored volume a retention keeps).
  const double week_mean = env == "prod" ? 1.0 : (5.0 + 2.0 * 0.3) / 7.0;
  LogDay d;
  d.ingested = round_to(mean * log_factor(s, rid, env, day), 3);
  double stored = prev_stored < 0 ? mean * week_mean * (retention_days > 0 ? std::min(retention_days, 90) : 90)
                                  : prev_stored;
  stored += d.ingested;
  if (retention_days > 0) stored = std::min(stored, mean * week_mean * retention_days);
  d.stored = round_to(std::max(0.0, stored), 3);
  return d;
}

}  // namespace finsim::core::drift
