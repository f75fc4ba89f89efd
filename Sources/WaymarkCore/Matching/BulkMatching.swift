import Foundation

/// One allowed pair for bulk matching: the referral (mentee) may be matched with the mentor,
/// worth `score` points. Pairs not listed are forbidden (a hard constraint failed).
public struct MatchingEdge: Sendable, Equatable {
    public let referral: Int
    public let mentor: Int
    public let score: Int

    public init(referral: Int, mentor: Int, score: Int) {
        self.referral = referral
        self.mentor = mentor
        self.score = score
    }
}

/// One pair of a bulk-matching proposal.
public struct Assignment: Sendable, Equatable {
    public let referral: Int
    public let mentor: Int
    public let score: Int

    public init(referral: Int, mentor: Int, score: Int) {
        self.referral = referral
        self.mentor = mentor
        self.score = score
    }
}

/// Bulk matching of a waiting list: the proposal with the largest total score under mentor
/// capacities, found exactly (DESIGN.md, "Matching": min-cost flow, not greedy).
///
/// ## Algorithm
///
/// The problem is a maximum-weight bipartite b-matching (referral capacity 1, mentor j capacity
/// c_j, matching is optional). We push "units" from one side (the sources) to the other (the
/// targets, capacity 1 each). By default the sources are the mentors (c_j units each) and the
/// targets the referrals; when the referrals are fewer than the mentor places (and capacities are
/// small), the sources are the referrals (1 unit each) and the targets are the mentor places
/// (mentor j becomes c_j targets with the same scores), so that the side with fewer units does the
/// searching.
///
/// Written as a min-cost flow this is a transportation problem: a source's unit goes either to a
/// target t along an allowed pair (cost -score, then t -> sink with capacity 1) or straight to the
/// sink along a "drop" arc (cost 0: the unit stays unmatched). Every unit reaches the sink, so the
/// flow always exists, and its minimum cost is minus the best total score.
///
/// We solve it by **successive shortest paths** (the primal-dual / Hungarian method for
/// rectangular problems): one unit at a time, Dijkstra on the residual graph with reduced costs
/// `c(a, b) + π(a) - π(b)` finds the cheapest way to route that unit (take a free target, possibly
/// after a chain of sources handing targets on, or leave a unit unmatched), the unit is pushed
/// along it and the potentials are raised by the capped distances `min(d, D)`. The potentials are
/// written as a source price `u_s = π(s) - π(sink)` and a target price `v_t = π(sink) - π(t)`; the
/// invariant is the usual reduced-cost optimality condition:
///
/// - every unmatched allowed pair: `u_s + v_t >= w(s, t)`; every matched pair: `u_s + v_t <= w(s, t)`,
/// - `u_s >= 0`, and `u_s == 0` once a unit of s was left unmatched; `v_t >= 0`, and `v_t == 0` while
///   t is free (a matched target is never freed again, and free targets are never priced).
///
/// Each augmentation keeps every reduced cost non-negative (the standard SSP argument: the pushed
/// unit follows a shortest path and the capped update preserves `d(b) <= d(a) + c(a, b)`), so once
/// every unit is routed the residual graph has no negative cycle: the flow is a minimum-cost flow,
/// i.e. the matching is optimal. All arithmetic is on integers: the result is exact.
///
/// ## Candidate lists (exact pruning with a certificate)
///
/// At scale almost all allowed pairs are irrelevant: a mentor with capacity 3 ends up with three of
/// its best few dozen mentees. A first pass over the pairs builds, per source, a histogram of
/// scores; each source keeps only its pairs scoring at least a cut chosen so that about
/// `16 * capacity + 128` pairs are kept, and the problem is solved on those. Then the potentials
/// are checked against the pairs left out: a left-out pair (s, t) scores below s's cut and
/// `v_t >= 0`, so `u_s >= weight(best left-out score of s)` implies `u_s + v_t >= w(s, t)` for all
/// of them. Failing that, one more pass checks `u_s + v_t >= w(s, t)` pair by pair. If it holds,
/// the reduced costs are non-negative on the whole residual graph and the matching is optimal for
/// the full problem (a certificate, not a heuristic). Otherwise the sources with a violated pair
/// get longer lists (a lower cut) and the reduced problem is solved again; in the worst case every
/// list becomes complete, which is the plain algorithm.
///
/// ## Why it is fast
///
/// Two passes over the input pairs (histogram, then gathering the candidates) dominate: at the
/// benchmark scale (14 million allowed pairs) the search itself takes a few milliseconds. There is
/// one Dijkstra per unit of the routing side, the smaller one (so at most about
/// `min(referrals, sum(capacities))` of them), and each looks at a small part of the graph only:
/// - each source's candidate pairs are stored once (flat CSR arrays: `Int32` target, score in the
///   narrowest integer type) sorted by score, best first. Since `v_t >= 0`, the reduced cost of
///   s's k-th pair is at least `u_s - w_k`, which grows along the list: a scan stops at the first
///   free target (nothing after it can do better) or as soon as the bound reaches the best route
///   found so far. Targets before a source's first free one stay matched for ever, so a per-source
///   cursor finds it in amortised O(1);
/// - Dijkstra stops as soon as the cheapest route is known (early termination) and only the nodes
///   it settled have their potentials changed;
/// - a unit whose best free target has zero reduced cost is matched directly.
///
/// Ties are broken towards more matches: scores are scaled to `score * (K + 1) + 1` (K = an upper
/// bound on the number of matches), which orders solutions by total score first and by the number
/// of matched referrals second, so no mentee waits for want of an equally good proposal.
///
/// Input hygiene: pairs whose referral or mentor index is out of range, whose mentor has no
/// capacity, or whose score is negative (never worth more than leaving both unmatched) are ignored;
/// a pair listed twice counts once, with its best score. Scores above `Int.max / 16` are clamped.
public enum BulkMatching {
    /// Chooses pairs that maximise the total score: each referral (0..<referrals) matched at most once,
    /// mentor j (0..<capacities.count) at most capacities[j] times, only along the given allowed edges
    /// (scores are integers >= 0; an edge with score 0 may still be used). Exact, not greedy.
    /// Ties: any optimal solution (this one prefers more matches). Deterministic for the same input.
    /// The result is sorted by referral.
    public static func optimalAssignment(referrals: Int, capacities: [Int], edges: [MatchingEdge]) -> [Assignment] {
        solve(referrals: referrals, capacities: capacities, edges: edges).assignments
    }

