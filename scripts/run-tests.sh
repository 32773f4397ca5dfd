#!/usr/bin/env bash
# Runs every finsim test inside a throwaway cluster (called by scripts/test.sh).
#   1. pg_regress suite (sql/ + expected/) via `make installcheck`
#   2. pgTAP suites (test/*.sql) via pg_prove, in a fresh database
#   3. shell tests (test/shell/*.sh)
# FINSIM_SUITES (default "regress tap shell") picks the suites to run.
set -uo pipefail
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
status=0
suites=" ${FINSIM_SUITES:-regress tap shell} "

if [[ $suites == *" regress "* ]]; then
echo "== pg_regress"
if ! make -s installcheck PG_CONFIG="$PG_CONFIG"; then
  status=1
  [ -f regression.diffs ] && head -200 regression.diffs
fi
fi

if [[ $suites == *" tap "* ]]; then
echo "== pgTAP"
createdb finsim_tap
psql -q -X -v ON_ERROR_STOP=1 -d finsim_tap \
  -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION finsim CASCADE' || status=1
# pg_cron lives in contrib_regression (cron.database_name), which pg_regress creates;
# make sure it is there with pg_cron when the tap suite runs alone.  finsim_tap has no
# pg_cron: test/47 schedules from a database like it.
createdb contrib_regression 2>/dev/null
psql -q -X -v ON_ERROR_STOP=1 -d contrib_regression -c 'CREATE EXTENSION IF NOT EXISTS pg_cron' || status=1
pattern=${FINSIM_TAP:-test/*.sql}
# shellcheck disable=SC2086
if ! pg_prove -d finsim_tap --failures --timer $pattern; then status=1; fi
fi

if [[ $suites == *" shell "* ]]; then
echo "== shell tests"
# test/shell/*.sh (lib.sh is their shared helper): dump/restore, upgrade path, META.json.
for t in test/shell/*.sh; do
  [ "$(basename "$t")" = lib.sh ] && continue
  if PG_CONFIG="$PG_CONFIG" bash "$t"; then echo "ok - $t"; else echo "not ok - $t"; status=1; fi
done
fi

# A crash is any backend death but the SIGKILLs test/shell/crash_safety.sh sends on purpose.
if [ -n "${FINSIM_SERVER_LOG:-}" ] &&
   grep -E 'terminated by signal|PANIC' "$FINSIM_SERVER_LOG" | grep -v 'signal 9: Killed'; then
  echo "server log shows a crash"; status=1
fi
# FINSIM_SANITIZE=1 clusters write ASan/UBSan reports to $FINSIM_CLUSTER_DIR/sanitizer.<pid>
# (see with-cluster.sh); a report that went to stderr instead ends up in the server log.
if [ -n "${FINSIM_SERVER_LOG:-}" ] &&
   grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error: |SUMMARY: [A-Za-z]+Sanitizer' "$FINSIM_SERVER_LOG"; then
  echo "server log shows a sanitizer report"; status=1
fi
if [ -n "${FINSIM_CLUSTER_DIR:-}" ] && ls "$FINSIM_CLUSTER_DIR"/sanitizer.* >/dev/null 2>&1; then
  echo "sanitizer reports:"; cat "$FINSIM_CLUSTER_DIR"/sanitizer.*; status=1
fi
exit $status
