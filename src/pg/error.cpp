#include "pg/error.hpp"

#include "pg/guard.hpp"

namespace finsim {

void invalid_parameter(const std::string& message, const std::string& hint,
                       const std::string& detail, Where where) {
  throw Error(ERRCODE_INVALID_PARAMETER_VALUE, message, detail, hint, where);
}

void null_value(const std::string& message, const std::string& hint, Where where) {
  throw Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, message, {}, hint, where);
}

void privilege_error(const std::string& message, const std::string& hint, Where where) {
  throw Error(ERRCODE_INSUFFICIENT_PRIVILEGE, message, {}, hint, where);
}

void not_found(const std::string& message, const std::string& hint, Where where) {
  throw Error(ERRCODE_NO_DATA_FOUND, message, {}, hint, where);
}

void warning(const std::string& message, const std::string& detail, const std::string& hint,
             int sqlstate) {
  const char* m = message.c_str();
  const char* d = detail.empty() ? nullptr : detail.c_str();
  const char* h = hint.empty() ? nullptr : hint.c_str();
  pg::guard([&] {
    ereport(WARNING, (errcode(sqlstate), errmsg_internal("%s", m),
                      d ? errdetail_internal("%s", d) : 0, h ? errhint("%s", h) : 0));
  });
}

}  // namespace finsim
