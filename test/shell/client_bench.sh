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
  check "row '$row' has a time" grep -qE "^\| $(sed 's/[]()[.*]/\\&/g' <<<"$row")[^|]* \| [0-9]* \| [0-9]+\.[0-9]+ \|" <<<"$out"
done
check "floors measured" test "$(grep -c '^| generator: create_account |.*| [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* |' <<<"$out")" -ge 1
check "benchmark accounts dropped" test "$(sql "SELECT count(*) FROM finsim.cloud_accounts WHERE name LIKE 'bench-%'")" = 0
finish
