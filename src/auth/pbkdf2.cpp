#include "auth/pbkdf2.hpp"

#include <cstdint>

#include "pg/guard.hpp"


namespace finsim::auth {

std::string pbkdf2_sha256(const std::string& secret, const std::string& salt, int iterations) {
  uint8 out[kHashBytes];
  const std::string msg = salt + std::string("\0\0\0\1", 4);  // INT(1): one output block
  const uint8* key = reinterpret_cast<const uint8*>(secret.data());
  const size_t key_len = secret.size();
  const uint8* msg_data = reinterpret_cast<const uint8*>(msg.data());
  const size_t msg_len = msg.size();
  bool ok = pg::guard([&]() -> bool {
    pg_hmac_ctx* h = pg_hmac_create(PG_SHA256);
    if (!h) return false;
    uint8 u[kHashBytes];
    if (pg_hmac_init(h, key, key_len) < 0 || pg_hmac_update(h, msg_data, msg_len) < 0 ||
        pg_hmac_final(h, u, sizeof u) < 0) {
      pg_hmac_free(h);
      return false;
    }
    memcpy(out, u, sizeof u);
    for (int i = 1; i < iterations; ++i) {
      if (pg_hmac_init(h, key, key_len) < 0 || pg_hmac_update(h, u, sizeof u) < 0 ||
          pg_hmac_final(h, u, sizeof u) < 0) {
        pg_hmac_free(h);
        return false;
      }
      for (int j = 0; j < kHashBytes; ++j) out[j] ^= u[j];
      if ((i & 4095) == 0) CHECK_FOR_INTERRUPTS();
    }
    pg_hmac_free(h);
    return true;
  });
  if (!ok) throw Error(ERRCODE_SYSTEM_ERROR, "could not compute HMAC-SHA256");
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string strong_random(int n) {
  std::string buf(static_cast<size_t>(n), '\0');
  if (!pg_strong_random(buf.data(), buf.size()))
    throw Error(ERRCODE_SYSTEM_ERROR, "could not generate random bytes",
                {}, "check the server's source of strong randomness (OpenSSL / /dev/urandom)");
  return buf;
}

std::string base64(const std::string& bytes) {
  const int len = static_cast<int>(bytes.size());
  std::string out(static_cast<size_t>(pg_b64_enc_len(len)) + 1, '\0');
  int n = pg_b64_encode(bytes.data(), len, out.data(), static_cast<int>(out.size()));
  if (n < 0) throw Error(ERRCODE_SYSTEM_ERROR, "could not encode base64");
  out.resize(static_cast<size_t>(n));
  return out;
}

static std::optional<std::string> unbase64(const std::string& text) {
  const int len = static_cast<int>(text.size());
  std::string out(static_cast<size_t>(pg_b64_dec_len(len)) + 1, '\0');
  int n = pg_b64_decode(text.data(), len, out.data(), static_cast<int>(out.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string hash_secret(const std::string& secret) {
  const std::string salt = strong_random(kSaltBytes);
  const std::string hash = pbkdf2_sha256(secret, salt, kPbkdf2Iterations);
  return "pbkdf2-sha256$" + std::to_string(kPbkdf2Iterations) + "$" + base64(salt) + "$" +
         base64(hash);
}

std::optional<StoredHash> parse_hash(const std::string& stored) {
  static const std::string prefix = "pbkdf2-sha256$";
  if (stored.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  size_t a = prefix.size();
  size_t b = stored.find('$', a);
  if (b == std::string::npos) return std::nullopt;
  size_t c = stored.find('$', b + 1);
  if (c == std::string::npos) return std::nullopt;
  const std::string iter = stored.substr(a, b - a);
  if (iter.empty() || iter.size() > 9 || iter.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  StoredHash h;
  h.iterations = std::stoi(iter);
  // Never weaker than the current work factor, never absurdly slow.
  if (h.iterations < kPbkdf2Iterations || h.iterations > 10 * kPbkdf2Iterations) return std::nullopt;
  auto salt = unbase64(stored.substr(b + 1, c - b - 1));
  auto hash = unbase64(stored.substr(c + 1));
  if (!salt || !hash || salt->size() < 8 || hash->size() != kHashBytes) return std::nullopt;
  h.salt = std::move(*salt);
  h.hash = std::move(*hash);
  return h;
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i)
    diff = static_cast<unsigned char>(diff | (static_cast<unsigned char>(a[i]) ^
                                              static_cast<unsigned char>(b[i])));
  return diff == 0;
}

}  // namespace finsim::auth
