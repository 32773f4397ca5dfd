// Detection plans never JIT-compile (see jit_off.cpp).
#pragma once

namespace finsim::waste {
// Installs the planner hook (from _PG_init; finsim is in shared_preload_libraries).
void jit_off_init();
}  // namespace finsim::waste
