// Names people read (account names, API key names) are not blank and hold no control or
// invisible characters (core/names.hpp): the check create_account and create_api_client run
// before writing, and finsim._name_ok, the CHECK constraints' test.
#pragma once

#include <string>

namespace finsim::schema {

// Raises 22023 when `name` is blank ("name must not be blank") or holds a control or
// invisible character ("name must not contain control characters" / "... invisible
// characters"; the detail says which character and its code); `hint` says what the name is
// shown in.
void refuse_unreadable_name(const std::string& name, const std::string& hint);

}  // namespace finsim::schema
