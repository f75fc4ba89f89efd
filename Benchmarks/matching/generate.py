#!/usr/bin/env python3
"""Writes a bulk-matching benchmark instance for Waymark (seeded, deterministic).

The waiting list is shaped like Waymark's matching rule (DESIGN.md, "Matching";
Sources/WaymarkCore/Matching/MatchScoring.swift):

  hard constraints (pair forbidden): a stated gender preference, high-risk mentees only
  with mentors cleared for high risk, plus exclusion-list style pairs, tuned so that
  about 30% of all pairs are forbidden;
  score (0-100) = lived experience against the mentee's needs (20 per shared need, max 40)
                + travel to the mentee's delivery unit (20) + shared language (10)
                + availability overlap (5 per slot, max 15) + waiting time (1 per week,
                max 10) + mentor load (5 * capacity left / capacity).

File format ("waymark-matching 1"), plain text, all numbers decimal integers separated by
single spaces or newlines:

  line 1: waymark-matching 1
  line 2: R M E                 referrals, mentors, number of allowed pairs (edges)
  line 3: c_0 c_1 ... c_{M-1}   mentor capacities
  then one line per referral r = 0..R-1:
          k g_1 s_1 g_2 s_2 ... g_k s_k
          k allowed mentors for r, in increasing mentor order; mentor_i = mentor_{i-1} + 1 + g_i
          (mentor_0 = -1), s_i is the score of the pair.

Usage: generate.py OUT [--referrals 10000] [--mentors 2000] [--seed 20261123]
"""
import argparse
import sys
import time

import numpy as np

NEEDS = 7           # accommodation, ETE, substance misuse, family, finance, wellbeing, attitudes
EXPERIENCES = 10    # LivedExperience cases
# LivedExperience index -> the Need it speaks to (MatchScoring.experienceFor)
# substanceMisuseRecovery, alcoholRecovery -> substanceMisuse(2); homelessness -> accommodation(0);
# custody, careLeaver -> attitudes(6); familyBreakdown, domesticAbuse -> familyRelationships(3);
# mentalHealth -> wellbeing(5); unemployment -> ETE(1); debt -> finance(4)
EXPERIENCE_NEED = [2, 2, 0, 6, 3, 5, 3, 6, 1, 4]
DELIVERY_UNITS = 8
LANGUAGES = 6       # 0 = English
SLOTS = 15          # 5 weekdays x morning / afternoon / evening
TARGET_FORBIDDEN = 0.30


def random_mask(rng, rows, bits, low, high):
    """Each row: a random subset of `bits` with low..high members, as an int64 bitmask."""
    counts = rng.integers(low, high + 1, size=rows)
    keys = rng.random((rows, bits))
    ranks = np.argsort(np.argsort(keys, axis=1), axis=1)
    chosen = ranks < counts[:, None]
    return (chosen.astype(np.int64) << np.arange(bits, dtype=np.int64)).sum(axis=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--referrals", type=int, default=10_000)
    ap.add_argument("--mentors", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=20261123)
    a = ap.parse_args()
    t0 = time.perf_counter()
    rng = np.random.default_rng(a.seed)
    R, M = a.referrals, a.mentors

    # Mentees (referrals)
    needs = random_mask(rng, R, NEEDS, 1, 3)
    unit = rng.integers(0, DELIVERY_UNITS, size=R)
    lang = np.where(rng.random(R) < 0.85, 1, 0).astype(np.int64)
    lang |= np.where(rng.random(R) < 0.2, 1 << rng.integers(1, LANGUAGES, size=R), 0)
    lang[lang == 0] = 1 << 1
    avail = random_mask(rng, R, SLOTS, 0, 6)
    waiting_weeks = rng.integers(0, 26, size=R)
    wants = rng.choice(3, size=R, p=[0.75, 0.15, 0.10])      # 0 none, 1 a woman, 2 a man
    high_risk = rng.random(R) < 0.10

    # Mentors
    caps = rng.integers(1, 4, size=M)                          # capacity left 1-3
    active = rng.integers(0, 3, size=M)                        # matches they already have
    load_points = (5 * caps) // (caps + active)
    exp = random_mask(rng, M, EXPERIENCES, 1, 3)
    covers = np.zeros(M, dtype=np.int64)
    for e, need in enumerate(EXPERIENCE_NEED):
        covers |= np.where((exp >> e) & 1 == 1, 1 << need, 0)
    units_m = random_mask(rng, M, DELIVERY_UNITS, 1, 2)
    lang_m = np.ones(M, dtype=np.int64)
    lang_m |= np.where(rng.random(M) < 0.25, 1 << rng.integers(1, LANGUAGES, size=M), 0)
    avail_m = random_mask(rng, M, SLOTS, 2, 8)
    female = rng.random(M) < 0.40
    cleared = rng.random(M) < 0.45

    # Scores, referral x mentor
    shared = np.bitwise_count(needs[:, None] & covers[None, :]).astype(np.int64)
    score = np.minimum(40, 20 * shared)
    score += 20 * ((units_m[None, :] >> unit[:, None]) & 1)
    score += 10 * ((lang[:, None] & lang_m[None, :]) != 0)
    score += np.minimum(15, 5 * np.bitwise_count(avail[:, None] & avail_m[None, :]).astype(np.int64))
    score += np.minimum(10, waiting_weeks)[:, None]
    score += load_points[None, :]
    assert score.min() >= 0 and score.max() <= 100

    # Hard constraints, topped up with exclusion-list style pairs to about 30% forbidden
    forbidden = np.zeros((R, M), dtype=bool)
    forbidden |= (wants == 1)[:, None] & ~female[None, :]
    forbidden |= (wants == 2)[:, None] & female[None, :]
    forbidden |= high_risk[:, None] & ~cleared[None, :]
    structural = forbidden.mean()
    p = max(0.0, (TARGET_FORBIDDEN - structural) / (1.0 - structural))
    forbidden |= rng.random((R, M)) < p
    allowed = ~forbidden

    # Write: per referral "k g s g s ...", mentor gaps and scores.
    words = [str(i) for i in range(max(M, 101) + 1)]
    E = int(allowed.sum())
    with open(a.out, "w") as f:
        f.write("waymark-matching 1\n")
        f.write(f"{R} {M} {E}\n")
        f.write(" ".join(map(str, caps.tolist())) + "\n")
        for r in range(R):
            mentors = np.flatnonzero(allowed[r])
            gaps = np.diff(mentors, prepend=-1) - 1
            pairs = np.empty(2 * len(mentors), dtype=np.int64)
            pairs[0::2] = gaps
            pairs[1::2] = score[r, mentors]
            f.write(words[len(mentors)] if len(mentors) < len(words) else str(len(mentors)))
            if len(mentors):
                f.write(" ")
                f.write(" ".join([words[x] for x in pairs.tolist()]))
            f.write("\n")
    print(f"wrote {a.out}: {R} referrals, {M} mentors (capacity total {int(caps.sum())}), "
          f"{E} allowed pairs ({100 * (1 - E / (R * M)):.1f}% forbidden), "
          f"{time.perf_counter() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
