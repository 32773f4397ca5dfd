#include "core/hash.hpp"

#include <cstring>

namespace finsim::core {
namespace {

constexpr uint64_t P1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t P2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t P3 = 0x165667B19E3779F9ULL;
constexpr uint64_t P4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t P5 = 0x27D4EB2F165667C5ULL;

inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

inline uint64_t read64(const unsigned char* p) {  // little-endian, independent of host
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

inline uint64_t round(uint64_t acc, uint64_t input) {
  acc += input * P2;
  acc = rotl(acc, 31);
  return acc * P1;
}

inline uint64_t avalanche(uint64_t h) {
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

// The canonical text of the RFC 9562 version-8 uuid carrying the custom fields a (48 bits),
// b (12) and c (62), laid around the version nibble and the variant bits.
std::string v8_uuid(uint64_t a, uint64_t b, uint64_t c) {
  const uint64_t hi = ((a & 0xFFFFFFFFFFFFULL) << 16) | 0x8000ULL | (b & 0xFFF);
  const uint64_t lo = 0x8000000000000000ULL | (c & 0x3FFFFFFFFFFFFFFFULL);
  std::string h = hex(hi, 16) + hex(lo, 16);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

}  // namespace

uint64_t siphash24(std::string_view data, uint64_t k0, uint64_t k1) {
  uint64_t v0 = k0 ^ 0x736f6d6570736575ULL, v1 = k1 ^ 0x646f72616e646f6dULL;
  uint64_t v2 = k0 ^ 0x6c7967656e657261ULL, v3 = k1 ^ 0x7465646279746573ULL;
  auto round = [&]() {
    v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
    v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
    v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
    v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
  };
  auto word = [](const unsigned char* p) {  // little-endian, whatever the platform
    uint64_t w = 0;
    for (int i = 7; i >= 0; --i) w = (w << 8) | p[i];
    return w;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const size_t n = data.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint64_t m = word(p + i);
    v3 ^= m; round(); round(); v0 ^= m;
  }
  uint64_t last = static_cast<uint64_t>(n & 0xff) << 56;
  for (size_t j = 0; i + j < n; ++j) last |= static_cast<uint64_t>(p[i + j]) << (8 * j);
  v3 ^= last; round(); round(); v0 ^= last;
  v2 ^= 0xff;
  round(); round(); round(); round();
  return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t hash64(std::string_view data, uint64_t seed) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  uint64_t h = seed + P5 + static_cast<uint64_t>(n);
  while (n >= 8) {
    h ^= round(0, read64(p));
    h = rotl(h, 27) * P1 + P4;
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    h ^= static_cast<uint64_t>(*p) * P5;
    h = rotl(h, 11) * P1;
    ++p;
    --n;
  }
  return avalanche(h);
}

uint64_t hash_parts(std::initializer_list<std::string_view> parts, uint64_t seed) {
  std::string buf;
  for (std::string_view part : parts) {
    buf += std::to_string(part.size());
    buf += ':';
    buf.append(part.data(), part.size());
  }
  return hash64(buf, seed);
}

std::string hex(uint64_t v, int digits) {
  static const char* k = "0123456789abcdef";
  std::string s(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0 && v; --i) {
    s[static_cast<size_t>(i)] = k[v & 0xF];
    v >>= 4;
  }
  return s;
}

std::string uuid_from(std::initializer_list<std::string_view> parts) {
  const uint64_t hi = hash_parts(parts, 0x66696e73696d3031ULL);  // "finsim01"
  const uint64_t lo = hash_parts(parts, 0x66696e73696d3032ULL);  // "finsim02"
  return v8_uuid(hi >> 16, hi, lo);
}

namespace {

// The first 32 bits of a uuid's hex text (dashes skipped), or false when it is not one.
bool uuid_prefix(std::string_view id, uint64_t& out) {
  uint64_t v = 0;
  int digits = 0;
  for (char ch : id) {
    if (ch == '-') continue;
    int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                                              : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
    if (d < 0 || digits == 32) return false;
    if (digits < 8) v = (v << 4) | static_cast<unsigned>(d);
    ++digits;
  }
  out = v;
  return digits == 32;
}

}  // namespace

std::string ordinal_uuid(std::string_view scope, uint64_t ordinal) {
  const uint64_t hs = hash64(scope, 0x66696e73696d3034ULL);  // "finsim04"
  const uint64_t h = hash_parts({scope, std::to_string(ordinal)}, 0x66696e73696d3034ULL);
  const uint64_t lead = ((hs >> 32) + ordinal) & 0xFFFFFFFFULL;  // the scope's offset + ordinal
  return v8_uuid((lead << 16) | (hs & 0xFFFF), h >> 52, h);
}

std::string child_uuid(std::string_view parent_type, std::string_view parent_id, uint32_t suffix) {
  const uint64_t h = hash_parts({parent_type, parent_id}, 0x66696e73696d3033ULL);  // "finsim03"
  uint64_t prefix;
  if (!uuid_prefix(parent_id, prefix)) prefix = h >> 32;
  // 122 payload bits: resource prefix (32) | hash of (type, resource) (58) | suffix (32):
  // a = prefix | 16 hash bits; b = the next 12 hash bits; c = the last 30 hash bits | suffix.
  const uint64_t hash58 = h & ((1ULL << 58) - 1);
  return v8_uuid((prefix << 16) | (hash58 >> 42), hash58 >> 30,
                 ((hash58 & ((1ULL << 30) - 1)) << 32) | suffix);
}

std::string daily_row_uuid(std::string_view parent_type, std::string_view parent_id, int64_t day) {
  // Days as an unsigned offset from -2^31, so the order of the ids is the order of the dates.
  const uint32_t suffix = static_cast<uint32_t>(static_cast<int32_t>(day)) ^ 0x80000000U;
  return child_uuid(parent_type, parent_id, suffix);
}

}  // namespace finsim::core
