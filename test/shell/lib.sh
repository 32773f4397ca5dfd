# Shared helpers for test/shell/*.sh (sourced; not a test itself — run-tests.sh skips
# files named lib.sh).  Expects the cluster environment of scripts/with-cluster.sh
# (PGHOST, PGPORT, PGUSER) and optionally PG_CONFIG.
PG_CONFIG=${PG_CONFIG:-pg_config}
PGBIN=$("$PG_CONFIG" --bindir 2>/dev/null || dirname "$(command -v psql)")
SHAREDIR=$("$PG_CONFIG" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

q()  { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
fail() { echo "# FAIL: $*" >&2; exit 1; }

# The 27 finsim tables, one per line.
finsim_tables() {
  q -d "$1" -c "SELECT c.relname FROM pg_class c
                 WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind = 'r' ORDER BY 1"
}

# "table count md5" for every finsim table, rows ordered by key, as JSON text.
# With a second argument "sim", wall-clock bookkeeping (created_at, updated_at) is left out,
# so two databases that simulated the same history compare equal.
table_digests() {
  local db=$1 t key row="to_jsonb(x)"
  [ "${2:-}" = sim ] && row="(to_jsonb(x) - 'created_at' - 'updated_at')"
  for t in $(finsim_tables "$db"); do
    key="account_id, id"; [ "$t" = cloud_accounts ] && key="id"
    q -d "$db" -c "SELECT '$t ' || count(*) || ' ' || coalesce(md5(string_agg($row::text, E'\n' ORDER BY $key)), '-')
                     FROM finsim.$t x"
  done
}

# A description of everything the extension installs in schema finsim: columns, defaults,
# constraints, indexes, triggers, policies, functions, comments, grants.
schema_fingerprint() {
  q -d "$1" <<'SQL'
SELECT 'col ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE c.relnamespace = 'finsim'::regnamespace AND c.relkind IN ('r', 'v')
UNION ALL
SELECT 'con ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace = 'finsim'::regnamespace
UNION ALL
SELECT 'idx ' || pg_get_indexdef(indexrelid) FROM pg_index
 WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'finsim'::regnamespace)
UNION ALL
SELECT 'trg ' || pg_get_triggerdef(t.oid) FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'finsim'::regnamespace AND NOT t.tgisinternal
UNION ALL
SELECT 'pol ' || tablename || ' ' || policyname || ' ' || roles::text || ' ' || cmd || ' '
       || coalesce(qual, '') || ' ' || coalesce(with_check, '')
  FROM pg_policies WHERE schemaname = 'finsim'
UNION ALL
SELECT 'rls ' || relname || ' ' || relrowsecurity || ' ' || relforcerowsecurity || ' ' || coalesce(relacl::text, '')
  FROM pg_class WHERE relnamespace = 'finsim'::regnamespace AND relkind = 'r'
UNION ALL
SELECT 'fn ' || p.oid::regprocedure || ' ' || md5(pg_get_functiondef(p.oid)) || ' ' || coalesce(p.proacl::text, '')
  FROM pg_proc p WHERE p.pronamespace = 'finsim'::regnamespace AND p.prokind IN ('f', 'p', 'w')
UNION ALL
SELECT 'cmt ' || CASE WHEN classoid = 'pg_class'::regclass THEN objoid::regclass::text
                      ELSE objoid::regprocedure::text END || ' ' || objsubid || ' ' || md5(description)
  FROM pg_description
 WHERE (classoid = 'pg_class'::regclass AND objoid IN (SELECT oid FROM pg_class WHERE relnamespace = 'finsim'::regnamespace))
    OR (classoid = 'pg_proc'::regclass AND objoid IN (SELECT oid FROM pg_proc WHERE pronamespace = 'finsim'::regnamespace))
ORDER BY 1;
SQL
}
