# Shared by test/shell/client_*.sh: TAP-style "ok"/"not ok" lines and a private database.
# Needs PGHOST/PGPORT/PGUSER of the test cluster (scripts/with-cluster.sh exports them).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
FINSIM=${FINSIM:-tools/finsim/finsim}
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
failures=0
n=0
ok()     { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }
check()  { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
# expect_rc WANT WHAT CMD...: runs CMD, keeps stdout in $out and stderr in $err.
expect_rc() {
  local want=$1 what=$2; shift 2
  out=$("$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
  if [ "$rc" -eq "$want" ]; then ok "$what (exit $rc)"; else
    not_ok "$what (exit $rc, want $want)"; echo "$out" | tail -20 | sed 's/^/# /'; echo "$err" | tail -20 | sed 's/^/# /'; fi
}
contains() { grep -qF -- "$2" <<<"$1"; }
# The value of a row "│ name │ value │" in a boxed table.
cell() { awk -F'│' -v k="$2" '{gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3)} $2 == k {print $3; exit}' <<<"$1"; }
sql() { psql -qAtX -v ON_ERROR_STOP=1 -d "$PGDATABASE" -c "$1"; }
# at_exit CMD: runs CMD (a shell command line) when the test ends, in the order given.
exit_cmds=()
at_exit() { exit_cmds+=("$1"); }
on_exit() { local c; for c in "${exit_cmds[@]}"; do eval "$c"; done; rm -rf "$tmp"; }
trap on_exit EXIT
# empty_database NAME: a fresh database without finsim, dropped when the test ends.
empty_database() {
  dropdb --if-exists "$1" >/dev/null 2>&1
  createdb "$1" && at_exit "dropdb --if-exists '$1' >/dev/null 2>&1"
}
# use_database NAME: a fresh database with finsim (the default database from now on),
# dropped when the test ends.
use_database() {
  export PGDATABASE=$1
  empty_database "$1" && sql 'CREATE EXTENSION finsim CASCADE' >/dev/null
}
# test_role NAME GROUP: a fresh login role, member of GROUP, dropped when the test ends.
test_role() {
  sql "DROP ROLE IF EXISTS $1" && sql "CREATE ROLE $1 LOGIN IN ROLE $2" &&
    at_exit "psql -qX -d postgres -c 'DROP ROLE IF EXISTS $1' >/dev/null 2>&1"
}
# creates_extension DB CMD...: in a fresh database DB without finsim, CMD (its first word after
# the program is the command; --dsn dbname=DB is appended) installs finsim and says so on stderr;
# run again it says nothing about it.
creates_extension() {
  local db=$1 command=$3
  shift
  empty_database "$db"
  expect_rc 0 "$command in a database without finsim" "$@" --dsn "dbname=$db"
  check "... says it created extension finsim" \
    contains "$err" "$command: created extension finsim (CREATE EXTENSION finsim CASCADE) in database $db"
  check "... and did" test "$(psql -qAtX -d "$db" -c "SELECT count(*) FROM pg_extension WHERE extname = 'finsim'")" = 1
  expect_rc 0 "$command again, finsim installed" "$@" --dsn "dbname=$db"
  check "... says nothing about the extension" bash -c '! grep -q "created extension" <<<"$1"' _ "$err"
}
tmp=$(mktemp -d)
finish() {
  echo "1..$n"
  [ "$failures" -eq 0 ] || { echo "# $failures of $n checks failed"; exit 1; }
  exit 0
}
if [ ! -x "$FINSIM" ]; then echo "not ok 1 - $FINSIM is not built (make client)"; exit 1; fi
