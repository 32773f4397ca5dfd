// Catalog look-ups for the waste registry's SQL (internal, STRICT, IMMUTABLE):
//   finsim._waste_smaller(service, type, steps) text     -- `steps` sizes smaller, else NULL
//   finsim._waste_current_gen(instance_type) text        -- current-generation type, else NULL
//   finsim._waste_vcpus(instance_type) / _waste_memory_gib(instance_type) numeric
#include <string>

#include "core/catalog.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"

namespace pg = finsim::pg;
namespace catalog = finsim::catalog;


FINSIM_FUNCTION(finsim_waste_smaller) {
  const int steps = *pg::arg_int4(fcinfo, 2);
  if (steps < 1) PG_RETURN_NULL();
  auto t = catalog::smaller_type(*pg::arg_text(fcinfo, 0), *pg::arg_text(fcinfo, 1), steps);
  if (!t) PG_RETURN_NULL();
  return pg::text_datum(*t);
}

FINSIM_FUNCTION(finsim_waste_current_gen) {
  const std::string type = *pg::arg_text(fcinfo, 0);
  auto shape = catalog::instance_shape(type);
  if (!shape || !shape->previous_generation || shape->current_family.empty()) PG_RETURN_NULL();
  const std::string rec = shape->current_family + "." + shape->size;
  if (!catalog::price("ec2", rec)) PG_RETURN_NULL();
  return pg::text_datum(rec);
}

FINSIM_FUNCTION(finsim_waste_vcpus) {
  auto shape = catalog::instance_shape(*pg::arg_text(fcinfo, 0));
  if (!shape) PG_RETURN_NULL();
  return pg::numeric_datum(shape->vcpus, 4);
}

FINSIM_FUNCTION(finsim_waste_memory_gib) {
  auto shape = catalog::instance_shape(*pg::arg_text(fcinfo, 0));
  if (!shape) PG_RETURN_NULL();
  return pg::numeric_datum(shape->memory_gib, 4);
}
