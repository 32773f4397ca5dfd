#include "bench_sql.hpp"

#include <cctype>

namespace finsim_client {

std::string ident(const std::string& name) {
  std::string s = "\"";
  for (char ch : name) s += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return s + "\"";
}

std::string literal(const std::string& text) {
  std::string s = "'";
  for (char ch : text) s += ch == '\'' ? std::string("''") : std::string(1, ch);
  return s + "'";
}

Schema read_schema(Conn& c) {
  Schema s;
  Result t = c.exec(
      "SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
      "  AND a.attname = 'optimization_policy' AND NOT a.attisdropped) AS resource"
      " FROM pg_class c WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r'"
      " AND c.relname NOT IN ('cloud_accounts', 'api_clients')"
      " AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'account_id')"
      " ORDER BY c.oid");
  for (int i = 0; i < t.rows(); ++i) {
    std::string name = t.get(i, "relname");
    s.account_tables.push_back(name);
    Result cols = c.exec(
        "SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute"
        " WHERE attrelid = ('finsim.' || quote_ident($1))::regclass AND attnum > 0 AND NOT attisdropped"
        " AND attgenerated = '' ORDER BY attnum",
        {name});
    std::vector<Column> list;
    std::vector<std::string> metrics;
    for (int j = 0; j < cols.rows(); ++j) {
      Column col{cols.get(j, "attname"), cols.get(j, "type")};
      bool number = col.type == "numeric" || col.type == "integer" || col.type == "bigint" ||
                    col.type == "double precision";
      const std::string& n = col.name;
      if (number && (n.rfind("current_", 0) == 0 || n.rfind("avg_", 0) == 0 ||
                     (n.size() > 3 && n.compare(n.size() - 3, 3, "_7d") == 0)))
        metrics.push_back(n);
      list.push_back(col);
    }
    s.columns.push_back(list);
    if (t.get(i, "resource") == "t") {
      s.resource_tables.push_back(name);
      s.metric_columns.push_back(metrics);
    }
  }
  return s;
}

std::string count_rows_sql(const Schema& s, const std::string& account) {
  std::string q = "SELECT 0";
  for (const auto& t : s.account_tables)
    q += " + (SELECT count(*) FROM finsim." + ident(t) + " WHERE account_id = " + literal(account) + ")";
  return q;
}

namespace {
std::string column_list(const std::vector<Column>& cols, const std::string& prefix, const std::string& account) {
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i) out += ", ";
    if (account.empty()) out += ident(cols[i].name);
    else if (cols[i].name == "account_id") out += literal(account) + "::uuid";
    else out += prefix + ident(cols[i].name);
  }
  return out;
}

std::string metric_set(const std::vector<std::string>& metrics) {
  if (metrics.empty()) return "updated_at = updated_at";
  std::string out;
  for (size_t i = 0; i < metrics.size(); ++i) {
    if (i) out += ", ";
    out += ident(metrics[i]) + " = " + ident(metrics[i]);
  }
  return out;
}

const char* kPayload =
    "jsonb_build_object('cpu_avg', 1.0, 'cpu_max', 2.0, 'memory_avg', 3.0, 'network', 4.0, 'disk', 5.0)";

std::string next_day(const std::string& account) {
  return "(finsim.now(" + literal(account) + ") + interval '1 day')::date";
}

// The guide's waste predicates over t (the resource) and a (its cloud_accounts row).
struct Predicate {
  const char* table;
  const char* where;
};
const Predicate kPredicates[] = {
    {"instances", "t.state = 'running' AND t.avg_cpu_7d < 5"},
    {"instances", "t.state = 'stopped'"},
    {"instances", "t.env = 'preview' AND t.launch_time < a.virtual_time - interval '7 days'"},
    {"autoscaling_groups", "t.current_utilization < 30"},
    {"lambda_functions", "t.provisioned_concurrency > 0 AND t.invocations_7d < 1000"},
    {"lambda_functions", "t.memory_mb >= 1024 AND t.avg_duration_ms_7d < 1000"},
    {"container_nodes", "t.state = 'running' AND t.avg_cpu_7d < 30"},
    {"container_nodes", "t.has_gpu AND coalesce(t.avg_gpu_7d, 0) < 5"},
    {"container_services", "t.requested_cpu > 2 * t.avg_cpu_7d"},
    {"volumes", "t.state = 'available'"},
    {"volumes", "t.volume_type IN ('io1', 'io2') AND coalesce(t.avg_iops_7d, 0) < 3000"},
    {"volumes", "t.last_used_at < a.virtual_time - interval '30 days'"},
    {"snapshots", "NOT EXISTS (SELECT 1 FROM finsim.volumes v WHERE v.account_id = t.account_id"
                  " AND v.volume_id = t.source_volume_id)"},
    {"s3_buckets", "t.lifecycle_policy IS NULL"},
    {"rds_instances", "t.state = 'available' AND t.avg_cpu_7d < 20"},
    {"rds_instances", "t.avg_connections_7d < 10"},
    {"rds_instances", "t.state = 'stopped'"},
    {"cache_clusters", "t.avg_cpu_7d < 10"},
    {"cache_clusters", "t.env IN ('dev', 'staging') AND t.num_nodes > 1"},
    {"load_balancers", "coalesce(t.avg_request_count_7d, 0) < 1"},
    {"elastic_ips", "t.associated_instance_id IS NULL AND t.associated_lb_arn IS NULL"},
    {"log_groups", "t.retention_days IS NULL"},
    {"managed_services", "t.avg_cpu_7d < 20"},
    {"streaming_clusters", "t.avg_usage_mbps_7d < 0.3 * t.provisioned_throughput_mbps"},
};

