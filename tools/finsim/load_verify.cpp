#include "load_verify.hpp"

#include <cmath>
#include <cstdlib>

namespace finsim_client {

std::string text_array(const std::vector<std::string>& items) {
  std::string s = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) s += ',';
    s += '"';
    for (char ch : items[i]) {
      if (ch == '"' || ch == '\\') s += '\\';
      s += ch;
    }
    s += '"';
  }
  return s + "}";
}

namespace {
void check(Verification& v, const std::string& name, long failures, const std::string& detail) {
  v.table.add({name, failures == 0 ? "ok" : "LOST " + std::to_string(failures), detail});
  v.lost += failures;
}
}  // namespace

Verification verify_load(Conn& c, const std::string& account, const std::vector<AppliedAction>& applied,
                         long ticks0, const std::string& clock0, const std::vector<std::string>& tick_dates) {
  Verification v;
  std::vector<std::string> types, ids;
  for (const auto& a : applied) {
    types.push_back(a.resource_type);
    ids.push_back(a.resource_id);
  }
  std::string ta = text_array(types), ia = text_array(ids);

  // 1. Every applied action has at least one audit row written as the agent.
  long no_audit = std::stol(c.value(
      "SELECT count(*) FROM unnest($2::text[], $3::text[]) AS a(rt, rid) WHERE NOT EXISTS ("
      " SELECT 1 FROM finsim.resource_change_events e WHERE e.account_id = $1::uuid"
      " AND e.resource_type = a.rt AND e.resource_id = a.rid AND e.change_source = 'agent')",
      {account, ta, ia}));
  check(v, "audit row per applied action", no_audit,
        std::to_string(applied.size()) + " applied actions, change_source 'agent'");

  // 2. Every field the agents changed still holds the agent's value, or a value written later
  //    by a logged change (drift); a value no event explains is a lost update.
  Result pairs = c.exec(
      "SELECT DISTINCT e.resource_type, e.field_name FROM finsim.resource_change_events e"
      " JOIN unnest($2::text[], $3::text[]) AS a(rt, rid) ON e.resource_type = a.rt AND e.resource_id = a.rid"
      " WHERE e.account_id = $1::uuid AND e.change_source = 'agent'"
      " AND EXISTS (SELECT 1 FROM pg_attribute at WHERE at.attrelid = to_regclass('finsim.' || quote_ident(e.resource_type))"
      "             AND at.attname = e.field_name AND at.attnum > 0 AND NOT at.attisdropped)",
      {account, ta, ia});
  long unexplained = 0, fields = 0, gone = 0;
  for (int i = 0; i < pairs.rows(); ++i) {
    std::string rt = pairs.get(i, "resource_type"), field = pairs.get(i, "field_name");
    std::string q =
        "WITH agent AS (SELECT e.resource_id, max(e.changed_at) AS at FROM finsim.resource_change_events e"
        "  JOIN unnest($3::text[], $4::text[]) AS a(rt, rid) ON a.rt = e.resource_type AND a.rid = e.resource_id"
        "  WHERE e.account_id = $1::uuid AND e.resource_type = $2 AND e.field_name = $5"
        "  AND e.change_source = 'agent' GROUP BY e.resource_id)"
        " SELECT count(*) FILTER (WHERE t.id IS NULL) AS gone,"
        "        count(*) FILTER (WHERE t.id IS NOT NULL) AS fields,"
        "        count(*) FILTER (WHERE t.id IS NOT NULL AND NOT EXISTS ("
        "          SELECT 1 FROM finsim.resource_change_events e WHERE e.account_id = $1::uuid"
        "          AND e.resource_type = $2 AND e.resource_id = agent.resource_id AND e.field_name = $5"
        "          AND e.changed_at >= agent.at AND e.new_value IS NOT DISTINCT FROM t.\"" + field + "\"::text)) AS bad"
        " FROM agent LEFT JOIN finsim.\"" + rt + "\" t ON t.account_id = $1::uuid AND t.id::text = agent.resource_id";
    Result r = c.exec(q, {account, rt, ta, ia, field});
    gone += r.integer(0, "gone");
    fields += r.integer(0, "fields");
    unexplained += r.integer(0, "bad");
  }
  check(v, "effect of every applied action present", unexplained,
        std::to_string(fields) + " changed fields checked, " + std::to_string(gone) + " on deleted rows");

  // Every acknowledged "applied" has its durable outcome record and no more: apply_action
  // writes one 'action' row '<action>:<outcome>' per call, so a committed change the client
  // never heard of (or an acknowledgement without a commit) shows up as a difference.
  Result rec = c.exec(
      "SELECT count(*) FILTER (WHERE e.new_value LIKE '%:applied') AS applied, count(*) AS calls"
      " FROM finsim.resource_change_events e"
      " WHERE e.account_id = $1::uuid AND e.change_source = 'agent' AND e.field_name = 'action'",
      {account});
  if (rec.integer(0, "calls") > 0) {
    long recorded = rec.integer(0, "applied");
    long acked = static_cast<long>(applied.size());
    check(v, "applied outcomes recorded = acknowledged", recorded == acked ? 0 : std::labs(recorded - acked),
          std::to_string(recorded) + " recorded, " + std::to_string(acked) + " acknowledged");
  }

  // 3. The run-rate is the sum of the priced resources.
  Result rr = c.exec(
      "SELECT finsim.monthly_run_rate($1::uuid) AS rate,"
      " (SELECT coalesce(sum(monthly_cost), 0) FROM finsim.resource_costs WHERE account_id = $1::uuid) AS priced",
      {account});
  double rate = rr.num(0, "rate"), priced = rr.num(0, "priced");
  check(v, "run-rate = sum(resource_costs)", std::fabs(rate - priced) > 0.005 ? 1 : 0,
        money(rate) + " vs " + money(priced));

  // 4. No tick applied twice: the counter and the clock moved exactly once per successful tick.
  long n = static_cast<long>(tick_dates.size());
  Result t = c.exec(
      "SELECT ticks, virtual_time = $2::timestamptz + make_interval(days => $3::integer) AS clock_ok,"
      " virtual_time::text AS t FROM finsim.cloud_accounts WHERE id = $1::uuid",
      {account, clock0, std::to_string(n)});
  long ticks = t.integer(0, "ticks");
  check(v, "ticks = successful ticks", ticks - ticks0 == n ? 0 : 1,
        std::to_string(ticks - ticks0) + " counted, " + std::to_string(n) + " succeeded");
  check(v, "clock = start + ticks days", t.get(0, "clock_ok") == "t" ? 0 : 1, clock0 + " -> " + t.get(0, "t"));
  long repeated = 0;
  for (size_t i = 1; i < tick_dates.size(); ++i)
    if (!(tick_dates[i - 1] < tick_dates[i])) ++repeated;
  check(v, "each tick a new virtual day", repeated, std::to_string(n) + " ticks");
  return v;
}

}  // namespace finsim_client
