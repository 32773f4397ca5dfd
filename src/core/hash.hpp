// Deterministic hashing and ids (pure C++, no Postgres headers).
//
// Every id finsim writes is derived from stable inputs, so the same (name, size, seed,
// ticks, actions) give the same rows, ids included, on any machine.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace finsim::core {

// 64-bit hash of bytes (xxHash64-style mixing; platform independent).
uint64_t hash64(std::string_view data, uint64_t seed = 0);

// Hash of several parts, each length-prefixed so ("ab","c") != ("a","bc").
uint64_t hash_parts(std::initializer_list<std::string_view> parts, uint64_t seed = 0);

// A version-8 (custom) RFC 9562 uuid derived from the parts: "xxxxxxxx-xxxx-8xxx-yxxx-…".
std::string uuid_from(std::initializer_list<std::string_view> parts);

// Lowercase hex of v, exactly `digits` characters (most significant first).
std::string hex(uint64_t v, int digits);

}  // namespace finsim::core
