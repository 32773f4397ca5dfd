// What the agent's login may do, read once after finsim.login: the key's scopes (a logged-in
// agent reads its own api_clients row) and whether the connection role is an admin
// (superuser or member of finsim_admin), for which the server may not check those scopes.
#pragma once
#include <string>
#include <vector>

#include "db.hpp"

namespace finsim_client {

struct KeyAccess {
  bool readable = false;            // the key's api_clients row was visible
  std::vector<std::string> scopes;  // e.g. read:*, act:*, act:instances
  std::string role;                 // current_user
  bool admin = false;

  // An act:* or act:<table> scope; true when the row was not visible (the server decides).
  bool can_act() const;
  std::string scope_list() const;  // "read:*, act:instances"
};

KeyAccess read_key_access(Conn& c, const std::string& access_key_id);

}  // namespace finsim_client
