// Identity and placement of entities referenced across tables.
#include "generator/specs.hpp"

#include "core/hash.hpp"

namespace finsim::generator {

std::string aws_hex_id(const Estate& e, const char* prefix, const char* table, int64_t ordinal,
                       int digits) {
  uint64_t h = core::hash_parts({e.account_id(), table, std::to_string(ordinal)});
  // Leading 0 like modern AWS ids (i-0…, vol-0…); the rest from the hash.
  return std::string(prefix) + "0" + core::hex(h, 16).substr(0, static_cast<size_t>(digits - 1));
}

AsgSpec asg_spec(const Estate& e, int64_t g) {
  core::Rng r = e.rng("autoscaling_groups", g);
  AsgSpec s;
  s.id = e.id("autoscaling_groups", g);
  s.env = r.chance(0.6) ? "prod" : pick_env(r);
  if (s.env == "preview") s.env = "staging";
  s.region = pick_region(r);
  static const char* types[] = {"m5.large", "m5.xlarge", "c5.large", "c5.xlarge", "t3.medium",
                                "m6i.large", "r5.large", "c6i.xlarge"};
  s.type = types[r.range(0, 7)];
  static const char* roles[] = {"web", "api", "worker", "ingest", "render", "batch"};
  s.name = s.env + "-" + roles[r.range(0, 5)] + "-asg-" + std::to_string(g);
  s.desired = e.asg_size(g);
  double x = draw(r, g, {0.1, 0.25, 0.28});
  bool pinned = false;
  if (x < 0.22) {                     // asg_low_utilization (and often a pinned min)
    s.utilization = r.uniform(8, 28);
    pinned = g == 0 || r.chance(0.6);
  } else if (x < 0.27) {
    s.utilization = 31;               // healthy neighbour just above 30 %
  } else if (x < 0.30) {
    s.utilization = 29;               // waste neighbour just below 30 %
    pinned = r.chance(0.5);
  } else {
    s.utilization = r.uniform(35, 75);
  }
  s.utilization = static_cast<double>(static_cast<int64_t>(s.utilization * 100 + 0.5)) / 100.0;
  s.min = pinned ? s.desired : std::max<int64_t>(s.desired > 0 ? 1 : 0, s.desired / 2);
  s.max = s.desired + r.range(0, 4);
  if (s.max == 0) s.max = 1;
  return s;
}

InstanceSpec instance_spec(const Estate& e, int64_t i) {
  InstanceSpec s;
  s.id = e.id("instances", i);
  s.instance_id = aws_hex_id(e, "i-", "instances", i);
  s.asg = e.asg_of_instance(i);
  core::Rng r = e.rng("instances", i);
  if (s.asg >= 0) {
    AsgSpec a = asg_spec(e, s.asg);
    s.type = a.type;
    s.env = a.env;
    s.region = a.region;
    s.state = "running";
    s.name = a.name + "-" + std::to_string(i - e.asg_first(s.asg));
    return s;
  }
  s.env = pick_env(r);
  s.region = pick_region(r);
  double t = r.uniform();
  if (t < 0.08) {  // previous generation
    static const char* prev[] = {"t2.medium", "t2.large", "m4.large", "m4.xlarge", "m4.2xlarge",
                                 "c4.large", "c4.xlarge", "r4.large", "r4.xlarge"};
    s.type = prev[r.range(0, 8)];
  } else if (t < 0.10) {  // GPU boxes
    static const char* gpu[] = {"g4dn.xlarge", "g4dn.2xlarge", "g5.xlarge", "p3.2xlarge"};
    s.type = gpu[r.range(0, 3)];
  } else if (t < 0.30) {  // large sizes (rightsizing candidates when underused)
    static const char* big[] = {"m5.2xlarge", "m5.4xlarge", "c5.2xlarge", "c5.4xlarge",
                                "r5.2xlarge", "m6i.2xlarge", "r5.4xlarge", "m5.xlarge"};
    s.type = big[r.range(0, 7)];
  } else {
    static const char* std_[] = {"t3.micro", "t3.small", "t3.medium", "t3.large", "m5.large",
                                 "m5.xlarge", "c5.large", "c5.xlarge", "r5.large", "m6i.large",
                                 "m6i.xlarge", "c6i.large"};
    s.type = std_[r.range(0, 11)];
  }
  s.state = r.chance(0.08) ? "stopped" : "running";
  // Its own stream: the instance's last activity and its volumes' last I/O (storage.cpp).
  if (s.state == "stopped") s.stopped_days = e.rng("instances", i, "stopped").range(15, 120);
  static const char* roles[] = {"api", "web", "worker", "cron", "db-proxy", "bastion", "etl", "ci"};
  s.name = s.env + "-" + pick_project(r) + "-" + roles[r.range(0, 7)] + "-" + std::to_string(i);
  return s;
}

VolumeSpec volume_spec(const Estate& e, int64_t v) {
  VolumeSpec s;
  s.id = e.id("volumes", v);
  s.volume_id = aws_hex_id(e, "vol-", "volumes", v);
  core::Rng r = e.rng("volumes", v);
  const int64_t n_inst = e.plan().instances;
  bool attached = n_inst > 0 && !r.chance(0.11);
  if (attached) {
    // First one root volume per instance, then data volumes spread over the instances.
    s.instance = v < n_inst ? v : static_cast<int64_t>(r.range(0, n_inst - 1));
    s.region = instance_spec(e, s.instance).region;
  } else {
    s.region = pick_region(r);
  }
  double t = r.uniform();
  if (t < 0.25) s.type = "gp2";
  else if (t < 0.80) s.type = "gp3";
  else if (t < 0.86) s.type = "io1";
  else if (t < 0.90) s.type = "io2";
  else if (t < 0.95) s.type = "st1";
  else s.type = "sc1";
  if (s.type == "st1" || s.type == "sc1") s.size = 125 * r.range(1, 16);
  else if (r.chance(0.7)) s.size = 8 * r.range(1, 32);
  else s.size = 100 * r.range(1, 20);
  return s;
}

LbSpec lb_spec(const Estate& e, int64_t l) {
  core::Rng r = e.rng("load_balancers", l);
  LbSpec s;
  s.id = e.id("load_balancers", l);
  s.env = pick_env(r);
  s.region = pick_region(r);
  double t = r.uniform();
  s.type = t < 0.75 ? "application" : t < 0.93 ? "network" : t < 0.97 ? "classic" : "gateway";
  if (l == 1) {  // the first load balancer's twin: same env, region and type (lb_consolidation)
    LbSpec first = lb_spec(e, 0);
    s.env = first.env;
    s.region = first.region;
    s.type = first.type;
  }
  static const char* roles[] = {"web", "api", "internal", "admin", "grpc", "ws"};
  s.name = s.env + "-" + roles[r.range(0, 5)] + "-" + std::to_string(l);
  std::string kind = s.type == "application" ? "app" : s.type == "network" ? "net" : s.type == "gateway" ? "gwy" : "";
  uint64_t h = core::hash_parts({e.account_id(), "lb", std::to_string(l)});
  uint64_t ah = core::hash_parts({e.account_id(), "aws-account-number"});
  std::string acct = std::to_string(100000000000ULL + ah % 900000000000ULL);
  s.arn = "arn:aws:elasticloadbalancing:" + s.region + ":" + acct.substr(0, 12) +
          ":loadbalancer/" + (kind.empty() ? "" : kind + "/") + s.name + "/" + core::hex(h, 16);
  return s;
}

}  // namespace finsim::generator
