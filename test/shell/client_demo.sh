#!/usr/bin/env bash
# finsim demo: a small estate, tables printed, deterministic reruns, usage errors.
source "$(dirname "$0")/../../tools/finsim/testlib.sh"
use_database finsim_client_demo

expect_rc 0 "finsim --version" "$FINSIM" --version
check "--version prints the client version" grep -qE '^finsim client [0-9]+\.[0-9]+\.[0-9]+ \(libpq [0-9]+\.[0-9]+\)$' <<<"$out"
expect_rc 0 "demo --help" "$FINSIM" demo --help
check "help lists --resources" contains "$out" "--resources"
check "help gives the range of --top" grep -qE -- '--top K .*1\.\.1000\)' <<<"$out"
expect_rc 2 "demo --top 1001 is a usage error" "$FINSIM" demo --top 1001
expect_rc 2 "demo --seed --days 3: an option is not taken as a value" "$FINSIM" demo --seed --days 3
check "... and the message says --seed needs a value" contains "$err" "option --seed needs a value"
expect_rc 2 "demo --days -1 is a usage error" "$FINSIM" demo --days -1
expect_rc 2 "demo with an unknown option is a usage error" "$FINSIM" demo --nope
expect_rc 2 "demo --resources abc is a usage error" "$FINSIM" demo --resources abc
expect_rc 2 "demo --resources 5000001 (more than an account holds) is a usage error" "$FINSIM" demo --resources 5000001
check "... the message gives 1..5000000" contains "$err" "--resources must be between 1 and 5000000"

expect_rc 0 "demo --resources 300 --days 3" "$FINSIM" demo --resources 300 --days 3 --seed 5
first=$out
for title in "Estate summary" "Top 10 findings" "Waste by pattern" "Monthly run-rate per virtual day"; do
  check "demo prints '$title'" contains "$out" "$title"
done
check "progress bar on stderr" contains "$err" "drift"
check "trend reaches day 3" grep -qE '^│ +3 │' <<<"$out"
check "account demo-5-300 exists with 3 ticks" test "$(sql "SELECT ticks FROM finsim.cloud_accounts WHERE name = 'demo-5-300'")" = 3
estate_total=$(awk -F'│' '$2 ~ /^ total +$/ { gsub(/ /, "", $4); print $4; exit }' <<<"$out")
echo "# estate total: $estate_total"
check "estate total run-rate is not zero" test -n "$estate_total" -a "$estate_total" != '$0.00'
rate=$(sql "SELECT finsim.monthly_run_rate(id) FROM finsim.cloud_accounts WHERE name = 'demo-5-300'")
last_day=$(awk -F'│' '$2 ~ /^ +3 +$/ && $3 ~ /-/ { gsub(/[ $,]/, "", $4); print $4; exit }' <<<"$out")
echo "# monthly_run_rate: $rate, trend day 3: $last_day"
near() { awk -v a="${1//[\$,]/}" -v b="${2//[\$,]/}" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && b != "" && d < 0.1) }'; }
check "estate total = finsim.monthly_run_rate (to the cent, summed per type)" near "$estate_total" "$rate"
check "trend's last day = finsim.monthly_run_rate after the last tick" near "$last_day" "$rate"

expect_rc 0 "demo rerun replaces the account" "$FINSIM" demo --resources 300 --days 3 --seed 5
check "rerun prints the same tables (determinism)" test "$(tail -n +2 <<<"$first")" = "$(tail -n +2 <<<"$out")"
check "one demo-5-300 account after the rerun" test "$(sql "SELECT count(*) FROM finsim.cloud_accounts WHERE name = 'demo-5-300'")" = 1

creates_extension finsim_client_demo_noext "$FINSIM" demo --resources 50 --days 0
expect_rc 1 "demo against a missing database fails with exit 1" "$FINSIM" demo --dsn "dbname=finsim_client_no_such_db"
finish
