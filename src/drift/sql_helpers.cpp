// SQL-callable helpers of the drift engine, called per row inside its set-based statements
// (INSERT ... SELECT / UPDATE ... FROM): the C++ metric model evaluated by the executor as it
// streams rows, so no per-row statement and no estate-sized array is ever built.
//
//   finsim._drift_metrics(seed, rid, kind, env, day, anchor, cpu, memory, network, disk, extra,
//                         extra2 levels; -1 = unknown) -> float8[7]
//   finsim._drift_s3(seed, rid, day, std, ia, glacier, requests, ia_days, glacier_days,
//                    expire_days) -> float8[4]
//   finsim._drift_logs(seed, rid, env, day, prev_stored, retention_days, level, level_days)
//     -> float8[2]
//   finsim._drift_unit(seed, key, what) -> float8 in [0,1)
//   finsim._drift_lb_idle_day(seed, rid, anchor) -> integer
//   finsim._drift_uuid(a, b, c, d) -> uuid (core::uuid_from)
//   finsim._daily_row_id(parent_type, parent_id, day) -> uuid (core::daily_row_uuid)
//   finsim._drift_price(service, type, region) -> float8 (NULL when not in the catalog)
//   finsim._drift_lambda_cost(memory_mb, pc, invocations_7d, avg_duration_ms_7d, region)
//     -> numeric: estimated_monthly_cost by the _before_write trigger's pricing rule
#include <cstdio>
#include <map>
#include <vector>

#include "core/catalog.hpp"
#include "core/drift_model.hpp"
#include "core/hash.hpp"
#include "core/pricing.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "schema/pricing_rules.hpp"

namespace {

namespace dm = finsim::core::drift;
namespace pg = finsim::pg;

Datum float8_array(const std::vector<double>& v) {
  const int n = static_cast<int>(v.size());
  const double* p = v.data();
  return pg::guard([n, p] {
    Datum* elems = static_cast<Datum*>(palloc(sizeof(Datum) * n));
    for (int i = 0; i < n; ++i) elems[i] = Float8GetDatum(p[i]);
    return PointerGetDatum(construct_array(elems, n, FLOAT8OID, sizeof(double), FLOAT8PASSBYVAL,
                                           TYPALIGN_DOUBLE));
  });
}

double float8_or(FunctionCallInfo fcinfo, int i, double dflt) {
  if (pg::arg_null(fcinfo, i)) return dflt;
  return PG_GETARG_FLOAT8(i);
}

int int4_or(FunctionCallInfo fcinfo, int i, int dflt) {
  auto v = pg::arg_int4(fcinfo, i);
  return v ? *v : dflt;
}

}  // namespace

// STRICT in SQL: every argument is non-NULL here.
FINSIM_FUNCTION(finsim_drift_metrics) {
  const int64_t seed = PG_GETARG_INT64(0);
  const std::string rid = *pg::arg_text(fcinfo, 1);
  const std::string kind = *pg::arg_text(fcinfo, 2);
  const std::string env = *pg::arg_text(fcinfo, 3);
  const int64_t day = PG_GETARG_INT32(4);
  const int64_t anchor = PG_GETARG_INT32(5);
  dm::Levels lv;
  lv.cpu = PG_GETARG_FLOAT8(6);
  lv.memory = PG_GETARG_FLOAT8(7);
  lv.network = PG_GETARG_FLOAT8(8);
  lv.disk = PG_GETARG_FLOAT8(9);
  lv.extra = PG_GETARG_FLOAT8(10);
  lv.extra2 = PG_GETARG_FLOAT8(11);
  const auto a = dm::day_metrics(seed, rid, kind, env, day, anchor, lv).array();
  return float8_array(std::vector<double>(a.begin(), a.end()));
}

// Not STRICT: yesterday's tiers and the lifecycle days may be NULL.
FINSIM_FUNCTION(finsim_drift_s3) {
  const int64_t seed = pg::require_int8(fcinfo, 0, "seed");
  const std::string rid = pg::require_text(fcinfo, 1, "rid");
  const int64_t day = pg::require_int4(fcinfo, 2, "day");
  const auto d = dm::s3_day(seed, rid, day, float8_or(fcinfo, 3, -1), float8_or(fcinfo, 4, -1),
                            float8_or(fcinfo, 5, -1), float8_or(fcinfo, 6, -1), int4_or(fcinfo, 7, 0),
                            int4_or(fcinfo, 8, 0), int4_or(fcinfo, 9, 0));
  return float8_array({d.standard, d.ia, d.glacier, d.requests});
}

