#!/usr/bin/env bash
# private-pg.sh DIR: makes a relocated copy of the system's PostgreSQL 15 (binaries, pg_cron,
# pgTAP, headers, PGXS) under DIR and prints its pg_config.  Developers working in parallel
# install finsim into their own copy:  make install PG_CONFIG=$(scripts/private-pg.sh DIR)
set -euo pipefail
d=$1
if [ ! -x "$d/usr/lib/postgresql/15/bin/pg_config" ]; then
  mkdir -p "$d/usr/lib/postgresql" "$d/usr/share/postgresql" "$d/usr/include"
  cp -a /usr/lib/postgresql/15 "$d/usr/lib/postgresql/"
  cp -a /usr/share/postgresql/15 "$d/usr/share/postgresql/"
  cp -a /usr/include/postgresql "$d/usr/include/"
  chmod 755 "$d"
fi
echo "$d/usr/lib/postgresql/15/bin/pg_config"
