#!/usr/bin/env bash
# Waymark's browser journeys with accessibility checks, against a real server.
#
#   Tests/browser/run.sh BINARY [journeys.py options, e.g. --only keyboard]
#
# Loads the demo world into a fresh SQLite database in a temporary directory, serves it with
# BINARY (a built `waymark`) with --demo, waits for /readyz, runs journeys.py and stops the
# server. Then journey_golive.py goes live on a real installation: its own database (migrate,
# setup), its own server without --demo on its own port, the administrator's first day through
# to invited staff signing in. Exits non-zero if any journey failed. Needs Python with
# selenium 4 and axe-playwright-python==0.1.8 (installed with --no-deps; only its axe.min.js is
# used), Chromium and chromedriver.
#
# Environment:
#   PYTHON        the interpreter with those packages (default python3)
#   PORT          the port to serve the demo on (default: the first free one from 18600)
#   GOLIVE        "skip" to run only the demo journeys, "only" to run only the go-live journey
#                 (default: both; the go-live server takes the first free port after the demo's)
#   ARTIFACTS     where screenshots and HTML of failures go (default Tests/browser/artifacts)
#   CHROME_BIN    Chromium (default /usr/bin/chromium); CHROMEDRIVER (default /usr/bin/chromedriver)
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 BINARY [journeys.py options]" >&2
    exit 2
fi
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
[[ -x "$binary" ]] || { echo "run.sh: $binary is not an executable" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=${PYTHON:-python3}
export ARTIFACTS=${ARTIFACTS:-$here/artifacts}

free_port() {
    "$python" - "$1" <<'EOF'
import socket, sys
port = int(sys.argv[1])
while port < int(sys.argv[1]) + 200:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            print(port)
            break
        except OSError:
            port += 1
else:
    sys.exit("no free port")
EOF
}
port=${PORT:-$(free_port 18600)}

[[ "${GOLIVE:-both}" =~ ^(both|skip|only)$ ]] || { echo "run.sh: GOLIVE is skip, only or unset" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/waymark-browser.XXXXXX")
server_pid=
stop_server() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
}
cleanup() {
    status=$?
    stop_server
    if [[ $status -ne 0 ]]; then
        # The demo server's log, unless only the go-live journey failed (it prints its own).
        if [[ -s "$dir/server.log" && ${demo_status:-1} -ne 0 ]]; then
            echo "--- last lines of the server log ($dir/server.log) ---"
            tail -n 40 "$dir/server.log"
        fi
        echo "run.sh: kept $dir"
    else
        rm -rf "$dir"
    fi
    exit $status
}
trap cleanup EXIT INT TERM

url="http://127.0.0.1:$port"
status=0
golive=${GOLIVE:-both}
# Only what an earlier run left: screenshots and pages.
[[ -d "$ARTIFACTS" ]] && find "$ARTIFACTS" -maxdepth 1 -type f \( -name "*.png" -o -name "*.html" \) -delete
started=$(date +%s)

if [[ "$golive" != only ]]; then
    database="sqlite:$dir/w.sqlite"
    echo "browser journeys: demo data into $dir/w.sqlite"
    "$binary" demo --database "$database" > "$dir/demo.log" 2>&1 || { cat "$dir/demo.log"; exit 1; }

    echo "browser journeys: serving on 127.0.0.1:$port"
    LOG_LEVEL=${LOG_LEVEL:-warning} "$binary" serve --demo --database "$database" --hostname 127.0.0.1 --port "$port" > "$dir/server.log" 2>&1 &
    server_pid=$!

    ready=
    for _ in $(seq 1 300); do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "run.sh: the server stopped before it was ready" >&2
            exit 1
        fi
        if "$python" -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('$url/readyz', timeout=2).status == 200 else 1)" 2>/dev/null; then
            ready=1
            break
        fi
        sleep 0.2
    done
    [[ -n "$ready" ]] || { echo "run.sh: $url/readyz did not answer within a minute" >&2; exit 1; }

    WAYMARK_URL="$url" "$python" "$here/journeys.py" "$@" || status=$?
    demo_status=$status
    stop_server
    echo "browser journeys: demo journeys finished in $(( $(date +%s) - started ))s (exit $status)"
fi

if [[ "$golive" != skip ]]; then
    # Its own database and server (started and stopped by journey_golive.py), on its own port.
    golive_status=0
    TMPDIR="$dir" LOG_LEVEL=${LOG_LEVEL:-warning} "$python" "$here/journey_golive.py" "$binary" --port "$(free_port $((port + 1)))" \
        || golive_status=$?
    echo "browser journeys: go-live journey exit $golive_status"
    [[ $golive_status -eq 0 ]] || status=$golive_status
fi
echo "browser journeys: finished in $(( $(date +%s) - started ))s (exit $status)"
exit $status
