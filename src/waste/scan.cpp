// finsim._waste_scan(area text, account_id uuid): runs the registry's detection queries
// (all areas when area is NULL; every visible account when account_id is NULL) with kept
// plans and streams the findings out.  SECURITY INVOKER: RLS decides what the caller sees.
#include <string>
#include <vector>

#include "core/patterns.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/error.hpp"
#include "pg/spi.hpp"
#include "pg/srf.hpp"

namespace pg = finsim::pg;
namespace patterns = finsim::patterns;

FINSIM_FUNCTION(finsim_waste_scan) {
  const auto area = pg::arg_text(fcinfo, 0);
  const auto account = pg::arg_as_text(fcinfo, 1);
  if (area) {
    bool known = false;
    for (const auto& a : patterns::areas()) known = known || a == *area;
    if (!known)
      finsim::invalid_parameter("unknown waste area \"" + *area + "\"",
                                "Use one of the finsim.<area>_waste() functions or finsim.waste_findings().");
  }

  // One query text per entry and mode, built once per backend.
  static std::vector<std::string> by_account, all_accounts;
  if (by_account.empty()) {
    for (const auto& p : patterns::all()) {
      by_account.push_back(patterns::query(p, true));
      all_accounts.push_back(patterns::query(p, false));
    }
  }

  pg::SrfWriter out(fcinfo);
  pg::Spi spi;
  const auto& entries = patterns::all();
  std::vector<pg::Cell> row(12);
  for (size_t i = 0; i < entries.size(); ++i) {
    if (area && *area != entries[i].area) continue;
    if (account)
      spi.exec(by_account[i], {pg::Param::text(*account)}, true);
    else
      spi.exec(all_accounts[i], {}, true);
    const uint64_t n = spi.rows();
    for (uint64_t r = 0; r < n; ++r) {
      for (int c = 0; c < 12; ++c) row[c] = spi.text(r, c);
      out.row(row);
    }
  }
  spi.finish();
  return (Datum)0;
}
