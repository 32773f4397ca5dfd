#!/usr/bin/env bash
# finsim agent: dry run changes nothing; a real run realizes savings with no harmful action.
source "$(dirname "$0")/../../tools/finsim/testlib.sh"
source test/shell/lib.sh  # table_digests
use_database finsim_client_agent

acc=$(sql "SELECT finsim.create_account('agent-test', 400, 11)")
sql "SELECT count(*) FROM finsim.drift_tick('$acc', 3)" >/dev/null
read -r key secret < <(psql -qAtX -F' ' -c "SELECT access_key_id, secret FROM finsim.create_api_client('$acc', 'client-test', '{read:*,act:*}')")
check "api key created" test -n "${key:-}" -a -n "${secret:-}"

unset FINSIM_ACCESS_KEY FINSIM_SECRET
expect_rc 0 "agent --help" "$FINSIM" agent --help
check "help names FINSIM_ACCESS_KEY, FINSIM_SECRET and --secret-file" \
  bash -c 'grep -q FINSIM_ACCESS_KEY <<<"$1" && grep -q FINSIM_SECRET <<<"$1" && grep -q -- "--secret-file PATH" <<<"$1"' _ "$out"
check "help warns that --secret shows in ps and shell history" contains "$out" "visible to every local user in \`ps\`"
expect_rc 2 "agent without --secret is a usage error" "$FINSIM" agent --key "$key"
check "... naming where a secret can come from" contains "$err" "--secret-file PATH, FINSIM_SECRET or --secret S"
expect_rc 2 "agent without --key is a usage error" "$FINSIM" agent --secret "$secret"
check "... naming FINSIM_ACCESS_KEY" contains "$err" "--key ID or FINSIM_ACCESS_KEY"

# The secret kept out of ps: environment variables, or a file (first line; - is stdin).
expect_rc 0 "agent with FINSIM_ACCESS_KEY and FINSIM_SECRET" \
  env FINSIM_ACCESS_KEY="$key" FINSIM_SECRET="$secret" "$FINSIM" agent --dry-run
check "... logged in (plans actions)" contains "$out" "would apply"
printf '%s\nsecond line ignored\n' "$secret" >"$tmp/secret"
expect_rc 0 "agent --secret-file (first line)" "$FINSIM" agent --key "$key" --secret-file "$tmp/secret" --dry-run
printf '%s\r\n' "$secret" >"$tmp/secret-crlf"
expect_rc 0 "agent --secret-file with a CRLF line" "$FINSIM" agent --key "$key" --secret-file "$tmp/secret-crlf" --dry-run
expect_rc 0 "agent --secret-file - reads stdin" "$FINSIM" agent --key "$key" --secret-file - --dry-run <<<"$secret"
expect_rc 0 "--key overrides FINSIM_ACCESS_KEY" \
  env FINSIM_ACCESS_KEY=AKIANOSUCHKEY "$FINSIM" agent --key "$key" --secret-file "$tmp/secret" --dry-run
expect_rc 2 "agent --secret-file missing file is a usage error" "$FINSIM" agent --key "$key" --secret-file "$tmp/nope"
check "... saying it cannot read it" contains "$err" "cannot read --secret-file $tmp/nope: No such file or directory"
: >"$tmp/empty"
expect_rc 2 "agent --secret-file with an empty first line is a usage error" "$FINSIM" agent --key "$key" --secret-file "$tmp/empty"
check "... saying so" contains "$err" "the first line is empty"
expect_rc 2 "agent --secret-file on a directory is a usage error" "$FINSIM" agent --key "$key" --secret-file "$tmp"
expect_rc 2 "agent with both --secret and --secret-file is a usage error" \
  "$FINSIM" agent --key "$key" --secret "$secret" --secret-file "$tmp/secret"
echo wrong >"$tmp/wrong"
expect_rc 1 "agent --secret-file with a wrong secret fails to log in" "$FINSIM" agent --key "$key" --secret-file "$tmp/wrong"
expect_rc 2 "agent --min-savings x is a usage error" "$FINSIM" agent --key "$key" --secret "$secret" --min-savings x
expect_rc 1 "agent with a wrong secret fails" "$FINSIM" agent --key "$key" --secret wrong

