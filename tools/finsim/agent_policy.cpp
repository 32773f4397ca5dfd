#include "agent_policy.hpp"

#include "table.hpp"

namespace finsim_client {

namespace {
const char* kColumns =
    "SELECT resource_type, resource_id, resource_name, pattern, severity, est_monthly_savings, "
    "recommended_action, action_params::text AS params, optimization_policy, frozen "
    "FROM finsim.waste_findings($1) ";

std::vector<Finding> to_findings(const Result& r) {
  std::vector<Finding> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) {
    Finding f;
    f.resource_type = r.get(i, "resource_type");
    f.resource_id = r.get(i, "resource_id");
    f.resource_name = r.get(i, "resource_name");
    f.pattern = r.get(i, "pattern");
    f.severity = r.get(i, "severity");
    f.savings = r.num(i, "est_monthly_savings");
    f.action = r.get(i, "recommended_action");
    f.params = r.null(i, r.column("params")) ? "{}" : r.get(i, "params");
    f.policy = r.get(i, "optimization_policy");
    f.frozen = r.get(i, "frozen") == "t";
    out.push_back(std::move(f));
  }
  return out;
}
}  // namespace

std::vector<Finding> read_findings(Conn& c, const std::string& account) {
  return to_findings(c.exec(std::string(kColumns) +
                                "ORDER BY est_monthly_savings DESC NULLS LAST, resource_type, resource_id, pattern",
                            {account}));
}

bool refresh(Conn& c, const std::string& account, Finding& f) {
  // waste_findings is an inlinable SQL function: these filters reach every pattern's query.
  std::vector<Finding> now = to_findings(
      c.exec(std::string(kColumns) + "WHERE resource_type = $2 AND resource_id = $3 AND pattern = $4",
             {account, f.resource_type, f.resource_id, f.pattern}));
  if (now.empty()) return false;
  f = now.front();
  return true;
}

std::string resource_key(const Finding& f) { return f.resource_type + "/" + f.resource_id; }

std::string skip_reason(const Finding& f, double min_savings, const std::set<std::string>& touched) {
  if (f.frozen) return "frozen";
  if (f.policy == "ignore") return "policy ignore";
  // A 'recommend' finding with savings is passed on to a person (apply_action 'recommend'
  // records it; the scorecard counts it as handed off); one without savings (tags) is not.
  if (f.action.empty() || (f.action == "recommend" && f.savings <= 0)) return "no action to apply";
  if (f.savings < min_savings) return "below --min-savings";
  if (touched.count(resource_key(f))) return "resource already acted on";
  return "";
}

Outcome apply(Conn& c, const Finding& f, const std::string& reason) {
  Outcome o;
  try {
    Result r = c.exec(
        "SELECT outcome, message, est_monthly_savings, changes::text AS changes "
        "FROM finsim.apply_action($1, $2, $3, $4::jsonb, $5)",
        {f.resource_type, f.resource_id, f.action, f.params, reason});
    if (r.rows() == 0) {
      o.outcome = "error";
      o.message = "apply_action returned no row";
      return o;
    }
    o.outcome = r.get(0, "outcome");
    o.message = r.get(0, "message");
    o.savings = r.num(0, "est_monthly_savings");
    o.changes = r.null(0, r.column("changes")) ? "" : r.get(0, "changes");
  } catch (const DbError& e) {
    o.outcome = "error";
    o.sqlstate = e.sqlstate();
    o.message = e.what();
  }
  return o;
}

}  // namespace finsim_client
