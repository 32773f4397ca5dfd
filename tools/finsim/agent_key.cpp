#include "agent_key.hpp"

#include <sstream>

namespace finsim_client {

bool KeyAccess::can_act() const {
  if (!readable) return true;
  for (const auto& s : scopes)
    if (s.rfind("act:", 0) == 0) return true;
  return false;
}

std::string KeyAccess::scope_list() const {
  std::string out;
  for (const auto& s : scopes) out += (out.empty() ? "" : ", ") + s;
  return out;
}

KeyAccess read_key_access(Conn& c, const std::string& access_key_id) {
  KeyAccess k;
  // Scopes contain no spaces (create_api_client accepts read:*, act:* and act:<table> only).
  Result r = c.exec("SELECT array_to_string(ARRAY(SELECT jsonb_array_elements_text(scopes)), ' ') "
                    "FROM finsim.api_clients WHERE access_key_id = $1",
                    {access_key_id});
  if (r.rows() == 1) {
    k.readable = true;
    std::istringstream words(r.get(0, 0));
    for (std::string s; words >> s;) k.scopes.push_back(s);
  }
  Result role = c.exec(
      "SELECT current_user AS role, "
      "coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) "
      "OR coalesce((SELECT pg_has_role(oid, 'USAGE') FROM pg_roles WHERE rolname = 'finsim_admin'), false) "
      "AS admin");
  k.role = role.get(0, "role");
  k.admin = role.get(0, "admin") == "t";
  return k;
}

}  // namespace finsim_client
