#include "core/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace finsim::catalog {
namespace {

// us-east-1 on-demand list prices.  Guide figures (cost-optimization-guide.md) win where
// the guide states one; those rows are marked "guide".
struct Row {
  const char* service;
  const char* type;
  const char* unit;
  double price;
};

const Row kRows[] = {
    // EC2, general purpose (guide: m5.large/xlarge/2xlarge).
    {"ec2", "m5.large", "instance-hour", 0.096},
    {"ec2", "m5.xlarge", "instance-hour", 0.192},
    {"ec2", "m5.2xlarge", "instance-hour", 0.384},
    {"ec2", "m5.4xlarge", "instance-hour", 0.768},
    {"ec2", "m5.8xlarge", "instance-hour", 1.536},
    {"ec2", "m5.12xlarge", "instance-hour", 2.304},
    {"ec2", "m5.16xlarge", "instance-hour", 3.072},
    {"ec2", "m5.24xlarge", "instance-hour", 4.608},
    {"ec2", "m6i.large", "instance-hour", 0.096},
    {"ec2", "m6i.xlarge", "instance-hour", 0.192},
    {"ec2", "m6i.2xlarge", "instance-hour", 0.384},
    {"ec2", "m6i.4xlarge", "instance-hour", 0.768},
    {"ec2", "m6i.8xlarge", "instance-hour", 1.536},
    {"ec2", "m4.large", "instance-hour", 0.10},
    {"ec2", "m4.xlarge", "instance-hour", 0.20},
    {"ec2", "m4.2xlarge", "instance-hour", 0.40},
    {"ec2", "m4.4xlarge", "instance-hour", 0.80},
    {"ec2", "m4.10xlarge", "instance-hour", 2.00},
    // Burstable.
    {"ec2", "t2.nano", "instance-hour", 0.0058},
    {"ec2", "t2.micro", "instance-hour", 0.0116},
    {"ec2", "t2.small", "instance-hour", 0.023},
    {"ec2", "t2.medium", "instance-hour", 0.0464},
    {"ec2", "t2.large", "instance-hour", 0.0928},
    {"ec2", "t2.xlarge", "instance-hour", 0.1856},
    {"ec2", "t2.2xlarge", "instance-hour", 0.3712},
    {"ec2", "t3.nano", "instance-hour", 0.0052},
    {"ec2", "t3.micro", "instance-hour", 0.0104},
    {"ec2", "t3.small", "instance-hour", 0.0208},
    {"ec2", "t3.medium", "instance-hour", 0.0416},
    {"ec2", "t3.large", "instance-hour", 0.0832},
    {"ec2", "t3.xlarge", "instance-hour", 0.1664},
    {"ec2", "t3.2xlarge", "instance-hour", 0.3328},
    // Compute optimised.
    {"ec2", "c5.large", "instance-hour", 0.085},
    {"ec2", "c5.xlarge", "instance-hour", 0.17},
    {"ec2", "c5.2xlarge", "instance-hour", 0.34},
    {"ec2", "c5.4xlarge", "instance-hour", 0.68},
    {"ec2", "c5.9xlarge", "instance-hour", 1.53},
    {"ec2", "c5.18xlarge", "instance-hour", 3.06},
    {"ec2", "c6i.large", "instance-hour", 0.085},
    {"ec2", "c6i.xlarge", "instance-hour", 0.17},
    {"ec2", "c6i.2xlarge", "instance-hour", 0.34},
    {"ec2", "c6i.4xlarge", "instance-hour", 0.68},
    {"ec2", "c4.large", "instance-hour", 0.10},
    {"ec2", "c4.xlarge", "instance-hour", 0.199},
    {"ec2", "c4.2xlarge", "instance-hour", 0.398},
    {"ec2", "c4.4xlarge", "instance-hour", 0.796},
    {"ec2", "c4.8xlarge", "instance-hour", 1.591},
    // Memory optimised.
    {"ec2", "r5.large", "instance-hour", 0.126},
    {"ec2", "r5.xlarge", "instance-hour", 0.252},
    {"ec2", "r5.2xlarge", "instance-hour", 0.504},
    {"ec2", "r5.4xlarge", "instance-hour", 1.008},
    {"ec2", "r5.8xlarge", "instance-hour", 2.016},
    {"ec2", "r6g.large", "instance-hour", 0.1008},
    {"ec2", "r6g.xlarge", "instance-hour", 0.2016},
    {"ec2", "r6g.2xlarge", "instance-hour", 0.4032},
    {"ec2", "r6g.4xlarge", "instance-hour", 0.8064},
    {"ec2", "r4.large", "instance-hour", 0.133},
    {"ec2", "r4.xlarge", "instance-hour", 0.266},
    {"ec2", "r4.2xlarge", "instance-hour", 0.532},
    {"ec2", "r4.4xlarge", "instance-hour", 1.064},
    {"ec2", "r4.8xlarge", "instance-hour", 2.128},
    // GPU families: the ec2 row is the instance without its GPUs, ec2-gpu the GPU part;
    // together they are the list price (p3.2xlarge $3.06, g4dn.xlarge $0.526, g5.xlarge $1.006).
    {"ec2", "p3.2xlarge", "instance-hour", 0.56},
    {"ec2", "p3.8xlarge", "instance-hour", 2.24},
    {"ec2", "p3.16xlarge", "instance-hour", 4.48},
    {"ec2", "g4dn.xlarge", "instance-hour", 0.226},
    {"ec2", "g4dn.2xlarge", "instance-hour", 0.452},
    {"ec2", "g4dn.12xlarge", "instance-hour", 2.712},
    {"ec2", "g5.xlarge", "instance-hour", 0.406},
    {"ec2", "g5.2xlarge", "instance-hour", 0.612},
    {"ec2", "g5.12xlarge", "instance-hour", 3.272},
    {"ec2-gpu", "p3.2xlarge", "instance-hour", 2.50},
    {"ec2-gpu", "p3.8xlarge", "instance-hour", 10.00},
    {"ec2-gpu", "p3.16xlarge", "instance-hour", 20.00},
    {"ec2-gpu", "g4dn.xlarge", "instance-hour", 0.30},
    {"ec2-gpu", "g4dn.2xlarge", "instance-hour", 0.30},
    {"ec2-gpu", "g4dn.12xlarge", "instance-hour", 1.20},
    {"ec2-gpu", "g5.xlarge", "instance-hour", 0.60},
    {"ec2-gpu", "g5.2xlarge", "instance-hour", 0.60},
    {"ec2-gpu", "g5.12xlarge", "instance-hour", 2.40},
    // EBS per GiB-month (guide: gp3 $0.08, io1 $0.125).
    {"ebs", "gp2", "GiB-month", 0.10},
    {"ebs", "gp3", "GiB-month", 0.08},
    {"ebs", "io1", "GiB-month", 0.125},
    {"ebs", "io2", "GiB-month", 0.125},
    {"ebs", "st1", "GiB-month", 0.045},
    {"ebs", "sc1", "GiB-month", 0.015},
    {"ebs-snapshot", "standard", "GiB-month", 0.05},  // guide
    // Elastic IPs (guide: $0.005/hour unassociated, free when associated).
    {"eip", "associated", "hour", 0.0},
    {"eip", "unassociated", "hour", 0.005},
    // Load balancers, base hourly price (guide: ALB $16/month).
    {"elb", "application", "hour", 0.0219},
    {"elb", "network", "hour", 0.0225},
    {"elb", "gateway", "hour", 0.0125},
    {"elb", "classic", "hour", 0.025},
    // RDS (guide: db.r5.large $0.12, db.r5.2xlarge $0.48; the family scales from those).
    {"rds", "db.t3.micro", "instance-hour", 0.017},
    {"rds", "db.t3.small", "instance-hour", 0.034},
    {"rds", "db.t3.medium", "instance-hour", 0.068},
    {"rds", "db.t3.large", "instance-hour", 0.136},
    {"rds", "db.m5.large", "instance-hour", 0.171},
    {"rds", "db.m5.xlarge", "instance-hour", 0.342},
    {"rds", "db.m5.2xlarge", "instance-hour", 0.684},
    {"rds", "db.m5.4xlarge", "instance-hour", 1.368},
    {"rds", "db.r5.large", "instance-hour", 0.12},
    {"rds", "db.r5.xlarge", "instance-hour", 0.24},
    {"rds", "db.r5.2xlarge", "instance-hour", 0.48},
    {"rds", "db.r5.4xlarge", "instance-hour", 0.96},
    {"rds", "db.r5.8xlarge", "instance-hour", 1.92},
    {"rds", "db.r6g.large", "instance-hour", 0.108},
    {"rds", "db.r6g.xlarge", "instance-hour", 0.216},
    {"rds", "db.r6g.2xlarge", "instance-hour", 0.432},
    {"rds", "db.r6g.4xlarge", "instance-hour", 0.864},
    {"rds-storage", "gp2", "GiB-month", 0.115},
    // ElastiCache per node-hour (guide: r6g.xlarge $0.252, r6g.medium $0.063).
    {"elasticache", "cache.t3.micro", "node-hour", 0.017},
    {"elasticache", "cache.t3.small", "node-hour", 0.034},
    {"elasticache", "cache.t3.medium", "node-hour", 0.068},
    {"elasticache", "cache.m6g.large", "node-hour", 0.149},
    {"elasticache", "cache.m6g.xlarge", "node-hour", 0.298},
    {"elasticache", "cache.m6g.2xlarge", "node-hour", 0.596},
    {"elasticache", "cache.r6g.medium", "node-hour", 0.063},
    {"elasticache", "cache.r6g.large", "node-hour", 0.126},
    {"elasticache", "cache.r6g.xlarge", "node-hour", 0.252},
    {"elasticache", "cache.r6g.2xlarge", "node-hour", 0.504},
    {"elasticache", "cache.r6g.4xlarge", "node-hour", 1.008},
    {"elasticache", "cache.r5.large", "node-hour", 0.216},
    {"elasticache", "cache.r5.xlarge", "node-hour", 0.431},
    // EKS control plane.
    {"eks", "control-plane", "cluster-hour", 0.10},
    // S3 per GB-month (guide).
    {"s3", "STANDARD", "GB-month", 0.023},
    {"s3", "STANDARD_IA", "GB-month", 0.0125},
    {"s3", "GLACIER", "GB-month", 0.004},
    {"s3", "DEEP_ARCHIVE", "GB-month", 0.00099},
    {"s3-requests", "tier1", "1000 requests", 0.005},
    {"s3-requests", "tier2", "1000 requests", 0.0004},
    {"s3-requests", "blended", "1000 requests", 0.0013},
    // CloudWatch Logs.  Storage per GB-month is derived from the guide's retention example
    // (10 GB/day: $912/year kept forever vs $76/year at 30 days).
    {"logs", "ingestion", "GB", 0.50},
    {"logs", "storage", "GB-month", 0.021},
    // Data transfer per GB (guide).
    {"data-transfer", "intra-az", "GB", 0.0},
    {"data-transfer", "cross-az", "GB", 0.01},
    {"data-transfer", "cross-region", "GB", 0.02},
    {"data-transfer", "egress", "GB", 0.09},
    {"data-transfer", "ingress", "GB", 0.0},
    // Lambda.  Provisioned concurrency per GB-s is derived from the guide (100 units of
    // 128 MB for a month = ~$100).
    {"lambda", "requests", "1M requests", 0.20},
    {"lambda", "duration", "GB-second", 0.0000166667},
    {"lambda", "provisioned-concurrency", "GB-second", 0.0000030441},
    // Kinesis Data Streams and MSK.
    {"kinesis", "shard", "shard-hour", 0.015},
    {"kinesis", "extended-retention", "shard-hour", 0.02},
    {"msk", "kafka.t3.small", "broker-hour", 0.0456},
    {"msk", "kafka.m5.large", "broker-hour", 0.21},
    {"msk", "kafka.m5.xlarge", "broker-hour", 0.42},
    {"msk", "kafka.m5.2xlarge", "broker-hour", 0.84},
    // Managed services per node-hour.
    {"opensearch", "t3.small.search", "node-hour", 0.036},
    {"opensearch", "m6g.large.search", "node-hour", 0.128},
    {"opensearch", "r6g.large.search", "node-hour", 0.167},
    {"opensearch", "r6g.xlarge.search", "node-hour", 0.335},
    {"opensearch", "r6g.2xlarge.search", "node-hour", 0.669},
    {"sagemaker", "ml.m5.large", "node-hour", 0.115},
    {"sagemaker", "ml.m5.xlarge", "node-hour", 0.23},
    {"sagemaker", "ml.m5.2xlarge", "node-hour", 0.461},
    {"sagemaker", "ml.g4dn.xlarge", "node-hour", 0.736},
    {"sagemaker", "ml.p3.2xlarge", "node-hour", 3.825},
    {"redshift", "dc2.large", "node-hour", 0.25},
    {"redshift", "ra3.xlplus", "node-hour", 1.086},
    {"redshift", "ra3.4xlarge", "node-hour", 3.26},
    {"emr", "m5.xlarge", "node-hour", 0.24},
    {"emr", "m5.2xlarge", "node-hour", 0.48},
    {"emr", "r5.xlarge", "node-hour", 0.315},
    {"emr", "r5.2xlarge", "node-hour", 0.63},
    {"mq", "mq.t3.micro", "broker-hour", 0.03},
    {"mq", "mq.m5.large", "broker-hour", 0.288},
    {"mq", "mq.m5.xlarge", "broker-hour", 0.576},
};

const std::vector<std::pair<std::string, double>> kRegions = {
    {"us-east-1", 1.00},      {"us-east-2", 1.00},      {"us-west-2", 1.00},
    {"eu-west-1", 1.10},      {"eu-central-1", 1.16},   {"ap-southeast-1", 1.20},
    {"ap-northeast-1", 1.25},
};

struct Index {
  std::vector<Entry> entries;
  std::map<std::pair<std::string, std::string>, double, std::less<>> by_key;
};

const Index& index() {
  static const Index idx = [] {
    Index i;
    for (const Row& r : kRows) {
      i.entries.push_back(Entry{r.service, r.type, r.unit, r.price});
      i.by_key.emplace(std::make_pair(std::string(r.service), std::string(r.type)), r.price);
    }
    std::sort(i.entries.begin(), i.entries.end(), [](const Entry& a, const Entry& b) {
      return a.service != b.service ? a.service < b.service : a.type < b.type;
    });
    return i;
  }();
  return idx;
}

// Size names in increasing order; "Nxlarge" ranks by N.
double size_rank(std::string_view size) {
  static const std::pair<const char*, double> named[] = {
      {"nano", 0}, {"micro", 1}, {"small", 2}, {"medium", 3}, {"large", 4}, {"xlarge", 5},
      {"xlplus", 5.5}};
  for (auto& [n, r] : named)
    if (size == n) return r;
  if (size.size() > 6 && size.substr(size.size() - 6) == "xlarge") {
    // Real sizes have at most three digits (112xlarge); a longer or zero count is no size
    // (and would overflow or take log2(0)).
    std::string_view num = size.substr(0, size.size() - 6);
    if (!num.empty() && num.size() <= 4 &&
        std::all_of(num.begin(), num.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      int n = 0;
      for (char c : num) n = n * 10 + (c - '0');
      if (n >= 1) return 5 + std::log2(n);
    }
  }
  return -1;
}

// Splits "db.r5.2xlarge" into family "db.r5" and size "2xlarge" (the size token may sit
// anywhere: "r6g.large.search" -> family "r6g.*.search", size "large").
bool split_type(std::string_view type, std::string& family, std::string& size) {
  std::vector<std::string> tokens;
  size_t start = 0;
  while (start <= type.size()) {
    size_t dot = type.find('.', start);
    if (dot == std::string_view::npos) dot = type.size();
    tokens.emplace_back(type.substr(start, dot - start));
    start = dot + 1;
  }
  int at = -1;
  for (int i = static_cast<int>(tokens.size()) - 1; i >= 0; --i)
    if (size_rank(tokens[static_cast<size_t>(i)]) >= 0) {
      at = i;
      break;
    }
  if (at < 0) return false;
  size = tokens[static_cast<size_t>(at)];
  family.clear();
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!family.empty()) family += '.';
    family += static_cast<int>(i) == at ? "*" : tokens[i];
  }
  return true;
}

}  // namespace

