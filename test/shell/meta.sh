#!/usr/bin/env bash
# META.json is valid PGXN meta (JSON, spec 1.0.0, version = control default_version,
# PostgreSQL 15 prerequisite, pg_cron recommended); finsim.control has default_version
# 0.1.0, relocatable = false and schema finsim.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO"
python3 -m json.tool META.json >/dev/null || fail "META.json is not valid JSON"
grep -qx "default_version = '0.1.0'" finsim.control || fail "finsim.control: default_version must be '0.1.0'"
grep -qx "relocatable = false" finsim.control || fail "finsim.control: relocatable must be false"
grep -qx "schema = finsim" finsim.control || fail "finsim.control: schema must be finsim"
python3 - <<'PY' || fail "META.json content"
import json, sys
m = json.load(open("META.json"))
errors = []
for key in ("name", "abstract", "version", "maintainer", "license", "provides", "meta-spec"):
    if key not in m:
        errors.append("missing " + key)
if m.get("meta-spec", {}).get("version") != "1.0.0":
    errors.append("meta-spec version must be 1.0.0")
if m.get("version") != "0.1.0" or m.get("provides", {}).get("finsim", {}).get("version") != "0.1.0":
    errors.append("version and provides.finsim.version must be 0.1.0")
run = m.get("prereqs", {}).get("runtime", {})
if not str(run.get("requires", {}).get("PostgreSQL", "")).startswith("15"):
    errors.append("prereqs.runtime.requires.PostgreSQL must be 15")
if "pg_cron" not in run.get("recommends", {}):
    errors.append("pg_cron must be a recommended runtime prereq")
for e in errors:
    print("# " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
echo "# META.json and finsim.control ok"
