// Shared pieces of the estate generator: ids, streams, membership, choices, formatting.
#include "generator/estate.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>

#include "core/catalog.hpp"
#include "core/hash.hpp"
#include "core/metrics_model.hpp"
#include "pg/bulk_insert.hpp"

namespace finsim::generator {

namespace {

// Splits `total` items over `groups` with weights 1..3 from each group's stream;
// returns prefix starts (groups + 1 entries).
std::vector<int64_t> split(const Estate& e, const char* table, int64_t groups, int64_t total) {
  std::vector<int64_t> start(static_cast<size_t>(groups) + 1, 0);
  if (groups == 0) return start;
  std::vector<double> w(static_cast<size_t>(groups));
  double sum = 0;
  for (int64_t g = 0; g < groups; ++g) {
    core::Rng r = e.rng(table, g, "size");
    w[g] = 1.0 + 2.0 * r.uniform();
    sum += w[g];
  }
  // Each group gets at least one when there are enough items.
  int64_t base = total >= groups ? 1 : 0;
  int64_t rest = total - base * groups;
  double acc = 0;
  for (int64_t g = 0; g < groups; ++g) {
    start[g] = g * base + static_cast<int64_t>(std::floor(rest * acc / sum));
    acc += w[g];
  }
  start[groups] = total;
  return start;
}

}  // namespace

Estate::Estate(const Inputs& in) : in_(in), plan_(plan_estate(in.resources)) {
  key_ = in.name + '\x1f' + std::to_string(in.resources) + '\x1f' + std::to_string(in.seed) +
         '\x1f' + date_text(in.start_day);
  account_id_ = core::uuid_from({"cloud_accounts", key_});
  asg_start_ = split(*this, "autoscaling_groups", plan_.autoscaling_groups, plan_.asg_members);
  node_start_ = split(*this, "container_clusters", plan_.container_clusters, plan_.container_nodes);
}

std::string Estate::id(const char* table, int64_t ordinal) const {
  return core::ordinal_uuid(key_ + '\x1f' + table, static_cast<uint64_t>(ordinal));
}

core::Rng Estate::rng(const char* table, int64_t ordinal, const char* part) const {
  std::string o = std::to_string(ordinal);
  return core::Rng::stream({key_, "rng", table, o, part});
}

uint64_t Estate::metric_key(const std::string& resource_id) const {
  return core::metric_key(std::to_string(in_.seed), resource_id);
}

static int64_t find_group(const std::vector<int64_t>& start, int64_t i) {
  if (start.size() < 2 || i < 0 || i >= start.back()) return -1;
  size_t lo = 0, hi = start.size() - 1;  // start[lo] <= i < start[hi]
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (start[mid] <= i) lo = mid; else hi = mid;
  }
  // Skip empty groups sharing the same start.
  while (lo + 1 < start.size() - 1 && start[lo + 1] <= i) ++lo;
  return static_cast<int64_t>(lo);
}

int64_t Estate::asg_of_instance(int64_t i) const { return find_group(asg_start_, i); }
int64_t Estate::cluster_of_node(int64_t n) const { return find_group(node_start_, n); }

// Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
std::string date_text(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

std::string ts_text(int64_t day, int64_t seconds) {
  day += seconds / 86400;
  seconds %= 86400;
  if (seconds < 0) {
    seconds += 86400;
    --day;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, " %02d:%02d:%02d+00", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return date_text(day) + buf;
}

std::string num(double v, int scale) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", scale, core::round_to(v, scale));
  return buf;
}

std::string i2s(int64_t v) { return std::to_string(v); }

const char* pick_env(core::Rng& r) {
  static const double w[] = {45, 20, 25, 10};
  static const char* names[] = {"prod", "staging", "dev", "preview"};
  return names[r.weighted(w)];
}

const char* pick_region(core::Rng& r) {
  static const double w[] = {50, 20, 18, 12};
  static const char* names[] = {"us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1"};
  return names[r.weighted(w)];
}

const char* pick_policy(core::Rng& r) {
  static const double w[] = {85, 10, 5};
  static const char* names[] = {"auto_safe", "recommend_only", "ignore"};
  return names[r.weighted(w)];
}

const char* pick_reported_policy(core::Rng& r) {
  const char* p = pick_policy(r);
  return std::string_view(p) == "ignore" ? "auto_safe" : p;
}

Cell pick_freeze(core::Rng& r, int64_t now_day) {
  double x = r.uniform();
  if (x < 0.03) return ts_text(now_day + r.range(3, 30));   // active change freeze
  if (x < 0.05) return ts_text(now_day - r.range(1, 60));   // expired freeze
  return std::nullopt;
}

Cell pick_past_freeze(core::Rng& r, int64_t now_day) {
  Cell f = pick_freeze(r, now_day);
  return f && *f > ts_text(now_day) ? std::nullopt : f;  // same format: text order is time order
}

double draw(core::Rng& r, int64_t ordinal, std::initializer_list<double> forced) {
  double x = r.uniform();
  if (ordinal >= 0 && static_cast<size_t>(ordinal) < forced.size()) return *(forced.begin() + ordinal);
  return x;
}

const char* pick_team(core::Rng& r) {
  static const char* t[] = {"platform", "payments", "search", "data", "growth", "mobile", "infra", "ml"};
  return t[r.range(0, 7)];
}

const char* pick_project(core::Rng& r) {
  static const char* t[] = {"checkout", "catalog", "ledger", "recommender", "auth", "notifications",
                            "analytics", "web"};
  return t[r.range(0, 7)];
}

Tags make_tags(core::Rng& r, const char* env) {
  Tags t;
  t.env = env;
  t.team = pick_team(r);
  t.project = pick_project(r);
  double x = r.uniform();
  if (x < 0.06) t.has_team = false;           // untagged: no owner
  else if (x < 0.10) t.has_project = false;
  else if (x < 0.12) t.has_env = false;
  else if (x < 0.13) t.has_env = t.has_team = t.has_project = false;
  return t;
}

std::string Tags::json() const {
  std::string s = "{";
  auto add = [&s](const char* k, const std::string& v) {
    if (s.size() > 1) s += ", ";
    s += "\"";
    s += k;
    s += "\": \"" + v + "\"";
  };
  if (has_env) add("env", env);
  if (has_team) add("team", team);
  if (has_project) add("project", project);
  return s + "}";
}

double price(const char* service, const std::string& type, const char* region) {
  auto p = catalog::price(service, type, region);
  return p ? *p : 0.0;
}

void write_tags(pg::BulkInsert& tags, const Estate& e, const char* table, const std::string& id,
                const Tags& t) {
  auto row = [&](const char* key, const std::string& value) {
    tags.add({core::child_uuid(table, id, static_cast<uint32_t>(core::hash64(key))), e.account_id(),
              std::string(table), id, std::string(key), value});
  };
  if (t.has_env) row("env", t.env);
  if (t.has_team) row("team", t.team);
  if (t.has_project) row("project", t.project);
}

History write_metrics(const Estate& e, Writers& w, const char* table, const std::string& id,
                      double cpu7, double memory_base, double network_base, double weekend_factor,
                      double daily_cost, const char* extra_key, double extra7) {
  core::MetricProfile p;
  p.cpu_base = cpu7;
  p.weekend_factor = weekend_factor;
  p.memory_base = memory_base;
  p.network_base = network_base;
  p.noise = cpu7 < 10 ? 0.15 : 0.08;
  uint64_t key = e.metric_key(id);
  const int n = Estate::kHistoryDays;
  const int64_t first = e.now_day() - n;
  std::vector<core::DayMetrics> days(n);
  std::vector<double> cpu_old, cpu_new;
  for (int d = 0; d < n; ++d) {
    days[d] = core::day_metrics(p, key, first + d);
    (d < n - 7 ? cpu_old : cpu_new).push_back(days[d].cpu_avg);
  }
  // Last 7 days exactly at the target mean; the week before slightly different (a trend).
  core::Rng tr(key ^ 0x7472656e64ULL);
  double trend = 1.0 + 0.1 * (tr.uniform() - 0.5);
  core::fit_mean(cpu_old, std::min(100.0, cpu7 * trend));
  History h;
  h.cpu7 = core::fit_mean(cpu_new, cpu7);
  double mem = 0, net = 0;
  std::vector<double> extra;
  for (int d = 0; d < n; ++d) {
    auto& m = days[d];
    m.cpu_avg = d < n - 7 ? cpu_old[d] : cpu_new[d - (n - 7)];
    m.cpu_max = std::min(100.0, std::max(m.cpu_max, m.cpu_avg));
    std::string payload = core::metric_payload(m);
    if (extra_key) {
      core::Rng xr(key + static_cast<uint64_t>(d));
      double x = core::round_to(std::max(0.0, extra7 * (1.0 + 0.1 * xr.normal())), 2);
      extra.push_back(x);
      payload.pop_back();
      payload += ", \"" + std::string(extra_key) + "\": " + num(x) + "}";
    }
    if (d >= n - 7) {
      mem += m.memory_avg;
      net += m.network;
    }
    w.metrics->add({core::daily_row_uuid(table, id, first + d), e.account_id(), std::string(table),
                    id, date_text(first + d), payload,
                    num(daily_cost, 4)});
  }
  h.memory7 = mem / 7.0;
  h.network7 = net / 7.0;
  h.last_cpu = days[n - 1].cpu_avg;
  h.last_memory = days[n - 1].memory_avg;
  if (extra_key) h.extra7 = core::tail_mean(extra, 7);
  return h;
}

}  // namespace finsim::generator
