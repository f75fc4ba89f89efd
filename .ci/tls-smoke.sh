#!/usr/bin/env bash
# Waymark behind Debian's nginx terminating TLS, tested with the exact site file providers install
# (docs/deploy/nginx-waymark.conf). Usage: bash .ci/tls-smoke.sh BIN
#
# Installs nothing: needs nginx, openssl, curl, python3 and sqlite3 on PATH (.ci/run installs them).
# Runs as any user: nginx gets its own prefix, pid, logs and temp paths in a throwaway directory,
# listens only on loopback (8443 for HTTPS, 8081 for plain HTTP), and proxies to
# `BIN serve --demo ... --port 18080 --secure-cookies --trusted-proxy 127.0.0.1`.
# Everything the journey does goes over HTTPS through nginx, except where a check says otherwise.
#
# Checks that need Swift changes still to land are between markers:
#   "# >>> needs --trusted-proxy" ... "# <<< needs --trusted-proxy"
#   and the session cookie name, COOKIE below ("__Host-waymark-session" with --secure-cookies).
set -uo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 1 ] || { echo "usage: $0 BIN" >&2; exit 64; }
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$BIN" ] || { echo "FAIL: $1 is not an executable" >&2; exit 1; }
for tool in nginx openssl curl python3 sqlite3; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (.ci/run installs it)" >&2; exit 1; }
done

HTTPS_PORT=8443
HTTP_PORT=8081
APP_PORT=18080
EMAIL=coordinator.essex@waymark.example
COOKIE=__Host-waymark-session          # needs the __Host- cookie change; was waymark-session
TEMPLATE=docs/deploy/nginx-waymark.conf

DIR=$(mktemp -d /tmp/waymark-tls.XXXXXX)
chmod 0711 "$DIR"                      # nginx's workers (www-data) must reach the temp paths inside
failures=0
server=""
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
die() {
  failures=$((failures + 1))
  echo "FAIL: $*"
  for log in serve.log error.log; do
    [ -s "$DIR/$log" ] && { echo "--- last lines of $DIR/$log"; tail -n 20 "$DIR/$log"; }
  done
  exit 1
}
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -s "$DIR/nginx.pid" ] && kill "$(cat "$DIR/nginx.pid")" 2>/dev/null
  if [ "$failures" -eq 0 ]; then rm -rf "$DIR"; else echo "kept $DIR for inspection"; fi
}
trap cleanup EXIT

for port in $HTTPS_PORT $HTTP_PORT $APP_PORT; do
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then die "port $port is already in use"; fi
done

# --- A self-signed certificate for localhost (and 127.0.0.1), valid for two days.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$DIR/key.pem" -out "$DIR/cert.pem" 2>"$DIR/openssl.log" || die "openssl could not make a certificate"
chmod 0600 "$DIR/key.pem"
pass "self-signed certificate for localhost made"

# --- The provider's site file, with only ports, host name, certificate paths and the upstream
# port changed. Each replacement must match the template exactly as often as expected, so a change
# to the template that this test does not understand fails here instead of going untested.
ipv6=0
[ -e /proc/net/if_inet6 ] && grep -q '^0\{31\}1 ' /proc/net/if_inet6 && ipv6=1
python3 - "$TEMPLATE" "$DIR/waymark.conf" "$DIR" $HTTPS_PORT $HTTP_PORT $APP_PORT $ipv6 <<'PY' || die "the site file did not take the test's substitutions"
import sys
src, dst, d, https, http, app, ipv6 = sys.argv[1:]
text = open(src).read()
v6 = lambda port: f"[::1]:{port}" if ipv6 == "1" else None
rules = [
    ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;", 1),
    ("listen [::]:443 ssl http2;", f"listen {v6(https)} ssl http2;" if v6(https) else "# (no IPv6 here)", 1),
    ("listen 80;", f"listen 127.0.0.1:{http};", 1),
    ("listen [::]:80;", f"listen {v6(http)};" if v6(http) else "# (no IPv6 here)", 1),
    ("server_name waymark.example.org;", "server_name localhost;", 2),
    ("ssl_certificate     /etc/ssl/waymark/fullchain.pem;", f"ssl_certificate     {d}/cert.pem;", 1),
    ("ssl_certificate_key /etc/ssl/waymark/privkey.pem;", f"ssl_certificate_key {d}/key.pem;", 1),
    ("proxy_pass http://127.0.0.1:8080;", f"proxy_pass http://127.0.0.1:{app};", 2),
    ("return 301 https://$server_name$request_uri;", f"return 301 https://$server_name:{https}$request_uri;", 1),
    ("root /var/www/letsencrypt;", f"root {d}/acme;", 1),
]
for old, new, count in rules:
    found = text.count(old)
    if found != count:
        sys.exit(f"expected {count} of {old!r} in {src}, found {found}")
    text = text.replace(old, new)
