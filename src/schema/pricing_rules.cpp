#include "schema/pricing_rules.hpp"

#include <cstdlib>

#include "core/pricing.hpp"

namespace finsim::rules {

std::string Fields::text(const char* column) const { return get(column).value_or(""); }

double Fields::num(const char* column) const {
  auto v = get(column);
  return v ? std::strtod(v->c_str(), nullptr) : 0.0;
}

namespace {

using namespace finsim::pricing;

std::vector<TableRule> build() {
  std::vector<TableRule> r;
  auto ec2_costs = [] {
    return std::vector<CostColumn>{
        {"hourly_cost", {"instance_type", "region"},
         [](const Fields& f) { return ec2_hourly(f.text("instance_type"), f.text("region")); }},
        {"gpu_hourly_cost", {"instance_type", "region"},
         [](const Fields& f) { return ec2_gpu_hourly(f.text("instance_type"), f.text("region")); }},
    };
  };
  r.push_back({"instances", ec2_costs(), {"launch_time", "last_active_at"}, true});
  r.push_back({"container_nodes", ec2_costs(), {}, true});
  r.push_back({"volumes",
               {{"monthly_cost", {"volume_type", "size_gib", "region"},
                 [](const Fields& f) {
                   return ebs_monthly(f.text("volume_type"), f.num("size_gib"), f.text("region"));
                 }}},
               {"last_used_at"}});
  r.push_back({"snapshots",
               {{"monthly_cost", {"size_gib", "region"},
                 [](const Fields& f) { return snapshot_monthly(f.num("size_gib"), f.text("region")); }}},
               {"created_at"}});
  r.push_back({"elastic_ips",
               {{"hourly_cost", {"state", "region"},
                 [](const Fields& f) { return eip_hourly(f.text("state"), f.text("region")); }}},
               {}});
  r.push_back({"load_balancers",
               {{"hourly_cost", {"type", "region"},
                 [](const Fields& f) { return elb_hourly(f.text("type"), f.text("region")); }}},
               {}});
  r.push_back({"rds_instances",
               {{"hourly_cost", {"instance_class", "region"},
                 [](const Fields& f) { return rds_hourly(f.text("instance_class"), f.text("region")); }},
                {"storage_monthly_cost", {"allocated_storage_gib", "region"},
                 [](const Fields& f) {
                   return rds_storage_monthly(f.num("allocated_storage_gib"), f.text("region"));
                 }}},
               {}});
  r.push_back({"cache_clusters",
               {{"hourly_cost", {"node_type", "num_nodes", "region"},
                 [](const Fields& f) {
                   return cache_hourly(f.text("node_type"), f.num("num_nodes"), f.text("region"));
                 }}},
               {}});
  r.push_back({"container_clusters",
               {{"estimated_hourly_cost", {"node_instance_type", "desired_nodes", "region"},
                 [](const Fields& f) {
                   return container_cluster_hourly(f.text("node_instance_type"),
                                                   f.num("desired_nodes"), f.text("region"));
                 }}},
               {}});
  r.push_back({"managed_services",
               {{"hourly_cost", {"service_type", "instance_type", "node_count", "region"},
                 [](const Fields& f) {
                   return managed_service_hourly(f.text("service_type"), f.text("instance_type"),
                                                 f.num("node_count"), f.text("region"));
                 }}},
               {}});
  r.push_back({"streaming_clusters",
               {{"hourly_cost", {"engine", "shard_count", "retention_hours", "region"},
                 [](const Fields& f) {
                   return stream_hourly(f.text("engine"), f.num("shard_count"),
                                        f.num("retention_hours"), f.text("region"));
                 }}},
               {}});
  r.push_back({"lambda_functions",
               {{"estimated_monthly_cost",
                 {"memory_mb", "provisioned_concurrency", "invocations_7d", "avg_duration_ms_7d",
                  "region"},
                 [](const Fields& f) {
                   return lambda_monthly(f.num("memory_mb"), f.num("provisioned_concurrency"),
                                         f.num("invocations_7d"), f.num("avg_duration_ms_7d"),
                                         f.text("region"));
                 }}},
               {}});
  {
    TableRule s3{"s3_bucket_usage_daily",
                 {{"estimated_storage_cost",
                   {"storage_gb_standard", "storage_gb_ia", "storage_gb_glacier", "bucket_id"},
                   [](const Fields& f) {
                     return s3_daily_storage(f.num("storage_gb_standard"), f.num("storage_gb_ia"),
                                             f.num("storage_gb_glacier"), f.text("region"));
                   }},
                  {"estimated_request_cost", {"requests_count", "bucket_id"},
                   [](const Fields& f) {
                     return s3_daily_requests(f.num("requests_count"), f.text("region"));
                   }}},
                 {}};
    s3.region_column = nullptr;
    s3.parent_table = "s3_buckets";
    s3.parent_key = "bucket_id";
    r.push_back(s3);
  }
  {
    TableRule logs{"log_group_usage_daily",
                   {{"estimated_ingestion_cost", {"ingested_gb", "log_group_id"},
                     [](const Fields& f) {
                       return logs_daily_ingestion(f.num("ingested_gb"), f.text("region"));
                     }},
                    {"estimated_storage_cost", {"stored_gb", "log_group_id"},
                     [](const Fields& f) {
                       return logs_daily_storage(f.num("stored_gb"), f.text("region"));
                     }}},
                   {}};
    logs.region_column = nullptr;
    logs.parent_table = "log_groups";
    logs.parent_key = "log_group_id";
    r.push_back(logs);
  }
  {
    TableRule dt{"data_transfer_daily",
                 {{"estimated_transfer_cost", {"direction", "gb_transferred", "source_region"},
                   [](const Fields& f) {
                     return transfer_cost(f.text("direction"), f.num("gb_transferred"),
                                          f.text("region"));
                   }}},
                 {}};
    dt.region_column = "source_region";
    r.push_back(dt);
  }
  r.push_back({"resource_change_events", {}, {"changed_at"}});
  r.push_back({"api_clients", {}, {"issued_at"}});
  return r;
}

}  // namespace

const std::vector<TableRule>& all_rules() {
  static const std::vector<TableRule> rules = build();
  return rules;
}

const TableRule* rule_for(std::string_view table) {
  for (const TableRule& r : all_rules())
    if (table == r.table) return &r;
  return nullptr;
}

}  // namespace finsim::rules
