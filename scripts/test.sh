#!/usr/bin/env bash
# The test command: installs dependencies (Debian 12, as root), builds, installs, and runs
# every suite against a throwaway PostgreSQL 15 cluster with pg_cron preloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/with-cluster.sh scripts/run-tests.sh
