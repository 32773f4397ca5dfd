// SQL-callable entry points.
//
//   FINSIM_FUNCTION(finsim_price) { ... C++ body using fcinfo ... }
//
// declares the extern "C" V1 function `finsim_price` whose body runs inside try/catch.
// Any finsim::Error, PgException or std::exception becomes an ordinary Postgres ERROR
// raised after every C++ frame of the body has been destroyed.
#pragma once

#include "pg/error.hpp"

namespace finsim::pg {

using Impl = Datum (*)(FunctionCallInfo);

// Runs impl; converts exceptions into a Postgres error (never returns on error).
Datum call_entry(FunctionCallInfo fcinfo, Impl impl);

}  // namespace finsim::pg

#define FINSIM_FUNCTION(name)                                                  \
  extern "C" {                                                                 \
  PG_FUNCTION_INFO_V1(name);                                                   \
  }                                                                            \
  static Datum name##_impl(FunctionCallInfo fcinfo);                           \
  extern "C" Datum name(PG_FUNCTION_ARGS) {                                    \
    return ::finsim::pg::call_entry(fcinfo, name##_impl);                      \
  }                                                                            \
  static Datum name##_impl([[maybe_unused]] FunctionCallInfo fcinfo)