# A dry run's session is read-only on the server: login leaves api_clients.last_used_at alone
# and the scorecard expires no recommendation (or, on a server whose scorecard writes, fails
# with 25006 and a note stands in for it).
dry_run_changes_nothing() {
  local before after
  before=$(table_digests "$PGDATABASE")
  expect_rc 0 "agent --dry-run $1" "$FINSIM" agent --key "$key" --secret "$secret" --dry-run
  after=$(table_digests "$PGDATABASE")
  check "dry run $1 lists planned actions" contains "$out" "would apply"
  check "dry run $1 prints the scorecard or the read-only note" \
    bash -c 'grep -q "^Scorecard$" <<<"$1" || grep -q "^Scorecard not shown: .*read-only \[SQLSTATE 25006\]\.$" <<<"$1"' _ "$out"
  check "dry run $1 changed no row of any finsim table" test "$before" = "$after"
  [ "$before" = "$after" ] || diff <(echo "$before") <(echo "$after") | sed 's/^/# /'
}
dry_run_changes_nothing "(first login)"
check "dry run left last_used_at NULL" test -z "$(sql "SELECT last_used_at FROM finsim.api_clients WHERE access_key_id = '$key'")"

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

# Later virtual days (a login would move last_used_at) and an open recommendation whose
# resource does not exist (a scorecard that may write would expire it).
sql "SELECT count(*) FROM finsim.drift_tick('$acc', 2)" >/dev/null
sql "INSERT INTO finsim.recommendations (account_id, resource_type, resource_id, pattern, action, created_by)
     VALUES ('$acc', 'instances', '00000000-0000-0000-0000-000000000000', 'idle_instance', 'stop_instance', 'test')"
dry_run_changes_nothing "(after the real runs)"
check "the dangling recommendation is still open" \
  test "$(sql "SELECT status FROM finsim.recommendations WHERE account_id = '$acc' AND created_by = 'test'")" = open

# The same agent as a non-superuser login role that is only a member of finsim_agent: it sees
# its key's account through RLS and changes it only through finsim's functions.
bot=finsim_client_bot
test_role $bot finsim_agent
acc2=$(sql "SELECT finsim.create_account('agent-role-test', 300, 12)")
read -r key2 secret2 < <(psql -qAtX -F' ' -c "SELECT access_key_id, secret FROM finsim.create_api_client('$acc2', 'bot', '{read:*,act:*}')")
check "$bot sees no rows before login" test "$(PGUSER=$bot psql -qAtX -c 'SELECT count(*) FROM finsim.instances' 2>&1)" = 0
before=$(sql "SELECT count(*) FROM finsim.resource_change_events WHERE account_id = '$acc'")
expect_rc 0 "agent as the finsim_agent role $bot" env PGUSER=$bot "$FINSIM" agent --key "$key2" --secret "$secret2"
check "role agent: realized savings > 0" awk -v v="$(cell "$out" realized_monthly_savings)" 'BEGIN { exit !(v > 0) }'
check "role agent: zero harmful actions" test "$(cell "$out" harmful_actions)" = 0
check "role agent left the first account alone" test "$(sql "SELECT count(*) FROM finsim.resource_change_events WHERE account_id = '$acc'")" = "$before"
expect_rc 1 "role agent with another account's key secret fails" env PGUSER=$bot "$FINSIM" agent --key "$key2" --secret "$secret"

# Connected as an admin role (which can reach every account outside the agent's calls): the agent says so.
check "no admin warning as $bot (only finsim_agent)" bash -c '! grep -q "connected as an admin role" <<<"$1"' _ "$err"
expect_rc 0 "agent as the superuser" "$FINSIM" agent --key "$key2" --secret "$secret2" --dry-run
check "... warns: connected as an admin role" grep -q "^finsim agent: warning: connected as an admin role: " <<<"$err"
admin=finsim_client_admin
test_role $admin finsim_admin
expect_rc 0 "agent as a finsim_admin member" env PGUSER=$admin "$FINSIM" agent --key "$key2" --secret "$secret2" --dry-run
check "... warns: connected as an admin role" grep -q "^finsim agent: warning: connected as an admin role: $admin " <<<"$err"

# A read-only key (no act: scope) stops before acting, with exit 1, as an agent or an admin.
read -r rokey rosecret < <(psql -qAtX -F' ' -c "SELECT access_key_id, secret FROM finsim.create_api_client('$acc2', 'reader', '{read:*}')")
events() { sql "SELECT count(*) FROM finsim.resource_change_events WHERE account_id = '$acc2'"; }
before=$(events)
expect_rc 1 "read-only key as $bot stops" env PGUSER=$bot "$FINSIM" agent --key "$rokey" --secret "$rosecret"
check "... saying the key cannot act and why" contains "$err" "key $rokey cannot act: its scopes are read:* (no act:* or act:<table>)"
check "... before trying any finding" bash -c '! grep -q "Actions, in order" <<<"$1"' _ "$out"
expect_rc 1 "read-only key as the superuser stops too" "$FINSIM" agent --key "$rokey" --secret "$rosecret"
check "... saying the key cannot act" contains "$err" "cannot act"
check "read-only key changed nothing" test "$(events)" = "$before"
expect_rc 0 "read-only key --dry-run still plans" env PGUSER=$bot "$FINSIM" agent --key "$rokey" --secret "$rosecret" --dry-run
check "... and says a real run would stop" contains "$out" "the key has no act: scope, a real run would stop"

