#include "actions/caller.hpp"

#include "auth/roles.hpp"
#include "pg/error.hpp"

namespace finsim::actions {

bool caller_is_admin() { return auth::is_admin(); }

std::optional<std::string> authorize(const std::string& table) {
  // A session logged in with a key acts as that key, even when its role is an admin's: the
  // key's account, scopes and revocation apply (the audit trail names the key).
  auto account = auth::session_account();
  if (!account && auth::is_admin()) return std::nullopt;
  if (!account)
    privilege_error("finsim actions require an admin or an agent logged in with finsim.login()",
                    "call finsim.login(access_key_id, secret) first");
  // Every call under a login, whatever its scope: a key revoked since the login (by the
  // agent itself through revoke_api_client, or by an admin) no longer acts (42501).
  // require_scope includes that check.
  if (table.empty())
    auth::require_live_key();
  else
    auth::require_scope(table);
  return account;
}

}  // namespace finsim::actions
