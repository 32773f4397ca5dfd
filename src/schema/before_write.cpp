// finsim._before_write(): BEFORE INSERT OR UPDATE row trigger.  Prices the row from the
// catalog through the per-table registry (schema/pricing_rules.hpp) and fills
// virtual-time columns from finsim.now(account_id).
//
//  * INSERT: a NULL cost column is priced; an explicit cost wins.
//  * UPDATE: a cost column is re-priced when one of its inputs changed and the same UPDATE
//    neither set the cost (even to its old value: an explicit cost wins, as on INSERT) nor
//    changed it; a cost set to NULL is re-priced.
//  * A cost that must be computed but cannot be (unknown type or region) raises 22023
//    with a hint naming finsim.price_list(); the row is not written.
#include <cmath>
#include <optional>
#include <string>

#include "core/pricing.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "schema/pricing_rules.hpp"

namespace {

using finsim::pg::TriggerRow;
using finsim::rules::TableRule;

class RowFields : public finsim::rules::Fields {
 public:
  RowFields(const TriggerRow& row, const TableRule& rule) : row_(row), rule_(rule) {}

  std::optional<std::string> get(const char* column) const override {
    if (std::string_view(column) == "region") return region();
    return row_.new_value(column);
  }

 private:
  std::optional<std::string> region() const {
    if (rule_.region_column) return row_.new_value(rule_.region_column);
    if (!parent_region_) {
      // Daily usage rows carry no region: it is their parent's (bucket, log group).
      parent_region_ = "us-east-1";
      auto account = row_.new_value("account_id");
      auto key = row_.new_value(rule_.parent_key);
      if (account && key) {
        std::string sql = std::string("SELECT region FROM finsim.") + rule_.parent_table +
                          " WHERE account_id = $1::uuid AND id = $2::uuid";
        finsim::pg::Spi spi;
        spi.exec(sql, {finsim::pg::Param::text(*account), finsim::pg::Param::text(*key)}, true, 1);
        if (auto r = spi.scalar_text()) parent_region_ = *r;
        spi.finish();
      }
    }
    return parent_region_;
  }

  const TriggerRow& row_;
  const TableRule& rule_;
  mutable std::optional<std::string> parent_region_;
};

bool any_null(const TriggerRow& row, const std::vector<const char*>& columns) {
  for (const char* c : columns)
    if (row.has_column(c) && !row.new_value(c)) return true;
  return false;
}

bool any_changed(const TriggerRow& row, const std::vector<const char*>& columns) {
  for (const char* c : columns)
    if (row.has_column(c) && row.changed(c)) return true;
  return false;
}

void price_row(TriggerRow& row, const TableRule& rule) {
  RowFields fields(row, rule);
  for (const auto& cost : rule.costs) {
    bool need;
    if (row.is_insert())
      need = !row.new_value(cost.column);
    else
      need = !row.new_value(cost.column) ||
             (!row.assigned(cost.column) && !row.changed(cost.column) && any_changed(row, cost.inputs));
    // A NULL input is left to the table's NOT NULL constraint to report.
    if (!need || any_null(row, cost.inputs)) continue;
    double v;
    try {
      v = cost.compute(fields);
    } catch (const finsim::pricing::UnknownPrice& e) {
      throw finsim::Error(ERRCODE_INVALID_PARAMETER_VALUE, e.what(),
                          std::string("finsim.") + rule.table + "." + cost.column +
                              " was not given and the price catalog has no price for it.",
                          "see SELECT * FROM finsim.price_list()");
    }
    if (!std::isfinite(v) || !std::isfinite(v * 1e6))
      throw finsim::Error(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                          std::string("finsim.") + rule.table + "." + cost.column +
                              " would not be a finite amount",
                          {}, "sizes, counts and volumes must be finite numbers");
    row.set(cost.column, finsim::pg::decimal_text(finsim::pricing::round_money(v)));
  }
}

void fill_gpu_shape(TriggerRow& row) {
  auto type = row.new_value("instance_type");
  if (!type) return;
  int gpus = finsim::pricing::gpu_count(*type);
  if (row.is_insert()) {
    if (gpus > 0 && row.new_value("gpu_count").value_or("0") == "0") {
      row.set("gpu_count", std::to_string(gpus));
      row.set("has_gpu", std::string("true"));
    }
  } else if (row.changed("instance_type") && !row.changed("gpu_count")) {
    row.set("gpu_count", std::to_string(gpus));
    if (!row.changed("has_gpu")) row.set("has_gpu", std::string(gpus > 0 ? "true" : "false"));
  }
}

void fill_clock(TriggerRow& row, const TableRule& rule) {
  if (!row.is_insert() || rule.clock_columns.empty()) return;
  std::vector<const char*> missing;
  for (const char* c : rule.clock_columns)
    if (!row.new_value(c)) missing.push_back(c);
  auto account = row.new_value("account_id");
  if (missing.empty() || !account) return;  // NOT NULL on account_id reports the latter
  // The account's virtual clock (finsim.now), read here so that a row naming no account is
  // the foreign-key violation it is (23503), as with the time given, not finsim.now's 22023.
  finsim::pg::Spi spi;
  spi.exec("SELECT a.virtual_time::text FROM finsim.cloud_accounts a WHERE a.id = $1::uuid",
           {finsim::pg::Param::text(*account)}, true, 1);
  auto now = spi.scalar_text();
  spi.finish();
  if (!now)
    throw finsim::Error(ERRCODE_FOREIGN_KEY_VIOLATION,
                        "insert into " + row.table() + " names account " + *account + ", which does not exist",
                        "Key (account_id)=(" + *account + ") is not present in table \"cloud_accounts\".",
                        "List accounts with: SELECT id, name FROM finsim.cloud_accounts;");
  for (const char* c : missing) row.set(c, *now);
}

}  // namespace

FINSIM_FUNCTION(finsim_before_write) {
  TriggerRow row(fcinfo);
  if (!row.is_before() || row.is_delete()) return row.result();
  const TableRule* rule = finsim::rules::rule_for(row.table());
  if (!rule) return row.result();
  if (rule->gpu_shape) fill_gpu_shape(row);
  price_row(row, *rule);
  fill_clock(row, *rule);
  return row.result();
}
