// Who is calling an action function, and may they act?
//
// Built on auth/roles.hpp: an admin (superuser or finsim_admin, judged on the caller outside
// any SECURITY DEFINER switch) acts on any account; an agent must have logged in with
// finsim.login() with a key that is still not revoked, and hold the scope act:* or
// act:<table> (any scope when `table` is empty).
#pragma once

#include <optional>
#include <string>

namespace finsim::actions {

bool caller_is_admin();

// nullopt for an admin (any account); the agent's account otherwise.  Raises 42501 when the
// caller may not act on `table` (empty table: any logged-in agent), or when the key of the
// login has been revoked since.
std::optional<std::string> authorize(const std::string& table);

}  // namespace finsim::actions
