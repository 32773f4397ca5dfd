// finsim bench: the generator, drift and detection benchmarks in one run on one cluster. Each
// finsim figure stands beside its floor (set-based SQL doing the same work) and its peer
// (per-row PL/pgSQL), as ratios, with the backend's peak memory. Markdown on stdout.
#include <unistd.h>

#include <chrono>
#include <functional>
#include <iostream>

#include "args.hpp"
#include "backend_memory.hpp"
#include "bench_accounts.hpp"
#include "bench_sql.hpp"
#include "commands.hpp"
#include "estate.hpp"
#include "progress.hpp"
#include "table.hpp"

namespace finsim_client {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"resources", "N", "resources of the benchmark account (default 10000, 1..5000000)"},
    {"others", "M", "resources of the second account sharing the database (default 3 x N, at most 5000000; 0..5000000)"},
    {"seed", "S", "generator seed (default 42)"},
    {"no-peer", "", "skip the per-row PL/pgSQL peers (slow on big estates)"},
    {"keep", "", "keep the benchmark accounts afterwards (also after a failure)"},
    {"print-sql", "ID", "print the floor and peer SQL for account ID (copy target: a fixed id) and exit"},
};

double timed(const std::function<void()>& f) {
  auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Runs sql inside a transaction that is rolled back, so floors and peers leave no trace.
double timed_rollback(Conn& c, const std::string& setup, const std::string& sql) {
  c.run("BEGIN");
  double t = -1;
  try {
    if (!setup.empty()) c.run(setup);
    t = timed([&] { c.run(sql); });
  } catch (...) {
    c.run("ROLLBACK");
    throw;
  }
  c.run("ROLLBACK");
  return t;
}

struct Row {
  std::string name;
  long long rows = -1;
  double finsim = -1, floor = -1, peer = -1;
  long peak_kb = -1;     // VmHWM: private memory plus the shared buffers touched
  long private_kb = -1;  // the largest RssAnon sampled while the statement ran
  std::string floor_label = "floor";
};

std::string secs(double s) { return s < 0 ? "n/a" : fixed(s, 3); }
std::string ratio(double a, double b) { return a < 0 || b <= 0 ? "n/a" : fixed(a / b, 2); }

void add(Table& t, const Row& r) {
  t.add({r.name, r.rows < 0 ? "" : std::to_string(r.rows), secs(r.finsim),
         r.rows < 0 || r.finsim <= 0 ? "" : fixed(r.rows / r.finsim, 0), secs(r.floor), ratio(r.finsim, r.floor),
         secs(r.peer), ratio(r.peer, r.finsim), r.peak_kb < 0 ? "n/a" : fixed(r.peak_kb / 1024.0, 1),
         r.private_kb < 0 ? "n/a" : fixed(r.private_kb / 1024.0, 1)});
}

// A finsim figure measured on a fresh connection, so VmHWM is this statement's peak; the
// backend's private memory (RssAnon) is sampled while the timed statement runs.
// With warm, the statement runs once untimed first on that connection (detection is
// read-only; its floor also runs on a warm connection).
double measure(const std::string& dsn, const std::string& sql, const std::vector<Param>& params, Row& row,
               std::string* first_value = nullptr, bool warm = false) {
  Conn c(dsn);
  std::string v;
  if (warm) c.value(sql, params);
  PrivateMemoryPeak sampler(c.local() ? c.backend_pid() : 0);
  double t = timed([&] { v = c.value(sql, params); });
  row.private_kb = sampler.stop();
  if (first_value) *first_value = v;
  row.peak_kb = backend_peak_kb(c);
  return t;
}

// --others, or 3 x N up to what one account can hold (said on stderr when it is less).
long long others(const Args& a, long long n) {
  if (a.has("others")) return a.integer("others", 0, 0, kMaxAccountResources);
  if (3 * n <= kMaxAccountResources) return 3 * n;
  std::cerr << "bench: --others defaults to 3 x N = " << 3 * n << ", more than an account can hold; using "
            << kMaxAccountResources << "\n";
  return kMaxAccountResources;
}

struct Run {
  std::vector<Row> rows;
  std::string alone_count;  // findings of the benchmark account alone
  bool registry = false;    // detection floor = the pattern registry's queries
  size_t floor_patterns = 0;
};

// Every measurement, on account names.a (n resources) and names.b (m, none when m = 0).
Run run_all(Conn& c, const std::string& dsn, const BenchAccounts& names, long long n, long long m,
            long long seed, bool peers) {
  const std::string &name_a = names.a, &name_b = names.b;
  Schema schema = read_schema(c);
  std::vector<Row> rows;
  Progress p("bench", 9);
  long step = 0;
  auto next = [&](const std::string& what) { p.update(step++, what); };

  // 1. Generator.
  next("generator");
  Row gen{"generator: create_account"};
  std::string acc;
  gen.finsim = measure(dsn, "SELECT finsim.create_account($1, $2::integer, $3::bigint)",
                       {name_a, std::to_string(n), std::to_string(seed)}, gen, &acc);
  c.run("ANALYZE");
  gen.rows = std::stoll(c.value(count_rows_sql(schema, acc)));
  std::string make_dst = "INSERT INTO finsim.cloud_accounts (id, name, virtual_time) SELECT "
                         "'00000000-0000-0000-0000-00000000b0b0', 'bench-copy', virtual_time "
                         "FROM finsim.cloud_accounts WHERE id = " + literal(acc);
  const std::string dst = "00000000-0000-0000-0000-00000000b0b0";
  gen.floor = timed_rollback(c, make_dst, generator_floor_sql(schema, acc, dst));
  next("generator peer");
  if (peers) gen.peer = timed_rollback(c, make_dst, generator_peer_sql(schema, acc, dst));
  rows.push_back(gen);

  // 2. Detection on the account alone (the reference for the scale-free check).
  next("detection alone");
  Row ignored{"detection alone"};
  std::string alone_count;
  double alone = measure(dsn, "SELECT count(f.*) FROM finsim.waste_findings($1) f", {acc}, ignored, &alone_count, true);

  // 3. One drift tick: floor and peer first (rolled back), then finsim's tick of that same day.
  next("drift floor");
  Row drift{"drift_tick: one virtual day"};
  drift.rows = gen.rows;
  drift.floor = timed_rollback(c, "", drift_floor_sql(schema, acc));
  next("drift peer");
  if (peers) drift.peer = timed_rollback(c, "", drift_peer_sql(schema, acc));
  std::string written;
  drift.finsim = measure(dsn, "SELECT rows_written FROM finsim.drift_tick($1, 1)", {acc}, drift, &written);
  drift.rows = std::stoll(written);
  rows.push_back(drift);

  // 4. A second, bigger account in the same database.
  next("second account");
  Row gen_b{"generator: create_account (second account)"};
  std::string acc_b;
  if (m > 0) {
    gen_b.finsim = measure(dsn, "SELECT finsim.create_account($1, $2::integer, $3::bigint)",
                           {name_b, std::to_string(m), std::to_string(seed + 1)}, gen_b, &acc_b);
    c.run("ANALYZE");
    gen_b.rows = std::stoll(c.value(count_rows_sql(schema, acc_b)));
    rows.push_back(gen_b);
    Row drift_b{"drift_tick: one virtual day (second account)"};
    drift_b.finsim = measure(dsn, "SELECT rows_written FROM finsim.drift_tick($1, 1)", {acc_b}, drift_b,
                             &written);
    drift_b.rows = std::stoll(written);
    rows.push_back(drift_b);
  }

  // 5. Detection over every account.
  next("detection all");
  Row all{"waste_findings(): all accounts"};
  c.value("SELECT count(f.*) FROM finsim.waste_findings() f");  // warm the floor's connection
  std::string found;
  all.finsim = measure(dsn, "SELECT count(f.*) FROM finsim.waste_findings() f", {}, all, &found, true);
  all.rows = std::stoll(found);
  std::vector<std::string> floor_all = registry_floor_sql(c, false);
  std::vector<std::string> floor_one = registry_floor_sql(c, true);
  bool registry = !floor_all.empty() && !floor_one.empty();
  if (!registry) {
    floor_all = detection_floor_sql("");
    floor_one = detection_floor_sql(acc);
  }
  all.floor = timed([&] {
    for (const auto& q : floor_all) c.value(q);
  });
  next("detection peer");
  if (peers) all.peer = timed([&] { c.run(detection_peer_sql("")); });
  rows.push_back(all);

  // 6. Detection of one account inside the shared database, vs its floor, peer and alone.
  next("detection one");
  Row one{"waste_findings(account): one account, shared database"};
  one.finsim = measure(dsn, "SELECT count(f.*) FROM finsim.waste_findings($1) f", {acc}, one, &found, true);
  one.rows = std::stoll(found);
  one.floor = timed([&] {
    for (const auto& q : floor_one) {
      if (registry) c.value(q, {acc});
      else c.value(q);
    }
  });
  if (peers) one.peer = timed([&] { c.run(detection_peer_sql(acc)); });
  rows.push_back(one);
  Row scale{"waste_findings(account): shared database vs account alone (goal <= 1.5)"};
  scale.rows = one.rows;
  scale.finsim = one.finsim;
  scale.floor = alone;
  rows.push_back(scale);

  p.finish("measured");
  return {rows, alone_count, registry, floor_all.size()};
}
}  // namespace

