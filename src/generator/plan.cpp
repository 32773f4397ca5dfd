// Proportions of a software company's AWS estate (see docs/generator.md).
#include "generator/plan.hpp"

#include <algorithm>
#include <cmath>

namespace finsim::generator {

int64_t Plan::total() const {
  return autoscaling_groups + instances + lambda_functions + container_clusters +
         container_nodes + container_services + volumes + snapshots + s3_buckets +
         rds_instances + cache_clusters + load_balancers + elastic_ips + log_groups +
         commitments + managed_services + streaming_clusters + api_clients;
}

Plan plan_estate(int64_t n) {
  // Shares in 1/1000 of the resources; instances take the remainder.
  struct Share {
    int64_t Plan::*field;
    int permille;
  };
  static const Share shares[] = {
      {&Plan::autoscaling_groups, 15}, {&Plan::lambda_functions, 60},
      {&Plan::container_clusters, 5},  {&Plan::container_nodes, 40},
      {&Plan::container_services, 40}, {&Plan::volumes, 265},
      {&Plan::snapshots, 100},         {&Plan::s3_buckets, 35},
      {&Plan::rds_instances, 20},      {&Plan::cache_clusters, 12},
      {&Plan::load_balancers, 20},     {&Plan::elastic_ips, 25},
      {&Plan::log_groups, 50},         {&Plan::commitments, 3},
      {&Plan::managed_services, 7},    {&Plan::streaming_clusters, 8},
      {&Plan::api_clients, 5},
  };
  Plan p;
  int64_t used = 0;
  for (const auto& s : shares) {
    int64_t c = n * s.permille / 1000;
    p.*(s.field) = c;
    used += c;
  }
  // Small estates: at least one of the structural groups once there is room for them.
  if (n >= 40) {
    for (auto f : {&Plan::autoscaling_groups, &Plan::container_clusters, &Plan::commitments,
                   &Plan::api_clients, &Plan::managed_services, &Plan::streaming_clusters}) {
      if (p.*f == 0) {
        p.*f = 1;
        ++used;
      }
    }
  }
  if (p.container_clusters == 0) {
    used -= p.container_nodes + p.container_services;
    p.container_nodes = p.container_services = 0;
  }
  p.instances = n - used;
  // ASG members: about a fifth of the instances, at least one per group.
  p.asg_members = p.autoscaling_groups ? std::max(p.autoscaling_groups, p.instances / 5) : 0;
  return p;
}

}  // namespace finsim::generator
