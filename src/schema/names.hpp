// Names people read (account names, API key names) hold no control characters
// (core/names.hpp): the check create_account and create_api_client run before writing.
#pragma once

#include <string>

#include "pg/spi.hpp"

namespace finsim::schema {

// Raises 22023 "name must not contain control characters" (the detail says which character
// and its code; `hint` says what the name is shown in) when `name` holds one.
void refuse_control_characters(pg::Spi& spi, const std::string& name, const std::string& hint);

}  // namespace finsim::schema
