#include "auth/rate_limit.hpp"

namespace finsim::auth {

void rate_limit_init() {}

}  // namespace finsim::auth
