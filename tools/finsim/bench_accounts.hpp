// The two accounts of `finsim bench`, bench-a-N and bench-b-M: dropped before a run, after
// it unless --keep, and after a failed run too (best effort) unless --keep.
#pragma once
#include <string>

#include "db.hpp"

namespace finsim_client {

struct BenchAccounts {
  std::string a, b;  // names: the benchmark account, the second account
};

BenchAccounts bench_accounts(long long n, long long m);

// Drops the accounts of these names that exist; returns how many.
long drop_bench_accounts(Conn& c, const BenchAccounts& names);

// After a failed run: drops them on a fresh connection (unless keep) and says on stderr what
// happened; never throws, so the run's own error is the one reported.
void after_failure(const std::string& dsn, const BenchAccounts& names, bool keep);

}  // namespace finsim_client
