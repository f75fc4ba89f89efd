#!/usr/bin/env python3
"""Waymark in a real browser: journeys through the real forms, with accessibility checks.

Run by Tests/browser/run.sh against a server it starts on a fresh demo database:

    WAYMARK_URL=http://127.0.0.1:18600 python3 Tests/browser/journeys.py [--only NAME ...] [--list]

Every page the journeys reach (after a link, a form or an address) is checked before the
journey goes on:

  * axe-core (the current release, from the axe-playwright-python wheel) with the WCAG 2.0,
    2.1 and 2.2 A and AA rules: zero violations allowed;
  * what axe cannot know about Waymark's own patterns: no duplicate ids (a second form with
    the same ids leaves its fields without labels), exactly one h1, lang="en-GB", the
    `main` landmark, the title ends "– Waymark" and starts "Error:" exactly when an error
    summary is shown, and every error summary link reaches a field that is itself marked
    (in an error form group, or aria-invalid) with an inline message.

A problem on a page is recorded and the journey carries on, so one run lists them all; an
assertion in a journey stops that journey. Either way the journey fails, a screenshot and
the page's HTML go to $ARTIFACTS (default Tests/browser/artifacts), and the screenshot is
also printed as base64 between BEGIN/END SCREENSHOT markers, because CI keeps only the log.
To turn one back into a file: copy the lines between the markers into x.b64, then
`base64 -d x.b64 > x.png`.

Needs: selenium 4, Chromium and chromedriver, and axe-playwright-python==0.1.8 installed
with --no-deps (only for its axe.min.js), or AXE_JS=/path/to/axe.min.js.
"""

import argparse
import base64
import datetime
import hashlib
import importlib.util
import os
import pathlib
import re
import sys
import time
import traceback
from urllib.parse import urlparse

from selenium import webdriver
from selenium.common.exceptions import JavascriptException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

HERE = pathlib.Path(__file__).resolve().parent
BASE = os.environ.get("WAYMARK_URL", "http://127.0.0.1:18600").rstrip("/")
ARTIFACTS = pathlib.Path(os.environ.get("ARTIFACTS") or HERE / "artifacts")
PASSWORD = "waymark-demo-2026"

# The demo's Essex users, one of each role (printed by `waymark demo`), and the administrator.
USERS = {
    "administrator": "admin@waymark.example",
    "coordinator": "coordinator.essex@waymark.example",
    "practitioner": "practitioner.essex@waymark.example",
    "staffFacilitator": "facilitator.essex@waymark.example",
    "mentor": "mentor.essex@waymark.example",
    "commissioner": "commissioner.essex@waymark.example",
}
ROLE_LABELS = {
    "administrator": "Administrator",
    "coordinator": "Peer mentor coordinator",
    "practitioner": "Probation practitioner",
    "staffFacilitator": "Staff facilitator",
    "mentor": "Peer mentor",
    "commissioner": "Commissioner",
}

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_source():
    path = os.environ.get("AXE_JS")
    if not path:
        spec = importlib.util.find_spec("axe_playwright_python")
        if spec is None or not spec.submodule_search_locations:
            sys.exit("journeys.py: axe-core not found. Install it with "
                     "`pip install --no-deps axe-playwright-python==0.1.8`, or set AXE_JS.")
        path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    source = pathlib.Path(path).read_text(encoding="utf-8")
    version = re.search(r"axe v(\d+\.\d+\.\d+)", source[:200])
    return source, (version.group(1) if version else "unknown")


AXE_JS, AXE_VERSION = axe_source()

# Runs in the page: Waymark's own checks (see the module docstring). Returns a list of strings.
PAGE_CHECKS_JS = r"""
var problems = [];
var counts = {};
document.querySelectorAll('[id]').forEach(function (e) { counts[e.id] = (counts[e.id] || 0) + 1; });
var dups = Object.keys(counts).filter(function (k) { return counts[k] > 1; });
if (dups.length) { problems.push('duplicate ids: ' + dups.slice(0, 10).join(', ') + (dups.length > 10 ? ' …' : '')); }
if (document.documentElement.getAttribute('lang') !== 'en-GB') { problems.push('html lang is not en-GB'); }
var h1s = document.querySelectorAll('h1').length;
if (h1s !== 1) { problems.push('expected one h1, found ' + h1s); }
if (document.querySelectorAll('main').length !== 1) { problems.push('expected one main landmark'); }
if (!/ – Waymark$/.test(document.title)) { problems.push('title does not end "– Waymark": ' + document.title); }
var summary = document.querySelector('.wm-error-summary');
var errorTitle = document.title.indexOf('Error: ') === 0;
if (summary && !errorTitle) { problems.push('error summary shown but the title does not start "Error:"'); }
if (!summary && errorTitle) { problems.push('title starts "Error:" but there is no error summary'); }
if (summary) {
  var links = summary.querySelectorAll('a');
  if (!links.length) { problems.push('error summary has no links'); }
  links.forEach(function (a) {
    var href = a.getAttribute('href') || '';
    if (href.charAt(0) !== '#') { problems.push('error summary link is not to a field on the page: ' + href); return; }
    var target = document.getElementById(decodeURIComponent(href.slice(1)));
    if (!target) { problems.push('error summary link "' + a.textContent.trim() + '" goes to ' + href + ', which is not on the page'); return; }
    var control = target.matches('input, select, textarea') ? target : target.querySelector('input:not([type=hidden]), select, textarea');
    if (!control) { return; }  // about the page or a section, not one field
    var group = control.closest('.wm-form-group--error');
    var invalid = control.getAttribute('aria-invalid') === 'true';
    if (!group && !invalid) { problems.push('the field for "' + a.textContent.trim() + '" (' + href + ') is not marked as in error'); return; }
    if (group && !group.querySelector('.wm-error-message')) { problems.push('no inline error message beside ' + href); }
  });
}
return problems;
"""

