// Storage: EBS volumes (attached to instances or available), snapshots (some of deleted
// volumes), S3 buckets and their daily usage.
#include <algorithm>
#include <cmath>

#include "core/catalog.hpp"
#include "core/hash.hpp"
#include "core/retention.hpp"
#include "generator/estate.hpp"
#include "generator/specs.hpp"
#include "pg/bulk_insert.hpp"

namespace finsim::generator {

namespace {

struct SnapshotBase {
  std::string source, region;
  int64_t size = 0;
  int64_t age_days = 0;
};

// Half the snapshots are under a retention policy (daily-7, weekly-4 or monthly-12).  A live
// account's snapshot is never older than its policy keeps it (the lifecycle would have
// deleted it), so a snapshot too old for the drawn policy takes the next longer one, and
// none when it is older than every policy: those are the old, unmanaged snapshots.
Cell pick_retention(core::Rng& r, int64_t age_days) {
  static const char* policies[] = {"daily-7", "weekly-4", "monthly-12"};
  if (r.chance(0.5)) return Cell();
  for (int64_t i = r.range(0, 2); i < 3; ++i)
    if (age_days < *core::retention_days(policies[i])) return Cell(policies[i]);
  return Cell();
}

// A snapshot's source without the duplicate rule (so duplicates can copy their neighbour).
SnapshotBase snapshot_base(const Estate& e, int64_t s) {
  core::Rng r = e.rng("snapshots", s);
  SnapshotBase b;
  const int64_t n_vol = e.plan().volumes;
  if (n_vol > 0 && r.chance(0.75)) {
    VolumeSpec v = volume_spec(e, r.range(0, n_vol - 1));
    b.source = v.volume_id;
    b.region = v.region;
    b.size = v.size;
  } else {  // orphaned: the volume is gone
    b.source = aws_hex_id(e, "vol-", "deleted_volumes", s);
    b.region = pick_region(r);
    b.size = 8 * r.range(1, 64);
  }
  double x = r.uniform();
  b.age_days = x < 0.05 ? 89 : x < 0.10 ? 91 : x < 0.55 ? r.range(1, 88) : r.range(92, 700);
  return b;
}

// How long before midnight (UTC) of its age's day a snapshot was taken: 1 s .. 1 h, so every
// snapshot of an age lies within one UTC day (the day before now - age) and a duplicate
// (same source, same age) shares its neighbour's day.  The draw is range(0, 3600) with 0,
// which would put the snapshot on the next day at 00:00, counted as the hour's end (3600).
int64_t taken_before_midnight(core::Rng& r) {
  const int64_t s = r.range(0, 3600);
  return s == 0 ? 3600 : s;
}

}  // namespace

void write_storage(const Estate& e, pg::Spi& spi, Writers& w) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  const Plan& p = e.plan();

