// finsim demo: a fresh account, D virtual days with a progress bar, then the estate, its top
// findings, waste by pattern and the run-rate trend as terminal tables.
#include <chrono>
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "estate.hpp"
#include "progress.hpp"
#include "table.hpp"

namespace finsim_client {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"resources", "N", "resources to generate (default 2000, 1..5000000)"},
    {"days", "D", "virtual days to simulate, one drift tick each (default 7, 0..3650)"},
    {"seed", "S", "generator and drift seed (default 1)"},
    {"top", "K", "findings to list (default 10, 1..1000)"},
};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

int cmd_demo(int argc, char** argv, int first) {
  Args a(argc, argv, first, kOptions);
  if (a.help()) {
    std::cout << help_text("finsim demo [--resources N] [--days D] [--seed S] [--top K] [--dsn DSN]",
                           "Creates the finsim extension if the database lacks it (said on stderr) and\n"
                           "an account named demo-<seed>-<N> (dropped first if it exists), simulates D\n"
                           "virtual days (one drift tick per day, progress on stderr), then prints the\n"
                           "estate summary, the top findings by savings, waste by pattern and the\n"
                           "monthly run-rate per day.",
                           kOptions);
    return 0;
  }
  long long resources = a.integer("resources", 2000, 1, kMaxAccountResources);
  long long days = a.integer("days", 7, 0, 3650);
  long long seed = a.integer("seed", 1, -(1LL << 62), 1LL << 62);
  long long top = a.integer("top", 10, 1, 1000);

  Conn c(a.dsn());
  ensure_extension(c, "demo");
  std::string name = "demo-" + std::to_string(seed) + "-" + std::to_string(resources);

  Progress gen("generate", 1);
  gen.update(0, name + " …");
  auto t0 = std::chrono::steady_clock::now();
  std::string account = fresh_account(c, name, resources, seed);
  gen.finish(name + " in " + fixed(seconds_since(t0), 2) + " s");

  Table trend({"day", "virtual date", "run-rate / month", "vs day 0", "rows written", "events"},
              {true, false, true, true, true, true});
  Result r0 = c.exec("SELECT finsim.now($1)::date AS d, finsim.monthly_run_rate($1) AS rate", {account});
  double rate0 = r0.num(0, "rate");
  trend.add({"0", r0.get(0, "d"), money(rate0), "", "", ""});

  Progress drift("drift", days);
  drift.update(0);
  auto t1 = std::chrono::steady_clock::now();
  for (long long d = 1; d <= days; ++d) {
    Result t = c.exec("SELECT virtual_date AS d, rows_written, events FROM finsim.drift_tick($1, 1)", {account});
    // A separate statement: within the tick's own statement the run-rate would still see the
    // snapshot from before the tick.
    double rate = std::stod(c.value("SELECT finsim.monthly_run_rate($1)", {account}));
    std::string change = "n/a";
    if (rate0 != 0) {
      double pct = 100.0 * (rate - rate0) / rate0;
      change = (pct >= 0 ? "+" : "") + fixed(pct, 2) + "%";
    }
    trend.add({std::to_string(d), t.get(0, "d"), money(rate), change,
               t.get(0, "rows_written"), t.get(0, "events")});
    drift.update(d, "day " + t.get(0, "d"));
  }
  if (days > 0) drift.finish(std::to_string(days) + " days in " + fixed(seconds_since(t1), 2) + " s");

  std::cout << "finsim demo — account " << name << " (" << account << "), " << resources
            << " resources, seed " << seed << ", " << days << " virtual days\n\n";

  Result est = c.exec(
      "SELECT resource_type, resources, monthly_run_rate FROM finsim.estate_summary($1) "
      "ORDER BY monthly_run_rate DESC NULLS LAST, resource_type",
      {account});
  Table estate({"resource type", "resources", "monthly run-rate"}, {false, true, true});
  long long total_n = 0;
  double total_rate = 0;
  for (int i = 0; i < est.rows(); ++i) {
    estate.add({est.get(i, "resource_type"), est.get(i, "resources"), money(est.num(i, "monthly_run_rate"))});
    total_n += est.integer(i, "resources");
    total_rate += est.num(i, "monthly_run_rate");
  }
  estate.add({"total", std::to_string(total_n), money(total_rate)});
  estate.print(std::cout, "Estate summary");

  Result f = c.exec(
      "SELECT resource_type, resource_name, pattern, severity, est_monthly_savings, recommended_action, "
      "optimization_policy, frozen FROM finsim.waste_findings($1) "
      "ORDER BY est_monthly_savings DESC NULLS LAST, resource_type, resource_id, pattern LIMIT $2",
      {account, std::to_string(top)});
  Table findings({"#", "resource type", "name", "pattern", "severity", "savings / month", "action", "policy"},
                 {true, false, false, false, false, true, false, false});
  for (int i = 0; i < f.rows(); ++i) {
    std::string policy = f.get(i, "optimization_policy");
    if (f.get(i, "frozen") == "t") policy += " (frozen)";
    findings.add({std::to_string(i + 1), f.get(i, "resource_type"), f.get(i, "resource_name"), f.get(i, "pattern"),
                  f.get(i, "severity"), money(f.num(i, "est_monthly_savings")), f.get(i, "recommended_action"),
                  policy});
  }
  std::cout << "\n";
  findings.print(std::cout, "Top " + std::to_string(top) + " findings by estimated monthly savings");

  Result w = c.exec(
      "SELECT pattern, findings, est_monthly_savings FROM finsim.waste_summary($1) "
      "ORDER BY est_monthly_savings DESC NULLS LAST, pattern",
      {account});
  Table waste({"pattern", "findings", "savings / month"}, {false, true, true});
  long long total_f = 0;
  double total_s = 0;
  for (int i = 0; i < w.rows(); ++i) {
    waste.add({w.get(i, "pattern"), w.get(i, "findings"), money(w.num(i, "est_monthly_savings"))});
    total_f += w.integer(i, "findings");
    total_s += w.num(i, "est_monthly_savings");
  }
  waste.add({"total", std::to_string(total_f), money(total_s)});
  std::cout << "\n";
  waste.print(std::cout, "Waste by pattern");

  std::cout << "\n";
  trend.print(std::cout, "Monthly run-rate per virtual day");
  if (total_rate > 0)
    std::cout << "\nEstimated waste: " << money(total_s) << " of " << money(total_rate) << " per month ("
              << fixed(100.0 * total_s / total_rate, 1) << "%).\n";
  return 0;
}

}  // namespace finsim_client
