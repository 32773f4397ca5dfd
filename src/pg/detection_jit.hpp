// Detection plans never JIT-compile (see detection_jit.cpp).  A planner hook is Postgres
// plumbing, so it lives in the boundary module; the waste area owns the function names.
#pragma once

namespace finsim::pg {
// Installs the planner hook (from _PG_init; finsim is in shared_preload_libraries, or the
// library is loaded by the session's first finsim C function).
void detection_jit_init();
}  // namespace finsim::pg
