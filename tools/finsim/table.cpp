#include "table.hpp"

#include <cmath>
#include <cstdio>

namespace finsim_client {

size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {
std::string cut(const std::string& s, size_t width) {
  if (display_width(s) <= width) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if ((c & 0xC0) != 0x80) {
      if (n + 1 >= width) break;
      ++n;
    }
    out += s[i];
  }
  return out + "…";
}

std::string pad(const std::string& s, size_t width, bool right) {
  size_t w = display_width(s);
  std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}
}  // namespace

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string money(double v) {
  std::string digits = fixed(std::fabs(v), 2);
  std::string whole = digits.substr(0, digits.size() - 3);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  return std::string(v < 0 ? "-" : "") + "$" + grouped + digits.substr(digits.size() - 3);
}

Table::Table(std::vector<std::string> headers, std::vector<bool> right_aligned)
    : headers_(std::move(headers)), right_(std::move(right_aligned)) {
  right_.resize(headers_.size(), false);
}

Table Table::from(const Result& r) {
  std::vector<std::string> h;
  std::vector<bool> right;
  for (int c = 0; c < r.cols(); ++c) {
    h.push_back(r.name(c));
    right.push_back(r.numeric_column(c));
  }
  Table t(h, right);
  for (int i = 0; i < r.rows(); ++i) {
    std::vector<std::string> row;
    for (int c = 0; c < r.cols(); ++c) row.push_back(r.null(i, c) ? "" : r.get(i, c));
    t.add(std::move(row));
  }
  return t;
}

void Table::add(std::vector<std::string> row) {
  row.resize(headers_.size());
  rows_.push_back(std::move(row));
}

void Table::print(std::ostream& out, const std::string& title, size_t max_width) const {
  std::vector<size_t> w(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) w[c] = display_width(headers_[c]);
  for (const auto& row : rows_)
    for (size_t c = 0; c < row.size(); ++c)
      w[c] = std::max(w[c], std::min(max_width, display_width(row[c])));
  auto rule = [&](const char* l, const char* m, const char* r) {
    out << l;
    for (size_t c = 0; c < w.size(); ++c) {
      for (size_t i = 0; i < w[c] + 2; ++i) out << "─";
      out << (c + 1 < w.size() ? m : r);
    }
    out << "\n";
  };
  if (!title.empty()) out << title << "\n";
  rule("┌", "┬", "┐");
  out << "│";
  for (size_t c = 0; c < w.size(); ++c) out << " " << pad(headers_[c], w[c], right_[c]) << " │";
  out << "\n";
  rule("├", "┼", "┤");
  for (const auto& row : rows_) {
    out << "│";
    for (size_t c = 0; c < w.size(); ++c) out << " " << pad(cut(row[c], max_width), w[c], right_[c]) << " │";
    out << "\n";
  }
  if (rows_.empty()) {
    size_t inner = w.empty() ? 0 : w.size() - 1;  // the inner column separators
    for (size_t x : w) inner += x + 2;
    out << "│" << pad(" (no rows)", inner, false) << "│\n";
  }
  rule("└", "┴", "┘");
}

void Table::markdown(std::ostream& out) const {
  out << "|";
  for (const auto& h : headers_) out << " " << h << " |";
  out << "\n|";
  for (size_t c = 0; c < headers_.size(); ++c) out << (right_[c] ? " ---: |" : " --- |");
  out << "\n";
  for (const auto& row : rows_) {
    out << "|";
    for (const auto& cell : row) out << " " << cell << " |";
    out << "\n";
  }
}

}  // namespace finsim_client
