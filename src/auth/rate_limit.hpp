// Login failure rate limiting per access key.
#pragma once

#include <string>

namespace finsim::auth {

// Called from _PG_init: when finsim is in shared_preload_libraries the failure table
// lives in shared memory (cluster-wide); otherwise it is per backend.
void rate_limit_init();

}  // namespace finsim::auth
