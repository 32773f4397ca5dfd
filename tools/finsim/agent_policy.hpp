// The reference agent's rules, shared by `finsim agent` and `finsim load`: read the findings in
// order of savings, skip what policy forbids, apply the rest through finsim.apply_action().
#pragma once
#include <set>
#include <string>
#include <vector>

#include "db.hpp"

namespace finsim_client {

struct Finding {
  std::string resource_type, resource_id, resource_name, pattern, severity;
  double savings = 0;
  std::string action, params, policy;
  bool frozen = false;
};

// waste_findings(account) ordered by est_monthly_savings descending (ties by type, id, pattern).
std::vector<Finding> read_findings(Conn& c, const std::string& account);

// Why the agent leaves a finding alone, or "" when it acts on it:
// frozen, policy 'ignore', action 'recommend' (nothing to apply), below min_savings, or a
// resource already acted on in this run (one action per resource; the biggest saving wins).
std::string skip_reason(const Finding& f, double min_savings, const std::set<std::string>& touched);
std::string resource_key(const Finding& f);

// Reads the finding again (same resource and pattern) after other actions changed the estate:
// false when it is no longer live, else f is updated (savings, action, params, policy, frozen).
bool refresh(Conn& c, const std::string& account, Finding& f);

struct Outcome {
  std::string outcome;  // applied | recommended | refused | error
  std::string message;
  std::string sqlstate;  // for errors
  std::string changes;   // jsonb text
  double savings = 0;
};

Outcome apply(Conn& c, const Finding& f, const std::string& reason);

}  // namespace finsim_client
