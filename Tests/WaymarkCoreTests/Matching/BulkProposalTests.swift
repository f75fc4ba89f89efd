import Foundation
import Testing
@testable import WaymarkCore

@Suite("Bulk proposal")
struct BulkProposalTests {
    typealias F = PairFixture

    /// The best total by trying every assignment: each referral unmatched or with any unblocked mentor
    /// that still has room. Scores come from the matching rule itself, as the proposal's do.
    static func bruteForceBest(referrals: [ReferralFacts], mentors: [MentorFacts], today: CalendarDate) -> Int {
        let scores: [[Int?]] = referrals.map { r in
            mentors.map { m in MatchScoring.blockers(r, m).isEmpty ? MatchScoring.score(r, m, today: today).total : nil }
        }
        var room = mentors.map(\.capacityLeft)
        func best(_ i: Int) -> Int {
            guard i < referrals.count else { return 0 }
            var top = best(i + 1)
            for j in mentors.indices {
                guard let s = scores[i][j], room[j] > 0 else { continue }
                room[j] -= 1
                top = max(top, s + best(i + 1))
                room[j] += 1
            }
            return top
        }
        return best(0)
    }

    /// Checks what must hold of any proposal, and returns its total.
    @discardableResult
    static func checkValid(_ pairs: [BulkProposal.Pair], referrals: [ReferralFacts], mentors: [MentorFacts], today: CalendarDate,
                           sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        #expect(pairs.map { [$0.referral, $0.mentor] }.lexicographicallyPrecedesSorted, "pairs are sorted by referral, then mentor",
                sourceLocation: sourceLocation)
        #expect(Set(pairs.map(\.referral)).count == pairs.count, "a referral is proposed at most once", sourceLocation: sourceLocation)
        for (j, mentor) in mentors.enumerated() {
            let used = pairs.filter { $0.mentor == j }.count
            #expect(used <= mentor.capacityLeft, "mentor \(j) given \(used) with \(mentor.capacityLeft) left", sourceLocation: sourceLocation)
        }
        for pair in pairs {
            guard referrals.indices.contains(pair.referral), mentors.indices.contains(pair.mentor) else {
                Issue.record("pair \(pair) out of range", sourceLocation: sourceLocation)
                continue
            }
            let r = referrals[pair.referral], m = mentors[pair.mentor]
            #expect(MatchScoring.blockers(r, m).isEmpty, "blocked pair \(pair.referral)-\(pair.mentor) proposed", sourceLocation: sourceLocation)
            #expect(pair.score == MatchScoring.score(r, m, today: today).total, "pair score is the rule's score", sourceLocation: sourceLocation)
        }
        return pairs.reduce(0) { $0 + $1.score }
    }

    // MARK: Hand-made cases

    @Test("Nothing to match: no pairs")
    func empty() {
        #expect(BulkProposal.propose(referrals: [], mentors: [F.mentor()], today: Fixture.today).isEmpty)
        #expect(BulkProposal.propose(referrals: [F.referral()], mentors: [], today: Fixture.today).isEmpty)
    }

    @Test("It beats greedy: the best pair is given up when that lets two people be matched")
    func beatsGreedy() {
        // Referral 0 scores best with mentor 0 (shared experience); referral 1 wants a woman, and only mentor 0 is one.
        let referrals = [F.referral(id: "r0", needs: [.accommodation]), F.referral(id: "r1", needs: [.finance], gender: .female)]
        let mentors = [F.mentor(id: "m0", capacity: 1, gender: .female, lived: [.homelessness]),
                       F.mentor(id: "m1", capacity: 1, gender: .male)]
        let pairs = BulkProposal.propose(referrals: referrals, mentors: mentors, today: Fixture.today)
        #expect(pairs.map { [$0.referral, $0.mentor] } == [[0, 1], [1, 0]])
        #expect(Self.checkValid(pairs, referrals: referrals, mentors: mentors, today: Fixture.today) == 35 + 35)
        #expect(Self.bruteForceBest(referrals: referrals, mentors: mentors, today: Fixture.today) == 70)
    }

    @Test("Capacity left (capacity minus active matches) limits how many a mentor is given")
    func capacityLeft() {
        let referrals = (0..<4).map { F.referral(id: "r\($0)", personID: "p\($0)") }
        let mentors = [F.mentor(id: "m0", capacity: 3, active: 2)]
        let pairs = BulkProposal.propose(referrals: referrals, mentors: mentors, today: Fixture.today)
        #expect(pairs.count == 1)
        Self.checkValid(pairs, referrals: referrals, mentors: mentors, today: Fixture.today)
    }

    @Test("A mentor with room for several takes several")
    func severalEach() {
        let referrals = (0..<5).map { F.referral(id: "r\($0)", personID: "p\($0)") }
        let mentors = [F.mentor(id: "m0", capacity: 3), F.mentor(id: "m1", capacity: 4, active: 3)]
        let pairs = BulkProposal.propose(referrals: referrals, mentors: mentors, today: Fixture.today)
        #expect(pairs.count == 4)
        #expect(pairs.filter { $0.mentor == 0 }.count == 3)
        #expect(pairs.filter { $0.mentor == 1 }.count == 1)
        #expect(Self.checkValid(pairs, referrals: referrals, mentors: mentors, today: Fixture.today)
            == Self.bruteForceBest(referrals: referrals, mentors: mentors, today: Fixture.today))
    }

    @Test("A blocked pair is never proposed, however well it would score", arguments: [
        PairFixture.mentor(id: "m", state: .suspended, lived: [.homelessness]),
        PairFixture.mentor(id: "m", accredited: false, lived: [.homelessness]),
        PairFixture.mentor(id: "m", capacity: 1, active: 1, lived: [.homelessness]),
        PairFixture.mentor(id: "m", areaID: "area-elsewhere", lived: [.homelessness]),
        PairFixture.mentor(id: "m", personID: "person-mentee", lived: [.homelessness]),
        PairFixture.mentor(id: "m", crn: CRN("V999999"), lived: [.homelessness]),
        PairFixture.mentor(id: "m", gender: .male, lived: [.homelessness]),
    ])
    func blockedNeverProposed(blocked: MentorFacts) {
        let r = F.referral(personID: "person-mentee", gender: .female, exclusions: [Exclusion(crn: CRN("V999999")!, kind: .victim)])
        let fallback = F.mentor(id: "f", units: [])
        #expect(BulkProposal.propose(referrals: [r], mentors: [blocked], today: Fixture.today).isEmpty)
        let pairs = BulkProposal.propose(referrals: [r], mentors: [blocked, fallback], today: Fixture.today)
        #expect(pairs.map { [$0.referral, $0.mentor] } == [[0, 1]])
    }

    @Test("A high-risk mentee is only proposed with a cleared mentor once approved")
    func highRisk() {
        let mentors = [F.mentor(id: "plain", lived: [.homelessness]), F.mentor(id: "cleared", units: [], cleared: true)]
        let unapproved = F.referral(rosh: .veryHigh, approved: false)
        #expect(BulkProposal.propose(referrals: [unapproved], mentors: mentors, today: Fixture.today).isEmpty)
        let approved = F.referral(rosh: .veryHigh, approved: true)
        #expect(BulkProposal.propose(referrals: [approved], mentors: mentors, today: Fixture.today).map(\.mentor) == [1])
    }

    // MARK: Against brute force

    /// A small deterministic generator, so every run checks the same instances.
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
        mutating func some<T>(_ all: [T], max: Int) -> [T] {
            let k = next(max + 1)
            return (0..<k).map { _ in all[next(all.count)] }
        }
    }

    static func instance(seed: UInt64) -> (referrals: [ReferralFacts], mentors: [MentorFacts]) {
        var g = Generator(state: seed &* 2654435761 &+ 1)
        let units = ["du-a", "du-b", "du-c"]
        let slots = Array(AvailabilitySlot.all.prefix(5))
        let mentorCount = 1 + g.next(3)
        let mentors: [MentorFacts] = (0..<mentorCount).map { j in
            let capacity = g.next(3)
            return F.mentor(id: "m\(j)", personID: "mentor-\(j)", crn: CRN("M10000\(j)"), state: g.chance(90) ? .active : .paused,
                            accredited: g.chance(90), capacity: capacity, active: capacity > 0 && g.chance(30) ? 1 : 0,
                            areaID: g.chance(90) ? F.area : "area-other", units: Array(Set(g.some(units, max: 2))).sorted(),
                            languages: g.chance(70) ? ["English"] : ["polish"], gender: [Gender.female, .male, .nonBinary][g.next(3)],
                            lived: g.some(LivedExperience.allCases, max: 3), availability: g.some(slots, max: 3), cleared: g.chance(40))
        }
        let referralCount = 1 + g.next(5)
        let referrals: [ReferralFacts] = (0..<referralCount).map { i in
            let excluded = g.chance(20) ? [Exclusion(crn: CRN("M10000\(g.next(mentorCount))")!, kind: .knownAssociate)] : []
            return F.referral(id: "r\(i)", personID: "mentee-\(i)", unitID: units[g.next(units.count)],
                              needs: Array(Set(g.some(Need.allCases, max: 3))).sorted { $0.rawValue < $1.rawValue },
                              gender: GenderPreference.allCases[g.next(3)], languages: g.chance(80) ? ["English"] : ["Polish"],
                              availability: Array(Set(g.some(slots, max: 3))).sorted(), exclusions: excluded,
                              rosh: [RoSH.low, .medium, .high, .veryHigh][g.next(4)], mappa: g.chance(10), approved: g.chance(50),
                              referredOn: Fixture.today.adding(days: -g.next(100)))
        }
        return (referrals, mentors)
    }

    @Test("On small instances the proposal's total is the brute-force best, and the proposal is valid", arguments: 0..<200)
    func matchesBruteForce(seed: Int) {
        let (referrals, mentors) = Self.instance(seed: UInt64(seed))
        let pairs = BulkProposal.propose(referrals: referrals, mentors: mentors, today: Fixture.today)
        let total = Self.checkValid(pairs, referrals: referrals, mentors: mentors, today: Fixture.today)
        #expect(total == Self.bruteForceBest(referrals: referrals, mentors: mentors, today: Fixture.today),
                "seed \(seed): \(referrals.count) referrals, \(mentors.count) mentors")
    }

    @Test("The generated instances are not trivial: some have blocked pairs and some full mentors")
    func instancesAreInteresting() {
        var blocked = 0, contested = 0, matched = 0
        for seed in 0..<200 {
            let (referrals, mentors) = Self.instance(seed: UInt64(seed))
            blocked += referrals.flatMap { r in mentors.map { MatchScoring.blockers(r, $0) } }.filter { !$0.isEmpty }.count
            if referrals.count > mentors.map(\.capacityLeft).reduce(0, +) { contested += 1 }
            if !BulkProposal.propose(referrals: referrals, mentors: mentors, today: Fixture.today).isEmpty { matched += 1 }
        }
        #expect(blocked > 50)
        #expect(contested > 20)
        #expect(matched > 20)
    }
}

private extension Array where Element == [Int] {
    /// True when the rows are in non-decreasing lexicographic order.
    var lexicographicallyPrecedesSorted: Bool {
        zip(self, dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) }
    }
}