# Runs in the page: how the focused element looks, and how it looks once blurred (it is then
# focused again), so "focus is visible" means something changes that can be seen.
FOCUS_STYLE_JS = r"""
var e = document.activeElement;
if (!e || e === document.body) { return null; }
function look() {
  var s = window.getComputedStyle(e), b = window.getComputedStyle(e, '::before'), a = window.getComputedStyle(e, '::after');
  return {outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor,
          boxShadow: s.boxShadow, background: s.backgroundColor, border: s.borderColor,
          before: b.content + ' ' + b.backgroundColor + ' ' + b.boxShadow, after: a.content + ' ' + a.backgroundColor + ' ' + a.boxShadow};
}
var focused = look();
e.blur();
var blurred = look();
try { e.focus({preventScroll: true}); } catch (x) { e.focus(); }
return {tag: e.tagName.toLowerCase(), id: e.id, cls: typeof e.className === 'string' ? e.className : '',
        text: (e.textContent || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 60),
        focused: focused, blurred: blurred, refocused: document.activeElement === e};
"""


class JourneyFailed(AssertionError):
    pass


def slug(text, limit=60):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit] or "page"


def route_of(url):
    """/people/3F2A…/orders → /people/X/orders: one kind of page."""
    return re.sub(r"/[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}|/\d+(?=/|$)", "/X", urlparse(url).path)


def log(message=""):
    print(message, flush=True)


