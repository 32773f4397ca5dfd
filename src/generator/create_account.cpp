// finsim.create_account(name, resources, seed, start_date): validates, inserts the account
// row and generates its estate in the caller's transaction (all or nothing).
#include "generator/estate.hpp"
#include "generator/plan.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"
#include "pg/settings.hpp"
#include "pg/spi.hpp"
#include "pg/subtransaction.hpp"
#include "schema/names.hpp"

namespace {

using finsim::Error;

constexpr int32_t kPgEpochDays = 10957;  // 1970-01-01 .. 2000-01-01
constexpr int32_t kMinStart = 0;         // 2000-01-01 (Postgres date 0)
constexpr int32_t kMaxStart = 365242;    // ~2999-12-31
// First key of the advisory lock create_account takes on a name ("fins"); the second is
// hashtext(lower(name COLLATE "C")).
constexpr int32_t kNameLockClass = 0x66696e73;
constexpr const char* kDuplicateHint =
    "Account names are unique ignoring case: choose another name, or remove the old account with "
    "SELECT finsim.drop_account(id).";

bool blank(const std::string& s) {
  for (char c : s)
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r')) return false;
  return true;
}

void require_admin(finsim::pg::Spi& spi) {
  spi.exec("SELECT (pg_catalog.pg_has_role(current_user, 'finsim_admin', 'MEMBER') OR "
           "(SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user))::text",
           {}, true);
  if (spi.scalar_text().value_or("false") != "true")
    finsim::privilege_error("permission denied: only finsim administrators may manage accounts",
                            "Run this as a superuser or a member of the finsim_admin role.");
}

}  // namespace

