/// A proposal for a whole waiting list: every allowed pair scored by the matching rule, then
/// the exact optimum under mentor capacities (BulkMatching), never a greedy pass.
public enum BulkProposal {
    public struct Pair: Sendable, Equatable {
        /// Indexes into the referrals and mentors given.
        public let referral: Int
        public let mentor: Int
        public let score: Int
    }

    public static func propose(referrals: [ReferralFacts], mentors: [MentorFacts], today: CalendarDate) -> [Pair] {
        var edges: [MatchingEdge] = []
        for (r, referral) in referrals.enumerated() {
            for (m, mentor) in mentors.enumerated() where MatchScoring.blockers(referral, mentor).isEmpty {
                edges.append(MatchingEdge(referral: r, mentor: m, score: MatchScoring.score(referral, mentor, today: today).total))
            }
        }
        return BulkMatching.optimalAssignment(referrals: referrals.count, capacities: mentors.map(\.capacityLeft), edges: edges)
            .map { Pair(referral: $0.referral, mentor: $0.mentor, score: $0.score) }
            .sorted { ($0.referral, $0.mentor) < ($1.referral, $1.mentor) }
    }
}
