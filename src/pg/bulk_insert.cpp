// Column-wise batched INSERT through SPI (see bulk_insert.hpp).
#include "pg/bulk_insert.hpp"

#include <stdexcept>

namespace finsim::pg {

namespace {
constexpr char kSep = '\x1f';
constexpr char kNull = '\x1e';
}  // namespace

BulkInsert::BulkInsert(Spi& spi, std::string table, std::vector<BulkColumn> columns,
                       size_t batch_rows)
    : spi_(spi), table_(std::move(table)), columns_(std::move(columns)), batch_rows_(batch_rows) {
  buffers_.assign(columns_.size(), std::string(1, 'x'));
  std::string names, casts, arrays, aliases;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const auto& c = columns_[i];
    const char* comma = i ? ", " : "";
    names += comma + c.name;
    casts += std::string(comma) + "u.c" + std::to_string(i) + "::" + c.type;
    arrays += std::string(comma) + "pg_catalog.unnest((pg_catalog.string_to_array($" +
              std::to_string(i + 1) + ", E'\\x1f', E'\\x1e'))[2:])";
    aliases += std::string(comma) + "c" + std::to_string(i);
  }
  sql_ = "INSERT INTO " + table_ + " (" + names + ") SELECT " + casts + " FROM ROWS FROM (" +
         arrays + ") AS u(" + aliases + ")";
  std::vector<std::string> cols;
  for (const auto& c : columns_) cols.push_back(c.name);
  direct_ = TableWriter::open(table_, cols);
}

BulkInsert::~BulkInsert() = default;

void BulkInsert::add(const std::vector<std::optional<std::string>>& values) {
  if (values.size() != columns_.size())
    throw std::logic_error("finsim: BulkInsert " + table_ + ": wrong number of values");
  if (direct_) {
    direct_->add(values);
    if (++pending_ >= batch_rows_) flush();
    return;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    std::string& b = buffers_[i];
    b += kSep;
    if (values[i])
      b += *values[i];
    else
      b += kNull;
  }
  if (++pending_ >= batch_rows_) flush();
}

void BulkInsert::flush() {
  if (!pending_) return;
  if (parent_) parent_->flush();
  if (direct_) {
    direct_->flush();
    written_ += pending_;
    pending_ = 0;
    return;
  }
  // The batch's parameters live in their own context, reset once the batch is written.
  MemoryContext batch = guard([] {
    return AllocSetContextCreate(CurrentMemoryContext, "finsim bulk insert", ALLOCSET_DEFAULT_SIZES);
  });
  MemoryContext old = MemoryContextSwitchTo(batch);
  try {
    std::vector<Param> params;
    params.reserve(buffers_.size());
    for (const auto& b : buffers_) params.push_back(Param::text(b));
    spi_.exec(sql_, params);
  } catch (...) {
    MemoryContextSwitchTo(old);
    throw;
  }
  MemoryContextSwitchTo(old);
  guard([batch] { MemoryContextDelete(batch); });
  written_ += pending_;
  pending_ = 0;
  for (auto& b : buffers_) b.assign(1, 'x');
}

}  // namespace finsim::pg
