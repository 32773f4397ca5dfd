#!/usr/bin/env bash
# finsim agent: dry run changes nothing; a real run realizes savings with no harmful action.
source "$(dirname "$0")/../../tools/finsim/testlib.sh"
use_database finsim_client_agent

acc=$(sql "SELECT finsim.create_account('agent-test', 400, 11)")
sql "SELECT count(*) FROM finsim.drift_tick('$acc', 3)" >/dev/null
read -r key secret < <(psql -qAtX -F' ' -c "SELECT access_key_id, secret FROM finsim.create_api_client('$acc', 'client-test', '{read:*,act:*}')")
check "api key created" test -n "${key:-}" -a -n "${secret:-}"

expect_rc 0 "agent --help" "$FINSIM" agent --help
expect_rc 2 "agent without --secret is a usage error" "$FINSIM" agent --key "$key"
expect_rc 2 "agent --min-savings x is a usage error" "$FINSIM" agent --key "$key" --secret "$secret" --min-savings x
expect_rc 1 "agent with a wrong secret fails" "$FINSIM" agent --key "$key" --secret wrong

expect_rc 0 "agent --dry-run" "$FINSIM" agent --key "$key" --secret "$secret" --dry-run
check "dry run lists planned actions" contains "$out" "would apply"
check "dry run changed nothing" test "$(sql "SELECT count(*) FROM finsim.resource_change_events WHERE account_id = '$acc' AND change_source = 'agent'")" = 0

expect_rc 0 "agent applies actions" "$FINSIM" agent --key "$key" --secret "$secret"
check "agent reports applied actions" contains "$out" "applied"
check "agent prints the scorecard" contains "$out" "Scorecard"
realized=$(cell "$out" realized_monthly_savings)
harmful=$(cell "$out" harmful_actions)
echo "# realized_monthly_savings=$realized harmful_actions=$harmful"
check "scorecard: realized savings > 0" awk -v v="${realized:-0}" 'BEGIN { exit !(v > 0) }'
check "scorecard: zero harmful actions" test "${harmful:-x}" = 0
check "agent changes are audited as agent" test "$(sql "SELECT count(*) > 0 FROM finsim.resource_change_events WHERE account_id = '$acc' AND change_source = 'agent'")" = t

expect_rc 0 "second run finds less to do" "$FINSIM" agent --key "$key" --secret "$secret" --min-savings 1
check "second run: still zero harmful actions" test "$(cell "$out" harmful_actions)" = 0

# The same agent as a non-superuser login role that is only a member of finsim_agent: it sees
# its key's account through RLS and changes it only through finsim's functions.
bot=finsim_client_bot
trap 'dropdb --if-exists "$PGDATABASE" >/dev/null 2>&1; psql -qX -d postgres -c "DROP ROLE IF EXISTS $bot" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
sql "DROP ROLE IF EXISTS $bot" && sql "CREATE ROLE $bot LOGIN IN ROLE finsim_agent"
acc2=$(sql "SELECT finsim.create_account('agent-role-test', 300, 12)")
read -r key2 secret2 < <(psql -qAtX -F' ' -c "SELECT access_key_id, secret FROM finsim.create_api_client('$acc2', 'bot', '{read:*,act:*}')")
check "$bot sees no rows before login" test "$(PGUSER=$bot psql -qAtX -c 'SELECT count(*) FROM finsim.instances' 2>&1)" = 0
before=$(sql "SELECT count(*) FROM finsim.resource_change_events WHERE account_id = '$acc'")
expect_rc 0 "agent as the finsim_agent role $bot" env PGUSER=$bot "$FINSIM" agent --key "$key2" --secret "$secret2"
check "role agent: realized savings > 0" awk -v v="$(cell "$out" realized_monthly_savings)" 'BEGIN { exit !(v > 0) }'
check "role agent: zero harmful actions" test "$(cell "$out" harmful_actions)" = 0
check "role agent left the first account alone" test "$(sql "SELECT count(*) FROM finsim.resource_change_events WHERE account_id = '$acc'")" = "$before"
expect_rc 1 "role agent with another account's key secret fails" env PGUSER=$bot "$FINSIM" agent --key "$key2" --secret "$secret"
finish
