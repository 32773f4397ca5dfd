// Bulk inserts from C++: rows are collected column-wise as text and written in batches with
// one prepared statement per table:
//
//   INSERT INTO finsim.t (c1, c2…) SELECT u.c1::type1, u.c2::type2…
//   FROM ROWS FROM (unnest((string_to_array($1, E'\x1f', E'\x1e'))[2:]), …) AS u(c1, c2…)
//
// so a batch of 10,000 rows costs one executor call, casts run in C, triggers and constraints
// apply as for any INSERT, and memory stays bounded (each batch's parameters live in a
// memory context that is reset after the batch).
//
//   pg::BulkInsert vols(spi, "finsim.volumes", {{"id","uuid"}, {"size_gib","integer"}});
//   vols.add({id, "100"});  …  vols.flush();
//
// When pg::TableWriter can write the table exactly as INSERT would (no INSERT trigger fires
// under the current session_replication_role, no row-level security for the current user,
// …; see table_writer.hpp), rows skip SQL altogether: each value goes through its column's
// input function and the rows are written with table_multi_insert and ExecInsertIndexTuples.
// Otherwise the INSERT above is used.  Either way the same rows are written.
//
// A child batch can name its parent (vols.after(&instances)): flushing the child flushes
// the parent first, so foreign keys always find their rows.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pg/spi.hpp"
#include "pg/table_writer.hpp"

namespace finsim::pg {

struct BulkColumn {
  std::string name;
  std::string type;  // SQL type the text is cast to (uuid, integer, numeric, jsonb…)
};

class BulkInsert {
 public:
  BulkInsert(Spi& spi, std::string table, std::vector<BulkColumn> columns,
             size_t batch_rows = 10000);
  BulkInsert(const BulkInsert&) = delete;
  BulkInsert& operator=(const BulkInsert&) = delete;
  ~BulkInsert();

  // Flushing this batch first flushes `parent` (foreign keys).
  void after(BulkInsert* parent) { parent_ = parent; }

  // One row: one value per column, NULL as nullopt.  Values must not contain \x1e or \x1f.
  void add(const std::vector<std::optional<std::string>>& values);
  // Writes the pending rows (no-op when none).
  void flush();
  uint64_t rows_written() const { return written_; }
  size_t pending() const { return pending_; }
  // True when rows go through pg::TableWriter rather than INSERT.
  bool direct() const { return direct_ != nullptr; }

 private:
  Spi& spi_;
  std::string table_;
  std::vector<BulkColumn> columns_;
  size_t batch_rows_;
  std::vector<std::string> buffers_;
  size_t pending_ = 0;
  uint64_t written_ = 0;
  std::string sql_;
  BulkInsert* parent_ = nullptr;
  std::unique_ptr<TableWriter> direct_;
};

}  // namespace finsim::pg
