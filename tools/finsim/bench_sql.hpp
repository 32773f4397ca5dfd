// SQL the benchmark compares finsim against, built from the catalog so it follows the schema:
// floors (set-based SQL doing the same writes or reads) and peers (per-row PL/pgSQL).
#pragma once
#include <string>
#include <vector>

#include "db.hpp"

namespace finsim_client {

struct Column {
  std::string name, type;
};

struct Schema {
  std::vector<std::string> account_tables;   // tables with account_id (not accounts/keys), creation order
  std::vector<std::string> resource_tables;  // tables with optimization_policy (not api_clients)
  std::vector<std::vector<Column>> columns;  // per account_tables entry
  std::vector<std::vector<std::string>> metric_columns;  // per resource_tables entry
};

Schema read_schema(Conn& c);
std::string ident(const std::string& name);   // "name" quoted
std::string literal(const std::string& text);  // 'text' quoted

// Rows the account holds across all account tables.
std::string count_rows_sql(const Schema& s, const std::string& account);

// Generator floor/peer: copy every row of src into the (already inserted) account dst.
std::string generator_floor_sql(const Schema& s, const std::string& src, const std::string& dst);
std::string generator_peer_sql(const Schema& s, const std::string& src, const std::string& dst);

// Drift floor/peer: live metric columns updated on every resource plus one metrics_daily row each.
std::string drift_floor_sql(const Schema& s, const std::string& account);
std::string drift_peer_sql(const Schema& s, const std::string& account);

// Detection floor/peer: the guide's waste predicates, one plain query each (account "" = all).
std::vector<std::string> detection_floor_sql(const std::string& account);
std::string detection_peer_sql(const std::string& account);

// The detection floor from finsim's own pattern registry when it is readable
// (finsim._waste_sql: every pattern's query, run one after another, each wrapped in count(*));
// empty when it is not, and the guide's predicates above stand in. With an account the
// queries take it as $1.
std::vector<std::string> registry_floor_sql(Conn& c, bool per_account);

}  // namespace finsim_client
