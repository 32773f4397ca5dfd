#include "core/names.hpp"

namespace finsim::core {

namespace {

bool control(uint32_t c) { return (c >= 0x01 && c <= 0x1f) || (c >= 0x7f && c <= 0x9f); }

bool invisible(uint32_t c) {
  return c == 0xad || c == 0x34f || c == 0x61c || c == 0x115f || c == 0x1160 || c == 0x17b4 ||
         c == 0x17b5 || (c >= 0x180b && c <= 0x180f) || (c >= 0x200b && c <= 0x200f) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) || c == 0x3164 ||
         (c >= 0xfe00 && c <= 0xfe0f) || c == 0xfeff || c == 0xffa0 || (c >= 0xfff9 && c <= 0xfffb) ||
         (c >= 0xe0000 && c <= 0xe007f) || (c >= 0xe0100 && c <= 0xe01ef);
}

bool space(uint32_t c) {
  return c == 0x20 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
         c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

// One UTF-8 sequence at s[i] (PostgreSQL has validated the text): its code point and length.
uint32_t decode(std::string_view s, size_t i, size_t& len) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80 || i + 1 >= s.size()) return len = 1, c;
  if ((c & 0xe0) == 0xc0) return len = 2, ((c & 0x1fu) << 6) | (b(1) & 0x3fu);
  if ((c & 0xf0) == 0xe0 && i + 2 < s.size())
    return len = 3, ((c & 0x0fu) << 12) | ((b(1) & 0x3fu) << 6) | (b(2) & 0x3fu);
  if ((c & 0xf8) == 0xf0 && i + 3 < s.size())
    return len = 4, ((c & 0x07u) << 18) | ((b(1) & 0x3fu) << 12) | ((b(2) & 0x3fu) << 6) | (b(3) & 0x3fu);
  return len = 1, c;
}

}  // namespace

std::optional<NameProblem> name_problem(std::string_view name, bool utf8) {
  bool seen_visible = false;
  size_t position = 0;
  for (size_t i = 0; i < name.size();) {
    size_t len = 1;
    const uint32_t c = utf8 ? decode(name, i, len) : static_cast<unsigned char>(name[i]);
    ++position;
    i += len;
    if (control(c)) return NameProblem{NameProblem::control, position, c};
    if (utf8 && invisible(c)) return NameProblem{NameProblem::invisible, position, c};
    if (!(c == 0x20 || (utf8 && space(c)))) seen_visible = true;
  }
  if (!seen_visible) return NameProblem{NameProblem::blank};
  return std::nullopt;
}

}  // namespace finsim::core