std::string account_filter(const std::string& account) {
  return account.empty() ? "" : " AND t.account_id = " + literal(account) + "::uuid";
}

// t.x -> r.x and a.virtual_time -> r.vt for the per-row peer.
std::string per_row(const std::string& where) {
  std::string out;
  for (size_t i = 0; i < where.size(); ++i) {
    bool boundary = i == 0 || !(std::isalnum(static_cast<unsigned char>(where[i - 1])) || where[i - 1] == '_');
    if (boundary && where.compare(i, 14, "a.virtual_time") == 0) {
      out += "r.vt";
      i += 13;
    } else if (boundary && where.compare(i, 2, "t.") == 0) {
      out += "r.";
      i += 1;
    } else {
      out += where[i];
    }
  }
  return out;
}
}  // namespace

std::string generator_floor_sql(const Schema& s, const std::string& src, const std::string& dst) {
  std::string q;
  for (size_t i = 0; i < s.account_tables.size(); ++i) {
    const auto& t = s.account_tables[i];
    q += "INSERT INTO finsim." + ident(t) + " (" + column_list(s.columns[i], "", "") + ") SELECT " +
         column_list(s.columns[i], "", dst) + " FROM finsim." + ident(t) + " WHERE account_id = " + literal(src) +
         ";\n";
  }
  return q;
}

std::string generator_peer_sql(const Schema& s, const std::string& src, const std::string& dst) {
  std::string q = "DO $peer$\nDECLARE r record;\nBEGIN\n";
  for (size_t i = 0; i < s.account_tables.size(); ++i) {
    const auto& t = s.account_tables[i];
    q += "  FOR r IN SELECT * FROM finsim." + ident(t) + " WHERE account_id = " + literal(src) + " LOOP\n" +
         "    INSERT INTO finsim." + ident(t) + " (" + column_list(s.columns[i], "", "") + ") VALUES (" +
         column_list(s.columns[i], "r.", dst) + ");\n  END LOOP;\n";
  }
  return q + "END\n$peer$;";
}

std::string drift_floor_sql(const Schema& s, const std::string& account) {
  std::string q;
  for (size_t i = 0; i < s.resource_tables.size(); ++i) {
    const auto& t = s.resource_tables[i];
    q += "UPDATE finsim." + ident(t) + " SET " + metric_set(s.metric_columns[i]) + " WHERE account_id = " +
         literal(account) + ";\n";
    q += "INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload,"
         " estimated_daily_cost) SELECT account_id, " + literal(t) + ", id::text, " + next_day(account) + ", " +
         kPayload + ", 0 FROM finsim." + ident(t) + " WHERE account_id = " + literal(account) + ";\n";
  }
  return q;
}

std::string drift_peer_sql(const Schema& s, const std::string& account) {
  std::string q = "DO $peer$\nDECLARE r record; d date := " + next_day(account) + ";\nBEGIN\n";
  for (size_t i = 0; i < s.resource_tables.size(); ++i) {
    const auto& t = s.resource_tables[i];
    q += "  FOR r IN SELECT id FROM finsim." + ident(t) + " WHERE account_id = " + literal(account) + " LOOP\n" +
         "    UPDATE finsim." + ident(t) + " SET " + metric_set(s.metric_columns[i]) + " WHERE account_id = " +
         literal(account) + " AND id = r.id;\n" +
         "    INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload,"
         " estimated_daily_cost) VALUES (" + literal(account) + ", " + literal(t) + ", r.id::text, d, " + kPayload +
         ", 0);\n  END LOOP;\n";
  }
  return q + "END\n$peer$;";
}

std::vector<std::string> detection_floor_sql(const std::string& account) {
  std::vector<std::string> out;
  for (const auto& p : kPredicates)
    out.push_back(std::string("SELECT count(*) FROM finsim.") + p.table +
                  " t JOIN finsim.cloud_accounts a ON a.id = t.account_id WHERE (" + p.where + ")" +
                  account_filter(account));
  return out;
}

std::string detection_peer_sql(const std::string& account) {
  std::string q = "DO $peer$\nDECLARE r record; n bigint := 0;\nBEGIN\n";
  for (const auto& p : kPredicates) {
    q += std::string("  FOR r IN SELECT t.*, a.virtual_time AS vt FROM finsim.") + p.table +
         " t JOIN finsim.cloud_accounts a ON a.id = t.account_id WHERE true" + account_filter(account) +
         " LOOP\n    IF " + per_row(p.where) + " THEN n := n + 1; END IF;\n  END LOOP;\n";
  }
  return q + "END\n$peer$;";
}

std::vector<std::string> registry_floor_sql(Conn& c, bool per_account) {
  std::vector<std::string> out;
  try {
    if (c.value("SELECT to_regprocedure('finsim._waste_sql(text)') IS NOT NULL "
                "AND has_function_privilege('finsim._waste_sql(text)', 'EXECUTE')") != "t")
      return out;
    Result r = c.exec("SELECT sql FROM finsim._waste_sql($1)", {std::string(per_account ? "account" : "all")});
    // count(f.*), not count(*): with count(*) the planner replaces the sub-select's unused
    // output columns by NULLs, so savings, params and evidence were never computed and the
    // floor did only the predicates (that was most of the 1.84 this harness once measured).
    // The whole-row reference makes every pattern's query produce its complete rows, as
    // waste_findings() does; the finsim side is wrapped the same way.
    for (int i = 0; i < r.rows(); ++i) out.push_back("SELECT count(f.*) FROM (" + r.get(i, 0) + ") f");
  } catch (const DbError&) {
    out.clear();
  }
  return out;
}

}  // namespace finsim_client
