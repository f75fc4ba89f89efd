#!/usr/bin/env python3
"""Going live: what a new provider does on a real (non-demo) database, in a real browser.

Run by Tests/browser/run.sh after the demo journeys, or on its own:

    python3 Tests/browser/journey_golive.py BINARY [--port P] [--list] [--keep]

BINARY is a built `waymark`. In a new temporary directory the journey

  1. checks `serve` (without --demo) refuses a migrated database with no administrator and
     one holding demo data, then `migrate`s and `setup`s a real one (the password on
     standard input) and serves it, with --public-url so emailed links are absolute;
  2. signs the administrator in: two-step sign-in is required, so they are sent to set it up;
     the code is worked out here from the key on the page (RFC 6238), giving recovery codes;
  3. builds the organisation: an area, two delivery units, a site (with forms refused on the
     way), the provider's sign-in settings;
  4. invites a coordinator and a practitioner;
  5. the coordinator accepts the invitation (a listed password refused first), signs in,
     makes and revokes an API token, sets up two-step sign-in and does some work; the
     practitioner accepts theirs and recommends a peer mentor;
  6. the coordinator forgets their password and resets it from the emailed link.

Emailed links are read from the notification outbox in the database. Every page reached is
checked as journeys.py checks pages (axe-core at WCAG 2.2 A and AA, and Waymark's own
checks), and problems are reported the same way, with screenshots as base64 on failure. The
steps depend on each other, so the first step that fails stops the journey.
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import json
import os
import pathlib
import re
import shlex
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
from urllib.parse import urlparse

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import journeys  # noqa: E402 - the page checks and browser helpers are shared
from journeys import Browser, By, JourneyFailed, WebDriverException, log  # noqa: E402

PROVIDER = "Essex Peer Mentoring"
ADMIN = {"email": "admin@essex.example", "name": "Ada Admin", "password": "kettle violin harbour"}
COORDINATOR = {"email": "coordinator@essex.example", "name": "Cora Coordinator", "role": "coordinator",
               "password": "marble tundra lantern", "new_password": "copper meadow whistle"}
PRACTITIONER = {"email": "practitioner@essex.example", "name": "Pat Practitioner", "role": "practitioner",
                "password": "saffron glacier pebble"}
LISTED_PASSWORD = "password1234"   # in the bundled list of common passwords


# ==== one-time passwords (RFC 6238 / RFC 4226), standard library only ====================

def totp(key_text, at=None, step=None):
    """The 6-digit code for a Base32 key as shown on the page ("ABCD EFGH …")."""
    key = re.sub(r"\s+", "", key_text).upper()
    key = base64.b32decode(key + "=" * (-len(key) % 8))
    counter = int((time.time() if at is None else at) // 30) if step is None else step
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class Authenticator:
    """The phone app: knows the keys it was given, and never offers a code twice (Waymark
    accepts each code once), waiting for the next 30 seconds if it must."""

    def __init__(self):
        self.keys = {}
        self.last_step = {}

    def add(self, email, key_text):
        self.keys[email] = key_text

    def code(self, email):
        step = int(time.time() // 30)
        # Leave a second's margin at the end of a step, and never reuse a step.
        if time.time() % 30 > 28.5 or step <= self.last_step.get(email, -1):
            wait = (max(step, self.last_step.get(email, -1)) + 1) * 30 - time.time() + 0.2
            log(f"    (waiting {wait:.0f}s for a fresh code from the authenticator)")
            time.sleep(max(wait, 0))
            step = int(time.time() // 30)
        self.last_step[email] = step
        return totp(self.keys[email], step=step)


# ==== the installation: CLI steps and the server =======================================

def free_port(start):
    for port in range(start, start + 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    sys.exit("journey_golive.py: no free port")


def run(command, stdin=None, timeout=120):
    log(f"    $ {('echo *** | ' if stdin else '')}{shlex.join(command)}")
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=timeout)


def expect_refusal(binary, database, port, why, message):
    """`serve` without --demo must stop at once, non-zero, saying why."""
    try:
        result = run([binary, "serve", "--database", database, "--hostname", "127.0.0.1", "--port", str(port)], timeout=60)
    except subprocess.TimeoutExpired:
        raise JourneyFailed(f"serve did not refuse {why}: still running after 60s")
    output = (result.stdout + result.stderr).strip()
    log(f"      exit {result.returncode}: {output.splitlines()[0] if output else '(no output)'}")
    if result.returncode == 0:
        raise JourneyFailed(f"serve exited 0 on {why}: {output!r}")
    if message.lower() not in output.lower():
        raise JourneyFailed(f"serve refused {why} without saying {message!r}: {output!r}")


class Installation:
    def __init__(self, binary, directory, port):
        self.binary = binary
        self.dir = directory
        self.port = port
        self.path = os.path.join(directory, "live.sqlite")
        self.database = "sqlite:" + self.path
        self.url = f"http://127.0.0.1:{port}"
        self.server = None
        self.log_path = os.path.join(directory, "server.log")

    def start(self):
        env = dict(os.environ, LOG_LEVEL=os.environ.get("LOG_LEVEL", "warning"))
        command = [self.binary, "serve", "--database", self.database, "--hostname", "127.0.0.1", "--port", str(self.port),
                   "--public-url", self.url]
        log(f"    $ {' '.join(command)} &")
        self.server = subprocess.Popen(command, stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise JourneyFailed(f"serve stopped before it was ready (exit {self.server.returncode}): {self.log_tail()}")
            try:
                if urllib.request.urlopen(self.url + "/readyz", timeout=2).status == 200:
                    return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise JourneyFailed(f"{self.url}/readyz did not answer within a minute")

    def stop(self):
        if self.server and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()

    def log_tail(self, lines=40):
        try:
            return "".join(open(self.log_path).readlines()[-lines:])
        except OSError:
            return ""

    # ---- the email: what the outbox sent -----------------------------------------
    #
    # Waymark forgets an account email's link once the email is sent (the notification worker
    # runs every few seconds), so the outbox cannot be read afterwards. Like a mail catcher,
    # a trigger in this test's own database keeps a copy of every notification as it is
    # queued: what the email said. Waymark itself is not changed.

    MAILBOX_SQL = """
        CREATE TABLE IF NOT EXISTS golive_mailbox (notification_id, recipient_id, kind, link, created_at);
        CREATE TRIGGER IF NOT EXISTS golive_mailbox_copy AFTER INSERT ON notifications BEGIN
            INSERT INTO golive_mailbox VALUES (NEW.id, NEW.recipient_id, NEW.kind, NEW.link, NEW.created_at);
        END;
    """

    def catch_mail(self):
        with sqlite3.connect(self.path, timeout=10) as db:
            db.executescript(self.MAILBOX_SQL)

    def link(self, kind, email):
        """The link in the newest `kind` email to `email`."""
        with sqlite3.connect(self.path, timeout=10) as db:
            row = db.execute("SELECT m.link, m.notification_id FROM golive_mailbox m JOIN users u ON u.id = m.recipient_id "
                             "WHERE m.kind = ? AND lower(u.email) = lower(?) ORDER BY m.created_at DESC LIMIT 1",
                             (kind, email)).fetchone()
        if not row or not row[0]:
            raise JourneyFailed(f"no {kind} email with a link was queued for {email}")
        link = row[0]
        if not link.startswith(self.url + "/"):
            raise JourneyFailed(f"the {kind} link for {email} is not an absolute link to {self.url}: {link!r}")
        return link

    def outbox(self, kind, email):
        """The newest `kind` notification to `email` as the outbox holds it now: (link, delivered_at)."""
        with sqlite3.connect(self.path, timeout=10) as db:
            return db.execute("SELECT n.link, n.delivered_at FROM notifications n JOIN users u ON u.id = n.recipient_id "
                              "WHERE n.kind = ? AND lower(u.email) = lower(?) ORDER BY n.created_at DESC LIMIT 1",
                              (kind, email)).fetchone()


# ==== browser helpers ===================================================================

def path_of(url):
    parsed = urlparse(url)
    return parsed.path + (("?" + parsed.query) if parsed.query else "")


def choose_label(b, name, label):
    """Tick the radio or checkbox called `name` whose label is `label`."""
    for field in b.finds(f"main input[name='{name}']"):
        field_id = field.get_attribute("id")
        if b.find(f"label[for='{field_id}']").text.strip() == label:
            return b.choose(field_id)
    raise JourneyFailed(f"no {name} choice labelled {label!r} (at {b.path})")


def expect_field_error(b, field_id, contains):
    """The error summary links to the field (for choices, to its first option), which shows
    the same message beside it."""
    summary = b.finds(".wm-error-summary")
    b.expect(summary, f"expected an error summary for {field_id}")
    b.expect(b.title.startswith("Error: "), f"the title should start 'Error:', it is {b.title!r}")
    links = {a.get_attribute("href").split("#", 1)[-1]: a.text.strip() for a in summary[0].find_elements(By.CSS_SELECTOR, "a")}
    target = next((t for t in links if t == field_id or t.startswith(field_id + "-")), None)
    b.expect(target, f"the error summary should link to #{field_id}, it links to {list(links)}")
    b.expect(contains.lower() in links[target].lower(), f"the error for #{field_id} should say {contains!r}, it says {links[target]!r}")
    field = b.driver.find_element(By.ID, target)
    group = field.find_elements(By.XPATH, "ancestor::div[contains(concat(' ', @class, ' '), ' wm-form-group--error ')][1]")
    b.expect(group, f"#{target} should be in a form group marked as in error")
    message = group[0].find_elements(By.CSS_SELECTOR, ".wm-error-message")
    b.expect(message and links[target] in message[0].text, f"#{target} should have its message beside it")
    log(f"    refused as expected: {links[target]!r}")


def problem(b, message):
    """A fault in Waymark that the journey can carry on past: reported like a page problem."""
    log(f"      ✗ {message}")
    b.problems.append((b.path, b.title, [message]))
    b.save_artifacts("problem")


def refused_access(b):
    return "You do not have access" in b.title or "not found" in b.title.lower()


def sign_in(b, person, password=None, authenticator=None, expect_two_step_set_up=False):
    b.driver.delete_all_cookies()
    b.go("/sign-in")
    b.type("email", person["email"])
    b.type("password", password or person["password"])
    b.button("Sign in")
    b.expect_no_errors(f"signing in as {person['email']}")
    if urlparse(b.driver.current_url).path == "/sign-in/two-step":
        b.expect(authenticator is not None, "asked for a security code by an account without two-step sign-in set up here")
        b.expect("Enter your security code" in b.find("h1").text, "the security code page")
        b.type("code", authenticator.code(person["email"]))
        b.button("Continue")
        b.expect_no_errors("entering the security code")
    if expect_two_step_set_up:
        b.expect_path("/account/two-step", "two-step set-up (required for this role)")
    else:
        b.expect_path("/", "the home page after signing in")
        b.expect(person["name"] in b.text(".wm-header"), f"the header should name {person['name']}")


def sign_out(b):
    b.button("Sign out", within="header")
    b.expect_path("/sign-in", "the sign-in page after signing out")


def set_up_two_step(b, person, authenticator, required):
    """On /account/two-step: read the key, check the QR code, refuse a malformed code, then
    confirm with the right one. Returns the recovery codes."""
    b.expect_path("/account/two-step", "the two-step set-up page")
    b.expect("Set up two-step sign-in" in b.find("h1").text, "the set-up page's heading")
    said_required = "Your role needs two-step sign-in" in b.text()
    b.expect(said_required == required, f"the page should {'' if required else 'not '}say the role needs two-step sign-in")
    svg = b.finds("main svg")
    b.expect(svg, "the set-up page shows a QR code as inline SVG")
    title = svg[0].find_elements(By.CSS_SELECTOR, "title")
    b.expect(title and title[0].get_attribute("textContent").strip(), "the QR code has a <title>")
    key = b.find("main code.wm-code").text.strip()
    b.expect(re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", key), f"the key should be Base32 in groups of four, it is {key!r}")
    authenticator.add(person["email"], key)
    # A code of the wrong length is refused, with the error beside the field.
    b.type("code", "12345")
    b.button("Turn on two-step sign-in")
    expect_field_error(b, "code", "6-digit code")
    b.expect(b.find("main code.wm-code").text.strip() == key, "the key stays the same after a refused code")
    b.type("code", authenticator.code(person["email"]))
    b.button("Turn on two-step sign-in")
    b.expect_no_errors("turning on two-step sign-in")
    b.expect(b.find("h1").text.strip() == "Two-step sign-in is on", f"expected 'Two-step sign-in is on', got {b.find('h1').text!r}")
    codes = [c.text.strip() for c in b.finds("main .wm-recovery-codes li")]
    b.expect(len(codes) == 10 and len(set(codes)) == 10 and all(codes), f"expected 10 different recovery codes, got {codes}")
    log(f"    two-step on for {person['email']}: 10 recovery codes, like {codes[0]!r}")
    b.link("Continue")
    b.expect_path("/", "home after Continue")
    return codes


def accept_invitation(b, inst, person):
    """In a fresh browser: the invitation link, a listed password refused, a good one, sign in."""
    link = inst.link("account.invitation", person["email"])
    log(f"    invitation link for {person['email']}: {link[:len(inst.url) + 12]}…")
    if person.get("stale_link"):
        b.go(path_of(person["stale_link"]))
        b.expect("cannot be used" in b.find("h1").text, "the invitation link sent first no longer works once it was sent again")
    b.go(path_of(link))
    b.expect("Choose your password" in b.find("h1").text, "the invitation page asks for a password")
    b.expect(person["name"] in b.text("main"), "the invitation page names the account")
    b.type("password", LISTED_PASSWORD)
    b.type("confirmPassword", LISTED_PASSWORD)
    b.button("Set password and continue")
    expect_field_error(b, "password", "list of passwords")
    b.type("password", person["password"])
    b.type("confirmPassword", person["password"])
    b.button("Set password and continue")
    b.expect_no_errors("choosing a password")
    b.expect_path("/sign-in", "sign-in after choosing a password")
    b.expect("Your password is set" in b.text(), "the sign-in page says the password is set")
    # The link works once.
    b.go(path_of(link))
    b.expect("cannot be used" in b.find("h1").text, f"a used invitation should be refused, the page says {b.find('h1').text!r}")
    sign_in(b, person)


def api_status(inst, token, path="/api/v1/areas"):
    request = urllib.request.Request(inst.url + path, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


# ==== the steps ===========================================================================

class World:
    """What the steps hand on to each other."""

    def __init__(self, binary, directory, port):
        self.binary = binary
        self.dir = directory
        self.inst = Installation(binary, directory, port)
        self.authenticator = Authenticator()
        self.browsers = []
        self.area = None
        self.site_information = None

    def browser(self, journey):
        b = Browser()
        b.start(journey)
        self.browsers.append(b)
        return b


STEPS = []


def step(function):
    STEPS.append(function)
    return function


@step
def install(w, b):
    """migrate and setup a real database; serve (no --demo) refuses one with no administrator
    and one with demo data, and starts on the real one."""
    binary, d = w.binary, w.dir
    empty = "sqlite:" + os.path.join(d, "no-admin.sqlite")
    result = run([binary, "migrate", "--database", empty])
    b.expect(result.returncode == 0, f"migrate failed: {result.stdout}{result.stderr}")
    expect_refusal(binary, empty, w.inst.port, "a database with no administrator", "No administrator yet")

    demo = "sqlite:" + os.path.join(d, "demo.sqlite")
    result = run([binary, "demo", "--database", demo], timeout=600)
    b.expect(result.returncode == 0, f"demo failed: {result.stdout[-2000:]}{result.stderr[-2000:]}")
    expect_refusal(binary, demo, w.inst.port, "a database holding demo data", "holds demo data")

    result = run([binary, "migrate", "--database", w.inst.database])
    b.expect(result.returncode == 0, f"migrate failed: {result.stdout}{result.stderr}")
    setup = [binary, "setup", "--database", w.inst.database, "--provider", PROVIDER,
             "--admin-email", ADMIN["email"], "--admin-name", ADMIN["name"]]
    # A listed password is refused, and nothing is set up.
    listed = run(setup, stdin=LISTED_PASSWORD + "\n")
    log(f"      exit {listed.returncode}: {(listed.stdout + listed.stderr).strip().splitlines()[:1]}")
    b.expect(listed.returncode != 0 and "list of passwords" in listed.stdout + listed.stderr,
             f"setup should refuse the listed password {LISTED_PASSWORD!r}: {listed.stdout}{listed.stderr}")
    result = run(setup, stdin=ADMIN["password"] + "\n")
    log(f"      exit {result.returncode}: {(result.stdout + result.stderr).strip().splitlines()[0]}")
    b.expect(result.returncode == 0, f"setup failed: {result.stdout}{result.stderr}")
    b.expect(PROVIDER in result.stdout and ADMIN["email"] in result.stdout, f"setup should name the provider and administrator: {result.stdout!r}")
    # Once there is an administrator, setup refuses to run again.
    again = run(setup, stdin="another good password\n")
    log(f"      setup again: exit {again.returncode}: {(again.stdout + again.stderr).strip().splitlines()[:1]}")
    b.expect(again.returncode != 0, "setup ran a second time on a database that has an administrator")

    w.inst.catch_mail()
    w.inst.start()
    log(f"    serving the real database on {w.inst.url}")


@step
def administrator_two_step(w, b):
    """The administrator signs in, is sent to set up two-step sign-in, scans the key, enters
    the code and gets 10 recovery codes."""
    sign_in(b, ADMIN, expect_two_step_set_up=True)
    b.expect(not b.finds(".wm-demo-banner"), "a real installation shows no demo banner")
    # Until it is set up, every other page sends them back.
    b.go("/organisation")
    b.expect_path("/account/two-step", "two-step set-up (asked for /organisation before setting it up)")
    set_up_two_step(b, ADMIN, w.authenticator, required=True)
    b.go("/account/two-step")
    b.expect("Two-step sign-in" in b.find("h1").text and "10" in b.text("main .wm-summary-list"),
             "the two-step page now says it is on, with 10 recovery codes left")


@step
def organisation(w, b):
    """Organisation: an area with its public contact, two delivery units, a site; refused forms
    (a taken short name, a bad postcode); the area page with its History; sign-in settings."""
    b.go("/")
    b.link("Organisation", within="nav.wm-primary-navigation")
    b.expect_path("/organisation")
    b.expect("No areas yet" in b.text(), "a new installation has no areas")
    b.link("Add an area")
    b.expect_path("/organisation/areas/new")
    b.type("name", "Essex")
    b.type("slug", "essex")
    b.type("contactName", "Essex peer mentoring team")
    b.type("contactEmail", "mentoring@essex.example")
    b.type("contactPhone", "01245 000 000")
    b.type("postalAddress", "1 Civic Way\nChelmsford\nCM1 1AA")
    b.button("Add")
    b.expect_no_errors("adding the area")
    b.expect_path(r"/organisation/areas/[0-9A-Fa-f-]{36}", "the new area's page")
    b.expect_banner("Area Essex added")
    w.area = urlparse(b.driver.current_url).path
    b.expect("/about/essex" in b.text() and "mentoring@essex.example" in b.text(), "the area page shows its web address and contact")

    # A second area with the same short name is refused.
    b.go("/organisation/areas/new")
    b.type("name", "Essex North")
    b.type("slug", "essex")
    b.button("Add")
    expect_field_error(b, "slug", "already uses the short name")

    for unit in ("Basildon", "Colchester"):
        b.go(w.area)
        b.link("Add a delivery unit")
        b.expect("Add a probation delivery unit" in b.find("h1").text, "the delivery unit form")
        b.type("name", unit)
        b.button("Add")
        b.expect_no_errors(f"adding the delivery unit {unit}")
        b.expect_path(w.area, "the area page after adding a unit")
        b.expect_banner(f"Delivery unit {unit} added")

    b.link("Add a site")
    b.type("name", "Basildon Probation Office")
    b.type("address", "Acorn House, Great Oaks, Basildon")
    b.type("postcode", "not a postcode")
    choose_label(b, "deliveryUnitId", "Basildon")
    b.button("Add")
    expect_field_error(b, "postcode", "postcode")
    b.type("postcode", "SS14 1AB")
    choose_label(b, "deliveryUnitId", "Basildon")
    b.button("Add")
    b.expect_no_errors("adding the site")
    b.expect_path(w.area, "the area page after adding a site")
    b.expect_banner("Site Basildon Probation Office added")

    units = [r.text for r in b.finds("main table") if "Delivery units in Essex" in r.text]
    b.expect(units and "Basildon" in units[0] and "Colchester" in units[0], f"the area page lists both delivery units: {units}")
    sites = [t.text for t in b.finds("main table") if "Sites in Essex" in t.text]
    b.expect(sites and "Basildon Probation Office" in sites[0] and "SS14 1AB" in sites[0], f"the area page lists the site: {sites}")
    history = [t.text for t in b.finds("main table") if "Changes to Essex" in t.text]
    b.expect(history, "the area page has a History table")
    for entry in ("Delivery unit added: Basildon", "Delivery unit added: Colchester", "Site added: Basildon Probation Office"):
        b.expect(entry in history[0], f"History should include {entry!r}: {history[0][:600]!r}")
    b.expect(ADMIN["name"] in history[0], "History says who made the changes")

    # The change pages: the area (a contact changed, then in History), a unit, a site.
    b.link("Change", within="main .wm-summary-list")
    b.expect_path(r"/organisation/areas/[0-9A-Fa-f-]{36}/edit", "the change area form")
    b.type("contactPhone", "01245 111 222")
    b.button("Save changes")
    b.expect_no_errors("changing the area")
    b.expect_banner("Area Essex saved")
    b.expect("01245 111 222" in b.text(), "the new phone number is shown")
    b.expect("01245 111 222" in [t.text for t in b.finds("main table") if "Changes to Essex" in t.text][0], "History shows the phone change")
    b.click(b.find("main a[href*='/organisation/delivery-units/']"))
    b.expect("Change delivery unit" in b.find("h1").text, "the change delivery unit form")
    b.click(b.find("a.wm-back-link"))
    b.expect_path(w.area, "the area page from Back")
    b.click(b.find("main a[href*='/organisation/sites/'][href$='/edit']"))
    b.expect("Change site" in b.find("h1").text, "the change site form")
    b.go(w.area)
    # The area page offers each site's visitor information (and the banner after adding a
    # site asks for it): the link should lead somewhere the administrator may go.
    b.click(b.find("main a[href$='/information']"))
    w.site_information = urlparse(b.driver.current_url).path
    if refused_access(b):
        problem(b, f"the area page's 'Visitor information' link ({w.site_information}) is refused to the administrator: "
                   f"{b.find('h1').text.strip()!r}")

    # The provider's sign-in settings, saved once.
    b.go("/organisation")
    b.expect("Essex" in b.text("main table"), "the organisation page lists the area")
    forms = [f for f in b.finds("main form[method='post']") if PROVIDER in f.text]
    b.expect(len(forms) == 1, f"one sign-in settings form for {PROVIDER}")
    idle = forms[0].find_element(By.CSS_SELECTOR, "input[name='idleMinutes']")
    idle.clear()
    idle.send_keys("45")
    b.form_button(forms[0], f"Save {PROVIDER} sign-in settings")
    b.expect_no_errors("saving the sign-in settings")
    b.expect_path("/organisation")
    b.expect_banner(f"Sign-in settings saved for {PROVIDER}")
    b.expect(b.find("main input[name='idleMinutes']").get_attribute("value") == "45", "the idle timeout is now 45 minutes")
    b.link("Add a provider")
    b.expect("Add a provider" in b.find("h1").text, "the add a provider form")


@step
def invite_users(w, b):
    """Users: invite a coordinator and a practitioner for Essex; both listed as Invited; a
    user's page."""
    b.go("/")
    b.link("Users", within="nav.wm-primary-navigation")
    b.expect_path("/users")
    for person in (COORDINATOR, PRACTITIONER):
        b.link("Invite a user")
        b.expect_path("/users/invite")
        b.type("name", person["name"])
        b.type("email", person["email"])
        b.choose(f"role-{person['role']}")
        if person is COORDINATOR:
            # Forgetting the area is refused: everyone but administrators works in one.
            b.button("Send invitation")
            expect_field_error(b, "areas", "area")
        choose_label(b, "areas[]", "Essex")
        b.button("Send invitation")
        b.expect_no_errors(f"inviting {person['email']}")
        b.expect_path(r"/users/[0-9A-Fa-f-]{36}", "the invited user's page")
        b.expect_banner(f"Invitation sent to {person['email']}")
        b.expect("Invited" in b.text("main .wm-summary-list"), "the user's page says Invited")
        person["page"] = urlparse(b.driver.current_url).path
        first_link = w.inst.link("account.invitation", person["email"])   # an email with a link was queued
        if person is PRACTITIONER:
            # Sent again (the first went astray): only the newest link works.
            b.button("Send the invitation again")
            b.expect_no_errors("sending the invitation again")
            b.expect_banner("Invitation sent again")
            person["stale_link"] = first_link
            b.expect(w.inst.link("account.invitation", person["email"]) != first_link, "sending again makes a new link")
        b.go("/users")
    rows = {r.find_element(By.CSS_SELECTOR, "td, th").text.strip(): r.text for r in b.finds("main table tbody tr")}
    for person in (COORDINATOR, PRACTITIONER):
        b.expect(person["name"] in rows and "Invited" in rows[person["name"]], f"{person['name']} is listed as Invited: {rows}")
    b.expect("Active" in rows.get(ADMIN["name"], ""), f"the administrator is listed as Active: {rows}")
    b.link(COORDINATOR["name"])
    b.expect_path(COORDINATOR["page"], "the coordinator's user page")
    b.expect("Peer mentor coordinator" in b.text("main") and "Essex" in b.text("main .wm-summary-list"), "the page shows the role and area")
    b.expect(any("Send the invitation again" in x.text for x in b.finds("main button")), "an invited user's page offers to send it again")
    # The list's filters.
    b.go("/users")
    b.select("role", value="practitioner")
    b.button("Apply filters")
    names = [r.find_element(By.CSS_SELECTOR, "td, th").text.strip() for r in b.finds("main table tbody tr")]
    b.expect(names == [PRACTITIONER["name"]], f"filtering by role shows only the practitioner: {names}")
    sign_out(b)
    # Signed out: the area's public page gives the contact for people on probation.
    b.go("/about/essex")
    about = b.text("main")
    for shown in ("Essex", "mentoring@essex.example", "01245 111 222"):
        b.expect(shown in about, f"the public page /about/essex should show {shown!r}: {about[:400]!r}")
    # Once the invitation has gone, the outbox no longer holds its link.
    deadline = time.monotonic() + 30
    while (held := w.inst.outbox("account.invitation", COORDINATOR["email"])) and (held[1] is None or held[0]) \
            and time.monotonic() < deadline:
        time.sleep(0.5)
    b.expect(held and held[1] is not None, f"the coordinator's invitation was not sent within 30s: {held}")
    b.expect(held[0] is None, "the outbox still holds the invitation link after sending it")
    log("    the invitation was sent, and the outbox forgot its link")


