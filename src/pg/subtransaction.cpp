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
  // Ends the subtransaction (kept or rolled back) and returns to the caller's context.
  const auto end = [&](bool keep) {
    if (keep)
      guard([] { ReleaseCurrentSubTransaction(); });
    else
      guard([] { RollbackAndReleaseCurrentSubTransaction(); });
    MemoryContextSwitchTo(ctx);
    CurrentResourceOwner = owner;
  };
  guard([] { BeginInternalSubTransaction(nullptr); });
  MemoryContextSwitchTo(ctx);
  Failure failure;
  try {
    f();
    end(true);
    return std::nullopt;
  } catch (const PgException& e) {
    // Copied out before the rollback frees the subtransaction's memory.
    const ErrorData* d = e.edata();
    failure = {d->sqlerrcode, str(d->message), str(d->detail), str(d->hint)};
  } catch (const Error& e) {
    failure = {e.sqlstate(), e.what(), e.detail(), e.hint()};
  } catch (...) {
    end(false);
    throw;
  }
  end(false);
  if (must_end_statement(failure.sqlstate))
    throw Error(failure.sqlstate, failure.message, failure.detail, failure.hint);
  return failure;
}

}  // namespace finsim::pg
