// Executor-level bulk writes (the way COPY FROM writes): rows given as text per column are
// converted by each column's input function, missing columns take their defaults, CHECK and
// NOT NULL constraints are checked (ExecConstraints), heap tuples are written in batches with
// table_multi_insert through a BulkInsertState, and every index gets its entries
// (ExecInsertIndexTuples: unique and exclusion constraints enforced).  No SQL is planned or
// executed per batch, so the text -> array -> unnest -> cast pipeline of an INSERT ... SELECT
// disappears.
//
// Triggers are NOT fired.  TableWriter::open() therefore refuses (returns nullptr, the caller
// falls back to a plain INSERT) whenever a plain INSERT would do something this path does
// not: an INSERT trigger that fires under the current session_replication_role (foreign-key
// checks are such triggers outside replica mode), row-level security for the current user,
// no INSERT privilege, stored generated columns, rules, a partitioned or non-table relation,
// a deferrable unique index.
//
//   auto w = pg::TableWriter::open("finsim.volumes", {"id", "account_id", "size_gib"});
//   if (w) { w->add({id, acct, "100"}); ... w->finish(); }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace finsim::pg {

struct TableWriterState;  // Postgres-side state (relation, executor state, slots)

class TableWriter {
 public:
  // nullptr when the direct path would not behave exactly like INSERT (see above).
  static std::unique_ptr<TableWriter> open(const std::string& table,
                                           const std::vector<std::string>& columns);
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;
  ~TableWriter();

  // One row, one value per column given to open(), NULL as nullopt.  The row is converted
  // and checked now; it reaches the table at the next flush (every kBatch rows, or flush()).
  void add(const std::vector<std::optional<std::string>>& values);
  void flush();
  // Appends every row of table `source` (visible to a fresh snapshot: rows this transaction
  // wrote before are included), columns matched by name, the others taking their defaults;
  // constraints checked as for add().  Returns the number of rows.
  uint64_t append_from(const std::string& source);
  // Flushes and releases the relation and executor state (also done by the destructor when
  // no exception is in flight).
  void finish();

 private:
  explicit TableWriter(TableWriterState* s) : s_(s) {}
  TableWriterState* s_;
  bool finished_ = false;
  int uncaught_ = 0;
};

}  // namespace finsim::pg
