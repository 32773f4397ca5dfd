#include "pg/args.hpp"

#include <cmath>
#include <cstdio>

namespace finsim::pg {

bool arg_null(FunctionCallInfo fcinfo, int i) {
  return i >= PG_NARGS() || PG_ARGISNULL(i);
}

std::optional<std::string> arg_text(FunctionCallInfo fcinfo, int i) {
  if (arg_null(fcinfo, i)) return std::nullopt;
  Datum d = PG_GETARG_DATUM(i);
  char* s = guard([d] { return text_to_cstring(DatumGetTextPP(d)); });
  std::string out(s);
  return out;
}

std::optional<std::string> arg_as_text(FunctionCallInfo fcinfo, int i) {
  if (arg_null(fcinfo, i)) return std::nullopt;
  Datum d = PG_GETARG_DATUM(i);
  Oid type = get_fn_expr_argtype(fcinfo->flinfo, i);
  char* s = guard([d, type] {
    Oid out;
    bool varlena;
    getTypeOutputInfo(type, &out, &varlena);
    return OidOutputFunctionCall(out, d);
  });
  std::string r(s);
  return r;
}

std::optional<int64_t> arg_int8(FunctionCallInfo fcinfo, int i) {
  if (arg_null(fcinfo, i)) return std::nullopt;
  return PG_GETARG_INT64(i);
}

std::optional<int32_t> arg_int4(FunctionCallInfo fcinfo, int i) {
  if (arg_null(fcinfo, i)) return std::nullopt;
  return PG_GETARG_INT32(i);
}

std::optional<bool> arg_bool(FunctionCallInfo fcinfo, int i) {
  if (arg_null(fcinfo, i)) return std::nullopt;
  return PG_GETARG_BOOL(i);
}

std::string require_text(FunctionCallInfo fcinfo, int i, const char* name) {
  auto v = arg_text(fcinfo, i);
  if (!v) null_value(std::string(name) + " must not be NULL");
  return *v;
}

int64_t require_int8(FunctionCallInfo fcinfo, int i, const char* name) {
  auto v = arg_int8(fcinfo, i);
  if (!v) null_value(std::string(name) + " must not be NULL");
  return *v;
}

int32_t require_int4(FunctionCallInfo fcinfo, int i, const char* name) {
  auto v = arg_int4(fcinfo, i);
  if (!v) null_value(std::string(name) + " must not be NULL");
  return *v;
}

Datum text_datum(const std::string& s) {
  const char* c = s.c_str();
  int len = static_cast<int>(s.size());
  return guard([c, len] { return PointerGetDatum(cstring_to_text_with_len(c, len)); });
}

Datum datum_from_text(Oid type, const std::string& s) {
  const char* c = s.c_str();
  return guard([type, c] {
    Oid in;
    Oid ioparam;
    getTypeInputInfo(type, &in, &ioparam);
    return OidInputFunctionCall(in, const_cast<char*>(c), ioparam, -1);
  });
}

Datum numeric_datum(const std::string& s) { return datum_from_text(NUMERICOID, s); }

std::string decimal_text(double v, int scale) {
  if (!std::isfinite(v)) throw Error(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "non-finite amount");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", scale, v);
  std::string s(buf);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

Datum numeric_datum(double v, int scale) { return numeric_datum(decimal_text(v, scale)); }

}  // namespace finsim::pg
