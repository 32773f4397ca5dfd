// The per-resource daily metric model (see metrics_model.hpp).
#include "core/metrics_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/rng.hpp"

namespace finsim::core {

int weekday(int64_t day) {
  int64_t w = (day + 3) % 7;  // 1970-01-01 was a Thursday (3 when Monday = 0)
  if (w < 0) w += 7;
  return static_cast<int>(w);
}

bool is_weekend(int64_t day) { return weekday(day) >= 5; }

static double clamp(double v, double lo, double hi) { return std::min(hi, std::max(lo, v)); }

uint64_t metric_key(std::string_view seed, std::string_view resource_id) {
  return hash_parts({seed, resource_id});
}

double day_activity(const MetricProfile& p, int64_t day) {
  double rhythm = is_weekend(day) ? p.weekend_factor : 1.0;
  if (p.trend_amplitude != 0)
    rhythm *= 1.0 + p.trend_amplitude *
                        std::sin(6.283185307179586 * (static_cast<double>(day) / p.trend_period + p.trend_phase));
  return rhythm;
}

namespace {

// The day's draws of a resource's stream, in the order day_metrics uses them.
struct Draws {
  double rhythm, cpu, burst, memory, network, disk;
};

Draws day_draws(const MetricProfile& p, uint64_t key, int64_t day) {
  Rng rng(key ^ (static_cast<uint64_t>(day) * 0x9E3779B97F4A7C15ULL));
  rng.next();
  Draws d;
  d.rhythm = day_activity(p, day);
  d.cpu = rng.normal();
  d.burst = rng.uniform();
  d.memory = rng.normal();
  d.network = rng.normal();
  d.disk = rng.normal();
  return d;
}

}  // namespace

DayMetrics day_metrics(const MetricProfile& p, uint64_t key, int64_t day) {
  const Draws d = day_draws(p, key, day);
  const double rhythm = d.rhythm;
  DayMetrics m;
  m.cpu_avg = clamp(round_to(p.cpu_base * rhythm * (1.0 + p.noise * d.cpu)), 0, 100);
  double burst = 1.3 + 0.9 * d.burst;
  m.cpu_max = clamp(round_to(std::max(m.cpu_avg, m.cpu_avg * burst + 2.0)), 0, 100);
  m.memory_avg = clamp(round_to(p.memory_base * (1.0 + 0.5 * p.noise * d.memory)), 0, 100);
  m.network = std::max(0.0, round_to(p.network_base * rhythm * (1.0 + p.noise * d.network), 3));
  m.disk = clamp(round_to(p.disk_base * (1.0 + 0.25 * p.noise * d.disk)), 0, 100);
  return m;
}

DayMetrics day_factors(const MetricProfile& p, uint64_t key, int64_t day) {
  const Draws d = day_draws(p, key, day);
  DayMetrics f;
  f.cpu_avg = std::max(0.0, d.rhythm * (1.0 + p.noise * d.cpu));
  f.cpu_max = f.cpu_avg;
  f.memory_avg = std::max(0.0, 1.0 + 0.5 * p.noise * d.memory);
  f.network = std::max(0.0, d.rhythm * (1.0 + p.noise * d.network));
  f.disk = std::max(0.0, 1.0 + 0.25 * p.noise * d.disk);
  return f;
}

double round_to(double v, int scale) {
  double f = std::pow(10.0, scale);
  return std::round(v * f) / f;
}

double fit_mean(std::vector<double>& values, double target, double lo, double hi) {
  if (values.empty()) return 0;
  // A few passes: clamping can move the mean, so re-shift the remainder.
  for (int pass = 0; pass < 4; ++pass) {
    double mean = tail_mean(values, values.size());
    double delta = target - mean;
    if (std::fabs(delta) < 1e-9) break;
    for (double& v : values) v = clamp(v + delta, lo, hi);
  }
  for (double& v : values) v = round_to(v);
  return tail_mean(values, values.size());
}

double tail_mean(const std::vector<double>& values, size_t n) {
  if (values.empty()) return 0;
  n = std::min(n, values.size());
  double s = 0;
  for (size_t i = values.size() - n; i < values.size(); ++i) s += values[i];
  return s / static_cast<double>(n);
}

std::string metric_payload(const DayMetrics& m) {
  char buf[192];
  std::snprintf(buf, sizeof buf,
                "{\"cpu_avg\": %.2f, \"cpu_max\": %.2f, \"memory_avg\": %.2f, \"network\": %.3f, "
                "\"disk\": %.2f}",
                m.cpu_avg, m.cpu_max, m.memory_avg, m.network, m.disk);
  return buf;
}

}  // namespace finsim::core
