#include "agent_key.hpp"

#include <sstream>

namespace finsim_client {

std::string KeyAccess::scope_list() const {
  std::string out;
  for (const auto& s : scopes) out += (out.empty() ? "" : ", ") + s;
  return out;
}

KeyAccess read_key_access(Conn& c, const std::string& access_key_id) {
  KeyAccess k;
  // Scopes contain no spaces (create_api_client accepts read:*, act:* and act:<table> only).
  Result r = c.exec("SELECT array_to_string(ARRAY(SELECT jsonb_array_elements_text(scopes)), ' ') "
                    "FROM finsim.api_clients "
                    "WHERE lower(access_key_id COLLATE \"C\") = lower($1 COLLATE \"C\") AND access_key_id = $1",
                    {access_key_id});
  if (r.rows() == 1) {
    std::istringstream words(r.get(0, 0));
    for (std::string s; words >> s;) k.scopes.push_back(s);
  }
  // Every table a key can be scoped to; act:* covers them all, so none allowed = no act: scope.
  k.acts = c.value("SELECT coalesce(bool_or(finsim.may_act(t)), false) FROM finsim.api_scope_tables() t") == "t";
  Result role = c.exec(
      "SELECT current_user AS role, "
      "coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) "
      "OR coalesce((SELECT pg_has_role(oid, 'USAGE') FROM pg_roles WHERE rolname = 'finsim_admin'), false) "
      "AS admin");
  k.role = role.get(0, "role");
  k.admin = role.get(0, "admin") == "t";
  return k;
}

bool ActScope::allows(const std::string& table) {
  auto it = known_.find(table);
  if (it == known_.end())
    it = known_.emplace(table, c_.value("SELECT finsim.may_act($1)", {table}) == "t").first;
  return it->second;
}

}  // namespace finsim_client
