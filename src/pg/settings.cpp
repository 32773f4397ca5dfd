#include "pg/settings.hpp"

#include "pg/guard.hpp"
#include "pg/postgres.hpp"

extern "C" {
#include "utils/guc.h"
}

namespace finsim::settings {

int daily_retention_days = 400;
int drift_work_mem = 64 * 1024;

void define() {
  DefineCustomIntVariable("finsim.daily_retention_days",
                          "Daily rows older than this many virtual days are pruned by drift_tick.",
                          nullptr, &daily_retention_days, 400, 14, 36500, PGC_SUSET, 0, nullptr,
                          nullptr, nullptr);
  DefineCustomIntVariable("finsim.drift_work_mem",
                          "work_mem of drift_tick's statements: bounds the memory of each of their hashes and sorts.",
                          "Hashes may use hash_mem_multiplier times it; beyond, they spill to temporary files.",
                          &drift_work_mem, 64 * 1024, 1024, MAX_KILOBYTES, PGC_SUSET, GUC_UNIT_KB, nullptr,
                          nullptr, nullptr);
  MarkGUCPrefixReserved("finsim");
}

namespace {

std::string set_transaction_local(const char* name, const char* value, GucContext context) {
  return pg::guard([name, value, context] {
    const char* old = pstrdup(GetConfigOption(name, false, false));
    (void)set_config_option(name, value, context, PGC_S_SESSION, GUC_ACTION_LOCAL, true, 0, false);
    return old;
  });
}

}  // namespace

std::string set_replication_role(const std::string& role) {
  return set_transaction_local("session_replication_role", role.c_str(), PGC_SUSET);
}

std::string set_local(const std::string& name, const std::string& value) {
  return set_transaction_local(name.c_str(), value.c_str(), PGC_USERSET);
}

}  // namespace finsim::settings
