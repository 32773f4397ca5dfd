// RAII wrappers around libpq: a connection, a result, and errors carrying the SQLSTATE.
#pragma once
#include <libpq-fe.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace finsim_client {

// A failed statement or connection; sqlstate is empty when the server sent none.
class DbError : public std::runtime_error {
 public:
  DbError(std::string sqlstate, const std::string& message)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

using Param = std::optional<std::string>;  // std::nullopt is SQL NULL

class Result {
 public:
  explicit Result(PGresult* r = nullptr) : r_(r) {}
  ~Result() { if (r_) PQclear(r_); }
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result& operator=(Result&& o) noexcept {
    if (this != &o) { if (r_) PQclear(r_); r_ = o.r_; o.r_ = nullptr; }
    return *this;
  }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int rows() const { return r_ ? PQntuples(r_) : 0; }
  int cols() const { return r_ ? PQnfields(r_) : 0; }
  std::string name(int col) const { return PQfname(r_, col); }
  int column(const std::string& name) const;  // index or throws
  bool null(int row, int col) const { return PQgetisnull(r_, row, col); }
  std::string get(int row, int col) const { return PQgetvalue(r_, row, col); }
  std::string get(int row, const std::string& col) const { return get(row, column(col)); }
  double num(int row, const std::string& col) const;  // 0 for NULL
  long long integer(int row, const std::string& col) const;  // 0 for NULL
  Oid type(int col) const { return PQftype(r_, col); }
  bool numeric_column(int col) const;

 private:
  PGresult* r_;
};

class Conn {
 public:
  explicit Conn(const std::string& dsn);  // empty dsn: PG* environment variables
  ~Conn() { if (c_) PQfinish(c_); }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Runs one statement (extended protocol when params are given); throws DbError.
  Result exec(const std::string& sql, const std::vector<Param>& params = {});
  // Runs several statements in one simple-protocol call (no params); throws DbError.
  void run(const std::string& sql);
  // First column of the first row, or throws if there is no row.
  std::string value(const std::string& sql, const std::vector<Param>& params = {});

  int backend_pid() const { return PQbackendPID(c_); }
  // True when the server runs on this machine (Unix socket or loopback host).
  bool local() const;
  std::string describe() const;  // "host:port/db as user"
  PGconn* raw() { return c_; }

 private:
  PGconn* c_ = nullptr;
};

// Peak resident memory of a local backend (VmHWM) in kB, or -1 when unknown.
long backend_peak_kb(const Conn& c);

}  // namespace finsim_client