@step
def coordinator_first_day(w, b):
    """The coordinator accepts the invitation in a fresh browser, signs in, makes and revokes an
    API token, sets up two-step sign-in (optional for them), adds a person, opens the waiting
    list and the site's visitor information; the practitioner accepts theirs (sent twice),
    signs in and recommends someone, whom the coordinator cannot yet give a sign-in."""
    c = w.browser("golive_coordinator")
    accept_invitation(c, w.inst, COORDINATOR)
    c.expect("Peer mentor coordinator" in c.text(".wm-header"), "the header names the coordinator's role")

    c.go("/account")
    c.expect(c.find("h1").text.strip() == "Your account", "the account page")
    c.expect(COORDINATOR["email"] in c.text("main .wm-summary-list") and "Essex" in c.text("main .wm-summary-list"),
             "the account page shows the email address and area")
    c.link("Your API tokens")
    c.expect_path("/account/tokens", "the API tokens page")
    c.expect("You have no API tokens" in c.text(), "a new account has no tokens")
    c.type("name", "Monthly report script")
    c.type("expiresInDays", "a month")
    c.button("Create token")
    expect_field_error(c, "expiresInDays", "days")
    c.type("name", "Monthly report script")
    c.type("expiresInDays", "30")
    c.button("Create token")
    c.expect_no_errors("creating an API token")
    token = c.find("#new-token").text.strip()
    c.expect(len(token) >= 20, f"a new token is shown: {token!r}")
    c.expect("Monthly report script" in c.text("main table"), "the token is listed")
    status, body = api_status(w.inst, token)
    c.expect(status == 200 and any(a.get("name") == "Essex" for a in (body or {}).get("items", [])),
             f"the new token reads /api/v1/areas (status {status}, {str(body)[:200]})")
    c.go("/account")
    c.expect("Your API tokens (1)" in c.text("main"), "the account page counts the token")
    c.link("Your API tokens")
    c.expect(not c.finds("#new-token") and token not in c.driver.page_source, "the token is shown only once")
    expires = [r.text for r in c.finds("main table tbody tr") if "Monthly report script" in r.text][0]
    in_30 = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=30)
    c.expect(f"{in_30.day} {in_30:%B %Y}" in expires, f"the token expires in 30 days ({in_30}): {expires!r}")
    c.button("Revoke")
    c.expect_no_errors("revoking the token")
    c.expect_path("/account/tokens", "the tokens page after revoking")
    c.expect_banner("revoked")
    c.expect("You have no API tokens" in c.text(), "no tokens after revoking")
    status, _ = api_status(w.inst, token)
    c.expect(status == 401, f"a revoked token is refused with 401, got {status}")

    c.go("/account")
    c.link("Set up two-step sign-in")
    set_up_two_step(c, COORDINATOR, w.authenticator, required=False)

    # A day's work: a person in Essex, and the waiting list.
    c.link("People", within="nav.wm-primary-navigation")
    person = journeys.add_person(c, "Morgan", f"Golive {journeys.RUN}", datetime.date(1988, 9, 21), unit="Basildon")
    c.expect("Basildon" in c.text("main"), "the person is in the Basildon delivery unit")
    c.link("Waiting list", within="nav.wm-primary-navigation")
    c.expect(c.find("h1").text.strip(), "the waiting list")
    # The site's visitor information is the coordinator's to keep too, on their own page for it
    # (the administrator's link is under /organisation, which coordinators do not have).
    c.go(w.site_information.replace("/organisation/sites/", "/sites/"))
    c.expect(not refused_access(c), f"the coordinator may keep the site's visitor information: {c.title!r}")
    c.expect("Basildon Probation Office" in c.text("main"), "the visitor information form names the site")
    c.go(person)

    # The practitioner accepts their invitation (at their own computer), adds someone on their
    # caseload and recommends them as a peer mentor.
    p = w.browser("golive_practitioner")
    accept_invitation(p, w.inst, PRACTITIONER)
    p.expect("Probation practitioner" in p.text(".wm-header"), "the header names the practitioner's role")
    p.link("People", within="nav.wm-primary-navigation")
    recommended = journeys.add_person(p, "Riley", f"Golive {journeys.RUN}", datetime.date(1991, 3, 8), unit="Colchester")
    p.link("Recommend as a peer mentor")
    p.type("reason", "Steady for a year; wants to help others leaving custody.")
    p.button("Recommend")
    p.expect_no_errors("recommending")
    p.expect_path(r"/mentors/[0-9A-Fa-f-]{36}", "the new candidate's mentor page")
    p.expect_banner("Recommendation sent")
    mentor = urlparse(p.driver.current_url).path
    sign_out(p)

    # The coordinator sees the candidate. A sign-in is for active mentors, from their record.
    c.go(mentor)
    c.expect("Riley" in c.find("h1").text, "the coordinator sees the recommended candidate")
    c.go(mentor + "/sign-in")
    c.expect("a sign-in" in c.find("h1").text, f"the give a sign-in page: {c.find('h1').text!r}")
    c.type("email", "riley@essex.example")
    c.button("Send invitation")
    expect_field_error(c, "email", "Only active mentors")
    c.go(recommended)
    sign_out(c)


