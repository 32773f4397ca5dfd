// Running one SQL statement in another database of the cluster, through a dynamic
// background worker (no dblink, no credentials): the worker connects to `database` as
// `role`, runs `sql` (one statement, or several separated by semicolons, each with a fresh
// snapshot) with text parameters in a transaction of its own, commits it, and hands back
// the first column of the last statement's first row as text.  The caller waits for it; a
// cancel of the caller terminates the worker.  The worker gives up on a lock after 10 s.
//
// Its transaction is independent of the caller's: what it commits stays committed if the
// caller later rolls back.  Only fixed statements built by finsim go through here (the
// pg_cron calls of src/drift/cron.cpp); never a caller's SQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace finsim::pg {

struct RemoteOutcome {
  std::optional<std::string> value;  // first column of the first row; nullopt: NULL/no row
};

// Throws finsim::Error: 22023 when an argument is too long for the worker's slot, 53000
// when no background worker slot is free, 08006 when the worker could not connect; an
// error raised by `sql` itself is re-raised with its own SQLSTATE, message, detail and
// hint, plus a context line naming the database.
RemoteOutcome run_in_database(const std::string& database, const std::string& role,
                              const std::string& sql, const std::vector<std::string>& params);

// Raises 25006 in a read-only transaction (and so on a hot standby, where no worker could
// start): what the worker commits must not escape a caller that promised not to write.
void require_writable(const char* what);

// Where this backend is: its database (and whether its encoding is UTF8), its current role
// (the owner inside a SECURITY DEFINER function), a server setting (nullopt when undefined,
// or a mere placeholder: the setting of a library that is not loaded), and whether an
// extension is installed in this database.
std::string current_database();
bool database_is_utf8();
std::string current_role();
std::optional<std::string> server_setting(const char* name);
bool extension_installed(const char* name);

}  // namespace finsim::pg
