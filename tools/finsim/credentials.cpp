#include "credentials.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

namespace finsim_client {

const char* const kCredentialsHelp =
    "The key and its secret: --key ID or FINSIM_ACCESS_KEY; the secret from --secret-file PATH\n"
    "(its first line; '-' reads stdin), else --secret S, else FINSIM_SECRET. Prefer the file or\n"
    "the variable: a secret given as --secret is visible to every local user in `ps` and stays\n"
    "in your shell history.";

std::vector<OptionSpec> credential_options() {
  return {
      {"key", "ID", "API access key id (from finsim.create_api_client); default FINSIM_ACCESS_KEY"},
      {"secret-file", "PATH", "read the secret from the first line of PATH ('-' = stdin)"},
      {"secret", "S", "the secret on the command line (visible in ps and shell history); default FINSIM_SECRET"},
  };
}

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string first_line(const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path);
    if (!file) throw UsageError("cannot read --secret-file " + path + ": " + std::strerror(errno));
    in = &file;
  }
  std::string line;
  errno = 0;
  if (!std::getline(*in, line) && (in->bad() || !in->eof()))
    throw UsageError("cannot read --secret-file " + path + (errno ? std::string(": ") + std::strerror(errno) : ""));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty())
    throw UsageError("--secret-file " + (path == "-" ? std::string("- (stdin)") : path) +
                     ": the first line is empty; it must hold the secret");
  return line;
}
}  // namespace

Credentials read_credentials(const Args& a) {
  Credentials c;
  c.key = a.has("key") ? a.str("key") : env("FINSIM_ACCESS_KEY");
  if (a.has("secret") && a.has("secret-file")) throw UsageError("give the secret once: --secret-file or --secret");
  if (a.has("secret-file")) c.secret = first_line(a.str("secret-file"));
  else c.secret = a.has("secret") ? a.str("secret") : env("FINSIM_SECRET");
  if (c.key.empty()) throw UsageError("an API key is required: --key ID or FINSIM_ACCESS_KEY");
  if (c.secret.empty())
    throw UsageError("the key's secret is required: --secret-file PATH, FINSIM_SECRET or --secret S");
  return c;
}

}  // namespace finsim_client
