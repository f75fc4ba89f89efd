#!/usr/bin/env bash
# API fuzzing gate (issue #8): schemathesis against the served OpenAPI document, once per role
# with a valid token. Fails on any 5xx, and on any response whose status code, content type,
# headers or body the document does not describe; see schemathesis.toml for the checks.
#
#   bash Tests/fuzz/run.sh PATH/TO/waymark
#
# Needs schemathesis 4.x on PATH (or SCHEMATHESIS="python -m schemathesis"), python3 and curl.
# Environment: WAYMARK_FUZZ_PORT (default 18700); WAYMARK_FUZZ_ROLES (default: all six);
# WAYMARK_FUZZ_JOBS (roles fuzzed at once, default 2); WAYMARK_FUZZ_SEED and
# WAYMARK_FUZZ_MAX_EXAMPLES (default: the config's) to explore further than the gate does;
# WAYMARK_FUZZ_KEEP=1 to keep the temporary directory (kept anyway when the gate fails).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 PATH/TO/waymark" >&2
  exit 64
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
read -r -a st <<< "${SCHEMATHESIS:-schemathesis}"
port=${WAYMARK_FUZZ_PORT:-18700}
roles=${WAYMARK_FUZZ_ROLES:-"administrator coordinator practitioner staffFacilitator mentor commissioner"}
base="http://127.0.0.1:$port"
started=$(date +%s)

"${st[@]}" --version >/dev/null 2>&1 || { echo "schemathesis not found (set SCHEMATHESIS)" >&2; exit 64; }
dir=$(mktemp -d /tmp/waymark-fuzz.XXXXXX)
db="sqlite:$dir/waymark.sqlite"
server=""
status=0
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ "$status" -eq 0 ] && [ "${WAYMARK_FUZZ_KEEP:-0}" != 1 ]; then rm -rf "$dir"; else echo "fuzz: logs and reports kept in $dir"; fi
}
trap cleanup EXIT

# The demo world, and one token per role: the first demo user of that role in Essex (the
# administrator works in all areas).
"$bin" demo --database "$db" > "$dir/demo.txt"
declare -A token
for role in $roles; do
  email=$(awk -v r="$role" '$1 == r && ($3 == "Essex" || $3 == "All") { print $2; exit }' "$dir/demo.txt")
  [ -n "$email" ] || { echo "fuzz: no demo user with role $role in Essex" >&2; status=1; exit 1; }
  token[$role]=$("$bin" tokens create --database "$db" --email "$email" | tail -n 1)
done
coordinator_token=${token[coordinator]:-$("$bin" tokens create --database "$db" --email coordinator.essex@waymark.example | tail -n 1)}

if curl -s "$base/readyz" >/dev/null 2>&1; then
  echo "fuzz: something already answers on port $port (set WAYMARK_FUZZ_PORT)" >&2; status=1; exit 1
fi
"$bin" serve --demo --database "$db" --port "$port" > "$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$base/readyz" >/dev/null || { echo "fuzz: the server did not become ready" >&2; tail -n 20 "$dir/serve.log" >&2; status=1; exit 1; }

# The configuration, and beside it the dictionaries of real ids it refers to.
cp "$here/schemathesis.toml" "$dir/schemathesis.toml"
ids=$(python3 "$here/collect_ids.py" "$base/api/v1" "$coordinator_token" "$dir/ids")
echo "fuzz: ids from the demo world: $ids"

extra=()
[ -n "${WAYMARK_FUZZ_SEED:-}" ] && extra+=(--seed "$WAYMARK_FUZZ_SEED")
[ -n "${WAYMARK_FUZZ_MAX_EXAMPLES:-}" ] && extra+=(--max-examples "$WAYMARK_FUZZ_MAX_EXAMPLES")
fuzz_role() {
  local role=$1 role_started rc
  role_started=$(date +%s)
  set +e
  # Run from the temporary directory so nothing (caches, reports) is written into the checkout.
  (cd "$dir" && "${st[@]}" --config-file "$dir/schemathesis.toml" run "$base/api/v1/openapi.json" \
      -H "Authorization: Bearer ${token[$role]}" "${extra[@]}" --no-color \
      --report junit --report-dir "$dir/reports/$role") > "$dir/$role.log" 2>&1
  rc=$?
  set -e
  echo "$rc $(( $(date +%s) - role_started ))" > "$dir/$role.result"
}
# schemathesis is CPU-bound Python, one core per run: two roles at a time halve the wall time on
# two cores (the server needs little).
jobs=${WAYMARK_FUZZ_JOBS:-2}
pids=()
running() { local n=0 pid; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && n=$((n + 1)); done; echo $n; }
for role in $roles; do
  while [ "$(running)" -ge "$jobs" ]; do sleep 1; done
  fuzz_role "$role" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || true; done

summary=()
for role in $roles; do
  read -r rc took < "$dir/$role.result" 2>/dev/null || { rc=1; took="?"; }
  last=$(grep -E '^=+ .* in [0-9.]+s =+$' "$dir/$role.log" | tail -n 1 | sed -E 's/^=+ //; s/ =+$//' || true)
  summary+=("$(printf '%-17s %-5s %4ss  %s' "$role" "$([ "$rc" -eq 0 ] && echo ok || echo FAIL)" "$took" "${last:-no summary (exit $rc)}")")
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "=== $role: schemathesis failed (exit $rc); full log: $dir/$role.log"
    # The failures and errors, without the progress and warnings around them (or, when
    # schemathesis stopped before testing, the end of its output).
    if grep -qE '^=+ (FAILURES|ERRORS) =+$' "$dir/$role.log"; then
      sed -n '/^=* \(FAILURES\|ERRORS\) =*$/,/^=* \(WARNINGS\|SUMMARY\) =*$/p' "$dir/$role.log" | sed '$d' | cut -c1-300 | head -n 300 || true
    else
      tail -n 30 "$dir/$role.log" | cut -c1-300
    fi
  fi
done

if ! kill -0 "$server" 2>/dev/null; then
  echo "fuzz: the server died during the run" >&2; tail -n 20 "$dir/serve.log" >&2; status=1
fi
# Every 5xx is logged as "Unhandled error", including any to a request schemathesis sent only
# as a probe and did not check.
if grep -q "Unhandled error" "$dir/serve.log"; then
  echo "fuzz: the server logged errors:"; grep "Unhandled error" "$dir/serve.log" | sed 's/ \[request-id.*//' | sort | uniq -c | head -n 20
  status=1
fi

echo
echo "=== API fuzzing summary ($(( $(date +%s) - started ))s) ==="
printf '%s\n' "${summary[@]}"
if [ "$status" -ne 0 ]; then echo "API fuzzing: FAILED"; else echo "API fuzzing: passed"; fi
exit "$status"
