#!/usr/bin/env bash
# Waymark's browser journeys with accessibility checks, against a real server.
#
#   Tests/browser/run.sh BINARY [journeys.py options, e.g. --only keyboard]
#
# Loads the demo world into a fresh SQLite database in a temporary directory, serves it with
# BINARY (a built `waymark`), waits for /readyz, runs journeys.py, stops the server and exits
# non-zero if any journey failed. Needs Python with selenium 4 and axe-playwright-python==0.1.8
# (installed with --no-deps; only its axe.min.js is used), Chromium and chromedriver.
#
# Environment:
#   PYTHON        the interpreter with those packages (default python3)
#   PORT          the port to serve on (default: the first free one from 18600)
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

dir=$(mktemp -d "${TMPDIR:-/tmp}/waymark-browser.XXXXXX")
server_pid=
cleanup() {
    status=$?
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    if [[ $status -ne 0 && -s "$dir/server.log" ]]; then
        echo "--- last lines of the server log ($dir/server.log) ---"
        tail -n 40 "$dir/server.log"
    else
        rm -rf "$dir"
    fi
    exit $status
}
trap cleanup EXIT INT TERM

database="sqlite:$dir/w.sqlite"
started=$(date +%s)
echo "browser journeys: demo data into $dir/w.sqlite"
"$binary" demo --database "$database" > "$dir/demo.log" 2>&1 || { cat "$dir/demo.log"; exit 1; }

echo "browser journeys: serving on 127.0.0.1:$port"
LOG_LEVEL=${LOG_LEVEL:-warning} "$binary" serve --demo --database "$database" --hostname 127.0.0.1 --port "$port" > "$dir/server.log" 2>&1 &
server_pid=$!

url="http://127.0.0.1:$port"
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

# Only what an earlier run left: screenshots and pages.
[[ -d "$ARTIFACTS" ]] && find "$ARTIFACTS" -maxdepth 1 -type f \( -name "*.png" -o -name "*.html" \) -delete
status=0
WAYMARK_URL="$url" "$python" "$here/journeys.py" "$@" || status=$?
echo "browser journeys: finished in $(( $(date +%s) - started ))s (exit $status)"
exit $status
