#include "core/actions_registry.hpp"

#include <algorithm>
#include <cstdio>

#include "core/catalog.hpp"
#include "core/clip.hpp"
#include "core/pricing.hpp"
#include "core/retention.hpp"

namespace finsim::actions {
namespace {

using core::clipped;

Param integer(const char* name, double min, double max, bool required, const char* what) {
  return {name, Kind::Integer, min, max, required, what};
}
Param number(const char* name, double min, double max, int scale, bool required, const char* what) {
  return {name, Kind::Number, min, max, required, what, scale};
}
Param of(const char* name, Kind kind, bool required, const char* what) {
  return {name, kind, 0, 0, required, what};
}
// An optional boolean switch (default false).
Param flag(const char* name, const char* what) { return of(name, Kind::Boolean, false, what); }

const std::vector<Action> kActions = {
    {"terminate_instance", {"instances"},
     {flag("delete_volumes",
           "also delete its attached volumes (default false: they are detached and keep costing)"),
      flag("release_eips",
           "also release its Elastic IPs (default false: they become unassociated and are billed)")},
     false,
     "Terminates the instance (state terminated, no further cost); its volumes are detached "
     "(state available; with delete_volumes: deleted) and its Elastic IPs disassociated "
     "(state unassociated, billed as such; with release_eips: released).", false, Impact::removes},
    {"stop_instance", {"instances"}, {}, false,
     "Stops a running instance: compute billing stops, attached volumes keep costing.", false, Impact::stops},
    {"start_instance", {"instances"}, {}, false, "Starts a stopped instance."},
    {"rightsize_instance", {"instances"},
     {of("instance_type", Kind::Ec2Type, true, "target EC2 instance type"),
      flag("allow_family_change", "allow a type of another family (default false)")},
     false, "Changes the instance type and re-prices hourly_cost and gpu_hourly_cost."},
    {"schedule_instance", {"instances"},
     {of("hours", Kind::Schedule, true,
         "run schedule: 'weekdays HH-HH' or 'daily HH-HH' (00 <= start < end <= 24)")},
     false, "Sets instances.schedule; billing counts only the running fraction of the week."},
    {"resize_asg", {"autoscaling_groups"},
     {integer("min_size", 0, 10000, false, "minimum size"),
      integer("desired_capacity", 0, 10000, false, "desired capacity"),
      integer("max_size", 0, 10000, false, "maximum size"),
      of("instance_type", Kind::Ec2Type, false, "launch instance type of the group")},
     true,
     "Changes the group's sizes and/or instance type. Running members beyond the new "
     "desired_capacity are terminated, newest launch first; a new instance_type re-types "
     "and re-prices the running members."},
    {"set_lambda_concurrency", {"lambda_functions"},
     {integer("provisioned_concurrency", 0, 100000, true, "provisioned concurrency")}, false,
     "Sets provisioned concurrency and re-prices estimated_monthly_cost."},
    {"set_lambda_memory", {"lambda_functions"},
     {integer("memory_mb", 128, 10240, true, "memory in MB")}, false,
     "Sets the memory size and re-prices estimated_monthly_cost."},
    {"set_lambda_timeout", {"lambda_functions"},
     {integer("timeout_seconds", 1, 900, true, "timeout in seconds")}, false,
     "Sets the timeout (no cost change)."},
    {"resize_cluster", {"container_clusters"},
     {integer("min_nodes", 0, 10000, false, "minimum nodes"),
      integer("desired_nodes", 0, 10000, false, "desired nodes"),
      integer("max_nodes", 0, 10000, false, "maximum nodes"),
      of("node_instance_type", Kind::Ec2Type, false, "worker node instance type")},
     true,
     "Changes the node group sizes and/or node type and re-prices estimated_hourly_cost "
     "(control plane + desired_nodes x node price). Running nodes beyond desired_nodes are "
     "stopped, newest first."},
    {"remove_node", {"container_nodes"},
     {flag("lower_min_nodes",
           "lower the cluster's min_nodes with desired_nodes when it is at its minimum (default false)")},
     false,
     "Removes a worker node. A running node: state stopped (no cost) and the cluster's "
     "desired_nodes decreases by one (refused below min_nodes unless lower_min_nodes). A "
     "stopped node (bills nothing): its row is deleted, the cluster unchanged.", false, Impact::removes},
    {"set_service_requests", {"container_services"},
     {number("requested_cpu", 0, 1024, 3, false,
             "CPU cores requested per replica (stored rounded to 3 decimals: millicores)"),
      integer("requested_memory_mb", 0, 1048576, false, "memory MB requested per replica"),
      integer("replica_count", 0, 10000, false, "replica count")},
     true, "Changes the service's requests and replicas."},
    {"delete_volume", {"volumes"},
     {flag("snapshot_first", "create a snapshot of the volume first (default false)"),
      flag("force_detach",
           "detach an in-use volume from its instance first (default false: refused while in-use)")},
     false,
     "Deletes a volume (state deleted, no cost); refused while in-use unless force_detach. "
     "With snapshot_first a snapshots row snap-<hash> is created first (and billed).", false, Impact::removes},
    {"modify_volume_type", {"volumes"},
     {of("volume_type", Kind::VolumeType, true, "gp2, gp3, io1, io2, st1 or sc1")}, false,
     "Changes the volume type and re-prices monthly_cost."},
    {"delete_snapshot", {"snapshots"}, {}, false, "Deletes the snapshot row.", false, Impact::removes},
    {"set_snapshot_retention", {"snapshots"},
     {of("retention_policy", Kind::Retention, true,
         "'daily-N', 'weekly-N' or 'monthly-N': kept N, N x 7 or N x 30 days after created_at")},
     false,
     "Puts the snapshot under a retention policy: the drift engine deletes it on the first "
     "virtual day when created_at + the policy's interval has passed, and the volume's "
     "future daily backups inherit the policy."},
    {"set_s3_lifecycle", {"s3_buckets"},
     {of("lifecycle_policy", Kind::Object, true,
         "e.g. {\"transition_ia_days\":30,\"transition_glacier_days\":90,\"expire_days\":365}")},
     false, "Sets the bucket's lifecycle policy (the drift engine moves data between tiers)."},
    {"resize_rds", {"rds_instances"},
     {of("instance_class", Kind::RdsClass, true, "target RDS instance class"),
      flag("allow_family_change", "allow a class of another family (default false)")},
     false, "Changes the instance class and re-prices hourly_cost."},
    {"stop_rds", {"rds_instances"}, {}, false,
     "Stops an available database: compute billing stops, storage keeps costing.", false, Impact::stops},
    {"delete_rds", {"rds_instances"},
     {flag("final_snapshot", "keep a final snapshot (a snapshots row rds-final-<db_instance_id>)")},
     false, "Deletes the database row (optionally after a final snapshot).", false, Impact::removes},
    {"resize_cache", {"cache_clusters"},
     {of("node_type", Kind::CacheNode, false, "target node type"),
      integer("num_nodes", 1, 500, false, "number of nodes")},
     true, "Changes node type and/or count and re-prices hourly_cost."},
    {"delete_load_balancer", {"load_balancers"}, {}, false,
     "Deletes the load balancer row; Elastic IPs associated with it become unassociated.", false, Impact::removes},
    {"release_eip", {"elastic_ips"}, {}, false,
     "Releases an unassociated Elastic IP (deletes the row); refused while associated.", false, Impact::removes},
    {"set_log_retention", {"log_groups"},
     {integer("retention_days", 1, 3653, true, "retention in days")}, false,
     "Sets the log group's retention (stored logs older than that are dropped by drift)."},
    {"resize_managed_service", {"managed_services"},
     {of("instance_type", Kind::String, false, "node type priced for the service type"),
      integer("node_count", 0, 1000, false, "number of nodes")},
     true, "Changes the node type and/or count and re-prices hourly_cost."},
    {"resize_stream", {"streaming_clusters"},
     {integer("shard_count", 1, 100000, false, "shards (Kinesis) or brokers (Kafka/MSK)"),
      integer("retention_hours", 24, 8760, false, "retention in hours")},
     true, "Changes shards/brokers and/or retention and re-prices hourly_cost."},
    {"revoke_api_client", {"api_clients"}, {}, false,
     "Revokes the API key (revoked_at = virtual now): it can no longer log in.", false, Impact::removes},
    {"recommend",
     {"instances", "autoscaling_groups", "lambda_functions", "container_clusters",
      "container_nodes", "container_services", "volumes", "snapshots", "s3_buckets",
      "rds_instances", "cache_clusters", "load_balancers", "elastic_ips",
      "data_transfer_daily", "log_groups", "commitments", "managed_services",
      "streaming_clusters", "api_clients"},
     {}, false,
     "Records a recommendation (outcome recommended, a finsim.recommendations row with the "
     "params as given) and changes nothing, whatever the resource's policy. Params are "
     "descriptive (any keys, e.g. a waste finding's advice).",
     true, Impact::records},
};

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string number_text(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// An exact decimal: (neg ? -1 : 1) x 0.<digits> x 10^point, digits without leading or
// trailing zeros (empty: zero).
struct Decimal {
  bool neg = false;
  std::string digits;
  long point = 0;
};

constexpr long kMaxExponent = 1000000;  // far beyond numeric's range; absurd above

std::optional<Decimal> parse_decimal(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = 0;
  Decimal d;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) d.neg = s[i++] == '-';
  std::string all;
  long int_digits = 0;
  while (i < s.size() && digit(s[i])) all += s[i++], ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && digit(s[i])) all += s[i++];
  }
  if (all.empty()) return std::nullopt;
  long exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_neg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) exp_neg = s[i++] == '-';
    size_t start = i;
    while (i < s.size() && digit(s[i])) {
      exp = exp * 10 + (s[i++] - '0');
      if (exp > kMaxExponent) return std::nullopt;
    }
    if (i == start) return std::nullopt;
    if (exp_neg) exp = -exp;
  }
  if (i != s.size()) return std::nullopt;
  size_t lead = all.find_first_not_of('0');
  if (lead == std::string::npos) return Decimal{};  // zero (also "-0")
  size_t trail = all.find_last_not_of('0');
  d.digits = all.substr(lead, trail - lead + 1);
  d.point = int_digits - static_cast<long>(lead) + exp;
  return d;
}

