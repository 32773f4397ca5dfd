#!/usr/bin/env bash
# The README's first command: install what finsim needs, build it, and run the demo on a
# throwaway cluster (removed afterwards).
#   scripts/demo.sh                      # 2000 resources, 7 virtual days
#   RESOURCES=20000 DAYS=30 scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/with-cluster.sh tools/finsim/finsim demo --resources "${RESOURCES:-2000}" --days "${DAYS:-7}" \
  ${SEED:+--seed "$SEED"}
