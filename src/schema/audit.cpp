// finsim._audit(field, ...): AFTER UPDATE OR DELETE row trigger writing the audit trail.
//
// UPDATE: one finsim.resource_change_events row per watched field (the trigger arguments)
// whose value changed (text comparison, NULL-aware).  DELETE: one row with field_name
// 'deleted', old_value the row's human identifier (or id), new_value NULL.
//
// Each row is stamped with the session's change source (ctx::change_source(): backend
// memory, so SET/set_config cannot forge it), the running action's reason, and the
// account's virtual time.  Ids are derived from the event itself, so the same history
// gives the same ids; a collision (the same change twice at the same virtual time) moves
// on to the next k.
//
// When the account row is gone (deleting an account cascades into its children) nothing
// is written: the events would belong to the account being deleted.
//
// The SQL declaration pins TimeZone/DateStyle, so the text of timestamps in old_value,
// new_value and in the id hash does not depend on the caller's session settings.
#include <string>
#include <utility>
#include <vector>

#include "auth/context.hpp"
#include "core/hash.hpp"
#include "pg/entry.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"

namespace {

namespace pg = finsim::pg;
using finsim::pg::Spi;
using finsim::pg::TriggerRow;
using Text = std::optional<std::string>;

struct Change {
  std::string field;
  Text old_value;
  Text new_value;
};

// The column naming a row for humans, per table (used for DELETE events).
const char* identifier_column(const std::string& table) {
  static const std::pair<const char*, const char*> kIdentifiers[] = {
      {"cloud_accounts", "name"},        {"api_clients", "access_key_id"},
      {"instances", "instance_id"},      {"autoscaling_groups", "name"},
      {"lambda_functions", "name"},      {"container_clusters", "name"},
      {"container_nodes", "instance_id"}, {"container_services", "name"},
      {"volumes", "volume_id"},          {"snapshots", "snapshot_id"},
      {"s3_buckets", "name"},            {"rds_instances", "db_instance_id"},
      {"cache_clusters", "cluster_id"},  {"load_balancers", "lb_arn"},
      {"elastic_ips", "allocation_id"},  {"log_groups", "name"},
      {"managed_services", "name"},      {"streaming_clusters", "name"},
  };
  for (const auto& [t, col] : kIdentifiers)
    if (table == t) return col;
  return "id";
}

// A part of the id hash: NULL and '' must hash differently.
std::string id_part(const Text& v) { return v ? "v:" + *v : std::string("null"); }

constexpr const char* kVirtualTime =
    "SELECT virtual_time::text FROM finsim.cloud_accounts WHERE id = $1::uuid";

constexpr const char* kInsert =
    "INSERT INTO finsim.resource_change_events "
    "(id, account_id, resource_type, resource_id, change_source, field_name, old_value, "
    " new_value, changed_at, reason) "
    "VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10) "
    "ON CONFLICT (account_id, id) DO NOTHING";

constexpr const char* kExists =
    "SELECT 1 FROM finsim.resource_change_events WHERE account_id = $1::uuid AND id = $2::uuid";

void write_event(Spi& spi, const std::string& account, const std::string& table,
                 const std::string& resource_id, const std::string& changed_at,
                 const Change& c) {
  const char* source = finsim::ctx::change_source();
  const Text& reason = finsim::ctx::reason();
  const std::string old_part = id_part(c.old_value);
  const std::string new_part = id_part(c.new_value);
  for (long k = 0;; ++k) {
    const std::string ks = std::to_string(k);
    const std::string id = finsim::core::uuid_from(
        {account, table, resource_id, c.field, changed_at, old_part, new_part, ks});
    uint64_t n = spi.exec(kInsert, {pg::Param::text(id), pg::Param::text(account), pg::Param::text(table),
                                    pg::Param::text(resource_id), pg::Param::text(std::string(source)),
                                    pg::Param::text(c.field), pg::Param::text(c.old_value),
                                    pg::Param::text(c.new_value), pg::Param::text(changed_at),
                                    pg::Param::text(reason)});
    if (n > 0) return;
    // Zero rows: either the id exists (the same change again at the same virtual time: try
    // k + 1) or something suppressed the insert, which must not loop forever.
    spi.exec(kExists, {pg::Param::text(account), pg::Param::text(id)}, false, 1);
    if (spi.rows() == 0)
      throw finsim::Error(ERRCODE_TRIGGERED_ACTION_EXCEPTION,
                          "finsim audit event for " + table + "." + c.field + " was not written",
                          "A BEFORE INSERT trigger on finsim.resource_change_events skipped the row.");
    finsim::pg::check_interrupts();
  }
}

}  // namespace

FINSIM_FUNCTION(finsim_audit) {
  TriggerRow row(fcinfo);
  if (row.is_before() || row.is_insert())
    throw finsim::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                        "finsim._audit() must be an AFTER UPDATE OR DELETE trigger");
  const std::string& table = row.table();

  std::vector<Change> changes;
  if (row.is_update()) {
    for (int i = 0; i < row.nargs(); ++i) {
      const std::string field = row.arg(i);
      if (!row.has_column(field.c_str()))
        throw finsim::Error(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                            "finsim._audit(): table " + table + " has no column " + field,
                            {}, "The trigger arguments name the watched columns.");
      Text before = row.old_value(field.c_str());
      Text after = row.new_value(field.c_str());
      if (before != after) changes.push_back({field, std::move(before), std::move(after)});
    }
  } else {
    Text ident = row.old_value(identifier_column(table));
    if (!ident) ident = row.old_value("id");
    changes.push_back({"deleted", std::move(ident), std::nullopt});
  }
  if (changes.empty()) return row.result();

  const bool is_account = table == "cloud_accounts";
  const Text account = is_account ? (row.is_update() ? row.new_value("id") : row.old_value("id"))
                                  : (row.is_update() ? row.new_value("account_id")
                                                     : row.old_value("account_id"));
  const Text resource_id = row.is_update() ? row.new_value("id") : row.old_value("id");
  if (!account || !resource_id) return row.result();

  Spi spi;
  spi.exec(kVirtualTime, {pg::Param::text(*account)}, false, 1);
  const Text changed_at = spi.scalar_text();
  // The account no longer exists: it is being deleted with everything it owns.
  if (!changed_at) return row.result();
  for (const Change& c : changes) write_event(spi, *account, table, *resource_id, *changed_at, c);
  spi.finish();
  return row.result();
}