    /// The total score of an assignment.
    public static func total(_ assignments: [Assignment]) -> Int {
        assignments.reduce(0) { $0 + $1.score }
    }

    /// Which side's units are routed.
    enum Side: Sendable, Equatable {
        case mentors, referrals
    }

    /// How many of a source's best pairs the first round keeps, from its capacity.
    static func defaultKeep(_ capacity: Int) -> Int { 16 * capacity + 128 }

    /// The solver with its knobs exposed for tests: `keep` sizes the first round's candidate
    /// lists (tiny values exercise the later rounds), `side` forces the routing side.
    /// `rounds` is how many reduced problems were solved.
    static func solve(referrals n: Int, capacities: [Int], edges: [MatchingEdge],
                      keep: (Int) -> Int = defaultKeep, side forcedSide: Side? = nil)
        -> (assignments: [Assignment], rounds: Int, side: Side) {
        let m = capacities.count
        guard n > 0, m > 0, !edges.isEmpty else { return ([], 0, .mentors) }
        precondition(n < Int(Int32.max) && m < Int(Int32.max), "BulkMatching: too many referrals or mentors")

        // Usable places per mentor: a mentor can never take more than every referral.
        let units = capacities.map { max(0, min($0, n)) }
        let places = units.reduce(0, +)
        guard places > 0 else { return ([], 0, .mentors) }
        // Route from the side with fewer units. As targets, mentor j's places are c_j copies of each
        // of its pairs, so that side is only used while capacities are small.
        let side = forcedSide ?? (n < places && places < Int(Int32.max) && (units.max() ?? 0) <= 64 ? .referrals : .mentors)
        let layout = Layout(side: side, referrals: n, units: units)

        // Pass 1: a histogram of each source's pairs by score bucket. Bucket b < B - 1 holds score b
        // exactly, bucket B - 1 every score >= B - 1. B shrinks when lists are short.
        let buckets = max(1, min(128, edges.count / layout.sources))
        var histogram = [Int](repeating: 0, count: layout.sources * buckets)
        var maxScore = 0
        histogram.withUnsafeMutableBufferPointer { histogram in
            units.withUnsafeBufferPointer { units in
                for e in edges {
                    let j = e.mentor, r = e.referral, s = e.score
                    guard r >= 0 && r < n && j >= 0 && j < m && s >= 0 else { continue }
                    let copies = units[j]
                    guard copies > 0 else { continue }
                    let b = min(s, buckets &- 1)
                    if side == .mentors {
                        histogram[j &* buckets &+ b] &+= 1
                    } else {
                        histogram[r &* buckets &+ b] &+= copies
                    }
                    if s > maxScore { maxScore = s }
                }
            }
        }
        guard histogram.contains(where: { $0 > 0 }) else { return ([], 0, side) }

        // Scores above Int.max / 16 (absurd for Waymark) are clamped so potentials cannot overflow;
        // the tie-break needs score * (K + 1) + 1 to stay below that limit too.
        let bound = min(n, places)
        let limit = Int.max / 16
        let clamp = min(maxScore, limit)
        let tieBreak = clamp <= (limit - 1) / (bound + 1)
        let weights = Weights(unit: tieBreak ? bound + 1 : 1, bonus: tieBreak ? 1 : 0, clamp: clamp)
        let counts = histogram
        func run<S: FixedWidthInteger>(_ storage: S.Type) -> (assignments: [Assignment], rounds: Int, side: Side) {
            let (assignments, rounds) = solveInRounds(layout: layout, edges: edges, histogram: counts, buckets: buckets,
                                                      keep: keep, weights: weights, storage: storage)
            return (assignments, rounds, side)
        }
        if clamp <= Int(UInt8.max) { return run(UInt8.self) }
        if clamp <= Int(UInt16.max) { return run(UInt16.self) }
        if clamp <= Int(UInt32.max) { return run(UInt32.self) }
        return run(Int.self)
    }

