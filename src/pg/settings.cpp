#include "pg/settings.hpp"

#include "pg/guard.hpp"
#include "pg/postgres.hpp"

extern "C" {
#include "utils/guc.h"
}

namespace finsim::settings {

int daily_retention_days = 400;

void define() {
  DefineCustomIntVariable("finsim.daily_retention_days",
                          "Daily rows older than this many virtual days are pruned by drift_tick.",
                          nullptr, &daily_retention_days, 400, 14, 36500, PGC_SUSET, 0, nullptr,
                          nullptr, nullptr);
  MarkGUCPrefixReserved("finsim");
}

std::string set_replication_role(const std::string& role) {
  const char* value = role.c_str();
  const char* before = pg::guard([value] {
    const char* old = pstrdup(GetConfigOption("session_replication_role", false, false));
    (void)set_config_option("session_replication_role", value, PGC_SUSET, PGC_S_SESSION,
                            GUC_ACTION_LOCAL, true, 0, false);
    return old;
  });
  return before;
}

}  // namespace finsim::settings