open(dst, "w").write(text)
PY
worker_user=""
[ "$(id -u)" = 0 ] && id www-data >/dev/null 2>&1 && worker_user="user www-data;"
mkdir -p "$DIR/tmp" "$DIR/acme"
# What Debian's /etc/nginx/nginx.conf provides around sites-enabled/*, with every path in $DIR.
cat > "$DIR/nginx.conf" <<EOF
$worker_user
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/error.log notice;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log $DIR/access.log;
    client_body_temp_path $DIR/tmp/body;
    proxy_temp_path $DIR/tmp/proxy;
    fastcgi_temp_path $DIR/tmp/fastcgi;
    uwsgi_temp_path $DIR/tmp/uwsgi;
    scgi_temp_path $DIR/tmp/scgi;
    include $DIR/waymark.conf;
}
EOF
nginx -t -q -p "$DIR" -e "$DIR/error.log" -c "$DIR/nginx.conf" 2>"$DIR/nginx-t.log" \
  || { cat "$DIR/nginx-t.log"; die "nginx -t rejected the site file"; }
pass "nginx -t accepts docs/deploy/nginx-waymark.conf"
nginx -p "$DIR" -e "$DIR/error.log" -c "$DIR/nginx.conf" -g 'daemon on;' || die "nginx did not start"
pass "nginx started on 127.0.0.1:$HTTPS_PORT (HTTPS) and :$HTTP_PORT (HTTP)"

# --- Waymark on loopback only, as the systemd unit runs it (LOG_LEVEL=info as in
# waymark.env.example: without it Vapor's production default, notice, drops the request log).
LOG_LEVEL=info "$BIN" serve --demo --database "sqlite:$DIR/demo.sqlite" --port $APP_PORT --secure-cookies \
  --trusted-proxy 127.0.0.1 > "$DIR/serve.log" 2>&1 &
server=$!

# Every request below pins localhost to 127.0.0.1 and trusts only the test's certificate.
tls=(--silent --show-error --max-time 20 --cacert "$DIR/cert.pem" --resolve "localhost:$HTTPS_PORT:127.0.0.1")
BASE="https://localhost:$HTTPS_PORT"
up=0
for _ in $(seq 1 150); do
  kill -0 "$server" 2>/dev/null || die "waymark serve exited"
  if [ "$(curl "${tls[@]}" -o /dev/null -w '%{http_code}' "$BASE/healthz" 2>/dev/null)" = 200 ]; then up=1; break; fi
  sleep 0.4
done
[ $up = 1 ] || die "GET $BASE/healthz did not answer 200 within 60 s"
pass "GET /healthz through nginx over HTTPS: 200, certificate verified"

password=$(sed -n 's/^Demo sign-ins (password for all: \(.*\)):$/\1/p' "$DIR/serve.log" | head -n 1)
[ -n "$password" ] || die "serve --demo did not print the demo password"
name=$(sqlite3 "$DIR/demo.sqlite" "SELECT name FROM users WHERE email = '$EMAIL'")
[ -n "$name" ] || die "no demo user $EMAIL"
# A token while the server runs (SQLite in WAL mode lets the CLI write alongside it).
token=$("$BIN" tokens create --database "sqlite:$DIR/demo.sqlite" --email "$EMAIL" | tail -n 1)
[ -n "$token" ] || die "tokens create printed no token"

