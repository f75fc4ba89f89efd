#!/usr/bin/env bash
# The annual report over a (national) dataset against the same aggregate written as one SQL
# query in the sqlite3 shell, in the same run: checks the figures agree and compares times.
#
#   Benchmarks/report/run.sh --binary .build/release/waymark --database sqlite:PATH --area london --year 2025 [--runs 5]
#
# Waymark's time is `waymark bench report` (in-process, the page's code path: facts loaded,
# both years worked out, per delivery unit and for the area). The SQL time is sqlite3's
# `.timer` for annual.sql. Each is the median of --runs runs after one warm-up.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="" database="" area="" year="" runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    --area) area="$2"; shift 2 ;;
    --year) year="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$binary" ] && [ -n "$database" ] && [ -n "$area" ] && [ -n "$year" ] || {
  echo "usage: $0 --binary BIN --database sqlite:PATH --area SLUG --year YEAR [--runs N]" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install -y sqlite3" >&2; exit 2; }
file="${database#sqlite:}"
[ -f "$file" ] || { echo "no database file at $file" >&2; exit 2; }

start_month=$(sqlite3 -readonly "$file" "SELECT COALESCE((SELECT ps.reporting_year_start_month FROM programme_settings ps JOIN areas a ON a.provider_id = ps.provider_id WHERE a.slug = '$area'), 4);")
# The reporting year: the start month of YEAR to the day before it the next year.
read -r cur_from cur_to prev_from prev_to < <(python3 - "$year" "$start_month" <<'PY'
import sys, datetime
y, m = int(sys.argv[1]), int(sys.argv[2])
def span(y):
    start = datetime.date(y, m, 1)
    end = datetime.date(y + 1, m, 1) - datetime.timedelta(days=1)
    return start.isoformat(), min(end, datetime.date.today()).isoformat()
print(*span(y), *span(y - 1))
PY
)

echo "== Waymark: $binary bench report --area $area --year $year --runs $((runs + 1))"
waymark_out=$("$binary" bench report --database "$database" --area "$area" --year "$year" --runs $((runs + 1)))
# Median of the runs after the first (warm-up).
waymark_ms=$(echo "$waymark_out" | awk '/^run [0-9]+:/ && $2 != "1:" {print $3}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "$waymark_out" | grep '^run ' | tr '\n' ' '; echo

query=$(sed -e "s/:slug/$area/g" -e "s/:cur_from/$cur_from/g" -e "s/:cur_to/$cur_to/g" \
            -e "s/:prev_from/$prev_from/g" -e "s/:prev_to/$prev_to/g" "$here/annual.sql")
echo "== sqlite3 $(sqlite3 --version | cut -d' ' -f1): Benchmarks/report/annual.sql, $cur_from–$cur_to and $prev_from–$prev_to"
sql_times=()
for n in $(seq 0 "$runs"); do
  out=$(printf '.timer on\n%s\n' "$query" | sqlite3 -readonly "$file")
  t=$(echo "$out" | awk '/^Run Time:/ {print $4 * 1000}' | tail -1)
  [ "$n" -gt 0 ] && sql_times+=("$t")
  rows=$(echo "$out" | grep -v '^Run Time:')
done
echo "runs (ms): ${sql_times[*]}"
sql_ms=$(printf '%s\n' "${sql_times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

# The figures must agree: Waymark's area figure against the sum of the SQL's delivery units.
python3 - "$waymark_out" "$rows" <<'PY'
import math, sys
waymark = {}
for line in sys.argv[1].splitlines():
    if line.startswith("figure "):
        _, key, cur, prev = line.split()
        waymark[key] = (float(cur), None if prev == "-" else float(prev))
sql = {}
for line in sys.argv[2].splitlines():
    if not line.strip():
        continue
    figure, year, _unit, value = line.split("|")
    sql[(figure, year)] = sql.get((figure, year), 0) + float(value or 0)
def s(figure, year): return sql.get((figure, year), 0.0)
checks = []
for i, year in enumerate(["current", "previous"]):
    for key in ["candidates", "trained", "accredited", "referrals", "referralsClosed", "matches", "contacts", "sessions",
                "attendanceRecorded", "attended", "acceptableAbsences", "unacceptableAbsences", "feedbackResponses",
                "rarDaysDelivered"]:
        checks.append((key, year, waymark.get(key, (None, None))[i], s(key, year)))
    # Hours to one decimal place, halves rounded up, as Waymark rounds.
    checks.append(("contactHours", year, waymark.get("contactHours", (None, None))[i], math.floor(s("contactMinutes", year) / 6 + 0.5) / 10))
    checks.append(("volunteerHours", year, waymark.get("volunteerHours", (None, None))[i], math.floor(s("volunteerMinutes", year) / 6 + 0.5) / 10))
    responses = s("feedbackResponses", year)
    if responses:
        checks.append(("feedbackUplift", year, waymark.get("feedbackUplift", (None, None))[i], round(s("feedbackUpliftSum", year) / responses, 2)))
bad = [c for c in checks if c[2] is None or abs(c[2] - c[3]) > 0.001]
print(f"figures compared: {len(checks)}, disagreeing: {len(bad)}")
for key, year, w, q in bad:
    print(f"  {key} ({year}): Waymark {w}, SQL {q}")
sys.exit(1 if bad else 0)
PY

ratio=$(python3 -c "print(f'{$waymark_ms / $sql_ms:.2f}')")
echo
echo "| | median (ms) |"
echo "|---|---:|"
echo "| Waymark annual report (\`waymark bench report\`) | $waymark_ms |"
echo "| one SQL query in sqlite3 (\`annual.sql\`) | $sql_ms |"
echo
echo "Waymark ÷ SQL: $ratio (target ≤ 1.5: $(python3 -c "print('met' if $waymark_ms / $sql_ms <= 1.5 else 'missed')"))"
