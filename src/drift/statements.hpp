// The SQL of one virtual day, per table.  Every statement takes the same parameters:
//   $1 account id (text)  $2 virtual date D (text, YYYY-MM-DD)  $3 seed (int8)
//   $4 day number of D since 1970-01-01 (int4)  $5 the account's first virtual day (int4)
//   $6 virtual time (timestamptz)  $7 finsim.daily_retention_days (int4)
#pragma once

#include <string>
#include <vector>

namespace finsim::drift {

// A resource table whose live metrics move and that gets one metrics_daily row a day.
struct MetricTable {
  // One statement: INSERT INTO metrics_daily one row per active resource (a CTE) and UPDATE
  // <table> live columns from D's row, *_7d from D-6..D.  Reports the rows updated, which
  // equal the rows inserted.
  std::string day;
};
const std::vector<MetricTable>& metric_tables();

// Daily usage tables (one INSERT ... SELECT each): S3, logs, data transfer, commitments.
const std::vector<std::string>& usage_statements();

// Pruning: one DELETE per daily table (date < D - retention).
const std::vector<std::string>& prune_statements();

}  // namespace finsim::drift
