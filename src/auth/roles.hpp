// Authorization helpers for every finsim area.
//
//   auth::require_admin("finsim.create_account");   // 42501 unless admin
//   auth::require_scope("instances");               // admins without a login pass; a login needs act:* or act:instances
//   auto account = auth::session_account();         // the logged-in account, or nullopt
//
// "The caller" is the role in effect outside any SECURITY DEFINER function (the session
// user or its SET ROLE), so these checks give the same answer inside our own
// SECURITY DEFINER functions as in the caller's query.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace finsim::pg {
class Spi;
}

namespace finsim::auth {

// The tables finsim's actions change (finsim.api_scope_tables()): the <table> of act:<table>.
std::vector<std::string> act_tables(pg::Spi& spi);

// True when the caller is a superuser or has the privileges of role finsim_admin.
bool is_admin();

// Raises 42501 "<fn> requires finsim_admin" (hint: grant finsim_admin) unless is_admin().
void require_admin(const char* fn);

// Whether the caller may act on `table`: require_scope's decision without its scope errors.
// True for an admin that has not logged in, or a login whose key has act:* or act:<table>;
// false otherwise.  A login whose key has been revoked raises require_live_key's 42501.
bool may_act(const std::string& table);

// For agents (callers that are not admins): the logged-in key's scopes must include
// "act:*" or "act:<table>", else 42501 "api key lacks scope act:<table>".  A caller that
// has not logged in gets 42501 with hint "call finsim.login(access_key_id, secret) first";
// a key revoked since the login gets 42501 too (require_live_key).  Admins pass unless
// they have logged in: a logged-in session is held to its key, whatever its role.
void require_scope(const std::string& table);

// For agents: the key this session logged in with must still be valid.  Raises 42501
// "api key of this login has been revoked" (hint: log in again with a valid key) once
// api_clients.revoked_at is set for it (or its row is gone).  The same indexed lookup
// reloads the key's scopes into the session (ctx::set_scopes), so an admin's change of
// api_clients.scopes, narrowing or widening, applies from the next call.  Callers that
// have not logged in pass (require_scope / actions::authorize report that).
// require_scope and may_act call it, so every action, recommendation and other-area scope
// check refuses a revoked key and judges the current scopes; reads under row-level
// security are not checked (see README).
void require_live_key();

// True when the logged-in key's scopes, as last loaded (at login, then by every
// require_live_key), grant act:<table> (no admin check, no error, no lookup).
bool has_scope(const std::string& table);

// The account this session logged in to with finsim.login(), or nullopt.
std::optional<std::string> session_account();

}  // namespace finsim::auth
