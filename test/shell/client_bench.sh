#!/usr/bin/env bash
# finsim bench --resources 10000 completes and prints every row (no timing asserts).
source "$(dirname "$0")/../../tools/finsim/testlib.sh"
use_database finsim_client_bench

expect_rc 0 "bench --help" "$FINSIM" bench --help
check "bench --help usage shows [--print-sql ID]" contains "$out" "[--print-sql ID]"
expect_rc 2 "bench --print-sql --dsn x: --dsn is not taken as the value" "$FINSIM" bench --print-sql --dsn x
check "... and the message says --print-sql needs a value" contains "$err" "option --print-sql needs a value"
expect_rc 2 "bench --resources 0 is a usage error" "$FINSIM" bench --resources 0
# One account holds at most 5,000,000 resources (finsim.create_account): checked up front.
expect_rc 2 "bench --resources 5000001 is a usage error" "$FINSIM" bench --resources 5000001
check "... the message gives 1..5000000" contains "$err" "--resources must be between 1 and 5000000"
expect_rc 2 "bench --others 5000001 is a usage error" "$FINSIM" bench --others 5000001
check "... the message gives 0..5000000" contains "$err" "--others must be between 0 and 5000000"
expect_rc 1 "bench --resources 2000000 (default --others clamped; then no such database)" \
  "$FINSIM" bench --resources 2000000 --dsn "dbname=finsim_client_no_such_db"
check "... says the default --others is clamped to 5000000" \
  contains "$err" "--others defaults to 3 x N = 6000000, more than an account can hold; using 5000000"

# A run that fails after creating its first account (here: a trigger refuses the second one)
# drops what it created, unless --keep.
sql "CREATE FUNCTION public.refuse_second_account() RETURNS trigger LANGUAGE plpgsql AS \$\$
     BEGIN IF NEW.name LIKE 'bench-b-%' THEN RAISE EXCEPTION 'test: no second account'; END IF; RETURN NEW; END \$\$;
     CREATE TRIGGER refuse_second_account BEFORE INSERT ON finsim.cloud_accounts
       FOR EACH ROW EXECUTE FUNCTION public.refuse_second_account();
     -- create_account runs with session_replication_role = replica: only ALWAYS triggers fire
     ALTER TABLE finsim.cloud_accounts ENABLE ALWAYS TRIGGER refuse_second_account"
expect_rc 1 "bench failing at the second account exits 1" "$FINSIM" bench --resources 200 --others 300 --no-peer
check "... reports the error" contains "$err" "test: no second account"
check "... says it drops its accounts, best effort" contains "$err" "bench: failed; dropping the accounts it created (bench-a-200 and bench-b-300), best effort"
check "... and that it dropped bench-a-200" contains "$err" "bench: dropped 1 account"
check "no bench account left after the failure" test "$(sql "SELECT count(*) FROM finsim.cloud_accounts WHERE name LIKE 'bench-%'")" = 0
expect_rc 1 "bench --keep failing at the second account exits 1" "$FINSIM" bench --resources 200 --others 300 --no-peer --keep
check "... says --keep leaves its accounts" contains "$err" "bench: failed; --keep: the accounts it created (bench-a-200 and bench-b-300) are left"
check "... and left bench-a-200" test "$(sql "SELECT count(*) FROM finsim.cloud_accounts WHERE name LIKE 'bench-%'")" = 1
sql "DROP TRIGGER refuse_second_account ON finsim.cloud_accounts; DROP FUNCTION public.refuse_second_account();
     SELECT finsim.drop_account(id) FROM finsim.cloud_accounts WHERE name LIKE 'bench-%'" >/dev/null

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
# Private memory (RssAnon sampled while the statement ran) is part of what VmHWM counts.
check "drift has a private-memory figure no larger than its peak" awk -F'|' '
    { name = $2; gsub(/^ +| +$/, "", name) }
    name == "drift_tick: one virtual day" && $11 ~ /^ *[0-9]+\.[0-9] *$/ && $11 + 0 > 0 && $11 + 0 <= $10 + 0 { ok = 1 }
    END { exit !ok }' <<<"$out"
check "benchmark accounts dropped" test "$(sql "SELECT count(*) FROM finsim.cloud_accounts WHERE name LIKE 'bench-%'")" = 0
creates_extension finsim_client_bench_noext "$FINSIM" bench --resources 100 --others 0 --no-peer
finish
