#include "bench_accounts.hpp"

#include <iostream>

namespace finsim_client {

BenchAccounts bench_accounts(long long n, long long m) {
  return {"bench-a-" + std::to_string(n), "bench-b-" + std::to_string(m)};
}

long drop_bench_accounts(Conn& c, const BenchAccounts& names) {
  return std::stol(c.value("SELECT count(finsim.drop_account(id)) FROM finsim.cloud_accounts WHERE name IN ($1, $2)",
                           {names.a, names.b}));
}

void after_failure(const std::string& dsn, const BenchAccounts& names, bool keep) {
  std::string which = names.a + " and " + names.b;
  if (keep) {
    std::cerr << "bench: failed; --keep: the accounts it created (" << which << ") are left\n";
    return;
  }
  std::cerr << "bench: failed; dropping the accounts it created (" << which << "), best effort\n";
  try {
    Conn c(dsn);  // the run's connection may be broken or inside a failed transaction
    long n = drop_bench_accounts(c, names);
    std::cerr << "bench: dropped " << n << " account" << (n == 1 ? "" : "s") << "\n";
  } catch (const std::exception& e) {
    std::cerr << "bench: could not drop them (" << e.what() << "); drop them with\n"
              << "  SELECT finsim.drop_account(id) FROM finsim.cloud_accounts WHERE name IN ('" << names.a << "', '"
              << names.b << "');\n";
  }
}

}  // namespace finsim_client