class Browser:
    """One Chromium, and the helpers every journey uses to move about and check pages."""

    seen_markup = {}     # fingerprint of a page's markup -> the problems found on it
    seen_routes = set()  # paths with ids replaced by X: the kinds of page reached so far
    links_seen = {}      # role -> links on the pages they were shown, for `other_pages`

    def __init__(self, javascript=True):
        options = Options()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                         "--lang=en-GB", "--force-prefers-reduced-motion"]:
            options.add_argument(argument)
        if not javascript:
            options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        binary = os.environ.get("CHROME_BIN", "/usr/bin/chromium")
        if os.path.exists(binary):
            options.binary_location = binary
        driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
        service = Service(driver_path) if os.path.exists(driver_path) else Service()
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(60)
        self.javascript = javascript
        self.journey = "setup"
        self.role = None
        self.pages_checked = 0
        self.problems = []       # (url, title, [messages]) found on pages in the current journey
        self.shots = 0

    def quit(self):
        try:
            self.driver.quit()
        except WebDriverException:
            pass

    def start(self, journey):
        self.journey = journey
        self.role = None
        self.problems = []
        self.shots = 0
        self.driver.delete_all_cookies()

    # ---- where we are -----------------------------------------------------------------

    @property
    def path(self):
        parsed = urlparse(self.driver.current_url)
        return parsed.path + (("?" + parsed.query) if parsed.query else "")

    @property
    def title(self):
        return self.driver.title

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, css="main"):
        return self.find(css).text

    def expect(self, condition, message):
        if not condition:
            raise JourneyFailed(f"{message} (at {self.path}, title {self.title!r})")

    def expect_path(self, pattern, what="page"):
        self.expect(re.fullmatch(pattern, urlparse(self.driver.current_url).path),
                    f"expected to be on {what} ({pattern})")

    def expect_banner(self, contains):
        banners = self.finds(".wm-notification-banner--success")
        self.expect(banners, f"expected a success banner saying {contains!r}")
        self.expect(contains.lower() in banners[0].text.lower(),
                    f"expected the success banner to say {contains!r}, it says {banners[0].text!r}")

    def expect_no_errors(self, action):
        summary = self.finds(".wm-error-summary")
        if summary:
            raise JourneyFailed(f"{action} was refused: {summary[0].text!r} (at {self.path})")

    # ---- moving about: every arrival is checked --------------------------------------

    def go(self, path):
        self.driver.get(BASE + path)
        self.arrived()

    def click(self, element):
        """Click something that loads a new page (a link, or a form's submit button)."""
        marker = self.mark_page()
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()
        self.wait_for_new_page(marker)
        self.arrived()

    def press(self, key):
        """Press a key on the focused element, expecting it to load a new page."""
        marker = self.mark_page()
        self.driver.switch_to.active_element.send_keys(key)
        self.wait_for_new_page(marker)
        self.arrived()

    def mark_page(self):
        """Tag the current document, so a new one can be told from it."""
        marker = f"wm-{time.monotonic_ns()}"
        self.driver.execute_script("window.__wmJourneyPage = arguments[0];", marker)
        return marker

    def wait_for_new_page(self, marker):
        def loaded(d):
            try:
                return d.execute_script("return window.__wmJourneyPage !== arguments[0] && document.readyState === 'complete';",
                                        marker)
            except WebDriverException:   # between documents
                return False
        try:
            WebDriverWait(self.driver, 20, poll_frequency=0.05).until(loaded)
        except TimeoutException:
            raise JourneyFailed(f"no new page loaded (still at {self.path})")

    def link(self, text, within="main"):
        """Follow the link (or link styled as a button) whose text starts with `text`."""
        for a in self.finds(f"{within} a[href]"):
            if a.text.strip().startswith(text):
                return self.click(a)
        raise JourneyFailed(f"no link starting {text!r} in {within} (at {self.path})")

    def button(self, text, within="main"):
        """Press the submit button whose text starts with `text`."""
        for b in self.finds(f"{within} button"):
            if b.text.strip().startswith(text):
                return self.click(b)
        raise JourneyFailed(f"no button starting {text!r} in {within} (at {self.path})")

    def form_button(self, form, text):
        for b in form.find_elements(By.CSS_SELECTOR, "button"):
            if b.text.strip().startswith(text):
                return self.click(b)
        raise JourneyFailed(f"no button starting {text!r} in that form (at {self.path})")

    # ---- filling in forms ------------------------------------------------------------

    def type(self, field_id, value, clear=True):
        field = self.driver.find_element(By.ID, field_id)
        if clear:
            field.clear()
        field.send_keys(value)

    def date(self, field, day):
        self.type(f"{field}-day", str(day.day))
        self.type(f"{field}-month", str(day.month))
        self.type(f"{field}-year", str(day.year))

    def choose(self, input_id):
        """Tick a radio or checkbox by its label, as a person would."""
        field = self.driver.find_element(By.ID, input_id)
        if not field.is_selected():
            self.find(f"label[for='{input_id}']").click()
        self.expect(field.is_selected(), f"could not choose {input_id}")

    def select(self, field_id, text=None, value=None, index=None):
        menu = Select(self.driver.find_element(By.ID, field_id))
        if text is not None:
            for option in menu.options:
                if text in option.text:
                    menu.select_by_visible_text(option.text)
                    return option.text
            raise JourneyFailed(f"no option containing {text!r} in #{field_id} (at {self.path})")
        if value is not None:
            menu.select_by_value(value)
            return menu.first_selected_option.text
        real = [o for o in menu.options if o.get_attribute("value")]
        self.expect(len(real) > (index or 0), f"#{field_id} has no option to choose")
        menu.select_by_value(real[index or 0].get_attribute("value"))
        return menu.first_selected_option.text

    def options(self, field_id):
        return [(o.get_attribute("value"), o.text) for o in Select(self.driver.find_element(By.ID, field_id)).options
                if o.get_attribute("value")]

    # ---- signing in and out ----------------------------------------------------------

    def sign_in(self, role):
        self.driver.delete_all_cookies()
        self.go("/sign-in")
        self.type("email", USERS[role])
        self.type("password", PASSWORD)
        self.button("Sign in")
        self.role = role
        self.expect_path("/", "the home page after signing in")
        self.expect(ROLE_LABELS[role] in self.text(".wm-header"), f"header should name the role {ROLE_LABELS[role]}")

    def sign_out(self):
        self.role = None
        self.button("Sign out", within="header")
        self.expect_path("/sign-in", "the sign-in page after signing out")

    # ---- checking pages --------------------------------------------------------------

    def arrived(self):
        """Check the page just loaded: axe, then Waymark's own checks."""
        try:
            WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
        except TimeoutException:
            raise JourneyFailed(f"page did not finish loading: {self.path}")
        self.pages_checked += 1
        Browser.seen_routes.add(route_of(self.driver.current_url))
        if self.role:
            links = Browser.links_seen.setdefault(self.role, [])
            for href in self.driver.execute_script("return Array.from(document.querySelectorAll('a[href]'), function (a) { return a.href; });"):
                if href not in links:
                    links.append(href)
        # The same markup (but for the form token) gives the same answer: sign-in pages and a
        # page reloaded unchanged are checked once.
        fingerprint = hashlib.sha1(re.sub(r'name="_csrf" value="[^"]*"', "", self.driver.page_source).encode()).hexdigest()
        if fingerprint in Browser.seen_markup:
            known = Browser.seen_markup[fingerprint]
            log(f"    page {self.path} — {self.title!r}: "
                + (f"{len(known)} PROBLEM(S), as reported above (same markup)" if known else "ok (markup already checked)"))
            if known:
                self.problems.append((self.path, self.title, known))
            return
        messages = []
        violations = self.run_axe() if self.javascript else []
        for v in violations:
            targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
            messages.append(f"axe {v['id']} [{v.get('impact')}] {v.get('help')} — {v.get('helpUrl')}\n"
                            + "".join(f"        target: {t}\n" for t in targets[:10])
                            + (f"        … and {len(targets) - 10} more\n" if len(targets) > 10 else "")
                            + (f"        first failure: {v['nodes'][0].get('failureSummary', '').strip()}".replace("\n", " ")
                               if v.get("nodes") else ""))
        messages += self.page_checks()
        Browser.seen_markup[fingerprint] = messages
        status = ("ok" if self.javascript else "ok (page checks; axe needs page scripts)") if not messages else f"{len(messages)} PROBLEM(S)"
        log(f"    page {self.path} — {self.title!r}: {status}")
        if messages:
            self.problems.append((self.path, self.title, messages))
            for m in messages:
                log("      ✗ " + m)
            first_target = None
            for v in violations:
                if v.get("nodes"):
                    first_target = v["nodes"][0].get("target", [None])[0]
                    break
            self.save_artifacts("problem", scroll_to=first_target)

    def run_axe(self):
        d = self.driver
        if not d.execute_script("return typeof window.axe === 'object' && !!window.axe.run"):
            d.execute_script(AXE_JS)
        result = d.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            "  .then(function (r) { done({violations: r.violations}); })"
            "  .catch(function (e) { done({error: String(e)}); });", AXE_TAGS)
        if "error" in result:
            raise JourneyFailed(f"axe failed to run on {self.path}: {result['error']}")
        return result["violations"]

    def page_checks(self):
        # WebDriver's own scripts still run when the page's JavaScript is off.
        return self.driver.execute_script(PAGE_CHECKS_JS)

    def focus_style(self):
        return self.driver.execute_script(FOCUS_STYLE_JS)

    def expect_visible_focus(self, what):
        """Something visible changes when the element has focus: an outline that is not
        transparent, a box-shadow, a background, a border, or a bar drawn before or after it."""
        style = self.focus_style()
        self.expect(style is not None, f"{what}: nothing has focus")
        f, u = style["focused"], style["blurred"]
        transparent = re.fullmatch(r"rgba\(.*,\s*0\)|transparent", f["outlineColor"].strip())
        outline = f["outlineStyle"] not in ("none", "") and f["outlineWidth"] not in ("0px", "") and not transparent
        changed = [k for k in ("boxShadow", "background", "border", "before", "after") if f[k] != u[k]]
        self.expect(outline or changed,
                    f"{what}: focus is not visible on <{style['tag']} id={style['id']!r} class={style['cls']!r}> "
                    f"(focused {f}, unfocused {u})")
        self.expect(style["refocused"], f"{what}: could not put focus back after comparing")
        return style

    # ---- artifacts -------------------------------------------------------------------

    def save_artifacts(self, why, scroll_to=None):
        self.shots += 1
        name = f"{slug(self.journey, 30)}-{self.shots:02d}-{why}-{slug(self.path, 50)}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            if scroll_to and self.javascript:
                self.driver.execute_script(
                    "var e = document.querySelector(arguments[0]); if (e) { e.scrollIntoView({block: 'center'}); }", scroll_to)
            png = self.driver.get_screenshot_as_png()
            (ARTIFACTS / f"{name}.png").write_bytes(png)
            (ARTIFACTS / f"{name}.html").write_text(self.driver.page_source, encoding="utf-8")
        except WebDriverException as error:
            log(f"      (could not save a screenshot: {error.msg})")
            return
        log(f"      artifacts: {ARTIFACTS / name}.png and .html ({self.driver.current_url})")
        log(f"----- BEGIN SCREENSHOT {name}.png (base64 PNG) -----")
        encoded = base64.b64encode(png).decode("ascii")
        for i in range(0, len(encoded), 76):
            print(encoded[i:i + 76])
        log(f"----- END SCREENSHOT {name}.png -----")


