/// The exact solver of bulk matching: successive shortest paths with potentials.
extension BulkMatching {
    /// The working state of successive shortest paths; raw buffers so the hot loops carry no
    /// bounds checks or reference counting. Valid only while its graph is alive.
    struct SSP<S: FixedWidthInteger> {
        let start: UnsafeMutableBufferPointer<Int>
        let target: UnsafeMutableBufferPointer<Int32>
        let score: UnsafeMutableBufferPointer<S>
        let weights: Weights
        /// The source a target is matched with (-1: free) and that pair's weight.
        let mate: UnsafeMutableBufferPointer<Int32>
        let mateWeight: UnsafeMutableBufferPointer<Int>
        /// Source price u_s and target price v_t (see the notes above).
        let u: UnsafeMutableBufferPointer<Int>
        let v: UnsafeMutableBufferPointer<Int>
        /// Per source: the first position in its list that may hold a free target.
        let firstFree: UnsafeMutableBufferPointer<Int>
        // Dijkstra scratch, reset by stamping instead of clearing.
        let sourceDist: UnsafeMutableBufferPointer<Int>
        let sourceSeen: UnsafeMutableBufferPointer<Int>
        let sourceDone: UnsafeMutableBufferPointer<Int>
        let sourceVia: UnsafeMutableBufferPointer<Int32>     // target the source would hand on
        let targetDist: UnsafeMutableBufferPointer<Int>
        let targetSeen: UnsafeMutableBufferPointer<Int>
        let targetBy: UnsafeMutableBufferPointer<Int32>      // source that would take the target
        let targetByWeight: UnsafeMutableBufferPointer<Int>
        let settled: UnsafeMutableBufferPointer<Int32>
        let touched: UnsafeMutableBufferPointer<Int32>
        var heap = MinHeap()
        var stamp = 0

        init(sources: Int, targets: Int, graph: Graph<S>, weights: Weights) {
            start = graph.start
            target = graph.target
            score = graph.score
            self.weights = weights
            func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
                let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, count))
                b.initialize(repeating: value)
                return b
            }
            mate = buffer(targets, -1)
            mateWeight = buffer(targets, 0)
            u = buffer(sources, 0)
            for s in 0..<sources where start[s] < start[s + 1] { u[s] = weights.weight(Int(score[start[s]])) }
            v = buffer(targets, 0)
            firstFree = buffer(sources, 0)
            for s in 0..<sources { firstFree[s] = start[s] }
            sourceDist = buffer(sources, 0)
            sourceSeen = buffer(sources, 0)
            sourceDone = buffer(sources, 0)
            sourceVia = buffer(sources, -1)
            targetDist = buffer(targets, 0)
            targetSeen = buffer(targets, 0)
            targetBy = buffer(targets, -1)
            targetByWeight = buffer(targets, 0)
            settled = buffer(sources, -1)
            touched = buffer(targets, -1)
        }

        func deallocate() {
            for b in [mateWeight, u, v, firstFree, sourceDist, sourceSeen, sourceDone, targetDist, targetSeen, targetByWeight] {
                b.deallocate()
            }
            for b in [mate, sourceVia, targetBy, settled, touched] { b.deallocate() }
        }

        @inline(__always)
        func weight(_ p: Int) -> Int { weights.weight(Int(score[p])) }

        /// Advances source s's cursor past targets that are matched (they stay matched).
        @inline(__always)
        func advanceFirstFree(_ s: Int) -> Int {
            var f = firstFree[s]
            let end = start[s + 1]
            while f < end && mate[Int(target[f])] >= 0 { f += 1 }
            firstFree[s] = f
            return f
        }

        /// Routes one unit of `source` along a shortest residual path.
        mutating func route(from source: Int) {
            // Fast path: the best free target has zero reduced cost (u_s - w = 0): nothing is cheaper.
            let f0 = advanceFirstFree(source)
            if f0 < start[source + 1] && weight(f0) == u[source] {
                let t = Int(target[f0])
                mate[t] = Int32(truncatingIfNeeded: source)
                mateWeight[t] = weight(f0)
                return
            }
            if u[source] == 0 { return } // leaving the unit unmatched costs nothing: nothing can beat it

            stamp += 1
            let stamp = self.stamp
            var settledCount = 0, touchedCount = 0
            var best = Int.max            // D: the cheapest route to the sink found so far
            var endSource = -1, endTarget = -1, endWeight = 0
            sourceSeen[source] = stamp
            sourceDist[source] = 0
            heap.push(0, Int32(truncatingIfNeeded: source))

            while let (d, node) = heap.popMin() {
                if d >= best { break }
                let a = Int(node)
                if sourceDone[a] == stamp { continue }
                sourceDone[a] = stamp
                settled[settledCount] = node
                settledCount += 1
                let ua = u[a]
                // Leave one of a's units unmatched.
                if d + ua < best { best = d + ua; endSource = a; endTarget = -1 }
                // Take a's best free target (v = 0 for free targets).
                let f = advanceFirstFree(a)
                if f < start[a + 1] {
                    let c = d + ua - weight(f)
                    if c < best { best = c; endSource = a; endTarget = Int(target[f]); endWeight = weight(f) }
                }
                // Take a matched target from its source b, who then has to route a unit on.
                var p = start[a]
                while p < f {
                    let w = weight(p)
                    let bound = d + ua - w
                    if bound >= best { break }
                    let t = Int(target[p])
                    p += 1
                    let b = Int(mate[t])
                    if b == a { continue }
                    let dt = bound + v[t]
                    if dt >= best { continue }
                    if targetSeen[t] == stamp {
                        if targetDist[t] <= dt { continue }
                    } else {
                        targetSeen[t] = stamp
                        touched[touchedCount] = Int32(truncatingIfNeeded: t)
                        touchedCount += 1
                    }
                    targetDist[t] = dt
                    targetBy[t] = Int32(truncatingIfNeeded: a)
                    targetByWeight[t] = w
                    if sourceDone[b] == stamp { continue }
                    let db = dt + (mateWeight[t] - u[b] - v[t])
                    if db >= best { continue }
                    if sourceSeen[b] != stamp || db < sourceDist[b] {
                        sourceSeen[b] = stamp
                        sourceDist[b] = db
                        sourceVia[b] = Int32(truncatingIfNeeded: t)
                        heap.push(db, Int32(truncatingIfNeeded: b))
                    }
                }
            }
            heap.removeAll()

            // Push the unit along the path, from its end back to the source.
            if endTarget >= 0 {
                mate[endTarget] = Int32(truncatingIfNeeded: endSource)
                mateWeight[endTarget] = endWeight
            }
            var a = endSource
            while a != source {
                let t = Int(sourceVia[a])
                let b = Int(targetBy[t])
                mate[t] = Int32(truncatingIfNeeded: b)
                mateWeight[t] = targetByWeight[t]
                a = b
            }

            // Potentials: π += min(d, D), i.e. u_s -= D - d_s and v_t += D - d_t for settled nodes.
            for i in 0..<settledCount {
                let s = Int(settled[i])
                u[s] -= best - sourceDist[s]
            }
            for i in 0..<touchedCount {
                let t = Int(touched[i])
                let dt = targetDist[t]
                if dt < best { v[t] += best - dt }
            }
        }
    }
}
