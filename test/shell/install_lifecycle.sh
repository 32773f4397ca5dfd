#!/usr/bin/env bash
# Installing and uninstalling finsim the way operators do, in a throwaway cluster of its own
# (the roles must not exist yet):
#   1. CREATE EXTENSION in four new databases at once: all succeed (the roles are created by
#      one of them; the others find them), and each role carries its comment;
#   2. DROP EXTENSION keeps schema finsim (PostgreSQL made it for the control file); a table
#      of the user's left there neither breaks a new CREATE EXTENSION nor gets finsim's
#      row-level security, grants or deletes;
#   3. the README's uninstall recipe removes everything, roles included.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
export -f q fail
export PGBIN

"$REPO/scripts/with-cluster.sh" bash -c '
  set -euo pipefail
  for i in 1 2 3 4; do "$PGBIN/createdb" "inst$i"; done
  pids=()
  for i in 1 2 3 4; do q -d "inst$i" -c "CREATE EXTENSION finsim" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || fail "a concurrent CREATE EXTENSION failed"; done
  for i in 1 2 3 4; do
    [ "$(q -d "inst$i" -c "SELECT count(*) FROM pg_extension WHERE extname = '"'"'finsim'"'"'")" = 1 ] || fail "inst$i lacks finsim"
  done
  [ "$(q -d inst1 -c "SELECT count(*) FROM pg_roles r WHERE r.rolname IN ('"'"'finsim_admin'"'"', '"'"'finsim_agent'"'"')
                         AND shobj_description(r.oid, '"'"'pg_authid'"'"') LIKE '"'"'finsim: %'"'"'")" = 2 ] \
    || fail "the roles lack their comments"
  echo "# four concurrent first installs: all succeed, roles created once, with comments"

  # 2. A table of the user'"'"'s in the schema DROP EXTENSION leaves behind.
  q -d inst1 -c "CREATE TABLE finsim.my_notes (account_id uuid, note text, updated_at timestamptz)"
  q -d inst1 -c "INSERT INTO finsim.my_notes VALUES ('"'"'00000000-0000-0000-0000-000000000001'"'"', '"'"'keep me'"'"', NULL)"
  q -d inst1 -c "DROP EXTENSION finsim"
  [ "$(q -d inst1 -c "SELECT count(*) FROM pg_namespace WHERE nspname = '"'"'finsim'"'"'")" = 1 ] || fail "schema gone?"
  q -d inst1 -c "CREATE EXTENSION finsim" || fail "CREATE EXTENSION after DROP with a user table in the schema"
  [ "$(q -d inst1 -c "SELECT relrowsecurity FROM pg_class WHERE oid = '"'"'finsim.my_notes'"'"'::regclass")" = f ] \
    || fail "the user table got row-level security"
  [ "$(q -d inst1 -c "SELECT count(*) FROM pg_trigger WHERE tgrelid = '"'"'finsim.my_notes'"'"'::regclass")" = 0 ] \
    || fail "the user table got a trigger"
  [ -z "$(q -d inst1 -c "SELECT col_description('"'"'finsim.my_notes'"'"'::regclass, 1)")" ] \
    || fail "the user table'"'"'s account_id got finsim'"'"'s column comment"
  a=$(q -d inst1 -c "SELECT finsim.create_account('"'"'x'"'"', 0, 1, '"'"'2026-01-01'"'"')")
  q -d inst1 -c "UPDATE finsim.my_notes SET account_id = '"'"'$a'"'"'"
  q -d inst1 -c "SELECT finsim.drop_account('"'"'$a'"'"')" >/dev/null
  [ "$(q -d inst1 -c "SELECT count(*) FROM finsim.my_notes")" = 1 ] || fail "drop_account deleted the user table'"'"'s rows"
  [ "$(q -d inst1 -c "SELECT count(*) FROM finsim.api_scope_tables() t WHERE t = '"'"'my_notes'"'"'")" = 0 ] \
    || fail "api_scope_tables lists the user table"
  echo "# DROP EXTENSION keeps the schema; a user table there is left alone by CREATE EXTENSION and drop_account"

  # 3. Uninstall, as the README says: every database, then the roles.
  for i in 1 2 3 4; do
    q -d "inst$i" -c "DROP EXTENSION finsim" -c "DROP SCHEMA finsim CASCADE" -c "DROP OWNED BY finsim_admin, finsim_agent"
  done
  q -d postgres -c "DROP OWNED BY finsim_admin, finsim_agent"
  q -d postgres -c "DROP ROLE finsim_admin, finsim_agent" || fail "the roles could not be dropped after the uninstall recipe"
  echo "# uninstall recipe: extension, schema and roles removed"
' || exit 1
