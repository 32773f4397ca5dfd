#!/usr/bin/env bash
# Generator benchmark (not a test): rows/s of finsim.create_account for N resources, and the
# ratio to two floors, each writing into the same tables (same indexes, triggers and foreign
# keys) in one transaction:
#   staged: the very same rows, by plain INSERT ... SELECT from pre-built staging tables;
#   series: the issue's floor, one plain INSERT ... SELECT ... FROM generate_series per table
#           writing the same number of rows per table (bench/generator_floor.sql);
#   series/replica: the same statements with session_replication_role = replica (no
#           triggers, no foreign-key checks), as create_account writes.
#
#   PG_CONFIG=... scripts/with-cluster.sh bench/generator.sh 100000 [1000000 ...]
# or against any server reachable through PG* variables.
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
sizes=("${@:-100000}")
db=finsim_bench_generator
psql -q -X -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -q -X -d $db -c 'CREATE EXTENSION finsim CASCADE'
run() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db "$@"; }
# No autovacuum on the bench's tables: an autoanalyze of a table just emptied by TRUNCATE,
# landing while a floor runs, made the floor's foreign-key checks pick a plan that scans the
# parent's rows per check (a 1M staged floor ran > 15 min instead of ~4).
run -c "DO \$\$DECLARE t text; BEGIN
          FOR t IN SELECT relname FROM pg_class WHERE relnamespace = 'finsim'::regnamespace AND relkind = 'r' LOOP
            EXECUTE format('ALTER TABLE finsim.%I SET (autovacuum_enabled = false)', t);
          END LOOP; END\$\$"

# Tables in foreign-key order (parents first).
tables="cloud_accounts api_clients autoscaling_groups instances lambda_functions container_clusters
container_nodes container_services volumes snapshots s3_buckets s3_bucket_usage_daily rds_instances
cache_clusters load_balancers elastic_ips data_transfer_daily log_groups log_group_usage_daily
commitments commitment_utilization_daily metrics_daily resource_tags managed_services streaming_clusters"

for n in "${sizes[@]}"; do
  run -c "TRUNCATE finsim.cloud_accounts CASCADE" -c "CHECKPOINT"
  t0=$(date +%s.%N)
  run -c "SELECT finsim.create_account('bench-$n', $n, 1, '2026-01-05')" >/dev/null
  t1=$(date +%s.%N)
  rows=$(run -c "SELECT $(for t in $tables; do printf "(SELECT count(*) FROM finsim.%s)+" "$t"; done) 0")

  # Series floor statements (built from the generated tables before they are emptied).
  run -v tables="$(echo $tables)" \
      -f "$(dirname "$0")/generator_floor.sql"
  series="BEGIN; $(run -c "SELECT string_agg(sql, '; ' ORDER BY ord) FROM bench_sample.floor_sql WHERE sql IS NOT NULL"); COMMIT;"

  # Staged floor (STAGED=0 skips it): stage the same rows, empty the tables, then time plain
  # INSERT ... SELECT.
  t2=0; t3=0
  if [ "${STAGED:-1}" != 0 ]; then
  run -c "DROP SCHEMA IF EXISTS bench_stage CASCADE" -c "CREATE SCHEMA bench_stage"
  for t in $tables; do run -c "CREATE TABLE bench_stage.$t AS SELECT * FROM finsim.$t"; done
  run -c "TRUNCATE finsim.cloud_accounts CASCADE" -c "CHECKPOINT"
  sql="BEGIN;"
  for t in $tables; do sql+=" INSERT INTO finsim.$t SELECT * FROM bench_stage.$t;"; done
  sql+=" COMMIT;"
  t2=$(date +%s.%N)
  run -c "$sql" >/dev/null
  t3=$(date +%s.%N)
  run -c "DROP SCHEMA bench_stage CASCADE"
  fi

  # Series floor.
  run -c "TRUNCATE finsim.cloud_accounts CASCADE" -c "CHECKPOINT"
  t4=$(date +%s.%N)
  run -c "$series" >/dev/null
  t5=$(date +%s.%N)
  srows=$(run -c "SELECT $(for t in $tables; do printf "(SELECT count(*) FROM finsim.%s)+" "$t"; done) 0")

  # Series floor without triggers.
  run -c "TRUNCATE finsim.cloud_accounts CASCADE" -c "CHECKPOINT"
  t6=$(date +%s.%N)
  run -c "${series/BEGIN;/BEGIN; SET LOCAL session_replication_role = replica;}" >/dev/null
  t7=$(date +%s.%N)
  run -c "DROP SCHEMA bench_sample CASCADE"

  awk -v n="$n" -v rows="$rows" -v srows="$srows" -v g="$(echo "$t1 - $t0" | bc)" \
      -v f="$(echo "$t3 - $t2" | bc)" -v s="$(echo "$t5 - $t4" | bc)" -v r="$(echo "$t7 - $t6" | bc)" \
      -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
    staged = f > 0 ? sprintf("staged_floor=%.1fs (%.0f rows/s) ratio=%.2f", f, rows / f, g / f) : "staged_floor=skipped"
    printf "resources=%d rows=%d generator=%.1fs (%.0f rows/s) %s series_floor=%.1fs (%d rows, %.0f rows/s) ratio=%.2f series_floor_replica=%.1fs ratio=%.2f load=%s\n",
           n, rows, g, rows / g, staged, s, srows, srows / s, g / s, r, g / r, load }'
done
psql -q -X -d postgres -c "DROP DATABASE $db"
