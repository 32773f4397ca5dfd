// Catalog look-ups for the waste registry's SQL (internal, STRICT, IMMUTABLE):
//   finsim._waste_smaller(service, type, steps) text     -- `steps` sizes smaller, else NULL
//   finsim._waste_current_gen(instance_type) text        -- current-generation type, else NULL
//     (the same size; else the smallest with at least its vCPUs and memory, when not dearer)
//   finsim._waste_vcpus(instance_type) / _waste_memory_gib(instance_type) numeric
#include <optional>
#include <string>
#include <unordered_map>

#include "core/catalog.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"

namespace pg = finsim::pg;
namespace catalog = finsim::catalog;

namespace {
// The catalog is compiled in and never changes, so look-ups are memoised per backend:
// detection calls these once or more per candidate row, and a catalog search walks every
// entry.  Bounded: the memo is cleared when it reaches kMaxMemo distinct arguments.
constexpr size_t kMaxMemo = 4096;

template <typename V, typename F>
const V& memo(std::unordered_map<std::string, V>& m, const std::string& key, F&& compute) {
  auto it = m.find(key);
  if (it != m.end()) return it->second;
  if (m.size() >= kMaxMemo) m.clear();
  return m.emplace(key, compute()).first->second;
}
}  // namespace


FINSIM_FUNCTION(finsim_waste_smaller) {
  const int steps = *pg::arg_int4(fcinfo, 2);
  if (steps < 1) PG_RETURN_NULL();
  const std::string service = *pg::arg_text(fcinfo, 0), type = *pg::arg_text(fcinfo, 1);
  static std::unordered_map<std::string, std::optional<std::string>> smaller;
  const auto& t = memo(smaller, service + '\x1f' + type + '\x1f' + std::to_string(steps),
                       [&] { return catalog::smaller_type(service, type, steps); });
  if (!t) PG_RETURN_NULL();
  return pg::text_datum(*t);
}

FINSIM_FUNCTION(finsim_waste_current_gen) {
  const std::string type = *pg::arg_text(fcinfo, 0);
  static std::unordered_map<std::string, std::optional<std::string>> current;
  const auto& rec = memo(current, type, [&]() -> std::optional<std::string> {
    auto shape = catalog::instance_shape(type);
    if (!shape || !shape->previous_generation || shape->current_family.empty()) return std::nullopt;
    std::string r = shape->current_family + "." + shape->size;
    if (catalog::price("ec2", r)) return r;
    // The current family lacks that size (c4.8xlarge: c5 has 4xlarge and 9xlarge): the
    // smallest current-generation size with at least the vCPUs and memory, when it costs
    // no more (m4.10xlarge's m5.12xlarge is dearer: no replacement, no finding).
    const auto old_price = catalog::price("ec2", type);
    for (const std::string& t : catalog::family_sizes("ec2", shape->current_family)) {
      auto s = catalog::instance_shape(t);
      if (!s || s->vcpus < shape->vcpus || s->memory_gib < shape->memory_gib) continue;
      auto p = catalog::price("ec2", t);
      if (p && old_price && *p <= *old_price) return t;
      return std::nullopt;
    }
    return std::nullopt;
  });
  if (!rec) PG_RETURN_NULL();
  return pg::text_datum(*rec);
}

namespace {
const std::optional<catalog::InstanceShape>& shape_of(const std::string& type) {
  static std::unordered_map<std::string, std::optional<catalog::InstanceShape>> shapes;
  return memo(shapes, type, [&] { return catalog::instance_shape(type); });
}
}  // namespace

FINSIM_FUNCTION(finsim_waste_vcpus) {
  const auto& shape = shape_of(*pg::arg_text(fcinfo, 0));
  if (!shape) PG_RETURN_NULL();
  return pg::numeric_datum(shape->vcpus, 4);
}

FINSIM_FUNCTION(finsim_waste_memory_gib) {
  const auto& shape = shape_of(*pg::arg_text(fcinfo, 0));
  if (!shape) PG_RETURN_NULL();
  return pg::numeric_datum(shape->memory_gib, 4);
}
