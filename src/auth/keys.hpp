// Access key ids and secrets in AWS's shapes.
#pragma once

#include <string>
#include <vector>

namespace finsim::auth {

// "AKIA" + 16 characters of RFC 4648 base32 (A-Z, 2-7), from pg_strong_random.
std::string new_access_key_id();
// 40 characters of base64 (A-Z a-z 0-9 + /), from pg_strong_random.
std::string new_secret();

// Scope validation: read:*, act:*, act:<table> where table is one of `act_tables`.
bool valid_scope(const std::string& scope, const std::vector<std::string>& act_tables);

}  // namespace finsim::auth
