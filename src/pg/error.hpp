// Errors that cross the C/C++ boundary.
//
//  * finsim::Error   — raised by our C++ code; carries a SQLSTATE, message, detail and hint.
//  * finsim::pg::PgException — a Postgres ereport() caught by pg::guard(); carries the
//    copied ErrorData so that the entry point re-raises it unchanged.
#pragma once

#include <stdexcept>
#include <string>

#include "pg/postgres.hpp"

namespace finsim {

// Where an Error was raised, for the error's LOCATION (VERBOSITY verbose): taken at the call
// site through default arguments (GCC's __builtin_FILE / _LINE / _FUNCTION, C++17's stand-in
// for std::source_location), so the shorthands below report their caller.
struct Where {
  const char* file;
  int line;
  const char* function;
  static constexpr Where here(const char* file = __builtin_FILE(), int line = __builtin_LINE(),
                              const char* function = __builtin_FUNCTION()) {
    return {file, line, function};
  }
};

class Error : public std::runtime_error {
 public:
  Error(int sqlstate, std::string message, std::string detail = {}, std::string hint = {},
        Where where = Where::here())
      : std::runtime_error(message),
        sqlstate_(sqlstate),
        detail_(std::move(detail)),
        hint_(std::move(hint)),
        where_(where) {}

  int sqlstate() const noexcept { return sqlstate_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::string& hint() const noexcept { return hint_; }
  const Where& where() const noexcept { return where_; }

 private:
  int sqlstate_;
  std::string detail_;
  std::string hint_;
  Where where_;
};

// Shorthands for the SQLSTATEs finsim raises most.
[[noreturn]] void invalid_parameter(const std::string& message, const std::string& hint = {},
                                    const std::string& detail = {}, Where where = Where::here());
[[noreturn]] void null_value(const std::string& message, const std::string& hint = {},
                             Where where = Where::here());
[[noreturn]] void privilege_error(const std::string& message, const std::string& hint = {},
                                  Where where = Where::here());
[[noreturn]] void not_found(const std::string& message, const std::string& hint = {},
                            Where where = Where::here());

// Reports a WARNING to the client and the server log (the statement goes on).
void warning(const std::string& message, const std::string& detail = {},
             const std::string& hint = {}, int sqlstate = ERRCODE_WARNING);

namespace pg {

class PgException : public std::exception {
 public:
  explicit PgException(ErrorData* edata) noexcept : edata_(edata) {}
  const char* what() const noexcept override {
    return edata_ && edata_->message ? edata_->message : "PostgreSQL error";
  }
  ErrorData* edata() const noexcept { return edata_; }

 private:
  ErrorData* edata_;  // palloc'd in the caller's memory context by CopyErrorData()
};

}  // namespace pg
}  // namespace finsim
