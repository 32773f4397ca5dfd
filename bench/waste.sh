#!/usr/bin/env bash
# Waste-detection benchmark (not a test).  Run inside a cluster:
#   PG_CONFIG=$PGC scripts/with-cluster.sh bench/waste.sh [accounts] [per_account] [runs] [layout]
# Builds bench_big (accounts x per_account resources, default 100 x 10,000 = 1,000,000) and
# bench_alone (account 1 only, identical rows), then reports median wall times of
#   A) SELECT * FROM finsim.waste_findings()            over all accounts of bench_big
#   B) the registry's detection queries run as plain SQL one after another (same predicates)
#   C) SELECT * FROM finsim.waste_findings(account 1)   in bench_big
#   D) the same in bench_alone
#   E') the same compiled query through the materialising runner finsim._waste_run (what
#       waste_findings() did before it was inlined), jit = off, alternating with A again (A'')
# layout (see waste_data.sql): 'account' (default) stores each account's rows together, as
# finsim.create_account does; 'interleaved' spreads every account's rows over the whole table.
# Pairs of cases run alternately (A B A B ...) after one warm-up each, so the load of other
# jobs on a shared machine falls on both alike.
# Every case runs as COPY (query) TO '/dev/null' on the server: all rows are produced and
# converted to text, and client-side formatting (which dominates with psql) is left out.
# Each case reports its median wall time and its backend's median CPU time (needs a
# superuser: pg_read_file('/proc/self/stat')).
set -euo pipefail
ACCOUNTS=${1:-100}
PER=${2:-10000}
RUNS=${3:-5}
LAYOUT=${4:-account}
ACCT=00000000-0000-0000-0000-000000000001
here=$(cd "$(dirname "$0")" && pwd)

build() {  # db accounts
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  psql -X -q -d "$1" -c "CREATE EXTENSION finsim CASCADE"
  psql -X -q -d "$1" -v accounts="$2" -v per_account="$PER" -v layout="$LAYOUT" -f "$here/waste_data.sql"
}

# The backend's CPU seconds so far (utime + stime of /proc/self/stat, read by the server):
# printed before and after each case, so a case's CPU time is the difference.  Wall time
# moves with the load of other jobs on a shared machine; the backend's CPU time much less.
# (It leaves out parallel workers; the cases here run without them, see the Gather check.)
tck=$(getconf CLK_TCK)
cpu="SELECT 'cpu ' || (split_part(s, ' ', 14)::bigint + split_part(s, ' ', 15)::bigint) FROM pg_read_file('/proc/self/stat') s"
one() {  # db -c|-f arg: "wall_seconds cpu_seconds" of one run
  local s e t
  s=$(date +%s.%N)
  t=$(psql -X -q -At -d "$1" -c "$cpu" "$2" "$3" -c "$cpu" | sed -n 's/^cpu //p' | tr '\n' ' ')
  e=$(date +%s.%N)
  set -- $t
  echo "$(echo "$e - $s" | bc) $(echo "scale=2; ($2 - $1) / $tck" | bc)"
}
med() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }

# pair db1 flag1 arg1 db2 flag2 arg2: one warm-up each, then RUNS rounds alternating the two
# cases (so load from other jobs on a shared machine hits both alike); prints the medians
# "wall1 wall2 cpu1 cpu2".
pair() {
  one "$1" "$2" "$3" >/dev/null; one "$4" "$5" "$6" >/dev/null
  local xs=() ys=() xc=() yc=() w c
  for _ in $(seq "$RUNS"); do
    read -r w c < <(one "$1" "$2" "$3"); xs+=("$w"); xc+=("$c")
    read -r w c < <(one "$4" "$5" "$6"); ys+=("$w"); yc+=("$c")
  done
  echo "$(printf '%s\n' "${xs[@]}" | med) $(printf '%s\n' "${ys[@]}" | med)" \
       "$(printf '%s\n' "${xc[@]}" | med) $(printf '%s\n' "${yc[@]}" | med)"
}
ratio() { echo "scale=3; $1 / $2" | bc; }

