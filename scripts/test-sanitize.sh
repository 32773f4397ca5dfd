#!/usr/bin/env bash
# Builds finsim with AddressSanitizer + UndefinedBehaviorSanitizer (make SANITIZE=1) into a
# private copy of PostgreSQL 15 and runs the test suites against a real cluster whose server
# preloads the sanitizer runtimes (scripts/with-cluster.sh, FINSIM_SANITIZE=1).
# Any sanitizer report fails the run.  See README.md, "Memory safety".
#   SANITIZE_SUITES=regress   pg_regress only (default: all suites: regress tap shell)
#   FINSIM_TAP='test/…'       limits the pgTAP files (default: all)
#   FINSIM_SANITIZE_DIR       work directory (default /tmp/finsim-sanitize)
#   FINSIM_SANITIZE_TIMEOUT   seconds before the whole run is killed (default 5400)
set -euo pipefail
cd "$(dirname "$0")/.."
root=${FINSIM_SANITIZE_DIR:-/tmp/finsim-sanitize}
src=$root/src
PGC=$(scripts/private-pg.sh "$root/pg")
rm -rf "$src"
mkdir -p "$src"
git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C "$src"
# PostgreSQL's CXXFLAGS carry -fwrapv, which makes signed overflow defined (so UBSan would
# never report it); the sanitized build replaces them with the ones that matter and
# -fno-wrapv.  The Makefile adds its warnings and SANITIZE=1 flags (-O1 -g -fsanitize=…).
flags=(SANITIZE=1 PG_CONFIG="$PGC" CXXFLAGS="-fno-strict-aliasing -fno-wrapv -g")
make -C "$src" -s -j2 "${flags[@]}"
make -C "$src" -s install "${flags[@]}" >/dev/null
lib=$("$PGC" --pkglibdir)/finsim.so
syms=$(nm -D "$lib")
if ! grep -q __asan_report <<<"$syms" || ! grep -q __ubsan_handle <<<"$syms"; then
  echo "$lib is not instrumented with ASan and UBSan" >&2; exit 1
fi
cd "$src"
case ${SANITIZE_SUITES:-all} in
  all) suites="regress tap shell" ;;
  *)   suites=$SANITIZE_SUITES ;;
esac
FINSIM_SUITES=$suites FINSIM_SANITIZE=1 PG_CONFIG="$PGC" \
  timeout -k 30 "${FINSIM_SANITIZE_TIMEOUT:-5400}" scripts/with-cluster.sh scripts/run-tests.sh
