// finsim.drift_tick(account_id uuid DEFAULT NULL, days integer DEFAULT 1)
//   RETURNS TABLE(account_id uuid, virtual_date date, rows_written bigint, events bigint)
//
// Simulates `days` virtual days of one account (or of every account, in id order).  Each day
// of an account runs under the account's row lock (SELECT ... FOR UPDATE on cloud_accounts,
// held to the end of the caller's transaction): a concurrent tick of the same account WAITS,
// then reads the advanced clock and simulates the following day, so no day is simulated
// twice.  Everything runs in the caller's transaction: an error or a cancel leaves every
// account on its previous day.
#include <algorithm>
#include <string>

#include "auth/context.hpp"
#include "drift/events.hpp"
#include "drift/statements.hpp"
#include "pg/args.hpp"
#include "pg/background.hpp"
#include "pg/entry.hpp"
#include "pg/settings.hpp"
#include "pg/spi.hpp"
#include "pg/subtransaction.hpp"
#include "pg/srf.hpp"

namespace {

namespace pg = finsim::pg;
namespace drift = finsim::drift;

constexpr int kMaxDays = 3650;

void require_admin(pg::Spi& spi) {
  spi.exec(
      "SELECT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false) "
      "OR (EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'finsim_admin') "
      "AND pg_catalog.pg_has_role(current_user, 'finsim_admin', 'MEMBER'))",
      {}, true);
  if (!spi.boolean(0, 0).value_or(false))
    finsim::privilege_error("permission denied for finsim.drift_tick: only finsim_admin members advance time",
                            "Agents do not control the clock; ask an administrator (a member of finsim_admin).");
}

// Whether `days` more days fit on the account's clock, which must stay before 9000-01-01
// 00:00 UTC (cloud_accounts_virtual_time_check): checked before the first day, so a call
// that would pass the end raises 22023 with the days left instead of the CHECK's 23514
// after simulating the days before it.  Takes the account's lock (as simulate_day does) so
// no concurrent tick moves the clock between the check and the days.  Returns false when
// the account does not exist (deleted by a concurrent transaction).
bool check_clock_room(pg::Spi& spi, const std::string& account, int32_t days) {
  spi.exec(
      "SELECT to_char(virtual_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00', "
      "ceil(extract(epoch FROM TIMESTAMPTZ '9000-01-01 00:00+00' - virtual_time) / 86400)::bigint - 1 "
      "FROM finsim.cloud_accounts WHERE id = $1::uuid FOR UPDATE",
      {pg::Param::text(account)});
  if (spi.rows() == 0) return false;
  const int64_t left = std::max<int64_t>(0, spi.int8(0, 1).value_or(0));
  if (days <= left) return true;
  finsim::invalid_parameter(
      "days = " + std::to_string(days) + " would move the virtual clock of account " + account +
          " past its end (9000-01-01 00:00 UTC)",
      left == 0 ? std::string("No more days can be simulated for this account: its clock is on its last day. "
                              "Simulate further in a new account (finsim.create_account with an earlier start_date).")
                : std::to_string(left) + (left == 1 ? " more day" : " more days") +
                      " can be simulated for this account: pass days <= " + std::to_string(left) + ".",
      "The account's virtual time is " + spi.text(0, 0).value_or("?") + ".");
}

// One day of one account; returns false when the account vanished meanwhile.
bool simulate_day(pg::Spi& spi, const std::string& account, drift::Counts& n, std::string& date_out) {
  // The account's lock, then its (possibly just advanced) clock.
  spi.exec(
      "SELECT to_char((virtual_time AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD'), seed, "
      "((virtual_time AT TIME ZONE 'UTC')::date - DATE '1970-01-01'), "
      "(coalesce(start_date, (virtual_time AT TIME ZONE 'UTC')::date - ticks) - DATE '1970-01-01'), "
      "virtual_time FROM finsim.cloud_accounts WHERE id = $1::uuid FOR UPDATE",
      {pg::Param::text(account)});
  if (spi.rows() == 0) return false;
  drift::DayContext c;
  c.account = account;
  c.date = *spi.text(0, 0);
  c.seed = *spi.int8(0, 1);
  c.day = static_cast<int32_t>(*spi.int8(0, 2));
  c.anchor = static_cast<int32_t>(*spi.int8(0, 3));
  bool isnull = false;
  c.vt = spi.datum(0, 4, &isnull);  // timestamptz: passed by value
  c.retention = finsim::settings::daily_retention_days;
  const auto p = c.params();

  drift::run_events(spi, c, n);
  // The metric statements run without ordinary triggers (session_replication_role =
  // replica): they change only metric columns and updated_at, which no audit trigger
  // watches; the one price that depends on them (Lambda's estimated_monthly_cost) is set by
  // its statement through the trigger's rule (statements.cpp), so _audit and _before_write
  // would do nothing but cost
  // (~15 us a row), and touch_updated_at's work is in the statement.  The new metrics_daily
  // rows reference the account whose row we hold FOR UPDATE, so their foreign-key check
  // cannot fail.  Events (above) and usage rows (below, priced by _before_write) keep their
  // triggers.  An error restores the role with the transaction.
  // They also run with enable_sort and enable_indexscan off: each groups the six stored days
  // by resource_id in a hash table of a few sums per resource (~80 bytes; it spills in
  // batches beyond hash_mem, memory staying bounded).  Beyond a few hundred thousand
  // resources the planner would otherwise sort every stored row WITH its payload (1 GB of
  // temp files at 1M resources) or walk metrics_daily_day_key in resource order (a random
  // heap read per stored row); bitmap scans stay available.  And with jit off: the one sort
  // they keep (the insert's ORDER BY) carries the planner's disable_cost, which would put
  // every statement far above jit_above_cost and compile it (~0.1-0.3 s per statement and
  // day, for nothing: their time is index upkeep and C function calls).
  // And with extra_float_digits at its default (1, shortest exact form): the metric payloads
  // are built from float8 values, which jsonb prints per that setting, so a session's own
  // value (say -15) would otherwise change the simulated rows.
  const std::string role = finsim::settings::set_replication_role("replica");
  const std::string float_digits = finsim::settings::set_local("extra_float_digits", "1");
  const std::string enable_sort = finsim::settings::set_local("enable_sort", "off");
  const std::string enable_indexscan = finsim::settings::set_local("enable_indexscan", "off");
  const std::string jit = finsim::settings::set_local("jit", "off");
  for (const auto& t : drift::metric_tables()) {
    pg::check_interrupts();
    n.rows += 2 * spi.exec(t.day, p);  // inserted + updated
  }
  finsim::settings::set_local("jit", jit);
  finsim::settings::set_local("enable_indexscan", enable_indexscan);
  finsim::settings::set_local("enable_sort", enable_sort);
  finsim::settings::set_local("extra_float_digits", float_digits);
  finsim::settings::set_replication_role(role);
  for (const auto& sql : drift::usage_statements()) {
    pg::check_interrupts();
    n.rows += spi.exec(sql, p);
  }
  for (const auto& sql : drift::prune_statements()) spi.exec(sql, p);
  spi.exec(
      "UPDATE finsim.cloud_accounts SET virtual_time = virtual_time + interval '24 hours', "
      "ticks = ticks + 1 WHERE id = $1::uuid RETURNING to_char((virtual_time AT TIME ZONE 'UTC')::date, "
      "'YYYY-MM-DD')",
      {pg::Param::text(account)});
  date_out = *spi.text(0, 0);
  // Open recommendations whose finding has disappeared expire with the day (checked only
  // when the account has open ones, so estates without recommendations pay nothing).
  spi.exec(
      "SELECT finsim.expire_recommendations(a.id) FROM finsim.cloud_accounts a WHERE a.id = $1::uuid "
      "AND EXISTS (SELECT 1 FROM finsim.recommendations r WHERE r.account_id = a.id AND r.status = 'open')",
      {pg::Param::text(account)});
  return true;
}

}  // namespace

