// Networking: load balancers, Elastic IPs (on instances, on load balancers, or idle) and
// daily data transfer between the estate's regions.
#include <algorithm>

#include "core/catalog.hpp"
#include "core/hash.hpp"
#include "generator/estate.hpp"
#include "generator/specs.hpp"
#include "pg/bulk_insert.hpp"

namespace finsim::generator {

void write_network(const Estate& e, pg::Spi& spi, Writers& w) {
  const std::string& acct = e.account_id();
  const int64_t now = e.now_day();
  const Plan& p = e.plan();

  pg::BulkInsert lbs(spi, "finsim.load_balancers",
                     {{"id", "uuid"}, {"account_id", "uuid"}, {"lb_arn", "text"}, {"name", "text"},
                      {"type", "text"}, {"env", "text"}, {"region", "text"},
                      {"hourly_cost", "numeric"}, {"avg_request_count_7d", "numeric"},
                      {"optimization_policy", "text"}, {"optimization_freeze_until", "timestamptz"}});
  for (int64_t l = 0; l < p.load_balancers; ++l) {
    LbSpec s = lb_spec(e, l);
    core::Rng r = e.rng("load_balancers", l, "detail");
    double x = r.uniform();
    // lb_unused (0), nearly unused, low-traffic consolidation candidates, busy.  The first
    // two (twins of one env, region and type, see lb_spec) serve 100-900 requests a day, so
    // every estate with two load balancers has an lb_consolidation finding.
    const bool twin = l < 2;
    double reqs = twin ? r.uniform(100, 900) : x < 0.15 ? 0 : x < 0.20 ? r.uniform(1, 50)
                : x < 0.40 ? r.uniform(100, 2000) : r.uniform(10000, 5000000);
    core::Rng pr = e.rng("load_balancers", l, "policy");
    lbs.add({s.id, acct, s.arn, s.name, s.type, s.env, s.region,
             num(price("elb", s.type, s.region.c_str()), 4), num(reqs, 1),
             std::string(twin ? pick_reported_policy(pr) : pick_policy(pr)), pick_freeze(pr, now)});
    write_tags(*w.tags, e, "load_balancers", s.id, make_tags(pr, s.env.c_str()));
  }
  lbs.flush();

  static const int first_octets[] = {3, 18, 34, 52, 54};
  const int octet = first_octets[core::hash_parts({acct, "eip-range"}) % 5];
  pg::BulkInsert eips(spi, "finsim.elastic_ips",
                      {{"id", "uuid"}, {"account_id", "uuid"}, {"allocation_id", "text"},
                       {"public_ip", "text"}, {"associated_instance_id", "text"},
                       {"associated_lb_arn", "text"}, {"state", "text"}, {"hourly_cost", "numeric"},
                       {"optimization_policy", "text"}, {"tags", "jsonb"}, {"region", "text"},
                       {"optimization_freeze_until", "timestamptz"}});
  for (int64_t k = 0; k < p.elastic_ips; ++k) {
    core::Rng r = e.rng("elastic_ips", k);
    std::string id = e.id("elastic_ips", k);
    Cell inst, arn;
    std::string region, env;
    double x = r.uniform();
    if (x < 0.15 || (p.instances == 0 && p.load_balancers == 0)) {  // eip_unassociated
      region = pick_region(r);
      env = pick_env(r);
    } else if ((x < 0.75 && p.instances > 0) || p.load_balancers == 0) {
      InstanceSpec s = instance_spec(e, r.range(0, p.instances - 1));
      inst = s.instance_id;
      region = s.region;
      env = s.env;
    } else {
      LbSpec s = lb_spec(e, r.range(0, p.load_balancers - 1));
      arn = s.arn;
      region = s.region;
      env = s.env;
    }
    bool associated = inst || arn;
    std::string ip = std::to_string(octet) + "." + i2s((k >> 16) & 255) + "." + i2s((k >> 8) & 255) +
                     "." + i2s(k & 255);
    core::Rng pr = e.rng("elastic_ips", k, "policy");
    Tags t = make_tags(pr, env.c_str());
    eips.add({id, acct, aws_hex_id(e, "eipalloc-", "elastic_ips", k), ip, inst, arn,
              associated ? "associated" : "unassociated",
              num(price("eip", associated ? "associated" : "unassociated", region.c_str()), 4),
              std::string(pick_policy(pr)), t.json(), region, pick_freeze(pr, now)});
    write_tags(*w.tags, e, "elastic_ips", id, t);
  }
  eips.flush();

  if (e.in().resources == 0) return;
  pg::BulkInsert transfer(spi, "finsim.data_transfer_daily",
                          {{"id", "uuid"}, {"account_id", "uuid"}, {"date", "date"},
                           {"source_region", "text"}, {"dest_region", "text"}, {"direction", "text"},
                           {"gb_transferred", "numeric"}, {"estimated_transfer_cost", "numeric"}});
  static const char* regions[] = {"us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1"};
  const double scale = std::max(1.0, e.in().resources / 50.0);
  for (int d = Estate::kHistoryDays; d >= 1; --d) {
    int64_t day = now - d;
    core::Rng r = e.rng("data_transfer_daily", day);
    auto row = [&](const char* src, const char* dst, const char* dir, double gb) {
      transfer.add({core::uuid_from({acct, "data_transfer_daily", i2s(day), src, dst, dir}), acct,
                    date_text(day), std::string(src), std::string(dst), std::string(dir), num(gb, 3),
                    num(gb * price("data-transfer", dir, src), 4)});
    };
    for (int i = 0; i < 4; ++i) {
      double share = i == 0 ? 0.5 : 0.5 / 3;
      row(regions[i], regions[i], "intra-az", scale * share * r.uniform(20, 40));
      // Chatty services across zones: cross-az is the largest avoidable item (transfer_cross_az).
      row(regions[i], regions[i], "cross-az", scale * share * r.uniform(8, 16));
      row(regions[i], "internet", "egress", scale * share * r.uniform(4, 10));
      row("internet", regions[i], "ingress", scale * share * r.uniform(4, 10));
      if (i > 0) {
        // us-east-1 -> us-west-2 carries at least 1.5 GB per 50 resources: over $1 a day from
        // 2,000 resources on (transfer_cross_region).
        row(regions[0], regions[i], "cross-region", scale * r.uniform(i == 1 ? 1.5 : 0.5, 3));
        row(regions[i], regions[0], "cross-region", scale * r.uniform(0.3, 2));
      }
    }
  }
  transfer.flush();
}

}  // namespace finsim::generator
