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

class Error : public std::runtime_error {
 public:
  Error(int sqlstate, std::string message, std::string detail = {}, std::string hint = {})
      : std::runtime_error(message),
        sqlstate_(sqlstate),
        detail_(std::move(detail)),
        hint_(std::move(hint)) {}

  int sqlstate() const noexcept { return sqlstate_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  int sqlstate_;
  std::string detail_;
  std::string hint_;
};

// Shorthands for the SQLSTATEs finsim raises most.
[[noreturn]] void invalid_parameter(const std::string& message, const std::string& hint = {},
                                    const std::string& detail = {});
[[noreturn]] void null_value(const std::string& message, const std::string& hint = {});
[[noreturn]] void privilege_error(const std::string& message, const std::string& hint = {});
[[noreturn]] void not_found(const std::string& message, const std::string& hint = {});

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
