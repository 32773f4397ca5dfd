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
# use_database NAME: a fresh database with finsim, dropped when the test ends.
use_database() {
  export PGDATABASE=$1
  dropdb --if-exists "$PGDATABASE" >/dev/null 2>&1
  createdb "$PGDATABASE" && sql 'CREATE EXTENSION finsim CASCADE' >/dev/null
  trap 'dropdb --if-exists "$PGDATABASE" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
}
tmp=$(mktemp -d)
finish() {
  echo "1..$n"
  [ "$failures" -eq 0 ] || { echo "# $failures of $n checks failed"; exit 1; }
  exit 0
}
if [ ! -x "$FINSIM" ]; then echo "not ok 1 - $FINSIM is not built (make client)"; exit 1; fi
