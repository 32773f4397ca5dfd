// finsim._metric_payload_ok(resource_type text, payload jsonb) boolean: the CHECK of
// metrics_daily.metric_payload.  The payload keys the drift engine reads back for each
// resource type (src/drift/statements.cpp averages the stored days into the resources' 7-day
// columns) are each absent, JSON null, or a JSON number within the range of the column they
// feed; other keys are kept as written.  A value the tick cannot compute with is refused when
// written, not at the next tick.  In C: a SQL function in a CHECK is inlined again for every
// statement, which cost a single-row INSERT 0.3 ms.
#include <string_view>
#include <vector>

#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/jsonb_fields.hpp"

namespace {

struct KeyBound {
  std::string_view key;
  double max;
};

const std::vector<KeyBound>& limits(std::string_view resource_type) {
  static const std::vector<KeyBound> none;
  static const std::vector<KeyBound> instances = {{"cpu_avg", 100}, {"network", 100000}};
  static const std::vector<KeyBound> lambda = {{"invocations", 1e11}, {"duration_ms", 900000}};
  static const std::vector<KeyBound> nodes = {{"cpu_avg", 100}, {"memory_avg", 100}, {"gpu_avg", 100}};
  static const std::vector<KeyBound> services = {{"cpu_cores", 1024}, {"memory_mb", 1048576}};
  static const std::vector<KeyBound> volumes = {{"iops", 256000}};
  static const std::vector<KeyBound> rds = {{"cpu_avg", 100}, {"connections", 1e6}};
  static const std::vector<KeyBound> cpu_memory = {{"cpu_avg", 100}, {"memory_avg", 100}};
  static const std::vector<KeyBound> lbs = {{"requests", 1e12}};
  static const std::vector<KeyBound> streams = {{"usage_mbps", 1e6}};
  if (resource_type == "instances") return instances;
  if (resource_type == "lambda_functions") return lambda;
  if (resource_type == "container_nodes") return nodes;
  if (resource_type == "container_services") return services;
  if (resource_type == "volumes") return volumes;
  if (resource_type == "rds_instances") return rds;
  if (resource_type == "cache_clusters" || resource_type == "managed_services") return cpu_memory;
  if (resource_type == "load_balancers") return lbs;
  if (resource_type == "streaming_clusters") return streams;
  return none;
}

}  // namespace

// STRICT in SQL.
FINSIM_FUNCTION(finsim_metric_payload_ok) {
  namespace pg = finsim::pg;
  const std::string type = pg::require_text(fcinfo, 0, "resource_type");
  if (!pg::jsonb_is_object(fcinfo, 1)) PG_RETURN_BOOL(false);
  for (const KeyBound& l : limits(type)) {
    const pg::JsonField f = pg::jsonb_field(fcinfo, 1, l.key);
    if (f.kind == pg::JsonField::other) PG_RETURN_BOOL(false);
    if (f.kind == pg::JsonField::json_number && !(f.number >= 0 && f.number <= l.max)) PG_RETURN_BOOL(false);
  }
  PG_RETURN_BOOL(true);
}
