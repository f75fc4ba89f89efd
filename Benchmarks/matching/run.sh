#!/usr/bin/env bash
# Bulk-matching benchmark: one waiting list (10,000 mentees, 2,000 mentors with capacity 1-3,
# about 30% of pairs forbidden, Waymark-like scores 0-100), solved by Waymark's exact solver
# (BulkMatching in WaymarkCore) and by OR-Tools' min-cost flow in the same run. Checks that both
# find the same total score and compares the solve times (the target: Waymark <= OR-Tools).
#
# Usage: Benchmarks/matching/run.sh [--direct] [--referrals N] [--mentors M] [--seed S]
#   --direct   time Waymark's solver with a throw-away swiftc -O build of the two Matching
#              source files (in a temporary directory) instead of `swift run -c release
#              waymark bench matching FILE`.
# Environment: WAYMARK_BENCH_DIR (default: $TMPDIR or /tmp) holds the generated instance.
# Needs: python3 with numpy and ortools (pip install numpy ortools), swift.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
direct=0
referrals=10000
mentors=2000
seed=20261123
while [ $# -gt 0 ]; do
    case "$1" in
        --direct) direct=1 ;;
        --referrals) referrals="$2"; shift ;;
        --mentors) mentors="$2"; shift ;;
        --seed) seed="$2"; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

dir="${WAYMARK_BENCH_DIR:-${TMPDIR:-/tmp}}/waymark-matching"
mkdir -p "$dir"
instance="$dir/instance-${referrals}x${mentors}-seed${seed}.txt"

python3 -c 'import numpy' 2>/dev/null || { echo "numpy is missing: pip install numpy" >&2; exit 1; }
python3 -c 'import ortools' 2>/dev/null || { echo "ortools is missing: pip install ortools" >&2; exit 1; }

echo "== instance"
if [ ! -s "$instance" ]; then
    python3 "$here/generate.py" "$instance" --referrals "$referrals" --mentors "$mentors" --seed "$seed"
else
    echo "reusing $instance"
fi

echo "== OR-Tools (SimpleMinCostFlow)"
ortools_line="$(python3 "$here/ortools_solve.py" "$instance")"
echo "$ortools_line"

echo "== Waymark (BulkMatching)"
waymark_line=""
if [ "$direct" = 1 ]; then
    build="$(mktemp -d)"
    trap 'rm -rf "$build"' EXIT
    cat > "$build/main.swift" <<'SWIFT'
import Foundation

@main
struct BenchMatching {
    static func main() throws {
        let text = try String(contentsOfFile: CommandLine.arguments[1], encoding: .utf8)
        print(MatchingInstance.benchmarkReport(text: text))
    }
}
SWIFT
    swiftc -O -wmo -parse-as-library "$root/Sources/WaymarkCore/Matching/BulkMatching.swift" \
        "$root/Sources/WaymarkCore/Matching/MatchingInstance.swift" "$build/main.swift" -o "$build/bench"
    waymark_line="$("$build/bench" "$instance")"
else
    if ! output="$(cd "$root" && swift run -c release waymark bench matching "$instance" 2>&1)"; then
        echo "$output" | tail -n 20
        echo
        echo "FAILED: 'swift run -c release waymark bench matching FILE' did not run." >&2
        echo "The command prints MatchingInstance.benchmarkReport(text:) for FILE; until it exists," >&2
        echo "run this script with --direct to time the solver through a standalone swiftc -O build." >&2
        exit 1
    fi
    waymark_line="$(echo "$output" | grep -E 'total=[0-9]+' | tail -n 1 || true)"
    if [ -z "$waymark_line" ]; then
        echo "$output" | tail -n 20
        echo "FAILED: 'waymark bench matching' printed no 'total=' line." >&2
        exit 1
    fi
fi
echo "$waymark_line"

field() { echo "$1" | sed -nE "s/.*[[:space:]]$2=([0-9.]+).*/\1/p"; }
ortools_total="$(field "$ortools_line" total)"
waymark_total="$(field "$waymark_line" total)"
ortools_solve="$(field "$ortools_line" solve_seconds)"
waymark_solve="$(field "$waymark_line" solve_seconds)"

echo "== result"
if [ "$ortools_total" != "$waymark_total" ]; then
    echo "MISMATCH: OR-Tools total $ortools_total, Waymark total $waymark_total" >&2
    exit 1
fi
echo "equal total score: $waymark_total"
python3 - "$waymark_solve" "$ortools_solve" <<'PY'
import sys
waymark, ortools = (float(x) for x in sys.argv[1:3])
ratio = waymark / ortools if ortools > 0 else float("inf")
verdict = "meets" if waymark <= ortools else "MISSES"
print(f"solve time: Waymark {waymark:.3f}s, OR-Tools {ortools:.3f}s "
      f"(Waymark/OR-Tools = {ratio:.3f}, {1/ratio if ratio else float('inf'):.1f}x faster); {verdict} the target")
sys.exit(0 if waymark <= ortools else 1)
PY
