// finsim.current_account_id(): the account this session logged in to, or NULL.
#include "auth/context.hpp"
#include "pg/args.hpp"
#include "pg/entry.hpp"

FINSIM_FUNCTION(finsim_current_account_id) {
  auto account = finsim::ctx::account();
  if (!account) PG_RETURN_NULL();
  return finsim::pg::datum_from_text(UUIDOID, *account);
}
