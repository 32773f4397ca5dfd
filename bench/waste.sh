#!/usr/bin/env bash
# Waste-detection benchmark (not a test).  Run inside a cluster:
#   PG_CONFIG=$PGC scripts/with-cluster.sh bench/waste.sh [accounts] [per_account] [runs]
# Builds bench_big (accounts x per_account resources, default 100 x 10,000 = 1,000,000) and
# bench_alone (account 1 only, identical rows), then reports median wall times of
#   A) SELECT * FROM finsim.waste_findings()            over all accounts of bench_big
#   B) the registry's detection queries run as plain SQL one after another (same predicates)
#   C) SELECT * FROM finsim.waste_findings(account 1)   in bench_big
#   D) the same in bench_alone
# Every case runs as COPY (query) TO '/dev/null' on the server: all rows are produced and
# converted to text, and client-side formatting (which dominates with psql) is left out.
set -euo pipefail
ACCOUNTS=${1:-100}
PER=${2:-10000}
RUNS=${3:-5}
ACCT=00000000-0000-0000-0000-000000000001
here=$(cd "$(dirname "$0")" && pwd)

build() {  # db accounts
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  psql -X -q -d "$1" -c "CREATE EXTENSION finsim CASCADE"
  psql -X -q -d "$1" -v accounts="$2" -v per_account="$PER" -f "$here/waste_data.sql"
}

median() {  # db command-args...: median seconds of RUNS runs after one warm-up
  local db=$1; shift
  psql -X -q -o /dev/null -d "$db" "$@"
  local ts=()
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s.%N); psql -X -q -o /dev/null -d "$db" "$@"; e=$(date +%s.%N)
    ts+=("$(echo "$e - $s" | bc)")
  done
  printf '%s\n' "${ts[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

t0=$(date +%s)
build bench_big "$ACCOUNTS"
build bench_alone 1
echo "data built in $(( $(date +%s) - t0 )) s"
psql -X -At -d bench_big -c "SELECT (SELECT count(*) FROM finsim.instances) + (SELECT count(*) FROM finsim.volumes)
  + (SELECT count(*) FROM finsim.snapshots) + (SELECT count(*) FROM finsim.elastic_ips) + (SELECT count(*) FROM finsim.log_groups)
  + (SELECT count(*) FROM finsim.load_balancers) + (SELECT count(*) FROM finsim.s3_buckets)
  + (SELECT count(*) FROM finsim.rds_instances) + (SELECT count(*) FROM finsim.cache_clusters)" | sed 's/^/resources in bench_big: /'
psql -X -At -d bench_big -c "SELECT count(*) FROM finsim.waste_findings()" | sed 's/^/findings (all accounts): /'
psql -X -At -d bench_big -c "SELECT count(*) FROM finsim.waste_findings('$ACCT')" | sed 's/^/findings (account 1): /'

plain=$(mktemp)
psql -X -At -d bench_big -c "SELECT 'COPY (' || sql || \$\$) TO '/dev/null';\$\$ FROM finsim._waste_sql('all')" > "$plain"

a=$(median bench_big -c "COPY (SELECT * FROM finsim.waste_findings()) TO '/dev/null'")
b=$(median bench_big -f "$plain")
a2=$(PGOPTIONS="-c jit=off" median bench_big -c "COPY (SELECT * FROM finsim.waste_findings()) TO '/dev/null'")
b2=$(PGOPTIONS="-c jit=off" median bench_big -f "$plain")
c=$(median bench_big -c "COPY (SELECT * FROM finsim.waste_findings('$ACCT')) TO '/dev/null'")
d=$(median bench_alone -c "COPY (SELECT * FROM finsim.waste_findings('$ACCT')) TO '/dev/null'")
rm -f "$plain"
echo "A waste_findings() all accounts:        $a s"
echo "B plain SQL, same predicates in turn:    $b s"
echo "A/B ratio:                               $(echo "scale=3; $a / $b" | bc)"
echo "A' same as A with jit = off:              $a2 s"
echo "B' same as B with jit = off:              $b2 s"
echo "A'/B' ratio:                             $(echo "scale=3; $a2 / $b2" | bc)"
echo "C waste_findings(account 1) in big db:   $c s"
echo "D waste_findings(account 1) alone:       $d s"
echo "C/D ratio:                               $(echo "scale=3; $c / $d" | bc)"
