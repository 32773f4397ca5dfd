// finsim.login(access_key_id text, secret text) RETURNS uuid  (SECURITY DEFINER)
// finsim.logout() RETURNS void
//
// Every failure — unknown key, wrong secret, revoked key, locked key, NULL input — raises
// the same error (28P01 "invalid access key or secret") after the same amount of work:
// an unknown key is hashed against a dummy salt so timing does not tell it apart.
// Only keys that exist are rate limited (auth/rate_limit.hpp): an unknown id can never log
// in, and letting it take the limiter's entries would let it flush a real key's count.
#include <string>
#include <vector>

#include "auth/context.hpp"
#include "auth/pbkdf2.hpp"
#include "auth/rate_limit.hpp"
#include "auth/roles.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/spi.hpp"
#include "pg/srf.hpp"


namespace {

[[noreturn]] void login_failed() {
  finsim::ctx::clear_login();  // a failed login never leaves an older login in place
  throw finsim::Error(ERRCODE_INVALID_PASSWORD, "invalid access key or secret");
}

bool caller_may_login() {
  if (finsim::auth::is_admin()) return true;
  return finsim::pg::guard([]() -> bool {
    Oid agent = get_role_oid("finsim_agent", true);
    return OidIsValid(agent) && has_privs_of_role(GetOuterUserId(), agent);
  });
}

// Fixed dummy salt: hashing against it costs the same as a real verification.
const std::string kDummySalt = "finsim-no-such-k";
const std::string kDummySecret(40, 'x');
constexpr size_t kMaxSecretBytes = 256;

}  // namespace

FINSIM_FUNCTION(finsim_login) {
  using namespace finsim;
  if (!caller_may_login())
    privilege_error("finsim.login requires membership in finsim_agent or finsim_admin",
                    "grant finsim_agent to the role the agent connects as");
  const std::string key_id = pg::arg_text(fcinfo, 0).value_or("");
  const std::string secret = pg::arg_text(fcinfo, 1).value_or("");

  pg::Spi spi;
  std::optional<auth::StoredHash> stored;
  std::string client_id, account;
  bool revoked = true;
  bool known = false;  // a row of api_clients, revoked or not
  if (!key_id.empty() && key_id.size() <= auth::kMaxAccessKeyIdBytes) {
    // The unique index is on lower(access_key_id COLLATE "C") (src/sql/10_tables_core.sql:
    // a plain-column index would let agents probe other tenants' key ids); the second
    // condition keeps the match exact.
    spi.exec("SELECT id::text, account_id::text, secret_key_hash, revoked_at IS NOT NULL"
             " FROM finsim.api_clients"
             " WHERE lower(access_key_id COLLATE \"C\") = lower($1 COLLATE \"C\") AND access_key_id = $1",
             {pg::Param::text(key_id)}, true);
    if (spi.rows() == 1) {
      known = true;
      client_id = spi.text(0, 0).value_or("");
      account = spi.text(0, 1).value_or("");
      stored = auth::parse_hash(spi.text(0, 2).value_or(""));
      revoked = spi.boolean(0, 3).value_or(true);
    }
  }
  const bool locked = !auth::rate_limit_begin(key_id, known);

  // Always derive once, with the stored parameters or a dummy of the same cost.  An
  // over-long secret (ours are 40 characters) is never right; hashing it would cost time
  // proportional to its length on every iteration, so a fixed stand-in is hashed instead.
  const bool oversized = secret.size() > kMaxSecretBytes;
  const std::string& candidate = oversized ? kDummySecret : secret;
  const std::string derived =
      stored ? auth::pbkdf2_sha256(candidate, stored->salt, stored->iterations)
             : auth::pbkdf2_sha256(candidate, kDummySalt, auth::kPbkdf2Iterations);
  const std::string expected = stored ? stored->hash : std::string(auth::kHashBytes, '\0');
  const bool match = auth::constant_time_equal(derived, expected);

  if (!stored || revoked || locked || !match || secret.empty() || oversized) {
    if (!locked) auth::rate_limit_failure(key_id, known);
    spi.finish();
    login_failed();
  }

  spi.exec("SELECT s FROM finsim.api_clients c, pg_catalog.jsonb_array_elements_text(c.scopes) s"
           " WHERE c.account_id = $1::uuid AND c.id = $2::uuid",
           {pg::Param::text(account), pg::Param::text(client_id)}, true);
  std::vector<std::string> scopes;
  for (uint64_t i = 0; i < spi.rows(); ++i)
    if (auto s = spi.text(i, 0)) scopes.push_back(*s);
  // In a read-only transaction (or on a standby) the login still works; only the
  // bookkeeping of last_used_at is skipped.
  if (!pg::guard([]() -> bool { return XactReadOnly || RecoveryInProgress(); }))
    spi.exec("UPDATE finsim.api_clients SET last_used_at = finsim.now(account_id)"
             " WHERE account_id = $1::uuid AND id = $2::uuid",
             {pg::Param::text(account), pg::Param::text(client_id)});
  spi.finish();

  auth::rate_limit_success(key_id);
  ctx::set_login(account, client_id, std::move(scopes));
  return pg::datum_from_text(UUIDOID, account);
}

FINSIM_FUNCTION(finsim_logout) {
  finsim::ctx::clear_login();
  PG_RETURN_VOID();
}

FINSIM_FUNCTION(finsim_auth_rate_limit_mode) {
  return finsim::pg::text_datum(finsim::auth::rate_limit_mode());
}

// finsim._auth_rate_limit_state(access_key_id text)
//   RETURNS TABLE(bucket int, tracked bool, failures int, window_ends timestamptz, locked_until timestamptz)
// Not granted to anyone (superuser or the extension owner): the bucket depends on the secret seed.
FINSIM_FUNCTION(finsim_auth_rate_limit_state) {
  using namespace finsim;
  const std::string key_id = pg::require_text(fcinfo, 0, "access_key_id");
  const auth::RateLimitState st = auth::rate_limit_state(key_id);
  auto time_text = [](int64_t t) -> pg::Cell {
    if (t == 0) return std::nullopt;
    const char* s = pg::guard([t]() -> const char* {
      return DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(t)));
    });
    return std::string(s);
  };
  pg::SrfWriter out(fcinfo);
  out.row({st.bucket < 0 ? pg::Cell() : pg::Cell(std::to_string(st.bucket)),
           std::string(st.tracked ? "true" : "false"), std::to_string(st.failures),
           time_text(st.window_ends), time_text(st.locked_until)});
  return (Datum)0;
}
