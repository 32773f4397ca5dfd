// finsim load: N concurrent agent sessions (one connection and thread each) act on one
// account's findings while drift ticks run on another connection; bounded in time and count.
// Afterwards it verifies that nothing was lost and prints throughput and errors by SQLSTATE.
#include <atomic>
#include <functional>
#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "agent_policy.hpp"
#include "args.hpp"
#include "commands.hpp"
#include "estate.hpp"
#include "load_verify.hpp"
#include "table.hpp"

namespace finsim_client {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"agents", "N", "concurrent agent sessions (default 4, 1..64)"},
    {"seconds", "T", "how long the agents and the ticker run (default 10, 1..3600)"},
    {"resources", "R", "size of the load account's estate (default 2000, 1..1000000)"},
    {"seed", "S", "seed of the load account (default 7)"},
    {"max-actions", "M", "stop after M actions in total (default 100000, 1..100000000)"},
    {"max-ticks", "K", "stop the ticker after K virtual days (default 365, 0..3650)"},
    {"tick-ms", "MS", "pause between drift ticks in milliseconds (default 100, 0..60000)"},
};

using Clock = std::chrono::steady_clock;

struct Shared {
  std::mutex mu;
  std::vector<AppliedAction> applied;
  std::map<std::string, long> errors;  // SQLSTATE -> count (agents and ticker)
  std::map<std::string, long> outcomes;
  std::vector<std::string> tick_dates;  // virtual_date of every successful tick, in order
  std::atomic<long> actions{0};
  std::atomic<bool> stop{false};
};

// A small deterministic generator so that each agent walks the findings in its own order.
struct Lcg {
  unsigned long long s;
  unsigned long long next() { return s = s * 6364136223846793005ULL + 1442695040888963407ULL; }
};

void agent_loop(int index, size_t agents, const std::string& dsn, const std::string& key, const std::string& secret,
                const std::string& account, Clock::time_point deadline, long max_actions, Shared& sh) {
  std::map<std::string, long> errors, outcomes;
  std::vector<AppliedAction> applied;
  try {
    Conn c(dsn);
    // The key is known to be valid: a refused login (rate limit) is counted and retried.
    for (int attempt = 1;; ++attempt) {
      try {
        c.value("SELECT finsim.login($1, $2)", {key, secret});
        break;
      } catch (const DbError& e) {
        ++errors["login " + (e.sqlstate().empty() ? std::string("?") : e.sqlstate())];
        if (attempt == 5 || Clock::now() >= deadline) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
      }
    }
    Lcg rng{static_cast<unsigned long long>(index) * 7919 + 1};
    std::set<std::string> touched;
    while (!sh.stop && Clock::now() < deadline) {
      std::vector<Finding> all;
      try {
        all = read_findings(c, account);
      } catch (const DbError& e) {
        ++errors[e.sqlstate().empty() ? "?" : e.sqlstate()];
        continue;
      }
      // Each agent works mainly on its own share of the resources (by position in the
      // savings order) but also takes some of the others' findings, so agents race for the
      // same resources some of the time, in their own shuffled order.
      std::vector<Finding> own, others;
      for (size_t k = 0; k < all.size(); ++k) {
        const Finding& f = all[k];
        if (!skip_reason(f, 0, touched).empty()) continue;
        (std::hash<std::string>{}(resource_key(f)) % agents == static_cast<size_t>(index) ? own : others)
            .push_back(f);
      }
      std::vector<Finding> todo(own.begin(), own.begin() + std::min<size_t>(own.size(), 12));
      todo.insert(todo.end(), others.begin(), others.begin() + std::min<size_t>(others.size(), 4));
      if (todo.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // wait for drift to make waste
        continue;
      }
      size_t window = todo.size();
      for (size_t i = window; i > 1; --i) std::swap(todo[i - 1], todo[rng.next() % i]);
      for (size_t i = 0; i < window && !sh.stop && Clock::now() < deadline; ++i) {
        if (sh.actions.fetch_add(1) >= max_actions) {
          sh.stop = true;
          break;
        }
        const Finding& f = todo[i];
        touched.insert(resource_key(f));
        Outcome o = apply(c, f, "finsim load agent " + std::to_string(index));
        if (o.outcome == "error") {
          ++errors[o.sqlstate.empty() ? "?" : o.sqlstate];
        } else {
          ++outcomes[o.outcome];
          if (o.outcome == "applied") applied.push_back({f.resource_type, f.resource_id, f.action, o.changes});
        }
      }
    }
  } catch (const DbError& e) {
    if (e.sqlstate() != "28P01") ++errors[e.sqlstate().empty() ? "?" : e.sqlstate()];
  }
  std::lock_guard<std::mutex> g(sh.mu);
  for (auto& kv : errors) sh.errors[kv.first] += kv.second;
  for (auto& kv : outcomes) sh.outcomes[kv.first] += kv.second;
  sh.applied.insert(sh.applied.end(), applied.begin(), applied.end());
}

void ticker_loop(const std::string& dsn, const std::string& account, Clock::time_point deadline, long max_ticks,
                 long pause_ms, Shared& sh) {
  std::map<std::string, long> errors;
  std::vector<std::string> dates;
  try {
    Conn c(dsn);
    while (!sh.stop && Clock::now() < deadline && static_cast<long>(dates.size()) < max_ticks) {
      // A tick chosen as a deadlock or serialization victim is retried (a few times), as a
      // scheduler would; every failure is still counted by SQLSTATE.
      for (int attempt = 0; attempt < 5; ++attempt) {
        try {
          dates.push_back(c.value("SELECT virtual_date FROM finsim.drift_tick($1, 1)", {account}));
          break;
        } catch (const DbError& e) {
          ++errors[e.sqlstate().empty() ? "?" : e.sqlstate()];
          const std::string& st = e.sqlstate();
          if (st != "40P01" && st != "40001" && st != "55P03") break;
        }
      }
      if (pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
    }
  } catch (const DbError& e) {
    ++errors[e.sqlstate().empty() ? "?" : e.sqlstate()];
  }
  std::lock_guard<std::mutex> g(sh.mu);
  for (auto& kv : errors) sh.errors["tick " + kv.first] += kv.second;
  sh.tick_dates = dates;
}
}  // namespace

