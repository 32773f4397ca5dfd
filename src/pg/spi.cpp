#include "pg/spi.hpp"

#include <exception>
#include <unordered_map>

namespace finsim::pg {
namespace {

// Plans prepared by this backend, keyed by SQL text and parameter types.
std::unordered_map<std::string, SPIPlanPtr>& plan_cache() {
  static std::unordered_map<std::string, SPIPlanPtr> cache;
  return cache;
}

std::string cache_key(const char* sql, const std::vector<Param>& params) {
  std::string key;
  for (const Param& p : params) {
    key += std::to_string(p.type);
    key += ',';
  }
  key += '|';
  key += sql;
  return key;
}

}  // namespace

Param Param::text(const std::string& s) {
  Param p;
  p.type = TEXTOID;
  p.null = false;
  const char* c = s.c_str();
  int len = static_cast<int>(s.size());
  p.value = guard([c, len] { return PointerGetDatum(cstring_to_text_with_len(c, len)); });
  return p;
}

Param Param::text(const std::optional<std::string>& s) {
  return s ? text(*s) : null_of(TEXTOID);
}

Param Param::int8(int64_t v) { return datum(INT8OID, Int64GetDatum(v)); }
Param Param::int4(int32_t v) { return datum(INT4OID, Int32GetDatum(v)); }
Param Param::float8(double v) { return datum(FLOAT8OID, Float8GetDatum(v)); }
Param Param::boolean(bool v) { return datum(BOOLOID, BoolGetDatum(v)); }
Param Param::null_of(Oid type) { return datum(type, 0, true); }
Param Param::datum(Oid type, Datum value, bool isnull) {
  Param p;
  p.type = type;
  p.value = value;
  p.null = isnull;
  return p;
}

Spi::Spi() : uncaught_(std::uncaught_exceptions()) {
  guard([] {
    if (SPI_connect() != SPI_OK_CONNECT)
      ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("finsim: SPI_connect failed")));
  });
  connected_ = true;
}

Spi::~Spi() {
  // On an exception the transaction aborts and Postgres unwinds SPI itself.
  if (connected_ && std::uncaught_exceptions() == uncaught_) SPI_finish();
}

void Spi::finish() {
  if (!connected_) return;
  connected_ = false;
  guard([] { SPI_finish(); });
}

uint64_t Spi::exec(const char* sql, const std::vector<Param>& params, bool read_only, long limit) {
  const int n = static_cast<int>(params.size());
  std::vector<Oid> types(n);
  std::vector<Datum> values(n);
  std::vector<char> nulls(n);
  for (int i = 0; i < n; ++i) {
    types[i] = params[i].type;
    values[i] = params[i].value;
    nulls[i] = params[i].null ? 'n' : ' ';
  }
  auto& cache = plan_cache();
  const std::string key = cache_key(sql, params);
  auto it = cache.find(key);
  SPIPlanPtr plan = it == cache.end() ? nullptr : it->second;
  if (!plan) {
    Oid* t = types.data();
    plan = guard([sql, n, t] {
      SPIPlanPtr p = SPI_prepare(sql, n, t);
      if (p == nullptr)
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                        errmsg("finsim: could not prepare statement: %s",
                               SPI_result_code_string(SPI_result))));
      SPI_keepplan(p);
      return p;
    });
    cache.emplace(key, plan);
  }
  Datum* v = values.data();
  const char* nl = nulls.data();
  guard([plan, v, nl, read_only, limit] {
    int rc = SPI_execute_plan(plan, v, nl, read_only, limit);
    if (rc < 0)
      ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                      errmsg("finsim: SPI execution failed: %s", SPI_result_code_string(rc))));
  });
  rows_ = SPI_processed;
  return rows_;
}

int Spi::columns() const { return SPI_tuptable ? SPI_tuptable->tupdesc->natts : 0; }

Datum Spi::datum(uint64_t row, int col, bool* isnull) const {
  SPITupleTable* tt = SPI_tuptable;
  if (!tt || row >= rows_ || col < 0 || col >= tt->tupdesc->natts)
    throw std::out_of_range("finsim: SPI result index out of range");
  HeapTuple tup = tt->vals[row];
  TupleDesc desc = tt->tupdesc;
  return guard([tup, desc, col, isnull] { return SPI_getbinval(tup, desc, col + 1, isnull); });
}

bool Spi::is_null(uint64_t row, int col) const {
  bool isnull = true;
  datum(row, col, &isnull);
  return isnull;
}

std::optional<std::string> Spi::text(uint64_t row, int col) const {
  bool isnull = true;
  datum(row, col, &isnull);
  if (isnull) return std::nullopt;
  HeapTuple tup = SPI_tuptable->vals[row];
  TupleDesc desc = SPI_tuptable->tupdesc;
  char* s = guard([tup, desc, col] { return SPI_getvalue(tup, desc, col + 1); });
  std::string out = s ? s : "";
  return out;
}

std::optional<int64_t> Spi::int8(uint64_t row, int col) const {
  auto s = text(row, col);
  if (!s) return std::nullopt;
  return std::stoll(*s);
}

std::optional<double> Spi::float8(uint64_t row, int col) const {
  auto s = text(row, col);
  if (!s) return std::nullopt;
  return std::stod(*s);
}

std::optional<bool> Spi::boolean(uint64_t row, int col) const {
  auto s = text(row, col);
  if (!s) return std::nullopt;
  return *s == "t" || *s == "true";
}

}  // namespace finsim::pg
