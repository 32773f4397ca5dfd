// Operations and governance: log groups (+ daily usage), commitments (+ daily utilisation),
// managed services, streaming clusters and API keys.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/catalog.hpp"
#include "core/hash.hpp"
#include "generator/estate.hpp"
#include "generator/specs.hpp"
#include "pg/bulk_insert.hpp"

namespace finsim::generator {

namespace {

void write_logs(const Estate& e, pg::Spi& spi, Writers& w) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  pg::BulkInsert groups(spi, "finsim.log_groups",
                        {{"id", "uuid"}, {"account_id", "uuid"}, {"name", "text"}, {"env", "text"},
                         {"region", "text"}, {"retention_days", "integer"}, {"tags", "jsonb"},
                         {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  pg::BulkInsert usage(spi, "finsim.log_group_usage_daily",
                       {{"id", "uuid"}, {"account_id", "uuid"}, {"log_group_id", "uuid"},
                        {"date", "date"}, {"ingested_gb", "numeric"}, {"stored_gb", "numeric"},
                        {"estimated_ingestion_cost", "numeric"}, {"estimated_storage_cost", "numeric"}});
  usage.after(&groups);
  for (int64_t g = 0; g < e.plan().log_groups; ++g) {
    core::Rng r = e.rng("log_groups", g);
    std::string id = e.id("log_groups", g);
    std::string env = pick_env(r);
    const char* region = pick_region(r);
    Cell retention;
    if (!r.chance(0.4)) {  // 40 %: log_infinite_retention
      retention = env == "prod" ? (r.chance(0.5) ? "30" : "90") : env == "staging" ? "14" : "7";
    }
    bool nonprod = env != "prod";
    bool verbose = nonprod && r.chance(0.25);  // log_verbose_nonprod: debug logging left on
    double ingest = verbose ? r.uniform(5, 40) : std::exp(r.uniform(-5, 1.5));
    // Days of logs held yesterday: the retention, or, kept forever, the group's age (1-3
    // years; its own stream, so the group's other draws are unchanged).
    const int64_t keep = retention ? std::stoll(*retention) : e.rng("log_groups", g, "age").range(365, 1095);
    core::Rng pr = e.rng("log_groups", g, "policy");
    static const char* kinds[] = {"/aws/lambda/", "/ecs/", "/aws/eks/", "/app/", "/aws/rds/"};
    std::string name = std::string(kinds[r.range(0, 4)]) + env + "-" + pick_project(pr) + "-" + i2s(g);
    Tags t = make_tags(pr, env.c_str());
    groups.add({id, acct, name, env, std::string(region), retention, t.json(),
                std::string(pick_policy(pr)), pick_freeze(pr, now)});
    write_tags(*w.tags, e, "log_groups", id, t);
    double p_in = price("logs", "ingestion", region), p_st = price("logs", "storage", region);
    for (int d = Estate::kHistoryDays; d >= 1; --d) {
      int64_t day = now - d;
      double in = ingest * r.uniform(0.8, 1.2);
      // Stored = ingestion x days kept, uncompressed (as the guide counts it: 10 GB/day kept a
      // year is 3,650 GB, and as the drift engine and log_infinite_retention's savings do).
      // Kept forever, the group was d - 1 days younger on day now - d.
      double stored = ingest * static_cast<double>(retention ? keep : keep - d + 1);
      usage.add({core::daily_row_uuid("log_groups", id, day), acct, id, date_text(day),
                 num(in, 4), num(stored, 3), num(in * p_in, 4), num(stored * p_st / catalog::kDaysPerMonth, 4)});
    }
  }
  usage.flush();
}

// Commitments and their utilisation.  Utilisation is what the drift engine computes from the
// on-demand usage a commitment covers (README, commitment_utilization_daily): with discount d,
// rate = 1 - d, commitment A $/h and covered on-demand usage U $/h (running instances of the
// scope's family/region for an RI, all of them for a Savings Plan or EDP), used = min(U, A /
// rate) and utilization = 100 x used x rate / A.  The history holds that value every day, so
// the first tick continues it while the covered instances stay.  Most commitments are sized
// against the estate (about 30% of its on-demand compute over all commitments) and are as
// used as their scope makes them: Savings Plans and EDP are fully used, an RI of a family and
// region the estate runs little of is under-used.  The first three are RIs sized on a busy
// scope to a target utilisation (A = U x rate / target): 55-78%, 79% and 81% yesterday
// (commitment_underutilized and its neighbours).  Their scopes, and the fourth commitment's
// (expiring within 30 days) if it is an RI, are the busiest family/regions outside us-east-1
// without preview instances (when there are such): the drift engine launches previews in
// us-east-1 and tears down old ones, so these scopes' usage, and the edge utilisations, stay
// put until an agent acts.
void write_commitments(const Estate& e, pg::Spi& spi, const OnDemandByScope& on_demand) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  const Plan& p = e.plan();
  pg::BulkInsert coms(spi, "finsim.commitments",
                      {{"id", "uuid"}, {"account_id", "uuid"}, {"commitment_type", "text"},
                       {"scope", "text"}, {"term_months", "integer"},
                       {"hourly_commitment_amount", "numeric"}, {"start_date", "date"},
                       {"end_date", "date"}, {"discount_percent", "numeric"}});
  pg::BulkInsert util(spi, "finsim.commitment_utilization_daily",
                      {{"id", "uuid"}, {"account_id", "uuid"}, {"commitment_id", "uuid"},
                       {"date", "date"}, {"actual_hourly_usage_equivalent", "numeric"},
                       {"utilization_percent", "numeric"}, {"estimated_savings_vs_ondemand", "numeric"}});
  util.after(&coms);
  // Sized against the estate's on-demand compute (about $0.15/instance-hour on average).
  const double compute_hourly = std::max(1.0, p.instances * 0.15);
  double total = 0;
  for (const auto& [scope, od] : on_demand) total += od.all;
  // The pinned scopes, steadiest first: outside us-east-1, then without preview instances,
  // then the busiest (ties by name).  (Large estates have previews everywhere: a teardown is
  // then a small share of a busy scope.)  None when no instance runs.
  std::vector<std::tuple<bool, bool, double, std::string>> steady;
  for (const auto& [scope, od] : on_demand)
    if (od.all > 0)
      steady.emplace_back(scope.substr(scope.find('/') + 1) == "us-east-1", od.preview > 0, -od.all, scope);
  std::sort(steady.begin(), steady.end());
  auto covered_by = [&](const std::string& scope) {
    if (scope == "compute" || scope == "account") return total;
    auto it = on_demand.find(scope);
    return it == on_demand.end() ? 0.0 : it->second.all;
  };
  for (int64_t c = 0; c < p.commitments; ++c) {
    core::Rng r = e.rng("commitments", c);
    std::string id = e.id("commitments", c);
    double x = draw(r, c, {0.2, 0.2, 0.2});  // the first three are RIs
    std::string type = x < 0.5 ? "reserved_instance" : x < 0.9 ? "savings_plan" : "edp";
    static const char* fams[] = {"m5", "c5", "r5", "m6i", "t3"};
    std::string scope = type == "reserved_instance" ? std::string(fams[r.range(0, 4)]) + "/" + pick_region(r)
                        : type == "savings_plan" ? "compute" : "account";
    if (type == "reserved_instance" && c < 4 && !steady.empty())
      scope = std::get<3>(steady[static_cast<size_t>(c) % steady.size()]);
    int term = r.chance(0.6) ? 12 : 36;
    int64_t term_days = term == 12 ? 365 : 1095;
    int64_t start;
    double y = draw(r, c, {0.5, 0.5, 0.5, 0.05, 0.14});
    if (y < 0.12) start = now + r.range(5, 29) - term_days;        // commitment_expiring
    else if (y < 0.16) start = now + r.range(31, 40) - term_days;  // expiring neighbour
    else start = now - r.range(30, term_days - 45);
    // Within the guide's typical discounts: Reserved Instance 30-60%, Savings Plan 20-40%,
    // EDP 5-15% (longer terms at the top of the range).
    double discount = type == "reserved_instance" ? (term == 12 ? 40 : 60) : type == "savings_plan" ? (term == 12 ? 28 : 40) : 10;
    const double rate = 1.0 - discount / 100.0;
    const double covered = covered_by(scope);
    double amount = compute_hourly / std::max<int64_t>(1, p.commitments) * r.uniform(0.15, 0.45);
    // The first three: 55-78%, exactly 79% and exactly 81% yesterday.
    const double target = c == 0 ? r.uniform(55, 78) : c == 1 ? 79 : 81;
    const bool pinned = c < 3 && covered > 0;
    if (pinned) amount = covered * rate / (target / 100.0);
    amount = std::round(amount * 1e4) / 1e4;  // as stored
    double pct = amount > 0 ? std::min(100.0, 100.0 * std::min(covered, amount / rate) * rate / amount) : 0;
    pct = pinned && c > 0 ? target : std::round(pct * 100) / 100;
    coms.add({id, acct, type, scope, i2s(term), num(amount, 4), date_text(start),
              date_text(start + term_days), num(discount)});
    const double used = amount * pct / 100.0;     // actual_hourly_usage_equivalent
    const double savings = (used / rate - amount) * 24.0;  // on-demand value used - commitment, a day
    for (int d = Estate::kHistoryDays; d >= 1; --d) {
      int64_t day = now - d;
      util.add({core::daily_row_uuid("commitments", id, day), acct, id,
                date_text(day), num(used, 4), num(pct), num(savings, 4)});
    }
  }
  util.flush();
}

void write_managed(const Estate& e, pg::Spi& spi, Writers& w) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  pg::BulkInsert svc(spi, "finsim.managed_services",
                     {{"id", "uuid"}, {"account_id", "uuid"}, {"service_type", "text"}, {"name", "text"},
                      {"env", "text"}, {"region", "text"}, {"instance_type", "text"},
                      {"node_count", "integer"}, {"hourly_cost", "numeric"}, {"avg_cpu_7d", "numeric"},
                      {"avg_memory_7d", "numeric"}, {"optimization_policy", "text"},
                      {"optimization_freeze_until", "timestamptz"}});
  for (int64_t m = 0; m < e.plan().managed_services; ++m) {
    core::Rng r = e.rng("managed_services", m);
    std::string id = e.id("managed_services", m);
    std::string env = pick_env(r);
    // The second service is a non-prod one with several nodes (managed_ha_in_dev); the first
    // (at low CPU, managed_oversized) has several nodes too, so it can lose half of them even
    // when no smaller type is priced.  Both are reported.
    const bool ha_dev = m == 1, pinned = m < 2;
    if (ha_dev && env == "prod") env = "staging";
    const char* region = pick_region(r);
    struct Kind { const char* service; const char* types[3]; };
    static const Kind kinds[] = {
        {"opensearch", {"m6g.large.search", "r6g.large.search", "r6g.xlarge.search"}},
        {"sagemaker", {"ml.m5.large", "ml.m5.xlarge", "ml.g4dn.xlarge"}},
        {"redshift", {"dc2.large", "ra3.xlplus", "ra3.4xlarge"}},
        {"emr", {"m5.xlarge", "r5.xlarge", "m5.2xlarge"}},
        {"mq", {"mq.t3.micro", "mq.m5.large", "mq.m5.xlarge"}}};
    const Kind& k = kinds[r.range(0, 4)];
    std::string type = k.types[r.range(0, 2)];
    int64_t nodes = env == "prod" ? r.range(2, 6) : ((r.chance(0.35) || pinned) ? r.range(2, 3) : 1);  // managed_ha_in_dev
    double x = draw(r, m, {0.1, 0.22, 0.26});
    double cpu = x < 0.2 ? r.uniform(3, 18) : x < 0.25 ? 21 : x < 0.28 ? 19 : r.uniform(25, 70);
    double hourly = nodes * price(k.service, type, region);
    History h = write_metrics(e, w, "managed_services", id, cpu, r.uniform(25, 80), cpu * 0.2, 0.85,
                              hourly * 24.0);
    core::Rng pr = e.rng("managed_services", m, "policy");
    svc.add({id, acct, std::string(k.service), env + "-" + pick_project(pr) + "-" + k.service + "-" + i2s(m),
             env, std::string(region), type, i2s(nodes), num(hourly, 4), num(h.cpu7), num(h.memory7),
             std::string(pinned ? pick_reported_policy(pr) : pick_policy(pr)), pick_freeze(pr, now)});
    write_tags(*w.tags, e, "managed_services", id, make_tags(pr, env.c_str()));
  }
  svc.flush();
}

void write_streams(const Estate& e, pg::Spi& spi, Writers& w) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  pg::BulkInsert st(spi, "finsim.streaming_clusters",
                    {{"id", "uuid"}, {"account_id", "uuid"}, {"name", "text"}, {"engine", "text"},
                     {"env", "text"}, {"region", "text"}, {"shard_count", "integer"},
                     {"retention_hours", "integer"}, {"provisioned_throughput_mbps", "numeric"},
                     {"avg_usage_mbps_7d", "numeric"}, {"hourly_cost", "numeric"},
                     {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  for (int64_t s = 0; s < e.plan().streaming_clusters; ++s) {
    core::Rng r = e.rng("streaming_clusters", s);
    std::string id = e.id("streaming_clusters", s);
    std::string env = pick_env(r);
    const char* region = pick_region(r);
    bool kinesis = r.chance(0.7);
    int64_t shards = kinesis ? r.range(1, 40) : r.range(2, 6);
    if (s == 0) shards = std::max<int64_t>(shards, 2);  // the first (underused) stream can lose a shard
    double provisioned = kinesis ? shards * 1.0 : shards * 50.0;
    double x = draw(r, s, {0.1, 0.5});
    double use = provisioned * (x < 0.25 ? r.uniform(0.02, 0.18) : r.uniform(0.4, 0.9));  // stream_overprovisioned
    int64_t retention = (s == 1 || r.chance(env == "prod" ? 0.15 : 0.3)) ? 168 : 24;                // stream_excess_retention
    double hourly = kinesis ? shards * (price("kinesis", "shard", region) +
                                        (retention > 24 ? price("kinesis", "extended-retention", region) : 0))
                            : shards * price("msk", "kafka.m5.large", region);
    core::Rng pr = e.rng("streaming_clusters", s, "policy");
    st.add({id, acct, env + "-" + pick_project(pr) + (kinesis ? "-stream-" : "-kafka-") + i2s(s),
            kinesis ? "kinesis" : "msk", env, std::string(region), i2s(shards), i2s(retention),
            num(provisioned), num(use, 3), num(hourly, 4), std::string(s < 2 ? pick_reported_policy(pr) : pick_policy(pr)),
            pick_freeze(pr, now)});
    write_tags(*w.tags, e, "streaming_clusters", id, make_tags(pr, env.c_str()));
  }
  st.flush();
}

// When a key was issued (virtual), in seconds from the clock.  A used key: 1-700 days before
// its last use.  A never-used key (x < 0.05) is aged from it by api_key_unused: 91-400 days
// ago (x < 0.03, reported), exactly 89 days ago (x < 0.04, its neighbour), else within the
// last 31 days.  Its own stream: the key's other columns draw as before.
int64_t issued_at(core::Rng ir, double x, std::optional<int64_t> used) {
  if (used) {
    int64_t days = ir.range(1, 700);
    return *used - days * 86400 - ir.range(0, 86399);
  }
  if (x >= 0.03 && x < 0.04) return -89 * 86400;
  int64_t days = x < 0.03 ? ir.range(91, 400) : ir.range(0, 30);
  return -days * 86400 - ir.range(0, 86399);
}

void write_api_clients(const Estate& e, pg::Spi& spi) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  pg::BulkInsert keys(spi, "finsim.api_clients",
                      {{"id", "uuid"}, {"account_id", "uuid"}, {"name", "text"},
                       {"access_key_id", "text"}, {"secret_key_hash", "text"}, {"scopes", "jsonb"},
                       {"last_used_at", "timestamptz"}, {"issued_at", "timestamptz"},
                       {"optimization_policy", "text"}});
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  for (int64_t a = 0; a < e.plan().api_clients; ++a) {
    core::Rng r = e.rng("api_clients", a);
    uint64_t h = core::hash_parts({acct, "access_key_id", i2s(a)});
    uint64_t h2 = core::hash_parts({acct, "access_key_id2", i2s(a)});
    std::string akid = "AKIA";
    for (int i = 0; i < 16; ++i) akid += alphabet[(i < 12 ? h >> (5 * i) : h2 >> (5 * (i - 12))) & 31];
    // The first keys: never used and old (reported), used 89 days ago, used long ago
    // (reported), never used and issued 89 days ago.
    double x = draw(r, a, {0.02, 0.07, 0.2, 0.035});
    // Last use and issue, in seconds from the clock (now_day 00:00); never used below 0.05.
    std::optional<int64_t> used;
    if (x >= 0.10 && x < 0.35) {
      used = -r.range(91, 400) * 86400;
    } else if (x >= 0.35) {
      // Two draws in a fixed order (the operands of one '-' are unsequenced in C++).
      const int64_t day = r.range(0, 30);
      used = -day * 86400 - r.range(0, 86399);
    } else if (x >= 0.05) {
      used = -89 * 86400;
    }
    Cell last = used ? ts_text(now, *used) : Cell();
    Cell issued = ts_text(now, issued_at(e.rng("api_clients", a, "issued"), x, used));
    static const char* names[] = {"ci-deployer", "finops-agent", "terraform", "backup-job", "grafana", "legacy-cron"};
    // Never a usable secret: no password hash matches a value of this form.
    std::string locked = "!generated-key-no-secret!" + core::hex(h ^ h2, 16);
    keys.add({e.id("api_clients", a), acct, std::string(names[r.range(0, 5)]) + "-" + i2s(a), akid, locked,
              r.chance(0.3) ? "[\"read:*\", \"act:*\"]" : "[\"read:*\"]", last, issued,
              std::string(a == 0 ? pick_reported_policy(r) : pick_policy(r))});
  }
  keys.flush();
}

}  // namespace

void write_operations(const Estate& e, pg::Spi& spi, Writers& w) {
  write_logs(e, spi, w);
  write_commitments(e, spi, *w.on_demand);
  write_managed(e, spi, w);
  write_streams(e, spi, w);
  write_api_clients(e, spi);
}

}  // namespace finsim::generator
