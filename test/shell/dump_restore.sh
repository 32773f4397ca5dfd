#!/usr/bin/env bash
# pg_dump -Fc + pg_restore into a new database keeps every row of every finsim table
# (the tables are registered with pg_extension_config_dump), and the restored estate still
# works (audited updates, and a drift tick when finsim.drift_tick exists).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=finsim_shell_dump_src
dst=finsim_shell_dump_dst
dump=$(mktemp /tmp/finsim-dump.XXXXXX)
cleanup() {
  rm -f "$dump"
  "$PGBIN/dropdb" --if-exists "$src" >/dev/null 2>&1 || true
  "$PGBIN/dropdb" --if-exists "$dst" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup

"$PGBIN/createdb" "$src"
q -d "$src" -c 'CREATE EXTENSION finsim CASCADE'
# Hand-written rows in every table, then audited changes (events with virtual times).
q -d "$src" -f "$REPO/test/fixtures/handwritten_rows.sql"
q -d "$src" -c "UPDATE finsim.instances SET state = 'stopped' WHERE instance_id = 'i-0fixture00000001'" \
            -c "UPDATE finsim.volumes SET volume_type = 'gp3' WHERE volume_id = 'vol-0fixture000001'"
# A generated estate too, when the generator is installed.
if [ -n "$(q -d "$src" -c "SELECT to_regprocedure('finsim.create_account(text,integer,bigint,date)')")" ]; then
  q -d "$src" -c "SELECT finsim.create_account('dump-gen', 60, 42, '2025-01-01')" >/dev/null
  echo "# generated account dump-gen included"
fi

empty=$(q -d "$src" <<'SQL'
DO $$
DECLARE t text; n bigint; missing text := '';
BEGIN
  FOR t IN SELECT relname FROM pg_class WHERE relnamespace = 'finsim'::regnamespace AND relkind = 'r' LOOP
    EXECUTE format('SELECT count(*) FROM finsim.%I', t) INTO n;
    IF n = 0 THEN missing := missing || ' ' || t; END IF;
  END LOOP;
  PERFORM set_config('finsim_shell.missing', missing, false);
END $$;
SELECT current_setting('finsim_shell.missing');
SQL
)
[ -z "$empty" ] || fail "source tables without rows: $empty"

"$PGBIN/pg_dump" -Fc -f "$dump" "$src"
"$PGBIN/createdb" "$dst"
"$PGBIN/pg_restore" --exit-on-error -d "$dst" "$dump"

before=$(table_digests "$src")
after=$(table_digests "$dst")
[ "$(echo "$before" | wc -l)" -eq 27 ] || fail "expected 27 tables, got $(echo "$before" | wc -l)"
if [ "$before" != "$after" ]; then
  diff <(echo "$before") <(echo "$after") >&2 || true
  fail "restored tables differ from the source"
fi
echo "# 27 tables, $(echo "$before" | awk '{s += $2} END {print s}') rows restored identically"

# The restored schema is the extension's, and it still works there.
[ "$(schema_fingerprint "$src")" = "$(schema_fingerprint "$dst")" ] || fail "restored schema differs"
n0=$(q -d "$dst" -c "SELECT count(*) FROM finsim.resource_change_events")
q -d "$dst" -c "UPDATE finsim.instances SET state = 'running' WHERE instance_id = 'i-0fixture00000001'"
n1=$(q -d "$dst" -c "SELECT count(*) FROM finsim.resource_change_events")
[ "$n1" -eq $((n0 + 1)) ] || fail "audit trigger not working after restore ($n0 -> $n1)"
if [ -n "$(q -d "$dst" -c "SELECT to_regprocedure('finsim.drift_tick(uuid,integer)')")" ]; then
  # The simulation continues: the same tick gives the same rows in source and restored copy.
  acc=$(q -d "$dst" -c "SELECT id FROM finsim.cloud_accounts WHERE name = 'fixture'")
  q -d "$src" -c "UPDATE finsim.instances SET state = 'running' WHERE instance_id = 'i-0fixture00000001'"
  for db in "$src" "$dst"; do
    q -d "$db" -c "SELECT finsim.drift_tick('$acc', 3)" >/dev/null || fail "drift_tick fails in $db"
  done
  a=$(table_digests "$src" sim); b=$(table_digests "$dst" sim)
  if [ "$a" != "$b" ]; then
    diff <(echo "$a") <(echo "$b") >&2 || true
    fail "drift_tick after restore diverges from the source"
  fi
  echo "# drift_tick continues identically on the restored database"
fi
echo "# dump/restore ok"