int cmd_load(int argc, char** argv, int first) {
  Args a(argc, argv, first, kOptions);
  if (a.help()) {
    std::cout << help_text(
        "finsim load [--agents N] [--seconds T] [--resources R] [--seed S] [--max-actions M]\n"
        "                   [--max-ticks K] [--tick-ms MS] [--dsn DSN]",
        "Creates the finsim extension if the database lacks it (said on stderr), the account\n"
        "load-<seed>-<R> (dropped first if it exists) and one API key per agent with scopes\n"
        "read:* and act:*, then runs N agent sessions (one connection each) acting on findings\n"
        "while another connection runs drift ticks, for T seconds at most. Then it\n"
        "verifies: every applied action has its audit row (change_source 'agent') and its\n"
        "effect is still the latest value of the field, the run-rate equals the sum of\n"
        "finsim.resource_costs, and ticks = successful ticks with the clock at start + ticks\n"
        "days. Prints throughput and errors by SQLSTATE; exit 1 if anything was lost.",
        kOptions);
    return 0;
  }
  long agents = a.integer("agents", 4, 1, 64);
  long seconds = a.integer("seconds", 10, 1, 3600);
  long long resources = a.integer("resources", 2000, 1, 1000000);
  long long seed = a.integer("seed", 7, -(1LL << 62), 1LL << 62);
  long max_actions = a.integer("max-actions", 100000, 1, 100000000);
  long max_ticks = a.integer("max-ticks", 365, 0, 3650);
  long tick_ms = a.integer("tick-ms", 100, 0, 60000);
  std::string dsn = a.dsn();

  Conn admin(dsn);
  if (!admin.local()) throw UsageError("finsim load talks only to a local cluster (Unix socket or loopback)");
  ensure_extension(admin, "load");
  std::string name = "load-" + std::to_string(seed) + "-" + std::to_string(resources);
  std::string account = fresh_account(admin, name, resources, seed);
  // One key per agent: login is rate-limited per key (a handful of attempts per window).
  std::vector<std::pair<std::string, std::string>> keys;
  for (long i = 0; i < agents; ++i) {
    Result k = admin.exec("SELECT access_key_id, secret FROM finsim.create_api_client($1, $2, '{read:*,act:*}')",
                          {account, "finsim-load-" + std::to_string(i)});
    keys.emplace_back(k.get(0, "access_key_id"), k.get(0, "secret"));
  }
  Result start = admin.exec(
      "SELECT ticks, virtual_time::text AS t FROM finsim.cloud_accounts WHERE id = $1", {account});
  long ticks0 = start.integer(0, "ticks");
  std::string clock0 = start.get(0, "t");
  std::cerr << "load: " << agents << " agents and 1 ticker on " << name << " for up to " << seconds << " s\n";

  Shared sh;
  auto t0 = Clock::now();
  auto deadline = t0 + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (long i = 0; i < agents; ++i)
    threads.emplace_back(agent_loop, static_cast<int>(i), static_cast<size_t>(agents), dsn, keys[i].first, keys[i].second,
                         account, deadline, max_actions, std::ref(sh));
  threads.emplace_back(ticker_loop, dsn, account, deadline, max_ticks, tick_ms, std::ref(sh));
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();

  long attempted = 0;
  for (auto& kv : sh.outcomes) attempted += kv.second;
  long agent_errors = 0;
  for (auto& kv : sh.errors)
    if (kv.first.rfind("tick ", 0) != 0 && kv.first.rfind("login ", 0) != 0) agent_errors += kv.second;
  attempted += agent_errors;

  Table thr({"measure", "value"}, {false, true});
  thr.add({"agents", std::to_string(agents)});
  thr.add({"elapsed (s)", fixed(elapsed, 2)});
  thr.add({"actions attempted", std::to_string(attempted)});
  for (auto& kv : sh.outcomes) thr.add({"  " + kv.first, std::to_string(kv.second)});
  thr.add({"  errors", std::to_string(agent_errors)});
  thr.add({"actions/s", fixed(elapsed > 0 ? attempted / elapsed : 0, 1)});
  thr.add({"ticks (virtual days)", std::to_string(sh.tick_dates.size())});
  thr.add({"ticks/s", fixed(elapsed > 0 ? sh.tick_dates.size() / elapsed : 0, 2)});
  std::cout << "finsim load — account " << name << " (" << account << ")\n\n";
  thr.print(std::cout, "Throughput");

  Table errs({"SQLSTATE", "errors"}, {false, true});
  for (auto& kv : sh.errors) errs.add({kv.first, std::to_string(kv.second)});
  std::cout << "\n";
  errs.print(std::cout, "Errors by SQLSTATE (agents' actions; 'login' = agents' logins; 'tick' = ticker)");

  Verification v = verify_load(admin, account, sh.applied, ticks0, clock0, sh.tick_dates);
  std::cout << "\n";
  v.table.print(std::cout, "Verification");
  std::cout << "\nlost updates: " << v.lost << "\n";
  return v.lost == 0 ? 0 : 1;
}

}  // namespace finsim_client
