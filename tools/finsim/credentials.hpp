// The agent's API key and secret, from the places that keep the secret out of `ps` and shell
// history: FINSIM_ACCESS_KEY / FINSIM_SECRET, or --secret-file PATH (its first line; '-' is
// stdin). --key and --secret still work; --secret shows the secret to every local user.
#pragma once
#include <string>
#include <vector>

#include "args.hpp"

namespace finsim_client {

struct Credentials {
  std::string key, secret;
};

// The options that name them (for a command's option list).
std::vector<OptionSpec> credential_options();
// The help paragraph on where the secret comes from and the risk of --secret.
extern const char* const kCredentialsHelp;

// --key, else FINSIM_ACCESS_KEY; --secret-file, else --secret, else FINSIM_SECRET (empty
// variables count as unset). Throws UsageError when one is missing, when both --secret and
// --secret-file are given, or when the file cannot be read or its first line is empty.
Credentials read_credentials(const Args& a);

}  // namespace finsim_client
