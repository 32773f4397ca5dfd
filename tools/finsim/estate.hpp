// Shared set-up steps of the commands: the extension and a fresh, named account.
#pragma once
#include <string>

#include "db.hpp"

namespace finsim_client {

// CREATE EXTENSION IF NOT EXISTS finsim CASCADE when the database lacks it, saying so on
// stderr ("<command>: created extension finsim … in database <db>").
void ensure_extension(Conn& c, const std::string& command);
// The virtual start date of the accounts the client creates: fixed, so that the same
// name, resources and seed give the same estate (ids included) on any day.
inline constexpr const char* kStartDate = "2026-01-01";
// The most resources finsim.create_account accepts for one account.
inline constexpr long long kMaxAccountResources = 5000000;

// Drops the account called `name` if it exists and creates it afresh starting on kStartDate;
// returns its id.
std::string fresh_account(Conn& c, const std::string& name, long long resources, long long seed);

}  // namespace finsim_client
