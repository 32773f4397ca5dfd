#include "pg/subtransaction.hpp"

#include "pg/error.hpp"
#include "pg/guard.hpp"

namespace finsim::pg {
namespace {

// Errors after which the statement must stop rather than go on with other work.
bool must_end_statement(int sqlstate) {
  const int cls = ERRCODE_TO_CATEGORY(sqlstate);
  return cls == ERRCODE_TO_CATEGORY(ERRCODE_OPERATOR_INTERVENTION) ||      // 57: cancel, shutdown
         cls == ERRCODE_TO_CATEGORY(ERRCODE_INSUFFICIENT_RESOURCES) ||     // 53: memory, disk
         cls == ERRCODE_TO_CATEGORY(ERRCODE_SYSTEM_ERROR) ||               // 58
         cls == ERRCODE_TO_CATEGORY(ERRCODE_INTERNAL_ERROR);               // XX: a bug
}

std::string str(const char* s) { return s ? s : ""; }

}  // namespace

std::optional<Failure> in_subtransaction(const std::function<void()>& f) {
  MemoryContext ctx = CurrentMemoryContext;
  ResourceOwner owner = CurrentResourceOwner;
  guard([] { BeginInternalSubTransaction(nullptr); });
  MemoryContextSwitchTo(ctx);
  Failure failure;
  try {
    f();
    guard([] { ReleaseCurrentSubTransaction(); });
    MemoryContextSwitchTo(ctx);
    CurrentResourceOwner = owner;
    return std::nullopt;
  } catch (const PgException& e) {
    // Copied out before the rollback frees the subtransaction's memory.
    const ErrorData* d = e.edata();
    failure = {d->sqlerrcode, str(d->message), str(d->detail), str(d->hint)};
  } catch (const Error& e) {
    failure = {e.sqlstate(), e.what(), e.detail(), e.hint()};
  } catch (...) {
    guard([] { RollbackAndReleaseCurrentSubTransaction(); });
    MemoryContextSwitchTo(ctx);
    CurrentResourceOwner = owner;
    throw;
  }
  guard([] { RollbackAndReleaseCurrentSubTransaction(); });
  MemoryContextSwitchTo(ctx);
  CurrentResourceOwner = owner;
  if (must_end_statement(failure.sqlstate))
    throw Error(failure.sqlstate, failure.message, failure.detail, failure.hint);
  return failure;
}

}  // namespace finsim::pg

namespace finsim::pg {

void warning(const std::string& message, const std::string& detail, const std::string& hint,
             int sqlstate) {
  const char* m = message.c_str();
  const char* d = detail.empty() ? nullptr : detail.c_str();
  const char* h = hint.empty() ? nullptr : hint.c_str();
  guard([&] {
    ereport(WARNING, (errcode(sqlstate), errmsg_internal("%s", m),
                      d ? errdetail_internal("%s", d) : 0, h ? errhint("%s", h) : 0));
  });
}

}  // namespace finsim::pg
