// Terminal tables (boxed, aligned) and markdown tables.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "db.hpp"

namespace finsim_client {

class Table {
 public:
  explicit Table(std::vector<std::string> headers, std::vector<bool> right_aligned = {});
  static Table from(const Result& r);  // numeric columns right-aligned, NULL shown as ""

  void add(std::vector<std::string> row);
  size_t size() const { return rows_.size(); }
  // Boxed terminal table with an optional title line; long cells are cut to max_width.
  void print(std::ostream& out, const std::string& title = "", size_t max_width = 48) const;
  void markdown(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of UTF-8 text (code points; good enough for the client's output).
size_t display_width(const std::string& s);
std::string fixed(double v, int decimals = 2);
std::string money(double v);  // "$1,234.56"

}  // namespace finsim_client