# --- TLS and HTTP/2.
for version in 1.2 1.3; do
  flag=-tls${version/./_}
  if openssl s_client -connect 127.0.0.1:$HTTPS_PORT -servername localhost -CAfile "$DIR/cert.pem" \
       -verify_return_error "$flag" </dev/null >"$DIR/s_client.log" 2>&1; then
    pass "TLS $version accepted"
  else
    fail "TLS $version refused"
  fi
done
# Debian's OpenSSL 3 refuses TLS 1.0 and 1.1 at its default security level whatever nginx says,
# so the handshake below cannot tell whether the site file restricts them: check the file too.
protocols=$(grep -E '^[[:space:]]*ssl_protocols' "$DIR/waymark.conf")
[ "$(echo "$protocols" | tr -s ' ' | sed 's/^ //')" = "ssl_protocols TLSv1.2 TLSv1.3;" ] \
  && pass "site file allows TLS 1.2 and 1.3 only" || fail "site file's ssl_protocols: $protocols"
# SECLEVEL=0 lets this client offer TLS 1.1 at all, so a refusal is the server's.
if openssl s_client -connect 127.0.0.1:$HTTPS_PORT -servername localhost -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' \
     </dev/null >"$DIR/s_client11.log" 2>&1; then
  fail "TLS 1.1 was accepted"
else
  pass "TLS 1.1 refused"
fi
h2=$(curl "${tls[@]}" --http2 -o /dev/null -w '%{http_version}' "$BASE/healthz")
[ "$h2" = 2 ] && pass "HTTP/2 negotiated" || fail "HTTP/2 not negotiated (got HTTP/$h2)"

# --- Plain HTTP only redirects to HTTPS.
redirect=$(curl -s -o /dev/null --max-time 10 -w '%{http_code} %{redirect_url}' "http://localhost:$HTTP_PORT/people?q=x" \
  --resolve "localhost:$HTTP_PORT:127.0.0.1")
[ "$redirect" = "301 https://localhost:$HTTPS_PORT/people?q=x" ] \
  && pass "http://localhost:$HTTP_PORT/people?q=x redirects to $BASE/people?q=x" \
  || fail "plain HTTP answered '$redirect' instead of a 301 to HTTPS"
