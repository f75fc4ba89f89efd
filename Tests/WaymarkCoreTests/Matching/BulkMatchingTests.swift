import Testing
@testable import WaymarkCore

/// Bulk matching must be exact: these tests compare it with brute force on small random
/// instances, with an independent (slow, simple) min-cost flow on medium ones, and pin the cases
/// where a greedy proposal loses score.
@Suite("BulkMatching")
struct BulkMatchingTests {
    // MARK: - Greedy is wrong here

    @Test func greedyBestPairFirstLosesTotal() {
        // Greedy takes A–X (10) first, leaving B only Y (1): 11. The optimum is A–Y + B–X = 18.
        let edges = [edge(0, 0, 10), edge(0, 1, 9), edge(1, 0, 9), edge(1, 1, 1)]
        let result = BulkMatching.optimalAssignment(referrals: 2, capacities: [1, 1], edges: edges)
        #expect(BulkMatching.total(result) == 18)
        #expect(result == [Assignment(referral: 0, mentor: 1, score: 9), Assignment(referral: 1, mentor: 0, score: 9)])
    }

    @Test func greedyLosesWithCapacities() {
        // Mentor 0 (capacity 2) is everyone's favourite; mentor 1 (capacity 1) suits referral 1.
        // Greedy: 0–0 (10), 1–0 (10), then referral 2 gets mentor 1 (2): 22.
        // Optimum: 0–0 (10), 2–0 (9), 1–1 (8): 27.
        let edges = [edge(0, 0, 10), edge(1, 0, 10), edge(2, 0, 9),
                     edge(1, 1, 8), edge(2, 1, 2)]
        let result = BulkMatching.optimalAssignment(referrals: 3, capacities: [2, 1], edges: edges)
        #expect(BulkMatching.total(result) == 27)
        expectValid(result, referrals: 3, capacities: [2, 1], edges: edges)
        #expect(BulkMatching.total(result) == bruteForceBest(referrals: 3, capacities: [2, 1], edges: edges))
    }

    @Test func longChainOfHandOvers() {
        // Mentor j (0..<6) may take referral j or j + 1 (score 5 each) and takes j first; the last
        // mentor may take only referral 0. Serving everyone needs every mentor to move up by one.
        var edges: [MatchingEdge] = []
        for j in 0..<6 { edges += [edge(j, j, 5), edge(j + 1, j, 5)] }
        edges.append(edge(0, 6, 5))
        let capacities = [Int](repeating: 1, count: 7)
        for side in [BulkMatching.Side.mentors, .referrals] {
            let run = BulkMatching.solve(referrals: 7, capacities: capacities, edges: edges, side: side)
            expectValid(run.assignments, referrals: 7, capacities: capacities, edges: edges)
            #expect(BulkMatching.total(run.assignments) == 35)
            #expect(run.assignments.contains(Assignment(referral: 0, mentor: 6, score: 5)))
        }
    }

    @Test func maximumWeightIsNotMaximumCardinality() {
        // Matching both referrals (1–0 and 0–1) scores 0; matching only 0–0 scores 10.
        let edges = [edge(0, 0, 10), edge(0, 1, 0), edge(1, 0, 0)]
        let result = BulkMatching.optimalAssignment(referrals: 2, capacities: [1, 1], edges: edges)
        #expect(BulkMatching.total(result) == 10)
        #expect(result.contains(Assignment(referral: 0, mentor: 0, score: 10)))
    }

    // MARK: - Provably optimal on small cases

    @Test func matchesBruteForceOnRandomSmallInstances() {
        var rng = SplitMix64(seed: 0x5EED_0001)
        for instance in 0..<300 {
            let (n, capacities, edges) = randomInstance(&rng, maxReferrals: 7, maxMentors: 4, maxCapacity: 3, maxScore: 100)
            let best = bruteForceBest(referrals: n, capacities: capacities, edges: edges)
            let result = BulkMatching.optimalAssignment(referrals: n, capacities: capacities, edges: edges)
            #expect(BulkMatching.total(result) == best, "instance \(instance): \(n) referrals, capacities \(capacities), edges \(edges)")
            expectValid(result, referrals: n, capacities: capacities, edges: edges)
        }
    }

