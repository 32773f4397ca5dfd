#!/usr/bin/env bash
# finsim bench --resources 10000 completes and prints every row (no timing asserts).
source "$(dirname "$0")/../../tools/finsim/testlib.sh"
use_database finsim_client_bench

expect_rc 0 "bench --help" "$FINSIM" bench --help
check "bench --help usage shows [--print-sql ID]" contains "$out" "[--print-sql ID]"
expect_rc 2 "bench --print-sql --dsn x: --dsn is not taken as the value" "$FINSIM" bench --print-sql --dsn x
check "... and the message says --print-sql needs a value" contains "$err" "option --print-sql needs a value"
expect_rc 2 "bench --resources 0 is a usage error" "$FINSIM" bench --resources 0

expect_rc 0 "bench --resources 10000" "$FINSIM" bench --resources 10000 --others 10000
echo "$out" | sed 's/^/# /'
check "markdown header" contains "$out" "| benchmark | rows | finsim s |"
check "title is '## finsim bench — …'" grep -q '^## finsim bench — ' <<<"$(head -1 <<<"$out")"
check "README's bench sample has the same title line" grep -q '^## finsim bench — [0-9]* resources (+ [0-9]* in a second account), seed ' README.md
for row in "generator: create_account" "drift_tick: one virtual day" "generator: create_account (second account)" \
           "drift_tick: one virtual day (second account)" "waste_findings(): all accounts" \
           "waste_findings(account): one account, shared database" \
           "waste_findings(account): shared database vs account alone"; do
  check "row '$row' has a time" awk -F'|' -v r="$row" '
    { name = $2; t = $4; gsub(/^ +| +$/, "", name); gsub(/^ +| +$/, "", t) }
    index(name, r) == 1 && t ~ /^[0-9]+\.[0-9]+$/ { found = 1 }
    END { exit !found }' <<<"$out"
done
check "generator and drift have floor and peer figures" awk -F'|' '
    { name = $2; gsub(/^ +| +$/, "", name) }
    (name == "generator: create_account" || name == "drift_tick: one virtual day") && $6 ~ /[0-9]\./ && $8 ~ /[0-9]\./ { n++ }
    END { exit n != 2 }' <<<"$out"
check "benchmark accounts dropped" test "$(sql "SELECT count(*) FROM finsim.cloud_accounts WHERE name LIKE 'bench-%'")" = 0
finish
