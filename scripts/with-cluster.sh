#!/usr/bin/env bash
# with-cluster.sh CMD [ARGS…]: runs CMD against a throwaway PostgreSQL 15 cluster with
# pg_cron and finsim preloaded, then stops and removes the cluster.
#
# PGHOST/PGPORT/PGUSER/PGDATABASE are exported for CMD.  As root the server runs as the
# postgres user (initdb refuses root).  FINSIM_CLUSTER_OPTS adds postgresql.conf lines.
set -euo pipefail
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
PGBIN=$("$PG_CONFIG" --bindir)
dir=$(mktemp -d /tmp/finsim-cluster.XXXXXX)
chmod 755 "$dir"
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_owner() { runuser -u postgres -- "$@"; }
fi
port=${FINSIM_PORT:-$(( 20000 + RANDOM % 20000 ))}
while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$(( 20000 + RANDOM % 20000 )); done

cleanup() {
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  if [ -n "${FINSIM_KEEP_LOG:-}" ]; then cp "$dir/server.log" "$FINSIM_KEEP_LOG" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$dir/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
shared_preload_libraries = 'pg_cron,finsim'
cron.database_name = 'contrib_regression'
cron.use_background_workers = on
max_worker_processes = 32
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
lc_messages = 'C'
timezone = 'UTC'
${FINSIM_CLUSTER_OPTS:-}
CONF
# FINSIM_SANITIZE=1: the server preloads the ASan/UBSan runtimes for a `make SANITIZE=1`
# build of finsim (postgres itself is not instrumented), plus scripts/asan-early-init.c,
# without which ASan deadlocks postgres at startup and UBSan loses its options (see there).
# A report aborts the backend; ASan writes it to $dir/sanitizer.<pid>, UBSan to the server
# log; run-tests.sh fails on either.
san_env=()
if [ -n "${FINSIM_SANITIZE:-}" ]; then
  gcc -shared -fPIC -O2 -o "$dir/asan-early-init.so" "$(dirname "$0")/asan-early-init.c" -ldl
  san_env=(env "LD_PRELOAD=$(gcc -print-file-name=libasan.so) $dir/asan-early-init.so $(gcc -print-file-name=libubsan.so)"
           "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:log_path=$dir/sanitizer"
           "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1")
fi
as_owner "${san_env[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
if [ -n "${FINSIM_SANITIZE:-}" ] && ! grep -q libasan "/proc/$(head -1 "$dir/data/postmaster.pid")/maps"; then
  echo "with-cluster.sh: FINSIM_SANITIZE=1 but the server did not load libasan" >&2; exit 1
fi
export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres
export FINSIM_SERVER_LOG=$dir/server.log FINSIM_PGDATA=$dir/data FINSIM_CLUSTER_DIR=$dir
"$@"
