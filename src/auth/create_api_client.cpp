// finsim.create_api_client(account_id uuid, name text, scopes text[] DEFAULT '{read:*}')
//   RETURNS TABLE(access_key_id text, secret text)
//
// Admin only.  The secret is returned once and stored only as a salted PBKDF2 hash; the key's
// issued_at is the account's virtual clock finsim.now(account_id).
#include <string>
#include <vector>

#include "auth/keys.hpp"
#include "auth/pbkdf2.hpp"
#include "auth/roles.hpp"
#include "core/clip.hpp"
#include "core/hash.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/spi.hpp"
#include "pg/srf.hpp"
#include "schema/names.hpp"

namespace {

constexpr const char* kScopeHint =
    "valid scopes: read:*, act:*, act:<table> with <table> one of the resource tables "
    "(SELECT finsim.api_scope_tables())";

std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ",";
    out += "\"" + items[i] + "\"";  // validated scopes hold no quotes or backslashes
  }
  return out + "]";
}

}  // namespace

namespace finsim::auth {

std::vector<std::string> act_tables(pg::Spi& spi) {
  spi.exec("SELECT t FROM finsim.api_scope_tables() t", {}, true);
  std::vector<std::string> out;
  for (uint64_t i = 0; i < spi.rows(); ++i) out.push_back(spi.text(i, 0).value_or(""));
  return out;
}

}  // namespace finsim::auth

FINSIM_FUNCTION(finsim_create_api_client) {
  using namespace finsim;
  auth::require_admin("finsim.create_api_client");
  if (pg::arg_null(fcinfo, 0)) null_value("account_id must not be NULL", "pass the account's id");
  const std::string account = *pg::arg_as_text(fcinfo, 0);
  const std::string name = pg::require_text(fcinfo, 1, "name");
  if (name.find_first_not_of(" \t\r\n") == std::string::npos)
    invalid_parameter("name must not be empty", "give the key a descriptive name, e.g. 'ci-agent'");
  if (name.size() > 200)  // as account names
    invalid_parameter("name is too long (at most 200 bytes)", "give the key a shorter name, e.g. 'ci-agent'");
  if (pg::arg_null(fcinfo, 2))
    null_value("scopes must not be NULL", kScopeHint);

  pg::Spi spi;
  schema::refuse_unreadable_name(
      name,
      "Key names are shown in lists, logs and recommendations.created_by: use printable characters "
      "only (no newlines, tabs, escape sequences or invisible characters), e.g. 'ci-agent'.");
  spi.exec("SELECT 1 FROM finsim.cloud_accounts WHERE id = $1::uuid",
           {pg::Param::text(account)}, true);
  if (spi.rows() == 0)
    invalid_parameter("account " + account + " does not exist",
                      "list accounts with: SELECT id, name FROM finsim.cloud_accounts;");

  const std::vector<std::string> tables = auth::act_tables(spi);
  spi.exec("SELECT s FROM pg_catalog.unnest($1::text[]) WITH ORDINALITY AS u(s, n) ORDER BY n",
           {pg::Param::datum(TEXTARRAYOID, PG_GETARG_DATUM(2))}, true);
  std::vector<std::string> scopes;
  for (uint64_t i = 0; i < spi.rows(); ++i) {
    auto s = spi.text(i, 0);
    if (!s) invalid_parameter("scopes must not contain NULL", kScopeHint);
    if (!auth::valid_scope(*s, tables))
      invalid_parameter("invalid scope \"" + core::clipped(*s) + "\"", kScopeHint);
    bool dup = false;
    for (const auto& e : scopes) dup = dup || e == *s;
    if (!dup) scopes.push_back(*s);
  }
  if (scopes.empty()) invalid_parameter("scopes must not be empty", kScopeHint);

  const std::string key_id = auth::new_access_key_id();
  const std::string secret = auth::new_secret();
  const std::string stored = auth::hash_secret(secret);
  // Issued at the account's virtual time: api_key_unused ages a never-used key from it.
  spi.exec(
      "INSERT INTO finsim.api_clients (id, account_id, name, access_key_id, secret_key_hash, scopes, issued_at)"
      " VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::jsonb, finsim.now($2::uuid))",
      {pg::Param::text(core::uuid_from({"api_client", account, key_id})), pg::Param::text(account),
       pg::Param::text(name), pg::Param::text(key_id), pg::Param::text(stored),
       pg::Param::text(json_array(scopes))});
  spi.finish();

  pg::SrfWriter out(fcinfo);
  out.row({key_id, secret});
  return (Datum)0;
}
