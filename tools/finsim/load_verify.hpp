// The checks `finsim load` runs after its agents and ticker stopped.
#pragma once
#include <string>
#include <vector>

#include "db.hpp"
#include "table.hpp"

namespace finsim_client {

struct AppliedAction {
  std::string resource_type, resource_id, action, changes;
};

struct Verification {
  long lost = 0;  // number of failed checks (actions without audit or effect, ticks, run-rate)
  Table table{{"check", "result", "detail"}};
};

Verification verify_load(Conn& c, const std::string& account, const std::vector<AppliedAction>& applied,
                         long ticks0, const std::string& clock0, const std::vector<std::string>& tick_dates);

// {a,b,c} as a text[] literal.
std::string text_array(const std::vector<std::string>& items);

}  // namespace finsim_client