# ==== the journeys ====================================================================

JOURNEYS = []


def journey(function):
    JOURNEYS.append(function)
    return function


TODAY = datetime.date.today()
RUN = datetime.datetime.now().strftime("%H%M%S")   # keeps names unique if journeys run twice on one database


def nav_links(b):
    return [(a.text.strip(), urlparse(a.get_attribute("href")).path)
            for a in b.finds("nav.wm-primary-navigation a")]


def visit_as(b, role):
    b.sign_in(role)
    b.expect(b.find("h1").text.strip(), "home page has a heading")
    links = nav_links(b)
    b.expect(links and links[0] == ("Home", "/"), f"navigation should start with Home, it is {links}")
    for label, path in links[1:]:
        b.link(label, within="nav.wm-primary-navigation")
        # "My journey" sends a mentor on to their own mentor record.
        expected = r"/mentors/[0-9A-Fa-f-]{36}" if path == "/my-journey" else re.escape(path) + r"(/.*)?"
        b.expect_path(expected, f"where {label!r} leads")
        current = b.finds("nav.wm-primary-navigation a[aria-current='page']")
        b.expect(current and current[0].text.strip() == label, f"{label!r} should be marked as the current page")
    b.sign_out()
    # Signed out, the pages are gone: every address sends you to sign in.
    for _, path in links[:3]:
        b.go(path)
        b.expect_path("/sign-in", f"sign-in (signed out, asking for {path})")
    return links


def make_role_journey(role):
    def run(b):
        links = visit_as(b, role)
        log(f"    navigation for {role}: {', '.join(label for label, _ in links)}")
    run.__name__ = f"role_{role}"
    run.__doc__ = f"Sign in as the {role}, visit the home page and every navigation item, sign out."
    return run


for _role in USERS:
    journey(make_role_journey(_role))


def add_person(b, first, last, dob, unit="Chelmsford"):
    """A practitioner adds a person (who joins their caseload) through /people/new."""
    b.go("/people")
    b.link("Add a person")
    b.expect_path("/people/new")
    b.type("firstName", first)
    b.type("lastName", last)
    b.date("dateOfBirth", dob)
    b.choose("gender-male")
    b.select("deliveryUnitId", text=unit)
    b.button("Add person")
    b.expect_no_errors("adding a person")
    b.expect_path(r"/people/[0-9A-Fa-f-]{36}", "the new person's record")
    b.expect(f"{first} {last}" in b.find("h1").text, "the record should be the new person's")
    return urlparse(b.driver.current_url).path


def add_order(b, person_path, start, end, kind="licence"):
    b.go(person_path)
    b.link("Orders and RAR", within=".wm-sub-navigation")
    b.link("Add an order")
    b.choose(f"type-{kind}")
    b.date("startDate", start)
    b.date("expectedEndDate", end)
    b.choose("outcome-active")
    b.button("Add order")
    b.expect_no_errors("adding an order")


