#!/usr/bin/env bash
# Page load benchmark (issue #7): starts `waymark serve` on an existing database, signs in
# through the real sign-in form as a practitioner and a coordinator of one area, and drives with
# wrk, one after another on the same server process:
#   bare route     /healthz (no session, no database: the framework's ceiling)
#   person page    /people/{id}          a person on the practitioner's caseload (audited read)
#   caseload list  /people               the practitioner's people list (first page)
#   suggestions    /referrals/{id}       the coordinator's view of the oldest waiting referral,
#                                        with its ranked mentor suggestions
#   waiting list   /referrals            the coordinator's waiting list with demand and capacity
#   annual report  /reports?year=Y&area=SLUG   the last complete reporting year
# then prints a Markdown table (req/s, p50/p99 latency, non-2xx, socket errors, % of the bare
# route), the server's peak RSS (VmHWM), the command line and the issue's targets.
#
# Usage: Benchmarks/load/run.sh --binary PATH/TO/waymark --database sqlite:PATH
#            [--duration 15] [--connections 32] [--threads 2] [--port 18800] [--out FILE.md]
#            [--area SLUG] [--password PASSWORD]
#   --binary      a built waymark (use a release build for figures: swift build -c release)
#   --database    sqlite:PATH of a database that already holds data, e.g. made with
#                 `waymark demo --scale national --database sqlite:PATH`. The run writes to it
#                 (sessions, and the audit entries every page read makes): use a copy if it must
#                 stay as it was.
#   --duration    seconds of load per route (default 15)
#   --connections wrk connections (default 32); --threads wrk threads (default 2)
#   --port        port for the server on 127.0.0.1 (default 18800); must be free
#   --out         also append the Markdown summary to FILE.md (only when nothing broke)
#   --area        area slug to take the users and records from (default: the area with the
#                 most referrals waiting that has a coordinator and a practitioner with a caseload)
#   --password    the users' password (default: the demo's, waymark-demo-2026)
# Exit status: 0 when every route was measured (whether or not the targets were met), 1 when
# something broke (server did not start, sign-in failed, a page was not 200, a non-2xx response
# or a socket error under load), 2 for a usage error or a missing tool.
# Needs: wrk (Debian/Ubuntu: apt-get install -y wrk), curl, sqlite3, python3. Linux (/proc).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
command_line="$(printf '%q ' "$0" "$@")"
command_line="${command_line% }"

binary=""
database=""
duration=15
connections=32
threads=2
port=18800
out=""
area_slug=""
password="${WAYMARK_BENCH_PASSWORD:-waymark-demo-2026}"
timeout=10s

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
die() { echo "run.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="${2:-}"; shift ;;
        --database) database="${2:-}"; shift ;;
        --duration) duration="${2:-}"; shift ;;
        --connections) connections="${2:-}"; shift ;;
        --threads) threads="${2:-}"; shift ;;
        --port) port="${2:-}"; shift ;;
        --out) out="${2:-}"; shift ;;
        --area) area_slug="${2:-}"; shift ;;
        --password) password="${2:-}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
done

[ -n "$binary" ] || die "--binary PATH is required"
[ -x "$binary" ] || die "not an executable: $binary"
case "$database" in
    sqlite::memory:) die "--database must be a file: the data must already be there" ;;
    sqlite:*) db_file="${database#sqlite:}" ;;
    "") die "--database sqlite:PATH is required" ;;
    *) die "only sqlite:PATH databases are supported (the records are picked with sqlite3)" ;;
esac
[ -s "$db_file" ] || die "no database at $db_file (make one with: $binary demo --database $database)"
for n in "$duration" "$connections" "$threads" "$port"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "not a positive whole number: $n"
done
[ "$connections" -ge "$threads" ] || die "--connections must be at least --threads"
[ -z "$area_slug" ] || [[ "$area_slug" =~ ^[a-z0-9-]+$ ]] || die "not an area slug: $area_slug"
if ! command -v wrk >/dev/null 2>&1; then
    echo "run.sh: wrk is missing. Install it: apt-get install -y wrk (Debian/Ubuntu)" >&2
    exit 2
fi
for tool in curl sqlite3 python3; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
[ -r /proc/self/status ] || die "needs Linux /proc to read the server's memory"

