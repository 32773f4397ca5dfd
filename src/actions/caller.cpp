#include "actions/caller.hpp"

#include "auth/context.hpp"
#include "pg/error.hpp"
#include "pg/guard.hpp"

extern "C" {
#include "utils/acl.h"
}

namespace finsim::actions {

bool caller_is_admin() {
  return pg::guard([]() -> bool {
    Oid user = GetOuterUserId();
    if (superuser_arg(user)) return true;
    Oid admin = get_role_oid("finsim_admin", true);
    return OidIsValid(admin) && is_member_of_role(user, admin);
  });
}

std::optional<std::string> authorize(const std::string& table) {
  if (caller_is_admin()) return std::nullopt;
  auto account = ctx::account();
  if (!account)
    privilege_error("finsim actions require an admin or an agent logged in with finsim.login()",
                    "Log in first: SELECT finsim.login('<access_key_id>', '<secret>');");
  if (table.empty()) return account;
  for (const auto& s : ctx::scopes())
    if (s == "act:*" || s == "act:" + table) return account;
  privilege_error("the API key's scopes do not allow acting on " + table,
                  "An agent needs the scope act:* or act:" + table +
                      " (a read:* key may only read).");
}

}  // namespace finsim::actions
