// Reading members of a jsonb argument without its text form (for per-row validators that
// CHECK constraints call: no parse, no allocation beyond the detoasted value).
#pragma once

#include <string_view>

#include "pg/guard.hpp"

namespace finsim::pg {

struct JsonField {
  enum Kind { absent, json_null, json_number, other } kind = absent;
  double number = 0;  // kind json_number: its value (+-inf beyond the range of a double)
};

// Whether jsonb argument i is a JSON object.
bool jsonb_is_object(FunctionCallInfo fcinfo, int i);
// Member `key` of the jsonb object argument i.
JsonField jsonb_field(FunctionCallInfo fcinfo, int i, std::string_view key);

}  // namespace finsim::pg