base="http://127.0.0.1:$port"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "something is already listening on port $port: choose another with --port"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/waymark-load.XXXXXX")"
server_pid=""
say() { echo "== $*" >&2; }
fail() { # also from inside $(...): the marker file tells cleanup to keep the evidence
    echo "FAILED: $*" >&2
    : >"$work/.failed"
    exit 1
}
# The server runs in a process group of its own (setsid), so that stopping it also stops anything
# it started (after a crash, Swift's backtracer holds on to the listening socket).
signal_server() { kill "-$1" -- "-$server_pid" 2>/dev/null || kill "-$1" "$server_pid" 2>/dev/null || true; }
cleanup() {
    if [ -n "$server_pid" ]; then
        signal_server TERM
        for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
        signal_server KILL
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ -e "$work/.failed" ]; then
        echo "(server log and wrk output kept in $work)" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

sql() { sqlite3 -batch -noheader -readonly -separator $'\t' -cmd ".timeout 10000" "$db_file" "$1"; }
uuid_re='^[0-9A-Fa-f-]{36}$'

# --- the server -------------------------------------------------------------------------------
say "starting $binary serve --demo --database $database --port $port"
setsid "$binary" serve --demo --database "$database" --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!
started=$(date +%s)
until curl -fs -o /dev/null --max-time 2 "$base/readyz"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        tail -n 20 "$work/serve.log" >&2
        fail "the server exited before it was ready"
    fi
    if [ $(( $(date +%s) - started )) -gt "${WAYMARK_BENCH_START_TIMEOUT:-180}" ]; then
        tail -n 20 "$work/serve.log" >&2
        fail "the server was not ready (/readyz) within ${WAYMARK_BENCH_START_TIMEOUT:-180}s"
    fi
    sleep 0.3
done
say "server ready (pid $server_pid) after $(( $(date +%s) - started ))s"

# --- the records: one area, its coordinator and practitioner, a person, a waiting referral ------
# Chosen with sqlite3 after the server has migrated the database. Deterministic for a given file.
if [ -n "$area_slug" ]; then
    area_row="$(sql "SELECT id, slug, name FROM areas WHERE slug = '$area_slug';")"
    [ -n "$area_row" ] || fail "no area with slug $area_slug"
else
    area_row="$(sql "
        SELECT a.id, a.slug, a.name FROM areas a
        WHERE EXISTS (SELECT 1 FROM user_areas ua JOIN users u ON u.id = ua.user_id
                      WHERE ua.area_id = a.id AND u.role = 'coordinator' AND u.active = 1)
          AND EXISTS (SELECT 1 FROM people p JOIN users u ON u.id = p.practitioner_id
                      WHERE p.area_id = a.id AND u.role = 'practitioner' AND u.active = 1)
        ORDER BY (SELECT count(*) FROM referrals r JOIN people p ON p.id = r.person_id
                  WHERE p.area_id = a.id AND r.state = 'awaitingAllocation') DESC, a.slug
        LIMIT 1;")"
    [ -n "$area_row" ] || fail "no area has both an active coordinator and a practitioner with a caseload"
fi
IFS=$'\t' read -r area_id area_slug area_name <<<"$area_row"
[[ "$area_id" =~ $uuid_re ]] || fail "unexpected area id: $area_id"

coordinator="$(sql "
    SELECT u.email FROM users u JOIN user_areas ua ON ua.user_id = u.id
    WHERE ua.area_id = '$area_id' AND u.role = 'coordinator' AND u.active = 1
    ORDER BY (SELECT count(*) FROM user_areas x WHERE x.user_id = u.id), u.email LIMIT 1;")"
[ -n "$coordinator" ] || fail "no active coordinator in $area_name"

practitioner_row="$(sql "
    SELECT u.id, u.email FROM users u JOIN people p ON p.practitioner_id = u.id
    WHERE p.area_id = '$area_id' AND u.role = 'practitioner' AND u.active = 1
    GROUP BY u.id ORDER BY count(*) DESC, u.email LIMIT 1;")"
[ -n "$practitioner_row" ] || fail "no active practitioner with a caseload in $area_name"
IFS=$'\t' read -r practitioner_id practitioner <<<"$practitioner_row"
[[ "$practitioner_id" =~ $uuid_re ]] || fail "unexpected user id: $practitioner_id"

# The person with the fullest record on that caseload (most orders and risk assessments).
person_id="$(sql "
    SELECT p.id FROM people p
    WHERE p.practitioner_id = '$practitioner_id' AND p.area_id = '$area_id'
    ORDER BY (SELECT count(*) FROM orders o WHERE o.person_id = p.id)
           + (SELECT count(*) FROM risk_assessments r WHERE r.person_id = p.id) DESC, p.sort_name, p.id
    LIMIT 1;")"
[[ "$person_id" =~ $uuid_re ]] || fail "no person on $practitioner's caseload"

# The referral at the top of the waiting list (oldest), as the coordinator would open it.
referral_id="$(sql "
    SELECT r.id FROM referrals r JOIN people p ON p.id = r.person_id
    WHERE p.area_id = '$area_id' AND r.state = 'awaitingAllocation'
    ORDER BY r.referred_on, r.id LIMIT 1;")"