@journey
def mentor_recommend_train_accredit(b):
    """Practitioner adds and recommends a person; both record checks; coordinator moves them to
    eligible, enrols them on a new cohort, records attendance and a pass, the accreditation, and
    makes them active."""
    first, last = "Kieran", f"Browserson {RUN}"
    b.sign_in("practitioner")
    person = add_person(b, first, last, datetime.date(1990, 5, 17))
    # Their licence ends in two months: inside the "ends within 3 months" window.
    add_order(b, person, TODAY - datetime.timedelta(days=700), TODAY + datetime.timedelta(days=60))
    b.go(person)
    b.link("Recommend as a peer mentor")
    b.expect_path(person + "/recommend")
    b.type("reason", "Turned things around; wants to help others leaving custody.")
    b.button("Recommend")
    b.expect_no_errors("recommending")
    b.expect_path(r"/mentors/[0-9A-Fa-f-]{36}", "the mentor journey page")
    b.expect_banner("Recommendation sent")
    mentor = urlparse(b.driver.current_url).path
    codes = [li.get_attribute("data-code") for li in b.finds("#eligibility-reasons li")]
    b.expect("noRiskReview" in codes, f"a new candidate should still need risk reviews, reasons are {codes}")

    # The practitioner's risk review and the declarations.
    b.click(b.find("main a[href$='/risk-review']"))  # "Change risk review"
    b.expect_path(mentor + "/risk-review")
    b.choose("outcome-suitable")
    b.button("Record review")
    b.expect_no_errors("the practitioner's risk review")
    b.expect_banner("Risk review recorded")
    b.go(mentor + "/declarations")
    b.choose("noCurrentOffending-yes")
    b.choose("freeFromIllicitDrugs-yes")
    b.button("Record declarations")
    b.expect_no_errors("declarations")
    b.expect_banner("Declarations recorded")
    # The "Moving on" tab, where a practitioner records a further offence (a red button).
    b.go(mentor + "/employment")
    b.expect(b.finds("main button.wm-button--warning"), "the practitioner can record a further offence")
    b.sign_out()

    # The coordinator's risk review; then every rule is met and they can be moved to eligible.
    b.sign_in("coordinator")
    b.go(mentor)
    b.go(mentor + "/risk-review")
    b.choose("outcome-suitable")
    b.button("Record review")
    b.expect_no_errors("the coordinator's risk review")
    b.expect(not b.finds("#eligibility-reasons"), f"should meet every rule now: {b.text('main')[:400]}")
    b.choose("to-eligible")
    b.type("reason", "Both risk reviews suitable and declarations made.")
    b.button("Save move")
    b.expect_no_errors("moving to eligible")
    b.expect_banner("Moved to eligible")

    # A cohort that started 13 weeks ago, so all 12 weekly sessions have happened.
    b.link("Training", within="nav.wm-primary-navigation")
    b.link("Set up a cohort")
    cohort_name = f"Browser cohort {RUN}"
    b.type("name", cohort_name)
    b.date("startDate", TODAY - datetime.timedelta(weeks=13))
    b.select("siteId", index=0)
    b.type("trainers", "Sam Trainer and Alex Trainer")
    b.button("Set up cohort")
    b.expect_no_errors("setting up a cohort")
    b.expect_banner("Cohort set up")
    b.select("mentorId", text=f"{first} {last}")
    b.button("Enrol")
    b.expect_no_errors("enrolling")
    b.expect_banner("Enrolled")

    mentor_id = mentor.rsplit("/", 1)[1]
    card = b.driver.find_element(By.XPATH, f"//form[.//input[@name='mentorId' and @value='{mentor_id}']]")
    for week in range(1, 12):   # 11 of 12: completion needs 10
        b.choose(f"attended-{mentor_id}-{week}")
    b.choose(f"assessment-{mentor_id}-passed")
    b.form_button(card, "Save for")
    b.expect_no_errors("recording attendance and the assessment")
    b.expect_banner("Attendance and assessment saved")

    b.go(mentor + "/training")
    b.expect("Completed" in b.text(), "training should show as completed")
    b.link("Record the accreditation")
    b.choose("awardingBody-ocn")
    b.type("certificateNumber", f"OCN-{RUN}")
    b.date("awardedOn", TODAY)
    b.choose("firstQualification-yes")
    b.button("Record accreditation")
    b.expect_no_errors("recording the accreditation")
    b.expect_banner("Accreditation recorded")
    b.link("Certificate of completion")
    b.expect(f"{first} {last}" in b.text(), "the certificate names them")

    b.go(mentor)
    b.choose("to-active")
    b.type("reason", "Accredited: ready to mentor.")
    b.button("Save move")
    b.expect_no_errors("moving to active")
    b.expect_banner("Moved to active")
    b.sign_out()


@journey
def referral_to_match(b):
    """Practitioner refers a person; the coordinator opens the referral, sees suggestions and
    proposes a match."""
    first, last = "Jordan", f"Refersworth {RUN}"
    b.sign_in("practitioner")
    person = add_person(b, first, last, datetime.date(1996, 2, 3), unit="Basildon")
    add_order(b, person, TODAY - datetime.timedelta(days=30), TODAY + datetime.timedelta(days=365), kind="communityOrder")
    b.go(person)
    b.link("Refer for a peer mentor")
    b.expect_path(person + "/refer")
    b.select("orderId", index=0)
    b.choose("consent-yes")
    b.choose("needs-" + b.find("input[name='needs[]']").get_attribute("value"))
    b.type("goal-0", "Find stable accommodation")
    b.type("goal-1", "Get back into work")
    b.choose(b.find("input[name='availability[]']").get_attribute("id"))
    b.button("Send referral")
    b.expect_no_errors("sending the referral")
    b.expect_banner("Referral sent")
    b.expect_path(r"/referrals/[0-9A-Fa-f-]{36}", "the referral")
    referral = urlparse(b.driver.current_url).path
    b.sign_out()

    b.sign_in("coordinator")
    b.link("Waiting list", within="nav.wm-primary-navigation")
    b.link(f"{first} {last}")
    b.expect_path(referral, "the referral from the waiting list")
    b.expect("Suggested mentors" in b.text(), "the referral page should suggest mentors")
    cards = b.finds("main form.wm-summary-card")
    b.expect(cards, f"expected at least one suggested mentor: {b.text()[:500]}")
    b.form_button(cards[0], "Match with")
    b.expect_no_errors("proposing a match")
    b.expect_banner("Match proposed")
    b.expect_path(r"/matches/[0-9A-Fa-f-]{36}", "the new match")
    b.expect("proposed" in b.find(".wm-caption-l").text.lower(), "the match should be proposed")
    b.sign_out()


