// The waste-pattern registry (see patterns.hpp).  Prices come from the catalog through
// finsim.try_price(service, type, region) (USD per unit, regional), 730 hours a month.
#include "core/patterns.hpp"

#include <set>

namespace finsim::patterns {
namespace {

#define INST_MONTHLY "((r.hourly_cost + r.gpu_hourly_cost) * 730)"
// What a running instance bills a month: INST_MONTHLY x the running share of its schedule
// (as finsim.resource_costs bills it).
#define SCHED "finsim.schedule_fraction(r.schedule)"
// The schedule finsim recommends for dev/staging (dev_always_on, managed_always_on), and its
// running share of the week.
#define OFFICE_HOURS "'weekdays 08-20'"
#define OFFICE_SHARE "finsim.schedule_fraction(" OFFICE_HOURS ")"
#define INST_BILLED "(" INST_MONTHLY " * " SCHED ")"
// What an action starts billing when it frees Elastic IPs (they become unassociated and
// are re-priced): delete_load_balancer.
#define EIPS_FREED(key) "(SELECT coalesce(sum(coalesce(finsim.try_price('eip', 'unassociated', e.region), e.hourly_cost) " \
  "- e.hourly_cost), 0) * 730 FROM finsim.elastic_ips e WHERE e.account_id = r.account_id AND " key ")"
// terminate_instance params: base, plus {"release_eips": true} when Elastic IPs are associated
// with the instance (otherwise they would become unassociated and start billing).
#define INST_TERMINATE_PARAMS(base) "(" base " || CASE WHEN EXISTS (SELECT 1 FROM finsim.elastic_ips e " \
  "WHERE e.account_id = r.account_id AND e.associated_instance_id = r.instance_id) " \
  "THEN jsonb_build_object('release_eips', true) ELSE '{}'::jsonb END)"
// What terminating the instance starts billing: its Elastic IPs that are protected from agents
// (frozen, ignore, recommend_only) are only disassociated, not released, and are then billed
// as unassociated (terminate_instance {"release_eips": true}, INST_TERMINATE_PARAMS).
#define INST_EIPS_KEPT EIPS_FREED("e.associated_instance_id = r.instance_id AND NOT " MAY_CHANGE("e"))
// A dependent row the cascade of an action may change: not protected from agents
// (frozen, ignore, recommend_only: finsim._agent_protection, the rule apply_action uses).
#define MAY_CHANGE(alias) "finsim._agent_protection(" alias ".optimization_policy, " alias ".optimization_freeze_until, " NOW ") IS NULL"
// The volumes terminate_instance {"delete_volumes": true} deletes: all not yet deleted that an
// agent may change (a protected volume is only detached and keeps billing).
#define INST_VOLUMES "(SELECT coalesce(sum(v.monthly_cost), 0) FROM finsim.volumes v WHERE v.account_id = r.account_id " \
  "AND v.attached_instance_id = r.instance_id AND v.state <> 'deleted' AND " MAY_CHANGE("v") ")"
// An EC2 type's full hourly price (instance + GPU part) in the row's region.
#define EC2_FULL(type) "(" EC2(type) " + coalesce(finsim.try_price('ec2-gpu', " type ", r.region), 0))"
// A snapshot of size_gib (what delete_volume's snapshot_first / delete_rds's final_snapshot create).
// Volumes: snapshot_first only when the volume has no snapshot yet (the guide: "if no
// snapshots: create one first") and the snapshot costs less than the volume itself (an
// sc1/st1 volume is cheaper per GiB than a snapshot: it is deleted without one).
// Whether the volume has a snapshot: one index probe per volume (LIMIT 1 keeps the planner from
// hashing every account's snapshots, which a NOT EXISTS here invited, three times over: x.snap is
// used by the savings, the params and the evidence).
#define VOLUME_SNAP_JOIN "LEFT JOIN LATERAL (SELECT true AS has FROM finsim.snapshots s WHERE s.account_id = r.account_id " \
  "AND s.source_volume_id = r.volume_id LIMIT 1) hs ON true " \
  "CROSS JOIN LATERAL (SELECT hs.has IS NULL AND " SNAPSHOT_COST("r.size_gib") " < r.monthly_cost AS snap) x"
#define VOLUME_DELETE_PARAMS "jsonb_build_object('snapshot_first', x.snap)"
#define SNAPSHOT_COST(gib) "(" gib " * coalesce(finsim.try_price('ebs-snapshot', 'standard', r.region), 0.05))"
// Windows of n days are written interval '24 hours' * n: a calendar day would follow the
// session TimeZone's daylight saving (23 or 25 hours).
#define NOW "a.virtual_time"
#define EC2(type) "finsim.try_price('ec2', " type ", r.region)"
// The account's virtual date (UTC, like AWS billing days), independent of the session TimeZone.
#define TODAY "(a.virtual_time AT TIME ZONE 'UTC')::date"
// The hourly rate the resize actions bill after the change (finsim.apply_action re-prices from
// the catalog), so a saving is the row's billed hourly_cost less that rate, x 730: what the
// action takes off the bill even where a hand-written row's hourly_cost is not the catalog's.
// resize_cache: price(node_type) x nodes.
#define CACHE_RATE(type, n) "(finsim.try_price('elasticache', " type ", r.region) * " n ")"
// resize_managed_service: price(instance_type) x nodes, or the row's per-node rate when unpriced.
#define MANAGED_RATE(type, n) "(coalesce(finsim.try_price(r.service_type, " type ", r.region), " \
  "round(r.hourly_cost / nullif(r.node_count, 0), 6)) * " n ")"
// resize_stream: kinesis shards x (shard + extended-retention above 24 h); kafka/msk keep
// their per-broker rate.
#define STREAM_RATE(n, ret) "(CASE WHEN r.engine = 'kinesis' THEN " n " * coalesce(finsim.try_price('kinesis', 'shard', r.region), 0) " \
  "+ CASE WHEN " ret " > 24 THEN " n " * coalesce(finsim.try_price('kinesis', 'extended-retention', r.region), 0) ELSE 0 END " \
  "ELSE round(r.hourly_cost / nullif(r.shard_count, 0) * " n ", 6) END)"

// Per-resource vCPU / GiB rates of a container cluster's node type: half of the node price
// is attributed to CPU, half to memory.
#define CPU_RATE "(finsim.try_price('ec2', c.node_instance_type, r.region) * 0.5 / nullif(finsim._waste_vcpus(c.node_instance_type), 0))"
#define MEM_RATE "(finsim.try_price('ec2', c.node_instance_type, r.region) * 0.5 / nullif(finsim._waste_memory_gib(c.node_instance_type), 0))"
// The recommended smaller type: one size down, two below the entry's {two_sizes_below}
// CPU threshold (one when two steps are not possible).
#define SMALLER(service, type) "CROSS JOIN LATERAL (SELECT coalesce(CASE WHEN r.avg_cpu_7d < {two_sizes_below} " \
  "THEN finsim._waste_smaller('" service "', " type ", 2) END, finsim._waste_smaller('" service "', " type ", 1)) AS rec) x"
// What resize_cluster to `desired` saves: the running nodes beyond the oldest `desired`
// (created_at, instance_id) are stopped.
#define CLUSTER_NODES_STOPPED(desired) "(SELECT coalesce(sum(s.hourly_cost + s.gpu_hourly_cost), 0) * 730 FROM (" \
  "SELECT cn.hourly_cost, cn.gpu_hourly_cost FROM finsim.container_nodes cn WHERE cn.account_id = r.account_id " \
  "AND cn.cluster_id = r.id AND cn.state = 'running' AND " MAY_CHANGE("cn") " " \
  "ORDER BY cn.instance_id COLLATE \"C\" DESC, cn.id DESC LIMIT greatest((SELECT count(*) FROM finsim.container_nodes cr " \
  "WHERE cr.account_id = r.account_id AND cr.cluster_id = r.id AND cr.state = 'running') - " desired ", 0)) s)"
#define SVC_JOIN "JOIN finsim.container_clusters c ON c.account_id = r.account_id AND c.id = r.cluster_id"
// remove_node on a running node: {"lower_min_nodes": true} when the cluster is at min_nodes
// (desired_nodes - 1 < min_nodes), where a plain remove_node is refused.
// remove_node on a running node changes its cluster (desired_nodes): refused when the cluster
// is protected from agents, so such a node's waste is the cluster's (its own patterns report
// it under the cluster's policy).
#define NODE_CLUSTER_MAY_CHANGE MAY_CHANGE("c")
#define NODE_REMOVE_PARAMS "CASE WHEN c.desired_nodes - 1 < c.min_nodes THEN jsonb_build_object('lower_min_nodes', true) ELSE '{}'::jsonb END"

// What resize_asg saves when it cuts a group to `needed`: the running members it terminates
// (as many as run beyond the new desired capacity, newest launch first among the members an
// agent may change; protected ones keep running), billed as resource_costs bills them, less
// the Elastic IPs they free (unassociated, they start billing).  A group without member rows
// (hand-written) is priced by its type: (desired_capacity - needed) x price x 730.
#define ASG_MEMBERS_CUT(needed) "(SELECT coalesce(sum((m.hourly_cost + m.gpu_hourly_cost) * 730 * " \
  "finsim.schedule_fraction(m.schedule) - (SELECT coalesce(sum(coalesce(finsim.try_price('eip', 'unassociated', " \
  "e.region), e.hourly_cost) - e.hourly_cost), 0) * 730 FROM finsim.elastic_ips e WHERE e.account_id = m.account_id " \
  "AND e.associated_instance_id = m.instance_id)), 0) FROM (SELECT mm.account_id, mm.instance_id, mm.hourly_cost, " \
  "mm.gpu_hourly_cost, mm.schedule FROM finsim.instances mm WHERE mm.account_id = r.account_id " \
  "AND mm.autoscaling_group_id = r.id AND mm.state = 'running' AND " MAY_CHANGE("mm") " " \
  "ORDER BY mm.launch_time DESC NULLS FIRST, mm.instance_id COLLATE \"C\" DESC LIMIT greatest((SELECT count(*) " \
  "FROM finsim.instances mr WHERE mr.account_id = r.account_id AND mr.autoscaling_group_id = r.id " \
  "AND mr.state = 'running') - " needed ", 0)) m)"
#define ASG_SHRINK_SAVINGS(needed) "CASE WHEN EXISTS (SELECT 1 FROM finsim.instances mm WHERE " \
  "mm.account_id = r.account_id AND mm.autoscaling_group_id = r.id) THEN " ASG_MEMBERS_CUT(needed) \
  " ELSE (r.desired_capacity - " needed ") * " EC2("r.instance_type") " * 730 END"
#define ASG_SHRINK_RULE "the running members resize_asg terminates (as many as run beyond the new desired capacity, newest launch first among those not frozen, ignore or recommend_only): their bill less the Elastic IPs they free; (desired_capacity - needed) x price(instance_type) x 730 for a group without member rows"

// live: the rows that still exist as resources (a terminated instance or deleted volume is
// not tagged any more: apply_action refuses to act on it).
#define UNTAGGED(table, name, live)                                                            \
  Pattern{"untagged_resource", "governance", table,                                            \
          "Resource missing one of the required tags env, team, project (in tags or resource_tags).", \
          {{"required_tags", "[\"env\", \"team\", \"project\"]"}},                              \
          "0 (governance: cost cannot be attributed)", "recommend", name,                      \
          live "cardinality(t.missing) > 0", "0",                                              \
          "jsonb_build_object('missing_tags', to_jsonb(t.missing))",                           \
          "jsonb_build_object('missing_tags', to_jsonb(t.missing))",                           \
          "CROSS JOIN LATERAL (SELECT coalesce(array_agg(k.key ORDER BY k.ord), '{}') AS missing "     \
          "FROM unnest(ARRAY['env','team','project']) WITH ORDINALITY AS k(key, ord) "        \
          "WHERE NOT r.tags ? k.key AND NOT EXISTS (SELECT 1 FROM finsim.resource_tags rt "   \
          "WHERE rt.account_id = r.account_id AND rt.resource_type = '" table "' "            \
          "AND rt.resource_id = r.id::text AND rt.key = k.key)) t"}

const std::vector<Pattern> kPatterns = {
    // ---------------------------------------------------------------- instances
    {"idle_instance", "instance", "instances",
     "Running instance with a 7-day average CPU below the threshold: terminate it.",
     {{"avg_cpu_7d_below", "5"}},
     "(hourly_cost + gpu_hourly_cost) x 730 x schedule share, less what its protected Elastic IPs start billing (only disassociated)", "terminate_instance",
     "r.instance_id", "r.state = 'running' AND r.avg_cpu_7d < {avg_cpu_7d_below}",
     INST_BILLED " - " INST_EIPS_KEPT, INST_TERMINATE_PARAMS("'{}'::jsonb"),
     "jsonb_build_object('avg_cpu_7d', r.avg_cpu_7d, 'instance_type', r.instance_type)"},
    {"stopped_instance", "instance", "instances",
     "Instance stopped for more than the threshold (by last_active_at, or never active): its attached EBS volumes are still billed.",
     {{"stopped_days", "7"}},
     "sum of attached volumes' monthly_cost (terminated with its volumes; not the frozen, ignore or recommend_only ones, which are only detached), less what its protected Elastic IPs start billing (only disassociated)", "terminate_instance",
     "r.instance_id",
     "r.state = 'stopped' AND (r.last_active_at IS NULL OR r.last_active_at < " NOW " - interval '24 hours' * {stopped_days})",
     INST_VOLUMES " - " INST_EIPS_KEPT,
     INST_TERMINATE_PARAMS("jsonb_build_object('delete_volumes', true)"),
     "jsonb_build_object('state', r.state, 'last_active_at', r.last_active_at)"},
    {"oversized_instance", "instance", "instances",
     "Running instance with low CPU: move one size down in the same family (two sizes below the second threshold).",
     {{"avg_cpu_7d_below", "20"}, {"two_sizes_below", "10"}},
     "(hourly_cost + gpu_hourly_cost - price(recommended type incl. GPU)) x 730 x schedule share", "rightsize_instance",
     "r.instance_id",
     "r.state = 'running' AND r.avg_cpu_7d < {avg_cpu_7d_below} AND x.rec IS NOT NULL",
     "(r.hourly_cost + r.gpu_hourly_cost - " EC2_FULL("x.rec") ") * 730 * " SCHED,
     "jsonb_build_object('instance_type', x.rec)",
     "jsonb_build_object('avg_cpu_7d', r.avg_cpu_7d, 'instance_type', r.instance_type, 'recommended_type', x.rec)",
     SMALLER("ec2", "r.instance_type")},
    {"forgotten_preview", "instance", "instances",
     "Preview-environment instance launched more than the threshold ago (virtual days): terminate it.",
     {{"older_than_days", "7"}},
     "(hourly_cost + gpu_hourly_cost) x 730 x schedule share while running (0 when stopped) + attached volumes' monthly_cost (terminated with its volumes; not the frozen, ignore or recommend_only ones, which are only detached), less what its protected Elastic IPs start billing (only disassociated)", "terminate_instance",
     "r.instance_id",
     "r.env = 'preview' AND r.state <> 'terminated' AND r.launch_time < " NOW " - interval '24 hours' * {older_than_days}",
     "CASE WHEN r.state = 'running' THEN " INST_BILLED " ELSE 0 END + " INST_VOLUMES " - " INST_EIPS_KEPT,
     INST_TERMINATE_PARAMS("jsonb_build_object('delete_volumes', true)"),
     "jsonb_build_object('launch_time', r.launch_time, 'age_days', round(extract(epoch FROM " NOW " - r.launch_time) / 86400, 1))"},
    {"previous_generation_instance", "instance", "instances",
     "Running previous-generation instance (t2, m4, c4, r4…): move to the current-generation type of the same size "
     "(where the current family lacks that size, its smallest type with at least the vCPUs and memory, when it costs no more).",
     {{"previous_generation_families", "[\"t2\", \"m4\", \"c4\", \"r4\"]"}},
     "(hourly_cost + gpu_hourly_cost - price(current-generation type incl. GPU)) x 730 x schedule share", "rightsize_instance",
     "r.instance_id",
     "r.state = 'running' AND x.rec IS NOT NULL",
     "(r.hourly_cost + r.gpu_hourly_cost - " EC2_FULL("x.rec") ") * 730 * " SCHED,
     "jsonb_build_object('instance_type', x.rec, 'allow_family_change', true)",
     "jsonb_build_object('instance_type', r.instance_type, 'recommended_type', x.rec)",
     "CROSS JOIN LATERAL (SELECT finsim._waste_current_gen(r.instance_type) AS rec) x"},
    // A schedule that runs longer than the recommended one (e.g. 'daily 00-24') is no
    // schedule: setting it must not make the finding go away.  OFFICE_HOURS is the
    // recommended schedule, OFFICE_SHARE its running share of the week.
    {"dev_always_on", "instance", "instances",
     "dev/staging instance running 24/7 without a schedule, or on a schedule that runs longer than "
     "weekday office hours (weekdays 08-20): stop it nights and weekends.",
     {{"envs", "[\"dev\", \"staging\"]"}, {"schedule_savings_pct", "65"}},
     "65% of (hourly_cost + gpu_hourly_cost) x 730 without a schedule; on a longer schedule "
     "(hourly_cost + gpu_hourly_cost) x 730 x (its running share - that of weekdays 08-20)", "schedule_instance",
     "r.instance_id",
     "r.env IN ('dev', 'staging') AND r.state = 'running' AND (r.schedule IS NULL "
     "OR " SCHED " > " OFFICE_SHARE ")",
     "CASE WHEN r.schedule IS NULL THEN " INST_MONTHLY " * {schedule_savings_pct} / 100 "
     "ELSE " INST_MONTHLY " * (" SCHED " - " OFFICE_SHARE ") END",
     "jsonb_build_object('hours', " OFFICE_HOURS ")",
     "jsonb_build_object('env', r.env, 'schedule', r.schedule)"},
    // ---------------------------------------------------------------- autoscaling groups
    {"asg_overprovisioned_min", "asg", "autoscaling_groups",
     "min_size holds more instances than the load needs (needed = ceil(desired x utilization / target), at least 1).",
     {{"target_utilization", "60"}},
     ASG_SHRINK_RULE, "resize_asg",
     "r.name",
     "r.min_size > x.needed",
     ASG_SHRINK_SAVINGS("x.needed"),
     "jsonb_build_object('min_size', x.needed, 'desired_capacity', x.needed, 'max_size', r.max_size, 'instance_type', r.instance_type)",
     "jsonb_build_object('min_size', r.min_size, 'desired_capacity', r.desired_capacity, 'current_utilization', r.current_utilization, 'needed', x.needed)",
     "CROSS JOIN LATERAL (SELECT greatest(1, ceil(r.desired_capacity * r.current_utilization / {target_utilization}))::int AS needed) x"},
    {"asg_low_utilization", "asg", "autoscaling_groups",
     "Group utilization below the threshold: shrink desired capacity to what the load needs at the target utilization.",
     {{"current_utilization_below", "30"}, {"target_utilization", "60"}},
     ASG_SHRINK_RULE, "resize_asg",
     "r.name",
     "r.current_utilization < {current_utilization_below} AND r.desired_capacity > x.needed",
     ASG_SHRINK_SAVINGS("x.needed"),
     "jsonb_build_object('min_size', least(r.min_size, x.needed), 'desired_capacity', x.needed, 'max_size', r.max_size, 'instance_type', r.instance_type)",
     "jsonb_build_object('current_utilization', r.current_utilization, 'desired_capacity', r.desired_capacity, 'needed', x.needed)",
     "CROSS JOIN LATERAL (SELECT greatest(1, ceil(r.desired_capacity * r.current_utilization / {target_utilization}))::int AS needed) x"},
    // ---------------------------------------------------------------- lambda
    {"lambda_unused_provisioned_concurrency", "lambda", "lambda_functions",
     "Provisioned concurrency with few invocations in 7 days: remove it.",
     {{"invocations_7d_below", "1000"}},
     "provisioned_concurrency x memory_mb/1024 GB x provisioned-concurrency price x 730 x 3600 s, at most estimated_monthly_cost", "set_lambda_concurrency",
     "r.name",
     "r.provisioned_concurrency > 0 AND r.invocations_7d < {invocations_7d_below}",
     "least(r.provisioned_concurrency * r.memory_mb / 1024.0 * finsim.try_price('lambda', 'provisioned-concurrency', r.region) * 730 * 3600, "
     "r.estimated_monthly_cost)",
     "jsonb_build_object('provisioned_concurrency', 0)",
     "jsonb_build_object('provisioned_concurrency', r.provisioned_concurrency, 'invocations_7d', r.invocations_7d)"},
    {"lambda_oversized_memory", "lambda", "lambda_functions",
     "1024 MB or more for a short function (average duration below the threshold): halve the memory.",
     {{"memory_mb_at_least", "1024"}, {"avg_duration_ms_below", "1000"}},
     "half of the GB-s cost: invocations_7d x 730/168 x duration s x (memory_mb - new)/1024 x duration price, plus provisioned concurrency on the removed GB; at most estimated_monthly_cost", "set_lambda_memory",
     "r.name",
     "r.memory_mb >= {memory_mb_at_least} AND r.avg_duration_ms_7d < {avg_duration_ms_below}",
     "least((r.invocations_7d * 730 / 168.0 * r.avg_duration_ms_7d / 1000.0 * (r.memory_mb - r.memory_mb / 2) / 1024.0 "
     "* finsim.try_price('lambda', 'duration', r.region)) + r.provisioned_concurrency * (r.memory_mb - r.memory_mb / 2) / 1024.0 "
     "* finsim.try_price('lambda', 'provisioned-concurrency', r.region) * 730 * 3600, r.estimated_monthly_cost)",
     "jsonb_build_object('memory_mb', greatest(128, r.memory_mb / 2))",
     "jsonb_build_object('memory_mb', r.memory_mb, 'avg_duration_ms_7d', r.avg_duration_ms_7d)"},
    {"lambda_excessive_timeout", "lambda", "lambda_functions",
     "Timeout of the threshold or more, far above the real duration: set it to 3x the average duration (at least 30 s).",
     {{"timeout_seconds_at_least", "300"}},
     "0 (limits runaway cost; no steady-state saving)", "set_lambda_timeout",
     "r.name",
     "r.timeout_seconds >= {timeout_seconds_at_least} AND x.t < r.timeout_seconds",
     "0", "jsonb_build_object('timeout_seconds', x.t)",
     "jsonb_build_object('timeout_seconds', r.timeout_seconds, 'avg_duration_ms_7d', r.avg_duration_ms_7d)",
     "CROSS JOIN LATERAL (SELECT greatest(30, ceil(r.avg_duration_ms_7d * 3 / 1000.0))::int AS t) x"},
    // ---------------------------------------------------------------- containers
    {"cluster_overprovisioned", "container", "container_clusters",
     "Average CPU of the cluster's running nodes below the threshold: fewer nodes at the target utilization.",
     {{"avg_node_cpu_below", "30"}, {"target_utilization", "60"}},
     "billed cost of the running nodes beyond needed (the ones resize_cluster stops, newest first) x 730", "resize_cluster",
     "r.name",
     "n.cpu < {avg_node_cpu_below} AND r.desired_nodes > x.needed",
     CLUSTER_NODES_STOPPED("x.needed"),
     "jsonb_build_object('min_nodes', least(r.min_nodes, x.needed), 'desired_nodes', x.needed, 'node_instance_type', r.node_instance_type)",
     "jsonb_build_object('avg_node_cpu', round(n.cpu, 2), 'desired_nodes', r.desired_nodes, 'needed', x.needed)",
     "CROSS JOIN LATERAL (SELECT avg(cn.avg_cpu_7d) AS cpu FROM finsim.container_nodes cn "
     "WHERE cn.account_id = r.account_id AND cn.cluster_id = r.id AND cn.state = 'running') n "
     "CROSS JOIN LATERAL (SELECT greatest(1, ceil(r.desired_nodes * n.cpu / {target_utilization}))::int AS needed) x"},
    {"cluster_high_min", "container", "container_clusters",
     "Non-prod cluster with min_nodes above the threshold: min 1 (and desired 1 when desired = min).",
     {{"nonprod_min_nodes_above", "1"}},
     "billed cost of the running nodes beyond the new desired (the ones resize_cluster stops, newest first) x 730", "resize_cluster",
     "r.name",
     "r.env <> 'prod' AND r.min_nodes > {nonprod_min_nodes_above}",
     CLUSTER_NODES_STOPPED("x.d"),
     "jsonb_build_object('min_nodes', 1, 'desired_nodes', x.d, 'node_instance_type', r.node_instance_type)",
     "jsonb_build_object('env', r.env, 'min_nodes', r.min_nodes, 'desired_nodes', r.desired_nodes)",
     "CROSS JOIN LATERAL (SELECT CASE WHEN r.desired_nodes = r.min_nodes THEN 1 ELSE r.desired_nodes END AS d) x"},
    {"node_underutilized", "container", "container_nodes",
     "Running node with a 7-day average CPU below the threshold: remove it (lowering the cluster's min_nodes when it is at its minimum).",
     {{"avg_cpu_7d_below", "30"}},
     "(hourly_cost + gpu_hourly_cost) x 730", "remove_node",
     "r.instance_id", "r.state = 'running' AND r.avg_cpu_7d < {avg_cpu_7d_below} AND " NODE_CLUSTER_MAY_CHANGE,
     INST_MONTHLY, NODE_REMOVE_PARAMS,
     "jsonb_build_object('avg_cpu_7d', r.avg_cpu_7d, 'instance_type', r.instance_type, 'cluster_min_nodes', c.min_nodes, 'cluster_desired_nodes', c.desired_nodes)",
     SVC_JOIN},
    {"node_orphaned", "container", "container_nodes",
     "Stopped node in a healthy cluster (one with running nodes): remove it (clean-up; a stopped node is not billed).",
     {},
     "0 (a stopped node bills nothing in finsim.resource_costs; removing it deletes the row)", "remove_node",
     "r.instance_id",
     "r.state = 'stopped' AND EXISTS (SELECT 1 FROM finsim.container_nodes o WHERE o.account_id = r.account_id "
     "AND o.cluster_id = r.cluster_id AND o.state = 'running')",
     "0", "'{}'::jsonb", "jsonb_build_object('state', r.state, 'stopped_node_monthly_rate', round(" INST_MONTHLY ", 2))"},
    {"node_unused_gpu", "container", "container_nodes",
     "Running GPU node whose 7-day GPU utilization is unknown or below the threshold: remove it (lowering the cluster's min_nodes when it is at its minimum).",
     {{"avg_gpu_7d_below", "5"}},
     "(hourly_cost + gpu_hourly_cost) x 730", "remove_node",
     "r.instance_id",
     "r.state = 'running' AND r.has_gpu AND coalesce(r.avg_gpu_7d, 0) < {avg_gpu_7d_below} AND " NODE_CLUSTER_MAY_CHANGE,
     INST_MONTHLY, NODE_REMOVE_PARAMS,
     "jsonb_build_object('gpu_count', r.gpu_count, 'avg_gpu_7d', r.avg_gpu_7d)", SVC_JOIN},
    {"service_overrequested_cpu", "container", "container_services",
     "Service using less than the threshold fraction of its requested CPU: request 1.3x the usage (at least 0.1 vCPU).",
     {{"used_fraction_below", "0.5"}},
     "replicas x (requested_cpu - new) x half of node price per vCPU x 730", "set_service_requests",
     "r.name",
     "r.requested_cpu > 0 AND r.avg_cpu_7d < r.requested_cpu * {used_fraction_below} AND x.cpu < r.requested_cpu",
     "r.replica_count * (r.requested_cpu - x.cpu) * " CPU_RATE " * 730",
     "jsonb_build_object('requested_cpu', x.cpu, 'requested_memory_mb', r.requested_memory_mb, 'replica_count', r.replica_count)",
     "jsonb_build_object('avg_cpu_7d', r.avg_cpu_7d, 'requested_cpu', r.requested_cpu)",
     SVC_JOIN " CROSS JOIN LATERAL (SELECT round(greatest(0.1, ceil(r.avg_cpu_7d * 1.3 * 20) / 20), 2) AS cpu) x"},
    {"service_overrequested_memory", "container", "container_services",
     "Service using less than the threshold fraction of its requested memory: request 1.3x the usage (64 MB steps, at least 128).",
     {{"used_fraction_below", "0.5"}},
     "replicas x (requested_memory_mb - new)/1024 x half of node price per GiB x 730", "set_service_requests",
     "r.name",
     "r.requested_memory_mb > 0 AND r.avg_memory_7d < r.requested_memory_mb * {used_fraction_below} AND x.mem < r.requested_memory_mb",
     "r.replica_count * (r.requested_memory_mb - x.mem) / 1024.0 * " MEM_RATE " * 730",
     "jsonb_build_object('requested_cpu', r.requested_cpu, 'requested_memory_mb', x.mem, 'replica_count', r.replica_count)",
     "jsonb_build_object('avg_memory_7d', r.avg_memory_7d, 'requested_memory_mb', r.requested_memory_mb)",
     SVC_JOIN " CROSS JOIN LATERAL (SELECT greatest(128, ceil(r.avg_memory_7d * 1.3 / 64) * 64)::int AS mem) x"},
    {"service_excess_replicas", "container", "container_services",
     "More replicas than the floor while each uses less than the threshold fraction of its CPU request: replicas for the target utilization.",
     {{"min_replicas", "2"}, {"used_fraction_below", "0.3"}, {"target_fraction", "0.6"}},
     "(replica_count - new) x (requested_cpu x vCPU rate + requested_memory_mb/1024 x GiB rate) x 730", "set_service_requests",
     "r.name",
     "r.replica_count > {min_replicas} AND r.requested_cpu > 0 AND r.avg_cpu_7d < r.requested_cpu * {used_fraction_below} AND x.n < r.replica_count",
     "(r.replica_count - x.n) * (r.requested_cpu * " CPU_RATE " + r.requested_memory_mb / 1024.0 * " MEM_RATE ") * 730",
     "jsonb_build_object('requested_cpu', r.requested_cpu, 'requested_memory_mb', r.requested_memory_mb, 'replica_count', x.n)",
     "jsonb_build_object('replica_count', r.replica_count, 'avg_cpu_7d', r.avg_cpu_7d, 'requested_cpu', r.requested_cpu)",
     SVC_JOIN " CROSS JOIN LATERAL (SELECT greatest({min_replicas}, ceil(r.replica_count * r.avg_cpu_7d / r.requested_cpu / {target_fraction}))::int AS n) x"},
    // ---------------------------------------------------------------- volumes and snapshots
    {"unattached_volume", "volume", "volumes",
     "EBS volume in state 'available' (attached to nothing): delete it, snapshotting it first when it has no snapshot yet.",
     {}, "monthly_cost, less the new snapshot's cost (size_gib x snapshot price) when snapshot_first", "delete_volume",
     "r.volume_id", "r.state = 'available'", "r.monthly_cost - CASE WHEN x.snap THEN " SNAPSHOT_COST("r.size_gib") " ELSE 0 END",
     VOLUME_DELETE_PARAMS,
     "jsonb_build_object('state', r.state, 'size_gib', r.size_gib, 'volume_type', r.volume_type, 'has_snapshot', NOT x.snap)",
     VOLUME_SNAP_JOIN},
    {"premium_volume_low_iops", "volume", "volumes",
     "io1/io2 volume averaging fewer IOPS than gp3's free baseline: change it to gp3.",
     {{"avg_iops_7d_below", "3000"}},
     "monthly_cost - size_gib x price(gp3)", "modify_volume_type",
     "r.volume_id",
     "r.volume_type IN ('io1', 'io2') AND r.state IN ('available', 'in-use') AND coalesce(r.avg_iops_7d, 0) < {avg_iops_7d_below}",
     "greatest(r.monthly_cost - r.size_gib * finsim.try_price('ebs', 'gp3', r.region), 0)",
     "jsonb_build_object('volume_type', 'gp3')",
     "jsonb_build_object('volume_type', r.volume_type, 'avg_iops_7d', r.avg_iops_7d, 'provisioned_iops', r.provisioned_iops)"},
    {"gp2_volume", "volume", "volumes",
     "gp2 volume: gp3 is 20% cheaper with a better baseline.",
     {}, "monthly_cost - size_gib x price(gp3)", "modify_volume_type",
     "r.volume_id", "r.volume_type = 'gp2' AND r.state IN ('available', 'in-use')",
     "greatest(r.monthly_cost - r.size_gib * finsim.try_price('ebs', 'gp3', r.region), 0)",
     "jsonb_build_object('volume_type', 'gp3')",
     "jsonb_build_object('volume_type', r.volume_type, 'size_gib', r.size_gib)"},
    {"forgotten_volume", "volume", "volumes",
     "Attached volume with no I/O for more than the threshold (virtual days): detach and delete it, snapshotting it first when it has no snapshot yet.",
     {{"idle_days", "30"}}, "monthly_cost, less the new snapshot's cost (size_gib x snapshot price) when snapshot_first", "delete_volume",
     "r.volume_id",
     "r.state = 'in-use' AND r.last_used_at < " NOW " - interval '24 hours' * {idle_days}",
     "r.monthly_cost - CASE WHEN x.snap THEN " SNAPSHOT_COST("r.size_gib") " ELSE 0 END",
     VOLUME_DELETE_PARAMS " || jsonb_build_object('force_detach', true)",
     "jsonb_build_object('last_used_at', r.last_used_at, 'attached_instance_id', r.attached_instance_id, 'has_snapshot', NOT x.snap)",
     VOLUME_SNAP_JOIN},
    {"orphaned_snapshot", "snapshot", "snapshots",
     "Snapshot whose source volume no longer exists (missing or 'deleted'): delete it.",
     {}, "monthly_cost", "delete_snapshot",
     "r.snapshot_id",
     "NOT EXISTS (SELECT 1 FROM finsim.volumes v WHERE v.account_id = r.account_id "
     "AND v.volume_id = r.source_volume_id AND v.state <> 'deleted')",
     "r.monthly_cost", "'{}'::jsonb",
     "jsonb_build_object('source_volume_id', r.source_volume_id, 'size_gib', r.size_gib)"},
    // A policy keeping snapshots longer than the guide's longest rule (monthly for 12 months)
    // does not make an old snapshot managed: setting one must not hide the waste.
    {"old_snapshot", "snapshot", "snapshots",
     "Snapshot older than the threshold (virtual days), without a retention policy or under one that keeps "
     "snapshots longer than the longest-kept threshold (the guide: monthly backups for 12 months): delete it.",
     {{"older_than_days", "90"}, {"policy_keeps_days_over", "365"}}, "monthly_cost", "delete_snapshot",
     "r.snapshot_id",
     "r.created_at < " NOW " - interval '24 hours' * {older_than_days} AND (r.retention_policy IS NULL "
     "OR finsim.snapshot_retention_interval(r.retention_policy) > interval '24 hours' * {policy_keeps_days_over})",
     "r.monthly_cost", "'{}'::jsonb",
     "jsonb_build_object('created_at', r.created_at, 'age_days', round(extract(epoch FROM " NOW " - r.created_at) / 86400, 1), "
     "'retention_policy', r.retention_policy)"},
    // The guide: "Multiple per day when daily is enough".  A day is a UTC (virtual) day, as
    // AWS billing days and the account's clock are: a daily backup chain (one snapshot a day,
    // 24 h apart, as the drift engine takes them at 00:00) is what the guide recommends, not a
    // duplicate.  Every snapshot of a volume's day but its last is reported.  The later
    // snapshot is matched by a plain range on s2.created_at (from r's created_at to the end of
    // r's UTC day): no function of s2's columns, so the join plans as the former window did.
    {"duplicate_snapshots", "snapshot", "snapshots",
     "Another snapshot of the same volume and size was taken later on the same UTC (virtual) day: delete the older one "
     "(daily is enough).",
     {}, "monthly_cost", "delete_snapshot",
     "r.snapshot_id",
     "r.source_volume_id IS NOT NULL AND EXISTS (SELECT 1 FROM finsim.snapshots s2 WHERE s2.account_id = r.account_id "
     "AND s2.source_volume_id = r.source_volume_id AND s2.size_gib = r.size_gib AND s2.id <> r.id "
     "AND (s2.created_at, s2.snapshot_id) > (r.created_at, r.snapshot_id) "
     "AND s2.created_at < (((r.created_at AT TIME ZONE 'UTC')::date + 1)::timestamp AT TIME ZONE 'UTC'))",
     "r.monthly_cost", "'{}'::jsonb",
     "jsonb_build_object('source_volume_id', r.source_volume_id, 'created_at', r.created_at, "
     "'day', (r.created_at AT TIME ZONE 'UTC')::date)"},
    // ---------------------------------------------------------------- s3
    // A policy whose rules never act within a year (e.g. {} or transitions after 100 years)
    // is no policy: setting one must not make the finding go away.
    {"s3_no_lifecycle", "s3", "s3_buckets",
     "Bucket without a lifecycle policy, or with one that neither transitions nor expires objects within "
     "the threshold (virtual days): tier to Standard-IA after 30 days and Glacier after 90.",
     {{"rule_within_days", "365"}}, "latest day's storage_gb_standard x (price(STANDARD) - price(STANDARD_IA))",
     "set_s3_lifecycle",
     "r.name",
     "r.lifecycle_policy IS NULL OR least(coalesce((r.lifecycle_policy ->> 'transition_ia_days')::numeric, 1e9), "
     "coalesce((r.lifecycle_policy ->> 'transition_glacier_days')::numeric, 1e9), "
     "coalesce((r.lifecycle_policy ->> 'expire_days')::numeric, 1e9)) > {rule_within_days}",
     "coalesce(u.storage_gb_standard, 0) * (finsim.try_price('s3', 'STANDARD', r.region) - finsim.try_price('s3', 'STANDARD_IA', r.region))",
     "jsonb_build_object('lifecycle_policy', jsonb_build_object('transition_ia_days', 30, 'transition_glacier_days', 90))",
     "jsonb_build_object('lifecycle_policy', r.lifecycle_policy, 'storage_gb_standard', u.storage_gb_standard, 'usage_date', u.date)",
     "LEFT JOIN LATERAL (SELECT d.date, d.storage_gb_standard, d.requests_count FROM finsim.s3_bucket_usage_daily d "
     "WHERE d.account_id = r.account_id AND d.bucket_id = r.id ORDER BY d.date DESC LIMIT 1) u ON true"},
    {"s3_cold_data", "s3", "s3_buckets",
     "Bucket holding Standard data with almost no requests (latest day) and no Glacier transition within the threshold (days): move it to Glacier after that many days.",
     {{"requests_per_day_below", "1000"}, {"storage_gb_standard_at_least", "100"}, {"glacier_within_days", "30"}},
     "latest day's storage_gb_standard x (price(STANDARD) - price(GLACIER))", "set_s3_lifecycle",
     "r.name",
     "u.storage_gb_standard >= {storage_gb_standard_at_least} AND u.requests_count < {requests_per_day_below} "
     "AND coalesce((r.lifecycle_policy ->> 'transition_glacier_days')::numeric, 1e9) > {glacier_within_days}",
     "u.storage_gb_standard * (finsim.try_price('s3', 'STANDARD', r.region) - finsim.try_price('s3', 'GLACIER', r.region))",
     "jsonb_build_object('lifecycle_policy', coalesce(r.lifecycle_policy, '{}'::jsonb) || jsonb_build_object('transition_glacier_days', {glacier_within_days}))",
     "jsonb_build_object('lifecycle_policy', r.lifecycle_policy, 'storage_gb_standard', u.storage_gb_standard, 'requests_count', u.requests_count, 'usage_date', u.date)",
     "JOIN LATERAL (SELECT d.date, d.storage_gb_standard, d.requests_count FROM finsim.s3_bucket_usage_daily d "
     "WHERE d.account_id = r.account_id AND d.bucket_id = r.id ORDER BY d.date DESC LIMIT 1) u ON true"},
    // ---------------------------------------------------------------- rds
    {"rds_oversized", "rds", "rds_instances",
     "Available database with a 7-day average CPU below the threshold: one instance class smaller (two below the second threshold).",
     {{"avg_cpu_7d_below", "20"}, {"two_sizes_below", "10"}},
     "(hourly_cost - price(recommended class)) x 730", "resize_rds",
     "r.db_instance_id",
     "r.state = 'available' AND r.avg_cpu_7d < {avg_cpu_7d_below} AND x.rec IS NOT NULL",
     "(r.hourly_cost - finsim.try_price('rds', x.rec, r.region)) * 730",
     "jsonb_build_object('instance_class', x.rec)",
     "jsonb_build_object('avg_cpu_7d', r.avg_cpu_7d, 'instance_class', r.instance_class, 'recommended_class', x.rec)",
     SMALLER("rds", "r.instance_class")},
    {"rds_low_connections", "rds", "rds_instances",
     "Available database with fewer average connections than the threshold: possibly unused, stop it.",
     {{"avg_connections_7d_below", "10"}},
     "hourly_cost x 730 (storage stays billed)", "stop_rds",
     "r.db_instance_id",
     "r.state = 'available' AND r.avg_connections_7d < {avg_connections_7d_below}",
     "r.hourly_cost * 730", "'{}'::jsonb",
     "jsonb_build_object('avg_connections_7d', r.avg_connections_7d)"},
    {"rds_stopped", "rds", "rds_instances",
     "Stopped database: storage is still billed (and AWS restarts it after 7 days): delete it with a final snapshot.",
     {}, "storage_monthly_cost, less the final snapshot's cost (allocated_storage_gib x snapshot price)", "delete_rds",
     "r.db_instance_id", "r.state = 'stopped'", "r.storage_monthly_cost - " SNAPSHOT_COST("r.allocated_storage_gib"),
     "jsonb_build_object('final_snapshot', true)",
     "jsonb_build_object('state', r.state, 'allocated_storage_gib', r.allocated_storage_gib)"},
    {"rds_overprovisioned_storage", "rds", "rds_instances",
     "Used storage below the threshold share of allocated storage: migrate to a smaller allocation (RDS storage cannot shrink in place; recommendation).",
     {{"used_pct_below", "25"}},
     "(allocated_storage_gib - target) x price(rds-storage gp2), target = max(20, ceil(1.5 x used))", "recommend",
     "r.db_instance_id",
     "r.state IN ('available', 'stopped') AND r.used_storage_gib < r.allocated_storage_gib * {used_pct_below} / 100.0 AND x.target < r.allocated_storage_gib",
     "(r.allocated_storage_gib - x.target) * finsim.try_price('rds-storage', 'gp2', r.region)",
     "jsonb_build_object('allocated_storage_gib', x.target)",
     "jsonb_build_object('allocated_storage_gib', r.allocated_storage_gib, 'used_storage_gib', r.used_storage_gib)",
     "CROSS JOIN LATERAL (SELECT greatest(20, ceil(r.used_storage_gib * 1.5))::int AS target) x"},
    // ---------------------------------------------------------------- caches
    {"cache_oversized", "cache", "cache_clusters",
     "Cache with a 7-day average CPU below the threshold: one node type smaller (two below the second threshold).",
     {{"avg_cpu_7d_below", "10"}, {"two_sizes_below", "5"}},
     "(hourly_cost - price(recommended type) x num_nodes) x 730", "resize_cache",
     "r.cluster_id", "r.avg_cpu_7d < {avg_cpu_7d_below} AND x.rec IS NOT NULL",
     "(r.hourly_cost - " CACHE_RATE("x.rec", "r.num_nodes") ") * 730",
     "jsonb_build_object('node_type', x.rec, 'num_nodes', r.num_nodes)",
     "jsonb_build_object('avg_cpu_7d', r.avg_cpu_7d, 'node_type', r.node_type, 'recommended_type', x.rec)",
     SMALLER("elasticache", "r.node_type")},
    {"cache_low_memory", "cache", "cache_clusters",
     "Cache with a 7-day average memory use below the threshold: one node type smaller (half the memory).",
     {{"avg_memory_7d_below", "20"}},
     "(hourly_cost - price(smaller type) x num_nodes) x 730", "resize_cache",
     "r.cluster_id", "r.avg_memory_7d < {avg_memory_7d_below} AND x.rec IS NOT NULL",
     "(r.hourly_cost - " CACHE_RATE("x.rec", "r.num_nodes") ") * 730",
     "jsonb_build_object('node_type', x.rec, 'num_nodes', r.num_nodes)",
     "jsonb_build_object('avg_memory_7d', r.avg_memory_7d, 'node_type', r.node_type, 'recommended_type', x.rec)",
     "CROSS JOIN LATERAL (SELECT finsim._waste_smaller('elasticache', r.node_type, 1) AS rec) x"},
    {"cache_ha_in_dev", "cache", "cache_clusters",
     "Non-prod cache with replicas (num_nodes > 1): one node is enough.",
     {}, "(hourly_cost - price(node_type) x 1 node) x 730", "resize_cache",
     "r.cluster_id", "r.env <> 'prod' AND r.num_nodes > 1",
     "(r.hourly_cost - " CACHE_RATE("r.node_type", "1") ") * 730",
     "jsonb_build_object('node_type', r.node_type, 'num_nodes', 1)",
     "jsonb_build_object('env', r.env, 'num_nodes', r.num_nodes)"},
    // ---------------------------------------------------------------- network
    {"lb_unused", "network", "load_balancers",
     "Load balancer averaging fewer requests per day than the threshold (or unknown): delete it.",
     {{"avg_request_count_7d_below", "1"}}, "hourly_cost x 730, less what its freed Elastic IPs start billing", "delete_load_balancer",
     "r.name", "coalesce(r.avg_request_count_7d, 0) < {avg_request_count_7d_below}",
     "r.hourly_cost * 730 - " EIPS_FREED("e.associated_lb_arn = r.lb_arn"), "'{}'::jsonb",
     "jsonb_build_object('avg_request_count_7d', r.avg_request_count_7d, 'type', r.type)"},
    {"lb_consolidation", "network", "load_balancers",
     "Several low-traffic load balancers of one type in the same region and env: route them through the busiest one (recommendation; reported on all but the keeper).",
     {{"low_traffic_requests_below", "1000"}, {"unused_below", "1"}},
     "hourly_cost x 730 of each consolidated load balancer", "recommend",
     "r.name",
     "r.avg_request_count_7d >= {unused_below} AND r.avg_request_count_7d < {low_traffic_requests_below} "
     "AND EXISTS (SELECT 1 FROM finsim.load_balancers o WHERE o.account_id = r.account_id AND o.region = r.region "
     "AND o.env = r.env AND o.type = r.type AND o.id <> r.id AND o.avg_request_count_7d >= {unused_below} "
     "AND o.avg_request_count_7d < {low_traffic_requests_below} AND o.optimization_policy <> 'ignore' "
     "AND (o.avg_request_count_7d, o.id) > (r.avg_request_count_7d, r.id))",
     "r.hourly_cost * 730", "jsonb_build_object('consolidate_into', 'busiest load balancer of the group')",
     "jsonb_build_object('avg_request_count_7d', r.avg_request_count_7d, 'type', r.type, 'env', r.env)"},
    {"eip_unassociated", "network", "elastic_ips",
     "Elastic IP not associated with anything: release it.",
     {}, "hourly_cost x 730", "release_eip",
     "r.public_ip", "r.state = 'unassociated'", "r.hourly_cost * 730", "'{}'::jsonb",
     "jsonb_build_object('state', r.state, 'allocation_id', r.allocation_id)"},
    // ---------------------------------------------------------------- data transfer
    {"transfer_cross_az", "transfer", "data_transfer_daily",
     "Yesterday's (virtual) cross-AZ transfer above the threshold: co-locate chatty services (recommendation).",
     {{"daily_cost_above", "1"}}, "yesterday's estimated_transfer_cost x 730/24 (all of it)", "recommend",
     "r.source_region || ' -> ' || r.dest_region || ' ' || r.direction",
     "r.direction = 'cross-az' AND r.date = " TODAY " - 1 AND r.estimated_transfer_cost > {daily_cost_above}",
     "r.estimated_transfer_cost * 730 / 24", "jsonb_build_object('advice', 'keep traffic within one availability zone')",
     "jsonb_build_object('date', r.date, 'gb_transferred', r.gb_transferred, 'daily_cost', r.estimated_transfer_cost)",
     "", "r.id::text", false},
    {"transfer_cross_region", "transfer", "data_transfer_daily",
     "Yesterday's (virtual) cross-region transfer above the threshold: replicate or cache closer (recommendation).",
     {{"daily_cost_above", "1"}, {"reducible_pct", "50"}}, "yesterday's estimated_transfer_cost x 730/24 x 50%", "recommend",
     "r.source_region || ' -> ' || r.dest_region || ' ' || r.direction",
     "r.direction = 'cross-region' AND r.date = " TODAY " - 1 AND r.estimated_transfer_cost > {daily_cost_above}",
     "r.estimated_transfer_cost * 730 / 24 * {reducible_pct} / 100", "jsonb_build_object('advice', 'serve from the consuming region')",
     "jsonb_build_object('date', r.date, 'gb_transferred', r.gb_transferred, 'daily_cost', r.estimated_transfer_cost)",
     "", "r.id::text", false},
    {"transfer_egress", "transfer", "data_transfer_daily",
     "Yesterday's (virtual) internet egress above the threshold: put a CDN in front (recommendation).",
     {{"daily_cost_above", "1"}, {"reducible_pct", "50"}}, "yesterday's estimated_transfer_cost x 730/24 x 50%", "recommend",
     "r.source_region || ' -> ' || r.dest_region || ' ' || r.direction",
     "r.direction = 'egress' AND r.date = " TODAY " - 1 AND r.estimated_transfer_cost > {daily_cost_above}",
     "r.estimated_transfer_cost * 730 / 24 * {reducible_pct} / 100", "jsonb_build_object('advice', 'cache egress behind a CDN')",
     "jsonb_build_object('date', r.date, 'gb_transferred', r.gb_transferred, 'daily_cost', r.estimated_transfer_cost)",
     "", "r.id::text", false},
    // ---------------------------------------------------------------- logs
    // A retention of years is no retention: setting one must not make the finding go away.
    // The retention to set is the guide's per env (production 30-90 days: 90, staging 14,
    // dev 7; preview environments are dev-like and short-lived: 7).
    {"log_infinite_retention", "log", "log_groups",
     "Log group that keeps logs forever (retention_days NULL) or longer than the threshold: 90 days in prod, 14 in staging, "
     "7 in dev and preview.",
     {{"prod_retention_days", "90"}, {"staging_retention_days", "14"}, {"dev_retention_days", "7"},
      {"retention_days_over", "365"}},
     "max(0, stored_gb - ingested_gb x the env's new retention (90 prod, 14 staging, 7 dev and preview)) x price(logs storage), from the latest usage day", "set_log_retention",
     "r.name", "r.retention_days IS NULL OR r.retention_days > {retention_days_over}",
     "greatest(coalesce(u.stored_gb, 0) - coalesce(u.ingested_gb, 0) * x.days, 0) * finsim.try_price('logs', 'storage', r.region)",
     "jsonb_build_object('retention_days', x.days)",
     "jsonb_build_object('retention_days', r.retention_days, 'stored_gb', u.stored_gb, 'ingested_gb', u.ingested_gb)",
     "LEFT JOIN LATERAL (SELECT d.stored_gb, d.ingested_gb FROM finsim.log_group_usage_daily d "
     "WHERE d.account_id = r.account_id AND d.log_group_id = r.id ORDER BY d.date DESC LIMIT 1) u ON true "
     "CROSS JOIN LATERAL (SELECT CASE r.env WHEN 'prod' THEN {prod_retention_days} WHEN 'staging' THEN {staging_retention_days} "
     "ELSE {dev_retention_days} END AS days) x"},
    {"log_verbose_nonprod", "log", "log_groups",
     "Non-prod log group ingesting more than the threshold per day (average of the last 7 virtual days): lower the log level (recommendation).",
     {{"ingested_gb_per_day_above", "5"}, {"reducible_pct", "50"}},
     "average daily ingestion cost x 730/24 x 50%", "recommend",
     "r.name", "r.env <> 'prod' AND u.gb > {ingested_gb_per_day_above}",
     "u.cost * 730 / 24 * {reducible_pct} / 100",
     "jsonb_build_object('advice', 'change DEBUG to INFO')",
     "jsonb_build_object('avg_ingested_gb_per_day', round(u.gb, 3), 'env', r.env)",
     "JOIN LATERAL (SELECT avg(d.ingested_gb) AS gb, avg(d.estimated_ingestion_cost) AS cost FROM finsim.log_group_usage_daily d "
     "WHERE d.account_id = r.account_id AND d.log_group_id = r.id AND d.date >= " TODAY " - 7 AND d.date < " TODAY ") u ON true"},
    // ---------------------------------------------------------------- commitments
    {"commitment_underutilized", "commitment", "commitments",
     "Commitment used below the threshold yesterday (virtual: finsim.now(account)::date - 1): move covered usage onto it (recommendation).",
     {{"utilization_percent_below", "80"}},
     "hourly_commitment_amount x 730 x (1 - utilization_percent/100)", "recommend",
     "r.commitment_type || ' ' || r.scope",
     "cud.utilization_percent < {utilization_percent_below}",
     "r.hourly_commitment_amount * 730 * (1 - cud.utilization_percent / 100)",
     "jsonb_build_object('advice', 'shift matching on-demand usage onto the commitment or sell the unused part')",
     "jsonb_build_object('utilization_percent', cud.utilization_percent, 'date', cud.date, 'monthly_commitment', r.hourly_commitment_amount * 730)",
     "JOIN finsim.commitment_utilization_daily cud ON cud.account_id = r.account_id AND cud.commitment_id = r.id "
     "AND cud.date = " TODAY " - 1",
     "r.id::text", false},
    {"commitment_expiring", "commitment", "commitments",
     "Commitment ending within the threshold (virtual days) while still in use: renew it or the usage falls back to on-demand prices (recommendation).",
     {{"within_days", "30"}},
     "hourly_commitment_amount x 730 x discount_percent/100 x latest utilization_percent/100 (discount lost at expiry)", "recommend",
     "r.commitment_type || ' ' || r.scope",
     "r.end_date >= " TODAY " AND r.end_date <= " TODAY " + {within_days} AND coalesce(cud.utilization_percent, 0) > 0",
     "r.hourly_commitment_amount * 730 * r.discount_percent / 100 * cud.utilization_percent / 100",
     "jsonb_build_object('advice', 'renew the commitment', 'end_date', r.end_date)",
     "jsonb_build_object('end_date', r.end_date, 'days_left', r.end_date - " TODAY ", 'utilization_percent', cud.utilization_percent)",
     "LEFT JOIN LATERAL (SELECT d.utilization_percent FROM finsim.commitment_utilization_daily d "
     "WHERE d.account_id = r.account_id AND d.commitment_id = r.id AND d.date < " TODAY " ORDER BY d.date DESC LIMIT 1) cud ON true",
     "r.id::text", false},
    // ---------------------------------------------------------------- managed services and streams
    {"managed_oversized", "managed", "managed_services",
     "Managed service with a 7-day average CPU below the threshold: one instance size smaller, or half the nodes when no smaller size is priced.",
     {{"avg_cpu_7d_below", "20"}},
     "(hourly_cost - price(new type) x new node_count) x 730", "resize_managed_service",
     "r.name",
     "r.avg_cpu_7d < {avg_cpu_7d_below} AND (x.rec IS NOT NULL OR r.node_count > 1)",
     "(r.hourly_cost - " MANAGED_RATE("coalesce(x.rec, r.instance_type)", "y.nodes") ") * 730",
     "jsonb_build_object('instance_type', coalesce(x.rec, r.instance_type), 'node_count', y.nodes)",
     "jsonb_build_object('avg_cpu_7d', r.avg_cpu_7d, 'instance_type', r.instance_type, 'node_count', r.node_count)",
     "CROSS JOIN LATERAL (SELECT finsim._waste_smaller(r.service_type, r.instance_type, 1) AS rec) x "
     "CROSS JOIN LATERAL (SELECT CASE WHEN x.rec IS NULL THEN (r.node_count + 1) / 2 ELSE r.node_count END AS nodes) y"},
    {"managed_ha_in_dev", "managed", "managed_services",
     "Non-prod managed service with more than one node: one node is enough.",
     {}, "(hourly_cost - price(instance_type) x 1 node) x 730", "resize_managed_service",
     "r.name", "r.env <> 'prod' AND r.node_count > 1",
     "(r.hourly_cost - " MANAGED_RATE("r.instance_type", "1") ") * 730",
     "jsonb_build_object('instance_type', r.instance_type, 'node_count', 1)",
     "jsonb_build_object('env', r.env, 'node_count', r.node_count)"},
    {"managed_always_on", "managed", "managed_services",
     "dev/staging managed service running 24/7: stop it nights and weekends (recommendation: managed services have no schedule action).",
     {{"envs", "[\"dev\", \"staging\"]"}, {"schedule_savings_pct", "65"}},
     "65% of hourly_cost x 730", "recommend",
     "r.name", "r.env IN ('dev', 'staging') AND r.node_count > 0 AND r.hourly_cost > 0",
     "r.hourly_cost * 730 * {schedule_savings_pct} / 100",
     "jsonb_build_object('advice', 'stop it nights and weekends', 'hours', " OFFICE_HOURS ")",
     "jsonb_build_object('env', r.env, 'node_count', r.node_count, 'hourly_cost', r.hourly_cost)"},
    {"stream_overprovisioned", "stream", "streaming_clusters",
     "Stream using less than the threshold share of its provisioned throughput: shards for the target share.",
     {{"usage_pct_below", "30"}, {"target_pct", "60"}},
     "(hourly_cost - the new shards' rate) x 730 (kinesis: shard + extended-retention prices; kafka/msk: the per-broker rate)", "resize_stream",
     "r.name",
     "r.provisioned_throughput_mbps > 0 AND r.avg_usage_mbps_7d < r.provisioned_throughput_mbps * {usage_pct_below} / 100.0 AND x.n < r.shard_count",
     "(r.hourly_cost - " STREAM_RATE("x.n", "r.retention_hours") ") * 730",
     "jsonb_build_object('shard_count', x.n, 'retention_hours', r.retention_hours)",
     "jsonb_build_object('avg_usage_mbps_7d', r.avg_usage_mbps_7d, 'provisioned_throughput_mbps', r.provisioned_throughput_mbps, 'shard_count', r.shard_count)",
     "CROSS JOIN LATERAL (SELECT greatest(1, ceil(r.shard_count * r.avg_usage_mbps_7d / r.provisioned_throughput_mbps * 100.0 / {target_pct}))::int AS n) x"},
    {"stream_excess_retention", "stream", "streaming_clusters",
     "Stream keeping data longer than the threshold hours (any env): 24 h is enough.",
     {{"retention_hours_above", "24"}},
     "kinesis: (hourly_cost - shard_count x price(shard)) x 730, i.e. the extended-retention charge; kafka/msk: 0 (storage not modelled)", "resize_stream",
     "r.name", "r.retention_hours > {retention_hours_above}",
     "(r.hourly_cost - " STREAM_RATE("r.shard_count", "24") ") * 730",
     "jsonb_build_object('shard_count', r.shard_count, 'retention_hours', 24)",
     "jsonb_build_object('retention_hours', r.retention_hours, 'env', r.env)"},
    // ---------------------------------------------------------------- governance
    // A never-used key (last_used_at NULL) is aged from its issue (issued_at, virtual).
    {"api_key_unused", "governance", "api_clients",
     "Active API key not used for the threshold (virtual days) or longer, counted from its last use (last_used_at), "
     "or from its issue (issued_at) when it was never used: revoke it.",
     {{"unused_days", "90"}}, "0 (security)", "revoke_api_client",
     "r.name", "r.revoked_at IS NULL AND coalesce(r.last_used_at, r.issued_at) <= " NOW " - interval '24 hours' * {unused_days}",
     "0", "'{}'::jsonb",
     "jsonb_build_object('access_key_id', r.access_key_id, 'never_used', r.last_used_at IS NULL, "
     "'last_used_at', r.last_used_at, 'issued_at', r.issued_at, 'unused_since', coalesce(r.last_used_at, r.issued_at))",
     "", "r.id::text", true, "high"},
    UNTAGGED("instances", "r.instance_id", "r.state <> 'terminated' AND "),
    UNTAGGED("volumes", "r.volume_id", "r.state NOT IN ('deleting', 'deleted') AND "),
    UNTAGGED("snapshots", "r.snapshot_id", ""),
    UNTAGGED("s3_buckets", "r.name", ""),
    UNTAGGED("elastic_ips", "r.public_ip", ""),
    UNTAGGED("log_groups", "r.name", ""),
};

std::string substitute(std::string s, const Pattern& p) {
  for (const auto& [k, v] : p.thresholds) {
    const std::string key = std::string("{") + k + "}";
    for (size_t pos = s.find(key); pos != std::string::npos; pos = s.find(key, pos))
      s.replace(pos, key.size(), v), pos += std::string(v).size();
  }
  return s;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

const std::vector<Pattern>& all() { return kPatterns; }

std::vector<std::string> areas() {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& p : kPatterns)
    if (seen.insert(p.area).second) out.emplace_back(p.area);
  return out;
}

std::string thresholds_json(const Pattern& p) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : p.thresholds) {
    if (!first) out += ", ";
    first = false;
    out += std::string("\"") + k + "\": " + v;
  }
  return out + "}";
}