int compare(const Decimal& a, const Decimal& b) {
  int sa = a.digits.empty() ? 0 : a.neg ? -1 : 1;
  int sb = b.digits.empty() ? 0 : b.neg ? -1 : 1;
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int mag = 0;
  if (a.point != b.point) {
    mag = a.point < b.point ? -1 : 1;
  } else {
    for (size_t k = 0; k < std::max(a.digits.size(), b.digits.size()) && mag == 0; ++k) {
      char ca = k < a.digits.size() ? a.digits[k] : '0';
      char cb = k < b.digits.size() ? b.digits[k] : '0';
      if (ca != cb) mag = ca < cb ? -1 : 1;
    }
  }
  return sa * mag;
}

std::string names_of(const Action& a) {
  std::string s;
  for (const auto& p : a.params) s += (s.empty() ? "" : ", ") + p.name;
  return s.empty() ? "(none)" : s;
}

std::optional<Problem> check_value(const Action& a, const Param& p, const Given& g) {
  auto wrong_type = [&](const char* want) {
    return Problem{"parameter \"" + p.name + "\" of action " + a.name + " must be " + want +
                       ", got JSON " + g.json_type,
                   "finsim.actions() lists every parameter with its type and range."};
  };
  auto range = [&]() {
    return Problem{"parameter \"" + p.name + "\" of action " + a.name + " is out of range: " +
                       clipped(g.text),
                   "\"" + p.name + "\" must be between " + number_text(p.min) + " and " +
                       number_text(p.max) + "."};
  };
  switch (p.kind) {
    case Kind::Integer:
    case Kind::Number: {
      if (g.json_type != "number") return wrong_type(p.kind == Kind::Integer ? "an integer" : "a number");
      // Exactly, on the number's text: double precision would take 1024.0000000000000001
      // for 1024 and 2.0000000000000001 for an integer.
      auto whole = is_whole_decimal(g.text);
      if (!whole) return range();  // not a finite decimal (cannot come from jsonb)
      if (p.kind == Kind::Integer && !*whole) return wrong_type("an integer");
      if (*compare_decimal(g.text, p.min) < 0 || *compare_decimal(g.text, p.max) > 0) return range();
      return std::nullopt;
    }
    case Kind::Boolean:
      if (g.json_type != "boolean") return wrong_type("a boolean");
      return std::nullopt;
    case Kind::Object:
      if (g.json_type != "object") return wrong_type("a JSON object");
      return std::nullopt;
    default:
      break;
  }
  if (g.json_type != "string") return wrong_type("a string");
  if (g.text.empty())
    return Problem{"parameter \"" + p.name + "\" must not be empty",
                   p.kind == Kind::Retention ? core::kRetentionGrammar : ""};
  switch (p.kind) {
    case Kind::Ec2Type:
      if (!catalog::price("ec2", g.text))
        return Problem{"unknown instance type \"" + clipped(g.text) + "\" for parameter \"" + p.name + "\"",
                       "Use an EC2 instance type of the price catalog, e.g. m5.large or t3.medium."};
      return std::nullopt;
    case Kind::RdsClass:
      if (!catalog::price("rds", g.text))
        return Problem{"unknown RDS instance class \"" + clipped(g.text) + "\"",
                       "Use a class such as db.r5.large or db.m5.large."};
      return std::nullopt;
    case Kind::CacheNode:
      if (!catalog::price("elasticache", g.text))
        return Problem{"unknown ElastiCache node type \"" + clipped(g.text) + "\"",
                       "Use a node type such as cache.r6g.large."};
      return std::nullopt;
    case Kind::VolumeType:
      if (!catalog::price("ebs", g.text))
        return Problem{"unknown volume type \"" + clipped(g.text) + "\"",
                       "volume_type is one of gp2, gp3, io1, io2, st1, sc1."};
      return std::nullopt;
    case Kind::Schedule:
      if (!pricing::schedule_fraction(g.text))
        return Problem{"invalid schedule \"" + clipped(g.text) + "\"",
                       "Use 'weekdays HH-HH' or 'daily HH-HH' with 00 <= start < end <= 24, "
                       "e.g. 'weekdays 08-20'."};
      return std::nullopt;
    case Kind::Retention:
      if (!core::retention_days(g.text))
        return Problem{"invalid retention policy \"" + clipped(g.text) + "\" for parameter \"" +
                           p.name + "\"",
                       core::kRetentionGrammar};
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

const std::vector<Action>& all() { return kActions; }

const char* impact_name(Impact i) {
  switch (i) {
    case Impact::records: return "records";
    case Impact::reshapes: return "reshapes";
    case Impact::stops: return "stops";
    case Impact::removes: return "removes";
  }
  return "reshapes";
}

std::optional<int> compare_decimal(std::string_view number, double whole_bound) {
  auto a = parse_decimal(number);
  auto b = parse_decimal(number_text(whole_bound));
  if (!a || !b) return std::nullopt;
  return compare(*a, *b);
}

std::optional<bool> is_whole_decimal(std::string_view number) {
  auto d = parse_decimal(number);
  if (!d) return std::nullopt;
  return d->digits.empty() || static_cast<long>(d->digits.size()) <= d->point;
}

std::vector<Rounding> roundings(const Action& a, const std::vector<Given>& params) {
  std::vector<Rounding> out;
  for (const auto& g : params)
    for (const auto& p : a.params)
      if (p.name == g.key && (p.kind == Kind::Integer || p.kind == Kind::Number))
        out.push_back({p.name, p.kind == Kind::Number ? p.scale : 0});
  return out;
}

const Action* find(std::string_view name) {
  for (const auto& a : kActions)
    if (a.name == name) return &a;
  return nullptr;
}

bool supports(std::string_view finding_action, bool finding_saves, std::string_view act) {
  if (finding_action == act) return true;
  if (!finding_saves) return false;
  const Action* a = find(act);
  const Action* f = find(finding_action);
  return a && f && a->impact < f->impact;
}

std::optional<Problem> validate(const Action& a, std::string_view resource_type,
                                const std::vector<Given>& params) {
  bool type_ok = false;
  std::string types;
  for (const auto& t : a.resource_types) {
    type_ok = type_ok || t == resource_type;
    types += (types.empty() ? "" : ", ") + t;
  }
  if (!type_ok)
    return Problem{"action " + a.name + " does not apply to resource type \"" +
                       std::string(resource_type) + "\"",
                   "Action " + a.name + " applies to: " + types + "."};
  for (const auto& g : params) {
    if (a.free_params) break;
    const Param* p = nullptr;
    for (const auto& q : a.params)
      if (q.name == g.key) p = &q;
    if (!p)
      return Problem{"unknown parameter \"" + clipped(g.key) + "\" for action " + a.name,
                     "Parameters of " + a.name + ": " + names_of(a) + "."};
    if (auto problem = check_value(a, *p, g)) return problem;
  }
  for (const auto& p : a.params) {
    if (!p.required) continue;
    bool given = false;
    for (const auto& g : params) given = given || g.key == p.name;
    if (!given)
      return Problem{"action " + a.name + " requires parameter \"" + p.name + "\"",
                     "Parameters of " + a.name + ": " + names_of(a) + "."};
  }
  if (a.needs_some_param && params.empty())
    return Problem{"action " + a.name + " needs at least one parameter",
                   "Parameters of " + a.name + ": " + names_of(a) + "."};
  return std::nullopt;
}

std::string kind_name(Kind kind) {
  switch (kind) {
    case Kind::Integer: return "integer";
    case Kind::Number: return "number";
    case Kind::Boolean: return "boolean";
    case Kind::Ec2Type: return "ec2_instance_type";
    case Kind::RdsClass: return "rds_instance_class";
    case Kind::CacheNode: return "cache_node_type";
    case Kind::VolumeType: return "volume_type";
    case Kind::Schedule: return "schedule";
    case Kind::Retention: return "retention_policy";
    case Kind::String: return "string";
    case Kind::Object: return "object";
  }
  return "string";
}

std::string params_json(const Action& a) {
  std::string out = "{";
  bool first = true;
  for (const auto& p : a.params) {
    out += first ? "" : ", ";
    first = false;
    out += json_string(p.name) + ": {\"type\": " + json_string(kind_name(p.kind));
    if (p.kind == Kind::Integer || p.kind == Kind::Number)
      out += ", \"min\": " + number_text(p.min) + ", \"max\": " + number_text(p.max);
    if (p.kind == Kind::Number) out += ", \"scale\": " + std::to_string(p.scale);
    out += std::string(", \"required\": ") + (p.required ? "true" : "false");
    out += ", \"description\": " + json_string(p.description) + "}";
  }
  return out + "}";
}

}  // namespace finsim::actions
