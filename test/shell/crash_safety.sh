#!/usr/bin/env bash
# Crash safety: a backend killed with SIGKILL in the middle of a large drift_tick or
# create_account leaves the database exactly as before the call once the server has
# recovered — nothing half-written — and the next tick works.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
db=finsim_crash
"$PGBIN/dropdb" --if-exists "$db" >/dev/null 2>&1 || true
"$PGBIN/createdb" "$db"
trap '"$PGBIN/dropdb" --if-exists "$db" >/dev/null 2>&1 || true' EXIT
q -d "$db" -c 'CREATE EXTENSION finsim'
if [ -z "$(q -d "$db" -c "SELECT to_regprocedure('finsim.drift_tick(uuid,integer)')")" ] ||
   [ -z "$(q -d "$db" -c "SELECT to_regprocedure('finsim.create_account(text,integer,bigint,date)')")" ]; then
  echo "# create_account/drift_tick not installed: nothing to crash"; exit 0
fi

wait_ready() {
  for _ in $(seq 1 120); do
    "$PGBIN/pg_isready" -q && q -d "$db" -c 'SELECT 1' >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  fail "server did not recover"
}

# Runs SQL in the background, kills its backend with SIGKILL once it has been active for
# a moment, and reports whether the kill landed mid-statement (exit 0) or the statement
# had already finished (exit 1).
kill_mid() {
  local sql=$1 delay=$2 tag=$3
  "$PGBIN/psql" -X -q -d "$db" -c "SET application_name = '$tag'" -c "$sql" >/dev/null 2>&1 &
  local client=$! pid=""
  for _ in $(seq 1 200); do
    pid=$(q -d "$db" -c "SELECT pid FROM pg_stat_activity WHERE application_name = '$tag' AND state = 'active' AND query NOT LIKE 'SET %'" 2>/dev/null || true)
    [ -n "$pid" ] && break
    kill -0 "$client" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$pid" ] || { wait "$client" || true; return 1; }
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  if wait "$client"; then return 1; fi   # the statement completed before the kill
  wait_ready
  return 0
}

q -d "$db" -c "SELECT finsim.create_account('crash-a', 3000, 7, '2026-01-01')" >/dev/null
acct=$(q -d "$db" -c "SELECT id FROM finsim.cloud_accounts WHERE name = 'crash-a'")
q -d "$db" -c "SELECT count(*) FROM finsim.drift_tick('$acct', 1)" >/dev/null

tried=0
days=30
for delay in 0.2 0.6 1.2; do
  before=$(table_digests "$db")
  clock_before=$(q -d "$db" -c "SELECT finsim.now('$acct')")
  landed=0
  for _ in 1 2 3; do
    if kill_mid "SELECT count(*) FROM finsim.drift_tick('$acct', $days)" "$delay" "crash-tick"; then
      landed=1; break
    fi
    # The tick finished first: undo nothing (it committed), re-baseline and try bigger.
    before=$(table_digests "$db"); clock_before=$(q -d "$db" -c "SELECT finsim.now('$acct')")
    days=$((days * 2))
  done
  [ "$landed" = 1 ] || fail "could not kill drift_tick mid-statement"
  tried=$((tried + 1))
  after=$(table_digests "$db")
  [ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") >&2; fail "tick killed after ${delay}s left rows behind"; }
  [ "$(q -d "$db" -c "SELECT finsim.now('$acct')")" = "$clock_before" ] || fail "clock moved"
  echo "# drift_tick killed after ${delay}s: account unchanged"
done

# The next tick works and advances exactly one day.
q -d "$db" -c "SELECT count(*) FROM finsim.drift_tick('$acct', 1)" >/dev/null
[ "$(q -d "$db" -c "SELECT finsim.now('$acct') - interval '1 day' = '$clock_before'::timestamptz")" = t ] ||
  fail "next tick did not advance one day"
echo "# next tick after recovery ok"

for delay in 0.3 1.0; do
  before=$(table_digests "$db")
  if kill_mid "SELECT finsim.create_account('crash-b', 400000, 9, '2026-01-01')" "$delay" "crash-create"; then
    tried=$((tried + 1))
    after=$(table_digests "$db")
    [ "$before" = "$after" ] || fail "create_account killed after ${delay}s left rows behind"
    [ "$(q -d "$db" -c "SELECT count(*) FROM finsim.cloud_accounts WHERE name = 'crash-b'")" = 0 ] ||
      fail "half-created account survived"
    echo "# create_account killed after ${delay}s: nothing created"
  else
    q -d "$db" -c "SELECT finsim.drop_account(id) FROM finsim.cloud_accounts WHERE name = 'crash-b'" >/dev/null
    echo "# create_account finished before the kill at ${delay}s (dropped it)"
  fi
done
echo "# crash points tried: $tried, rows lost or half-written: 0"
