#include "drift/events.hpp"

#include <algorithm>

#include "core/catalog.hpp"
#include "core/hash.hpp"
#include "core/rng.hpp"
#include "drift/snapshot_lifecycle.hpp"

namespace finsim::drift {

std::vector<pg::Param> DayContext::params() const {
  return {pg::Param::text(account), pg::Param::text(date), pg::Param::int8(seed),
          pg::Param::int4(day),     pg::Param::int4(anchor), pg::Param::datum(TIMESTAMPTZOID, vt),
          pg::Param::int4(retention)};
}

namespace {

// An agent's or a person's change to this field of this resource exists (an action, an
// accepted recommendation — recorded 'manual' —, a hand edit): drift leaves the field alone.
#define NOT_AGENT_SET(type, idexpr, field)                                                  \
  " NOT EXISTS (SELECT 1 FROM finsim.resource_change_events e WHERE e.account_id = $1::uuid " \
  "AND e.resource_type = '" type "' AND e.resource_id = " idexpr " AND e.field_name " field  \
  " AND e.change_source IN ('agent', 'manual'))"

const char* kLogEvent =
    "INSERT INTO finsim.resource_change_events (id, account_id, resource_type, resource_id, "
    "change_source, field_name, old_value, new_value, changed_at, reason) "
    "VALUES (finsim._drift_uuid($1, 'resource_change_events', $2, $8), $1::uuid, $9, $10, "
    "'drift_engine', $11, $12, $13, $6, $14)";

void log_event(pg::Spi& spi, const DayContext& c, Counts& n, const std::string& key,
               const std::string& type, const std::string& rid, const std::string& field,
               const std::optional<std::string>& old_value,
               const std::optional<std::string>& new_value, const std::string& reason) {
  auto p = c.params();
  p.push_back(pg::Param::text(key));
  p.push_back(pg::Param::text(type));
  p.push_back(pg::Param::text(rid));
  p.push_back(pg::Param::text(field));
  p.push_back(pg::Param::text(old_value));
  p.push_back(pg::Param::text(new_value));
  p.push_back(pg::Param::text(reason));
  n.rows += spi.exec(kLogEvent, p);
}

const char* kPreviewTypes[] = {"t3.medium", "t3.large", "m5.large", "m5.xlarge", "c5.large"};
const char* kTeams[] = {"payments", "search", "growth", "platform", "data"};

void launch_preview(pg::Spi& spi, const DayContext& c, Counts& n, core::Rng& r, int ordinal) {
  const std::string ord = std::to_string(ordinal);
  const std::string id = core::uuid_from({c.account, "instances", c.date, ord});
  const std::string iid = "i-" + core::hex(core::hash_parts({c.account, "instances", c.date, ord}), 16) + "p";
  const std::string type = kPreviewTypes[r.range(0, 4)];
  const double price = catalog::price("ec2", type, "us-east-1").value_or(0.1);
  const int pr = static_cast<int>(r.range(100, 9999));
  // The guide's required tags are env, team (the owner) and project: 30 % of previews are
  // launched without a team, so they show as untagged_resource.
  const bool owner = !r.chance(0.3);
  std::string tags = "{\"env\": \"preview\", \"pr\": \"" + std::to_string(pr) + "\", \"project\": \"pr-" +
                     std::to_string(pr) + "\"";
  if (owner) tags += ", \"team\": \"" + std::string(kTeams[r.range(0, 4)]) + "\"";
  tags += "}";
  auto p = c.params();
  p.push_back(pg::Param::text(id));
  p.push_back(pg::Param::text(iid));
  p.push_back(pg::Param::text(type));
  p.push_back(pg::Param::float8(price));
  p.push_back(pg::Param::text(tags));
  p.push_back(pg::Param::text("preview-pr-" + std::to_string(pr)));
  n.rows += spi.exec(
      "INSERT INTO finsim.instances (id, account_id, instance_id, name, instance_type, env, region, "
      "state, launch_time, hourly_cost, gpu_hourly_cost, tags) VALUES ($8::uuid, $1::uuid, $9, $13, "
      "$10, 'preview', 'us-east-1', 'pending', $6, round($11::numeric, 6), 0, $12::jsonb)",
      p);
  // Its root volume, and sometimes an Elastic IP.
  const std::string vid = core::uuid_from({c.account, "volumes", c.date, ord});
  const std::string vol = "vol-" + core::hex(core::hash_parts({c.account, "volumes", c.date, ord}), 17);
  const int size = static_cast<int>(r.range(2, 10)) * 10;
  const double gb = catalog::price("ebs", "gp3", "us-east-1").value_or(0.08);
  auto q = c.params();
  q.push_back(pg::Param::text(vid));
  q.push_back(pg::Param::text(vol));
  q.push_back(pg::Param::int4(size));
  q.push_back(pg::Param::float8(gb * size));
  q.push_back(pg::Param::text(iid));
  n.rows += spi.exec(
      "INSERT INTO finsim.volumes (id, account_id, volume_id, region, size_gib, volume_type, state, "
      "attached_instance_id, monthly_cost, last_used_at, tags) VALUES ($8::uuid, $1::uuid, $9, "
      "'us-east-1', $10, 'gp3', 'in-use', $12, round($11::numeric, 6), $6, '{\"env\": \"preview\"}')",
      q);
  log_event(spi, c, n, "launch-volume:" + ord, "volumes", vid, "created", std::nullopt, vol,
            "drift: root volume of a preview environment");
  if (r.chance(0.3)) {
    const uint64_t h = core::hash_parts({c.account, "elastic_ips", c.date, ord});
    const std::string eid = core::uuid_from({c.account, "elastic_ips", c.date, ord});
    // Unique by construction (a hash would collide within a few years of launches): at most
    // two launches a day, so (day, ordinal) numbers the address inside 203.0.0.0/8, which the
    // generator never uses; unique for 8 million days.
    const uint32_t slot = (static_cast<uint32_t>(c.day) * 2u + static_cast<uint32_t>(ordinal)) & 0xFFFFFFu;
    const std::string ip = "203." + std::to_string(slot >> 16) + "." + std::to_string((slot >> 8) & 255) +
                           "." + std::to_string(slot & 255);
    auto e = c.params();
    e.push_back(pg::Param::text(eid));
    e.push_back(pg::Param::text("eipalloc-" + core::hex(h, 17)));
    e.push_back(pg::Param::text(ip));
    e.push_back(pg::Param::text(iid));
    e.push_back(pg::Param::float8(catalog::price("eip", "associated", "us-east-1").value_or(0)));
    const uint64_t added = spi.exec(
        "INSERT INTO finsim.elastic_ips (id, account_id, allocation_id, public_ip, "
        "associated_instance_id, state, hourly_cost, region) VALUES ($8::uuid, $1::uuid, $9, $10, "
        "$11, 'associated', round($12::numeric, 6), 'us-east-1') "
        "ON CONFLICT (account_id, public_ip) DO NOTHING",  // a hand-written address
        e);
    n.rows += added;
    if (added)
      log_event(spi, c, n, "launch-eip:" + ord, "elastic_ips", eid, "created", std::nullopt,
                "eipalloc-" + core::hex(h, 17), "drift: Elastic IP of a preview environment");
  }
  log_event(spi, c, n, "launch:" + ord, "instances", id, "state", std::nullopt, "pending",
            "drift: preview environment launched (and likely forgotten)");
  ++n.events;
}

void terminate_preview(pg::Spi& spi, const DayContext& c, Counts& n, core::Rng& r) {
  // A preview instance older than 3 days, chosen deterministically.  (Not read_only: a
  // read-only SPI query would use the call's first snapshot and miss earlier days' launches.)
  const char* candidates =
      "SELECT i.id::text, i.instance_id FROM finsim.instances i WHERE i.account_id = $1::uuid "
      "AND i.env = 'preview' AND i.state = 'running' AND i.launch_time <= $6 - interval '72 hours' "
      "ORDER BY i.id";  // the uuid, not its text (which would follow the database's collation)
  spi.exec(std::string("SELECT count(*) FROM (") + candidates + ") x", c.params());
  const int64_t count = spi.scalar_int8().value_or(0);
  if (count == 0) return;
  const int64_t pick = r.range(0, count - 1);
  auto p = c.params();
  p.push_back(pg::Param::int8(pick));
  spi.exec(std::string(candidates) + " OFFSET $8 LIMIT 1", p);
  if (spi.rows() == 0) return;
  const std::string id = *spi.text(0, 0);
  const std::string iid = *spi.text(0, 1);
  auto q = c.params();
  q.push_back(pg::Param::text(id));
  q.push_back(pg::Param::text(iid));
  q.push_back(pg::Param::float8(catalog::price("eip", "unassociated", "us-east-1").value_or(0.005)));
  // Terminated by its engineer: the volume stays behind 'available', the EIP 'unassociated'.
  n.rows += spi.exec(
      "UPDATE finsim.instances SET state = 'terminated' WHERE account_id = $1::uuid AND id = $8::uuid "
      "AND state = 'running'",
      q);
  n.rows += spi.exec(
      "UPDATE finsim.volumes SET state = 'available', attached_instance_id = NULL, last_used_at = $6 "
      "WHERE account_id = $1::uuid AND attached_instance_id = $9 AND state = 'in-use'",
      q);
  n.rows += spi.exec(
      "UPDATE finsim.elastic_ips SET state = 'unassociated', associated_instance_id = NULL, "
      "hourly_cost = round($10::numeric, 6) WHERE account_id = $1::uuid AND associated_instance_id = $9",
      q);
  ++n.events;
}

}  // namespace

void run_events(pg::Spi& spi, const DayContext& c, Counts& n) {
  core::Rng r = core::Rng::stream({std::to_string(c.seed), c.account, c.date, "drift-events"});
  const auto p = c.params();

  // Lifecycle transitions take a day: pending -> running, stopping -> stopped.
  for (const char* sql :
       {"UPDATE finsim.instances SET state = 'running' WHERE account_id = $1::uuid AND state = 'pending'",
        "UPDATE finsim.instances SET state = 'stopped' WHERE account_id = $1::uuid AND state = 'stopping'",
        "UPDATE finsim.rds_instances SET state = 'available' WHERE account_id = $1::uuid AND state = 'starting'",
        "UPDATE finsim.rds_instances SET state = 'stopped' WHERE account_id = $1::uuid AND state = 'stopping'",
        "UPDATE finsim.volumes SET state = 'available' WHERE account_id = $1::uuid AND state = 'creating'"}) {
    const uint64_t k = spi.exec(sql, p);
    n.rows += k;
    n.events += k;
  }

  // Engineers launch preview environments (35 % of days: one or two) ...
  if (r.chance(0.35)) {
    const int k = static_cast<int>(r.range(1, 2));
    for (int i = 0; i < k; ++i) launch_preview(spi, c, n, r, i);
  }
  // ... and sometimes tear one down, leaving its volume and EIP behind (30 % of days).
  if (r.chance(0.3)) terminate_preview(spi, c, n, r);

  // Daily backup snapshots, and the deletion of those past their retention policy.
  snapshot_lifecycle(spi, c, n);

  // Load balancers lose their traffic (the day is a per-LB geometric draw).
  {
    const uint64_t k = spi.exec(
        "INSERT INTO finsim.resource_change_events (id, account_id, resource_type, resource_id, "
        "change_source, field_name, old_value, new_value, changed_at, reason) "
        "SELECT finsim._drift_uuid($1, 'resource_change_events', $2, 'lb-idle:' || l.id::text), "
        "l.account_id, 'load_balancers', l.id::text, 'drift_engine', 'traffic', 'serving', 'idle', $6, "
        "'drift: the service behind this load balancer was retired' FROM finsim.load_balancers l "
        "WHERE l.account_id = $1::uuid AND finsim._drift_lb_idle_day($3, l.id::text, $5) = $4",
        p);
    n.rows += k;
    n.events += k;
  }

  // Services scale by one replica (2 % of services a day), unless an agent set replica_count.
  {
    const uint64_t k = spi.exec(
        "UPDATE finsim.container_services s SET replica_count = greatest(1, s.replica_count + "
        "CASE WHEN finsim._drift_unit($3, s.id::text, 'scale-dir:' || $2) < 0.5 THEN -1 ELSE 1 END) "
        "WHERE s.account_id = $1::uuid AND s.replica_count > 0 "
        "AND finsim._drift_unit($3, s.id::text, 'scale:' || $2) < 0.02 AND "
        NOT_AGENT_SET("container_services", "s.id::text", "= 'replica_count'"),
        p);
    n.rows += k;
    n.events += k;
  }

  // New log groups without retention (25 % of days).
  if (r.chance(0.25)) {
    const std::string id = core::uuid_from({c.account, "log_groups", c.date, "0"});
    // At most one a day: the date makes the name unique (a 32-bit hash alone would not be).
    std::string ymd = c.date;
    ymd.erase(std::remove(ymd.begin(), ymd.end(), '-'), ymd.end());
    const std::string name = "/aws/lambda/preview-" + ymd + "-" +
                             core::hex(core::hash_parts({c.account, "log_groups", c.date}), 4);
    auto q = c.params();
    q.push_back(pg::Param::text(id));
    q.push_back(pg::Param::text(name));
    n.rows += spi.exec(
        "INSERT INTO finsim.log_groups (id, account_id, name, env, region, retention_days) "
        "VALUES ($8::uuid, $1::uuid, $9, 'preview', 'us-east-1', NULL)",
        q);
    log_event(spi, c, n, "log-group:0", "log_groups", id, "retention_days", std::nullopt, std::nullopt,
              "drift: new log group created without a retention policy");
    ++n.events;
  }

  // Tags go missing: 0.1 % of live instances lose their owner tag a day — `team`, the owner
  // among the guide's required tags (env, team, project) — from both places a tag lives
  // (instances.tags and resource_tags), so untagged_resource finds them; never a tag an
  // agent or a person set.
  {
    const uint64_t k = spi.exec(
        // The day's draw first (a materialized CTE: the planner would otherwise probe
        // resource_tags and the audit trail for every live instance, 0.7 s a day at 100k).
        "WITH p AS MATERIALIZED (SELECT i.id FROM finsim.instances i "
        "  WHERE i.account_id = $1::uuid AND i.state <> 'terminated' "
        "  AND finsim._drift_unit($3, i.id::text, 'untag:' || $2) < 0.001), "
        "c AS (SELECT i.id, coalesce(i.tags->>'team', (SELECT t.value FROM finsim.resource_tags t "
        "  WHERE t.account_id = i.account_id AND t.resource_type = 'instances' AND t.resource_id = i.id::text "
        "  AND t.key = 'team')) AS old FROM p JOIN finsim.instances i ON i.account_id = $1::uuid AND i.id = p.id "
        "  WHERE (i.tags ? 'team' OR EXISTS (SELECT 1 FROM finsim.resource_tags t WHERE t.account_id = i.account_id "
        "  AND t.resource_type = 'instances' AND t.resource_id = i.id::text AND t.key = 'team')) AND "
        NOT_AGENT_SET("instances", "i.id::text", "LIKE 'tags%'") " FOR UPDATE OF i), "
        "u AS (UPDATE finsim.instances i SET tags = i.tags - 'team' FROM c "
        "  WHERE i.account_id = $1::uuid AND i.id = c.id AND i.tags ? 'team'), "
        "r AS (DELETE FROM finsim.resource_tags t USING c WHERE t.account_id = $1::uuid "
        "  AND t.resource_type = 'instances' AND t.resource_id = c.id::text AND t.key = 'team') "
        "INSERT INTO finsim.resource_change_events (id, account_id, resource_type, resource_id, "
        "change_source, field_name, old_value, new_value, changed_at, reason) "
        "SELECT finsim._drift_uuid($1, 'resource_change_events', $2, 'untag:' || c.id::text), $1::uuid, "
        "'instances', c.id::text, 'drift_engine', 'tags.team', c.old, NULL, $6, "
        "'drift: owner (team) tag lost' FROM c",
        p);
    n.rows += 2 * k;
    n.events += k;
  }
}

}  // namespace finsim::drift
