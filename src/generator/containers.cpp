// Containers: EKS/ECS clusters, their nodes (= desired_nodes) and services.
#include <algorithm>

#include "core/catalog.hpp"
#include "generator/estate.hpp"
#include "generator/specs.hpp"
#include "pg/bulk_insert.hpp"

namespace finsim::generator {

namespace {

struct ClusterSpec {
  std::string id, name, env, region, node_type;
  int64_t desired = 0, min = 0, max = 0;
  double utilization = 0;  // mean node CPU
};

ClusterSpec cluster_spec(const Estate& e, int64_t c) {
  core::Rng r = e.rng("container_clusters", c);
  ClusterSpec s;
  s.id = e.id("container_clusters", c);
  s.env = r.chance(0.5) ? "prod" : pick_env(r);
  if (s.env == "preview") s.env = "dev";
  if (c == 1 && s.env == "prod") s.env = "staging";  // the second cluster: cluster_high_min (non-prod)
  s.region = pick_region(r);
  static const char* types[] = {"m5.large", "m5.xlarge", "c5.xlarge", "r5.large", "m6i.xlarge"};
  // The third cluster runs GPU nodes (node_unused_gpu exists in every estate with three
  // clusters, about 600 resources on); 6% of the others do.
  s.node_type = (r.chance(0.06) || c == 2) ? "g4dn.xlarge" : types[r.range(0, 4)];
  s.name = s.env + "-" + (r.chance(0.7) ? "eks-" : "ecs-") + std::to_string(c);
  s.desired = e.cluster_size(c);
  bool high_min = c == 1 || r.chance(0.2);  // cluster_high_min
  s.min = high_min ? s.desired : s.desired / 2;
  s.max = s.desired + r.range(1, 5);
  double x = draw(r, c, {0.1, 0.5});
  s.utilization = x < 0.25 ? r.uniform(10, 28) : r.uniform(40, 75);  // cluster_overprovisioned
  return s;
}

}  // namespace

void write_containers(const Estate& e, pg::Spi& spi, Writers& w) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  const Plan& p = e.plan();

