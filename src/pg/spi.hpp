// SPI from C++: one connection per SQL-callable call, prepared plans kept per backend.
//
//   pg::Spi spi;
//   spi.exec("SELECT name FROM finsim.instances WHERE account_id = $1::uuid",
//            {pg::Param::text(account)});
//   for (uint64 i = 0; i < spi.rows(); ++i) use(spi.text(i, 0));
//
// Every Postgres call is made through pg::guard, so an SPI error arrives as a
// PgException; results are copied into C++ values before the next exec().
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "pg/guard.hpp"

namespace finsim::pg {

struct Param {
  Oid type = TEXTOID;
  Datum value = 0;
  bool null = true;

  static Param text(const std::string& s);
  static Param text(const std::optional<std::string>& s);
  static Param int8(int64_t v);
  static Param int4(int32_t v);
  static Param float8(double v);
  static Param boolean(bool v);
  static Param null_of(Oid type);
  static Param datum(Oid type, Datum value, bool isnull = false);
};

class Spi {
 public:
  Spi();
  ~Spi();
  Spi(const Spi&) = delete;
  Spi& operator=(const Spi&) = delete;

  // Runs sql (prepared once per backend and kept) and returns the rows processed.
  // limit = 0 means all rows.
  uint64_t exec(const char* sql, const std::vector<Param>& params = {}, bool read_only = false,
                long limit = 0);
  uint64_t exec(const std::string& sql, const std::vector<Param>& params = {},
                bool read_only = false, long limit = 0) {
    return exec(sql.c_str(), params, read_only, limit);
  }

  // Result of the last exec().
  uint64_t rows() const { return rows_; }
  int columns() const;
  bool is_null(uint64_t row, int col) const;
  std::optional<std::string> text(uint64_t row, int col) const;
  std::optional<int64_t> int8(uint64_t row, int col) const;
  std::optional<double> float8(uint64_t row, int col) const;
  std::optional<bool> boolean(uint64_t row, int col) const;
  // Raw datum (valid until the next exec() or the end of the connection).
  Datum datum(uint64_t row, int col, bool* isnull) const;

  // Convenience: first column of the first row, or nullopt when no row / NULL.
  std::optional<std::string> scalar_text() const { return rows_ ? text(0, 0) : std::nullopt; }
  std::optional<int64_t> scalar_int8() const { return rows_ ? int8(0, 0) : std::nullopt; }

  // Ends the connection (also done by the destructor when no exception is in flight).
  void finish();

 private:
  bool connected_ = false;
  int uncaught_ = 0;
  uint64_t rows_ = 0;
};

}  // namespace finsim::pg
