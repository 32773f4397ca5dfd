#!/usr/bin/env bash
# finsim load: concurrent agents and drift ticks for a few seconds, nothing lost.
source "$(dirname "$0")/../../tools/finsim/testlib.sh"
use_database finsim_client_load

expect_rc 0 "load --help" "$FINSIM" load --help
expect_rc 2 "load --agents 0 is a usage error" "$FINSIM" load --agents 0
expect_rc 2 "load --seconds 0 is a usage error" "$FINSIM" load --seconds 0

expect_rc 0 "load --agents 4 --seconds 4" "$FINSIM" load --agents 4 --seconds 4 --resources 600 --tick-ms 200
echo "$out" | sed 's/^/# /'
check "load prints zero lost updates" contains "$out" "lost updates: 0"
check "no verification check failed" bash -c '! grep -q LOST <<<"$1"' _ "$out"
check "agents attempted actions" awk -v v="$(cell "$out" "actions attempted")" 'BEGIN { exit !(v > 0) }'
check "ticks ran" awk -v v="$(cell "$out" "ticks (virtual days)")" 'BEGIN { exit !(v > 0) }'
check "errors reported by SQLSTATE" contains "$out" "Errors by SQLSTATE"
finish
