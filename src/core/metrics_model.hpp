// The per-resource daily metric model shared by the generator (history before start_date,
// profile chosen per waste pattern) and the drift engine (one day per tick, profile drawn
// from the resource id: core/drift_model).  Pure C++ (no Postgres headers).
//
// A resource has a MetricProfile (baseline CPU, memory, network, disk, weekend factor,
// noise, optional slow trend).  day_metrics(profile, key, day) is a pure function of the
// resource's stream key (metric_key(seed, id)) and the day number (days since 1970-01-01),
// so any day can be recomputed on any machine.
// fit_mean() shifts a series so its mean is an exact target (the generator uses it to put a
// resource exactly at, or just beside, a detection threshold).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace finsim::core {

struct MetricProfile {
  double cpu_base = 30;        // mean CPU % on a weekday
  double weekend_factor = 1;   // weekend CPU = weekday x factor (0.6 for office-hours load)
  double noise = 0.08;         // relative day-to-day noise (sd)
  double memory_base = 40;     // memory %
  double network_base = 5;     // MB/s
  double disk_base = 20;       // disk %
  // Slow trend: activity x (1 + trend_amplitude x sin(2 pi (day / trend_period + trend_phase))).
  // trend_amplitude 0 (the default) = no trend.
  double trend_amplitude = 0;
  double trend_period = 90;    // days
  double trend_phase = 0;      // share of a period
};

struct DayMetrics {
  double cpu_avg = 0;
  double cpu_max = 0;
  double memory_avg = 0;
  double network = 0;
  double disk = 0;
};

// 0 = Monday … 6 = Sunday for a day number (days since 1970-01-01, a Thursday).
int weekday(int64_t day);
bool is_weekend(int64_t day);

// The key of a resource's metric stream: the same for the generator's history and the drift
// engine's days.  seed is the account seed in decimal.
uint64_t metric_key(std::string_view seed, std::string_view resource_id);

// The activity factor of a day before noise: weekend rhythm x trend.
double day_activity(const MetricProfile& p, int64_t day);

// Metrics of one day; bounds: percentages in [0, 100], network >= 0.  key identifies the
// resource's stream (e.g. hash of account seed + resource id).
DayMetrics day_metrics(const MetricProfile& p, uint64_t key, int64_t day);

// What multiplies each base on that day (rhythm x trend x noise; the same draws as
// day_metrics, before rounding and bounds): day_metrics(p, key, day).cpu_avg is
// p.cpu_base x day_factors(p, key, day).cpu_avg, rounded and bounded (memory, network and
// disk alike).  The drift engine divides a resource's observed level by the mean factor of
// the days it was observed on to recover the base that continues it.
DayMetrics day_factors(const MetricProfile& p, uint64_t key, int64_t day);

// Rounds to `scale` decimals (half away from zero), the way values are stored.
double round_to(double v, int scale = 2);

// Shifts values by a common offset so their mean is `target` (each clamped to [lo, hi] and
// rounded to 2 decimals); returns the mean of the stored (rounded) values.
double fit_mean(std::vector<double>& values, double target, double lo = 0, double hi = 100);

// Mean of the last n values (all if fewer).
double tail_mean(const std::vector<double>& values, size_t n);

// JSON metric_payload text: {"cpu_avg": …, "cpu_max": …, "memory_avg": …, "network": …, "disk": …}
std::string metric_payload(const DayMetrics& m);

}  // namespace finsim::core