    /// Scaled pair weights: `score * unit + bonus` (scores are clamped at `clamp` when stored).
    struct Weights {
        let unit: Int, bonus: Int, clamp: Int

        @inline(__always)
        func weight(_ score: Int) -> Int { score &* unit &+ bonus }

        func score(_ weight: Int) -> Int { (weight - bonus) / unit }
    }

    /// Sources and targets. Mentors as sources: source j has `units[j]` units, target r is
    /// referral r. Referrals as sources: one unit each, and mentor j's places are the targets
    /// `slotStart[j] ..< slotStart[j + 1]`.
    struct Layout {
        let side: Side
        let referrals: Int
        let units: [Int]
        let slotStart: [Int]
        let slotMentor: [Int32]

        init(side: Side, referrals: Int, units: [Int]) {
            self.side = side
            self.referrals = referrals
            self.units = units
            if side == .referrals {
                var start = [Int](repeating: 0, count: units.count + 1)
                for j in units.indices { start[j + 1] = start[j] + units[j] }
                var mentor = [Int32](repeating: 0, count: start[units.count])
                for j in units.indices { for t in start[j]..<start[j + 1] { mentor[t] = Int32(truncatingIfNeeded: j) } }
                slotStart = start
                slotMentor = mentor
            } else {
                slotStart = []
                slotMentor = []
            }
        }

        var sources: Int { side == .mentors ? units.count : referrals }
        var targets: Int { side == .mentors ? referrals : slotMentor.count }
        func capacity(ofSource s: Int) -> Int { side == .mentors ? units[s] : 1 }

        func assignment(source: Int, target: Int, score: Int) -> Assignment {
            side == .mentors
                ? Assignment(referral: target, mentor: source, score: score)
                : Assignment(referral: source, mentor: Int(slotMentor[target]), score: score)
        }
    }

