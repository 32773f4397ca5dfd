#include "auth/keys.hpp"

#include "auth/pbkdf2.hpp"

namespace finsim::auth {

std::string new_access_key_id() {
  static const char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const std::string bytes = strong_random(10);  // 80 bits = 16 base32 characters
  std::string out = "AKIA";
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

std::string new_secret() { return base64(strong_random(30)); }  // 30 bytes = 40 characters

bool valid_scope(const std::string& scope, const std::vector<std::string>& act_tables) {
  if (scope == "read:*" || scope == "act:*") return true;
  if (scope.compare(0, 4, "act:") != 0) return false;
  const std::string table = scope.substr(4);
  for (const auto& t : act_tables)
    if (t == table) return true;
  return false;
}

}  // namespace finsim::auth
