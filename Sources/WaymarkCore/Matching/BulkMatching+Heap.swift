/// The priority queue the solver's shortest-path search runs on.
extension BulkMatching {
    /// A binary min-heap of (distance, source), lazy deletion.
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
