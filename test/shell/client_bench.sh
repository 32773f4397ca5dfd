#!/usr/bin/env bash
# finsim bench --resources 10000 completes and prints every row (no timing asserts).
source "$(dirname "$0")/../../tools/finsim/testlib.sh"
use_database finsim_client_bench

expect_rc 0 "bench --help" "$FINSIM" bench --help
expect_rc 2 "bench --resources 0 is a usage error" "$FINSIM" bench --resources 0

expect_rc 0 "bench --resources 10000" "$FINSIM" bench --resources 10000 --others 10000
echo "$out" | sed 's/^/# /'
check "markdown header" contains "$out" "| benchmark | rows | finsim s |"
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