FINSIM_FUNCTION(finsim_drift_tick) {
  const auto account = pg::arg_as_text(fcinfo, 0);
  if (pg::arg_null(fcinfo, 1))
    finsim::null_value("days must not be NULL", "Call finsim.drift_tick(account_id, days) with days between 1 and 3650.");
  const int32_t days = *pg::arg_int4(fcinfo, 1);
  if (days <= 0 || days > kMaxDays)
    finsim::invalid_parameter("days must be between 1 and " + std::to_string(kMaxDays) +
                                  " (got " + std::to_string(days) + ")",
                              "One call simulates at most ten virtual years.");

  pg::SrfWriter out(fcinfo);
  pg::Spi spi;
  require_admin(spi);
  // A read-only transaction (or a standby) fails the whole call with 25006, rather than
  // every account being skipped with a WARNING below while pg_cron records a success.
  pg::require_writable("finsim.drift_tick()");

  std::vector<std::string> accounts;
  if (account) {
    spi.exec("SELECT 1 FROM finsim.cloud_accounts WHERE id = $1::uuid", {pg::Param::text(*account)}, true);
    if (spi.rows() == 0)
      finsim::invalid_parameter("account " + *account + " does not exist",
                                "List accounts with: SELECT id, name FROM finsim.cloud_accounts;");
    accounts.push_back(*account);
  } else {
    spi.exec("SELECT c.id::text FROM finsim.cloud_accounts c ORDER BY c.id", {}, true);
    for (uint64_t i = 0; i < spi.rows(); ++i) accounts.push_back(*spi.text(i, 0));
  }

  // The 7-day aggregation groups one row per resource in memory: give it room (hash tables
  // may use hash_mem_multiplier x work_mem) so it does not spill at 100k-resource scale, and
  // a bound, finsim.drift_work_mem, beyond which it spills rather than grows.
  // Transaction-local, restored below (an error aborts the transaction, which restores it too).
  spi.exec("SELECT current_setting('work_mem'), set_config('work_mem', $1, true)",
           {pg::Param::text(std::to_string(finsim::settings::drift_work_mem) + "kB")}, false);
  const std::string work_mem = *spi.text(0, 0);

  finsim::ctx::SourceScope source("drift_engine", std::string("drift_tick"));
  for (const auto& a : accounts) {
    drift::Counts n;
    std::string date;
    bool exists = true;
    const auto live = [&] {
      exists = check_clock_room(spi, a, days);
      for (int d = 0; d < days && exists; ++d) exists = simulate_day(spi, a, n, date);
    };
    if (account) {
      live();  // one account: its error is the statement's error
    } else if (const auto failed = pg::in_subtransaction(live)) {
      // Every account: one account's failure (bad hand-written data, a lock timeout) must not
      // stop the others — pg_cron runs this call.  Its days are rolled back; it stays put.
      finsim::warning("drift_tick: account " + a + " skipped: " + failed->message,
                  failed->detail, "The account stays on its virtual day; finsim.drift_tick('" + a +
                  "') raises the error itself.", failed->sqlstate);
      continue;
    }
    if (!exists) continue;  // deleted by a concurrent transaction while we waited
    out.row({a, date, std::to_string(n.rows), std::to_string(n.events)});
  }
  spi.exec("SELECT set_config('work_mem', $1, true)", {pg::Param::text(work_mem)}, false);
  spi.finish();
  return (Datum)0;
}