  pg::BulkInsert vols(
      spi, "finsim.volumes",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"volume_id", "text"}, {"region", "text"},
       {"size_gib", "integer"}, {"volume_type", "text"}, {"state", "text"},
       {"attached_instance_id", "text"}, {"monthly_cost", "numeric"},
       {"last_used_at", "timestamptz"}, {"tags", "jsonb"}, {"provisioned_iops", "integer"},
       {"avg_iops_7d", "numeric"}, {"optimization_policy", "text"},
       {"optimization_freeze_until", "timestamptz"}});
  for (int64_t v = 0; v < p.volumes; ++v) {
    VolumeSpec s = volume_spec(e, v);
    core::Rng r = e.rng("volumes", v, "detail");
    bool attached = s.instance >= 0;
    InstanceSpec inst;
    if (attached) inst = instance_spec(e, s.instance);
    Cell iops;
    double avg_iops;
    if (s.type == "gp3") iops = "3000";
    if (s.type == "io1" || s.type == "io2") {
      int64_t prov = 1000 * r.range(3, 16);
      iops = i2s(prov);
      avg_iops = r.chance(0.6) ? r.uniform(50, 400) : prov * r.uniform(0.5, 0.9);
    } else {
      avg_iops = r.uniform(10, 2000);
    }
    int64_t idle_days;
    if (attached) {
      idle_days = 0;
    } else {
      double x = r.uniform();
      idle_days = x < 0.1 ? 29 : x < 0.2 ? 31 : x < 0.3 ? 89 : x < 0.4 ? 91 : x < 0.7 ? r.range(1, 60) : r.range(92, 400);
      avg_iops = 0;
    }
    // A stopped instance's volumes idle since it stopped (forgotten_volume beyond 30 days).
    const int64_t stopped_days = attached ? inst.stopped_days : 0;
    if (stopped_days > 0) avg_iops = 0;
    Cell last_used = ts_text(now, attached ? -stopped_days * 86400 - r.range(0, 3600)
                                           : -idle_days * 86400 - r.range(0, 3600));
    core::Rng pr = e.rng("volumes", v, "policy");
    Tags t = make_tags(pr, attached ? inst.env.c_str() : pick_env(pr));
    vols.add({s.id, acct, s.volume_id, s.region, i2s(s.size), s.type, attached ? "in-use" : "available",
              attached ? Cell(inst.instance_id) : Cell(), num(s.size * price("ebs", s.type, s.region.c_str()), 4),
              last_used, t.json(), iops, num(avg_iops), std::string(pick_policy(pr)),
              pick_freeze(pr, now)});
    write_tags(*w.tags, e, "volumes", s.id, t);
  }
  vols.flush();

  pg::BulkInsert snaps(
      spi, "finsim.snapshots",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"snapshot_id", "text"}, {"region", "text"},
       {"source_volume_id", "text"}, {"size_gib", "integer"}, {"retention_policy", "text"},
       {"monthly_cost", "numeric"}, {"tags", "jsonb"}, {"created_at", "timestamptz"},
       {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  for (int64_t s = 0; s < p.snapshots; ++s) {
    core::Rng r = e.rng("snapshots", s, "detail");
    // duplicate_snapshots: same volume, same UTC day (the previous snapshot's source and age).
    bool duplicate = s > 0 && r.chance(0.12);
    SnapshotBase b = snapshot_base(e, duplicate ? s - 1 : s);
    std::string id = e.id("snapshots", s);
    Cell retention = pick_retention(r, b.age_days);
    core::Rng pr = e.rng("snapshots", s, "policy");
    Tags t = make_tags(pr, pick_env(pr));
    snaps.add({id, acct, aws_hex_id(e, "snap-", "snapshots", s), b.region, b.source, i2s(b.size),
               retention, num(b.size * price("ebs-snapshot", "standard", b.region.c_str()), 4),
               t.json(), ts_text(now, -b.age_days * 86400 - taken_before_midnight(r)),
               std::string(pick_policy(pr)), pick_freeze(pr, now)});
    write_tags(*w.tags, e, "snapshots", id, t);
  }
  snaps.flush();

  pg::BulkInsert buckets(
      spi, "finsim.s3_buckets",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"name", "text"}, {"env", "text"},
       {"region", "text"}, {"lifecycle_policy", "jsonb"}, {"tags", "jsonb"},
       {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  pg::BulkInsert usage(
      spi, "finsim.s3_bucket_usage_daily",
      {{"id", "uuid"}, {"account_id", "uuid"}, {"bucket_id", "uuid"}, {"date", "date"},
       {"storage_gb_standard", "numeric"}, {"storage_gb_ia", "numeric"},
       {"storage_gb_glacier", "numeric"}, {"requests_count", "bigint"},
       {"estimated_storage_cost", "numeric"}, {"estimated_request_cost", "numeric"}});
  usage.after(&buckets);
  for (int64_t b = 0; b < p.s3_buckets; ++b) {
    core::Rng r = e.rng("s3_buckets", b);
    std::string id = e.id("s3_buckets", b);
    const char* env = pick_env(r);
    const char* region = pick_region(r);
    bool lifecycle = !r.chance(0.4);  // s3_no_lifecycle
    bool cold = r.chance(0.2);        // s3_cold_data: big, rarely read
    double gb = std::exp(r.uniform(0, cold ? 10.5 : 9));
    double reqs = cold ? r.uniform(0, 80) : std::exp(r.uniform(5, 14));
    core::Rng pr = e.rng("s3_buckets", b, "policy");
    std::string name = std::string(pick_project(pr)) + "-" + env + "-" +
                       core::hex(core::hash_parts({acct, "bucket", i2s(b)}), 8) + "-" + i2s(b);
    Tags t = make_tags(pr, env);
    buckets.add({id, acct, name, env, region,
                 lifecycle ? Cell("{\"transition_ia_days\": 30, \"transition_glacier_days\": 90, \"expire_days\": 365}") : Cell(),
                 t.json(), std::string(pick_policy(pr)), pick_freeze(pr, now)});
    write_tags(*w.tags, e, "s3_buckets", id, t);
    double p_std = price("s3", "STANDARD", region), p_ia = price("s3", "STANDARD_IA", region),
           p_gl = price("s3", "GLACIER", region), p_req = price("s3-requests", "blended", region);
    for (int d = Estate::kHistoryDays; d >= 1; --d) {
      int64_t day = now - d;
      double total = gb * (1.0 - 0.002 * d);
      double std_gb = lifecycle ? total * 0.45 : total, ia = lifecycle ? total * 0.3 : 0,
             gl = lifecycle ? total * 0.25 : 0;
      int64_t rq = static_cast<int64_t>(reqs * r.uniform(0.8, 1.2));
      usage.add({core::daily_row_uuid("s3_buckets", id, day), acct, id, date_text(day),
                 num(std_gb, 3), num(ia, 3), num(gl, 3), i2s(rq),
                 num((std_gb * p_std + ia * p_ia + gl * p_gl) / catalog::kDaysPerMonth, 4),
                 num(rq / 1000.0 * p_req, 6)});
    }
  }
  usage.flush();
}

}  // namespace finsim::generator
