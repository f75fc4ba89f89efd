#!/usr/bin/env python3
"""Crash safety (issue #8): Waymark on SQLite, 50 concurrent writers through the API, the server
killed with SIGKILL at a random moment, 20 times over. After every restart each write the server
acknowledged (2xx) must be there, `PRAGMA integrity_check` must say ok, and at the end the audit
hash chain must verify. Usage: crash_test.py BINARY [--cycles N] [--writers N] [--seed S]"""
import argparse, http.client, json, os, random, signal, sqlite3, subprocess, sys, tempfile, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("--cycles", type=int, default=20)
parser.add_argument("--writers", type=int, default=50)
parser.add_argument("--port", type=int, default=18800)
parser.add_argument("--seed", type=int, default=int(time.time()))
parser.add_argument("--sabotage", action="store_true",
                    help="negative control: delete one acknowledged row after the first kill; the test must then fail")
args = parser.parse_args()
rng = random.Random(args.seed)
print(f"crash test: {args.cycles} cycles, {args.writers} writers, seed {args.seed}", flush=True)

work = tempfile.mkdtemp(prefix="waymark-crash.")
path = os.path.join(work, "waymark.sqlite")
db = f"sqlite:{path}"
run = lambda *a: subprocess.run([args.binary, *a, "--database", db], check=True, capture_output=True, text=True).stdout
run("demo")
token = run("tokens", "create", "--email", "coordinator.essex@waymark.example").strip().splitlines()[-1]
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def start():
    log = open(os.path.join(work, "serve.log"), "a")
    proc = subprocess.Popen([args.binary, "serve", "--demo", "--database", db, "--port", str(args.port)], stdout=log, stderr=log)
    for _ in range(300):
        try:
            c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            c.request("GET", "/readyz")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.05)
    proc.kill()
    sys.exit("the server did not become ready")


def get(path):
    c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
    c.request("GET", path, headers=headers)
    return json.loads(c.getresponse().read())


proc = start()
essex = next(a for a in get("/api/v1/areas")["items"] if a["name"] == "Essex")
unit = essex["deliveryUnits"][0]["id"]
proc.send_signal(signal.SIGKILL)
proc.wait()

acknowledged = {}          # CRN -> id, every write the server answered 2xx
lock = threading.Lock()
counter = iter(range(100000, 999999))


def writer(stop):
    conn = None
    while not stop.is_set():
        with lock:
            crn = f"K{next(counter)}"
        body = json.dumps({"crn": crn, "firstName": "Crash", "lastName": f"Test{crn}", "dateOfBirth": "1990-01-01",
                           "areaId": essex["id"], "deliveryUnitId": unit})
        try:
            conn = conn or http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
            conn.request("POST", "/api/v1/people", body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            if 200 <= response.status < 300:
                with lock:
                    acknowledged[crn] = json.loads(payload)["id"]
            elif response.status >= 500:
                print(f"server error {response.status} for {crn}: {payload[:200]!r}", flush=True)
        except (OSError, http.client.HTTPException):
            conn = None            # the server is gone (killed): wait for the next cycle
            time.sleep(0.02)


failures = []
for cycle in range(1, args.cycles + 1):
    proc = start()
    stop = threading.Event()
    threads = [threading.Thread(target=writer, args=(stop,), daemon=True) for _ in range(args.writers)]
    for t in threads:
        t.start()
    time.sleep(rng.uniform(0.3, 2.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stop.set()
    for t in threads:
        t.join()
    # Read the file as the next start would: everything acknowledged must be there, and intact.
    con = sqlite3.connect(path)
    if args.sabotage and cycle == 1 and acknowledged:
        victim = next(iter(acknowledged))
        con.execute("DELETE FROM people WHERE crn = ?", (victim,))
        con.commit()
        print(f"sabotage: deleted acknowledged person {victim}", flush=True)
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    stored = {row[0] for row in con.execute("SELECT crn FROM people WHERE crn LIKE 'K%'")}
    con.close()
    missing = [crn for crn in acknowledged if crn not in stored]
    print(f"cycle {cycle:2}: {len(acknowledged)} acknowledged so far, {len(stored)} stored, integrity {integrity}, missing {len(missing)}", flush=True)
    if integrity != "ok":
        failures.append(f"cycle {cycle}: integrity_check said {integrity}")
    if missing:
        failures.append(f"cycle {cycle}: {len(missing)} acknowledged writes lost, e.g. {missing[:5]}")

verify = subprocess.run([args.binary, "audit", "verify", "--database", db], capture_output=True, text=True)
print(verify.stdout.strip(), flush=True)
if verify.returncode != 0:
    failures.append("the audit chain does not verify after the crashes")
if len(acknowledged) < args.cycles * 5:
    failures.append(f"only {len(acknowledged)} writes were acknowledged: the test did not exercise the server")
if failures:
    print("CRASH TEST FAILED:\n  " + "\n  ".join(failures), flush=True)
    print(f"(data kept in {work})")
    sys.exit(1)
print(f"crash test passed: {len(acknowledged)} acknowledged writes survived {args.cycles} SIGKILLs")
