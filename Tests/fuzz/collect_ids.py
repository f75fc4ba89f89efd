#!/usr/bin/env python3
"""Write schemathesis dictionaries of real record ids, read through the API.

Usage: collect_ids.py BASE_URL TOKEN OUT_DIR

Random strings in a path only ever reach "404 Not Found"; with real ids some of the generated
requests get past the lookup to the validation and the rules behind it. The ids are read through
the API itself (as the coordinator whose token is given), so this depends on the documented API
only, never on the database's tables. One file per kind of id, in the libFuzzer dictionary format
schemathesis reads (`"value"` per line). Standard library only.
"""
import datetime
import json
import os
import sys
import urllib.request

BASE, TOKEN, OUT = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
PER_KIND = 12  # a dozen of each kind is variety enough


def get(path):
    request = urllib.request.Request(BASE + path, headers={"Authorization": "Bearer " + TOKEN})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError:
        return {}


def items(path):
    return get(path).get("items", [])


ids = {kind: [] for kind in [
    "areas", "deliveryUnits", "people", "orders", "mentors", "expenses", "cohorts", "sites", "referrals",
    "matches", "contacts", "interventions", "sessions", "facilitators", "attendance", "caseStudies", "users",
]}


def add(kind, value):
    if isinstance(value, str) and value and value not in ids[kind] and len(ids[kind]) < PER_KIND:
        ids[kind].append(value)


for area in items("/areas"):
    add("areas", area.get("id"))
    for unit in area.get("deliveryUnits", []):
        add("deliveryUnits", unit.get("id"))
for person in items("/people?limit=50"):
    add("people", person.get("id"))
    add("users", person.get("practitionerId"))
for person_id in ids["people"][:8]:
    for order in items(f"/people/{person_id}/orders"):
        add("orders", order.get("id"))
mentors = items("/mentors?limit=200")
for mentor in mentors:
    add("mentors", mentor.get("id"))
    add("people", mentor.get("personId"))
    add("users", mentor.get("userId"))
for mentor in mentors:
    for expense in items(f"/mentors/{mentor['id']}/expenses"):
        add("expenses", expense.get("id"))
for cohort in items("/cohorts?limit=50"):
    add("cohorts", cohort.get("id"))
for site in items("/sites"):
    add("sites", site.get("id"))
for referral in items("/referrals?limit=50"):
    add("referrals", referral.get("id"))
    add("orders", referral.get("orderId"))
for match in items("/matches?limit=50"):
    add("matches", match.get("id"))
for match_id in ids["matches"][:8]:
    for contact in items(f"/matches/{match_id}/contacts"):
        add("contacts", contact.get("id"))
for intervention in items("/interventions"):
    add("interventions", intervention.get("id"))
year_ago = (datetime.date.today() - datetime.timedelta(days=365)).isoformat()
for session in items(f"/sessions?from={year_ago}"):
    add("sessions", session.get("id"))
    for facilitator in session.get("facilitators", []) or []:
        add("facilitators", facilitator.get("id"))
        add("users", facilitator.get("userId"))
for session_id in ids["sessions"]:
    for record in items(f"/sessions/{session_id}/attendance"):
        add("attendance", record.get("id"))
for study in items("/case-studies"):
    add("caseStudies", study.get("id"))

# Reporting years (`year` of the annual report) that hold data: the demo world's last two.
today = datetime.date.today()
ids["years"] = [str(today.year - back) for back in (1, 2)]

os.makedirs(OUT, exist_ok=True)
for kind, values in ids.items():
    # schemathesis refuses an empty dictionary; an id that matches nothing keeps the binding valid.
    values = values or ["no-" + kind + "-visible"]
    with open(os.path.join(OUT, kind + ".dict"), "w", encoding="utf-8") as out:
        for value in values:
            out.write(json.dumps(value) + "\n")
print(" ".join(f"{kind}={len(values)}" for kind, values in ids.items()))
