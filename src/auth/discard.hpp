// DISCARD ALL logs the session out (see discard.cpp).
#pragma once

namespace finsim::auth {

// Installs the ProcessUtility hook; called once from _PG_init.
void discard_init();

}  // namespace finsim::auth
