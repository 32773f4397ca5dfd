// Row triggers from C++: read OLD/NEW columns by name as text, set NEW columns, and
// return the (possibly modified) row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pg/guard.hpp"

namespace finsim::pg {

class TriggerRow {
 public:
  // Validates that the call is a row-level trigger; raises 39P01 otherwise.
  explicit TriggerRow(FunctionCallInfo fcinfo);

  bool is_insert() const;
  bool is_update() const;
  bool is_delete() const;
  bool is_before() const;
  const std::string& table() const { return table_; }
  int nargs() const;
  std::string arg(int i) const;

  bool has_column(const char* col) const;
  // Column value as text (its output function); nullopt when NULL or no such column.
  std::optional<std::string> new_value(const char* col) const;
  std::optional<std::string> old_value(const char* col) const;
  // True when OLD and NEW differ (text comparison, NULL-aware) — UPDATE only.
  bool changed(const char* col) const;
  // True when the UPDATE's SET list names the column (tg_updatedcols), whether or not the
  // value differs — UPDATE only.
  bool assigned(const char* col) const;

  // Sets a NEW column from text (its input function); nullopt sets NULL.
  void set(const char* col, const std::optional<std::string>& value);

  // The row to return: NEW (with set() applied) for INSERT/UPDATE, OLD for DELETE.
  Datum result();

 private:
  std::optional<std::string> value_of(HeapTuple tuple, const char* col) const;
  int attnum(const char* col) const;

  FunctionCallInfo fcinfo_;
  TriggerData* td_;
  std::string table_;
  struct Pending {
    int attnum;
    Datum value;
    bool isnull;
  };
  std::vector<Pending> pending_;
};

}  // namespace finsim::pg
