#!/usr/bin/env bash
# schedule_drift() in the cluster set-ups the main test cluster does not have, each in a
# throwaway cluster of its own:
#   1. pg_cron not preloaded: finsim installs and simulates; scheduling fails with 0A000
#      and a hint naming shared_preload_libraries;
#   2. cron.database_name names a database that does not exist: 08006 with a hint;
#   3. that database exists but pg_cron was never created in it: 55000, hint CREATE EXTENSION.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

sqlstate_of() {  # db sql: "SQLSTATE|hint" of the error the statement raises
  q -d "$1" <<SQL
DO \$\$
DECLARE s text; h text;
BEGIN
  EXECUTE \$q\$$2\$q\$;
  RAISE NOTICE 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, h = PG_EXCEPTION_HINT;
  CREATE TEMP TABLE IF NOT EXISTS e (v text);
  INSERT INTO e VALUES (s || '|' || h);
END \$\$;
SELECT v FROM e;
SQL
}
export -f q sqlstate_of fail
export PGBIN

# 1. No pg_cron at all.
FINSIM_CLUSTER_OPTS="shared_preload_libraries = 'finsim'" \
  "$REPO/scripts/with-cluster.sh" bash -c '
    set -euo pipefail
    createdb=("$PGBIN/createdb"); "${createdb[@]}" nocron
    q -d nocron -c "CREATE EXTENSION finsim"
    a=$(q -d nocron -c "SELECT finsim.create_account('"'"'nocron'"'"', 60, 1, '"'"'2026-01-01'"'"')")
    q -d nocron -c "SELECT count(*) FROM finsim.drift_tick('"'"'$a'"'"', 2)" >/dev/null
    [ "$(q -d nocron -c "SELECT finsim.now('"'"'$a'"'"')::date")" = 2026-01-03 ] || fail "no tick without pg_cron"
    r=$(sqlstate_of nocron "SELECT finsim.schedule_drift()")
    case "$r" in 0A000\|*shared_preload_libraries*) ;; *) fail "schedule_drift without pg_cron: $r";; esac
    r=$(sqlstate_of nocron "SELECT finsim.unschedule_drift()")
    case "$r" in 0A000\|*) ;; *) fail "unschedule_drift without pg_cron: $r";; esac
  ' || exit 1
echo "# without pg_cron: finsim installs and ticks; schedule_drift -> 0A000 with the hint"

# 2 and 3. cron.database_name elsewhere: missing, then present without the extension.
FINSIM_CLUSTER_OPTS="cron.database_name = 'crondb'" \
  "$REPO/scripts/with-cluster.sh" bash -c '
    set -euo pipefail
    "$PGBIN/createdb" app
    q -d app -c "CREATE EXTENSION finsim"
    r=$(sqlstate_of app "SELECT finsim.schedule_drift()")
    case "$r" in 08006\|*"must exist"*) ;; *) fail "cron database missing: $r";; esac
    "$PGBIN/createdb" crondb
    r=$(sqlstate_of app "SELECT finsim.schedule_drift()")
    [ "$r" = "55000|Run CREATE EXTENSION pg_cron; in database \"crondb\"." ] || fail "pg_cron not created: $r"
    q -d crondb -c "CREATE EXTENSION pg_cron"
    [ "$(q -d app -c "SELECT finsim.schedule_drift()")" -gt 0 ] || fail "no job id"
    [ "$(q -d crondb -c "SELECT database FROM cron.job WHERE jobname = '"'"'finsim-drift'"'"'")" = app ] || fail "job not in crondb"
    [ "$(q -d app -c "SELECT finsim.unschedule_drift()")" = t ] || fail "unschedule"
  ' || exit 1
echo "# cron database missing -> 08006; present without pg_cron -> 55000; then scheduled there"
