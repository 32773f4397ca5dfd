#include "auth/roles.hpp"

#include <vector>

#include "auth/context.hpp"
#include "pg/guard.hpp"
#include "pg/spi.hpp"


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

void require_live_key() {
  auto account = ctx::account();
  auto client = ctx::api_client_id();
  if (!account) return;
  bool live = false;
  if (client) {
    // Inside finsim's SECURITY DEFINER functions this runs as the owner; called directly by
    // an agent (e.g. finsim.may_act) it runs under the agent's row-level security, which
    // shows its own account's keys (revoked_at and scopes are readable).  No row = not live.
    // The same lookup reloads the key's scopes (one row per scope; NULL for an empty list),
    // so an admin's change of api_clients.scopes applies from the session's next call.
    pg::Spi spi;
    spi.exec("SELECT c.revoked_at IS NULL, s FROM finsim.api_clients c"
             " LEFT JOIN LATERAL pg_catalog.jsonb_array_elements_text(c.scopes) s ON true"
             " WHERE c.account_id = $1::uuid AND c.id = $2::uuid",
             {pg::Param::text(*account), pg::Param::text(*client)}, true);
    live = spi.rows() >= 1 && spi.boolean(0, 0).value_or(false);
    std::vector<std::string> scopes;
    for (uint64_t i = 0; i < spi.rows(); ++i)
      if (auto s = spi.text(i, 1)) scopes.push_back(*s);
    spi.finish();
    ctx::set_scopes(live ? std::move(scopes) : std::vector<std::string>{});
  }
  if (!live)
    privilege_error("api key of this login has been revoked",
                    "a revoked key can no longer act: call finsim.logout() and log in with a valid "
                    "key (an admin creates one with finsim.create_api_client)");
}

bool may_act(const std::string& table) {
  // A logged-in session is held to its key even when its role is an admin's.
  if (!ctx::account()) return is_admin();
  require_live_key();
  return has_scope(table);
}

void require_scope(const std::string& table) {
  if (may_act(table)) return;
  if (!ctx::account())
    privilege_error("not logged in: agents act only after finsim.login()",
                    "call finsim.login(access_key_id, secret) first");
  privilege_error("api key lacks scope act:" + table,
                  "ask an admin for a key with scope act:" + table +
                      " or act:* (finsim.create_api_client)");
}

std::optional<std::string> session_account() { return ctx::account(); }

}  // namespace finsim::auth