[[ "$referral_id" =~ $uuid_re ]] || fail "no referral waiting (awaitingAllocation) in $area_name"

dataset="$(sql "
    SELECT (SELECT count(*) FROM areas) || ' areas, '
        || (SELECT count(*) FROM users) || ' users, '
        || (SELECT count(*) FROM people) || ' people, '
        || (SELECT count(*) FROM orders) || ' orders, '
        || (SELECT count(*) FROM mentors) || ' mentors, '
        || (SELECT count(*) FROM referrals WHERE state = 'awaitingAllocation') || ' referrals waiting';")"
say "data: $dataset"
say "area $area_name ($area_slug): practitioner $practitioner, coordinator $coordinator"

# --- sign in through the form (CSRF token in a hidden field, session cookie) --------------------
sign_in() { # email jar -> prints the session cookie value
    local email="$1" jar="$2" token code location cookie
    rm -f "$jar"
    code="$(curl -sS -c "$jar" -b "$jar" -o "$work/sign-in.html" -w '%{http_code}' "$base/sign-in")"
    [ "$code" = 200 ] || fail "GET /sign-in answered $code"
    token="$(python3 "$here/summarise.py" csrf "$work/sign-in.html")" || fail "no CSRF token on /sign-in"
    read -r code location < <(curl -sS -c "$jar" -b "$jar" -o "$work/sign-in-post.html" \
        -w '%{http_code} %{redirect_url}\n' \
        --data-urlencode "_csrf=$token" --data-urlencode "email=$email" --data-urlencode "password=$password" \
        "$base/sign-in")
    if [ "$code" != 303 ] || [[ "$location" == *"/sign-in"* ]]; then
        fail "signing in as $email answered $code ${location:-} (wrong password? use --password)"
    fi
    cookie="$(awk -F'\t' '$6 == "waymark-session" { v = $7 } END { print v }' "$jar")"
    [ -n "$cookie" ] || fail "no waymark-session cookie after signing in as $email"
    echo "waymark-session=$cookie"
}
practitioner_cookie="$(sign_in "$practitioner" "$work/practitioner.jar")"
coordinator_cookie="$(sign_in "$coordinator" "$work/coordinator.jar")"

# --- the annual report's year: the one the page shows by default (the last complete year) -------
code="$(curl -sS -o "$work/report.html" -w '%{http_code}' -H "Cookie: $coordinator_cookie" "$base/reports?area=$area_slug")"
[ "$code" = 200 ] || fail "GET /reports?area=$area_slug as $coordinator answered $code"
report_year="$(python3 "$here/summarise.py" report-year "$work/report.html")" || fail "could not read the report's year"

# --- the routes ---------------------------------------------------------------------------------
# name|who|cookie variable|path|text the page must contain
routes=(
    "bare route|none|practitioner_cookie|/healthz|ok"
    "person page|practitioner|practitioner_cookie|/people/$person_id|/people/$person_id/"
    "caseload list|practitioner|practitioner_cookie|/people|People in your areas"
    "suggestions|coordinator|coordinator_cookie|/referrals/$referral_id|Suggested mentors"
    "waiting list|coordinator|coordinator_cookie|/referrals|Waiting list"
    "annual report|coordinator|coordinator_cookie|/reports?year=$report_year&area=$area_slug|Annual report $report_year"
)

check() { # name cookie path marker
    local name="$1" cookie="$2" path="$3" marker="$4" code t
    read -r code t < <(curl -sS -o "$work/check.html" -w '%{http_code} %{time_total}\n' -H "Cookie: $cookie" "$base$path") \
        || fail "$name: $path did not answer"
    [ "$code" = 200 ] || fail "$name: GET $path answered $code, not 200"
    grep -qF -- "$marker" "$work/check.html" || fail "$name: GET $path does not contain '$marker'"
    echo "$t"
}
for route in "${routes[@]}"; do
    IFS='|' read -r name who cookie_var path marker <<<"$route"
    t="$(check "$name" "${!cookie_var}" "$path" "$marker")"
    say "checked $name: GET $path -> 200 in ${t}s"
done

