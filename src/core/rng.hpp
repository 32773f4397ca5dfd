// Seeded random numbers that give the same sequence on every machine and compiler.
// (std::*_distribution are implementation-defined, so finsim never uses them.)
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "core/hash.hpp"

namespace finsim::core {

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  // A stream named by its parts, e.g. Rng::stream({seed, "instances", index}).
  static Rng stream(std::initializer_list<std::string_view> parts) { return Rng(hash_parts(parts)); }

  uint64_t next() {  // splitmix64
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [lo, hi].
  int64_t range(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(next() % span);
  }
  bool chance(double p) { return uniform() < p; }
  // Standard normal (Box-Muller; uses only IEEE-exact operations and libm log/cos/sqrt).
  double normal() {
    double u1 = uniform();
    double u2 = uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }
  // Index drawn from weights (need not sum to 1).
  template <typename Container>
  size_t weighted(const Container& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = uniform() * total;
    size_t i = 0;
    for (double w : weights) {
      if (x < w) return i;
      x -= w;
      ++i;
    }
    return i ? i - 1 : 0;
  }

 private:
  uint64_t s_;
};

}  // namespace finsim::core
