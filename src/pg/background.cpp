// pg::run_in_database (see background.hpp) and its worker's entry point.
#include "pg/background.hpp"

#include "pg/error.hpp"
#include "pg/guard.hpp"

namespace finsim::pg {
namespace {

constexpr int kMaxParams = 4;
constexpr size_t kText = 1024;

// The dynamic shared memory the caller and the worker share: plain C data only.
struct Slot {
  char database[NAMEDATALEN];
  char role[NAMEDATALEN];
  char sql[4 * kText];
  int nparams;
  char params[kMaxParams][kText];
  // Written by the worker.
  int state;  // 0: never ran (could not start or connect), 1: done, 2: the statement failed
  bool value_null;
  int sqlstate;
  char value[kText];
  char message[kText];
  char detail[kText];
  char hint[kText];
};

void copy_in(char* dst, size_t size, const std::string& s, const char* what) {
  if (s.size() >= size || s.find('\0') != std::string::npos)
    invalid_parameter(std::string(what) + " is too long (at most " + std::to_string(size - 1) +
                      " bytes) or contains a NUL byte");
  std::memcpy(dst, s.c_str(), s.size() + 1);
}

// Copies at most kText - 1 bytes, cut at a character boundary of the database encoding.
void copy_out(char* dst, const char* src) {
  if (!src) return;
  const int len = pg_mbcliplen(src, static_cast<int>(strlen(src)), static_cast<int>(kText - 1));
  std::memcpy(dst, src, static_cast<size_t>(len));
  dst[len] = '\0';
}

}  // namespace

RemoteOutcome run_in_database(const std::string& database, const std::string& role,
                              const std::string& sql, const std::vector<std::string>& params) {
  if (params.size() > static_cast<size_t>(kMaxParams))
    invalid_parameter("too many parameters for a background statement");
  dsm_segment* seg = guard([] { return dsm_create(sizeof(Slot), 0); });
  auto* slot = static_cast<Slot*>(dsm_segment_address(seg));
  std::memset(slot, 0, sizeof(Slot));
  copy_in(slot->database, sizeof slot->database, database, "database name");
  copy_in(slot->role, sizeof slot->role, role, "role name");
  copy_in(slot->sql, sizeof slot->sql, sql, "statement");
  slot->nparams = static_cast<int>(params.size());
  for (size_t i = 0; i < params.size(); ++i)
    copy_in(slot->params[i], kText, params[i], "parameter");

  BackgroundWorker worker;
  std::memset(&worker, 0, sizeof worker);
  worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
  worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
  worker.bgw_restart_time = BGW_NEVER_RESTART;
  strlcpy(worker.bgw_library_name, "$libdir/finsim", BGW_MAXLEN);
  strlcpy(worker.bgw_function_name, "finsim_background_statement", BGW_MAXLEN);
  strlcpy(worker.bgw_name, "finsim statement in another database", BGW_MAXLEN);
  strlcpy(worker.bgw_type, "finsim", BGW_MAXLEN);
  worker.bgw_main_arg = UInt32GetDatum(dsm_segment_handle(seg));
  worker.bgw_notify_pid = MyProcPid;

  BackgroundWorkerHandle* handle = nullptr;
  if (!guard([&] { return RegisterDynamicBackgroundWorker(&worker, &handle); }))
    throw Error(ERRCODE_INSUFFICIENT_RESOURCES,
                "no background worker slot is free to reach database \"" + database + "\"", {},
                "Raise max_worker_processes (pg_cron's own workers use it too) and restart.");
  // A cancel or timeout of the caller while it waits stops the worker too (its transaction
  // then rolls back, unless it had already committed).
  try {
    pid_t pid = 0;
    const BgwHandleStatus started =
        guard([&] { return WaitForBackgroundWorkerStartup(handle, &pid); });
    if (started == BGWH_POSTMASTER_DIED)
      throw Error(ERRCODE_ADMIN_SHUTDOWN, "the postmaster died while starting a background worker");
    if (started == BGWH_STARTED) {
      const BgwHandleStatus ended = guard([&] { return WaitForBackgroundWorkerShutdown(handle); });
      if (ended == BGWH_POSTMASTER_DIED)
        throw Error(ERRCODE_ADMIN_SHUTDOWN, "the postmaster died while a background worker ran");
    }
  } catch (...) {
    guard([&] { TerminateBackgroundWorker(handle); });
    throw;
  }

  const Slot result = *slot;  // copy out before the segment goes
  guard([&] { dsm_detach(seg); });
  if (result.state == 0)
    throw Error(ERRCODE_CONNECTION_FAILURE,
                "could not run a statement in database \"" + database + "\" as role \"" + role + "\"",
                {}, "The background worker could not connect; the server log says why (the database must exist and accept connections, the role must be allowed to log in).");
  if (result.state == 2)
    throw Error(result.sqlstate, result.message,
                result.detail[0] ? std::string(result.detail) + " (raised in database \"" + database + "\")"
                                 : "Raised in database \"" + database + "\".",
                result.hint);
  RemoteOutcome out;
  if (!result.value_null) out.value = std::string(result.value);
  return out;
}

void require_writable(const char* what) {
  guard([&] { PreventCommandIfReadOnly(what); });
}

bool database_is_utf8() {
  return guard([] { return GetDatabaseEncoding() == PG_UTF8; });
}

std::string current_database() {
  return guard([] { return static_cast<const char*>(get_database_name(MyDatabaseId)); });
}

std::string current_role() {
  return guard([] { return static_cast<const char*>(GetUserNameFromId(GetUserId(), false)); });
}

std::optional<std::string> server_setting(const char* name) {
  // A custom setting of a library that is not loaded exists only as a placeholder (from
  // postgresql.conf or SET): treat it as undefined.
  const char* v = guard([&] { return GetConfigOption(name, true, false); });
  if (v == nullptr) return std::nullopt;
  if (guard([&] { return GetConfigOptionFlags(name, true); }) & GUC_CUSTOM_PLACEHOLDER)
    return std::nullopt;
  return std::string(v);
}

bool extension_installed(const char* name) {
  return guard([&] { return OidIsValid(get_extension_oid(name, true)); });
}

}  // namespace finsim::pg

