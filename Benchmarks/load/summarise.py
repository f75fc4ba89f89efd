#!/usr/bin/env python3
"""Helpers for Benchmarks/load/run.sh (Python 3 standard library only).

    summarise.py csrf PAGE.html          prints the sign-in form's hidden _csrf value
    summarise.py report-year PAGE.html   prints the start year of the annual report shown
                                         ("Annual report 2024-25" -> 2024)
    summarise.py render RESULTS.tsv KEY=VALUE...
                                         prints the Markdown summary of a run; exits 3 when a
                                         route had a non-2xx response or a socket error

RESULTS.tsv has one line per route: name, signed-in email, URL, the WAYMARK_RESULT line that
status.lua printed, and the server's VmRSS (kB) after the route.
"""
import html
import re
import sys
from html.parser import HTMLParser

PAGE_P99_TARGET_MS = 100.0
PERSON_SHARE_TARGET = 0.40
RSS_TARGET_MB = 300.0
BARE = "bare route"
PERSON = "person page"


class _CSRF(HTMLParser):
    def __init__(self):
        super().__init__()
        self.token = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") == "_csrf" and self.token is None:
            self.token = a.get("value") or ""


def csrf(path):
    parser = _CSRF()
    with open(path, encoding="utf-8", errors="replace") as f:
        parser.feed(f.read())
    if not parser.token:
        sys.exit("no _csrf field in " + path)
    print(parser.token)


def report_year(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = html.unescape(f.read())
    m = re.search(r"Annual report (\d{4})(?:-\d{2})?\b", text)
    if not m:
        sys.exit("no 'Annual report YYYY' heading in " + path)
    print(m.group(1))


def _fields(line):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(-?\d+)", line)}


def _ms(us):
    ms = us / 1000.0
    return f"{ms:.2f}" if ms < 10 else f"{ms:.1f}" if ms < 1000 else f"{ms:,.0f}"


def _rate(x):
    return f"{x:,.1f}" if x < 100 else f"{x:,.0f}"


def _mb(kb):
    return kb * 1024 / 1e6


def render(results_path, meta_args):
    meta = dict(a.split("=", 1) for a in meta_args)
    rows = []
    with open(results_path, encoding="utf-8") as f:
        for raw in f:
            raw = raw.rstrip("\n")
            if not raw:
                continue
            name, who, url, result, rss = raw.split("\t")
            r = _fields(result)
            secs = r["duration_us"] / 1e6 if r.get("duration_us") else 0
            r["rps"] = r["requests"] / secs if secs else 0.0
            r["non2xx"] = r["s3xx"] + r["sother"]
            r["socket"] = r["connect"] + r["read"] + r["write"] + r["timeout"]
            rows.append(dict(name=name, who=who, url=url, rss_kb=int(rss or 0), **r))

    bare = next((r for r in rows if r["name"] == BARE), None)
    out = []
    w = out.append
    w(f"### Page load with wrk, {meta.get('date', '')}")
    w("")
    w("```sh")
    w(meta.get("command", ""))
    w("```")
    w("")
    w(f"- Server: `waymark serve`, {meta.get('build', 'unknown')} build (`{meta.get('binary', '')}`), "
      f"commit {meta.get('commit', 'unknown')}.")
    w(f"- Data: `{meta.get('database', '')}`: {meta.get('dataset', '')}.")
    w(f"- Load: {meta.get('wrk', 'wrk')} `-t{meta.get('threads')} -c{meta.get('connections')} "
      f"-d{meta.get('duration')}s --latency --timeout {meta.get('timeout')}`, one route after another "
      f"against the same server process; every response's status is counted (a redirect counts as non-2xx).")
    w(f"- Machine: {meta.get('machine', '')}; wrk runs on the same machine as the server.")
    w(f"- Signed in through the sign-in form as `{meta.get('practitioner', '')}` (practitioner) and "
      f"`{meta.get('coordinator', '')}` (coordinator), area {meta.get('area', '')}.")
    w("")
    w("| route | signed in as | URL | req/s | p50 ms | p99 ms | non-2xx | socket errors | % of bare | RSS after (MB) |")
    w("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        share = f"{100 * r['rps'] / bare['rps']:.0f}%" if bare and bare["rps"] else "–"
        w(f"| {r['name']} | {r['who']} | `{r['url']}` | {_rate(r['rps'])} | {_ms(r['p50_us'])} | "
          f"{_ms(r['p99_us'])} | {r['non2xx']:,} | {r['socket']:,} | {share} | {_mb(r['rss_kb']):.0f} |")
    w("")
    peak_kb, end_kb = int(meta.get("peak_rss_kb") or 0), int(meta.get("end_rss_kb") or 0)
    w(f"Peak RSS of the server (VmHWM): **{_mb(peak_kb):.0f} MB**; RSS at the end (VmRSS): "
      f"{_mb(end_kb):.0f} MB (MB = 10^6 bytes).")
    w("")

    pages = [r for r in rows if r["name"] != BARE]
    slow = [r for r in pages if r["p99_us"] / 1000.0 >= PAGE_P99_TARGET_MS]
    person = next((r for r in rows if r["name"] == PERSON), None)
    share = person["rps"] / bare["rps"] if person and bare and bare["rps"] else 0.0

    def verdict(ok):
        return "**met**" if ok else "**missed**"

    w("Targets (issue #7):")
    w("")
    worst = max(pages, key=lambda r: r["p99_us"]) if pages else None
    detail = (", ".join(f"{r['name']} {_ms(r['p99_us'])} ms" for r in slow) if slow
              else f"slowest: {worst['name']} {_ms(worst['p99_us'])} ms" if worst else "no pages")
    w(f"- every page p99 < {PAGE_P99_TARGET_MS:.0f} ms: {verdict(not slow and bool(pages))} ({detail})")
    w(f"- person page >= {PERSON_SHARE_TARGET:.0%} of the bare route's throughput: "
      f"{verdict(share >= PERSON_SHARE_TARGET)} ({share:.0%})")
    w(f"- peak RSS < {RSS_TARGET_MB:.0f} MB: {verdict(0 < _mb(peak_kb) < RSS_TARGET_MB)} ({_mb(peak_kb):.0f} MB)")
    notes = meta.get("notes", "").strip()
    if notes:
        w("")
        for note in notes.split("|"):
            w(f"Note: {note}")
    print("\n".join(out))

    broken = [r for r in rows if r["non2xx"] or r["socket"] or not r["requests"]]
    for r in broken:
        if not r["requests"]:
            print(f"BROKEN: {r['name']}: no request finished within the run: give it a longer --duration",
                  file=sys.stderr)
            continue
        print(f"BROKEN: {r['name']}: {r['requests']} requests, {r['s3xx']} 3xx, {r['sother']} other non-2xx, "
              f"socket errors connect {r['connect']} read {r['read']} write {r['write']} timeout {r['timeout']}",
              file=sys.stderr)
    return 3 if broken else 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "csrf":
        return csrf(argv[1])
    if len(argv) >= 2 and argv[0] == "report-year":
        return report_year(argv[1])
    if len(argv) >= 2 and argv[0] == "render":
        return render(argv[1], argv[2:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) or 0)
