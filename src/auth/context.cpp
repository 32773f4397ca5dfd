#include "auth/context.hpp"

#include "auth/discard.hpp"

#include "pg/postgres.hpp"

namespace finsim::ctx {
namespace {

std::optional<std::string> g_account;
std::optional<std::string> g_client;
std::vector<std::string> g_scopes;
const char* g_source = "manual";
std::optional<std::string> g_reason;

void on_xact_end(XactEvent event, void*) {
  if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT ||
      event == XACT_EVENT_COMMIT || event == XACT_EVENT_PARALLEL_COMMIT) {
    g_source = "manual";
    g_reason.reset();
  }
}

}  // namespace

void init() {
  RegisterXactCallback(on_xact_end, nullptr);
  auth::discard_init();  // DISCARD ALL logs out
}

std::optional<std::string> account() { return g_account; }
const std::vector<std::string>& scopes() { return g_scopes; }
std::optional<std::string> api_client_id() { return g_client; }

void set_login(const std::string& account_id, const std::string& client_id,
               std::vector<std::string> scopes) {
  g_account = account_id;
  g_client = client_id;
  g_scopes = std::move(scopes);
}

void set_scopes(std::vector<std::string> scopes) { g_scopes = std::move(scopes); }

void clear_login() {
  g_account.reset();
  g_client.reset();
  g_scopes.clear();
}

const char* change_source() { return g_source; }
const std::optional<std::string>& reason() { return g_reason; }

SourceScope::SourceScope(const char* source, std::optional<std::string> reason)
    : saved_source_(g_source), saved_reason_(g_reason) {
  g_source = source;
  g_reason = std::move(reason);
}

SourceScope::~SourceScope() {
  g_source = saved_source_;
  g_reason = saved_reason_;
}

}  // namespace finsim::ctx
