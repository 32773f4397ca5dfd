// Internal self-test functions for the C/C++ boundary (used by the test suites):
//   finsim._boundary_throw(sqlstate, message)  — a C++ exception thrown three frames deep
//   finsim._boundary_spi_error(sql)            — a Postgres error raised under C++ frames
//   finsim._boundary_bad_alloc()               — std::bad_alloc from C++
//   finsim._boundary_destructors()             — how many guarded C++ objects were destroyed
// Each throwing path holds a C++ object whose destructor counts, so a test can prove that
// destructors ran before the error reached the client.
#include <new>
#include <string>

#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/spi.hpp"

namespace {

int64 g_destroyed = 0;

struct Sentinel {
  std::string label;  // non-trivial member: a skipped destructor would leak it
  explicit Sentinel(std::string l) : label(std::move(l)) {}
  ~Sentinel() { ++g_destroyed; }
};

[[noreturn]] void deep_throw(int depth, int sqlstate, const std::string& message) {
  Sentinel s("frame " + std::to_string(depth));
  if (depth == 0)
    throw finsim::Error(sqlstate, message, "raised by finsim._boundary_throw",
                        "this is a self-test");
  deep_throw(depth - 1, sqlstate, message);
}

int parse_sqlstate(const std::string& code) {
  if (code.size() != 5)
    finsim::invalid_parameter("sqlstate must have 5 characters", "e.g. '22023'");
  for (char c : code)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
      finsim::invalid_parameter("sqlstate must be 5 digits or upper-case letters");
  return MAKE_SQLSTATE(code[0], code[1], code[2], code[3], code[4]);
}

}  // namespace

FINSIM_FUNCTION(finsim_boundary_throw) {
  std::string code = finsim::pg::require_text(fcinfo, 0, "sqlstate");
  std::string message = finsim::pg::require_text(fcinfo, 1, "message");
  deep_throw(2, parse_sqlstate(code), message);
}

FINSIM_FUNCTION(finsim_boundary_spi_error) {
  std::string sql = finsim::pg::require_text(fcinfo, 0, "sql");
  Sentinel outer("outer");
  finsim::pg::Spi spi;
  Sentinel inner("inner");
  spi.exec(sql);
  spi.finish();
  PG_RETURN_INT64(static_cast<int64>(spi.rows()));
}

FINSIM_FUNCTION(finsim_boundary_bad_alloc) {
  Sentinel s("bad_alloc");
  throw std::bad_alloc();
}

FINSIM_FUNCTION(finsim_boundary_destructors) { PG_RETURN_INT64(g_destroyed); }