// The worker: C only from here (Postgres errors longjmp through this frame).  Any error of
// the statement is copied into the slot; a failure to connect is FATAL and leaves state 0.
extern "C" PGDLLEXPORT void finsim_background_statement(Datum arg);

extern "C" void finsim_background_statement(Datum arg) {
  using finsim::pg::Slot;
  pqsignal(SIGTERM, die);
  BackgroundWorkerUnblockSignals();
  CurrentResourceOwner = ResourceOwnerCreate(nullptr, "finsim background statement");
  dsm_segment* seg = dsm_attach(DatumGetUInt32(arg));
  if (seg == nullptr)
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("finsim: the caller of this background statement is gone")));
  Slot* volatile slot = static_cast<Slot*>(dsm_segment_address(seg));
  BackgroundWorkerInitializeConnection(slot->database, slot->role, 0);
  // Never wait long on a lock: the caller waits for this worker.  Names resolve from
  // pg_catalog first (the statements are fixed and schema-qualified anyway).
  SetConfigOption("lock_timeout", "10s", PGC_SUSET, PGC_S_OVERRIDE);
  SetConfigOption("search_path", "pg_catalog, pg_temp", PGC_SUSET, PGC_S_OVERRIDE);

  PG_TRY();
  {
    SetCurrentStatementStartTimestamp();
    StartTransactionCommand();
    SPI_connect();
    PushActiveSnapshot(GetTransactionSnapshot());
    pgstat_report_activity(STATE_RUNNING, slot->sql);
    Oid types[finsim::pg::kMaxParams];
    Datum values[finsim::pg::kMaxParams];
    for (int i = 0; i < slot->nparams; ++i) {
      types[i] = TEXTOID;
      values[i] = CStringGetTextDatum(slot->params[i]);
    }
    const int rc = SPI_execute_with_args(slot->sql, slot->nparams, types, values, nullptr, false, 1);
    if (rc != SPI_OK_SELECT)
      ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                      errmsg("finsim: a background statement must be a SELECT")));
    char* v = SPI_processed > 0 ? SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1)
                                : nullptr;
    slot->value_null = (v == nullptr);
    finsim::pg::copy_out(slot->value, v);
    SPI_finish();
    PopActiveSnapshot();
    CommitTransactionCommand();
    slot->state = 1;
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(TopMemoryContext);
    ErrorData* e = CopyErrorData();
    FlushErrorState();
    slot->sqlstate = e->sqlerrcode;
    finsim::pg::copy_out(slot->message, e->message);
    finsim::pg::copy_out(slot->detail, e->detail);
    finsim::pg::copy_out(slot->hint, e->hint);
    slot->state = 2;
    AbortCurrentTransaction();
  }
  PG_END_TRY();
  pgstat_report_activity(STATE_IDLE, nullptr);
  dsm_detach(seg);
  proc_exit(0);
}