FINSIM_FUNCTION(finsim_drift_logs) {
  const int64_t seed = pg::require_int8(fcinfo, 0, "seed");
  const std::string rid = pg::require_text(fcinfo, 1, "rid");
  const std::string env = pg::require_text(fcinfo, 2, "env");
  const int64_t day = pg::require_int4(fcinfo, 3, "day");
  const auto d = dm::log_day(seed, rid, env, day, float8_or(fcinfo, 4, -1), int4_or(fcinfo, 5, 0),
                             float8_or(fcinfo, 6, -1), int4_or(fcinfo, 7, 0));
  return float8_array({d.ingested, d.stored});
}

FINSIM_FUNCTION(finsim_drift_unit) {
  const int64_t seed = PG_GETARG_INT64(0);
  return Float8GetDatum(dm::unit(seed, *pg::arg_text(fcinfo, 1), *pg::arg_text(fcinfo, 2)));
}

FINSIM_FUNCTION(finsim_drift_lb_idle_day) {
  const int64_t seed = PG_GETARG_INT64(0);
  const int64_t d = dm::lb_idle_day(seed, *pg::arg_text(fcinfo, 1), PG_GETARG_INT32(2));
  return Int32GetDatum(static_cast<int32_t>(std::min<int64_t>(d, 2000000000)));
}

FINSIM_FUNCTION(finsim_drift_uuid) {
  const std::string a = *pg::arg_text(fcinfo, 0), b = *pg::arg_text(fcinfo, 1),
                    c = *pg::arg_text(fcinfo, 2), d = *pg::arg_text(fcinfo, 3);
  return pg::datum_from_text(UUIDOID, finsim::core::uuid_from({a, b, c, d}));
}

FINSIM_FUNCTION(finsim_daily_row_id) {
  return pg::datum_from_text(
      UUIDOID, finsim::core::daily_row_uuid(*pg::arg_text(fcinfo, 0), *pg::arg_text(fcinfo, 1),
                                             PG_GETARG_INT32(2)));
}

FINSIM_FUNCTION(finsim_drift_price) {
  auto p = finsim::catalog::price(*pg::arg_text(fcinfo, 0), *pg::arg_text(fcinfo, 1),
                                  *pg::arg_text(fcinfo, 2));
  if (!p) PG_RETURN_NULL();
  return Float8GetDatum(*p);
}

namespace {

// The row's pricing inputs, as the trigger reads them (text per column, NULL absent).
class MapFields : public finsim::rules::Fields {
 public:
  std::map<std::string, std::string> values;
  std::optional<std::string> get(const char* column) const override {
    auto it = values.find(column);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
};

}  // namespace

// finsim._drift_lambda_cost(memory_mb, provisioned_concurrency, invocations_7d,
// avg_duration_ms_7d, region) -> numeric: lambda_functions.estimated_monthly_cost computed by
// the pricing rule of finsim._before_write (schema/pricing_rules: the same function, the same
// rounding as the trigger stores).  NULL when the catalog cannot price the row: the caller
// keeps the stored cost, as a row with an unknown region and an explicit cost is kept on
// write.  The tick calls it because it changes two pricing inputs itself (invocations_7d,
// avg_duration_ms_7d) with the trigger off.
FINSIM_FUNCTION(finsim_drift_lambda_cost) {
  static const char* const kInputs[] = {"memory_mb", "provisioned_concurrency", "invocations_7d",
                                        "avg_duration_ms_7d"};
  const finsim::rules::TableRule* rule = finsim::rules::rule_for("lambda_functions");
  const finsim::rules::CostColumn* cost = nullptr;
  for (const auto& c : rule->costs)
    if (std::string_view(c.column) == "estimated_monthly_cost") cost = &c;
  MapFields f;
  for (int i = 0; i < 4; ++i) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", PG_GETARG_FLOAT8(i));
    f.values[kInputs[i]] = buf;
  }
  f.values["region"] = *pg::arg_text(fcinfo, 4);
  double v;
  try {
    v = cost->compute(f);
  } catch (const finsim::pricing::UnknownPrice&) {
    PG_RETURN_NULL();
  }
  return pg::numeric_datum(pg::decimal_text(finsim::pricing::round_money(v)));
}
