// How many rows of each resource table an estate of N resources gets (pure C++).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace finsim::generator {

// Resource tables in generation order; counts sum exactly to the requested resources.
struct Plan {
  int64_t autoscaling_groups = 0, asg_members = 0, instances = 0, lambda_functions = 0;
  int64_t container_clusters = 0, container_nodes = 0, container_services = 0;
  int64_t volumes = 0, snapshots = 0, s3_buckets = 0;
  int64_t rds_instances = 0, cache_clusters = 0;
  int64_t load_balancers = 0, elastic_ips = 0;
  int64_t log_groups = 0, commitments = 0, managed_services = 0, streaming_clusters = 0;
  int64_t api_clients = 0;
  int64_t total() const;
};

constexpr int64_t kMaxResources = 5000000;

Plan plan_estate(int64_t resources);

}  // namespace finsim::generator