@journey
def session_schedule_to_attendance(b):
    """Coordinator schedules a Transition and Hope session for today, asks facilitators (the
    staff facilitator accepts for themselves), confirms it, books a person and records their
    attendance."""
    b.sign_in("coordinator")
    b.link("Sessions", within="nav.wm-primary-navigation")
    b.link("Schedule a session")
    b.expect_path("/sessions/new")
    b.select("interventionId", text="Transition and Hope")
    b.select("siteId", index=0)
    b.date("date", TODAY)
    b.type("start", "18:30")
    b.type("weeks", "1")
    b.button("Schedule")
    b.expect_no_errors("scheduling")
    b.expect_banner("Session scheduled")
    session = urlparse(b.driver.current_url).path

    # Two peer mentors: the coordinator answers for a mentor who has no sign-in of their own.
    accepted, tried = 0, 0
    for value, name in b.options("mentorId"):
        if accepted == 2 or tried == 8:
            break
        tried += 1
        b.select("mentorId", value=value)
        b.button("Ask peer mentor")
        if b.finds(".wm-error-summary"):
            continue
        rows = [r for r in b.finds("table tr") if name in r.text and r.find_elements(By.CSS_SELECTOR, "button")]
        if rows:
            b.form_button(rows[0], "Accept")
            b.expect_no_errors(f"accepting for {name}")
            accepted += 1
    b.expect(accepted == 2, f"could not get two peer mentors to accept (tried {tried})")

    b.select("userId", text="(Staff facilitator)")
    b.button("Ask member of staff")
    b.expect_no_errors("asking the staff facilitator")
    b.sign_out()

    # The staff facilitator accepts from their own session list.
    b.sign_in("staffFacilitator")
    b.go(session)
    b.expect("Facilitators" in b.text(), "the facilitator can see the session")
    b.button("Accept")
    b.expect_no_errors("the facilitator accepting")
    b.expect_banner("you have accepted")
    b.sign_out()

    b.sign_in("coordinator")
    b.go(session)
    b.button("Confirm session")
    b.expect_no_errors("confirming the session")
    b.expect_banner("Session confirmed")

    booked = None
    for value, label in b.options("personId")[:6]:
        b.select("personId", value=value)
        b.button("Book")
        if not b.finds(".wm-error-summary"):
            booked = label.split(" (")[0]
            break
    b.expect(booked, "could not book anyone on the session")
    b.link("Record attendance")
    b.expect_path(session + "/attendance")
    b.link("Record")   # "Record attendance for NAME", the name visually hidden
    b.choose("outcome-attendedComplied")
    b.button("Save attendance")
    b.expect_no_errors("recording attendance")
    b.expect_banner("Attendance saved")
    b.expect("Attended" in b.text(), "the attendance list should show the outcome")
    b.sign_out()


@journey
def form_with_errors(b):
    """Submit /people/new empty: the GOV.UK error summary, focused, linked to marked fields."""
    b.sign_in("practitioner")
    b.go("/people/new")
    b.button("Add person")
    b.expect(b.title.startswith("Error: "), f"title should start 'Error:', it is {b.title!r}")
    summary = b.finds(".wm-error-summary")
    b.expect(summary, "expected an error summary")
    summary = summary[0]
    b.expect(summary.find_element(By.CSS_SELECTOR, "h2").text.strip() == "There is a problem", "summary title")
    focused = b.driver.execute_script(
        "var s = document.querySelector('.wm-error-summary'); return s === document.activeElement || s.contains(document.activeElement);")
    b.expect(focused, "focus should move to the error summary on load")
    b.expect_visible_focus("the focused error summary")
    links = summary.find_elements(By.CSS_SELECTOR, "a")
    b.expect(len(links) >= 3, f"expected an error for each required field, got {[a.text for a in links]}")
    targets = []
    for a in links:
        href = a.get_attribute("href")
        b.expect("#" in href, f"error link {a.text!r} should point at its field")
        target = href.split("#", 1)[1]
        field = b.driver.find_element(By.ID, target)
        group = field.find_element(By.XPATH, "ancestor::div[contains(concat(' ', @class, ' '), ' wm-form-group--error ')][1]")
        message = group.find_element(By.CSS_SELECTOR, ".wm-error-message")
        b.expect(a.text.strip() in message.text, f"inline message for {target} should repeat {a.text!r}")
        marked = ("--error" in (field.get_attribute("class") or "")) or field.get_attribute("aria-invalid") == "true"
        b.expect(marked, f"field #{target} should be marked as in error")
        described = field.get_attribute("aria-describedby") or ""
        if field.tag_name in ("input", "select", "textarea") and field.get_attribute("type") not in ("radio", "checkbox"):
            fieldset = field.find_elements(By.XPATH, "ancestor::fieldset[1]")
            described += " " + (fieldset[0].get_attribute("aria-describedby") or "" if fieldset else "")
            b.expect(message.get_attribute("id") in described.split(),
                     f"field #{target} should be described by its error message #{message.get_attribute('id')}")
        targets.append(target)
    b.expect("firstName" in targets and "dateOfBirth-day" in targets,
             f"expected errors for first name and date of birth, got {targets}")
    # Following an error link puts the cursor in the field.
    links[0].click()
    active = b.driver.switch_to.active_element.get_attribute("id")
    b.expect(active == targets[0], f"the first error link should focus #{targets[0]}, focus is on #{active}")
    b.expect_visible_focus("the field reached from the error summary")
    b.sign_out()


def submit_expecting_errors(b, form, button_text, what):
    """Submit a form as it is and expect it refused; the page checks then follow every error link."""
    b.form_button(form, button_text)
    b.expect(b.finds(".wm-error-summary"), f"{what}: expected the form to be refused with an error summary")


def form_with(b, button_text):
    for form in b.finds("main form[method='post']"):
        if any(x.text.strip().startswith(button_text) for x in form.find_elements(By.CSS_SELECTOR, "button")):
            return form
    raise JourneyFailed(f"no form with a {button_text!r} button (at {b.path})")


