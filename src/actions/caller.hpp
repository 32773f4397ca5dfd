// Who is calling an action function, and may they act?
//
// Built on auth/roles.hpp: a session logged in with finsim.login() acts as that key, whatever
// its role: the key must still not be revoked and hold the scope act:* or act:<table> (any
// scope when `table` is empty), and it acts on its own account only.  An admin (superuser or
// finsim_admin, judged on the caller outside any SECURITY DEFINER switch) that has not logged
// in acts on any account.
#pragma once

#include <optional>
#include <string>

namespace finsim::actions {

bool caller_is_admin();

// nullopt for an admin without a login (any account); the logged-in key's account otherwise.  Raises 42501 when the
// caller may not act on `table` (empty table: any logged-in agent), or when the key of the
// login has been revoked since.
std::optional<std::string> authorize(const std::string& table);

}  // namespace finsim::actions
