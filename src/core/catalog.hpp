// The price catalog: realistic us-east-1 on-demand list prices compiled into finsim, with
// regional multipliers.  Where the guide states a price, the guide's figure is used.
// Pure C++ (no Postgres headers).  730 hours a month.
//
// Services and their types/units (every (service, type) pair is one catalog row):
//   ec2               instance type (m5.large…)          USD per instance-hour (without GPU part)
//   ec2-gpu           instance type (p3.2xlarge…)        USD per instance-hour for the GPUs
//   ebs               gp2 gp3 io1 io2 st1 sc1            USD per GiB-month
//   ebs-snapshot      standard                           USD per GiB-month
//   eip               unassociated / associated          USD per hour
//   elb               application network gateway classic USD per hour
//   rds               db.* instance class                USD per instance-hour
//   rds-storage       gp2                                USD per GiB-month
//   elasticache       cache.* node type                  USD per node-hour
//   eks               control-plane                      USD per cluster-hour
//   s3                STANDARD STANDARD_IA GLACIER DEEP_ARCHIVE  USD per GB-month
//   s3-requests       tier1                              USD per 1,000 requests
//   logs              ingestion (per GB) / storage (per GB-month)
//   data-transfer     intra-az cross-az cross-region egress ingress   USD per GB
//   lambda            requests (per 1M) / duration (per GB-s) / provisioned-concurrency (per GB-s)
//   kinesis           shard (per shard-hour) / extended-retention (per shard-hour)
//   msk               kafka.* broker type                USD per broker-hour
//   opensearch, sagemaker, redshift, emr, mq   instance type   USD per node-hour
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsim::catalog {

constexpr double kHoursPerMonth = 730.0;
constexpr double kDaysPerMonth = kHoursPerMonth / 24.0;  // 30.4166…
constexpr double kSecondsPerMonth = kHoursPerMonth * 3600.0;

struct Entry {
  std::string service;
  std::string type;
  std::string unit;
  double price;  // us-east-1
};

// Every catalog row in us-east-1 prices, sorted by (service, type).
const std::vector<Entry>& entries();
// The regions finsim prices, us-east-1 first, and their multipliers against us-east-1.
const std::vector<std::pair<std::string, double>>& regions();
std::optional<double> region_multiplier(std::string_view region);

// Price of (service, type) in region; nullopt when unknown.
std::optional<double> price(std::string_view service, std::string_view type,
                            std::string_view region = "us-east-1");

// EC2 instance shapes, for rightsizing and GPU columns.
struct InstanceShape {
  std::string family;      // "m5"
  std::string size;        // "xlarge"
  int size_rank;           // nano=0 … metal; larger is bigger
  double vcpus;
  double memory_gib;
  int gpus;
  bool previous_generation;   // t2, m4, c4, r4, …
  std::string current_family; // the current-generation family to move to ("m5" for m4)
};
std::optional<InstanceShape> instance_shape(std::string_view instance_type);
// Sized types of one family within a service, small to large, only those the catalog prices.
// A family is everything before the last '.': "m5" for ec2 m5.large, "db.r5" for rds
// db.r5.large, "cache.r6g" for elasticache cache.r6g.large.
std::vector<std::string> family_sizes(std::string_view service, std::string_view family);
// The type `steps` sizes smaller in the same family and service, or nullopt if none.
std::optional<std::string> smaller_type(std::string_view service, std::string_view type,
                                        int steps = 1);

}  // namespace finsim::catalog
