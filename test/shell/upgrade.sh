#!/usr/bin/env bash
# ALTER EXTENSION finsim UPDATE harness.
#  * When upgrade scripts finsim--0.1.0--*.sql are installed: install 0.1.0 with data, update
#    to default_version, and check that the schema matches a fresh install of that version
#    and that the data survived.
#  * Otherwise: `ALTER EXTENSION finsim UPDATE` at 0.1.0 is a no-op (version and schema
#    unchanged, data kept) and the installed schema matches a fresh install.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

old=finsim_shell_upgrade_old
new=finsim_shell_upgrade_new
cleanup() {
  "$PGBIN/dropdb" --if-exists "$old" >/dev/null 2>&1 || true
  "$PGBIN/dropdb" --if-exists "$new" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup

control="$SHAREDIR/extension/finsim.control"
[ -f "$control" ] || fail "finsim.control not installed in $SHAREDIR/extension"
default=$(sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" "$control")
[ -n "$default" ] || fail "no default_version in $control"
shopt -s nullglob
scripts=("$SHAREDIR"/extension/finsim--0.1.0--*.sql)

"$PGBIN/createdb" "$old"
"$PGBIN/createdb" "$new"
q -d "$old" -c "CREATE EXTENSION finsim VERSION '0.1.0' CASCADE"
q -d "$old" -f "$REPO/test/fixtures/handwritten_rows.sql"
rows_before=$(table_digests "$old")
fp_before=$(schema_fingerprint "$old")

q -d "$old" -c "ALTER EXTENSION finsim UPDATE" 2>&1 | sed 's/^/# /'
version=$(q -d "$old" -c "SELECT extversion FROM pg_extension WHERE extname = 'finsim'")
[ "$version" = "$default" ] || fail "after ALTER EXTENSION UPDATE: version $version, expected $default"

q -d "$new" -c "CREATE EXTENSION finsim CASCADE"
fp_old=$(schema_fingerprint "$old")
fp_new=$(schema_fingerprint "$new")
if [ "$fp_old" != "$fp_new" ]; then
  diff <(echo "$fp_new") <(echo "$fp_old") >&2 || true
  fail "updated schema differs from a fresh install of $default (< fresh, > updated)"
fi

if [ ${#scripts[@]} -eq 0 ]; then
  [ "$default" = "0.1.0" ] || fail "default_version $default but no finsim--0.1.0--*.sql upgrade script"
  [ "$fp_before" = "$fp_old" ] || fail "ALTER EXTENSION finsim UPDATE at 0.1.0 changed the schema"
  rows_after=$(table_digests "$old")
  [ "$rows_before" = "$rows_after" ] || fail "ALTER EXTENSION finsim UPDATE changed data"
  echo "# no upgrade scripts: ALTER EXTENSION UPDATE is a no-op at 0.1.0; schema matches a fresh install"
else
  # Data survives the update (counts per table; rows may gain new columns).
  counts() { echo "$1" | awk '{print $1, $2}'; }
  rows_after=$(table_digests "$old")
  [ "$(counts "$rows_before")" = "$(counts "$rows_after")" ] || fail "row counts changed by the update"
  echo "# updated 0.1.0 -> $default via ${#scripts[@]} script(s); schema matches a fresh install; rows kept"
fi
echo "# upgrade ok"
