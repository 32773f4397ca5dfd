// Text a caller gave, echoed back in an error message: at most `max` bytes, cut at a UTF-8
// character boundary with "..." appended, so a 100 kB argument does not make a 100 kB error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace finsim::core {

inline std::string clipped(std::string_view s, std::size_t max = 64) {
  if (s.size() <= max) return std::string(s);
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // continuation byte
  return std::string(s.substr(0, n)) + "...";
}

}  // namespace finsim::core