@step
def forgotten_password(w, b):
    """The coordinator forgets their password: "Forgotten your password?", the emailed link,
    a new password, and signing in with it (and their two-step code)."""
    c = w.browser("golive_reset")
    c.go("/sign-in")
    c.link("Forgotten your password?")
    c.expect_path("/forgotten-password")
    c.type("email", "not an email address")
    c.button("Send the link")
    expect_field_error(c, "email", "email")
    c.type("email", COORDINATOR["email"])
    c.button("Send the link")
    c.expect_no_errors("asking for a reset link")
    c.expect(c.find("h1").text.strip() == "Check your email", f"expected 'Check your email', got {c.find('h1').text!r}")
    link = w.inst.link("account.passwordReset", COORDINATOR["email"])
    c.go(path_of(link))
    c.expect("Choose a new password" in c.find("h1").text, "the reset page")
    c.type("password", COORDINATOR["new_password"])
    c.type("confirmPassword", COORDINATOR["new_password"] + " typo")
    c.button("Change password")
    expect_field_error(c, "confirmPassword", "")
    c.type("password", COORDINATOR["new_password"])
    c.type("confirmPassword", COORDINATOR["new_password"])
    c.button("Change password")
    c.expect_no_errors("setting a new password")
    c.expect_path("/sign-in", "sign-in after the reset")
    c.expect("Sign in with your new password" in c.text(), "the sign-in page says the password was changed")
    # The old password no longer works; the new one does (with a code from the app).
    c.type("email", COORDINATOR["email"])
    c.type("password", COORDINATOR["password"])
    c.button("Sign in")
    c.expect(c.finds(".wm-error-summary"), "the old password is refused")
    sign_in(c, COORDINATOR, password=COORDINATOR["new_password"], authenticator=w.authenticator)
    c.go(path_of(link))
    c.expect("cannot be used" in c.find("h1").text, "a used reset link is refused")
    sign_out(c)