# A key with one act:<table> scope acts on that table only: the agent asks the server
# (finsim.may_act) and skips the other tables' findings, counted per table, instead of
# trying them and collecting 42501 refusals.  A fresh estate, so both kinds are there.
acc3=$(sql "SELECT finsim.create_account('agent-scope-test', 300, 13)")
read -r tkey tsecret < <(psql -qAtX -F' ' -c "SELECT access_key_id, secret FROM finsim.create_api_client('$acc3', 'tables', '{read:*,act:volumes}')")
expect_rc 0 "a key with one act:<table> scope, dry run" env PGUSER=$bot "$FINSIM" agent --key "$tkey" --secret "$tsecret" --dry-run
check "... plans volumes only" test "$(awk -F'│' 'NF > 8 && $3 ~ /[a-z]/ && $8 ~ /would apply/ {gsub(/ /, "", $3); print $3}' <<<"$out" | sort -u)" = volumes
check "... and skips the instance findings, saying why" \
  awk -v v="$(cell "$out" "skipped: key may not act on instances")" 'BEGIN { exit !(v > 0) }'
expect_rc 0 "a key with one act:<table> scope runs" env PGUSER=$bot "$FINSIM" agent --key "$tkey" --secret "$tsecret"
check "... no finding refused for want of scope (no error 42501)" bash -c '! grep -q "error 42501" <<<"$1"' _ "$out"
skipped=$(awk -F'│' '$2 ~ /skipped: key may not act on / {gsub(/ /, "", $3); n += $3} END {print n + 0}' <<<"$out")
echo "# findings skipped for want of scope: $skipped"
check "... skips the other tables' findings (counted in the decisions)" test "$skipped" -gt 0
check "... lists them per table" contains "$out" "skipped: key may not act on instances"
check "... applied actions on volumes" contains "$out" "applied"
check "... the server saw agent changes on volumes only" \
  test "$(sql "SELECT count(*) FILTER (WHERE resource_type = 'volumes') > 0 AND count(*) FILTER (WHERE resource_type <> 'volumes') = 0
                 FROM finsim.resource_change_events WHERE account_id = '$acc3' AND change_source = 'agent'")" = t
check "... zero harmful actions" test "$(cell "$out" harmful_actions)" = 0
# A key revoked mid-run: the agent's next scope check (finsim.may_act) fails with 42501.  It
# must still report what it already did (the first action, the decisions) and exit 1, not
# stop with nothing printed.  A trigger revokes the key when the agent's first change lands.
acc4=$(sql "SELECT finsim.create_account('agent-revoke-test', 300, 17)")
read -r vkey vsecret < <(psql -qAtX -F' ' -c "SELECT access_key_id, secret FROM finsim.create_api_client('$acc4', 'revoked', '{read:*,act:*}')")
sql "CREATE FUNCTION public.finsim_test_revoke_on_first_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS \$\$
     BEGIN
       UPDATE finsim.api_clients SET revoked_at = now() WHERE access_key_id = '$vkey' AND revoked_at IS NULL;
       RETURN NULL;
     END \$\$;
     CREATE TRIGGER zz_revoke_on_first_change AFTER INSERT ON finsim.resource_change_events
       FOR EACH ROW WHEN (NEW.change_source = 'agent' AND NEW.account_id = '$acc4') EXECUTE FUNCTION public.finsim_test_revoke_on_first_change()" >/dev/null
expect_rc 1 "a key revoked after the first action: exit 1" env PGUSER=$bot "$FINSIM" agent --key "$vkey" --secret "$vsecret"
check "... the actions table is printed" contains "$out" "Actions, in order of estimated savings"
# (its first action may be a recommendation: a 'recommend' finding with savings is passed on)
check "... with the action it took before the revocation" bash -c 'grep -Eq "│ *(applied|recommended) *│" <<<"$1"' _ "$out"
check "... the later findings skipped with the server's reason" contains "$out" "skipped: scope check failed [SQLSTATE 42501]"
check "... and the decisions are printed" contains "$out" "Decisions"
sql "DROP TRIGGER zz_revoke_on_first_change ON finsim.resource_change_events; DROP FUNCTION public.finsim_test_revoke_on_first_change()" >/dev/null
finish
