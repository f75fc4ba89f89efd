#!/usr/bin/env python3
"""Writes a caseload extract like the one a provider gets from the national case system, for
`waymark import caseload`: seeded, so the same arguments give the same file.
Usage: generate_caseload.py OUT.csv [--rows N] [--bad N] [--seed S]
Delivery units and practitioners are the demo world's (`waymark demo`)."""
import argparse, csv, datetime, random

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--rows", type=int, default=100_000)
p.add_argument("--bad", type=int, default=0, help="rows with a mistake in them, spread through the file")
p.add_argument("--seed", type=int, default=7)
a = p.parse_args()
rng = random.Random(a.seed)
units = {
    "practitioner.essex@waymark.example": ["Basildon", "Chelmsford", "Colchester", "Harlow", "Southend", "Thurrock"],
    "practitioner.dlnr@waymark.example": ["Derby", "Leicester", "Nottingham", "Derbyshire County", "Nottinghamshire County", "Leicestershire and Rutland"],
    "practitioner.staffordshire@waymark.example": ["Stoke-on-Trent", "Stafford and Cannock", "Wolverhampton", "Walsall", "Birmingham Central"],
}
first = ["Aaron", "Bethany", "Callum", "Danielle", "Ewan", "Farah", "Gareth", "Hannah", "Imran", "Jodie", "Kyle", "Leanne", "Mohammed", "Nadia",
         "Owen", "Paige", "Ryan", "Sophie", "Tariq", "Vicky", "Wayne", "Yasmin", "Zoe", "Liam", "Chloe"]
last = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans",
        "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Hussain", "Khan", "Ali", "Begum"]
types = ["Community Order", "Suspended Sentence Order", "Licence", "Post Sentence Supervision"]
today = datetime.date(2026, 11, 23)
bad_rows = set(rng.sample(range(a.rows), min(a.bad, a.rows)))
with open(a.out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["CRN", "First name", "Last name", "Date of birth", "Gender", "Order type", "Order start date",
                "Order expected end date", "RAR days", "Practitioner", "Delivery unit"])
    for i in range(a.rows):
        practitioner = rng.choice(list(units))
        start = today - datetime.timedelta(days=rng.randint(0, 900))
        end = start + datetime.timedelta(days=rng.choice([365, 540, 730, 1095]))
        row = [f"{chr(65 + i // 1_000_000 % 26)}{i % 1_000_000:06d}", rng.choice(first), rng.choice(last),
               (today - datetime.timedelta(days=rng.randint(18 * 365, 70 * 365))).isoformat(), rng.choice(["Male", "Female", ""]),
               rng.choice(types), start.isoformat(), end.isoformat(), rng.choice(["", "", "10", "20", "30"]), practitioner,
               rng.choice(units[practitioner])]
        if i in bad_rows:
            kind = rng.randrange(3)
            if kind == 0: row[3] = "31/02/1990"          # not a date in the expected form
            elif kind == 1: row[10] = "Atlantis"         # no such delivery unit
            else: row[0] = "12345"                        # not a CRN
        w.writerow(row)
print(f"wrote {a.rows} rows ({len(bad_rows)} with mistakes) to {a.out}")