std::string predicate_sql(const Pattern& p) { return substitute(p.predicate, p); }

const char* kSeveritySql() {
  return "CASE WHEN q.savings >= 100 THEN 'high' WHEN q.savings >= 10 THEN 'medium' ELSE 'low' END";
}

std::string query(const Pattern& p, Scope scope) {
  const std::string policy = p.has_policy ? "r.optimization_policy" : "NULL::text";
  const std::string rfreeze =
      p.has_policy ? "coalesce(r.optimization_freeze_until > a.virtual_time, false) OR " : "";
  std::string sql =
      std::string("SELECT q.account_id, q.resource_type, q.resource_id, q.resource_name, q.pattern, ") +
      (p.severity ? quote(p.severity) : kSeveritySql()) +
      ", round(q.savings, 2), q.action, q.params, q.policy, q.frozen, q.evidence FROM ("
      "SELECT r.account_id, " + quote(p.resource_type) + "::text AS resource_type, " + p.id_expr +
      " AS resource_id, (" + p.name_expr + ")::text AS resource_name, " + quote(p.code) +
      "::text AS pattern, greatest(coalesce((" + p.savings + ")::numeric, 0), 0) AS savings, " +
      quote(p.action) + "::text AS action, (" + p.params + ")::jsonb AS params, " + policy +
      " AS policy, (" + rfreeze +
      "coalesce(a.freeze_optimizations_until > a.virtual_time, false)) AS frozen, (" + p.evidence +
      ")::jsonb || jsonb_build_object('threshold', " + quote(thresholds_json(p)) +
      "::jsonb) AS evidence FROM finsim." + p.resource_type +
      " r JOIN finsim.cloud_accounts a ON a.id = r.account_id " + p.joins + " WHERE (" + p.predicate +
      ")";
  if (p.has_policy) sql += " AND r.optimization_policy <> 'ignore'";
  if (scope == Scope::account) sql += " AND r.account_id = $1::uuid";
  if (scope == Scope::account_or_all) sql += " AND ($1::uuid IS NULL OR r.account_id = $1::uuid)";
  // OFFSET 0 keeps the inner SELECT a separate plan node, so the savings expression (often
  // a sub-select or catalog look-ups) is computed once per row, not once per reference.
  sql += " OFFSET 0) q";
  return substitute(sql, p);
}

}  // namespace finsim::patterns
