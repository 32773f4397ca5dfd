// Shared set-up steps of the commands: the extension and a fresh, named account.
#pragma once
#include <string>

#include "db.hpp"

namespace finsim_client {

void ensure_extension(Conn& c);  // CREATE EXTENSION IF NOT EXISTS finsim CASCADE
// Drops the account called name if it exists, then creates it; returns its id.
std::string fresh_account(Conn& c, const std::string& name, long long resources, long long seed);

}  // namespace finsim_client