  pg::BulkInsert clusters(
      spi, "finsim.container_clusters",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"name", "text"}, {"env", "text"},
       {"region", "text"}, {"node_instance_type", "text"}, {"desired_nodes", "integer"},
       {"min_nodes", "integer"}, {"max_nodes", "integer"}, {"estimated_hourly_cost", "numeric"},
       {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  for (int64_t c = 0; c < p.container_clusters; ++c) {
    ClusterSpec s = cluster_spec(e, c);
    double cost = price("eks", "control-plane", s.region.c_str()) +
                  s.desired * (price("ec2", s.node_type, s.region.c_str()) +
                               price("ec2-gpu", s.node_type, s.region.c_str()));
    core::Rng pr = e.rng("container_clusters", c, "policy");
    // The GPU cluster's idle-GPU node is reported (node_unused_gpu) only while remove_node
    // may change the cluster: it is auto_safe and not frozen (same draws).
    std::string policy = c < 2 ? pick_reported_policy(pr) : pick_policy(pr);
    Cell freeze = c == 2 ? pick_past_freeze(pr, now) : pick_freeze(pr, now);
    if (c == 2) policy = "auto_safe";
    clusters.add({s.id, acct, s.name, s.env, s.region, s.node_type, i2s(s.desired), i2s(s.min),
                  i2s(s.max), num(cost, 4), policy, freeze});
    write_tags(*w.tags, e, "container_clusters", s.id, make_tags(pr, s.env.c_str()));
  }
  clusters.flush();

  pg::BulkInsert nodes(
      spi, "finsim.container_nodes",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"cluster_id", "uuid"}, {"instance_id", "text"},
       {"instance_type", "text"}, {"region", "text"}, {"state", "text"}, {"hourly_cost", "numeric"},
       {"gpu_hourly_cost", "numeric"}, {"gpu_count", "integer"}, {"has_gpu", "boolean"},
       {"avg_cpu_7d", "numeric"}, {"avg_memory_7d", "numeric"}, {"avg_gpu_7d", "numeric"},
       {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  for (int64_t n = 0; n < p.container_nodes; ++n) {
    int64_t c = e.cluster_of_node(n);
    ClusterSpec s = cluster_spec(e, c);
    core::Rng r = e.rng("container_nodes", n);
    std::string id = e.id("container_nodes", n);
    // node_orphaned: stopped in a healthy cluster (the first cluster's second node at least).
    // The GPU cluster's first node runs with an idle GPU (node_unused_gpu), reported.
    const bool idle_gpu = c == 2 && n == e.cluster_first(2);
    const bool stop = r.chance(0.04);
    bool running = idle_gpu || !(stop || (c == 1 && n == e.cluster_first(1)));
    double x = draw(r, n, {0.02, 0.06});
    double cpu = x < 0.05 ? 31 : x < 0.08 ? 29 : std::min(100.0, s.utilization * r.uniform(0.8, 1.2));
    auto shape = catalog::instance_shape(s.node_type);
    int gpus = shape ? shape->gpus : 0;
    double hourly = price("ec2", s.node_type, s.region.c_str());
    double gpu_hourly = gpus ? price("ec2-gpu", s.node_type, s.region.c_str()) : 0.0;
    History h;
    if (running) {
      h = write_metrics(e, w, "container_nodes", id, cpu, r.uniform(25, 80), cpu * 0.2, 0.9,
                        (hourly + gpu_hourly) * 24.0);
    }
    Cell gpu_util;
    if (gpus) {
      const bool low = r.chance(0.6) || idle_gpu;
      gpu_util = num(low ? r.uniform(0, 4.5) : r.uniform(40, 90));
    }
    core::Rng pr = e.rng("container_nodes", n, "policy");
    nodes.add({id, acct, s.id, aws_hex_id(e, "i-", "container_nodes", n), s.node_type, s.region,
               running ? "running" : "stopped", num(hourly, 4), num(gpu_hourly, 4), i2s(gpus),
               gpus ? "true" : "false", num(running ? h.cpu7 : 0), num(running ? h.memory7 : 0),
               gpu_util, std::string(idle_gpu ? pick_reported_policy(pr) : pick_policy(pr)), pick_freeze(pr, now)});
  }
  nodes.flush();

  pg::BulkInsert services(
      spi, "finsim.container_services",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"cluster_id", "uuid"}, {"name", "text"},
       {"env", "text"}, {"region", "text"}, {"requested_cpu", "numeric"},
       {"requested_memory_mb", "integer"}, {"replica_count", "integer"}, {"avg_cpu_7d", "numeric"},
       {"avg_memory_7d", "numeric"}, {"optimization_policy", "text"},
       {"optimization_freeze_until", "timestamptz"}});
  for (int64_t v = 0; v < p.container_services; ++v) {
    int64_t c = v % p.container_clusters;
    ClusterSpec s = cluster_spec(e, c);
    core::Rng r = e.rng("container_services", v);
    std::string id = e.id("container_services", v);
    static const double cpus[] = {0.25, 0.5, 1, 2, 4};
    static const int mems[] = {256, 512, 1024, 2048, 4096};
    double req_cpu = cpus[r.range(0, 4)];
    int req_mem = mems[r.range(0, 4)];
    int replicas = static_cast<int>(r.range(1, 6));
    double x = r.uniform();
    double cpu_use = x < 0.25 ? r.uniform(0.05, 0.25) : x < 0.30 ? 0.31 : x < 0.33 ? 0.29 : r.uniform(0.4, 0.9);
    double y = r.uniform();
    double mem_use = y < 0.2 ? r.uniform(0.05, 0.25) : y < 0.25 ? 0.31 : r.uniform(0.4, 0.9);
    if (r.chance(0.1)) {  // service_excess_replicas
      replicas = static_cast<int>(r.range(8, 20));
      cpu_use = r.uniform(0.05, 0.2);
    }
    core::Rng pr = e.rng("container_services", v, "policy");
    static const char* roles[] = {"api", "frontend", "worker", "scheduler", "gateway", "indexer"};
    std::string name = std::string(roles[r.range(0, 5)]) + "-" + pick_project(pr) + "-" + i2s(v);
    services.add({id, acct, s.id, name, s.env, s.region, num(req_cpu), i2s(req_mem), i2s(replicas),
                  num(req_cpu * cpu_use, 3), num(req_mem * mem_use, 1), std::string(pick_policy(pr)),
                  pick_freeze(pr, now)});
  }
  services.flush();
}

}  // namespace finsim::generator
