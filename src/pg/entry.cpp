#include "pg/entry.hpp"

#include <new>

namespace finsim::pg {
namespace {

char* dup(const std::string& s) { return s.empty() ? nullptr : pstrdup(s.c_str()); }

// Builds an ErrorData for ReThrowError.  Runs in a plain frame; palloc failures here
// would ereport directly, which is safe because no C++ object is live in this frame.
ErrorData* make_error(int sqlstate, const char* message, const std::string& detail,
                      const std::string& hint, const Where& where = Where::here()) {
  ErrorData* e = static_cast<ErrorData*>(palloc0(sizeof(ErrorData)));
  e->elevel = ERROR;
  e->output_to_server = true;
  e->output_to_client = true;
  e->sqlerrcode = sqlstate;
  e->message = pstrdup(message);
  e->detail = dup(detail);
  e->hint = dup(hint);
  e->filename = where.file;  // string literals: static storage
  e->lineno = where.line;
  e->funcname = where.function;
  e->domain = "finsim";
  e->context_domain = "finsim";
  e->assoc_context = CurrentMemoryContext;
  return e;
}

// All C++ objects of the call live and die inside this function.  It returns the error
// to raise (or nullptr), so the caller can longjmp with no C++ frame left to unwind.
__attribute__((noinline)) ErrorData* run(FunctionCallInfo fcinfo, Impl impl, Datum* result) {
  MemoryContext ctx = CurrentMemoryContext;
  try {
    *result = impl(fcinfo);
    return nullptr;
  } catch (const PgException& e) {
    return e.edata();
  } catch (const Error& e) {
    MemoryContextSwitchTo(ctx);
    return make_error(e.sqlstate(), e.what(), e.detail(), e.hint(), e.where());
  } catch (const std::bad_alloc&) {
    MemoryContextSwitchTo(ctx);
    return make_error(ERRCODE_OUT_OF_MEMORY, "out of memory in finsim", {}, {});
  } catch (const std::exception& e) {
    MemoryContextSwitchTo(ctx);
    return make_error(ERRCODE_INTERNAL_ERROR, e.what(), {}, "this is a bug in finsim");
  } catch (...) {
    MemoryContextSwitchTo(ctx);
    return make_error(ERRCODE_INTERNAL_ERROR, "unknown C++ exception in finsim", {},
                      "this is a bug in finsim");
  }
}

}  // namespace

Datum call_entry(FunctionCallInfo fcinfo, Impl impl) {
  Datum result = 0;
  ErrorData* edata = run(fcinfo, impl, &result);
  if (edata) ReThrowError(edata);
  return result;
}

}  // namespace finsim::pg
