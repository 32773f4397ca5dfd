#include "core/pricing.hpp"

#include <cctype>
#include <cmath>
#include <string>

#include "core/catalog.hpp"
#include "core/clip.hpp"

namespace finsim::pricing {

UnknownPrice::UnknownPrice(std::string kind, std::string type, std::string region)
    : std::runtime_error("unknown " + kind + " \"" + core::clipped(type) + "\" in region \"" +
                         core::clipped(region) + "\""),
      kind_(std::move(kind)),
      type_(std::move(type)),
      region_(std::move(region)) {}

double rate(std::string_view service, std::string_view type, std::string_view region,
            std::string_view kind) {
  auto p = catalog::price(service, type, region);
  if (!p) throw UnknownPrice(std::string(kind), std::string(type), std::string(region));
  return *p;
}

double round_money(double v) { return std::round(v * 1e6) / 1e6; }

double ec2_hourly(std::string_view instance_type, std::string_view region) {
  return rate("ec2", instance_type, region, "instance type");
}

double ec2_gpu_hourly(std::string_view instance_type, std::string_view region) {
  ec2_hourly(instance_type, region);  // unknown type/region is an error, not "no GPU"
  return catalog::price("ec2-gpu", instance_type, region).value_or(0.0);
}

int gpu_count(std::string_view instance_type) {
  auto shape = catalog::instance_shape(instance_type);
  return shape ? shape->gpus : 0;
}

std::optional<double> schedule_fraction(std::string_view s) {
  double days = 0;
  std::string_view rest;
  if (s.substr(0, 9) == "weekdays ") {
    days = 5, rest = s.substr(9);
  } else if (s.substr(0, 6) == "daily ") {
    days = 7, rest = s.substr(6);
  } else {
    return std::nullopt;
  }
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (rest.size() != 5 || !digit(rest[0]) || !digit(rest[1]) || rest[2] != '-' ||
      !digit(rest[3]) || !digit(rest[4]))
    return std::nullopt;
  int from = (rest[0] - '0') * 10 + (rest[1] - '0');
  int to = (rest[3] - '0') * 10 + (rest[4] - '0');
  if (from >= to || to > 24) return std::nullopt;
  return days / 7.0 * (to - from) / 24.0;
}

double ebs_monthly(std::string_view volume_type, double size_gib, std::string_view region) {
  return size_gib * rate("ebs", volume_type, region, "volume type");
}

double snapshot_monthly(double size_gib, std::string_view region) {
  return size_gib * rate("ebs-snapshot", "standard", region, "snapshot storage");
}

double rds_storage_monthly(double allocated_gib, std::string_view region) {
  return allocated_gib * rate("rds-storage", "gp2", region, "database storage");
}

double eip_hourly(std::string_view state, std::string_view region) {
  return rate("eip", state, region, "elastic IP state");
}

double elb_hourly(std::string_view lb_type, std::string_view region) {
  return rate("elb", lb_type, region, "load balancer type");
}

double rds_hourly(std::string_view instance_class, std::string_view region) {
  return rate("rds", instance_class, region, "instance class");
}

double cache_hourly(std::string_view node_type, double num_nodes, std::string_view region) {
  return num_nodes * rate("elasticache", node_type, region, "node type");
}

double eks_control_plane_hourly(std::string_view region) {
  return rate("eks", "control-plane", region, "cluster control plane");
}

double container_cluster_hourly(std::string_view node_type, double desired_nodes,
                                std::string_view region) {
  return eks_control_plane_hourly(region) + desired_nodes * ec2_hourly(node_type, region);
}

double managed_service_hourly(std::string_view service_type, std::string_view instance_type,
                              double node_count, std::string_view region) {
  return node_count * rate(service_type, instance_type, region,
                           std::string(service_type) + " instance type");
}

double stream_hourly(std::string_view engine, double shard_count, double retention_hours,
                     std::string_view region) {
  if (engine == "kinesis") {
    double per_shard = rate("kinesis", "shard", region, "kinesis shard");
    if (retention_hours > 24) per_shard += rate("kinesis", "extended-retention", region,
                                                "kinesis retention");
    return shard_count * per_shard;
  }
  if (engine == "kafka" || engine == "msk")
    return shard_count * rate("msk", "kafka.m5.large", region, "broker type");
  throw UnknownPrice("streaming engine", std::string(engine), std::string(region));
}

double lambda_monthly(double memory_mb, double provisioned_concurrency, double invocations_7d,
                      double avg_duration_ms, std::string_view region) {
  const double gb = memory_mb / 1024.0;
  const double monthly_requests = invocations_7d * catalog::kHoursPerMonth / 24.0 / 7.0;
  double cost = provisioned_concurrency * gb *
                rate("lambda", "provisioned-concurrency", region, "lambda price") *
                catalog::kSecondsPerMonth;
  cost += monthly_requests / 1e6 * rate("lambda", "requests", region, "lambda price");
  cost += monthly_requests * (avg_duration_ms / 1000.0) * gb *
          rate("lambda", "duration", region, "lambda price");
  return cost;
}

double s3_daily_storage(double gb_standard, double gb_ia, double gb_glacier,
                        std::string_view region) {
  double monthly = gb_standard * rate("s3", "STANDARD", region, "storage class") +
                   gb_ia * rate("s3", "STANDARD_IA", region, "storage class") +
                   gb_glacier * rate("s3", "GLACIER", region, "storage class");
  return monthly / catalog::kDaysPerMonth;
}

double s3_daily_requests(double requests_count, std::string_view region) {
  return requests_count / 1000.0 * rate("s3-requests", "blended", region, "request tier");
}

double logs_daily_ingestion(double ingested_gb, std::string_view region) {
  return ingested_gb * rate("logs", "ingestion", region, "logs price");
}

double logs_daily_storage(double stored_gb, std::string_view region) {
  return stored_gb * rate("logs", "storage", region, "logs price") / catalog::kDaysPerMonth;
}

double transfer_cost(std::string_view direction, double gb, std::string_view region) {
  return gb * rate("data-transfer", direction, region, "transfer direction");
}

}  // namespace finsim::pricing
