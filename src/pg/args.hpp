// Reading SQL arguments and building SQL results from C++ values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pg/guard.hpp"

namespace finsim::pg {

bool arg_null(FunctionCallInfo fcinfo, int i);
std::optional<std::string> arg_text(FunctionCallInfo fcinfo, int i);
// Text form of any argument (uuid, jsonb, date, numeric…) through its output function.
std::optional<std::string> arg_as_text(FunctionCallInfo fcinfo, int i);
std::optional<int64_t> arg_int8(FunctionCallInfo fcinfo, int i);
std::optional<int32_t> arg_int4(FunctionCallInfo fcinfo, int i);
std::optional<bool> arg_bool(FunctionCallInfo fcinfo, int i);

// Requires a non-NULL argument; raises 22004 naming the parameter otherwise.
std::string require_text(FunctionCallInfo fcinfo, int i, const char* name);
int64_t require_int8(FunctionCallInfo fcinfo, int i, const char* name);
int32_t require_int4(FunctionCallInfo fcinfo, int i, const char* name);

Datum text_datum(const std::string& s);
// Any value of type `type` from its text form, through the type's input function.
Datum datum_from_text(Oid type, const std::string& s);
// numeric from a decimal string (e.g. "140.16").
Datum numeric_datum(const std::string& s);
Datum numeric_datum(double v, int scale = 6);

// Decimal text of v rounded to `scale` places, trailing zeros removed.
std::string decimal_text(double v, int scale = 6);

}  // namespace finsim::pg
