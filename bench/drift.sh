#!/usr/bin/env bash
# bench/drift.sh [N...]: one drift tick over an N-resource estate vs the set-based SQL floor
# and a naive per-row PL/pgSQL loop.  Run inside a cluster, e.g.
#   PG_CONFIG=$PGC scripts/with-cluster.sh bench/drift.sh 100000 1000000
# NAIVE_MAX (default 100000): the naive loop runs only on estates up to this size.
# PAIRS (default 3): rounds of floor / varied floor / tick per size; medians are reported.
# Floors: bench/drift_floor.sql (the issue's floor, mostly constant values) and
# bench/drift_floor_varied.sql (the same statements writing values as varied as a real day's).
set -euo pipefail
cd "$(dirname "$0")/.."
db=finsim_bench
createdb "$db" 2>/dev/null || true
psql -qX -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS finsim CASCADE'
ms() { grep -o 'Time: [0-9.]*' | awk '{s += $2} END {printf "%.0f", s}'; }
# Every timed case runs in its own rolled-back transaction; VACUUM (not timed) before each one
# removes the previous case's dead rows and index entries, so no case pays for another's
# rollback (the metrics_daily rows of day D have the same keys in every case: without it,
# each insert's unique check would visit the previous case's dead row).
tables="finsim.instances, finsim.volumes, finsim.rds_instances, finsim.load_balancers,
  finsim.lambda_functions, finsim.metrics_daily, finsim.resource_change_events"
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
clean() { psql -qX -d "$db" -c "VACUUM $tables" >/dev/null; }
for n in "${@:-100000}"; do
  acct=$(python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, 'bench-$n'))")
  psql -qX -d "$db" -c "DELETE FROM finsim.cloud_accounts WHERE id = '$acct'" >/dev/null
  t0=$(date +%s.%N)
  psql -qX -d "$db" -v n="$n" -v acct="$acct" -f bench/drift_estate.sql >/dev/null
  t1=$(date +%s.%N)
  # The cases alternate (floor, varied floor, tick, floor, ...); the figures are the medians.
  floors=() varieds=() ticks=()
  for _ in $(seq "${PAIRS:-3}"); do
    clean
    floors+=("$(psql -qX -d "$db" -v acct="$acct" -f bench/drift_floor.sql | ms)")
    clean
    varieds+=("$(psql -qX -d "$db" -v acct="$acct" -f bench/drift_floor_varied.sql | ms)")
    clean
    ticks+=("$(psql -qX -d "$db" -c '\timing on' -c "BEGIN" \
                -c "SELECT * FROM finsim.drift_tick('$acct')" -c "ROLLBACK" | ms)")
  done
  floor=$(median "${floors[@]}") varied=$(median "${varieds[@]}") tick=$(median "${ticks[@]}")
  naive="-"
  if [ "$n" -le "${NAIVE_MAX:-100000}" ]; then
    clean
    naive=$(psql -qX -d "$db" -c "SET bench.acct = '$acct'" -f bench/drift_naive.sql | ms)
  fi
  peer="-"
  [ "$naive" != "-" ] && peer=$(echo "scale=2; $naive / $tick" | bc)
  printf 'resources=%s build_s=%.0f floor_ms=%s varied_floor_ms=%s tick_ms=%s tick/floor=%s tick/varied=%s naive_ms=%s naive/tick=%s\n' \
    "$n" "$(echo "$t1 - $t0" | bc)" "$floor" "$varied" "$tick" "$(echo "scale=2; $tick / $floor" | bc)" \
    "$(echo "scale=2; $tick / $varied" | bc)" "$naive" "$peer"
  printf '  runs: floor=%s varied=%s tick=%s load=%s\n' "$(IFS=,; echo "${floors[*]}")" \
    "$(IFS=,; echo "${varieds[*]}")" "$(IFS=,; echo "${ticks[*]}")" "$(cut -d' ' -f1-3 /proc/loadavg)"
  psql -qX -d "$db" -c "DELETE FROM finsim.cloud_accounts WHERE id = '$acct'" >/dev/null
done
