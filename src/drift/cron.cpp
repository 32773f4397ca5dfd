// finsim._cron_job(op text, schedule text) RETURNS text — the pg_cron calls behind
// finsim.schedule_drift() and finsim.unschedule_drift() (which check the caller first).
//
// SECURITY DEFINER (owner: the superuser who created the extension), executable by
// finsim_admin only: pg_cron's functions are not granted to ordinary roles, and the job
// runs as that owner wherever it is scheduled from, so every admin manages the same job.
//
// Where pg_cron lives:
//  * in this database: the statement runs here, in the caller's transaction;
//  * in another database (cron.database_name): the same statement runs there through a
//    background worker (pg::run_in_database), in a transaction of its own — committed even
//    if the caller then rolls back, like any call of cron.schedule_in_database;
//  * nowhere (not preloaded): 0A000; preloaded for this database but not created: 55000.
//
// pg_cron names jobs per role, so one owner has one 'finsim-drift' job per cluster: when
// it already drives another database, scheduling here is refused (55000) rather than
// silently moving that database's job — unless that database is gone (DROP DATABASE left
// the job behind), in which case the job moves here.
#include <string>
#include <vector>

#include "pg/args.hpp"
#include "pg/background.hpp"
#include "pg/entry.hpp"
#include "pg/spi.hpp"

namespace pg = finsim::pg;

namespace {

constexpr const char* kJob = "finsim-drift";
constexpr const char* kConflict = "conflict:";

// $1 job name, $3 database, $4 role: one scheduler at a time per role (a transaction-level
// advisory lock in pg_cron's database), so two databases scheduling at once cannot both pass
// the check below and then share one upserted job.  A statement of its own: the check must
// run with a snapshot taken after the lock is granted.  Then the role's job of a database
// that no longer exists (DROP DATABASE left it behind) is removed, so this database can take
// the name (pg_cron's upsert would keep the old database).
constexpr const char* kScheduleLock =
    "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($4)); "
    "SELECT count(cron.unschedule(j.jobid)) FROM cron.job j WHERE j.jobname = $1 AND j.username = $4 "
    "AND j.database <> $3 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datname = j.database)";

// $1 job name, $2 schedule, $3 database, $4 role.  Returns the job id, or kConflict and
// the database the role's job already drives.
constexpr const char* kSchedule =
    "WITH other AS (SELECT j.database FROM cron.job j WHERE j.jobname = $1 AND j.username = $4 "
    "AND j.database <> $3 LIMIT 1) "
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM other) THEN 'conflict:' || (SELECT database FROM other) "
    "ELSE cron.schedule_in_database($1, $2, 'SELECT finsim.drift_tick()', $3, $4)::text END";

// $1 job name, $2 database, $3 role.  Returns whether a job was removed.
constexpr const char* kUnschedule =
    "SELECT coalesce(bool_or(cron.unschedule(j.jobid)), false)::text FROM cron.job j "
    "WHERE j.jobname = $1 AND j.database = $2 AND j.username = $3";

// Runs `lock` (may be null) and then `sql` in one transaction of pg_cron's database.
std::optional<std::string> run(bool local, const std::string& cron_db, const char* lock,
                               const char* sql, const std::vector<std::string>& params) {
  if (!local) {
    try {
      const std::string both = lock ? std::string(lock) + "; " + sql : std::string(sql);
      return pg::run_in_database(cron_db, pg::current_role(), both, params).value;
    } catch (const finsim::Error& e) {
      // cron.database_name names a database where CREATE EXTENSION pg_cron was never run.
      if (e.sqlstate() != ERRCODE_UNDEFINED_TABLE && e.sqlstate() != ERRCODE_UNDEFINED_SCHEMA &&
          e.sqlstate() != ERRCODE_UNDEFINED_FUNCTION)
        throw;
      throw finsim::Error(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
                          "pg_cron is not installed in its database \"" + cron_db + "\"",
                          std::string(e.what()) + ". " + e.detail(),
                          "Run CREATE EXTENSION pg_cron; in database \"" + cron_db + "\".");
    }
  }
  std::vector<pg::Param> ps;
  for (const auto& p : params) ps.push_back(pg::Param::text(p));
  pg::Spi spi;
  if (lock) spi.exec(lock, ps);
  spi.exec(sql, ps);
  return spi.rows() ? spi.text(0, 0) : std::nullopt;
}

}  // namespace

FINSIM_FUNCTION(finsim_cron_job) {
  const std::string op = pg::require_text(fcinfo, 0, "op");
  if (op != "schedule" && op != "unschedule")
    finsim::invalid_parameter("unknown cron operation \"" + op + "\"",
                              "Use finsim.schedule_drift() or finsim.unschedule_drift().");
  pg::require_writable(op == "schedule" ? "finsim.schedule_drift()" : "finsim.unschedule_drift()");
  const std::string db = pg::current_database(), role = pg::current_role();
  const bool local = pg::extension_installed("pg_cron");
  const std::string cron_db = pg::server_setting("cron.database_name").value_or("");
  if (!local && cron_db.empty())
    throw finsim::Error(ERRCODE_FEATURE_NOT_SUPPORTED, "pg_cron is not available", {},
                        "Add pg_cron to shared_preload_libraries (shared_preload_libraries = "
                        "'pg_cron'), restart, then run CREATE EXTENSION pg_cron in the database "
                        "named by cron.database_name.");
  if (!local && cron_db == db)
    throw finsim::Error(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "pg_cron is preloaded for database \"" + db + "\" but not installed in it",
                        {}, "Run CREATE EXTENSION pg_cron; in this database.");

  if (op == "unschedule")
    return pg::text_datum(run(local, cron_db, nullptr, kUnschedule, {kJob, db, role}).value_or("false"));

  const std::string schedule = pg::require_text(fcinfo, 1, "schedule");
  const auto r = run(local, cron_db, kScheduleLock, kSchedule, {kJob, schedule, db, role});
  if (!r) throw finsim::Error(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "pg_cron returned no job id");
  if (r->rfind(kConflict, 0) == 0) {
    const std::string other = r->substr(std::char_traits<char>::length(kConflict));
    throw finsim::Error(
        ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
        "the pg_cron job \"finsim-drift\" of role \"" + role + "\" already drives database \"" +
            other + "\"",
        "pg_cron names jobs per role, and every finsim database schedules as the extension's owner.",
        "Run SELECT finsim.unschedule_drift(); in database \"" + other +
            "\" first. If finsim is no longer installed there, remove the job by hand: SELECT "
            "cron.unschedule('finsim-drift'); as role \"" + role + "\" in database \"" +
            (local ? db : cron_db) + "\".");
  }
  return pg::text_datum(*r);
}
