#!/usr/bin/env bash
# Two Waymark instances on one PostgreSQL (docs/operations.md, "Beyond one machine"): signs in on
# instance A, reads a person page with that session cookie on instance B (sessions live in the
# database, so no sticky sessions), then drives the person page with wrk: 32 connections on one
# instance, then 16 on each of two instances at the same time. Prints requests/s and p99.
#
#   Benchmarks/load/two_instances.sh --binary .build/release/waymark --database postgres://…/db [--duration 15]
#
# The database must hold data (e.g. `waymark demo --scale national --fraction 0.02 --database …`).
set -euo pipefail
binary="" database="" duration=15
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$binary" ] && [ -n "$database" ] || { echo "usage: $0 --binary BIN --database postgres://… [--duration S]" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
work=$(mktemp -d)
"$binary" serve --demo --database "$database" --port 18931 > "$work/a.log" 2>&1 & a=$!
"$binary" serve --demo --database "$database" --port 18932 > "$work/b.log" 2>&1 & b=$!
trap 'kill $a $b 2>/dev/null; wait $a $b 2>/dev/null || true' EXIT
for port in 18931 18932; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
done
jar="$work/jar"
csrf=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:18931/sign-in | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"//')
email=$(psql "${database%%\?*}" -tAc "SELECT email FROM users WHERE role = 'practitioner' AND email LIKE 'practitioner.%' ORDER BY email LIMIT 1")
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "email=$email" \
  --data-urlencode "password=waymark-demo-2026" http://127.0.0.1:18931/sign-in
person=$(psql "${database%%\?*}" -tAc "SELECT p.id FROM people p JOIN users u ON u.id = p.practitioner_id WHERE u.email = '$email' LIMIT 1")
cookie=$(awk '$6 == "waymark-session" {print $7}' "$jar")
for port in 18931 18932; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: waymark-session=$cookie" "http://127.0.0.1:$port/people/$person")
  echo "person page on instance :$port with the session made on :18931 → $code"
  [ "$code" = 200 ] || { echo "the session did not work on :$port" >&2; exit 1; }
done
run() { wrk -t1 -c"$2" -d"${duration}s" --latency -H "Cookie: waymark-session=$cookie" "http://127.0.0.1:$1/people/$person" > "$work/wrk.$1.$3"; }
summary() { awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {printf "%s req/s, p99 %s", r, p}' "$1"; }
run 18931 32 one
echo "one instance, 32 connections: $(summary "$work/wrk.18931.one")"
run 18931 16 two & other=$!
run 18932 16 two
wait "$other"
echo "two instances, 16 connections each: A $(summary "$work/wrk.18931.two"); B $(summary "$work/wrk.18932.two")"