t0=$(date +%s)
build bench_big "$ACCOUNTS"
build bench_alone 1
echo "layout: $LAYOUT"
echo "data built in $(( $(date +%s) - t0 )) s"
psql -X -At -d bench_big -c "SELECT (SELECT count(*) FROM finsim.instances) + (SELECT count(*) FROM finsim.volumes)
  + (SELECT count(*) FROM finsim.snapshots) + (SELECT count(*) FROM finsim.elastic_ips) + (SELECT count(*) FROM finsim.log_groups)
  + (SELECT count(*) FROM finsim.load_balancers) + (SELECT count(*) FROM finsim.s3_buckets)
  + (SELECT count(*) FROM finsim.rds_instances) + (SELECT count(*) FROM finsim.cache_clusters)" | sed 's/^/resources in bench_big: /'
psql -X -At -d bench_big -c "SELECT count(*) FROM finsim.waste_findings()" | sed 's/^/findings (all accounts): /'
psql -X -At -d bench_big -c "SELECT count(*) FROM finsim.waste_findings('$ACCT')" | sed 's/^/findings (account 1): /'

plain=$(mktemp)
psql -X -At -d bench_big -c "SELECT 'COPY (' || sql || \$\$) TO '/dev/null';\$\$ FROM finsim._waste_sql('all')" > "$plain"

all="COPY (SELECT * FROM finsim.waste_findings()) TO '/dev/null'"
one_acct="COPY (SELECT * FROM finsim.waste_findings('$ACCT')) TO '/dev/null'"
# Do the plain queries run in parallel?  Then their workers' CPU is not in the backend's.
gathers=0
while read -r q; do
  psql -X -At -d bench_big -c "EXPLAIN ${q#COPY (}" 2>/dev/null | grep -q Gather && gathers=$((gathers + 1))
done < <(sed "s/) TO '\/dev\/null';\$//" "$plain")
echo "plain queries with a parallel plan (Gather): $gathers of $(wc -l < "$plain")"
echo "load before the timed cases: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r a b ac bc_ < <(pair bench_big -c "$all" bench_big -f "$plain")
read -r a2 b2 a2c b2c < <(PGOPTIONS="-c jit=off" pair bench_big -c "$all" bench_big -f "$plain")
# E: the same compiled query through the PL/pgSQL runner finsim._waste_run (SET jit = off,
# RETURN QUERY into a tuplestore), which waste_findings() used before it was inlined: what
# materialising the findings costs.
read -r e2 a3 e2c a3c < <(PGOPTIONS="-c jit=off" pair bench_big -c "COPY (SELECT * FROM finsim._waste_run('_waste_findings_q', NULL)) TO '/dev/null'" bench_big -c "$all")
read -r c d cc dc < <(pair bench_big -c "$one_acct" bench_alone -c "$one_acct")
echo "load after the timed cases: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$plain"
echo "                                          wall s   backend CPU s"
echo "A waste_findings() all accounts:        $a   $ac"
echo "B plain SQL, same predicates in turn:    $b   $bc_"
echo "A/B ratio:                               $(ratio "$a" "$b")   $(ratio "$ac" "$bc_")"
echo "A' same as A with jit = off:              $a2   $a2c"
echo "B' same as B with jit = off:              $b2   $b2c"
echo "A'/B' ratio:                             $(ratio "$a2" "$b2")   $(ratio "$a2c" "$b2c")"
echo "E' the runner (materialised), jit = off: $e2   $e2c"
echo "A'' A again, alternating with E':         $a3   $a3c"
echo "E'/A'' ratio:                            $(ratio "$e2" "$a3")   $(ratio "$e2c" "$a3c")"
echo "C waste_findings(account 1) in big db:   $c   $cc"
echo "D waste_findings(account 1) alone:       $d   $dc"
echo "C/D ratio:                               $(ratio "$c" "$d")   $(ratio "$cc" "$dc")"
