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

// SipHash-2-4 of bytes under a secret 128-bit key (k0, k1): a keyed pseudo-random function,
// so without the key nobody can compute which inputs collide.  For tables whose keys an
// attacker chooses (the login rate limiter); hash64 is for determinism, not secrecy.
uint64_t siphash24(std::string_view data, uint64_t k0, uint64_t k1);

// Hash of several parts, each length-prefixed so ("ab","c") != ("a","bc").
uint64_t hash_parts(std::initializer_list<std::string_view> parts, uint64_t seed = 0);

// A version-8 (custom) RFC 9562 uuid derived from the parts: "xxxxxxxx-xxxx-8xxx-yxxx-…".
std::string uuid_from(std::initializer_list<std::string_view> parts);

// The id of row `ordinal` of a table written in ordinal order (the generator's resources): a
// version-8 uuid whose first 32 bits are the ordinal plus an offset hashed from `scope`
// (account and table; modulo 2^32), then 16 more bits of that hash, then 74 bits of a hash of
// (scope, ordinal).  Rows written in ordinal order append to the primary key (as UUIDv7 ids
// do) instead of landing on random leaves, and so do the rows that lead with their
// resource's first 32 bits (child_uuid).
std::string ordinal_uuid(std::string_view scope, uint64_t ordinal);

// The id of a row that belongs to one resource (its metrics_daily days, its resource_tags):
// a version-8 uuid whose bits are, in order, the first 32 bits of the resource's id (the hex
// digits of a uuid; of a hash when `parent_id` is not one), 58 bits of a hash of (type, id),
// then `suffix`.  A resource's rows are therefore neighbours in the primary key, in the order
// of the natural keys (type, resource_id, ...): inserting them touches one leaf per resource
// instead of one random leaf per row, and inserting resources in id order walks the index
// forward.  Two resources' rows collide only if their ids share 32 leading bits and their
// hashes 58 bits.
std::string child_uuid(std::string_view parent_type, std::string_view parent_id, uint32_t suffix);

// The row of day `day` (days since 1970-01-01) of a parent's daily table — a resource's
// metrics_daily row, a bucket's, log group's or commitment's usage row: child_uuid with the
// day as suffix (the row ids of one parent ascend with the date).
std::string daily_row_uuid(std::string_view parent_type, std::string_view parent_id, int64_t day);

// Lowercase hex of v, exactly `digits` characters (most significant first).
std::string hex(uint64_t v, int digits);

}  // namespace finsim::core
