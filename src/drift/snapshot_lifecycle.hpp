// The snapshots' day: the daily backup job and the retention policies' expiry (AWS Data
// Lifecycle Manager).
#pragma once

#include "drift/events.hpp"

namespace finsim::drift {

// Takes the day's backup snapshots, then deletes the snapshots whose retention policy has
// expired as of the day's virtual time.
void snapshot_lifecycle(pg::Spi& spi, const DayContext& c, Counts& n);

}  // namespace finsim::drift
