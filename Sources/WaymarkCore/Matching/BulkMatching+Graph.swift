/// The candidate pairs of bulk matching, laid out for the solver.
extension BulkMatching {
    /// Each source's candidate pairs, best score first, duplicates removed: the pairs of source s
    /// are at `start[s]..<start[s + 1]`, target `target[p]`, score `score[p]` (stored in the
    /// narrowest type that holds the largest score; weights are scaled on the fly).
    final class Graph<S: FixedWidthInteger> {
        let start: UnsafeMutableBufferPointer<Int>
        let target: UnsafeMutableBufferPointer<Int32>
        let score: UnsafeMutableBufferPointer<S>

        init(sources: Int, pairs: Int) {
            start = .allocate(capacity: sources + 1)
            start.initialize(repeating: 0)
            target = .allocate(capacity: max(1, pairs))
            score = .allocate(capacity: max(1, pairs))
        }

        deinit {
            start.deallocate()
            target.deallocate()
            score.deallocate()
        }
    }

    /// Pass 2: gathers the pairs of each source s whose score bucket is >= cut[s] (kept[s] of
    /// them), then sorts each list by score and removes repeated targets.
    static func buildGraph<S: FixedWidthInteger>(
        layout: Layout, edges: [MatchingEdge], buckets: Int, cut: [Int], kept: [Int], weights: Weights, storage: S.Type
    ) -> Graph<S> {
        let sources = layout.sources
        var fill = [Int](repeating: 0, count: sources + 1)
        for s in 0..<sources { fill[s + 1] = fill[s] + kept[s] }
        let listStart = fill
        let graph = Graph<S>(sources: sources, pairs: fill[sources])
        let start = graph.start, target = graph.target, score = graph.score
        let n = layout.referrals, m = layout.units.count, clamp = weights.clamp
        fill.withUnsafeMutableBufferPointer { fill in
            layout.units.withUnsafeBufferPointer { units in
                cut.withUnsafeBufferPointer { cut in
                    if layout.side == .mentors {
                        for e in edges {
                            let j = e.mentor, r = e.referral, s = e.score
                            guard r >= 0 && r < n && j >= 0 && j < m && s >= 0 && units[j] > 0
                                && min(s, buckets &- 1) >= cut[j] else { continue }
                            let p = fill[j]
                            target.initializeElement(at: p, to: Int32(truncatingIfNeeded: r))
                            score.initializeElement(at: p, to: S(truncatingIfNeeded: min(s, clamp)))
                            fill[j] = p + 1
                        }
                    } else {
                        layout.slotStart.withUnsafeBufferPointer { slotStart in
                            for e in edges {
                                let j = e.mentor, r = e.referral, s = e.score
                                guard r >= 0 && r < n && j >= 0 && j < m && s >= 0 && units[j] > 0
                                    && min(s, buckets &- 1) >= cut[r] else { continue }
                                var p = fill[r]
                                for t in slotStart[j]..<slotStart[j + 1] {
                                    target.initializeElement(at: p, to: Int32(truncatingIfNeeded: t))
                                    score.initializeElement(at: p, to: S(truncatingIfNeeded: min(s, clamp)))
                                    p += 1
                                }
                                fill[r] = p
                            }
                        }
                    }
                }
            }
        }

        // Per source, in place: order by score, best first (a counting sort when the score range is
        // small, otherwise a comparison sort), and drop repeated targets (the first copy has the
        // best score). Kept pairs are compacted towards the front, so `start` may move down.
        let maxKept = kept.max() ?? 0
        let tmpTarget = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, maxKept))
        let tmpScore = UnsafeMutableBufferPointer<S>.allocate(capacity: max(1, maxKept))
        let seen = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, layout.targets))
        seen.initialize(repeating: -1)
        defer { tmpTarget.deallocate(); tmpScore.deallocate(); seen.deallocate() }
        var histogram = [Int]()
        var order = [Int]()
        var out = 0
        for source in 0..<sources {
            start[source] = out
            let lo = listStart[source], hi = listStart[source + 1], count = hi - lo
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
                        tmpTarget[q] = target[p]
                        tmpScore[q] = score[p]
                        h[bucket] = q + 1
                    }
                }
            } else {
                order.removeAll(keepingCapacity: true)
                order.append(contentsOf: lo..<hi)
                order.sort { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
                for (q, p) in order.enumerated() {
                    tmpTarget[q] = target[p]
                    tmpScore[q] = score[p]
                }
            }
            let stamp = Int32(truncatingIfNeeded: source)
            for q in 0..<count {
                let t = Int(tmpTarget[q])
                if seen[t] == stamp { continue }
                seen[t] = stamp
                target[out] = tmpTarget[q]
                score[out] = tmpScore[q]
                out += 1
            }
        }
        start[sources] = out
        return graph
    }
}