FINSIM_FUNCTION(finsim_create_account) {
  namespace pg = finsim::pg;
  namespace gen = finsim::generator;
  pg::Spi spi;
  require_admin(spi);

  auto name = pg::arg_text(fcinfo, 0);
  if (!name) finsim::null_value("name must not be NULL", "Give the account a unique name, e.g. 'acme-prod'.");
  if (name->empty() || blank(*name))
    finsim::invalid_parameter("name must not be empty", "Give the account a unique name, e.g. 'acme-prod'.");
  if (name->size() > 200)
    finsim::invalid_parameter("name is too long (at most 200 bytes)", "Use a shorter account name.");
  finsim::schema::refuse_unreadable_name(
      *name,
      "Account names are shown in lists, logs and the audit trail: use printable characters only "
      "(no newlines, tabs, escape sequences or invisible characters), e.g. 'acme-prod'.");
  auto resources = pg::arg_int4(fcinfo, 1);
  if (!resources) finsim::null_value("resources must not be NULL", "Pass a count between 0 and 5000000 (default 500).");
  if (*resources < 0)
    finsim::invalid_parameter("resources must not be negative: " + std::to_string(*resources),
                              "Pass a count between 0 and 5000000; 0 creates an empty account.");
  if (*resources > gen::kMaxResources)
    finsim::invalid_parameter("resources must be at most 5000000: " + std::to_string(*resources),
                              "Split a larger estate into several accounts of at most 5,000,000 resources.");
  auto seed = pg::arg_int8(fcinfo, 2);
  if (!seed) finsim::null_value("seed must not be NULL", "Pass any bigint seed (default 1); the same seed gives the same estate.");
  auto start = pg::arg_int4(fcinfo, 3);
  if (!start) finsim::null_value("start_date must not be NULL", "Pass a date, e.g. current_date (the default).");
  if (*start == PG_INT32_MIN || *start == PG_INT32_MAX)
    finsim::invalid_parameter("start_date must be finite",
                              "Pass a real date such as current_date or '2026-01-01'.");
  if (*start < kMinStart || *start > kMaxStart)
    finsim::invalid_parameter("start_date must be between 2000-01-01 and 2999-12-31",
                              "Pass a date such as current_date or '2026-01-01'.");

  // Concurrent calls for one name are serialized: a transaction-level advisory lock on the
  // folded name makes the second caller wait until the first commits or rolls back.  The
  // check below then runs with a new snapshot (not read-only: SPI takes one per statement in
  // READ COMMITTED), sees the first caller's account and raises the documented 42710 rather
  // than the unique index's 23505.  Different names rarely share a lock (a hash collision
  // only makes one wait).
  spi.exec("SELECT pg_catalog.pg_advisory_xact_lock($1, pg_catalog.hashtext(pg_catalog.lower($2 COLLATE \"C\")))",
           {pg::Param::int4(kNameLockClass), pg::Param::text(*name)});
  // Names are unique ignoring ASCII case: the unique index is on lower(name COLLATE "C")
  // (src/sql/10_tables_core.sql), which this lookup uses.
  spi.exec("SELECT id::text, name FROM finsim.cloud_accounts WHERE lower(name COLLATE \"C\") = lower($1 COLLATE \"C\")",
           {pg::Param::text(*name)});
  if (spi.rows())
    throw Error(ERRCODE_DUPLICATE_OBJECT, "an account named \"" + spi.text(0, 1).value_or(*name) + "\" already exists",
                "Its id is " + spi.text(0, 0).value_or("?") + ".", kDuplicateHint);

  gen::Inputs in;
  in.name = *name;
  in.resources = *resources;
  in.seed = *seed;
  in.start_day = static_cast<int64_t>(*start) + kPgEpochDays;
  gen::Estate estate(in);

  // The account: its clock at start_date 00:00 UTC; generated estates carry an expired
  // account-level freeze (history of a past change freeze; agents may act).
  // The estate is written with session_replication_role = replica: ordinary triggers do not
  // fire.  They have nothing to do here: every row belongs to the brand-new account created
  // below in this transaction and every row it refers to is generated by this call (the
  // foreign-key checks cannot fail), costs, GPU shapes and virtual-time columns are given explicitly (the
  // pricing trigger would keep them), and audit triggers fire only on UPDATE and DELETE.
  // CHECK, NOT NULL and unique constraints still apply.  test/32_generator_integrity_test.sql
  // proves both claims on generated estates.  Transaction-local: an error restores the role.
  const std::string role = finsim::settings::set_replication_role("replica");
  finsim::generator::Cell freeze;
  if (in.resources > 0) freeze = gen::ts_text(in.start_day - 30);
  // The check above cannot see an account committed after this transaction's snapshot
  // (REPEATABLE READ, SERIALIZABLE) nor one written without the lock (a plain INSERT): the
  // unique indexes catch those, and their violation is the same 42710.
  const auto failed = pg::in_subtransaction([&] {
    spi.exec("INSERT INTO finsim.cloud_accounts (id, name, seed, resources_requested, start_date, "
             "virtual_time, freeze_optimizations_until) "
             "VALUES ($1::uuid, $2, $3::bigint, $4::integer, $5::date, $6::timestamptz, $7::timestamptz)",
             {pg::Param::text(estate.account_id()), pg::Param::text(*name),
              pg::Param::text(std::to_string(*seed)), pg::Param::text(std::to_string(*resources)),
              pg::Param::text(gen::date_text(in.start_day)), pg::Param::text(gen::ts_text(in.start_day)),
              pg::Param::text(freeze)});
  });
  if (failed && failed->sqlstate == ERRCODE_UNIQUE_VIOLATION)
    throw Error(ERRCODE_DUPLICATE_OBJECT, "an account named \"" + *name + "\" already exists",
                "A concurrent transaction created it after this transaction's snapshot was taken (" +
                    failed->message + ").",
                kDuplicateHint);
  if (failed) throw Error(failed->sqlstate, failed->message, failed->detail, failed->hint);
  gen::generate(estate, spi);
  finsim::settings::set_replication_role(role);
  std::string id = estate.account_id();
  spi.finish();
  return pg::datum_from_text(UUIDOID, id);
}
