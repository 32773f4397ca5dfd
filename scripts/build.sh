#!/usr/bin/env bash
# Builds and installs the extension (and the finsim client) with PGXS.
set -euo pipefail
cd "$(dirname "$0")/.."
export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
make -s -j"$(nproc)" PG_CONFIG="$PG_CONFIG" WERROR=1 ${SANITIZE:+SANITIZE=$SANITIZE}
make -s install PG_CONFIG="$PG_CONFIG" ${SANITIZE:+SANITIZE=$SANITIZE} >/dev/null
if ls tools/finsim/*.cpp >/dev/null 2>&1; then
  make -s client PG_CONFIG="$PG_CONFIG" WERROR=1
fi
