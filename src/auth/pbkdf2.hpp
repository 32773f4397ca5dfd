// Secret hashing for API keys: PBKDF2-HMAC-SHA256 over PostgreSQL's HMAC API.
//
// Stored form: "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>".
#pragma once

#include <optional>
#include <string>

namespace finsim::auth {

constexpr int kPbkdf2Iterations = 100000;
constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;

// Raw 32-byte PBKDF2-HMAC-SHA256(secret, salt, iterations).
std::string pbkdf2_sha256(const std::string& secret, const std::string& salt, int iterations);

// `n` bytes from pg_strong_random.
std::string strong_random(int n);

std::string base64(const std::string& bytes);

struct StoredHash {
  int iterations = 0;
  std::string salt;  // raw bytes
  std::string hash;  // raw bytes
};

// Hash a new secret with a fresh random salt, in the stored form.
std::string hash_secret(const std::string& secret);
// Parses the stored form; nullopt when malformed.
std::optional<StoredHash> parse_hash(const std::string& stored);

// Comparison whose time does not depend on where the inputs differ.
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace finsim::auth
