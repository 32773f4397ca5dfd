// The session's tenant context, held in backend memory where SQL cannot reach it:
// no GUC, so SET, set_config and RESET ALL cannot forge it.
//
//  * the authenticated account (finsim.login) and its key's scopes;
//  * the change source stamped on audit rows ('manual' unless one of our own functions
//    is running: 'agent' inside apply_action, 'drift_engine' inside drift_tick);
//  * the reason attached to audit rows by the running action.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace finsim::ctx {

void init();

std::optional<std::string> account();          // uuid text, or nullopt before login
const std::vector<std::string>& scopes();      // the logged-in key's scopes (as last looked up)
std::optional<std::string> api_client_id();    // the logged-in key's row id
void set_login(const std::string& account_id, const std::string& client_id,
               std::vector<std::string> scopes);
// The key's current scopes, reloaded by auth::require_live_key on every call that checks them.
void set_scopes(std::vector<std::string> scopes);
void clear_login();

const char* change_source();                   // "manual", "agent" or "drift_engine"
const std::optional<std::string>& reason();

// While alive, audit rows carry this source and reason.  Restored on scope exit and reset
// at transaction end, so an error can never leave a forged source behind.
class SourceScope {
 public:
  SourceScope(const char* source, std::optional<std::string> reason = std::nullopt);
  ~SourceScope();
  SourceScope(const SourceScope&) = delete;
  SourceScope& operator=(const SourceScope&) = delete;

 private:
  const char* saved_source_;
  std::optional<std::string> saved_reason_;
};

}  // namespace finsim::ctx
