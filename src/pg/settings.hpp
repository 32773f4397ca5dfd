// finsim's configuration parameters (GUCs).
#pragma once

namespace finsim::settings {

// finsim.daily_retention_days: daily rows older than this many virtual days are pruned by
// drift_tick (default 400).
extern int daily_retention_days;

void define();

}  // namespace finsim::settings
