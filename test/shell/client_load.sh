#!/usr/bin/env bash
# finsim load: concurrent agents and drift ticks for a few seconds, nothing lost.
source "$(dirname "$0")/../../tools/finsim/testlib.sh"
use_database finsim_client_load

expect_rc 0 "load --help" "$FINSIM" load --help
help=$out
# The ranges load enforces, as --help and README's `finsim load` table state them.
for spec in "resources 1 1000000 1,000,000" "max-actions 1 100000000 100,000,000" "max-ticks 0 3650 3650" \
            "tick-ms 0 60000 60000"; do
  read -r opt lo hi readme_hi <<<"$spec"
  expect_rc 2 "load --$opt $((hi + 1)) is a usage error" "$FINSIM" load --$opt $((hi + 1))
  check "... the message gives $lo..$hi" contains "$err" "--$opt must be between $lo and $hi"
  check "load --help gives --$opt's range" contains "$help" "$lo..$hi)"
  check "README's load table gives --$opt's range" grep -qE "^\| \`--$opt [A-Z]+\` \| [0-9]+ \| $lo … $readme_hi \|" README.md
done
expect_rc 2 "load --agents 0 is a usage error" "$FINSIM" load --agents 0
expect_rc 2 "load --seconds 0 is a usage error" "$FINSIM" load --seconds 0

expect_rc 0 "load --agents 4 --seconds 4" "$FINSIM" load --agents 4 --seconds 4 --resources 600 --tick-ms 200
echo "$out" | sed 's/^/# /'
check "load prints zero lost updates" contains "$out" "lost updates: 0"
check "no verification check failed" bash -c '! grep -q LOST <<<"$1"' _ "$out"
check "agents attempted actions" awk -v v="$(cell "$out" "actions attempted")" 'BEGIN { exit !(v > 0) }'
check "ticks ran" awk -v v="$(cell "$out" "ticks (virtual days)")" 'BEGIN { exit !(v > 0) }'
check "errors reported by SQLSTATE" contains "$out" "Errors by SQLSTATE"
creates_extension finsim_client_load_noext "$FINSIM" load --agents 1 --seconds 1 --resources 50 --tick-ms 0
finish
