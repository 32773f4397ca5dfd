#include "core/retention.hpp"

namespace finsim::core {
namespace {

struct Unit {
  std::string_view name;
  int days;  // days per unit
  int max;   // largest N (100 years)
};

constexpr Unit kUnits[] = {{"daily", 1, 36500}, {"weekly", 7, 5200}, {"monthly", 30, 1200}};

}  // namespace

const char* const kRetentionGrammar =
    "A retention policy is 'daily-N' (N from 1 to 36500), 'weekly-N' (1 to 5200) or "
    "'monthly-N' (1 to 1200): the snapshot is kept N days, N x 7 days or N x 30 days after "
    "its created_at, e.g. 'daily-7', 'weekly-4', 'monthly-12'.";

std::optional<int> retention_days(std::string_view policy) {
  for (const Unit& u : kUnits) {
    const size_t k = u.name.size();
    if (policy.size() <= k + 1 || policy.substr(0, k) != u.name || policy[k] != '-') continue;
    const std::string_view n = policy.substr(k + 1);
    if (n.size() > 5 || n[0] == '0') return std::nullopt;  // > 99999 or a leading zero
    int v = 0;
    for (char c : n) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    if (v > u.max) return std::nullopt;
    return v * u.days;
  }
  return std::nullopt;
}

}  // namespace finsim::core