status=$(curl -s -o /dev/null --max-time 10 -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/healthz")
[ "$status" = 301 ] && pass "plain HTTP proxies nothing (GET /healthz: 301)" || fail "plain HTTP GET /healthz answered $status"

# --- Sign in over HTTPS: CSRF token from the form, then the session cookie's attributes.
jar="$DIR/cookies.txt"
curl "${tls[@]}" -c "$jar" -b "$jar" -D "$DIR/get-signin.headers" -o "$DIR/sign-in.html" "$BASE/sign-in"
csrf=$(python3 - "$DIR/sign-in.html" <<'PY'
import html.parser, sys
class Form(html.parser.HTMLParser):
    token = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") == "_csrf":   # CSRF.field in Infrastructure/CSRF.swift
            self.token = a.get("value")
f = Form(); f.feed(open(sys.argv[1], encoding="utf-8").read())
print(f.token or "")
PY
)
[ -n "$csrf" ] && pass "GET /sign-in: form carries a _csrf token" || fail "GET /sign-in: no _csrf hidden input"
status=$(curl "${tls[@]}" -c "$jar" -b "$jar" -D "$DIR/post-signin.headers" -o /dev/null -w '%{http_code}' \
  --data-urlencode "_csrf=$csrf" --data-urlencode "email=$EMAIL" --data-urlencode "password=$password" "$BASE/sign-in")
location=$(tr -d '\r' < "$DIR/post-signin.headers" | sed -n 's/^[Ll]ocation: //p')
[ "$status" = 303 ] && [ "$location" = "/" ] && pass "POST /sign-in as $EMAIL: 303 to /" \
  || fail "POST /sign-in answered $status (Location: $location)"
python3 - "$DIR/post-signin.headers" "$COOKIE" <<'PY' && pass "session cookie $COOKIE: Secure, HttpOnly, Path=/, no Domain" || fail "session cookie attributes (see above)"
import sys
headers, name = sys.argv[1:]
cookies = [l.split(":", 1)[1].strip() for l in open(headers, encoding="latin-1").read().splitlines()
           if l.lower().startswith("set-cookie:")]
mine = [c for c in cookies if c.startswith(name + "=")]
if not mine:
    sys.exit(print(f"  no Set-Cookie for {name}; got: {cookies}") or 1)
attrs = {p.strip().split("=")[0].lower(): p.strip() for p in mine[-1].split(";")[1:]}
problems = [a for a in ("secure", "httponly") if a not in attrs]
if attrs.get("path", "").lower() != "path=/": problems.append("Path=/")
if "domain" in attrs: problems.append("no Domain")
if problems:
    sys.exit(print(f"  {mine[-1]!r} lacks {problems}") or 1)
PY

# --- Signed in: the home page, with HSTS.
status=$(curl "${tls[@]}" -c "$jar" -b "$jar" -D "$DIR/home.headers" -o "$DIR/home.html" -w '%{http_code}' "$BASE/")
python3 -c 'import html,sys; sys.exit(0 if sys.argv[2] in html.unescape(open(sys.argv[1], encoding="utf-8").read()) else 1)' \
  "$DIR/home.html" "$name" && named=1 || named=0
[ "$status" = 200 ] && [ $named = 1 ] && pass "GET / signed in: 200, shows \"$name\"" \
  || fail "GET / signed in answered $status; name \"$name\" shown: $named"
grep -qi '^strict-transport-security: max-age=[1-9]' "$DIR/home.headers" \
  && pass "Strict-Transport-Security: $(grep -i '^strict-transport-security:' "$DIR/home.headers" | cut -d' ' -f2- | tr -d '\r')" \
  || fail "no Strict-Transport-Security header"
[ "$(grep -ci '^strict-transport-security:' "$DIR/home.headers")" = 1 ] && pass "HSTS sent once (by Waymark, not doubled by nginx)" \
  || fail "Strict-Transport-Security sent $(grep -ci '^strict-transport-security:' "$DIR/home.headers") times"
server_header=$(tr -d '\r' < "$DIR/home.headers" | sed -n 's/^[Ss]erver: //p')
[ "$server_header" = nginx ] && pass "server_tokens off (Server: nginx, no version)" || fail "Server header is '$server_header'"

# --- The API with a bearer token, over HTTPS.
status=$(curl "${tls[@]}" -H "Authorization: Bearer $token" -o "$DIR/areas.json" -w '%{http_code}' "$BASE/api/v1/areas")
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["items"] and all("id" in a and "name" in a for a in d["items"])' \
  "$DIR/areas.json" 2>/dev/null && areas_ok=1 || areas_ok=0
[ "$status" = 200 ] && [ $areas_ok = 1 ] && pass "GET /api/v1/areas with a token: 200, $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$DIR/areas.json") areas" \
  || fail "GET /api/v1/areas answered $status (JSON list of areas: $areas_ok)"
status=$(curl "${tls[@]}" -o /dev/null -w '%{http_code}' "$BASE/api/v1/areas")
[ "$status" = 401 ] && pass "GET /api/v1/areas without a token: 401" || fail "GET /api/v1/areas without a token answered $status"

# --- What the site file keeps away from the internet.
status=$(curl "${tls[@]}" -o /dev/null -w '%{http_code}' "$BASE/metrics")
direct=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$APP_PORT/metrics")
[ "$status" = 404 ] && [ "$direct" = 200 ] && pass "/metrics: 404 through nginx, 200 on 127.0.0.1:$APP_PORT" \
  || fail "/metrics answered $status through nginx and $direct directly"
big=$(head -c $((11 * 1024 * 1024)) /dev/zero | curl "${tls[@]}" -o /dev/null -w '%{http_code}' -b "$jar" \
  -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @- "$BASE/people")
