import Foundation

/// A bulk-matching benchmark instance in the text format written by
/// `Benchmarks/matching/generate.py` and read by `Benchmarks/matching/ortools_solve.py`:
///
/// ```
/// waymark-matching 1
/// R M E                  referrals, mentors, allowed pairs
/// c_0 c_1 ... c_{M-1}    mentor capacities
/// k g_1 s_1 ... g_k s_k  one line per referral: k allowed mentors in increasing order,
///                        mentor_i = mentor_{i-1} + 1 + g_i (mentor_0 = -1), s_i the pair's score
/// ```
///
/// All numbers are non-negative decimal integers separated by spaces or newlines.
public enum MatchingInstance {
    /// Reads an instance. A malformed or truncated file yields what could be read up to that point
    /// (use `E`, the declared count, to notice: `edges.count` is then smaller).
    public static func parse(_ text: String) -> (referrals: Int, capacities: [Int], edges: [MatchingEdge]) {
        var text = text
        return text.withUTF8 { bytes -> (referrals: Int, capacities: [Int], edges: [MatchingEdge]) in
            var reader = NumberReader(bytes: bytes)
            // Skip the "waymark-matching 1" line (its version number is not data).
            if bytes.starts(with: "waymark-matching".utf8) {
                while reader.position < bytes.count && bytes[reader.position] != UInt8(ascii: "\n") { reader.position += 1 }
            }
            guard let referrals = reader.next(), let mentors = reader.next(), let declared = reader.next() else {
                return (0, [], [])
            }
            var capacities: [Int] = []
            capacities.reserveCapacity(mentors)
            for _ in 0..<mentors {
                guard let c = reader.next() else { return (referrals, capacities, []) }
                capacities.append(c)
            }
            var edges: [MatchingEdge] = []
            edges.reserveCapacity(declared)
            for r in 0..<referrals {
                guard let k = reader.next() else { break }
                var mentor = -1
                for _ in 0..<k {
                    guard let gap = reader.next(), let score = reader.next() else { return (referrals, capacities, edges) }
                    mentor += 1 + gap
                    edges.append(MatchingEdge(referral: r, mentor: mentor, score: score))
                }
            }
            return (referrals, capacities, edges)
        }
    }

    /// Parses `text` and times `BulkMatching.optimalAssignment` on it with a `ContinuousClock`
    /// (solve only: building the graph from the pairs included, parsing not). The assignment is
    /// checked afterwards (outside the timing); an invalid one is a bug and stops the program.
    public static func benchmark(text: String) -> (total: Int, assignments: Int, seconds: Double) {
        let run = measure(text: text)
        return (run.total, run.assignments, run.solveSeconds)
    }

    /// One line for `waymark bench matching FILE`, in the same shape as `ortools_solve.py` prints:
    /// `waymark total=T assignments=A load_seconds=L solve_seconds=S` (load = parsing the text).
    public static func benchmarkReport(text: String) -> String {
        let run = measure(text: text)
        return "waymark total=\(run.total) assignments=\(run.assignments) "
            + "load_seconds=\(format(run.parseSeconds)) solve_seconds=\(format(run.solveSeconds))"
    }

    /// Why an assignment is not a valid answer for the instance, or nil when it is valid
    /// (each referral at most once, capacities respected, only allowed pairs, scores as given).
    public static func problems(referrals: Int, capacities: [Int], edges: [MatchingEdge], assignments: [Assignment]) -> String? {
        let m = capacities.count
        guard referrals >= 0 else { return "negative number of referrals" }
        var mentorOf = [Int](repeating: -1, count: referrals)
        var reported = [Int](repeating: 0, count: referrals)
        var load = [Int](repeating: 0, count: m)
        for a in assignments {
            guard a.referral >= 0, a.referral < referrals, a.mentor >= 0, a.mentor < m else {
                return "pair \(a.referral)-\(a.mentor) is out of range"
            }
            guard mentorOf[a.referral] < 0 else { return "referral \(a.referral) is matched twice" }
            mentorOf[a.referral] = a.mentor
            reported[a.referral] = a.score
            load[a.mentor] += 1
            guard load[a.mentor] <= capacities[a.mentor] else { return "mentor \(a.mentor) is over capacity" }
        }
        var best = [Int](repeating: -1, count: referrals)   // best allowed score of the chosen pair
        for e in edges where e.referral >= 0 && e.referral < referrals && e.score >= 0 && mentorOf[e.referral] == e.mentor {
            best[e.referral] = max(best[e.referral], e.score)
        }
        for a in assignments {
            guard best[a.referral] >= 0 else { return "pair \(a.referral)-\(a.mentor) is not allowed" }
            guard best[a.referral] == a.score else {
                return "pair \(a.referral)-\(a.mentor) reported \(a.score), allowed score is \(best[a.referral])"
            }
        }
        return nil
    }

    struct Run {
        var total: Int
        var assignments: Int
        var parseSeconds: Double
        var solveSeconds: Double
    }

    static func measure(text: String) -> Run {
        let clock = ContinuousClock()
        var instance: (referrals: Int, capacities: [Int], edges: [MatchingEdge]) = (0, [], [])
        let parsing = clock.measure { instance = parse(text) }
        var result: [Assignment] = []
        let solving = clock.measure {
            result = BulkMatching.optimalAssignment(referrals: instance.referrals, capacities: instance.capacities, edges: instance.edges)
        }
        if let problem = problems(referrals: instance.referrals, capacities: instance.capacities, edges: instance.edges, assignments: result) {
            fatalError("BulkMatching returned an invalid assignment: \(problem)")
        }
        return Run(total: BulkMatching.total(result), assignments: result.count,
                   parseSeconds: seconds(parsing), solveSeconds: seconds(solving))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func format(_ s: Double) -> String {
        String(format: "%.3f", s)
    }

    /// Reads non-negative decimal integers separated by any non-digit bytes.
    struct NumberReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        @inline(__always)
        mutating func next() -> Int? {
            let count = bytes.count
            while position < count {
                let b = bytes[position]
                if b >= 48 && b <= 57 { break }
                position += 1
            }
            guard position < count else { return nil }
            var value = 0
            while position < count {
                let b = bytes[position]
                guard b >= 48 && b <= 57 else { break }
                value = value &* 10 &+ Int(b &- 48)
                position += 1
            }
            return value
        }
    }
}
