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

}  // namespace

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
  uint64_t hi = hash_parts(parts, 0x66696e73696d3031ULL);  // "finsim01"
  uint64_t lo = hash_parts(parts, 0x66696e73696d3032ULL);  // "finsim02"
  hi = (hi & ~0xF000ULL) | 0x8000ULL;                      // version 8
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC variant
  std::string h = hex(hi, 16) + hex(lo, 16);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

}  // namespace finsim::core
