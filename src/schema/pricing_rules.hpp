// The per-table pricing registry used by finsim._before_write(): for each priced table,
// its cost columns, the columns each cost depends on (a change re-prices on UPDATE), the
// virtual-time columns defaulted on INSERT, and how to find the row's region.
// Pure C++: the trigger supplies the row through the Fields interface.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsim::rules {

// Read access to the NEW row (values as text, nullopt when NULL).  "region" is
// resolved by the trigger (the row's own column, or the parent's for daily usage rows).
class Fields {
 public:
  virtual ~Fields() = default;
  virtual std::optional<std::string> get(const char* column) const = 0;
  std::string text(const char* column) const;  // "" when NULL
  double num(const char* column) const;       // 0 when NULL
};

struct CostColumn {
  const char* column;
  std::vector<const char*> inputs;  // a change to one of these re-prices on UPDATE
  double (*compute)(const Fields&);  // throws pricing::UnknownPrice
};

struct TableRule {
  const char* table;
  std::vector<CostColumn> costs;
  std::vector<const char*> clock_columns;  // set to finsim.now(account_id) on INSERT when NULL
  bool gpu_shape = false;                   // fill gpu_count/has_gpu from the instance type
  // Where the region lives: the row's own column, or a parent table looked up by key.
  const char* region_column = "region";
  const char* parent_table = nullptr;  // e.g. "s3_buckets"
  const char* parent_key = nullptr;    // e.g. "bucket_id" (the parent's id)
};

// The rule for a table, or nullptr for a table without one.
const TableRule* rule_for(std::string_view table);
const std::vector<TableRule>& all_rules();

}  // namespace finsim::rules
