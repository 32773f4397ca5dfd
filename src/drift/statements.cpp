#include "drift/statements.hpp"

#include <stdexcept>
#include <string_view>

#include "schema/pricing_rules.hpp"

namespace finsim::drift {
namespace {

struct Spec {
  const char* table;
  const char* env;       // env expression over t
  const char* active;    // which rows get a daily row
  const char* running;   // true when the resource works today (else its metrics are 0);
                         // the statement's SET list reads it as d.up
  const char* typed;     // extra typed values of today (leading comma), over t.m and t
  const char* extra;     // extra jsonb_build_object pairs (leading comma), over d
  const char* cost;      // estimated_daily_cost over t
  const char* cols;      // values read from the six stored days' payloads p (leading comma):
                         // each NAME(...) AS v_<name>, aggregated as s_<name>, n_<name>
  const char* aggs;      // their aggregates (leading comma)
  const char* sets;      // SET list over d (today) and a (the stored days; NULLs when none)
  // Tables whose day depends on other rows: a LEFT JOIN for the per-resource select, and
  // (derived) the metrics array to use when the join's g.gid is not NULL.
  const char* join = "";
  const char* derived = "";
};

// Each table's levels before the day for finsim._drift_metrics (cpu, memory, network, disk,
// extra, extra2), over t: its 7-day columns in the model's units, -1 when none or NULL.
struct Levels {
  const char* table;
  const char* levels;
};

#define L(x) "coalesce((" x ")::float8, -1)"
// A ratio of two stored columns (usage over a request or a provisioned amount, in percent) is
// bounded before the cast: both columns in range can still exceed float8's range (a tiny
// request); the model bounds the percentage it continues to 100 anyway.
#define LR(x) "coalesce(least(" x ", 1e9)::float8, -1)"
const Levels kLevels[] = {
    {"instances", L("t.avg_cpu_7d") ", -1, " L("t.avg_network_7d") ", -1, -1, -1"},
    {"lambda_functions", "-1, -1, -1, -1, t.invocations_7d / 7.0, t.avg_duration_ms_7d"},
    {"container_nodes", L("t.avg_cpu_7d") ", " L("t.avg_memory_7d") ", -1, -1, -1, -1"},
    {"container_services", LR("t.avg_cpu_7d * 100 / nullif(t.requested_cpu, 0)") ", "
     LR("t.avg_memory_7d * 100 / nullif(t.requested_memory_mb, 0)") ", -1, -1, -1, -1"},
    {"volumes", "-1, -1, -1, " LR("t.avg_iops_7d * 100 / nullif(coalesce(t.provisioned_iops, 3000), 0)") ", -1, -1"},
    {"rds_instances", L("t.avg_cpu_7d") ", -1, -1, -1, " L("t.avg_connections_7d") ", -1"},
    {"cache_clusters", L("t.avg_cpu_7d") ", " L("t.avg_memory_7d") ", -1, -1, -1, -1"},
    {"load_balancers", "-1, -1, -1, -1, " L("t.avg_request_count_7d") ", -1"},
    {"managed_services", L("t.avg_cpu_7d") ", " L("t.avg_memory_7d") ", -1, -1, -1, -1"},
    {"streaming_clusters", LR("t.avg_usage_mbps_7d * 100 / nullif(t.provisioned_throughput_mbps, 0)")
     ", -1, -1, -1, -1, -1"},
};
#undef L
#undef LR

const char* levels_of(const char* table) {
  for (const Levels& l : kLevels)
    if (std::string_view(l.table) == table) return l.levels;
  return "-1, -1, -1, -1, -1, -1";  // autoscaling_groups: their members' day, or the model's
}

// The day D of the tables below is (DATE '1970-01-01' + $4): integer arithmetic, folded to a
// constant at planning, where $2::date would parse the date text for every row it is used on.
#define DAY "(DATE '1970-01-01' + $4)"

// One statement per table: CTE d computes today's metrics of every active resource once (the
// model runs once per row, typed values as it returns them), the data-modifying CTE inserts
// them into metrics_daily, and the UPDATE sets the live columns from d and the 7-day columns
// from d plus the aggregates of the six stored days D-6..D-1 — the rows metrics_daily holds
// for D-6..D after the insert, without reading day D back and without extracting today's
// values from jsonb.  Every row of d is inserted and updated, so the statement writes
// 2 x (rows updated) rows.
// The statement runs with session_replication_role = replica (see tick.cpp): it sets
// updated_at itself, as touch_updated_at would.
std::string build_day(const Spec& s) {
  std::string sql =
      "WITH d AS MATERIALIZED (SELECT t.id, t.account_id, t.m, t.up";
  sql += s.typed;
  sql += ", round((";
  sql += s.cost;
  sql += ")::numeric, 6) AS cost FROM (SELECT t.*, (";
  sql += s.running;
  sql += ") AS up, ";
  if (*s.derived) {
    sql += "CASE WHEN g.gid IS NOT NULL THEN ";
    sql += s.derived;
    sql += " ELSE ";
  }
  sql += "CASE WHEN ";
  sql += s.running;
  sql += " THEN finsim._drift_metrics($3, t.id::text, '";
  sql += s.table;
  sql += "', ";
  sql += s.env;
  sql += ", $4, $5, ";
  sql += levels_of(s.table);
  sql += ") ELSE '{0,0,0,0,0,0,0}'::float8[] END";
  if (*s.derived) sql += " END";
  sql += " AS m FROM finsim.";
  sql += s.table;
  sql += " t";
  sql += s.join;
  sql += " WHERE t.account_id = $1::uuid AND ";
  sql += s.active;
  sql += ") t), "
         "ins AS (INSERT INTO finsim.metrics_daily (id, account_id, resource_type, resource_id, date, "
         "metric_payload, estimated_daily_cost) "
         "SELECT finsim._daily_row_id('";
  sql += s.table;
  sql += "', d.id::text, $4), d.account_id, '";
  sql += s.table;
  sql += "', d.id::text, " DAY ", jsonb_build_object('cpu_avg', d.m[1], 'cpu_max', d.m[2], "
         "'memory_avg', d.m[3], 'network', d.m[4], 'disk', d.m[5]";
  sql += s.extra;
  // In resource order: consecutive inserts land on neighbouring leaves of
  // metrics_daily_day_key (account, type, resource, date) and of the primary key (the row id
  // leads with the resource's, core::daily_row_uuid) instead of random ones — at 1M
  // resources that index is several times shared_buffers, and random inserts read and evict a
  // leaf per row.
  sql += "), d.cost FROM d ORDER BY d.id) "
         "UPDATE finsim.";
  sql += s.table;
  sql += " t SET ";
  sql += s.sets;
  sql += ", updated_at = statement_timestamp()";  // what touch_updated_at would set
  sql += " FROM d";
  if (*s.aggs) {  // tables without 7-day columns read no stored day
    // Grouped by the text resource_id (hashing it is cheaper than casting every stored row's
    // id to uuid); OFFSET 0 keeps each payload value extracted once for its sum and count.
    sql += " LEFT JOIN (SELECT p.rid";
    sql += s.aggs;
    sql += " FROM (SELECT p.resource_id AS rid";
    sql += s.cols;
    sql += " FROM finsim.metrics_daily p WHERE p.account_id = $1::uuid AND p.resource_type = '";
    sql += s.table;
    sql += "' AND p.date BETWEEN " DAY " - 6 AND " DAY " - 1 OFFSET 0) p GROUP BY 1) a ON a.rid = d.id::text";
  }
  sql += " WHERE t.account_id = $1::uuid AND t.id = d.id";
  return sql;
}

// The 7-day values are avg()/sum() over the seven days' payload values, written out: the six
// stored days contribute sum(v) and count(v) per key (NULLs skipped, as avg skips them), today
// its value x (when not NULL).  float8 arithmetic (faster than numeric): payload values have
// 2-4 decimals, so a 7-day mean rounded to 4 decimals equals the exact numeric mean (no ties at
// the 5th decimal).  cpu_cores and usage_mbps carry 4 decimals: exact numeric there.
#define NUM(key) "(p.metric_payload->>'" key "')::float8"
#define EXACT(key) "(p.metric_payload->>'" key "')::numeric"
#define COL(key, expr, name) ", " expr(key) " AS v_" name
#define SUMS(name) ", sum(p.v_" name ") AS s_" name ", count(p.v_" name ") AS n_" name
// The window's days before the account's first simulated day ($5) hold no rows for the
// tables the generator writes no history for (Lambda, load balancers, volumes, container
// services, streams) nor for hand-written rows: during an account's first six days, each such
// day counts at the column's value before the tick, prev (the level those days had), when it
// is positive.  The columns stay continuous across the first ticks; a day after the first
// (a resource launched later) never counts, so they are the plain mean / sum of the rows held.
#define HELD(name, x) "(coalesce(a.n_" name ", 0) + (" x " IS NOT NULL)::int)"
#define FILL(name, x, prev) \
  "(CASE WHEN " prev " > 0 THEN least(7 - " HELD(name, x) ", greatest(0, $5 - $4 + 6)) ELSE 0 END)"
#define AVG7F(name, x, prev) \
  "round(((coalesce(a.s_" name ", 0) + coalesce(" x ", 0) + " FILL(name, x, prev) " * coalesce(" prev \
  ", 0)) / nullif(" HELD(name, x) " + " FILL(name, x, prev) ", 0))::numeric, 4)"
#define INV7 \
  "(coalesce(a.s_inv, 0) + d.m[6] + " FILL("inv", "d.m[6]", "t.invocations_7d") " * t.invocations_7d / 7.0)::bigint"

const Spec kSpecs[] = {
    {"instances", "t.env", "t.state <> 'terminated'", "t.state = 'running'", "", "",
     "CASE WHEN t.state = 'running' THEN (t.hourly_cost + t.gpu_hourly_cost) * "
     // Running hours today: the schedule's 'weekdays HH-HH' or 'daily HH-HH' (the column's
     // CHECK holds it to these forms, as billing reads them).
     "CASE WHEN t.schedule IS NULL THEN 24 "
     "WHEN t.schedule LIKE 'weekdays %' AND extract(isodow FROM " DAY ") >= 6 THEN 0 "
     "ELSE substr(t.schedule, length(t.schedule) - 1, 2)::int - substr(t.schedule, length(t.schedule) - 4, 2)::int END "
     "ELSE 0 END",
     COL("cpu_avg", NUM, "cpu") COL("network", NUM, "net"),
     SUMS("cpu") SUMS("net"),
     "current_cpu = d.m[1]::numeric, current_memory = d.m[3]::numeric, avg_cpu_7d = " AVG7F("cpu", "d.m[1]", "t.avg_cpu_7d")
     ", avg_network_7d = " AVG7F("net", "d.m[4]", "t.avg_network_7d") ", last_active_at = CASE WHEN t.state = 'running' AND "
     "d.m[1] >= 5 THEN $6 ELSE t.last_active_at END"},
    // A group's day is its members' day (the instances statement, run before, has set every
    // member's current_cpu/current_memory to today's values; stopped members have 0): CPU
    // average, the highest member average and memory average over its running members
    // (network and disk 0: the members' own rows carry them); all 0 when none runs.  A group
    // without member rows (hand-written) follows the model.
    {"autoscaling_groups", "t.env", "true", "t.desired_capacity > 0", "", "",
     "t.desired_capacity * coalesce(finsim._drift_price('ec2', t.instance_type, t.region), 0) * 24",
     "", "", "current_utilization = d.m[1]::numeric",
     " LEFT JOIN (SELECT i.autoscaling_group_id AS gid, "
     "round(coalesce(avg(i.current_cpu) FILTER (WHERE i.state = 'running'), 0), 2)::float8 AS cpu, "
     "coalesce(max(i.current_cpu) FILTER (WHERE i.state = 'running'), 0)::float8 AS cpu_max, "
     "round(coalesce(avg(i.current_memory) FILTER (WHERE i.state = 'running'), 0), 2)::float8 AS mem "
     "FROM finsim.instances i WHERE i.account_id = $1::uuid AND i.autoscaling_group_id IS NOT NULL "
     "AND i.state <> 'terminated' GROUP BY 1) g ON g.gid = t.id",
     "ARRAY[g.cpu, g.cpu_max, g.mem, 0, 0, 0, 0]::float8[]"},
    {"lambda_functions", "t.env", "true", "true", "",
     ", 'invocations', d.m[6], 'duration_ms', d.m[7]",
     "t.m[6] / 1e6 * coalesce(finsim._drift_price('lambda', 'requests', t.region), 0) + "
     "t.m[6] * t.m[7] / 1000.0 * t.memory_mb / 1024.0 * "
     "coalesce(finsim._drift_price('lambda', 'duration', t.region), 0) + "
     "t.provisioned_concurrency * t.memory_mb / 1024.0 * 86400 * "
     "coalesce(finsim._drift_price('lambda', 'provisioned-concurrency', t.region), 0)",
     COL("invocations", NUM, "inv") COL("duration_ms", NUM, "dur"),
     SUMS("inv") SUMS("dur"),
     // The two 7-day columns are pricing inputs of estimated_monthly_cost: re-priced here by
     // the trigger's own rule (the trigger is off), the stored cost kept when unpriceable.
     "invocations_7d = " INV7 ", avg_duration_ms_7d = " AVG7F("dur", "d.m[7]", "t.avg_duration_ms_7d")
     ", estimated_monthly_cost = coalesce(finsim._drift_lambda_cost(t.memory_mb, t.provisioned_concurrency, "
     INV7 ", " AVG7F("dur", "d.m[7]", "t.avg_duration_ms_7d") ", t.region), t.estimated_monthly_cost)"},
    // A GPU node's GPU utilisation continues its level (avg_gpu_7d) with its CPU activity:
    // today's CPU over its CPU level before the day (= the model's factor of today over the
    // mean factor of D-7..D-1), so the 7-day GPU level is kept as the CPU level is; the level
    // alone when there is no CPU level; 0 when stopped; none (no payload key, avg_gpu_7d
    // untouched) without a GPU or a GPU level.  The payload gets gpu_avg only when known
    // (the extra closes the base object and adds its own, stripped of NULLs).
    {"container_nodes", "'prod'", "true", "t.state = 'running'",
     ", CASE WHEN t.has_gpu AND t.avg_gpu_7d IS NOT NULL THEN round(least(100, t.avg_gpu_7d * "
     "CASE WHEN NOT t.up THEN 0 WHEN t.avg_cpu_7d > 0 THEN t.m[1]::numeric / t.avg_cpu_7d ELSE 1 END), 2) END AS gpu",
     ") || jsonb_strip_nulls(jsonb_build_object('gpu_avg', d.gpu)",
     "CASE WHEN t.state = 'running' THEN (t.hourly_cost + t.gpu_hourly_cost) * 24 ELSE 0 END",
     COL("cpu_avg", NUM, "cpu") COL("memory_avg", NUM, "mem") COL("gpu_avg", NUM, "gpu"),
     SUMS("cpu") SUMS("mem") SUMS("gpu"),
     "avg_cpu_7d = " AVG7F("cpu", "d.m[1]", "t.avg_cpu_7d") ", avg_memory_7d = " AVG7F("mem", "d.m[3]", "t.avg_memory_7d")
     ", avg_gpu_7d = CASE WHEN t.has_gpu THEN " AVG7F("gpu", "d.gpu::float8", "t.avg_gpu_7d") " ELSE t.avg_gpu_7d END"},
    {"container_services", "t.env", "true", "t.replica_count > 0",
     ", round((t.requested_cpu * t.m[1]::numeric / 100), 4) AS cores, "
     "round((t.requested_memory_mb * t.m[3]::numeric / 100), 1) AS mb",
     ", 'cpu_cores', d.cores, 'memory_mb', d.mb", "0",
     COL("cpu_cores", EXACT, "cores") COL("memory_mb", NUM, "mb"),
     SUMS("cores") SUMS("mb"),
     "avg_cpu_7d = " AVG7F("cores", "d.cores", "t.avg_cpu_7d") ", avg_memory_7d = "
     AVG7F("mb", "d.mb::float8", "t.avg_memory_7d")},
    // I/O only while attached to a running instance (or to one not in the instances table):
    // the volumes of a stopped instance idle and keep their last_used_at (forgotten_volume).
    {"volumes", "coalesce(t.tags->>'env', 'prod')", "t.state NOT IN ('deleting', 'deleted')",
     "t.state = 'in-use' AND coalesce(vi.state = 'running', true)",
     ", round((coalesce(t.provisioned_iops, 3000) * t.m[5]::numeric / 100), 2) AS iops",
     ", 'iops', d.iops", "t.monthly_cost / (730.0 / 24)", COL("iops", NUM, "iops"),
     SUMS("iops"),
     "avg_iops_7d = " AVG7F("iops", "d.iops::float8", "t.avg_iops_7d") ", last_used_at = CASE WHEN d.up THEN $6 "
     "ELSE t.last_used_at END",
     " LEFT JOIN finsim.instances vi ON vi.account_id = t.account_id AND vi.instance_id = t.attached_instance_id"},
    {"rds_instances", "t.env", "t.state <> 'deleting'", "t.state = 'available'", "",
     ", 'connections', d.m[6]",
     "CASE WHEN t.state = 'available' THEN t.hourly_cost * 24 ELSE 0 END + "
     "t.storage_monthly_cost / (730.0 / 24)",
     COL("cpu_avg", NUM, "cpu") COL("connections", NUM, "conn"),
     SUMS("cpu") SUMS("conn"),
     "avg_cpu_7d = " AVG7F("cpu", "d.m[1]", "t.avg_cpu_7d") ", avg_connections_7d = "
     AVG7F("conn", "d.m[6]", "t.avg_connections_7d")},
    {"cache_clusters", "t.env", "true", "true", "", "", "t.hourly_cost * 24",
     COL("cpu_avg", NUM, "cpu") COL("memory_avg", NUM, "mem"),
     SUMS("cpu") SUMS("mem"),
     "avg_cpu_7d = " AVG7F("cpu", "d.m[1]", "t.avg_cpu_7d") ", avg_memory_7d = " AVG7F("mem", "d.m[3]", "t.avg_memory_7d")},
    {"load_balancers", "t.env", "true", "true", "", ", 'requests', d.m[6]", "t.hourly_cost * 24",
     COL("requests", NUM, "req"),
     SUMS("req"), "avg_request_count_7d = " AVG7F("req", "d.m[6]", "t.avg_request_count_7d")},
    {"managed_services", "t.env", "true", "t.node_count > 0", "", "", "t.hourly_cost * 24",
     COL("cpu_avg", NUM, "cpu") COL("memory_avg", NUM, "mem"),
     SUMS("cpu") SUMS("mem"),
     "avg_cpu_7d = " AVG7F("cpu", "d.m[1]", "t.avg_cpu_7d") ", avg_memory_7d = " AVG7F("mem", "d.m[3]", "t.avg_memory_7d")},
    {"streaming_clusters", "t.env", "true", "true",
     ", round((t.provisioned_throughput_mbps * t.m[1]::numeric / 100), 4) AS mbps",
     ", 'usage_mbps', d.mbps", "t.hourly_cost * 24", COL("usage_mbps", EXACT, "use"),
     SUMS("use"),
     "avg_usage_mbps_7d = " AVG7F("use", "d.mbps", "t.avg_usage_mbps_7d")},
};

#undef NUM
#undef EXACT
#undef COL
#undef SUMS
#undef AVG7F
#undef FILL
#undef HELD
#undef INV7

// True when the SET list assigns `column` ("column = ..." at the start or after ", ").
bool sets_column(const std::string& sets, const std::string& column) {
  const std::string key = column + " = ";
  for (size_t at = sets.find(key); at != std::string::npos; at = sets.find(key, at + 1))
    if (at == 0 || sets.compare(at - 2, 2, ", ") == 0) return true;
  return false;
}

// The metric statements run with the pricing trigger off (session_replication_role =
// replica), so a statement that moves a pricing input of a cost column (README "Costs on
// write", schema/pricing_rules) must set that cost column itself.  Checked once, when the
// statements are built: a statement that would leave a price stale is a bug, not a day.
void check_prices_follow(const Spec& s) {
  const rules::TableRule* rule = rules::rule_for(s.table);
  if (!rule) return;
  for (const rules::CostColumn& c : rule->costs)
    for (const char* input : c.inputs)
      if (sets_column(s.sets, input) && !sets_column(s.sets, c.column))
        throw std::logic_error(std::string("drift statement for ") + s.table + " sets pricing input " +
                               input + " but not " + c.column);
}

}  // namespace

const std::vector<MetricTable>& metric_tables() {
  static const std::vector<MetricTable> tables = [] {
    std::vector<MetricTable> v;
    for (const Spec& s : kSpecs) {
      check_prices_follow(s);
      v.push_back({build_day(s)});
    }
    return v;
  }();
  return tables;
}

const std::vector<std::string>& usage_statements() {
  static const std::vector<std::string> v = {
      // S3: yesterday's tiers move on per lifecycle_policy; storage and request costs.
      "INSERT INTO finsim.s3_bucket_usage_daily (id, account_id, bucket_id, date, "
      "storage_gb_standard, storage_gb_ia, storage_gb_glacier, requests_count, "
      "estimated_storage_cost, estimated_request_cost) "
      "SELECT finsim._daily_row_id('s3_buckets', b.id::text, $4), b.account_id, b.id, "
      "(DATE '1970-01-01' + $4), s[1], s[2], s[3], s[4]::bigint, "
      "round(((s[1] * coalesce(finsim._drift_price('s3', 'STANDARD', b.region), 0.023) + "
      "s[2] * coalesce(finsim._drift_price('s3', 'STANDARD_IA', b.region), 0.0125) + "
      "s[3] * coalesce(finsim._drift_price('s3', 'GLACIER', b.region), 0.004)) / (730.0 / 24))::numeric, 6), "
      "round((s[4] / 1000 * coalesce(finsim._drift_price('s3-requests', 'blended', b.region), 0.0013))::numeric, 6) "
      "FROM (SELECT b.*, finsim._drift_s3($3, b.id::text, $4, y.storage_gb_standard::float8, "
      "y.storage_gb_ia::float8, y.storage_gb_glacier::float8, y.requests_count::float8, "
      "(b.lifecycle_policy->>'transition_ia_days')::int, "
      "(b.lifecycle_policy->>'transition_glacier_days')::int, "
      "(b.lifecycle_policy->>'expire_days')::int) AS s "
      "FROM finsim.s3_buckets b LEFT JOIN finsim.s3_bucket_usage_daily y ON y.account_id = b.account_id "
      "AND y.bucket_id = b.id AND y.date = (DATE '1970-01-01' + $4) - 1 WHERE b.account_id = $1::uuid) b",
      // Logs: ingestion continues the group's level (its mean over the days D-7..D-1 it has
      // rows for, assumed to be the last ones); stored grows unless a retention caps it.
      "INSERT INTO finsim.log_group_usage_daily (id, account_id, log_group_id, date, ingested_gb, "
      "stored_gb, estimated_ingestion_cost, estimated_storage_cost) "
      "SELECT finsim._daily_row_id('log_groups', g.id::text, $4), g.account_id, g.id, "
      "(DATE '1970-01-01' + $4), l[1], l[2], "
      "round((l[1] * coalesce(finsim._drift_price('logs', 'ingestion', g.region), 0.5))::numeric, 6), "
      "round((l[2] * coalesce(finsim._drift_price('logs', 'storage', g.region), 0.021) / (730.0 / 24))::numeric, 6) "
      "FROM (SELECT g.*, finsim._drift_logs($3, g.id::text, g.env, $4, y.stored_gb::float8, "
      "g.retention_days, w.level, w.days) AS l FROM finsim.log_groups g LEFT JOIN finsim.log_group_usage_daily y "
      "ON y.account_id = g.account_id AND y.log_group_id = g.id AND y.date = (DATE '1970-01-01' + $4) - 1 "
      "LEFT JOIN LATERAL (SELECT avg(h.ingested_gb)::float8 AS level, count(*)::int AS days "
      "FROM finsim.log_group_usage_daily h WHERE h.account_id = g.account_id AND h.log_group_id = g.id "
      "AND h.date BETWEEN (DATE '1970-01-01' + $4) - 7 AND (DATE '1970-01-01' + $4) - 1) w ON true "
      "WHERE g.account_id = $1::uuid) g",
      // Data transfer: per region pair and direction of the regions with running instances.
      // A day's factor is the weekday rhythm (weekends 0.7) x noise (0.9-1.1, drawn per pair
      // and date): finsim._drift_transfer_factor.  A pair with rows over D-7..D-1 continues its level: sum(gb) / sum(those
      // days' factors) x today's factor (a generated estate keeps its generated volumes).  A
      // pair without one starts from the running instances: n x a per-pair rate (0.2-5.2 GB)
      // x today's factor, but only when one of its regions is new (no rows in the window),
      // so the first tick adds no pairs the history did not have.
      "WITH r AS (SELECT i.region, count(*) AS n FROM finsim.instances i "
      "  WHERE i.account_id = $1::uuid AND i.state = 'running' GROUP BY i.region), "
      "p AS (SELECT r.region AS src, CASE WHEN d = 'egress' THEN 'internet' ELSE r.region END AS dst, "
      "  d AS dir, r.n FROM r, unnest(ARRAY['intra-az', 'cross-az', 'egress']) d "
      "  UNION ALL SELECT 'internet', r.region, 'ingress', r.n FROM r "
      "  UNION ALL SELECT r1.region, r2.region, 'cross-region', least(r1.n, r2.n) "
      "  FROM r r1 JOIN r r2 ON r1.region <> r2.region), "
      "h AS (SELECT t.source_region AS src, t.dest_region AS dst, t.direction AS dir, "
      "  sum(t.gb_transferred)::float8 AS gb, sum(finsim._drift_transfer_factor($3, "
      "  t.source_region || '>' || t.dest_region || '/' || t.direction, t.date)) AS f "
      "  FROM finsim.data_transfer_daily t WHERE t.account_id = $1::uuid "
      "  AND t.date BETWEEN (DATE '1970-01-01' + $4) - 7 AND (DATE '1970-01-01' + $4) - 1 GROUP BY 1, 2, 3), "
      "k AS (SELECT 'internet' AS region UNION SELECT src FROM h UNION SELECT dst FROM h), "
      "g AS (SELECT p.*, round((CASE WHEN h.f > 0 THEN h.gb / h.f "
      "  ELSE p.n * (0.2 + 5 * finsim._drift_unit($3, p.src || '>' || p.dst, p.dir)) END * "
      "  finsim._drift_transfer_factor($3, p.src || '>' || p.dst || '/' || p.dir, DATE '1970-01-01' + $4))::numeric, 3) AS gb "
      "  FROM p LEFT JOIN h ON h.src = p.src AND h.dst = p.dst AND h.dir = p.dir "
      "  WHERE h.f > 0 OR p.src NOT IN (SELECT region FROM k) OR p.dst NOT IN (SELECT region FROM k)) "
      "INSERT INTO finsim.data_transfer_daily (id, account_id, date, source_region, dest_region, "
      "direction, gb_transferred, estimated_transfer_cost) "
      "SELECT finsim._drift_uuid($1, 'data_transfer_daily', $2, g.src || '>' || g.dst || '/' || g.dir), "
      "$1::uuid, (DATE '1970-01-01' + $4), g.src, g.dst, g.dir, g.gb, round(g.gb * coalesce(finsim._drift_price("
      "'data-transfer', g.dir, CASE WHEN g.src = 'internet' THEN g.dst ELSE g.src END), 0)::numeric, 6) "
      "FROM g",
      // Commitments: the on-demand usage they cover today (running instances in scope).
      "WITH u AS (SELECT split_part(i.instance_type, '.', 1) AS fam, i.region, sum(i.hourly_cost) AS od "
      "  FROM finsim.instances i WHERE i.account_id = $1::uuid AND i.state = 'running' GROUP BY 1, 2), "
      "c AS (SELECT c.*, coalesce(CASE WHEN c.scope IN ('compute', 'account') THEN (SELECT sum(od) FROM u) "
      "  WHEN c.scope LIKE '%/%' THEN (SELECT sum(od) FROM u WHERE u.fam || '/' || u.region = c.scope) "
      "  ELSE (SELECT sum(od) FROM u WHERE u.fam = c.scope) END, 0) AS covered, "
      "  greatest(1 - c.discount_percent / 100, 0.0001) AS rate "
      "  FROM finsim.commitments c WHERE c.account_id = $1::uuid "
      "  AND (DATE '1970-01-01' + $4) >= c.start_date AND (DATE '1970-01-01' + $4) < c.end_date), "
      "v AS (SELECT c.*, least(c.covered, c.hourly_commitment_amount / c.rate) AS used_od FROM c) "
      "INSERT INTO finsim.commitment_utilization_daily (id, account_id, commitment_id, date, "
      "actual_hourly_usage_equivalent, utilization_percent, estimated_savings_vs_ondemand) "
      "SELECT finsim._daily_row_id('commitments', v.id::text, $4), v.account_id, v.id, "
      "(DATE '1970-01-01' + $4), round(v.used_od * v.rate, 6), "
      "CASE WHEN v.hourly_commitment_amount > 0 THEN round(least(100, 100 * v.used_od * v.rate / "
      "v.hourly_commitment_amount), 4) ELSE 0 END, "
      "round(24 * (v.used_od - v.hourly_commitment_amount), 6) FROM v",
  };
  return v;
}

const std::vector<std::string>& prune_statements() {
  static const std::vector<std::string> v = {
      "DELETE FROM finsim.metrics_daily WHERE account_id = $1::uuid AND date < (DATE '1970-01-01' + $4) - $7",
      "DELETE FROM finsim.s3_bucket_usage_daily WHERE account_id = $1::uuid AND date < (DATE '1970-01-01' + $4) - $7",
      "DELETE FROM finsim.log_group_usage_daily WHERE account_id = $1::uuid AND date < (DATE '1970-01-01' + $4) - $7",
      "DELETE FROM finsim.data_transfer_daily WHERE account_id = $1::uuid AND date < (DATE '1970-01-01' + $4) - $7",
      "DELETE FROM finsim.commitment_utilization_daily WHERE account_id = $1::uuid AND date < (DATE '1970-01-01' + $4) - $7",
  };
  return v;
}

}  // namespace finsim::drift