const std::vector<Entry>& entries() { return index().entries; }
const std::vector<std::pair<std::string, double>>& regions() { return kRegions; }

std::optional<double> region_multiplier(std::string_view region) {
  for (auto& [name, m] : kRegions)
    if (name == region) return m;
  return std::nullopt;
}

std::optional<double> price(std::string_view service, std::string_view type,
                            std::string_view region) {
  auto m = region_multiplier(region);
  if (!m) return std::nullopt;
  const auto& by_key = index().by_key;
  auto it = by_key.find(std::make_pair(std::string(service), std::string(type)));
  if (it == by_key.end()) return std::nullopt;
  return it->second * *m;
}

std::optional<InstanceShape> instance_shape(std::string_view instance_type) {
  if (!price("ec2", instance_type)) return std::nullopt;
  std::string family, size;
  if (!split_type(instance_type, family, size)) return std::nullopt;
  InstanceShape s;
  s.family = family.substr(0, family.find('.'));
  s.size = size;
  double rank = size_rank(size);
  s.size_rank = static_cast<int>(rank * 10);
  // vCPUs: large = 2, xlarge = 4, Nxlarge = 4N; smaller sizes 1-2.
  if (rank >= 4) s.vcpus = 2 * std::pow(2.0, rank - 4);
  else s.vcpus = rank >= 3 ? 2 : 1;
  const char f = s.family.empty() ? 'm' : s.family[0];
  double gib_per_vcpu = f == 'c' ? 2 : f == 'r' ? 8 : f == 'p' ? 7.6 : 4;
  s.memory_gib = s.vcpus * gib_per_vcpu;
  if (f == 't') {
    // Burstable: memory doubles per size from nano = 0.5 GiB (t3.large 8 GiB); t3 has
    // 2 vCPUs up to large, t2 one vCPU below medium.
    s.memory_gib = 0.5 * std::pow(2.0, rank);
    if (rank < 4) s.vcpus = (s.family == "t2" && rank < 3) ? 1 : 2;
  }
  auto gpu = price("ec2-gpu", instance_type);
  s.gpus = 0;
  if (gpu && *gpu > 0) {
    double per = f == 'p' ? 2.50 : s.family == "g4dn" ? 0.30 : 0.60;
    s.gpus = static_cast<int>(*gpu / per + 0.5);
  }
  static const std::pair<const char*, const char*> prev[] = {
      {"t2", "t3"}, {"m4", "m5"}, {"c4", "c5"}, {"r4", "r5"}};
  s.previous_generation = false;
  s.current_family = s.family;
  for (auto& [old_f, new_f] : prev)
    if (s.family == old_f) {
      s.previous_generation = true;
      s.current_family = new_f;
    }
  return s;
}

std::vector<std::string> family_sizes(std::string_view service, std::string_view family) {
  std::vector<std::pair<double, std::string>> found;
  for (const Entry& e : entries()) {
    if (e.service != service) continue;
    std::string f, size;
    if (!split_type(e.type, f, size)) continue;
    std::string plain = f;
    size_t star = plain.find(".*");
    if (star != std::string::npos) plain.erase(star, 2);
    if (f == family || plain == family) found.emplace_back(size_rank(size), e.type);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& p : found) out.push_back(p.second);
  return out;
}

std::optional<std::string> smaller_type(std::string_view service, std::string_view type,
                                        int steps) {
  std::string family, size;
  if (!split_type(type, family, size) || !price(service, type)) return std::nullopt;
  auto sizes = family_sizes(service, family);
  auto it = std::find(sizes.begin(), sizes.end(), std::string(type));
  if (it == sizes.end()) return std::nullopt;
  long pos = static_cast<long>(it - sizes.begin()) - steps;
  if (pos < 0 || steps < 0) return std::nullopt;
  return sizes[static_cast<size_t>(pos)];
}

}  // namespace finsim::catalog
