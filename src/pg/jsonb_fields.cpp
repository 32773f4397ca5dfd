#include "pg/jsonb_fields.hpp"

#include <cstdlib>

#include "pg/postgres.hpp"

namespace finsim::pg {

bool jsonb_is_object(FunctionCallInfo fcinfo, int i) {
  return guard([fcinfo, i] {
    Jsonb* jb = PG_GETARG_JSONB_P(i);
    return static_cast<bool>(JB_ROOT_IS_OBJECT(jb));
  });
}

JsonField jsonb_field(FunctionCallInfo fcinfo, int i, std::string_view key) {
  const char* k = key.data();
  const int len = static_cast<int>(key.size());
  JsonField out;
  const char* number_text = guard([fcinfo, i, k, len, &out]() -> const char* {
    Jsonb* jb = PG_GETARG_JSONB_P(i);
    if (!JB_ROOT_IS_OBJECT(jb)) {
      out.kind = JsonField::other;
      return nullptr;
    }
    JsonbValue* v = getKeyJsonValueFromContainer(&jb->root, k, len, nullptr);
    if (!v) return nullptr;  // absent
    if (v->type == jbvNull) {
      out.kind = JsonField::json_null;
      return nullptr;
    }
    if (v->type != jbvNumeric) {
      out.kind = JsonField::other;
      return nullptr;
    }
    out.kind = JsonField::json_number;
    return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
  });
  if (number_text) out.number = std::strtod(number_text, nullptr);  // 1e400 -> inf
  return out;
}

}  // namespace finsim::pg