    /// Solves on each source's best pairs only (all its pairs in a score bucket >= `cut[s]`), then
    /// checks the certificate for the pairs left out; sources that fail it get longer lists and the
    /// problem is solved again. See "Candidate lists" in the type's notes.
    static func solveInRounds<S: FixedWidthInteger>(
        layout: Layout, edges: [MatchingEdge], histogram: [Int], buckets: Int,
        keep: (Int) -> Int, weights: Weights, storage: S.Type
    ) -> (assignments: [Assignment], rounds: Int) {
        let sources = layout.sources
        var target = (0..<sources).map { s in max(1, keep(layout.capacity(ofSource: s))) }
        var cut = [Int](repeating: 0, count: sources)
        var kept = [Int](repeating: 0, count: sources)
        var rounds = 0
        while true {
            rounds += 1
            // Each source's cut: the highest bucket such that the buckets from it up hold at least
            // `target[s]` pairs (0: every pair).
            for s in 0..<sources {
                var count = 0, b = buckets - 1
                while true {
                    count += histogram[s * buckets + b]
                    if b == 0 || count >= target[s] { break }
                    b -= 1
                }
                cut[s] = b
                kept[s] = count
            }
            let graph = buildGraph(layout: layout, edges: edges, buckets: buckets, cut: cut, kept: kept,
                                   weights: weights, storage: storage)
            // The solver state points into the graph's buffers: keep the graph alive throughout.
            let answer: [Assignment]? = withExtendedLifetime(graph) {
                var state = SSP(sources: sources, targets: layout.targets, graph: graph, weights: weights)
                defer { state.deallocate() }
                for s in 0..<sources where graph.start[s] < graph.start[s + 1] {
                    for _ in 0..<layout.capacity(ofSource: s) { state.route(from: s) }
                }
                // Certificate for the pairs left out, first from u alone (see the notes), then pair
                // by pair for the sources where that was not enough.
                var doubtful = [Bool](repeating: false, count: sources)
                var anyDoubt = false
                for s in 0..<sources where cut[s] > 0 {
                    var b = cut[s] - 1
                    while b >= 0 && histogram[s * buckets + b] == 0 { b -= 1 }
                    guard b >= 0 else { continue }                  // nothing left out
                    if state.u[s] < weights.weight(b) {             // bucket b < buckets - 1 holds score b exactly
                        doubtful[s] = true
                        anyDoubt = true
                    }
                }
                if anyDoubt {
                    let violated = violations(layout: layout, edges: edges, buckets: buckets, cut: cut,
                                              doubtful: doubtful, state: state, weights: weights)
                    var complete = true
                    for s in 0..<sources where violated[s] {
                        complete = false
                        target[s] = max(4 * kept[s], kept[s] + 64)
                    }
                    guard complete else { return nil }
                }
                var result: [Assignment] = []
                for t in 0..<layout.targets where state.mate[t] >= 0 {
                    result.append(layout.assignment(source: Int(state.mate[t]), target: t,
                                                    score: weights.score(state.mateWeight[t])))
                }
                if layout.side == .referrals { result.sort { $0.referral < $1.referral } }
                return result
            }
            if let answer { return (answer, rounds) }
        }
    }

    /// Pass 3 (only when needed): which doubtful sources have a left-out pair with
    /// `u_s + v_t < w(s, t)`. Matched pairs are skipped (they are in the graph).
    static func violations<S: FixedWidthInteger>(
        layout: Layout, edges: [MatchingEdge], buckets: Int, cut: [Int], doubtful: [Bool], state: SSP<S>, weights: Weights
    ) -> [Bool] {
        var violated = [Bool](repeating: false, count: layout.sources)
        let n = layout.referrals, m = layout.units.count
        for e in edges {
            let j = e.mentor, r = e.referral, s = e.score
            guard r >= 0 && r < n && j >= 0 && j < m && s >= 0 && layout.units[j] > 0 else { continue }
            let source = layout.side == .mentors ? j : r
            guard doubtful[source], !violated[source], min(s, buckets - 1) < cut[source] else { continue }
            let w = weights.weight(min(s, weights.clamp))
            if layout.side == .mentors {
                if Int(state.mate[r]) != j && state.u[j] + state.v[r] < w { violated[j] = true }
            } else {
                for t in layout.slotStart[j]..<layout.slotStart[j + 1] where Int(state.mate[t]) != r {
                    if state.u[r] + state.v[t] < w { violated[r] = true; break }
                }
            }
        }
        return violated
    }
}
