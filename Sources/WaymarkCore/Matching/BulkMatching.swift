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
/// c_j, matching a referral is optional). Written as a min-cost flow it is a transportation
/// problem: mentor j supplies c_j units; a unit goes either to a referral r along an allowed pair
/// (cost -score, then r -> sink with capacity 1) or straight to the sink along a "drop" arc (cost
/// 0: the slot stays empty). Every unit must reach the sink, so the flow always exists, and its
/// minimum cost is minus the best total score.
///
/// We solve it by **successive shortest paths** (the primal-dual / Hungarian method for
/// rectangular problems): one mentor slot at a time, Dijkstra on the residual graph with reduced
/// costs `c(a, b) + π(a) - π(b)` finds the cheapest way to route that unit (take a free referral,
/// possibly after a chain of mentors handing referrals on, or leave a slot empty), the unit is
/// pushed along it and the potentials are raised by the capped distances `min(d, D)`. The
/// potentials are written as a mentor price `u_j = π(j) - π(sink)` and a referral price
/// `v_r = π(sink) - π(r)`, and the invariant is the usual reduced-cost optimality condition:
///
/// - every unmatched allowed pair: `u_j + v_r >= w(j, r)`; every matched pair: `u_j + v_r <= w(j, r)`,
/// - `u_j >= 0`, and `u_j == 0` once a slot of j was left empty; `v_r >= 0`, and `v_r == 0` while
///   r is unmatched (a matched referral is never unmatched again; free referrals are never priced).
///
/// Reduced costs stay non-negative after each augmentation (standard SSP argument; every pushed
/// unit is a shortest path), so when every slot has been routed the flow has no negative residual
/// cycle: it is a minimum-cost flow, i.e. the matching is optimal. All arithmetic is on integers, so
/// there is no rounding anywhere: the result is exact.
///
/// ## Candidate lists (exact pruning with a certificate)
///
/// At scale almost all allowed pairs are irrelevant: a mentor with capacity 3 ends up with three
/// of its best few dozen mentees. A first pass over the pairs builds, per mentor, a histogram of
/// scores; each mentor keeps only its pairs scoring at least a cut chosen so that about
/// `16 * capacity + 128` pairs are kept, and the problem is solved on those. Then the potentials
/// are checked against the pairs left out: a left-out pair (j, r) scores below j's cut, and since
/// `v_r >= 0`, `u_j >= weight(best left-out score of j)` implies `u_j + v_r >= w(j, r)` for all of
/// them. If that holds for every mentor, the reduced costs are non-negative on the whole residual
/// graph, so the matching is optimal for the full problem (a certificate, not a heuristic). A
/// mentor that fails the check gets a longer list (a lower cut) and the reduced problem is solved
/// again; in the worst case every list becomes complete, which is the plain algorithm.
///
/// ## Why it is fast
///
/// Two passes over the input pairs (histogram, then gathering the candidates) dominate. Then there
/// are at most `sum(capacities)` augmentations and each Dijkstra only looks at a small part of the
/// graph:
/// - each mentor's candidate pairs are stored once (flat CSR arrays: `Int32` referral, score in
///   the narrowest integer type) sorted by score, best first. Since `v_r >= 0`, the reduced cost of
///   j's k-th pair is at least `u_j - w_k`, which grows along the list: a scan stops at the first
///   free referral (nothing after it can do better) or as soon as the bound reaches the best route
///   found so far. Referrals before a mentor's first free one stay matched for ever, so a
///   per-mentor cursor finds it in amortised O(1);
/// - Dijkstra stops as soon as the cheapest route is known (early termination) and only the
///   mentors and referrals it settled have their potentials changed;
/// - a unit whose mentor's best free referral has zero reduced cost is matched directly.
///
/// Ties are broken towards more matches: scores are scaled to `score * (K + 1) + 1` (K = an upper
/// bound on the number of matches), which orders solutions by total score first and by the number of
/// matched referrals second, so no mentee waits for want of an equally good proposal.
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
        solve(referrals: referrals, capacities: capacities, edges: edges, keep: defaultKeep).assignments
    }

    /// The total score of an assignment.
    public static func total(_ assignments: [Assignment]) -> Int {
        assignments.reduce(0) { $0 + $1.score }
    }

    /// How many of a mentor's best pairs the first round keeps, from its capacity.
    static let defaultKeep: @Sendable (Int) -> Int = { capacity in 16 * capacity + 128 }

    /// The solver, with the size of the first round's candidate lists as a parameter (tests make
    /// it tiny to exercise the later rounds); `rounds` is how many rounds were needed.
    static func solve(referrals n: Int, capacities: [Int], edges: [MatchingEdge],
                      keep: (Int) -> Int) -> (assignments: [Assignment], rounds: Int) {
        let m = capacities.count
        guard n > 0, m > 0, !edges.isEmpty else { return ([], 0) }
        precondition(n < Int(Int32.max) && m < Int(Int32.max), "BulkMatching: too many referrals or mentors")

        // Pass 1: a histogram of each mentor's usable pairs by score bucket. Bucket b < B - 1 holds
        // score b exactly, bucket B - 1 every score >= B - 1. B shrinks when lists are short.
        let buckets = max(1, min(128, edges.count / m))
        var histogram = [Int32](repeating: 0, count: m * buckets)
        var maxScore = 0
        histogram.withUnsafeMutableBufferPointer { histogram in
            capacities.withUnsafeBufferPointer { capacities in
                for e in edges {
                    let j = e.mentor, r = e.referral, s = e.score
                    guard r >= 0 && r < n && j >= 0 && j < m && capacities[j] > 0 && s >= 0 else { continue }
                    histogram[j &* buckets &+ min(s, buckets &- 1)] &+= 1
                    if s > maxScore { maxScore = s }
                }
            }
        }
        var degree = [Int](repeating: 0, count: m)
        for j in 0..<m {
            for b in 0..<buckets { degree[j] += Int(histogram[j * buckets + b]) }
        }

        // An upper bound on the number of matches, for the "more matches" tie-break.
        var slots = 0
        for j in 0..<m { slots += min(max(0, capacities[j]), degree[j]) }
        guard slots > 0 else { return ([], 0) }
        let bound = min(n, slots)

        // Scores above Int.max / 16 (absurd for Waymark) are clamped so potentials cannot overflow;
        // the tie-break needs score * (bound + 1) + 1 to stay below that limit too.
        let limit = Int.max / 16
        let clamp = min(maxScore, limit)
        let tieBreak = clamp <= (limit - 1) / (bound + 1)
        let unit = tieBreak ? bound + 1 : 1, bonus = tieBreak ? 1 : 0
        let histogramCopy = histogram
        func run<S: FixedWidthInteger>(_ storage: S.Type) -> (assignments: [Assignment], rounds: Int) {
            solveInRounds(n: n, capacities: capacities, edges: edges, histogram: histogramCopy, buckets: buckets,
                          degree: degree, keep: keep, unit: unit, bonus: bonus, clamp: clamp, storage: storage)
        }
        if clamp <= Int(UInt8.max) { return run(UInt8.self) }
        if clamp <= Int(UInt16.max) { return run(UInt16.self) }
        if clamp <= Int(UInt32.max) { return run(UInt32.self) }
        return run(Int.self)
    }

    /// Solves on each mentor's best pairs only (all pairs in a score bucket >= `cut[j]`), then
    /// checks the certificate for the pairs left out; mentors that fail it get longer lists and the
    /// problem is solved again. See "Candidate lists" in the type's notes.
    static func solveInRounds<S: FixedWidthInteger>(
        n: Int, capacities: [Int], edges: [MatchingEdge], histogram: [Int32], buckets: Int, degree: [Int],
        keep: (Int) -> Int, unit: Int, bonus: Int, clamp: Int, storage: S.Type
    ) -> (assignments: [Assignment], rounds: Int) {
        let m = capacities.count
        var target = (0..<m).map { j in capacities[j] > 0 ? max(1, keep(capacities[j])) : 0 }
        var cut = [Int](repeating: 0, count: m)
        var kept = [Int](repeating: 0, count: m)
        var rounds = 0
        while true {
            rounds += 1
            // Each mentor's cut: the highest bucket such that the buckets from it up hold at least
            // `target[j]` pairs (or 0: every pair).
            for j in 0..<m {
                var count = 0, b = buckets - 1
                while b > 0 {
                    count += Int(histogram[j * buckets + b])
                    if count >= target[j] { break }
                    b -= 1
                }
                if b == 0 { count = degree[j] }
                cut[j] = b
                kept[j] = count
            }
            let graph = buildGraph(n: n, capacities: capacities, edges: edges, buckets: buckets, cut: cut, kept: kept,
                                   clamp: clamp, storage: storage)
            // The solver state points into the graph's buffers: keep the graph alive throughout.
            let answer: [Assignment]? = withExtendedLifetime(graph) {
                var state = SSP(n: n, m: m, graph: graph, unit: unit, bonus: bonus)
                defer { state.deallocate() }
                for j in 0..<m where graph.start[j] < graph.start[j + 1] {
                    for _ in 0..<capacities[j] { state.route(from: j) }
                }
                // Certificate for the pairs left out: a left-out pair (j, r) has a score below j's
                // cut, so if u_j >= the weight of j's best left-out score then u_j + v_r >= w(j, r)
                // (v_r >= 0) and the potentials prove the matching optimal for the whole graph.
                var complete = true
                for j in 0..<m where cut[j] > 0 {
                    var b = cut[j] - 1
                    while b >= 0 && histogram[j * buckets + b] == 0 { b -= 1 }
                    guard b >= 0 else { continue }              // nothing left out
                    if state.u[j] < b * unit + bonus {         // bucket b < buckets - 1 holds score b exactly
                        complete = false
                        target[j] = max(4 * kept[j], kept[j] + 64)
                    }
                }
                guard complete else { return nil }
                var result: [Assignment] = []
                for r in 0..<n where state.mate[r] >= 0 {
                    result.append(Assignment(referral: r, mentor: Int(state.mate[r]),
                                             score: (state.mateWeight[r] - bonus) / unit))
                }
                return result
            }
            if let answer { return (answer, rounds) }
        }
    }

    // MARK: - Graph

    /// Each mentor's candidate pairs, best score first, duplicates removed: the pairs of mentor j
    /// are at `start[j]..<start[j + 1]`, referral `ref[p]`, score `score[p]` (stored in the narrowest
    /// type that holds the largest score; weights are scaled on the fly).
    final class Graph<S: FixedWidthInteger> {
        let start: UnsafeMutableBufferPointer<Int>
        let ref: UnsafeMutableBufferPointer<Int32>
        let score: UnsafeMutableBufferPointer<S>

        init(mentors: Int, pairs: Int) {
            start = .allocate(capacity: mentors + 1)
            start.initialize(repeating: 0)
            ref = .allocate(capacity: max(1, pairs))
            score = .allocate(capacity: max(1, pairs))
        }

        deinit {
            start.deallocate()
            ref.deallocate()
            score.deallocate()
        }
    }

    /// Pass 2: gathers the usable pairs of mentor j whose score bucket is >= cut[j] (there are
    /// kept[j] of them), then sorts each list by score and removes repeated referrals.
    static func buildGraph<S: FixedWidthInteger>(
        n: Int, capacities: [Int], edges: [MatchingEdge], buckets: Int, cut: [Int], kept: [Int], clamp: Int, storage: S.Type
    ) -> Graph<S> {
        let m = capacities.count
        var fill = [Int](repeating: 0, count: m + 1)
        for j in 0..<m { fill[j + 1] = fill[j] + kept[j] }
        let bucketStart = fill
        let graph = Graph<S>(mentors: m, pairs: fill[m])
        let start = graph.start, ref = graph.ref, score = graph.score
        fill.withUnsafeMutableBufferPointer { fill in
            capacities.withUnsafeBufferPointer { capacities in
                cut.withUnsafeBufferPointer { cut in
                    for e in edges {
                        let j = e.mentor, r = e.referral, s = e.score
                        guard r >= 0 && r < n && j >= 0 && j < m && capacities[j] > 0 && s >= 0
                            && min(s, buckets &- 1) >= cut[j] else { continue }
                        let p = fill[j]
                        ref.initializeElement(at: p, to: Int32(truncatingIfNeeded: r))
                        score.initializeElement(at: p, to: S(truncatingIfNeeded: min(s, clamp)))
                        fill[j] = p + 1
                    }
                }
            }
        }

        // Per mentor, in place: order by score, best first (a counting sort when the score range is
        // small, otherwise a comparison sort), and drop repeated referrals (the first copy has the
        // best score). Kept pairs are compacted towards the front, so `start` may move down.
        let maxKept = kept.max() ?? 0
        let tmpRef = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, maxKept))
        let tmpScore = UnsafeMutableBufferPointer<S>.allocate(capacity: max(1, maxKept))
        let seen = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        seen.initialize(repeating: -1)
        defer { tmpRef.deallocate(); tmpScore.deallocate(); seen.deallocate() }
        var histogram = [Int]()
        var order = [Int]()
        var out = 0
        for j in 0..<m {
            start[j] = out
            let lo = bucketStart[j], hi = bucketStart[j + 1], count = hi - lo
            guard count > 0 else { continue }
            var low = Int(score[lo]), high = low
            for p in lo..<hi {
                let s = Int(score[p])
                if s < low { low = s }
                if s > high { high = s }
            }
            let range = high - low + 1
            if range <= 2 * count + 256 {
                // Stable counting sort, descending score, into the scratch buffers.
                histogram.removeAll(keepingCapacity: true)
                histogram.append(contentsOf: repeatElement(0, count: range + 1))
                histogram.withUnsafeMutableBufferPointer { h in
                    for p in lo..<hi { h[high - Int(score[p]) + 1] += 1 }
                    for k in 0..<range { h[k + 1] += h[k] }
                    for p in lo..<hi {
                        let bucket = high - Int(score[p])
                        let q = h[bucket]
                        tmpRef[q] = ref[p]
                        tmpScore[q] = score[p]
                        h[bucket] = q + 1
                    }
                }
            } else {
                order.removeAll(keepingCapacity: true)
                order.append(contentsOf: lo..<hi)
                order.sort { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
                for (q, p) in order.enumerated() {
                    tmpRef[q] = ref[p]
                    tmpScore[q] = score[p]
                }
            }
            let mentor = Int32(truncatingIfNeeded: j)
            for q in 0..<count {
                let r = Int(tmpRef[q])
                if seen[r] == mentor { continue }
                seen[r] = mentor
                ref[out] = tmpRef[q]
                score[out] = tmpScore[q]
                out += 1
            }
        }
        start[m] = out
        return graph
    }

    // MARK: - Successive shortest paths

    /// The working state of successive shortest paths; raw buffers so the hot loops carry no
    /// bounds checks or reference counting. Valid only inside `solve`.
    struct SSP<S: FixedWidthInteger> {
        let n: Int, m: Int
        let start: UnsafeMutableBufferPointer<Int>
        let ref: UnsafeMutableBufferPointer<Int32>
        let score: UnsafeMutableBufferPointer<S>
        /// Weight of a pair: score * unit + bonus (see the tie-break above).
        let unit: Int, bonus: Int
        /// The mentor a referral is matched with (-1: free) and that pair's weight.
        let mate: UnsafeMutableBufferPointer<Int32>
        let mateWeight: UnsafeMutableBufferPointer<Int>
        /// Mentor price u_j and referral price v_r (see the algorithm notes above).
        let u: UnsafeMutableBufferPointer<Int>
        let v: UnsafeMutableBufferPointer<Int>
        /// Per mentor: the first position in its list that may hold a free referral.
        let firstFree: UnsafeMutableBufferPointer<Int>
        // Dijkstra scratch, reset by stamping instead of clearing.
        let mentorDist: UnsafeMutableBufferPointer<Int>
        let mentorSeen: UnsafeMutableBufferPointer<Int>
        let mentorDone: UnsafeMutableBufferPointer<Int>
        let mentorVia: UnsafeMutableBufferPointer<Int32>   // referral the mentor would hand on
        let referralDist: UnsafeMutableBufferPointer<Int>
        let referralSeen: UnsafeMutableBufferPointer<Int>
        let referralBy: UnsafeMutableBufferPointer<Int32>  // mentor that would take the referral
        let referralByWeight: UnsafeMutableBufferPointer<Int>
        let settled: UnsafeMutableBufferPointer<Int32>
        let touched: UnsafeMutableBufferPointer<Int32>
        var heap = MinHeap()
        var stamp = 0

        init(n: Int, m: Int, graph: Graph<S>, unit: Int, bonus: Int) {
            self.n = n
            self.m = m
            start = graph.start
            ref = graph.ref
            score = graph.score
            self.unit = unit
            self.bonus = bonus
            func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
                let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, count))
                b.initialize(repeating: value)
                return b
            }
            mate = buffer(n, -1)
            mateWeight = buffer(n, 0)
            u = buffer(m, 0)
            for j in 0..<m where start[j] < start[j + 1] { u[j] = Int(score[start[j]]) &* unit &+ bonus }
            v = buffer(n, 0)
            firstFree = buffer(m, 0)
            for j in 0..<m { firstFree[j] = start[j] }
            mentorDist = buffer(m, 0)
            mentorSeen = buffer(m, 0)
            mentorDone = buffer(m, 0)
            mentorVia = buffer(m, -1)
            referralDist = buffer(n, 0)
            referralSeen = buffer(n, 0)
            referralBy = buffer(n, -1)
            referralByWeight = buffer(n, 0)
            settled = buffer(m, -1)
            touched = buffer(n, -1)
        }

        func deallocate() {
            for b in [mateWeight, u, v, firstFree, mentorDist, mentorSeen, mentorDone, referralDist, referralSeen, referralByWeight] {
                b.deallocate()
            }
            for b in [mate, mentorVia, referralBy, settled, touched] { b.deallocate() }
        }

        @inline(__always)
        func weight(_ p: Int) -> Int { Int(score[p]) &* unit &+ bonus }

        /// Advances mentor j's cursor past referrals that are matched (they stay matched).
        @inline(__always)
        func advanceFirstFree(_ j: Int) -> Int {
            var f = firstFree[j]
            let end = start[j + 1]
            while f < end && mate[Int(ref[f])] >= 0 { f += 1 }
            firstFree[j] = f
            return f
        }

        /// Routes one unit of mentor `source`'s capacity along a shortest residual path.
        mutating func route(from source: Int) {
            // Fast path: the best free referral has zero reduced cost (u_j - w = 0): nothing is cheaper.
            let f0 = advanceFirstFree(source)
            if f0 < start[source + 1] && weight(f0) == u[source] {
                let r = Int(ref[f0])
                mate[r] = Int32(truncatingIfNeeded: source)
                mateWeight[r] = weight(f0)
                return
            }
            if u[source] == 0 { return } // leaving the slot empty costs nothing: nothing can beat it

            stamp += 1
            let stamp = self.stamp
            var settledCount = 0, touchedCount = 0
            var best = Int.max            // D: cheapest route to the sink found so far
            var endMentor = -1, endReferral = -1, endWeight = 0
            mentorSeen[source] = stamp
            mentorDist[source] = 0
            heap.push(0, Int32(truncatingIfNeeded: source))

            while let (d, node) = heap.popMin() {
                if d >= best { break }
                let a = Int(node)
                if mentorDone[a] == stamp { continue }
                mentorDone[a] = stamp
                settled[settledCount] = node
                settledCount += 1
                let ua = u[a]
                // Leave one of a's slots empty.
                if d + ua < best { best = d + ua; endMentor = a; endReferral = -1 }
                // Take a's best free referral (v = 0 for free referrals).
                let f = advanceFirstFree(a)
                if f < start[a + 1] {
                    let c = d + ua - weight(f)
                    if c < best { best = c; endMentor = a; endReferral = Int(ref[f]); endWeight = weight(f) }
                }
                // Take a matched referral from its mentor b, who then has to route a unit on.
                var p = start[a]
                while p < f {
                    let w = weight(p)
                    let bound = d + ua - w
                    if bound >= best { break }
                    let r = Int(ref[p])
                    p += 1
                    let b = Int(mate[r])
                    if b == a { continue }
                    let dr = bound + v[r]
                    if dr >= best { continue }
                    if referralSeen[r] == stamp {
                        if referralDist[r] <= dr { continue }
                    } else {
                        referralSeen[r] = stamp
                        touched[touchedCount] = Int32(truncatingIfNeeded: r)
                        touchedCount += 1
                    }
                    referralDist[r] = dr
                    referralBy[r] = Int32(truncatingIfNeeded: a)
                    referralByWeight[r] = w
                    if mentorDone[b] == stamp { continue }
                    let db = dr + (mateWeight[r] - u[b] - v[r])
                    if db >= best { continue }
                    if mentorSeen[b] != stamp || db < mentorDist[b] {
                        mentorSeen[b] = stamp
                        mentorDist[b] = db
                        mentorVia[b] = Int32(truncatingIfNeeded: r)
                        heap.push(db, Int32(truncatingIfNeeded: b))
                    }
                }
            }
            heap.removeAll()

            // Push the unit along the path, from its end back to the source.
            if endReferral >= 0 {
                mate[endReferral] = Int32(truncatingIfNeeded: endMentor)
                mateWeight[endReferral] = endWeight
            }
            var a = endMentor
            while a != source {
                let r = Int(mentorVia[a])
                let b = Int(referralBy[r])
                mate[r] = Int32(truncatingIfNeeded: b)
                mateWeight[r] = referralByWeight[r]
                a = b
            }

            // Potentials: π += min(d, D), i.e. u_j -= D - d_j and v_r += D - d_r for settled nodes.
            for i in 0..<settledCount {
                let j = Int(settled[i])
                u[j] -= best - mentorDist[j]
            }
            for i in 0..<touchedCount {
                let r = Int(touched[i])
                let dr = referralDist[r]
                if dr < best { v[r] += best - dr }
            }
        }
    }

    /// A binary min-heap of (distance, mentor), lazy deletion.
    struct MinHeap {
        var keys: [Int] = []
        var nodes: [Int32] = []

        mutating func push(_ key: Int, _ node: Int32) {
            keys.append(key)
            nodes.append(node)
            var i = keys.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                if keys[parent] <= key { break }
                keys[i] = keys[parent]
                nodes[i] = nodes[parent]
                i = parent
            }
            keys[i] = key
            nodes[i] = node
        }

        mutating func popMin() -> (Int, Int32)? {
            guard let top = keys.first else { return nil }
            let topNode = nodes[0]
            let lastKey = keys.removeLast()
            let lastNode = nodes.removeLast()
            let count = keys.count
            if count > 0 {
                var i = 0
                while true {
                    var child = 2 * i + 1
                    if child >= count { break }
                    if child + 1 < count && keys[child + 1] < keys[child] { child += 1 }
                    if keys[child] >= lastKey { break }
                    keys[i] = keys[child]
                    nodes[i] = nodes[child]
                    i = child
                }
                keys[i] = lastKey
                nodes[i] = lastNode
            }
            return (top, topNode)
        }

        mutating func removeAll() {
            keys.removeAll(keepingCapacity: true)
            nodes.removeAll(keepingCapacity: true)
        }
    }
}
