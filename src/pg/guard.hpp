// pg::guard(f): call Postgres code that may ereport() from C++.
//
// f runs inside a sigsetjmp frame.  If Postgres raises an error, the error is copied,
// the error state flushed, and a PgException thrown *after* the longjmp has landed here,
// so the C++ frames above this one unwind normally (destructors run).  The entry point
// (pg/entry.hpp) re-raises it unchanged once every C++ frame is gone.
//
// Contract for f: the frames it creates hold only trivially destructible objects
// (a longjmp skips them).  Keep f to a few Postgres calls; do the C++ work outside.
// Never swallow a PgException: the transaction must abort.
#pragma once

#include <type_traits>

#include "pg/error.hpp"

namespace finsim::pg {

template <typename F>
auto guard(F&& f) -> std::invoke_result_t<F&> {
  using R = std::invoke_result_t<F&>;
  MemoryContext ctx = CurrentMemoryContext;
  // volatile: assigned after the longjmp lands (see -Wclobbered).
  ErrorData* volatile edata = nullptr;
  if constexpr (std::is_void_v<R>) {
    PG_TRY();
    { f(); }
    PG_CATCH();
    {
      MemoryContextSwitchTo(ctx);
      edata = CopyErrorData();
      FlushErrorState();
    }
    PG_END_TRY();
    if (edata) throw PgException(edata);
  } else {
    static_assert(std::is_trivially_copyable_v<R>,
                  "pg::guard returns only trivially copyable values (Datum, pointers, scalars)");
    R result{};
    R* volatile out = &result;  // result lives in memory, not in a register
    PG_TRY();
    { *out = f(); }
    PG_CATCH();
    {
      MemoryContextSwitchTo(ctx);
      edata = CopyErrorData();
      FlushErrorState();
    }
    PG_END_TRY();
    if (edata) throw PgException(edata);
    return result;
  }
}

// Raise a check for pending interrupts (query cancel, terminate) as a C++ exception.
inline void check_interrupts() {
  guard([] { CHECK_FOR_INTERRUPTS(); });
}

}  // namespace finsim::pg