# --- load ---------------------------------------------------------------------------------------
rss_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
hz="$(getconf CLK_TCK)"
# wrk stops on time and drops its connections, but the server still works through the requests
# it had already read: wait until it is idle (under 10% of a core for half a second) so that one
# route's leftovers do not slow the next one down, and nothing is in flight when it is stopped.
settle() {
    local before after waited=0
    before="$(cpu_ticks "$server_pid")"
    while [ "$waited" -lt 240 ]; do
        sleep 0.5
        waited=$(( waited + 1 ))
        after="$(cpu_ticks "$server_pid")"
        if [ $(( (after - before) * 20 )) -lt "$hz" ]; then
            [ "$waited" -le 1 ] || say "server idle again after $(( waited / 2 ))s"
            return 0
        fi
        before="$after"
    done
    notes+=("the server was still busy 2 minutes after a route's load ended.")
}
stop_server() {
    local rc=0
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    wait "$server_pid" 2>/dev/null || rc=$?
    signal_server KILL
    server_pid=""
    if grep -qE 'Fatal error|Program crashed' "$work/serve.log"; then
        grep -m1 -E 'Fatal error' "$work/serve.log" >&2 || true
        fail "the server crashed (see serve.log)"
    fi
    [ "$rc" = 0 ] || fail "the server exited with status $rc when stopped (SIGTERM)"
}
notes=()
settle
wrk_version="$(wrk --version 2>&1 | head -n 1 | awk '{ print $1, $2 }' || true)"
: >"$work/results.tsv"
for route in "${routes[@]}"; do
    IFS='|' read -r name who cookie_var path marker <<<"$route"
    say "wrk $name: $path (${duration}s)"
    email="–"
    [ "$who" = practitioner ] && email="$practitioner"
    [ "$who" = coordinator ] && email="$coordinator"
    wrk -t "$threads" -c "$connections" -d "${duration}s" --latency --timeout "$timeout" \
        -s "$here/status.lua" -H "Cookie: ${!cookie_var}" "$base$path" >"$work/wrk-${name// /-}.txt" 2>&1 \
        || { cat "$work/wrk-${name// /-}.txt" >&2; fail "wrk failed on $name"; }
    result="$(grep '^WAYMARK_RESULT ' "$work/wrk-${name// /-}.txt" || true)"
    [ -n "$result" ] || { cat "$work/wrk-${name// /-}.txt" >&2; fail "wrk printed no result for $name"; }
    grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors' "$work/wrk-${name// /-}.txt" | sed 's/^ */   /' >&2 || true
    if ! kill -0 "$server_pid" 2>/dev/null || grep -qE 'Fatal error|Program crashed' "$work/serve.log"; then
        tail -n 20 "$work/serve.log" >&2
        fail "the server crashed or died during $name"
    fi
    settle
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$email" "$path" "$result" "$(rss_kb "$server_pid" VmRSS)" >>"$work/results.tsv"
done
peak_kb="$(rss_kb "$server_pid" VmHWM)"
end_kb="$(rss_kb "$server_pid" VmRSS)"
say "peak RSS (VmHWM) ${peak_kb} kB; stopping the server"
stop_server

# --- summary ------------------------------------------------------------------------------------
case "$binary" in
    */release/*) build=release ;;
    */debug/*) build=debug ;;
    *) build=unknown ;;
esac
commit="unknown"
if bin_repo="$(cd "$(dirname "$binary")" && git rev-parse --show-toplevel 2>/dev/null)"; then
    commit="$(git -C "$bin_repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    [ -z "$(git -C "$bin_repo" status --porcelain --untracked-files=no 2>/dev/null)" ] || commit="$commit (with local changes)"
fi
machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
[ "$build" = release ] || notes+=("a $build build: use a release build (swift build -c release) for figures to keep.")
total=$(( 6 * duration ))
[ "$total" -lt 270 ] || notes+=("the run lasted over 4.5 minutes, so the retention job (5 minutes after start) may have run during it.")
summary_status=0
python3 "$here/summarise.py" render "$work/results.tsv" \
    "date=$(date -u '+%Y-%m-%d %H:%M UTC')" "command=$command_line" "binary=$binary" "build=$build" \
    "commit=$commit" "database=$database" "dataset=$dataset" "wrk=$wrk_version" "threads=$threads" \
    "connections=$connections" "duration=$duration" "timeout=$timeout" "machine=$machine" \
    "practitioner=$practitioner" "coordinator=$coordinator" "area=$area_name" \
    "peak_rss_kb=$peak_kb" "end_rss_kb=$end_kb" "notes=$(IFS='|'; echo "${notes[*]:-}")" \
    >"$work/summary.md" || summary_status=$?
cat "$work/summary.md"
if [ "$summary_status" != 0 ]; then
    [ -z "$out" ] || echo "not appended to $out: the run had errors" >&2
    fail "some responses were not 2xx or had socket errors (see above and the wrk output)"
fi
if [ -n "$out" ]; then
    { echo; cat "$work/summary.md"; } >>"$out"
    say "appended to $out"
fi
