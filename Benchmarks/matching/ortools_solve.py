#!/usr/bin/env python3
"""Solves a Waymark bulk-matching instance (see generate.py for the format) with OR-Tools'
SimpleMinCostFlow, as the reference for Waymark's exact solver.

Formulation (the same problem BulkMatching.optimalAssignment solves):
  source -> referral r     capacity 1,       cost 0
  referral r -> mentor j   capacity 1,       cost -score(r, j)     (allowed pairs only)
  mentor j -> sink         capacity c_j,     cost 0
  source -> sink           capacity R,       cost 0                (leaving a referral unmatched)
  supply R at the source, demand R at the sink. Minimum cost = -(maximum total score).

Prints one line:
  ortools total=T assignments=A load_seconds=L solve_seconds=S
load = reading + parsing the file + building the arcs; solve = SimpleMinCostFlow.solve() only.
The assignment OR-Tools returns is checked (capacities, allowed pairs, total) before printing.
"""
import sys
import time
import warnings

import numpy as np
from ortools.graph.python import min_cost_flow


def read_instance(path):
    with open(path, "rb") as f:
        magic = f.readline().split()
        if magic != [b"waymark-matching", b"1"]:
            sys.exit(f"{path}: not a waymark-matching 1 file")
        text = f.read()
    try:  # C-speed parse of the flat stream of integers (any whitespace separates)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = np.fromstring(text, dtype=np.int64, sep=" ")
    except (AttributeError, ValueError):
        data = np.array(text.split(), dtype=np.int64)
    R, M, E = (int(x) for x in data[:3])
    caps = data[3:3 + M]
    refs = np.empty(E, dtype=np.int64)
    mentors = np.empty(E, dtype=np.int64)
    scores = np.empty(E, dtype=np.int64)
    pos, out = 3 + M, 0
    for r in range(R):
        k = int(data[pos])
        pairs = data[pos + 1:pos + 1 + 2 * k]
        mentors[out:out + k] = np.cumsum(pairs[0::2] + 1) - 1
        scores[out:out + k] = pairs[1::2]
        refs[out:out + k] = r
        pos += 1 + 2 * k
        out += k
    if out != E:
        sys.exit(f"{path}: header says {E} pairs, found {out}")
    return R, M, caps, refs, mentors, scores


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: ortools_solve.py INSTANCE")
    t0 = time.perf_counter()
    R, M, caps, refs, mentors, scores = read_instance(sys.argv[1])
    source, sink = R + M, R + M + 1
    smcf = min_cost_flow.SimpleMinCostFlow()
    referral_nodes = np.arange(R, dtype=np.int64)
    mentor_nodes = R + np.arange(M, dtype=np.int64)
    smcf.add_arcs_with_capacity_and_unit_cost(
        np.full(R, source, dtype=np.int64), referral_nodes, np.ones(R, dtype=np.int64), np.zeros(R, dtype=np.int64))
    first_pair_arc = R
    smcf.add_arcs_with_capacity_and_unit_cost(
        refs, R + mentors, np.ones(len(refs), dtype=np.int64), -scores)
    smcf.add_arcs_with_capacity_and_unit_cost(
        mentor_nodes, np.full(M, sink, dtype=np.int64), caps.astype(np.int64), np.zeros(M, dtype=np.int64))
    smcf.add_arc_with_capacity_and_unit_cost(source, sink, R, 0)
    smcf.set_node_supply(source, R)
    smcf.set_node_supply(sink, -R)
    t1 = time.perf_counter()
    status = smcf.solve()
    t2 = time.perf_counter()
    if status != smcf.OPTIMAL:
        sys.exit(f"OR-Tools min cost flow failed: status {status}")

    flows = smcf.flows(np.arange(first_pair_arc, first_pair_arc + len(refs), dtype=np.int64))
    used = flows > 0
    total = int(scores[used].sum())
    if total != -smcf.optimal_cost():
        sys.exit(f"inconsistent: assignment totals {total}, optimal cost {smcf.optimal_cost()}")
    if np.bincount(refs[used], minlength=R).max(initial=0) > 1:
        sys.exit("inconsistent: a referral matched twice")
    if np.any(np.bincount(mentors[used], minlength=M) > caps):
        sys.exit("inconsistent: a mentor over capacity")
    print(f"ortools total={total} assignments={int(used.sum())} "
          f"load_seconds={t1 - t0:.3f} solve_seconds={t2 - t1:.3f}")


if __name__ == "__main__":
    main()
