// finsim agent: the reference rule-based agent. Logs in with an API key, reads the findings in
// order of savings, applies what policy allows (recommend_only resources become
// recommendations), prints what it did and the scorecard. Start your own agent from here.
#include <iostream>
#include <map>

#include "agent_key.hpp"
#include "agent_policy.hpp"
#include "args.hpp"
#include "commands.hpp"
#include "credentials.hpp"
#include "table.hpp"

namespace finsim_client {

namespace {
std::vector<OptionSpec> options() {
  std::vector<OptionSpec> o = credential_options();
  o.insert(o.end(), {
                        {"dry-run", "", "print what would be done, change nothing"},
                        {"min-savings", "X", "act only on findings saving at least X per month (default 0)"},
                        {"limit", "N", "act on at most N findings (default: all)"},
                    });
  return o;
}
const std::vector<OptionSpec> kOptions = options();

// A server whose scorecard expires recommendations cannot run it in the dry run's read-only
// session (25006): a note stands in for the table then.
// Any other failure (e.g. the key revoked mid-run) is reported in place of the table, after
// the actions already printed; false then.
bool print_scorecard(Conn& c, const std::string& account, bool dry) {
  Result s;
  try {
    s = c.exec("SELECT * FROM finsim.scorecard($1)", {account});
  } catch (const DbError& e) {
    if (dry && e.sqlstate() == "25006") {
      std::cout << "\nScorecard not shown: this server's finsim.scorecard() writes (it expires recommendations) "
                   "and the dry run's session is read-only [SQLSTATE 25006].\n";
      return true;
    }
    std::cout << "\nScorecard not shown: " << e.what() << " [SQLSTATE " << e.sqlstate() << "]\n";
    return false;
  }
  Table card({"scorecard", "value"}, {false, true});
  for (int i = 0; i < s.rows(); ++i)
    for (int col = 0; col < s.cols(); ++col) card.add({s.name(col), s.null(i, col) ? "" : s.get(i, col)});
  std::cout << "\n";
  card.print(std::cout, "Scorecard");
  return true;
}
}  // namespace

int cmd_agent(int argc, char** argv, int first) {
  Args a(argc, argv, first, kOptions);
  if (a.help()) {
    std::cout << help_text(
        "finsim agent [--key ID] [--secret-file PATH | --secret S] [--dry-run] [--min-savings X]\n"
        "                    [--limit N] [--dsn DSN]",
        "The reference rule-based agent. Logs in with finsim.login(ID, S), reads\n"
        "finsim.waste_findings() in order of estimated savings and, for each finding, calls\n"
        "finsim.apply_action() unless the resource is frozen, its policy is 'ignore', the\n"
        "finding's action is 'recommend', the saving is below X, the resource was already\n"
        "acted on, or the key may not act on the finding's table (finsim.may_act: a key with\n"
        "act:volumes skips the other tables' findings, counted per table in the decisions).\n"
        "recommend_only resources come back as recommendations. Prints each decision\n"
        "and finsim.scorecard(). Exit 1 when login fails, when the key has no act: scope (act:* or\n"
        "act:<table>; not in a dry run: nothing would be allowed), when an action hits an\n"
        "internal error, or when the key is revoked mid-run (the remaining findings are skipped\n"
        "with the server's reason, and the run still reports what it did). Connected as an\n"
        "admin role (superuser or finsim_admin member) it warns: the logged-in key's account\n"
        "and scopes still bound its actions, but the role itself can read and write every\n"
        "account.\n\n" +
            std::string(kCredentialsHelp),
        kOptions);
    return 0;
  }
  Credentials key = read_credentials(a);
  double min_savings = a.number("min-savings", 0, 0, 1e12);
  long long limit = a.integer("limit", -1, 0, 1LL << 40);
  bool dry = a.flag("dry-run");

  Conn c(a.dsn());
  // The server, not this program, guarantees that a dry run writes nothing: every
  // transaction of the session is read-only (login then leaves last_used_at alone).
  if (dry) c.run("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
  std::string account = c.value("SELECT finsim.login($1, $2)", {key.key, key.secret});
  KeyAccess access = read_key_access(c, key.key);
  if (access.admin)
    std::cerr << "finsim agent: warning: connected as an admin role: " << access.role
              << " is a superuser or a member of finsim_admin; the key's account and scopes bound the "
                 "agent's actions, but the role itself can read and write every account; run agents as a "
                 "role that is only a member of finsim_agent\n";
  if (!access.can_act() && !dry) {
    std::cerr << "finsim agent: key " << key.key << " cannot act: its scopes are " << access.scope_list()
              << " (no act:* or act:<table>), so every action would be refused. Nothing done.\n"
                 "Use --dry-run to list the findings (each shown skipped: the key may act on no table), "
                 "or ask an admin for a key with act:* or act:<table> "
                 "(finsim.create_api_client).\n";
    return 1;
  }
  std::vector<Finding> findings = read_findings(c, account);
  std::cout << "finsim agent — account " << account << ", " << findings.size() << " findings"
            << (dry ? " (dry run)" : "")
            << (access.can_act() ? "" : "; the key has no act: scope, a real run would stop") << "\n\n";

  Table done({"#", "resource type", "name", "pattern", "action", "savings / month", "outcome", "message"},
             {true, false, false, false, false, true, false, false});
  std::map<std::string, long> counts;
  std::set<std::string> touched;
  ActScope scope(c);
  bool internal_error = false;
  bool check_failed = false;  // finsim.may_act raised (e.g. the key was revoked mid-run)
  long acted = 0;
  bool changed = false;  // an action was applied since the findings were read
  for (Finding f : findings) {
    std::string why = skip_reason(f, min_savings, touched);
    // The server would refuse it (42501): the key has no act:* or act:<table> for it.  The
    // check itself fails once the key is revoked mid-run: the finding is skipped with the
    // server's reason, and the run goes on to report what it did.
    if (why.empty()) {
      try {
        if (!scope.allows(f.resource_type)) why = "key may not act on " + f.resource_type;
      } catch (const DbError& e) {
        why = "scope check failed [SQLSTATE " + e.sqlstate() + "]: " + e.what();
        check_failed = true;
      }
    }
    // An applied action can end other findings (a deleted duplicate snapshot leaves its twin
    // alone, a resized cluster has no spare nodes left): acting on them would be harmful.
    if (why.empty() && changed && !dry) {
      if (!refresh(c, account, f)) why = "no longer a finding";
      else why = skip_reason(f, min_savings, touched);
    }
    if (!why.empty()) {
      ++counts["skipped: " + why];
      continue;
    }
    if (limit >= 0 && acted >= limit) {
      ++counts["skipped: --limit reached"];
      continue;
    }
    ++acted;
    touched.insert(resource_key(f));
    Outcome o;
    if (dry) {
      o.outcome = "would apply";
      o.message = f.policy == "recommend_only" ? "would become a recommendation" : "";
    } else {
      o = apply(c, f, "finsim agent: " + f.pattern);
      if (o.outcome == "applied") changed = true;
      if (o.sqlstate.rfind("XX", 0) == 0) internal_error = true;
    }
    std::string outcome = o.outcome == "error" ? "error " + o.sqlstate : o.outcome;
    ++counts[outcome];
    done.add({std::to_string(acted), f.resource_type, f.resource_name, f.pattern, f.action, money(f.savings),
              outcome, o.message});
  }
  done.print(std::cout, "Actions, in order of estimated savings");

  Table summary({"decision", "findings"}, {false, true});
  for (const auto& kv : counts) summary.add({kv.first, std::to_string(kv.second)});
  std::cout << "\n";
  summary.print(std::cout, "Decisions");

  bool card = print_scorecard(c, account, dry);
  return internal_error || check_failed || !card ? 1 : 0;
}

}  // namespace finsim_client