[ "$big" = 413 ] && pass "an 11 MB body is refused by nginx (413, client_max_body_size 10m)" || fail "an 11 MB body answered $big"

# >>> needs --trusted-proxy
# The client address comes from X-Forwarded-For only when the TCP peer is a trusted proxy.
# The test's client connects from 127.0.0.2, so it is not itself the trusted proxy (127.0.0.1).
# Through nginx: X-Forwarded-For is "203.0.113.7, 127.0.0.2"; the rightmost untrusted address,
# 127.0.0.2, is the client and the spoofed 203.0.113.7 on the left must never be used.
# Directly to Waymark from 127.0.0.2 (untrusted): the header must be ignored altogether.
# This assumes Waymark's log at LOG_LEVEL=info shows the client address of these requests
# (the request log line or the refused sign-in); it reads serve's output, not the audit log.
if curl -s -o /dev/null --max-time 5 --interface 127.0.0.2 "http://127.0.0.1:$APP_PORT/healthz"; then
  jar2="$DIR/cookies-127.0.0.2.txt"
  curl "${tls[@]}" --interface 127.0.0.2 -c "$jar2" -b "$jar2" -o "$DIR/sign-in-2.html" -H 'X-Forwarded-For: 203.0.113.7' "$BASE/sign-in"
  csrf2=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$DIR/sign-in-2.html" | head -n 1)
  curl "${tls[@]}" --interface 127.0.0.2 -c "$jar2" -b "$jar2" -o /dev/null -H 'X-Forwarded-For: 203.0.113.7' \
    --data-urlencode "_csrf=$csrf2" --data-urlencode "email=nobody.through.nginx@example.org" --data-urlencode "password=wrong-password" "$BASE/sign-in"
  curl -s -o /dev/null --max-time 10 --interface 127.0.0.2 -H 'X-Forwarded-For: 198.51.100.8' "http://127.0.0.1:$APP_PORT/sign-in"
  curl -s -o /dev/null --max-time 10 --interface 127.0.0.2 -H 'X-Forwarded-For: 198.51.100.8' "http://127.0.0.1:$APP_PORT/api/v1/areas"
  sleep 0.5
  if grep -q '203\.0\.113\.7\|198\.51\.100\.8' "$DIR/serve.log"; then
    fail "a client-supplied X-Forwarded-For address reached Waymark's log:"
    grep '203\.0\.113\.7\|198\.51\.100\.8' "$DIR/serve.log" | head -n 3
  elif grep -q '127\.0\.0\.2' "$DIR/serve.log"; then
    pass "client address is the rightmost untrusted X-Forwarded-For entry (127.0.0.2); spoofed entries ignored"
  else
    fail "Waymark's log shows no client address 127.0.0.2 (is the address logged at info?)"
  fi
else
  fail "cannot connect from 127.0.0.2 to test --trusted-proxy"
fi
# <<< needs --trusted-proxy

# --- nginx's own sign-in rate limit (10 a minute, burst 5, per client address), last because
# it locks this client out of /sign-in for a while.
limited=0
for _ in $(seq 1 12); do
  [ "$(curl "${tls[@]}" -o /dev/null -w '%{http_code}' "$BASE/sign-in")" = 429 ] && limited=$((limited + 1))
done
[ $limited -gt 0 ] && pass "nginx rate-limits /sign-in ($limited of 12 quick requests got 429)" \
  || fail "12 quick requests to /sign-in were not rate-limited"

if grep -q '\[emerg\]\|\[alert\]\|\[crit\]' "$DIR/error.log"; then
  fail "nginx logged serious errors:"; grep '\[emerg\]\|\[alert\]\|\[crit\]' "$DIR/error.log" | head -n 5
fi
kill -0 "$server" 2>/dev/null && pass "waymark serve still running" || fail "waymark serve died during the test"

if [ "$failures" -eq 0 ]; then
  echo "TLS smoke test passed"
else
  echo "TLS smoke test FAILED: $failures check(s)"
  exit 1
fi
