#include "auth/roles.hpp"

#include "auth/context.hpp"
#include "pg/guard.hpp"


namespace finsim::auth {

bool is_admin() {
  return pg::guard([]() -> bool {
    // The outer user: unchanged by SECURITY DEFINER, changed only by SET ROLE, which a
    // role can only do to roles it is a member of.
    Oid caller = GetOuterUserId();
    if (superuser_arg(caller)) return true;
    Oid admin = get_role_oid("finsim_admin", true);
    return OidIsValid(admin) && has_privs_of_role(caller, admin);
  });
}

void require_admin(const char* fn) {
  if (is_admin()) return;
  privilege_error(std::string(fn) + " requires the finsim_admin role",
                  "grant finsim_admin to the calling role (GRANT finsim_admin TO <role>)");
}

bool has_scope(const std::string& table) {
  for (const auto& s : ctx::scopes())
    if (s == "act:*" || s == "act:" + table) return true;
  return false;
}

void require_scope(const std::string& table) {
  if (is_admin()) return;
  if (!ctx::account())
    privilege_error("not logged in: agents act only after finsim.login()",
                    "call finsim.login(access_key_id, secret) first");
  if (!has_scope(table))
    privilege_error("api key lacks scope act:" + table,
                    "ask an admin for a key with scope act:" + table +
                        " or act:* (finsim.create_api_client)");
}

std::optional<std::string> session_account() { return ctx::account(); }

}  // namespace finsim::auth
