#!/usr/bin/env bash
# The test command: installs dependencies (Debian 12, as root), builds, installs, and runs
# every suite against a throwaway PostgreSQL 15 cluster with pg_cron preloaded:
#   1. pg_regress + pgTAP + shell tests on the normal build;
#   2. pg_regress + pgTAP again on an AddressSanitizer/UBSan build (scripts/test-sanitize.sh).
# FINSIM_SKIP_SANITIZE=1 skips step 2.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || exit 1
scripts/build.sh || exit 1
failed=0
passed=0
if scripts/with-cluster.sh scripts/run-tests.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ -z "${FINSIM_SKIP_SANITIZE:-}" ]; then
  echo "== sanitizer build (ASan + UBSan)"
  if SANITIZE_SUITES="regress tap" scripts/test-sanitize.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