int cmd_bench(int argc, char** argv, int first) {
  Args a(argc, argv, first, kOptions);
  if (a.help()) {
    std::cout << help_text(
        "finsim bench [--resources N] [--others M] [--seed S] [--no-peer] [--keep] [--print-sql ID]\n"
        "                    [--dsn DSN]",
        "Creates the finsim extension if the database lacks it (said on stderr), then runs in\n"
        "one go: the generator (create_account), one drift tick and waste detection\n"
        "(all accounts, and one account in a shared database vs alone). Each figure is shown\n"
        "beside its floor (set-based SQL doing the same writes or the guide's predicates as\n"
        "plain queries) and its peer (per-row PL/pgSQL), as ratios: finsim/floor (goal <= 1)\n"
        "and peer/finsim (goal >= 10 for drift). Floors and peers run in rolled-back\n"
        "transactions. Memory (local servers only): peak = VmHWM of the backend (its private\n"
        "memory plus the shared buffers it touched), private = the largest RssAnon sampled\n"
        "every 5 ms while the statement ran.\n"
        "Prints a markdown table to stdout, progress to stderr. The accounts bench-a-N and\n"
        "bench-b-M are dropped at the end, and after a failed run too (best effort), unless --keep.",
        kOptions);
    return 0;
  }
  if (a.has("print-sql")) {
    Conn c(a.dsn());
    Schema schema = read_schema(c);
    std::string acc = a.str("print-sql"), dst = "00000000-0000-0000-0000-00000000b0b0";
    std::cout << "-- generator floor (into account " << dst << ")\n" << generator_floor_sql(schema, acc, dst)
              << "\n-- generator peer\n" << generator_peer_sql(schema, acc, dst)
              << "\n-- drift floor\n" << drift_floor_sql(schema, acc) << "\n-- drift peer\n"
              << drift_peer_sql(schema, acc) << "\n-- detection floor\n";
    for (const auto& q : detection_floor_sql(acc)) std::cout << q << ";\n";
    std::cout << "\n-- detection peer\n" << detection_peer_sql(acc) << "\n";
    return 0;
  }
  long long n = a.integer("resources", 10000, 1, kMaxAccountResources);
  long long m = others(a, n);
  long long seed = a.integer("seed", 42, -(1LL << 62), 1LL << 62);
  bool peers = !a.flag("no-peer"), keep = a.flag("keep");
  std::string dsn = a.dsn();

  Conn c(dsn);
  ensure_extension(c, "bench");
  c.run("SET statement_timeout = 0");
  BenchAccounts names = bench_accounts(n, m);
  drop_bench_accounts(c, names);
  Run run;
  try {
    run = run_all(c, dsn, names, n, m, seed, peers);
  } catch (...) {
    after_failure(dsn, names, keep);
    throw;
  }
  if (!keep) drop_bench_accounts(c, names);
  const std::vector<Row>& rows = run.rows;
  const std::string& alone_count = run.alone_count;

  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  std::cout << "## finsim bench — " << n << " resources (+ " << m << " in a second account), seed " << seed << "\n\n"
            << "Server " << c.value("SHOW server_version") << " on " << (c.local() ? host : "a remote host")
            << ", " << sysconf(_SC_NPROCESSORS_ONLN) << " CPUs visible to the client. Times in seconds; "
            << "ratio = finsim / floor (goal <= 1), peer x = peer / finsim (higher is better); "
            << "last row compares against the same account alone (" << alone_count << " findings).\n\n";
  Table t({"benchmark", "rows", "finsim s", "rows/s", "floor s", "ratio", "peer s", "peer x", "peak MB",
           "private MB"},
          {false, true, true, true, true, true, true, true, true, true});
  for (const auto& r : rows) add(t, r);
  t.markdown(std::cout);
  std::cout << "\nFloors: generator = INSERT ... SELECT of the same rows into every account table; drift = one "
               "UPDATE of the live metric columns per resource table + one INSERT ... SELECT of a metrics_daily "
               "row per resource; detection = "
            << (run.registry ? "the pattern registry's own queries (finsim._waste_sql, " +
                                   std::to_string(run.floor_patterns) +
                               " patterns) run one after another, every row complete (count(f.*) on both sides)"
                         : std::string("the guide's waste predicates as plain count(*) queries (the registry's "
                                       "queries were not readable)"))
            << ". Peers: per-row PL/pgSQL loops (detection peer: the guide's predicates row by row).\n";
  return 0;
}

}  // namespace finsim_client
