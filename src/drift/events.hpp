// Drift events of one virtual day: what engineers and the platform do to the estate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pg/spi.hpp"

namespace finsim::drift {

struct DayContext {
  std::string account;   // uuid text
  std::string date;      // D, YYYY-MM-DD
  int64_t seed = 0;
  int32_t day = 0;       // D as days since 1970-01-01
  int32_t anchor = 0;    // the account's first virtual day
  Datum vt = 0;          // virtual time (timestamptz)
  int32_t retention = 400;
  std::vector<pg::Param> params() const;
};

struct Counts {
  int64_t rows = 0;
  int64_t events = 0;
};

// Runs the day's events (state transitions, preview launches and terminations, snapshots,
// idle load balancers, service scaling, new log groups, lost tags).
void run_events(pg::Spi& spi, const DayContext& c, Counts& n);

}  // namespace finsim::drift
