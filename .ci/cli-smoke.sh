#!/usr/bin/env bash
# Drives the real executable as an operator would: migrate, demo, users create (password on
# stdin), tokens create, serve, one API call, audit verify, then tampering that verify must catch.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/waymark-smoke.XXXXXX)
db="sqlite:$dir/waymark.sqlite"
bin=$(swift build --show-bin-path)/waymark
swift build --product waymark >/dev/null

"$bin" --help >/dev/null
for sub in serve setup "import organisation" "users reset-link" migrate "users create" "users deactivate" "tokens create" demo "export report" "export person" "audit verify" \
  "audit unusual" "audit viewers" retention protect backup "import caseload"; do
  $bin $sub --help >/dev/null
done
"$bin" migrate --database "$db"
"$bin" demo --database "$db" | tee "$dir/demo.txt" | head -3
grep -q "coordinator.essex@waymark.example" "$dir/demo.txt"
echo "a-long-enough-password" | "$bin" users create --database "$db" --email new.coordinator@example.org \
  --name "New Coordinator" --role coordinator --area Essex --area dlnr
if echo "short" | "$bin" users create --database "$db" --email x@example.org --name X --role practitioner --area Essex 2>/dev/null; then
  echo "a short password was accepted" >&2; exit 1
fi
token=$("$bin" tokens create --database "$db" --email coordinator.essex@waymark.example | tail -n 1)
commissioner=$("$bin" tokens create --database "$db" --email commissioner.essex@waymark.example | tail -n 1)

# The demo holds the last complete reporting year (April to March) of Essex's "Year One" and DLNR's figures.
year=$(python3 -c 'import datetime; d=datetime.date.today(); print((d.year if d.month >= 4 else d.year - 1) - 1)')
"$bin" export report --database "$db" --year "$year" --area essex --format csv > "$dir/essex.csv"
python3 - "$dir/essex.csv" <<'PY'
import csv, sys
rows = {r["figure"]: r for r in csv.DictReader(open(sys.argv[1]))}
label = [k for k in next(iter(rows.values())).keys() if "-" in k][0]
assert rows["trainingDeliveryUnits"][label] == "6", rows["trainingDeliveryUnits"]
assert rows["deliveryUnits"][label] == "6", rows["deliveryUnits"]
assert rows["accredited"][label] == "18", rows["accredited"]
assert rows["mentorsEmployed"][label] == "2" and rows["mentorsWaitingToStart"][label] == "3", rows["mentorsEmployed"]
assert rows["firstQualification"][label] == "12" and rows["confidenceRated"][label] == "18", rows["confidenceRated"]
assert rows["confidenceChange"][label] == "+4.00", rows["confidenceChange"]
PY
"$bin" export report --database "$db" --year "$year" --area dlnr --format json > "$dir/dlnr.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; assert r["mentorsEmployed"] == 6 and r["mentorsReoffended"] == 0 and r["sessions"] > 0, r' "$dir/dlnr.json"
"$bin" export report --database "$db" --year "$year" --area dlnr --suppress-small-counts > "$dir/dlnr.txt"
grep -q "<5" "$dir/dlnr.txt"
if "$bin" export report --database "$db" --year 1999 2>/dev/null; then echo "a year before 2000 was accepted" >&2; exit 1; fi

