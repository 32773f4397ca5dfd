// The shared library's entry: module magic and load-time initialisation.
#include "pg/postgres.hpp"
#include "auth/context.hpp"
#include "auth/rate_limit.hpp"
#include "pg/settings.hpp"
#include "pg/detection_jit.hpp"

extern "C" {
PG_MODULE_MAGIC;
void _PG_init(void);
}

void _PG_init(void) {
  finsim::settings::define();
  finsim::auth::rate_limit_init();
  finsim::ctx::init();
  finsim::pg::detection_jit_init();  // detection plans never JIT-compile
}
