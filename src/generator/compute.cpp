// Compute: auto scaling groups, instances (ASG members first), Lambda functions.
#include <algorithm>
#include <cmath>

#include "core/catalog.hpp"
#include "generator/estate.hpp"
#include "generator/specs.hpp"
#include "pg/bulk_insert.hpp"

namespace finsim::generator {

namespace {

// 7-day CPU target of a standalone running instance, with threshold neighbours.
double instance_cpu(core::Rng& r, const std::string& type) {
  auto shape = catalog::instance_shape(type);
  bool large = shape && shape->vcpus >= 8;
  double x = r.uniform();
  if (x < 0.18) return r.uniform(0.3, 4.5);   // idle_instance
  if (x < 0.22) return 5.5;                   // healthy neighbour just above 5 %
  if (x < 0.24) return 4.5;                   // idle neighbour just below 5 %
  if (x < 0.36 && large) return r.uniform(6, 18);  // oversized_instance
  return r.uniform(20, 75);
}

}  // namespace

void write_compute(const Estate& e, pg::Spi& spi, Writers& w) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  const Plan& p = e.plan();

  pg::BulkInsert asgs(spi, "finsim.autoscaling_groups",
                      {{"id", "uuid"}, {"account_id", "uuid"}, {"name", "text"},
                       {"min_size", "integer"}, {"max_size", "integer"},
                       {"desired_capacity", "integer"}, {"instance_type", "text"}, {"env", "text"},
                       {"region", "text"}, {"current_utilization", "numeric"},
                       {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  for (int64_t g = 0; g < p.autoscaling_groups; ++g) {
    AsgSpec a = asg_spec(e, g);
    core::Rng r = e.rng("autoscaling_groups", g, "policy");
    asgs.add({a.id, acct, a.name, i2s(a.min), i2s(a.max), i2s(a.desired), a.type, a.env, a.region,
              num(a.utilization), std::string(pick_policy(r)), pick_freeze(r, now)});
    Tags t = make_tags(r, a.env.c_str());
    write_tags(*w.tags, e, "autoscaling_groups", a.id, t);
  }
  asgs.flush();

  pg::BulkInsert inst(
      spi, "finsim.instances",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"instance_id", "text"}, {"name", "text"},
       {"instance_type", "text"}, {"env", "text"}, {"region", "text"}, {"state", "text"},
       {"autoscaling_group_id", "uuid"}, {"launch_time", "timestamptz"}, {"hourly_cost", "numeric"},
       {"gpu_hourly_cost", "numeric"}, {"gpu_count", "integer"}, {"has_gpu", "boolean"},
       {"avg_cpu_7d", "numeric"}, {"avg_network_7d", "numeric"}, {"current_cpu", "numeric"},
       {"current_memory", "numeric"}, {"last_active_at", "timestamptz"}, {"tags", "jsonb"},
       {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"},
       {"schedule", "text"}});
  for (int64_t i = 0; i < p.instances; ++i) {
    InstanceSpec s = instance_spec(e, i);
    core::Rng r = e.rng("instances", i, "detail");
    bool running = s.state == "running";
    // Launch time: preview boxes are days old (6 vs 8 days at the 7-day edge), others months.
    int64_t age_days;
    if (s.env == "preview") {
      double x = r.uniform();
      age_days = x < 0.1 ? 6 : x < 0.2 ? 8 : x < 0.65 ? r.range(1, 5) : r.range(9, 40);
    } else {
      age_days = r.range(20, 900);
    }
    int64_t launch_s = -age_days * 86400 - r.range(0, 6 * 3600);
    double cpu;
    if (s.asg >= 0) {
      AsgSpec a = asg_spec(e, s.asg);
      cpu = std::min(100.0, a.utilization * r.uniform(0.9, 1.1));
    } else {
      cpu = instance_cpu(r, s.type);
    }
    auto shape = catalog::instance_shape(s.type);
    int gpus = shape ? shape->gpus : 0;
    double hourly = price("ec2", s.type, s.region.c_str());
    double gpu_hourly = gpus ? price("ec2-gpu", s.type, s.region.c_str()) : 0.0;
    double weekend = s.env == "prod" ? 0.85 : 0.5;
    Cell schedule;
    if ((s.env == "dev" || s.env == "staging") && s.asg < 0 && r.chance(0.3))
      schedule = "weekdays 08-20";
    History h;
    Cell last_active;
    if (running) {
      // The stored (4-decimal) price, as the drift engine sums it.
      OnDemand& od = (*w.on_demand)[s.type.substr(0, s.type.find('.')) + "/" + s.region];
      const double billed = std::round(hourly * 1e4) / 1e4;
      od.all += billed;
      if (s.env == "preview") od.preview += billed;
      double net = std::max(0.05, cpu * r.uniform(0.05, 0.4));
      h = write_metrics(e, w, "instances", s.id, cpu, r.uniform(20, 80), net, weekend,
                        (hourly + gpu_hourly) * 24.0);
      last_active = ts_text(now, -r.range(0, 3600));
    } else {
      last_active = ts_text(now, -s.stopped_days * 86400);
    }
    core::Rng pr = e.rng("instances", i, "policy");
    Tags t = make_tags(pr, s.env.c_str());
    inst.add({s.id, acct, s.instance_id, s.name, s.type, s.env, s.region, s.state,
              s.asg >= 0 ? Cell(e.id("autoscaling_groups", s.asg)) : Cell(),
              ts_text(now, launch_s), num(hourly, 4), num(gpu_hourly, 4), i2s(gpus),
              gpus ? "true" : "false", num(h.cpu7), num(h.network7, 3), num(h.last_cpu),
              num(h.last_memory), last_active, t.json(), std::string(pick_policy(pr)),
              pick_freeze(pr, now), schedule});
    write_tags(*w.tags, e, "instances", s.id, t);
  }
  inst.flush();

  pg::BulkInsert fns(spi, "finsim.lambda_functions",
                     {{"id", "uuid"}, {"account_id", "uuid"}, {"name", "text"}, {"env", "text"},
                      {"region", "text"}, {"memory_mb", "integer"}, {"timeout_seconds", "integer"},
                      {"provisioned_concurrency", "integer"}, {"invocations_7d", "bigint"},
                      {"avg_duration_ms_7d", "numeric"}, {"estimated_monthly_cost", "numeric"},
                      {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  for (int64_t i = 0; i < p.lambda_functions; ++i) {
    core::Rng r = e.rng("lambda_functions", i);
    std::string id = e.id("lambda_functions", i);
    const char* env = pick_env(r);
    const char* region = pick_region(r);
    static const int mems[] = {128, 256, 512, 1024, 1536, 2048};
    int memory = mems[r.range(0, 5)];
    double duration = r.uniform(20, 1500);
    int timeout = static_cast<int>(r.range(3, 60));
    int64_t invocations = static_cast<int64_t>(std::exp(r.uniform(2, 15)));
    int pc = 0;
    double x = r.uniform();
    if (x < 0.08) {            // lambda_unused_provisioned_concurrency
      pc = static_cast<int>(r.range(5, 50));
      invocations = r.range(0, 500);
    } else if (x < 0.11) {     // provisioned concurrency that is used
      pc = static_cast<int>(r.range(2, 20));
      invocations = r.range(2000000, 20000000);
    } else if (x < 0.21) {     // lambda_oversized_memory: big memory, short runs
      memory = r.chance(0.5) ? 3008 : 4096;
      duration = r.uniform(30, 200);
    } else if (x < 0.29) {     // lambda_excessive_timeout
      timeout = 900;
      duration = r.uniform(100, 900);
    }
    double gb = memory / 1024.0;
    double per_month = catalog::kDaysPerMonth / 7.0;
    double cost = pc * gb * catalog::kSecondsPerMonth * price("lambda", "provisioned-concurrency", region) +
                  invocations * per_month / 1e6 * price("lambda", "requests", region) +
                  invocations * per_month * duration / 1000.0 * gb * price("lambda", "duration", region);
    core::Rng pr = e.rng("lambda_functions", i, "policy");
    std::string name = std::string(env) + "-" + pick_project(pr) + "-fn-" + i2s(i);
    fns.add({id, acct, name, env, region, i2s(memory), i2s(timeout), i2s(pc), i2s(invocations),
             num(duration), num(cost, 4), std::string(pick_policy(pr)), pick_freeze(pr, now)});
    write_tags(*w.tags, e, "lambda_functions", id, make_tags(pr, env));
  }
  fns.flush();
}

}  // namespace finsim::generator
