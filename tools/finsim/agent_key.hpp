// What the agent's login may do, as the server judges it: finsim.may_act(table) is the check
// apply_action makes, so the agent never re-implements the scope rules.  Also the key's
// scopes (a logged-in agent reads its own api_clients row; for messages) and whether the
// connection role is an admin (superuser or member of finsim_admin).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "db.hpp"

namespace finsim_client {

struct KeyAccess {
  std::vector<std::string> scopes;  // e.g. read:*, act:*, act:instances (empty: row not visible)
  std::string role;                 // current_user
  bool admin = false;
  bool acts = false;                // the server lets the login act on at least one table

  bool can_act() const { return acts; }
  std::string scope_list() const;  // "read:*, act:instances"
};

KeyAccess read_key_access(Conn& c, const std::string& access_key_id);

// The tables this login may act on, asked of the server (finsim.may_act) once per table.
class ActScope {
 public:
  explicit ActScope(Conn& c) : c_(c) {}
  bool allows(const std::string& table);

 private:
  Conn& c_;
  std::map<std::string, bool> known_;
};

}  // namespace finsim_client
