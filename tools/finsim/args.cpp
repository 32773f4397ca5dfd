#include "args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace finsim_client {

namespace {
const OptionSpec* find(const std::vector<OptionSpec>& specs, const std::string& name) {
  static const OptionSpec help{"help", "", "show this help"};
  static const OptionSpec dsn{"dsn", "DSN", "libpq connection string (default: PG* variables)"};
  if (name == "help") return &help;
  if (name == "dsn") return &dsn;
  for (const auto& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}
}  // namespace

Args::Args(int argc, char** argv, int first, const std::vector<OptionSpec>& specs) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h") a = "--help";
    if (a.size() < 3 || a.compare(0, 2, "--") != 0) throw UsageError("unexpected argument: " + a);
    std::string name = a.substr(2);
    std::string value;
    bool inline_value = false;
    auto eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const OptionSpec* spec = find(specs, name);
    if (!spec) throw UsageError("unknown option: --" + name);
    if (spec->value.empty()) {
      if (inline_value) throw UsageError("option --" + name + " takes no value");
      flags_.insert(name);
      continue;
    }
    if (!inline_value) {
      // "--print-sql --dsn x": the next option is not taken as the value.
      bool next_is_option = i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) == 0;
      if (i + 1 >= argc || next_is_option)
        throw UsageError("option --" + name + " needs a value (" + spec->value + ")" +
                         (next_is_option ? "; a value starting with -- is given as --" + name + "=VALUE" : ""));
      value = argv[++i];
    }
    values_[name] = value;
  }
}

std::string Args::str(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

long long Args::integer(const std::string& name, long long fallback, long long lo, long long hi) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || errno != 0 || *end != '\0')
    throw UsageError("--" + name + " must be an integer, got '" + s + "'");
  if (v < lo || v > hi)
    throw UsageError("--" + name + " must be between " + std::to_string(lo) + " and " +
                     std::to_string(hi) + ", got " + s);
  return v;
}

double Args::number(const std::string& name, double fallback, double lo, double hi) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(s.c_str(), &end);
  if (s.empty() || errno != 0 || *end != '\0' || !std::isfinite(v))
    throw UsageError("--" + name + " must be a number, got '" + s + "'");
  if (v < lo || v > hi) {
    std::ostringstream m;
    m << "--" << name << " must be between " << lo << " and " << hi << ", got " << s;
    throw UsageError(m.str());
  }
  return v;
}

std::string help_text(const std::string& usage, const std::string& about,
                      const std::vector<OptionSpec>& specs) {
  std::ostringstream o;
  o << "usage: " << usage << "\n\n" << about << "\n\noptions:\n";
  auto line = [&](const OptionSpec& s) {
    std::string left = "  --" + s.name + (s.value.empty() ? "" : " " + s.value);
    o << left;
    for (size_t n = left.size(); n < 24; ++n) o << ' ';
    o << " " << s.help << "\n";
  };
  for (const auto& s : specs) line(s);
  line({"dsn", "DSN", "libpq connection string (default: PGHOST, PGPORT, PGDATABASE, PGUSER)"});
  line({"help", "", "show this help"});
  o << "\nexit codes: 0 ok, 1 failure, 2 usage error\n";
  return o.str();
}

}  // namespace finsim_client