port=18080
"$bin" serve --demo --database "$db" --port $port > "$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null
count=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/people?limit=5" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
[ "$count" = 5 ] || { echo "expected 5 people, got $count" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/people")
[ "$status" = 401 ] || { echo "expected 401 without a token, got $status" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["openapi"].startswith("3.1")'
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/reports/annual?year=$year" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["accredited"] == 18 and r["trainingDeliveryUnits"] == 6 and not r["suppressed"], r'
curl -sf -H "Authorization: Bearer $commissioner" "http://127.0.0.1:$port/api/v1/reports/annual?year=$year" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["suppressed"] and r["accredited"] == 18 and r["mentorsEmployed"] == "<5", r'
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $commissioner" "http://127.0.0.1:$port/api/v1/people")
[ "$status" = 403 ] || { echo "expected 403 for a commissioner reading people, got $status" >&2; exit 1; }
# A leaver's account is closed from the CLI while the server runs: their token stops working at once.
"$bin" users deactivate --database "$db" --email commissioner.essex@waymark.example
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $commissioner" "http://127.0.0.1:$port/api/v1/reports/annual?year=$year")
[ "$status" = 401 ] || { echo "expected 401 for a deactivated user's token, got $status" >&2; exit 1; }
kill $server; wait $server 2>/dev/null || true

# Data protection: a subject access export (JSON and text), who viewed the record, retention, unusual access.
crn=$(sqlite3 "$dir/waymark.sqlite" "SELECT crn FROM people WHERE crn IS NOT NULL ORDER BY crn LIMIT 1")
"$bin" export person --database "$db" --crn "$crn" > "$dir/sar.json"
python3 - "$dir/sar.json" "$crn" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
details = next(s for s in doc["sections"] if s["title"] == "Your details")
assert details["records"][0]["Crn"] == sys.argv[2], details
titles = {s["title"] for s in doc["sections"]}
assert {"Orders and licences", "Risk assessments", "Who has seen or changed your record"} <= titles, titles
PY
# Output goes to files before grep: `grep -q` stops reading early, which pipefail would report.
"$bin" export person --database "$db" --crn "$crn" --format text > "$dir/sar.txt"
grep -q "Everything Waymark holds about" "$dir/sar.txt"
"$bin" audit viewers --database "$db" --crn "$crn" > "$dir/viewers.txt"
grep -q "dataProtection.subjectAccess" "$dir/viewers.txt"
if "$bin" export person --database "$db" --crn "Z000000" 2>/dev/null; then echo "an unknown CRN was exported" >&2; exit 1; fi
"$bin" protect --database "$db" --crn "$crn" --action restrict --reason "Disputes the order end date"
if "$bin" protect --database "$db" --crn "$crn" --action restrict --reason "Again" 2>/dev/null; then echo "restricted twice" >&2; exit 1; fi
"$bin" protect --database "$db" --crn "$crn" --action liftRestriction --reason "Checked with the court"
# A caseload extract with two bad rows: exit 3 naming them; the same file again changes nothing.
python3 Benchmarks/import/generate_caseload.py "$dir/caseload.csv" --rows 300 --bad 2 --seed 3 >/dev/null
set +e; "$bin" import caseload --database "$db" "$dir/caseload.csv" > "$dir/import.txt" 2>/dev/null; status=$?; set -e
[ "$status" = 3 ] || { echo "expected exit 3 for an extract with bad rows, got $status" >&2; exit 1; }
grep -q "298 people added" "$dir/import.txt"
[ "$(grep -c '^line ' "$dir/import.txt")" = 2 ]
set +e; "$bin" import caseload --database "$db" "$dir/caseload.csv" > "$dir/import2.txt" 2>/dev/null; set -e
grep -q "0 people added, 0 updated, 298 unchanged" "$dir/import2.txt"
"$bin" retention --database "$db" --dry-run > "$dir/retention.txt"
grep -q "Nothing was changed" "$dir/retention.txt"
"$bin" audit unusual --database "$db" --days 30 >/dev/null

"$bin" audit verify --database "$db"
# An online backup, checked, that restores with an intact audit chain; never over an existing file.
"$bin" backup --database "$db" "$dir/backup.sqlite" | tee "$dir/backup.txt"
grep -q "audit chain intact" "$dir/backup.txt"
"$bin" audit verify --database "sqlite:$dir/backup.sqlite"
[ "$(sqlite3 "$dir/backup.sqlite" 'SELECT COUNT(*) FROM people')" = "$(sqlite3 "$dir/waymark.sqlite" 'SELECT COUNT(*) FROM people')" ]
if "$bin" backup --database "$db" "$dir/backup.sqlite" 2>/dev/null; then echo "a backup overwrote an existing file" >&2; exit 1; fi
sqlite3 "$dir/waymark.sqlite" "UPDATE audit_events SET detail = 'edited' WHERE sequence = 1"
if "$bin" audit verify --database "$db"; then echo "audit verify missed an edited row" >&2; exit 1; fi

# A real installation: setup on an empty database, then serve; never on a demo database.
live="sqlite:$dir/live.sqlite"
set +e; "$bin" serve --database "$live" --port 18081 > "$dir/no-admin.txt" 2>&1; status=$?; set -e
[ "$status" != 0 ] && grep -q "waymark setup" "$dir/no-admin.txt" || { echo "serve started without an administrator" >&2; exit 1; }
if echo "password1234" | "$bin" setup --database "$live" --provider "Essex Peer Mentoring" --admin-email ada@essex.example --admin-name "Ada Admin" 2>/dev/null; then
  echo "setup accepted a listed password" >&2; exit 1
fi
echo "kettle violin harbour" | "$bin" setup --database "$live" --provider "Essex Peer Mentoring" --admin-email ada@essex.example --admin-name "Ada Admin"
set +e; echo "kettle violin harbour" | "$bin" setup --database "$live" --provider "Other" --admin-email b@essex.example --admin-name B 2>/dev/null; status=$?; set -e
[ "$status" = 2 ] || { echo "a second setup was not refused with exit 2 (got $status)" >&2; exit 1; }
set +e; "$bin" serve --database "$db" --port 18081 > "$dir/demo-refused.txt" 2>&1; status=$?; set -e
[ "$status" != 0 ] && grep -q "demo data" "$dir/demo-refused.txt" || { echo "serve without --demo started on a demo database" >&2; exit 1; }
set +e; "$bin" serve --demo --database "$live" --port 18081 > "$dir/real-refused.txt" 2>&1; status=$?; set -e
[ "$status" != 0 ] || { echo "serve --demo started on a real database" >&2; exit 1; }
cat > "$dir/organisation.csv" <<'CSV'
Area,Area slug,Contact email,Delivery unit,Site,Address,Postcode
Essex,essex,mentoring@essex.example,Basildon,Basildon Probation Office,1 Great Oaks,ss141ab
Essex,essex,,Colchester,,,
Kent,,,Maidstone,Maidstone Office,3 Palace Avenue,ME15 6LW
Nowhere,Not A Slug,,,,,
CSV
set +e; "$bin" import organisation --database "$live" "$dir/organisation.csv" > "$dir/org.txt"; status=$?; set -e
[ "$status" = 3 ] && grep -q "^line 5: " "$dir/org.txt" && grep -q "2 areas added, 0 updated; 3 delivery units added; 2 sites added" "$dir/org.txt" \
  || { cat "$dir/org.txt"; echo "import organisation did not report as expected" >&2; exit 1; }
set +e; "$bin" import organisation --database "$live" "$dir/organisation.csv" > "$dir/org2.txt"; set -e
grep -q "0 areas added, 0 updated; 0 delivery units added; 0 sites added, 0 updated" "$dir/org2.txt" || { cat "$dir/org2.txt"; exit 1; }
echo "kettle violin harbour" | "$bin" users create --database "$live" --email pat@essex.example --name "Pat Practitioner" --role practitioner --area Essex
short=$("$bin" tokens create --database "$live" --email pat@essex.example --expires-in 1 --name "Smoke" | tail -n 1)
"$bin" users reset-link --database "$live" --email pat@essex.example --public-url https://waymark.essex.example | tail -n 1 \
  | grep -q '^https://waymark.essex.example/reset-password/[A-Za-z0-9_-]*$' || { echo "users reset-link printed no link" >&2; exit 1; }
if "$bin" tokens create --database "$live" --email pat@essex.example --expires-in 400 2>/dev/null; then echo "a 400-day token was made" >&2; exit 1; fi
"$bin" serve --database "$live" --port 18082 > "$dir/live-serve.log" 2>&1 &
live_server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:18082/readyz" >/dev/null && break; sleep 0.2; done
curl -sf -H "Authorization: Bearer $short" "http://127.0.0.1:18082/api/v1/areas" \
  | python3 -c 'import json,sys; names=sorted(a["name"] for a in json.load(sys.stdin)["items"]); assert names == ["Essex", "Kent"], names'
curl -sf -H "Authorization: Bearer $short" "http://127.0.0.1:18082/api/v1/tokens" \
  | python3 -c 'import json,sys; t=json.load(sys.stdin)["items"]; assert len(t) == 1 and t[0]["name"] == "Smoke" and t[0]["expiresAt"], t'
kill $live_server; wait $live_server 2>/dev/null || true
"$bin" audit verify --database "$live"

echo "CLI smoke test passed"
rm -rf "$dir"