@journey
def more_forms_with_errors(b):
    """Forms whose error summaries once linked nowhere: expense decisions, referral and match
    moves, outcomes, RAR, cohort attendance, programme settings, data protection; and a
    facilitator declining."""
    b.sign_in("coordinator")
    b.go("/expenses")
    submit_expecting_errors(b, form_with(b, "Save decision"), "Save decision", "an expense decision with no decision")

    b.go("/referrals")
    b.click(b.find("main table tbody a"))
    referral = urlparse(b.driver.current_url).path
    submit_expecting_errors(b, form_with(b, "Save"), "Save", "moving a referral nowhere")
    b.go(referral + "/outcomes")
    submit_expecting_errors(b, form_with(b, "Save outcomes"), "Save outcomes", "outcomes with nothing chosen")

    b.go("/matches")
    for href in [a.get_attribute("href") for a in b.finds("main table tbody a[href*='/matches/']")][:6]:
        b.go(urlparse(href).path)
        if b.finds("main input[name='state'][type='radio']"):   # an active or paused match
            submit_expecting_errors(b, form_with(b, "Save"), "Save", "changing a match without a choice")
            break
    else:
        raise JourneyFailed("no active match among the first in the coordinator's list")

    # A person's RAR ledger: record an activity with nothing filled in.
    b.go("/people")
    b.click(b.find("main table tbody a"))
    crn = re.search(r"\b[A-Z]\d{6}\b", b.text(".wm-identity-bar"))
    b.expect(crn, "the identity bar shows a CRN")
    crn = crn.group(0)
    b.link("Orders and RAR", within=".wm-sub-navigation")
    rar = [a for a in b.finds("main a[href$='/rar']")]
    b.expect(rar, "the first person in the list should have an order with RAR")
    b.click(rar[0])
    for field in ("date-day", "date-month", "date-year"):
        b.type(field, "")
    submit_expecting_errors(b, form_with(b, "Record activity"), "Record activity", "a RAR activity with nothing filled in")

    # Cohort attendance for a week that has not happened yet.
    b.go("/cohorts")
    b.click(b.find("main table tbody a"))
    future = None
    for box in b.finds("main input[type='checkbox'][name^='attended-']"):
        label = b.find(f"label[for='{box.get_attribute('id')}']").text
        day = datetime.datetime.strptime(label.split(", ", 1)[1], "%d %B %Y").date()
        if day > TODAY and not box.is_selected():
            future = box
            break
    if future is None:
        log("    (no cohort in the demo has a future week: cohort attendance error not exercised)")
    else:
        form = future.find_element(By.XPATH, "ancestor::form")
        b.choose(future.get_attribute("id"))
        submit_expecting_errors(b, form, "Save for", "attendance for a week that has not happened")
    b.sign_out()

    # The second provider's settings form, with a field emptied.
    b.sign_in("administrator")
    b.link("Settings", within="nav.wm-primary-navigation")
    forms = b.finds("main form[method='post']")
    b.expect(len(forms) >= 2, "settings has a form per provider")
    last = forms[-1]
    field = last.find_element(By.CSS_SELECTOR, "input[name='retentionYears']")
    field.clear()
    submit_expecting_errors(b, last, "Save", "settings with the retention period emptied")
    b.expect(b.driver.switch_to.active_element.tag_name != "body" and
             "wm-error-summary" in (b.driver.switch_to.active_element.get_attribute("class") or ""),
             "the refused provider's error summary takes focus")
    b.link("Data protection", within="nav.wm-primary-navigation")
    b.type("crn", crn)
    b.button("Find")
    b.expect_path(r"/data-protection/people/[0-9A-Fa-f-]{36}", "the person's data protection page")
    submit_expecting_errors(b, form_with(b, "Save"), "Save", "a restriction with no action chosen")
    b.sign_out()

    # A staff facilitator who declines no longer sees the session: they go back to their list.
    b.sign_in("staffFacilitator")
    b.link("My sessions", within="nav.wm-primary-navigation")
    sessions = [a.get_attribute("href") for a in b.finds("main table tbody a[href*='/sessions/']")]
    b.expect(sessions, "the staff facilitator has sessions")
    b.go(urlparse(sessions[-1]).path)
    rows = [r for r in b.finds("main table tr") if r.find_elements(By.XPATH, ".//button[normalize-space()='Decline']")]
    b.expect(rows, "the staff facilitator can answer for themselves on their session")
    b.form_button(rows[0], "Decline")
    b.expect_no_errors("declining")
    b.expect_path("/sessions", "their own session list after declining")
    b.expect_banner("You have declined")
    b.sign_out()


SKIP_LINKS = re.compile(r"\.(csv|ics|json)$|/sign-out|/sign-in|/api/")


@journey
def other_pages(b):
    """Every other kind of page the links lead to, for each role that has them: one page of
    each kind the journeys above did not reach (up to 40 per role), following their links too."""
    for role in USERS:
        b.sign_in(role)
        links = Browser.links_seen.setdefault(role, [])
        done, new, i = set(), 0, 0
        while i < len(links) and new < 40:   # links grows as new pages are checked
            href = links[i]
            i += 1
            target = urlparse(href)
            if (not href.startswith(BASE) or target.fragment or SKIP_LINKS.search(target.path)
                    or route_of(href) in Browser.seen_routes or route_of(href) in done):
                continue
            done.add(route_of(href))   # a link that redirects (/my-journey) counts as its own kind
            b.go(target.path + ("?" + target.query if target.query else ""))
            new += 1
            b.expect(not b.path.startswith("/sign-in"), f"signed out while visiting {target.path}")
        log(f"    {role}: {new} more kinds of page")
        b.sign_out()


