#include "pg/settings.hpp"

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

}  // namespace finsim::settings
