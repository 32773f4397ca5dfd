#include "pg/error.hpp"

namespace finsim {

void invalid_parameter(const std::string& message, const std::string& hint,
                       const std::string& detail) {
  throw Error(ERRCODE_INVALID_PARAMETER_VALUE, message, detail, hint);
}

void null_value(const std::string& message, const std::string& hint) {
  throw Error(ERRCODE_NULL_VALUE_NOT_ALLOWED, message, {}, hint);
}

void privilege_error(const std::string& message, const std::string& hint) {
  throw Error(ERRCODE_INSUFFICIENT_PRIVILEGE, message, {}, hint);
}

void not_found(const std::string& message, const std::string& hint) {
  throw Error(ERRCODE_NO_DATA_FOUND, message, {}, hint);
}

}  // namespace finsim