# ==== the runner ==========================================================================

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", nargs="?", help="a built waymark")
    parser.add_argument("--port", type=int, help="port for the server (default: the first free one from 18700)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, server log)")
    parser.add_argument("--list", action="store_true", help="list the steps and stop")
    args = parser.parse_args()
    if args.list:
        for s in STEPS:
            print(f"{s.__name__}: {' '.join(s.__doc__.split())}")
        return 0
    if not args.binary:
        parser.error("the waymark binary is needed")
    binary = os.path.abspath(args.binary)
    port = args.port or free_port(18700)
    directory = tempfile.mkdtemp(prefix="waymark-golive.")
    w = World(binary, directory, port)
    journeys.BASE = w.inst.url
    log(f"Go-live journey: {binary} on {w.inst.url}, database {w.inst.path}; axe-core {journeys.AXE_VERSION}, "
        f"rules tagged {', '.join(journeys.AXE_TAGS)}")
    started = time.monotonic()
    b = w.browser("golive_administrator")
    results = []
    try:
        for s in STEPS:
            log(f"\n=== golive {s.__name__}: {s.__doc__.strip().splitlines()[0]}")
            before = {id(x): len(x.problems) for x in w.browsers}
            t0 = time.monotonic()
            error = None
            try:
                s(w, b)
            except (JourneyFailed, AssertionError) as e:
                error = str(e)
            except WebDriverException as e:
                error = f"{type(e).__name__}: {e.msg if hasattr(e, 'msg') else e}"
            except Exception:  # noqa: BLE001 - a broken step must still be reported
                error = traceback.format_exc()
            problems = [p for x in w.browsers for p in x.problems[before.get(id(x), 0):]]
            stopped = error is not None
            if error:
                log(f"    ✗ {error}")
                current = w.browsers[-1]
                try:
                    if current.driver.current_url.startswith("http"):
                        current.save_artifacts("failed")
                except WebDriverException:
                    pass
            if problems:
                error = (error + "; " if error else "") + f"{sum(len(p[2]) for p in problems)} problem(s) on {len(problems)} page(s)"
            results.append((s.__name__, error, problems))
            log(f"=== {'FAIL' if error else 'ok'} golive {s.__name__} ({time.monotonic() - t0:.1f}s)")
            if stopped:
                break   # the later steps need this one
    finally:
        for x in w.browsers:
            x.quit()
        w.inst.stop()
    failed = [r for r in results if r[1]]
    pages = sum(x.pages_checked for x in w.browsers)
    log(f"\ngo-live: {len(results) - len(failed)} of {len(STEPS)} steps passed"
        + (f" ({len(STEPS) - len(results)} not run)" if len(results) < len(STEPS) else "")
        + f"; {pages} pages checked in {time.monotonic() - started:.0f}s.")
    for name, error, problems in failed:
        log(f"  FAILED {name}: {error.splitlines()[0] if error else ''}")
        for path, title, messages in problems:
            for m in messages:
                log(f"      {path}: {m.splitlines()[0]}")
    if failed and w.inst.server is not None:
        log(f"--- last lines of the server log ({w.inst.log_path}) ---\n{w.inst.log_tail()}")
    if failed or args.keep:
        log(f"(kept {directory})")
    else:
        shutil.rmtree(directory, ignore_errors=True)
    return 1 if failed or len(results) < len(STEPS) else 0


if __name__ == "__main__":
    sys.exit(main())
