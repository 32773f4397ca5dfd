// The estate generator: one deterministic estate per (name, resources, seed, start_date).
//
// Every entity is a pure function of (estate key, table, ordinal): its attributes come from
// its own core::Rng stream and its id from core::uuid_from, so related rows (a volume's
// instance, an EIP's load balancer, a snapshot's volume) are recomputed, never stored, and
// memory stays bounded whatever the size.  Rows go to the tables through pg::BulkInsert.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "generator/plan.hpp"

namespace finsim::pg {
class Spi;
class BulkInsert;
}

namespace finsim::generator {

using Cell = std::optional<std::string>;

struct Inputs {
  std::string name;
  int64_t resources = 0;
  int64_t seed = 1;
  int64_t start_day = 0;  // days since 1970-01-01 (start_date)
};

// Shared state of one generation run.
class Estate {
 public:
  explicit Estate(const Inputs& in);

  const Inputs& in() const { return in_; }
  const Plan& plan() const { return plan_; }
  const std::string& account_id() const { return account_id_; }
  // Id of row `ordinal` of `table` (uuid text, core::ordinal_uuid: ascending with the
  // ordinal, so the rows written in ordinal order append to their indexes).
  std::string id(const char* table, int64_t ordinal) const;
  // The attribute stream of row `ordinal` of `table`.
  core::Rng rng(const char* table, int64_t ordinal, const char* part = "") const;
  // Key of a resource's metric stream (core::day_metrics).
  uint64_t metric_key(const std::string& resource_id) const;

  // Virtual now = start_date 00:00 UTC; days of history before it.
  int64_t now_day() const { return in_.start_day; }
  static constexpr int kHistoryDays = 14;

  // ASG / cluster membership (prefix sums, one entry per group: bounded by the group count).
  int64_t asg_of_instance(int64_t i) const;      // -1 for standalone instances
  int64_t asg_first(int64_t g) const { return asg_start_[g]; }
  int64_t asg_size(int64_t g) const { return asg_start_[g + 1] - asg_start_[g]; }
  int64_t cluster_first(int64_t c) const { return node_start_[c]; }
  int64_t cluster_size(int64_t c) const { return node_start_[c + 1] - node_start_[c]; }
  int64_t cluster_of_node(int64_t n) const;

 private:
  Inputs in_;
  Plan plan_;
  std::string key_;
  std::string account_id_;
  std::vector<int64_t> asg_start_;
  std::vector<int64_t> node_start_;
};

// Formatting helpers (text the SQL casts accept under any DateStyle).
std::string date_text(int64_t day);
std::string ts_text(int64_t day, int64_t seconds = 0);
std::string num(double v, int scale = 2);
std::string i2s(int64_t v);

// The per-resource choices every table shares.
const char* pick_env(core::Rng& r);             // prod 45%, staging 20%, dev 25%, preview 10%
const char* pick_region(core::Rng& r);          // 4 main regions with a prod-heavy skew
const char* pick_policy(core::Rng& r);          // auto_safe / recommend_only / ignore
// pick_policy for a row pinned to an edge category that must be reported: the same draw,
// with ignore (which hides a resource from waste_findings) read as auto_safe.
const char* pick_reported_policy(core::Rng& r);
Cell pick_freeze(core::Rng& r, int64_t now_day); // active freeze (future), expired, or none
// pick_freeze for a row that must be actionable: the same draw, an active freeze dropped.
Cell pick_past_freeze(core::Rng& r, int64_t now_day);
// A category draw in [0, 1): the first rows of a table take the `forced` values in order (so
// every edge case exists even in small estates), later rows draw from r.
double draw(core::Rng& r, int64_t ordinal, std::initializer_list<double> forced);
const char* pick_team(core::Rng& r);
const char* pick_project(core::Rng& r);
// Tags object and resource_tags rows: env/team/project, some missing.
struct Tags {
  std::string env, team, project;
  bool has_env = true, has_team = true, has_project = true;
  std::string json() const;
};
Tags make_tags(core::Rng& r, const char* env);

// Row price helpers (catalog::price; 0 when unknown).
double price(const char* service, const std::string& type, const char* region);

// Writes one resource's tag rows.
void write_tags(pg::BulkInsert& tags, const Estate& e, const char* table, const std::string& id,
                const Tags& t);

// The table writers, in foreign-key order.
struct Writers;
void write_compute(const Estate& e, pg::Spi& spi, Writers& w);     // asg, instances, lambda
void write_containers(const Estate& e, pg::Spi& spi, Writers& w);  // clusters, nodes, services
void write_storage(const Estate& e, pg::Spi& spi, Writers& w);     // volumes, snapshots, s3
void write_databases(const Estate& e, pg::Spi& spi, Writers& w);   // rds, caches
void write_network(const Estate& e, pg::Spi& spi, Writers& w);     // lbs, eips, transfer
void write_operations(const Estate& e, pg::Spi& spi, Writers& w);  // logs, commitments,
                                                                   // managed, streams, keys

// Shared writers (metrics_daily and resource_tags receive rows from every area).
// On-demand usage of the running instances ($/h of hourly_cost, GPU part excluded) by
// "family/region" (the family is the type's part before the '.'), as the drift engine sums it
// for a commitment's scope; `preview` is the part preview instances make (the drift engine
// launches and tears those down).  write_compute fills it, write_operations sizes and
// prices the commitments from it.
struct OnDemand {
  double all = 0, preview = 0;
};
using OnDemandByScope = std::map<std::string, OnDemand>;

struct Writers {
  pg::BulkInsert* metrics;
  pg::BulkInsert* tags;
  OnDemandByScope* on_demand;
};

// Writes a resource's metric history (kHistoryDays rows ending the day before now) with the
// last 7 days' cpu_avg fitted to `cpu7`; returns the last 7 days' means (cpu, memory, network)
// and the last day's metrics.
struct History {
  double cpu7 = 0, memory7 = 0, network7 = 0;
  double last_cpu = 0, last_memory = 0;
  double extra7 = 0;  // mean of the extra metric's last 7 days
};
History write_metrics(const Estate& e, Writers& w, const char* table, const std::string& id,
                      double cpu7, double memory_base, double network_base, double weekend_factor,
                      double daily_cost, const char* extra_key = nullptr, double extra7 = 0);

// Generates everything into the account row already inserted by the caller.
void generate(const Estate& e, pg::Spi& spi);

}  // namespace finsim::generator
