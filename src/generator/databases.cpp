// Databases: RDS instances and ElastiCache clusters, with their metric history.
#include <algorithm>
#include <string_view>

#include "core/catalog.hpp"
#include "generator/estate.hpp"
#include "generator/specs.hpp"
#include "pg/bulk_insert.hpp"

namespace finsim::generator {

void write_databases(const Estate& e, pg::Spi& spi, Writers& w) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  const Plan& p = e.plan();

  pg::BulkInsert rds(
      spi, "finsim.rds_instances",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"db_instance_id", "text"}, {"engine", "text"},
       {"instance_class", "text"}, {"allocated_storage_gib", "integer"}, {"env", "text"},
       {"region", "text"}, {"state", "text"}, {"hourly_cost", "numeric"},
       {"storage_monthly_cost", "numeric"}, {"avg_cpu_7d", "numeric"},
       {"avg_connections_7d", "numeric"}, {"optimization_policy", "text"},
       {"used_storage_gib", "numeric"}, {"optimization_freeze_until", "timestamptz"}});
  for (int64_t i = 0; i < p.rds_instances; ++i) {
    core::Rng r = e.rng("rds_instances", i);
    std::string id = e.id("rds_instances", i);
    const char* env = pick_env(r);
    const char* region = pick_region(r);
    static const char* engines[] = {"postgres", "postgres", "mysql", "aurora-postgresql"};
    static const char* classes[] = {"db.t3.medium", "db.t3.large", "db.m5.large", "db.m5.xlarge",
                                    "db.m5.2xlarge", "db.r5.large", "db.r5.xlarge", "db.r5.2xlarge",
                                    "db.r6g.large", "db.r6g.xlarge"};
    std::string cls = classes[r.range(0, 9)];
    // The first six databases carry the edge categories below and are not stopped at random;
    // the fifth is stopped (rds_stopped); the first (low CPU, rds_oversized) is of a class the
    // catalog has a smaller size of.
    if (i == 0 && (cls == "db.m5.large" || cls == "db.r5.large" || cls == "db.r6g.large")) cls = "db.r5.xlarge";
    const bool stop_draw = r.chance(0.05);
    bool stopped = i == 4 || (stop_draw && i > 5);  // rds_stopped
    double x = draw(r, i, {0.1, 0.17, 0.2, 0.5});
    double cpu = x < 0.15 ? r.uniform(3, 18) : x < 0.19 ? 21 : x < 0.22 ? 19 : r.uniform(25, 70);
    double y = draw(r, i, {0.5, 0.05, 0.12, 0.15});
    double conns = y < 0.10 ? r.uniform(0, 8) : y < 0.14 ? 11 : y < 0.16 ? 9 : r.uniform(20, 300);
    int64_t alloc = 20 * r.range(1, 100);
    // rds_overprovisioned_storage: 15%, and the sixth database (at least 100 GiB, so a
    // smaller allocation exists).
    const bool low_used = r.chance(0.15) || i == 5;
    if (i == 5) alloc = std::max<int64_t>(alloc, 100);
    double used = alloc * (low_used ? r.uniform(0.03, 0.18) : r.uniform(0.4, 0.85));
    double hourly = price("rds", cls, region);
    double storage = alloc * price("rds-storage", "gp2", region);
    History h;
    if (!stopped)
      h = write_metrics(e, w, "rds_instances", id, cpu, r.uniform(30, 85), cpu * 0.1, 0.8,
                        hourly * 24.0 + storage / catalog::kDaysPerMonth, "connections", conns);
    core::Rng pr = e.rng("rds_instances", i, "policy");
    std::string name = std::string(env) + "-" + pick_project(pr) + "-db-" + i2s(i);
    rds.add({id, acct, name, engines[r.range(0, 3)], cls, i2s(alloc), env, region,
             stopped ? "stopped" : "available", num(hourly, 4), num(storage, 4),
             num(stopped ? 0 : h.cpu7), num(stopped ? 0 : h.extra7),
             std::string(i < 6 ? pick_reported_policy(pr) : pick_policy(pr)),
             num(used, 1), pick_freeze(pr, now)});
    write_tags(*w.tags, e, "rds_instances", id, make_tags(pr, env));
  }
  rds.flush();

  pg::BulkInsert caches(
      spi, "finsim.cache_clusters",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"cluster_id", "text"}, {"engine", "text"},
       {"node_type", "text"}, {"num_nodes", "integer"}, {"env", "text"}, {"region", "text"},
       {"hourly_cost", "numeric"}, {"avg_cpu_7d", "numeric"}, {"avg_memory_7d", "numeric"},
       {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  for (int64_t i = 0; i < p.cache_clusters; ++i) {
    core::Rng r = e.rng("cache_clusters", i);
    std::string id = e.id("cache_clusters", i);
    const char* env = pick_env(r);
    // The second cache is a non-prod cluster with replicas (cache_ha_in_dev), reported.
    const bool ha_dev = i == 1;
    if (ha_dev && std::string_view(env) == "prod") env = "staging";
    const char* region = pick_region(r);
    static const char* nodes[] = {"cache.t3.medium", "cache.m6g.large", "cache.m6g.xlarge",
                                  "cache.r6g.large", "cache.r6g.xlarge", "cache.r5.large"};
    std::string node = nodes[r.range(0, 5)];
    // The first cache (low CPU, cache_oversized) and the fourth (low memory, cache_low_memory)
    // take a node type the catalog has a smaller size of.
    if ((i == 0 || i == 3) && (node == "cache.m6g.large" || node == "cache.r5.large")) node = "cache.r6g.large";
    bool nonprod = std::string(env) != "prod";
    int64_t n = nonprod ? ((r.chance(0.35) || ha_dev) ? r.range(2, 3) : 1) : r.range(1, 3);  // cache_ha_in_dev
    double x = draw(r, i, {0.1, 0.22, 0.26});
    double cpu = x < 0.2 ? r.uniform(1, 9) : x < 0.25 ? 10.5 : x < 0.28 ? 9.5 : r.uniform(15, 60);
    double y = draw(r, i, {0.5, 0.5, 0.5, 0.1, 0.22});
    double mem = y < 0.2 ? r.uniform(4, 18) : y < 0.25 ? 22 : r.uniform(30, 85);
    double hourly = n * price("elasticache", node, region);
    History h = write_metrics(e, w, "cache_clusters", id, cpu, mem, cpu * 0.3, 0.85, hourly * 24.0);
    core::Rng pr = e.rng("cache_clusters", i, "policy");
    std::string cid = std::string(env) + "-" + pick_project(pr) + "-cache-" + i2s(i);
    caches.add({id, acct, cid, r.chance(0.85) ? "redis" : "memcached", node, i2s(n), env, region,
                num(hourly, 4), num(h.cpu7), num(h.memory7), std::string(i < 5 ? pick_reported_policy(pr) : pick_policy(pr)),
                pick_freeze(pr, now)});
    write_tags(*w.tags, e, "cache_clusters", id, make_tags(pr, env));
  }
  caches.flush();
}

}  // namespace finsim::generator
