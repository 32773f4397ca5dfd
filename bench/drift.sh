#!/usr/bin/env bash
# bench/drift.sh [N...]: one drift tick over an N-resource estate vs the set-based SQL floor
# and a naive per-row PL/pgSQL loop.  Run inside a cluster, e.g.
#   PG_CONFIG=$PGC scripts/with-cluster.sh bench/drift.sh 100000 1000000
# NAIVE_MAX (default 100000): the naive loop runs only on estates up to this size.
set -euo pipefail
cd "$(dirname "$0")/.."
db=finsim_bench
createdb "$db" 2>/dev/null || true
psql -qX -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS finsim CASCADE'
ms() { grep -o 'Time: [0-9.]*' | awk '{s += $2} END {printf "%.0f", s}'; }
for n in "${@:-100000}"; do
  acct=$(python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, 'bench-$n'))")
  psql -qX -d "$db" -c "DELETE FROM finsim.cloud_accounts WHERE id = '$acct'" >/dev/null
  t0=$(date +%s.%N)
  psql -qX -d "$db" -v n="$n" -v acct="$acct" -f bench/drift_estate.sql >/dev/null
  t1=$(date +%s.%N)
  floor=$(psql -qX -d "$db" -v acct="$acct" -f bench/drift_floor.sql | ms)
  tick=$(psql -qX -d "$db" -c '\timing on' -c "BEGIN" \
           -c "SELECT * FROM finsim.drift_tick('$acct')" -c "ROLLBACK" | ms)
  naive="-"
  if [ "$n" -le "${NAIVE_MAX:-100000}" ]; then
    naive=$(psql -qX -d "$db" -c "SET bench.acct = '$acct'" -f bench/drift_naive.sql | ms)
  fi
  printf 'resources=%s build_s=%.0f floor_ms=%s tick_ms=%s ratio=%s naive_instances_ms=%s\n' "$n" \
    "$(echo "$t1 - $t0" | bc)" "$floor" "$tick" "$(echo "scale=2; $tick / $floor" | bc)" "$naive"
  psql -qX -d "$db" -c "DELETE FROM finsim.cloud_accounts WHERE id = '$acct'" >/dev/null
done