    @Test func everyVariantMatchesBruteForce() {
        // Both routing sides, and candidate lists so short that the certificate fails and later
        // rounds are needed; few distinct scores so that ties are common.
        var rng = SplitMix64(seed: 0x5EED_0002)
        var laterRounds = 0
        for instance in 0..<300 {
            let maxScore = instance % 3 == 0 ? 3 : 100
            let (n, capacities, edges) = randomInstance(&rng, maxReferrals: 7, maxMentors: 4, maxCapacity: 3, maxScore: maxScore)
            let best = bruteForceBest(referrals: n, capacities: capacities, edges: edges)
            for side in [BulkMatching.Side.mentors, .referrals] {
                for keep in [{ (_: Int) in 1 }, BulkMatching.defaultKeep] {
                    let run = BulkMatching.solve(referrals: n, capacities: capacities, edges: edges, keep: keep, side: side)
                    if run.rounds > 1 { laterRounds += 1 }
                    #expect(BulkMatching.total(run.assignments) == best,
                            "instance \(instance), side \(side): \(n) referrals, capacities \(capacities), edges \(edges)")
                    expectValid(run.assignments, referrals: n, capacities: capacities, edges: edges)
                }
            }
        }
        #expect(laterRounds > 0, "the short candidate lists should sometimes need a second round")
    }

    @Test func matchesIndependentMinCostFlowOnMediumInstances() {
        var rng = SplitMix64(seed: 0x5EED_0003)
        for instance in 0..<40 {
            let n = 20 + Int(rng.next() % 40), m = 5 + Int(rng.next() % 12)
            let capacities = (0..<m).map { _ in Int(rng.next() % 4) }
            var edges: [MatchingEdge] = []
            for r in 0..<n {
                for j in 0..<m where rng.next() % 10 >= 3 {
                    edges.append(edge(r, j, Int(rng.next() % 101)))
                }
            }
            let best = referenceMinCostFlowBest(referrals: n, capacities: capacities, edges: edges)
            for side in [BulkMatching.Side.mentors, .referrals] {
                for keep in [{ (_: Int) in 1 }, { (c: Int) in c + 2 }, BulkMatching.defaultKeep] {
                    let run = BulkMatching.solve(referrals: n, capacities: capacities, edges: edges, keep: keep, side: side)
                    #expect(BulkMatching.total(run.assignments) == best, "instance \(instance), side \(side)")
                    expectValid(run.assignments, referrals: n, capacities: capacities, edges: edges)
                }
            }
            let chosen = BulkMatching.optimalAssignment(referrals: n, capacities: capacities, edges: edges)
            #expect(BulkMatching.total(chosen) == best)
        }
    }

    @Test func largeScoresStayExact() {
        var rng = SplitMix64(seed: 0x5EED_0004)
        for _ in 0..<60 {
            let (n, capacities, small) = randomInstance(&rng, maxReferrals: 6, maxMentors: 4, maxCapacity: 2, maxScore: 100)
            let edges = small.map { edge($0.referral, $0.mentor, $0.score * 1_000_000_007 + 3) }
            let result = BulkMatching.optimalAssignment(referrals: n, capacities: capacities, edges: edges)
            #expect(BulkMatching.total(result) == bruteForceBest(referrals: n, capacities: capacities, edges: edges))
            expectValid(result, referrals: n, capacities: capacities, edges: edges)
        }
    }

    // MARK: - Ties and determinism

    @Test func amongEqualTotalsPrefersMoreMatches() {
        // Mentor 0 can take 0 (score 5) alone, or 0 and 1 (5 + 0): same total, more mentees served.
        let edges = [edge(0, 0, 5), edge(1, 0, 0)]
        let result = BulkMatching.optimalAssignment(referrals: 2, capacities: [2], edges: edges)
        #expect(BulkMatching.total(result) == 5)
        #expect(result.count == 2)
    }

    @Test func scoreZeroPairMayBeUsed() {
        let result = BulkMatching.optimalAssignment(referrals: 1, capacities: [1], edges: [edge(0, 0, 0)])
        #expect(result == [Assignment(referral: 0, mentor: 0, score: 0)])
    }

    @Test func sameInputSameOutput() {
        var rng = SplitMix64(seed: 0x5EED_0005)
        let (n, capacities, edges) = randomInstance(&rng, maxReferrals: 7, maxMentors: 4, maxCapacity: 3, maxScore: 2)
        let first = BulkMatching.optimalAssignment(referrals: n, capacities: capacities, edges: edges)
        for _ in 0..<5 {
            #expect(BulkMatching.optimalAssignment(referrals: n, capacities: capacities, edges: edges) == first)
        }
    }

    // MARK: - Edge cases

    @Test func noEdgesNoMentorsNoReferrals() {
        #expect(BulkMatching.optimalAssignment(referrals: 3, capacities: [1, 2], edges: []).isEmpty)
        #expect(BulkMatching.optimalAssignment(referrals: 3, capacities: [], edges: [edge(0, 0, 5)]).isEmpty)
        #expect(BulkMatching.optimalAssignment(referrals: 0, capacities: [1], edges: [edge(0, 0, 5)]).isEmpty)
        #expect(BulkMatching.optimalAssignment(referrals: -2, capacities: [1], edges: [edge(0, 0, 5)]).isEmpty)
    }

    @Test func zeroAndNegativeCapacitiesTakeNobody() {
        let edges = [edge(0, 0, 50), edge(0, 1, 10), edge(1, 0, 40), edge(1, 2, 5)]
        let result = BulkMatching.optimalAssignment(referrals: 2, capacities: [0, 1, -3], edges: edges)
        #expect(result == [Assignment(referral: 0, mentor: 1, score: 10)])
        #expect(BulkMatching.optimalAssignment(referrals: 2, capacities: [0, 0, 0], edges: edges).isEmpty)
    }

    @Test func duplicateEdgesKeepTheBestScore() {
        let edges = [edge(0, 0, 3), edge(0, 0, 9), edge(0, 0, 7), edge(1, 0, 8)]
        let result = BulkMatching.optimalAssignment(referrals: 2, capacities: [1], edges: edges)
        #expect(result == [Assignment(referral: 0, mentor: 0, score: 9)])
        for side in [BulkMatching.Side.mentors, .referrals] {
            let run = BulkMatching.solve(referrals: 2, capacities: [1], edges: edges, keep: { _ in 1 }, side: side)
            #expect(run.assignments == [Assignment(referral: 0, mentor: 0, score: 9)])
        }
    }

    @Test func outOfRangeIndicesAndNegativeScoresAreIgnored() {
        let edges = [edge(-1, 0, 100), edge(2, 0, 100), edge(0, -1, 100), edge(0, 2, 100),
                     edge(1, 0, -5), edge(0, 1, 4), edge(1, 1, 3)]
        let result = BulkMatching.optimalAssignment(referrals: 2, capacities: [1, 2], edges: edges)
        #expect(result == [Assignment(referral: 0, mentor: 1, score: 4), Assignment(referral: 1, mentor: 1, score: 3)])
    }

    @Test func hugeCapacityIsHarmless() {
        let edges = [edge(0, 0, 5), edge(1, 0, 6), edge(2, 1, 7)]
        let result = BulkMatching.optimalAssignment(referrals: 3, capacities: [Int.max, Int.max], edges: edges)
        #expect(BulkMatching.total(result) == 18)
        #expect(result.count == 3)
    }

    @Test func moreReferralsThanPlacesAndTheOtherWayRound() {
        // 1 place, 3 referrals: the best referral gets it.
        let few = BulkMatching.optimalAssignment(referrals: 3, capacities: [1], edges: [edge(0, 0, 1), edge(1, 0, 7), edge(2, 0, 4)])
        #expect(few == [Assignment(referral: 1, mentor: 0, score: 7)])
        // 6 places, 2 referrals: routed from the referral side. 0–0 (2) + 1–1 (9) beats 0–1 (8) + 1–2 (1).
        let edges = [edge(0, 0, 2), edge(0, 1, 8), edge(1, 1, 9), edge(1, 2, 1)]
        let run = BulkMatching.solve(referrals: 2, capacities: [3, 1, 2], edges: edges)
        #expect(run.side == .referrals)
        #expect(run.assignments == [Assignment(referral: 0, mentor: 0, score: 2), Assignment(referral: 1, mentor: 1, score: 9)])
    }

    // MARK: - Benchmark instance format

    @Test func instanceTextRoundTrip() {
        let text = """
        waymark-matching 1
        3 2 4
        1 2
        2 0 40 0 35
        1 1 90
        1 0 10

        """
        let instance = MatchingInstance.parse(text)
        #expect(instance.referrals == 3)
        #expect(instance.capacities == [1, 2])
        #expect(instance.edges == [edge(0, 0, 40), edge(0, 1, 35), edge(1, 1, 90), edge(2, 0, 10)])
        // Mentor 1 (capacity 2) takes referrals 0 and 1 (35 + 90), mentor 0 takes referral 2 (10).
        let run = MatchingInstance.benchmark(text: text)
        #expect(run.total == 135)
        #expect(run.assignments == 3)
        #expect(MatchingInstance.benchmarkReport(text: text).hasPrefix("waymark total=135 assignments=3 "))
    }

    @Test func problemsFindsInvalidAssignments() {
        let edges = [edge(0, 0, 5), edge(1, 0, 6)]
        func problems(_ a: [Assignment]) -> String? {
            MatchingInstance.problems(referrals: 2, capacities: [1], edges: edges, assignments: a)
        }
        #expect(problems([Assignment(referral: 0, mentor: 0, score: 5)]) == nil)
        #expect(problems([Assignment(referral: 0, mentor: 0, score: 5), Assignment(referral: 1, mentor: 0, score: 6)]) != nil)
        #expect(problems([Assignment(referral: 0, mentor: 0, score: 6)]) != nil)
        #expect(problems([Assignment(referral: 1, mentor: 1, score: 6)]) != nil)
    }

    // MARK: - Helpers

    private func edge(_ referral: Int, _ mentor: Int, _ score: Int) -> MatchingEdge {
        MatchingEdge(referral: referral, mentor: mentor, score: score)
    }

    private func randomInstance(_ rng: inout SplitMix64, maxReferrals: Int, maxMentors: Int, maxCapacity: Int, maxScore: Int)
        -> (Int, [Int], [MatchingEdge]) {
        let n = 1 + Int(rng.next() % UInt64(maxReferrals))
        let m = 1 + Int(rng.next() % UInt64(maxMentors))
        let capacities = (0..<m).map { _ in Int(rng.next() % UInt64(maxCapacity + 1)) }
        var edges: [MatchingEdge] = []
        for r in 0..<n {
            for j in 0..<m where rng.next() % 10 >= 3 {   // about 30% of pairs forbidden
                edges.append(edge(r, j, Int(rng.next() % UInt64(maxScore + 1))))
            }
        }
        // Shuffle so that nothing depends on the input order.
        for i in stride(from: edges.count - 1, to: 0, by: -1) {
            edges.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        return (n, capacities, edges)
    }

    /// Every assignment that respects the constraints, by depth-first enumeration: the best total.
    private func bruteForceBest(referrals: Int, capacities: [Int], edges: [MatchingEdge]) -> Int {
        var score = [[Int?]](repeating: [Int?](repeating: nil, count: capacities.count), count: referrals)
        for e in edges where e.score >= 0 {
            score[e.referral][e.mentor] = max(score[e.referral][e.mentor] ?? e.score, e.score)
        }
        var left = capacities
        func best(_ r: Int) -> Int {
            guard r < referrals else { return 0 }
            var result = best(r + 1)                                    // r stays unmatched
            for j in capacities.indices where left[j] > 0 {
                guard let s = score[r][j] else { continue }
                left[j] -= 1
                result = max(result, s + best(r + 1))
                left[j] += 1
            }
            return result
        }
        return best(0)
    }

    /// A textbook min-cost flow, independent of the solver: source → referral (1) → mentor (cost
    /// -score) → sink (capacity), Bellman–Ford shortest paths, augmenting while a path has negative
    /// cost. Slow and simple.
    private func referenceMinCostFlowBest(referrals n: Int, capacities: [Int], edges: [MatchingEdge]) -> Int {
        let m = capacities.count
        let source = n + m, sink = n + m + 1, nodes = n + m + 2
        var to: [Int] = [], cap: [Int] = [], cost: [Int] = [], out = [[Int]](repeating: [], count: nodes)
        func add(_ a: Int, _ b: Int, _ c: Int, _ w: Int) {
            out[a].append(to.count); to.append(b); cap.append(c); cost.append(w)
            out[b].append(to.count); to.append(a); cap.append(0); cost.append(-w)
        }
        for r in 0..<n { add(source, r, 1, 0) }
        for e in edges { add(e.referral, n + e.mentor, 1, -e.score) }
        for j in 0..<m { add(n + j, sink, max(0, capacities[j]), 0) }
        var total = 0
        while true {
            var dist = [Int](repeating: Int.max, count: nodes), via = [Int](repeating: -1, count: nodes)
            dist[source] = 0
            var changed = true
            while changed {
                changed = false
                for a in 0..<nodes where dist[a] != Int.max {
                    for arc in out[a] where cap[arc] > 0 && dist[a] + cost[arc] < dist[to[arc]] {
                        dist[to[arc]] = dist[a] + cost[arc]
                        via[to[arc]] = arc
                        changed = true
                    }
                }
            }
            guard dist[sink] < 0 else { return total }
            var node = sink
            while node != source {
                let arc = via[node]
                cap[arc] -= 1
                cap[arc ^ 1] += 1
                node = to[arc ^ 1]
            }
            total -= dist[sink]
        }
    }

    private func expectValid(_ result: [Assignment], referrals: Int, capacities: [Int], edges: [MatchingEdge],
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let problem = MatchingInstance.problems(referrals: referrals, capacities: capacities, edges: edges, assignments: result)
        #expect(problem == nil, sourceLocation: sourceLocation)
        #expect(result.map(\.referral) == result.map(\.referral).sorted(), "sorted by referral", sourceLocation: sourceLocation)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so every run tests the same instances.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
