#include "estate.hpp"

#include <iostream>

namespace finsim_client {

void ensure_extension(Conn& c, const std::string& command) {
  Result r = c.exec("SELECT 1 FROM pg_extension WHERE extname = 'finsim'");
  if (r.rows() > 0) return;
  c.run("CREATE EXTENSION IF NOT EXISTS finsim CASCADE");
  std::cerr << command << ": created extension finsim (CREATE EXTENSION finsim CASCADE) in database "
            << c.value("SELECT current_database()") << "\n";
}

std::string fresh_account(Conn& c, const std::string& name, long long resources, long long seed) {
  c.exec("SELECT finsim.drop_account(id) FROM finsim.cloud_accounts "
         "WHERE lower(name COLLATE \"C\") = lower($1 COLLATE \"C\") AND name = $1", {name});
  return c.value("SELECT finsim.create_account($1, $2::integer, $3::bigint, $4::date)",
                 {name, std::to_string(resources), std::to_string(seed), kStartDate});
}

}  // namespace finsim_client