@journey
def form_with_errors_without_javascript(b):
    """The same form with JavaScript off: it still signs in, refuses, explains and links."""
    nojs = Browser(javascript=False)
    try:
        nojs.start("form_with_errors_without_javascript")
        nojs.go("/sign-in")
        nojs.type("email", USERS["coordinator"])
        nojs.type("password", PASSWORD)
        nojs.button("Sign in")
        nojs.expect_path("/", "home after signing in without JavaScript")
        nojs.go("/people/new")
        nojs.button("Add person")
        nojs.expect(nojs.title.startswith("Error: "), "title should start 'Error:'")
        nojs.expect(nojs.driver.execute_script("return document.activeElement === document.body"),
                    "with scripts off nothing should have moved focus (is JavaScript really off?)")
        links = nojs.finds(".wm-error-summary a")
        nojs.expect(links, "expected an error summary with links")
        for a in links:
            target = a.get_attribute("href").split("#", 1)[1]
            nojs.expect(nojs.driver.find_elements(By.ID, target), f"#{target} should be on the page")
        nojs.button("Sign out", within="header")
        nojs.expect_path("/sign-in")
    finally:
        b.pages_checked += nojs.pages_checked
        b.problems += nojs.problems
        nojs.quit()


@journey
def keyboard_only(b):
    """Skip link first, Enter moves to main; sign in with Tab and Enter only; focus always visible."""
    b.go("/sign-in")
    body = b.find("body")
    body.send_keys(Keys.TAB)
    active = b.driver.switch_to.active_element
    b.expect("wm-skip-link" in (active.get_attribute("class") or ""),
             f"the first Tab should reach the skip link, it reached {active.tag_name} {active.text!r}")
    b.expect(active.is_displayed() and active.size["height"] > 0, "the focused skip link should be visible")
    b.expect_visible_focus("the skip link")
    active.send_keys(Keys.ENTER)
    WebDriverWait(b.driver, 5).until(lambda d: d.execute_script("return document.activeElement.id") == "main-content")
    b.expect(b.driver.current_url.endswith("#main-content"), "the skip link goes to #main-content")

    def tab():
        b.driver.switch_to.active_element.send_keys(Keys.TAB)
        return b.driver.switch_to.active_element

    field = tab()
    b.expect(field.get_attribute("id") == "email", f"after the skip link, Tab should reach the email field, not {field.get_attribute('id')!r}")
    b.expect_visible_focus("the email field")
    field.send_keys(USERS["coordinator"])
    field = tab()
    b.expect(field.get_attribute("id") == "password", "Tab should reach the password field next")
    b.expect_visible_focus("the password field")
    field.send_keys(PASSWORD)
    field = tab()
    b.expect(field.tag_name == "button" and field.text.strip() == "Sign in", f"Tab should reach the Sign in button, not {field.text!r}")
    b.expect_visible_focus("the Sign in button")
    b.press(Keys.ENTER)
    b.expect_path("/", "the home page, signed in with the keyboard")

    # Through the header and navigation: every stop shows where focus is.
    b.find("body").send_keys(Keys.TAB)
    seen = []
    for _ in range(12):
        style = b.expect_visible_focus(f"focus stop {len(seen) + 1} on the home page")
        seen.append(style["text"] or style["tag"])
        tab()
    log(f"    focus stops: {' | '.join(seen)}")
    b.expect(any("Sign out" in s for s in seen), "Sign out should be reachable by keyboard")
    # Sign out with the keyboard too.
    button = b.find("header button")
    b.driver.execute_script("arguments[0].focus();", button)
    b.press(Keys.ENTER)
    b.expect_path("/sign-in", "signed out with the keyboard")


# ==== the runner ======================================================================

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", default=[], help="run only journeys whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the journeys and stop")
    args = parser.parse_args()
    selected = [j for j in JOURNEYS if not args.only or any(o in j.__name__ for o in args.only)]
    if args.list:
        for j in selected:
            print(f"{j.__name__}: {j.__doc__}")
        return 0
    log(f"Waymark browser journeys against {BASE}, axe-core {AXE_VERSION}, rules tagged {', '.join(AXE_TAGS)}")
    log(f"Artifacts on failure: {ARTIFACTS}")
    started = time.monotonic()
    b = Browser()
    failed = []
    try:
        for j in selected:
            log(f"\n=== {j.__name__}: {j.__doc__.strip().splitlines()[0]}")
            b.start(j.__name__)
            t0 = time.monotonic()
            error = None
            try:
                j(b)
            except (JourneyFailed, AssertionError) as e:
                error = str(e)
            except (WebDriverException, JavascriptException) as e:
                error = f"{type(e).__name__}: {e.msg if hasattr(e, 'msg') else e}"
            except Exception:  # noqa: BLE001 - a broken journey must still be reported
                error = traceback.format_exc()
            if error:
                log(f"    ✗ {error}")
                b.save_artifacts("failed")
            if b.problems:
                error = (error + "; " if error else "") + f"{sum(len(p[2]) for p in b.problems)} problem(s) on {len(b.problems)} page(s)"
            elapsed = time.monotonic() - t0
            if error:
                failed.append((j.__name__, error, list(b.problems)))
                log(f"=== FAIL {j.__name__} ({elapsed:.1f}s)")
            else:
                log(f"=== ok {j.__name__} ({elapsed:.1f}s)")
    finally:
        b.quit()
    log(f"\n{len(selected) - len(failed)} of {len(selected)} journeys passed; "
        f"{b.pages_checked} pages checked in {time.monotonic() - started:.0f}s.")
    for name, error, problems in failed:
        log(f"  FAILED {name}: {error.splitlines()[0] if error else ''}")
        for path, title, messages in problems:
            for m in messages:
                log(f"      {path}: {m.splitlines()[0]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
