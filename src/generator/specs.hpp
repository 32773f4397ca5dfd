// Entities other tables refer to, recomputed from their ordinal (no estate-wide storage).
#pragma once

#include <string>

#include "generator/estate.hpp"

namespace finsim::generator {

struct AsgSpec {
  std::string id, name, type, env, region;
  int64_t desired = 0, min = 0, max = 0;
  double utilization = 0;
};
AsgSpec asg_spec(const Estate& e, int64_t g);

struct InstanceSpec {
  std::string id, instance_id, name, type, env, region, state;
  int64_t asg = -1;
  int64_t stopped_days = 0;  // stopped instances: days since they stopped (15-120), else 0
};
// Identity, placement and state of instance i (the full row is built in compute.cpp).
InstanceSpec instance_spec(const Estate& e, int64_t i);

struct VolumeSpec {
  std::string id, volume_id, region, type;
  int64_t size = 0;
  int64_t instance = -1;  // ordinal of the instance it is attached to, -1 when available
};
VolumeSpec volume_spec(const Estate& e, int64_t v);

struct LbSpec {
  std::string id, arn, name, type, env, region;
};
LbSpec lb_spec(const Estate& e, int64_t l);

// AWS-looking identifiers.
std::string aws_hex_id(const Estate& e, const char* prefix, const char* table, int64_t ordinal,
                       int digits = 17);

}  // namespace finsim::generator
