// Command-line options: --name value, --name=value and --flag; errors are usage errors (exit 2).
// In "--name value" the value must not start with "--" (that is the next option): such
// values are given as --name=value.
#pragma once
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace finsim_client {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;   // without the leading dashes
  std::string value;  // placeholder shown in help ("N"); empty for a flag
  std::string help;
};

class Args {
 public:
  // Parses argv[first..argc) against specs; --help and --dsn are always accepted.
  Args(int argc, char** argv, int first, const std::vector<OptionSpec>& specs);

  bool help() const { return flag("help"); }
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string str(const std::string& name, const std::string& fallback = "") const;
  // Integer option within [lo, hi]; throws UsageError when malformed or out of range.
  long long integer(const std::string& name, long long fallback, long long lo, long long hi) const;
  double number(const std::string& name, double fallback, double lo, double hi) const;
  std::string dsn() const { return str("dsn"); }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

// The help text of a command: usage line, description and its options.
std::string help_text(const std::string& usage, const std::string& about,
                      const std::vector<OptionSpec>& specs);

}  // namespace finsim_client
