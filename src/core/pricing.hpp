// Pricing math: the cost of one resource from its fields, using the catalog.  Pure C++
// (no Postgres), shared by the _before_write trigger, the generator, the drift engine and
// the actions, so that every part of finsim prices a resource the same way.
//
// Every function throws pricing::UnknownPrice when the catalog has no price for the
// type in the region (callers in src/pg turn it into SQLSTATE 22023).  Results are
// not rounded; round_money() rounds to 6 decimals as stored in the tables.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace finsim::pricing {

class UnknownPrice : public std::runtime_error {
 public:
  // kind: what was looked up ("instance type", "volume type", "node type"…)
  UnknownPrice(std::string kind, std::string type, std::string region);
  const std::string& kind() const { return kind_; }
  const std::string& type() const { return type_; }
  const std::string& region() const { return region_; }

 private:
  std::string kind_, type_, region_;
};

// catalog::price or UnknownPrice(kind, type, region).
double rate(std::string_view service, std::string_view type, std::string_view region,
            std::string_view kind);

double round_money(double v);  // 6 decimals

// EC2 (instances, container_nodes).
double ec2_hourly(std::string_view instance_type, std::string_view region);
double ec2_gpu_hourly(std::string_view instance_type, std::string_view region);  // 0 without GPUs
int gpu_count(std::string_view instance_type);  // 0 when unknown or no GPUs
// Running fraction of a week for an instance schedule, the one grammar finsim knows (the
// instances.schedule CHECK, schedule_instance's "hours", the drift engine's running hours):
// "weekdays HH-HH" -> (HH2-HH1) x 5 / 168; "daily HH-HH" -> (HH2-HH1) x 7 / 168, with
// 00 <= HH1 < HH2 <= 24; nullopt for anything else.
std::optional<double> schedule_fraction(std::string_view schedule);

// Storage.
double ebs_monthly(std::string_view volume_type, double size_gib, std::string_view region);
double snapshot_monthly(double size_gib, std::string_view region);
double rds_storage_monthly(double allocated_gib, std::string_view region);

// Per-hour resources.
double eip_hourly(std::string_view state, std::string_view region);
double elb_hourly(std::string_view lb_type, std::string_view region);
double rds_hourly(std::string_view instance_class, std::string_view region);
double cache_hourly(std::string_view node_type, double num_nodes, std::string_view region);
double eks_control_plane_hourly(std::string_view region);
// Control plane + desired_nodes x node type (the column container_clusters.estimated_hourly_cost).
double container_cluster_hourly(std::string_view node_type, double desired_nodes,
                                std::string_view region);
double managed_service_hourly(std::string_view service_type, std::string_view instance_type,
                              double node_count, std::string_view region);
// kinesis: shards x shard-hour (+ extended retention per shard when retention > 24 h);
// kafka/msk: shard_count brokers x msk kafka.m5.large.
double stream_hourly(std::string_view engine, double shard_count, double retention_hours,
                     std::string_view region);

// Lambda: provisioned concurrency x memory GB x PC price x 2,628,000 s + monthly requests
// (invocations_7d x 730/168) x requests price / 1M + monthly GB-s of duration x duration price.
double lambda_monthly(double memory_mb, double provisioned_concurrency, double invocations_7d,
                      double avg_duration_ms, std::string_view region);

// Daily usage rows: one day's share of monthly prices (a month is 730/24 days).
double s3_daily_storage(double gb_standard, double gb_ia, double gb_glacier,
                        std::string_view region);
double s3_daily_requests(double requests_count, std::string_view region);
double logs_daily_ingestion(double ingested_gb, std::string_view region);
double logs_daily_storage(double stored_gb, std::string_view region);
double transfer_cost(std::string_view direction, double gb, std::string_view region);

}  // namespace finsim::pricing
