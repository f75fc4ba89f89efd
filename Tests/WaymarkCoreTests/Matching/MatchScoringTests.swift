import Foundation
import Testing
@testable import WaymarkCore

/// Mentor and referral facts for matching tests: a clean pair by default (no blockers), each test
/// changing only what it is about.
enum PairFixture {
    static let area: String = "area-essex"
    static let unit: String = "du-chelmsford"

    static func slot(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) -> AvailabilitySlot {
        guard let slot = AvailabilitySlot(code) else {
            Issue.record("Test fixture \(code) is not a slot", sourceLocation: sourceLocation)
            return AvailabilitySlot(day: .monday, part: .morning)
        }
        return slot
    }

    static func details(needs: [Need] = [.accommodation], gender: GenderPreference = .noPreference, languages: [String] = ["English"],
                        availability: [AvailabilitySlot] = [], exclusions: [Exclusion] = []) -> ReferralDetails {
        ReferralDetails(needs: needs, goals: ["Find somewhere to live"], genderPreference: gender, languages: languages,
                        availability: availability, accessibilityNeeds: nil, exclusions: exclusions)
    }

    static func referral(id: String = "ref-1", personID: String = "person-mentee", areaID: String = area, unitID: String = unit,
                         needs: [Need] = [.accommodation], gender: GenderPreference = .noPreference, languages: [String] = ["English"],
                         availability: [AvailabilitySlot] = [], exclusions: [Exclusion] = [], rosh: RoSH? = .low, mappa: Bool = false,
                         approved: Bool = false, referredOn: CalendarDate = Fixture.today) -> ReferralFacts {
        ReferralFacts(referralID: id, personID: personID, areaID: areaID, deliveryUnitID: unitID,
                      details: details(needs: needs, gender: gender, languages: languages, availability: availability, exclusions: exclusions),
                      rosh: rosh, mappa: mappa, highRiskApproved: approved, referredOn: referredOn)
    }

    static func mentor(id: String = "mentor-1", personID: String = "person-mentor", crn: CRN? = CRN("M100001"), state: MentorState = .active,
                       accredited: Bool = true, capacity: Int = 2, active: Int = 0, areaID: String = area, units: [String] = [unit],
                       languages: [String] = ["English"], gender: Gender = .female, lived: [LivedExperience] = [],
                       availability: [AvailabilitySlot] = [], cleared: Bool = false) -> MentorFacts {
        MentorFacts(mentorID: id, personID: personID, crn: crn, state: state, accredited: accredited, capacity: capacity, activeMatches: active,
                    areaID: areaID, deliveryUnitIDs: units, languages: languages, gender: gender, livedExperience: lived,
                    availability: availability, clearedForHighRisk: cleared)
    }

    static func part(_ name: String, _ r: ReferralFacts, _ m: MentorFacts, today: CalendarDate = Fixture.today,
                     sourceLocation: SourceLocation = #_sourceLocation) -> ScorePart? {
        let found = MatchScoring.score(r, m, today: today).parts.first { $0.name == name }
        if found == nil { Issue.record("No score part named \(name)", sourceLocation: sourceLocation) }
        return found
    }
}

@Suite("Match scoring: hard constraints")
struct MatchBlockerTests {
    typealias F = PairFixture

    @Test("A clean pair has no blockers")
    func cleanPair() {
        #expect(MatchScoring.blockers(F.referral(), F.mentor()).isEmpty)
    }

    @Test("Only an active mentor may be matched", arguments: MentorState.allCases)
    func mentorState(state: MentorState) {
        let blockers = MatchScoring.blockers(F.referral(), F.mentor(state: state))
        if state == .active {
            #expect(blockers.isEmpty)
        } else {
            #expect(blockers == ["Mentor is \(state.label.lowercased()), not active"])
        }
    }

    @Test("A mentor without a recorded accreditation may not be matched")
    func notAccredited() {
        #expect(MatchScoring.blockers(F.referral(), F.mentor(accredited: false)) == ["Mentor has no recorded accreditation"])
    }

    @Test("A mentor needs capacity left", arguments: [
        (2, 0, nil), (2, 1, nil), (1, 0, nil), (6, 5, nil),
        (2, 2, "Mentor has no capacity left (2 of 2)"),
        (1, 1, "Mentor has no capacity left (1 of 1)"),
        (0, 0, "Mentor has no capacity left (0 of 0)"),
        (2, 3, "Mentor has no capacity left (3 of 2)"),
    ] as [(Int, Int, String?)])
    func capacity(capacity: Int, active: Int, blocker: String?) {
        let blockers = MatchScoring.blockers(F.referral(), F.mentor(capacity: capacity, active: active))
        #expect(blockers == (blocker.map { [$0] } ?? []))
    }

    @Test("A mentor in another area may not be matched; another delivery unit in the same area may")
    func area() {
        #expect(MatchScoring.blockers(F.referral(), F.mentor(areaID: "area-dlnr")) == ["Mentor works in a different area"])
        #expect(MatchScoring.blockers(F.referral(unitID: "du-basildon"), F.mentor(units: ["du-colchester"])).isEmpty)
    }

    @Test("A person cannot mentor themself")
    func samePerson() {
        #expect(MatchScoring.blockers(F.referral(personID: "person-7"), F.mentor(personID: "person-7"))
            == ["A person cannot mentor themself"])
    }

    @Test("A mentor on the mentee's exclusion list (by CRN) may not be matched", arguments: [
        (ExclusionKind.coDefendant, "co-defendant"), (.victim, "victim"), (.knownAssociate, "known associate"),
    ])
    func excluded(kind: ExclusionKind, words: String) {
        let exclusions = [Exclusion(crn: CRN("A111111")!, kind: .victim), Exclusion(crn: CRN("M100001")!, kind: kind)]
        #expect(MatchScoring.blockers(F.referral(exclusions: exclusions), F.mentor(crn: CRN("M100001")))
            == ["On the mentee’s exclusion list (\(words))"])
    }

    @Test("An exclusion of someone else, or a mentor without a CRN, does not block")
    func notExcluded() {
        let exclusions = [Exclusion(crn: CRN("A111111")!, kind: .coDefendant)]
        #expect(MatchScoring.blockers(F.referral(exclusions: exclusions), F.mentor(crn: CRN("M100001"))).isEmpty)
        #expect(MatchScoring.blockers(F.referral(exclusions: exclusions), F.mentor(crn: nil)).isEmpty)
    }

    static let notCleared = "High-risk mentee: mentor is not cleared for high risk"
    static let notApproved = "High-risk mentee: a coordinator has not approved matching"

    @Test("High risk is RoSH high or very high, or any MAPPA", arguments: [
        (nil, false, false), (RoSH.low, false, false), (.medium, false, false), (.high, false, true), (.veryHigh, false, true),
        (nil, true, true), (.low, true, true), (.medium, true, true), (.veryHigh, true, true),
    ] as [(RoSH?, Bool, Bool)])
    func highRiskDefinition(rosh: RoSH?, mappa: Bool, high: Bool) {
        let r = F.referral(rosh: rosh, mappa: mappa)
        #expect(r.isHighRisk == high)
        // Neither clearance nor approval: a high-risk mentee is blocked on both counts, anyone else not at all.
        #expect(MatchScoring.blockers(r, F.mentor(cleared: false)) == (high ? [Self.notCleared, Self.notApproved] : []))
    }

    @Test("A high-risk mentee needs a cleared mentor AND coordinator approval; each missing one is reported", arguments: [
        (RoSH.high, false), (.veryHigh, false), (.low, true),
    ] as [(RoSH?, Bool)])
    func highRiskNeedsBoth(rosh: RoSH?, mappa: Bool) {
        func blockers(cleared: Bool, approved: Bool) -> [String] {
            MatchScoring.blockers(F.referral(rosh: rosh, mappa: mappa, approved: approved), F.mentor(cleared: cleared))
        }
        #expect(blockers(cleared: true, approved: true).isEmpty)
        #expect(blockers(cleared: true, approved: false) == [Self.notApproved])
        #expect(blockers(cleared: false, approved: true) == [Self.notCleared])
        #expect(blockers(cleared: false, approved: false) == [Self.notCleared, Self.notApproved])
    }

    @Test("A low-risk mentee needs neither clearance nor approval")
    func lowRiskNeedsNeither() {
        #expect(MatchScoring.blockers(F.referral(rosh: .medium, approved: false), F.mentor(cleared: false)).isEmpty)
    }

    @Test("A stated gender preference is respected", arguments: GenderPreference.allCases, Gender.allCases)
    func gender(preference: GenderPreference, gender: Gender) {
        let blockers = MatchScoring.blockers(F.referral(gender: preference), F.mentor(gender: gender))
        switch preference {
        case .noPreference: #expect(blockers.isEmpty)
        case .female: #expect(blockers == (gender == .female ? [] : ["Mentee asked for a woman"]))
        case .male: #expect(blockers == (gender == .male ? [] : ["Mentee asked for a man"]))
        }
    }

    @Test("Every broken constraint is listed, not just the first")
    func everyBlocker() {
        let r = F.referral(personID: "person-7", gender: .male, exclusions: [Exclusion(crn: CRN("M100001")!, kind: .coDefendant)],
                           rosh: .veryHigh, approved: false)
        let m = F.mentor(personID: "person-7", crn: CRN("M100001"), state: .paused, accredited: false, capacity: 1, active: 1,
                         areaID: "area-elsewhere", gender: .female, cleared: false)
        #expect(MatchScoring.blockers(r, m) == [
            "Mentor is paused, not active",
            "Mentor has no recorded accreditation",
            "Mentor has no capacity left (1 of 1)",
            "Mentor works in a different area",
            "A person cannot mentor themself",
            "On the mentee’s exclusion list (co-defendant)",
            Self.notCleared,
            Self.notApproved,
            "Mentee asked for a man",
        ])
    }
}

@Suite("Match scoring: the score")
struct MatchScoreTests {
    typealias F = PairFixture

    static let partNames = ["Lived experience", "Travel", "Language", "Availability", "Waiting time", "Mentor load"]

    @Test("The score has one part per design factor, in order, and the total is their sum")
    func partsAndTotal() {
        let score = MatchScoring.score(F.referral(), F.mentor(), today: Fixture.today)
        #expect(score.parts.map(\.name) == Self.partNames)
        #expect(score.total == score.parts.reduce(0) { $0 + $1.points })
        #expect(score.parts.allSatisfy { !$0.reason.isEmpty })
    }

    @Test("A worked example: every part's points and reason")
    func workedExample() {
        let r = F.referral(needs: [.accommodation, .finance, .wellbeing], languages: ["English", "Polish"],
                           availability: [F.slot("monday-morning"), F.slot("tuesday-evening"), F.slot("friday-afternoon")],
                           referredOn: Fixture.today.adding(days: -23))
        let m = F.mentor(capacity: 4, active: 1, languages: ["polish"], lived: [.homelessness, .debt],
                         availability: [F.slot("tuesday-evening"), F.slot("monday-morning"), F.slot("sunday-evening")])
        let score = MatchScoring.score(r, m, today: Fixture.today)
        #expect(score.parts == [
            ScorePart(name: "Lived experience", points: 40, reason: "Shares experience of accommodation and finance, benefits and debt"),
            ScorePart(name: "Travel", points: 20, reason: "Travels to the mentee’s delivery unit"),
            ScorePart(name: "Language", points: 10, reason: "Speaks Polish"),
            ScorePart(name: "Availability", points: 10, reason: "Both free Monday morning, Tuesday evening"),
            ScorePart(name: "Waiting time", points: 3, reason: "Waiting 3 weeks"),
            ScorePart(name: "Mentor load", points: 3, reason: "Supporting 1 of 4"),
        ])
        #expect(score.total == 86)
    }

    // MARK: Lived experience

    static let expectedExperience: [Need: [LivedExperience]] = [
        .accommodation: [.homelessness],
        .educationTrainingEmployment: [.unemployment],
        .substanceMisuse: [.substanceMisuseRecovery, .alcoholRecovery],
        .familyRelationships: [.familyBreakdown, .domesticAbuse],
        .finance: [.debt],
        .wellbeing: [.mentalHealth],
        .attitudes: [.custody, .careLeaver],
    ]

    @Test("Each need is matched by the experiences that speak to it, and every need has some")
    func experienceTable() {
        #expect(MatchScoring.experienceFor.mapValues { Set($0) } == Self.expectedExperience.mapValues { Set($0) })
        #expect(Set(MatchScoring.experienceFor.keys) == Set(Need.allCases))
        #expect(Set(MatchScoring.experienceFor.values.flatMap { $0 }) == Set(LivedExperience.allCases))
    }

    @Test("One shared need scores 20, named in the reason", arguments: [
        (Need.accommodation, LivedExperience.homelessness), (.educationTrainingEmployment, .unemployment),
        (.substanceMisuse, .substanceMisuseRecovery), (.substanceMisuse, .alcoholRecovery),
        (.familyRelationships, .familyBreakdown), (.familyRelationships, .domesticAbuse), (.finance, .debt),
        (.wellbeing, .mentalHealth), (.attitudes, .custody), (.attitudes, .careLeaver),
    ])
    func oneSharedNeed(need: Need, lived: LivedExperience) {
        let part = F.part("Lived experience", F.referral(needs: [need]), F.mentor(lived: [lived]))
        #expect(part?.points == 20)
        #expect(part?.reason == "Shares experience of \(need.label.lowercased())")
    }

    @Test("Experience that does not speak to the need scores nothing", arguments: Need.allCases)
    func unrelatedExperience(need: Need) {
        let others = LivedExperience.allCases.filter { !(Self.expectedExperience[need] ?? []).contains($0) }
        let part = F.part("Lived experience", F.referral(needs: [need]), F.mentor(lived: others))
        #expect(part?.points == 0)
        #expect(part?.reason == "No shared experience of the mentee’s needs")
    }

    @Test("A need counts once however many of its experiences the mentor has")
    func needCountsOnce() {
        let part = F.part("Lived experience", F.referral(needs: [.substanceMisuse]), F.mentor(lived: [.substanceMisuseRecovery, .alcoholRecovery]))
        #expect(part?.points == 20)
    }

    @Test("Lived experience is 20 per shared need, capped at 40", arguments: [
        ([], 0), ([LivedExperience.homelessness], 20), ([.homelessness, .debt], 40), ([.homelessness, .debt, .mentalHealth], 40),
        (LivedExperience.allCases, 40),
    ] as [([LivedExperience], Int)])
    func livedCap(lived: [LivedExperience], points: Int) {
        let r = F.referral(needs: [.accommodation, .finance, .wellbeing, .attitudes])
        #expect(F.part("Lived experience", r, F.mentor(lived: lived))?.points == points)
    }

    @Test("The reason lists every shared need in the mentee's order")
    func livedReasonOrder() {
        let r = F.referral(needs: [.wellbeing, .accommodation, .familyRelationships])
        let part = F.part("Lived experience", r, F.mentor(lived: [.homelessness, .mentalHealth, .domesticAbuse]))
        #expect(part?.reason == "Shares experience of health and wellbeing and accommodation and family and relationships")
        #expect(part?.points == 40)
    }

    // MARK: Travel

    @Test("Travel: 20 when the mentor travels to the mentee's delivery unit", arguments: [
        ([PairFixture.unit], 20), (["du-basildon", PairFixture.unit], 20), (["du-basildon"], 0), ([], 0),
    ] as [([String], Int)])
    func travel(units: [String], points: Int) {
        let part = F.part("Travel", F.referral(), F.mentor(units: units))
        #expect(part?.points == points)
        #expect(part?.reason == (points > 0 ? "Travels to the mentee’s delivery unit" : "Does not usually travel to the mentee’s delivery unit"))
    }

    // MARK: Language

    @Test("Language: 10 for any shared language, compared without case", arguments: [
        (["English"], ["English"], 10, "Speaks English"),
        (["Polish"], ["english", "POLISH"], 10, "Speaks Polish"),
        (["english"], ["ENGLISH"], 10, "Speaks english"),
        (["English", "Polish"], ["polish", "English"], 10, "Speaks English, Polish"),
        (["Polish"], ["English"], 0, "No shared language listed"),
        (["Polish"], [], 0, "No shared language listed"),
    ] as [([String], [String], Int, String)])
    func language(mentee: [String], mentor: [String], points: Int, reason: String) {
        let part = F.part("Language", F.referral(languages: mentee), F.mentor(languages: mentor))
        #expect(part?.points == points)
        #expect(part?.reason == reason)
    }

    // MARK: Availability

    @Test("Availability: 5 per shared slot, capped at 15", arguments: [
        ([], ["monday-morning"], 0, "Mentee gave no times"),
        (["monday-morning"], [], 0, "No times in common"),
        (["monday-morning"], ["monday-evening"], 0, "No times in common"),
        (["monday-morning"], ["monday-morning"], 5, "Both free Monday morning"),
        (["monday-morning", "tuesday-afternoon"], ["tuesday-afternoon", "monday-morning", "sunday-evening"], 10,
         "Both free Monday morning, Tuesday afternoon"),
        (["monday-morning", "tuesday-afternoon", "wednesday-evening"], ["monday-morning", "tuesday-afternoon", "wednesday-evening"], 15,
         "Both free Monday morning, Tuesday afternoon, Wednesday evening"),
        (["monday-morning", "tuesday-afternoon", "wednesday-evening", "saturday-morning"],
         ["monday-morning", "tuesday-afternoon", "wednesday-evening", "saturday-morning"], 15,
         "Both free Monday morning, Tuesday afternoon, Wednesday evening"),
    ] as [([String], [String], Int, String)])
    func availability(mentee: [String], mentor: [String], points: Int, reason: String) {
        let part = F.part("Availability", F.referral(availability: mentee.map { F.slot($0) }), F.mentor(availability: mentor.map { F.slot($0) }))
        #expect(part?.points == points)
        #expect(part?.reason == reason)
    }

    // MARK: Waiting time

    @Test("Waiting time: 1 per full week waited, capped at 10", arguments: [
        (0, 0, "Waiting 0 weeks"), (6, 0, "Waiting 0 weeks"), (7, 1, "Waiting 1 week"), (13, 1, "Waiting 1 week"),
        (14, 2, "Waiting 2 weeks"), (69, 9, "Waiting 9 weeks"), (70, 10, "Waiting 10 weeks"), (77, 10, "Waiting 11 weeks"),
        (400, 10, "Waiting 57 weeks"), (-8, 0, "Waiting 0 weeks"),
    ])
    func waiting(days: Int, points: Int, reason: String) {
        let part = F.part("Waiting time", F.referral(referredOn: Fixture.today.adding(days: -days)), F.mentor())
        #expect(part?.points == points)
        #expect(part?.reason == reason)
    }

    @Test("Waiting time is counted to the day given, not a clock")
    func waitingToToday() {
        let r = F.referral(referredOn: ymd("2026-01-05"))
        #expect(F.part("Waiting time", r, F.mentor(), today: ymd("2026-01-25"))?.points == 2)
        #expect(F.part("Waiting time", r, F.mentor(), today: ymd("2026-01-26"))?.points == 3)
    }

    // MARK: Mentor load

    @Test("Mentor load: up to 5 for a mentor with room, less the fuller they are", arguments: [
        (1, 0, 5), (2, 0, 5), (6, 0, 5), (2, 1, 2), (3, 1, 3), (4, 1, 3), (4, 3, 1), (6, 5, 0), (3, 3, 0), (2, 4, 0), (0, 0, 0),
    ])
    func load(capacity: Int, active: Int, points: Int) {
        let part = F.part("Mentor load", F.referral(), F.mentor(capacity: capacity, active: active))
        #expect(part?.points == points)
        #expect(part?.reason == "Supporting \(active) of \(capacity)")
    }

    @Test("A less loaded mentor never scores lower on load than a busier one with the same capacity", arguments: 1...6)
    func loadMonotone(capacity: Int) {
        let points = (0...capacity).map { F.part("Mentor load", F.referral(), F.mentor(capacity: capacity, active: $0))?.points ?? -1 }
        #expect(points == points.sorted(by: >))
        #expect(points.first == 5 && points.last == 0)
    }

    @Test("The total is the sum of the parts for many different pairs", arguments: 0..<12)
    func totalIsSum(seed: Int) {
        let r = F.referral(needs: Array(Need.allCases.prefix(seed % 4 + 1)), availability: Array(AvailabilitySlot.all.prefix(seed)),
                           referredOn: Fixture.today.adding(days: -9 * seed))
        let m = F.mentor(capacity: 1 + seed % 3, active: seed % 2, units: seed % 2 == 0 ? [F.unit] : [],
                         lived: Array(LivedExperience.allCases.suffix(seed % 5)), availability: Array(AvailabilitySlot.all.suffix(seed + 10)))
        let score = MatchScoring.score(r, m, today: Fixture.today)
        #expect(score.total == score.parts.map(\.points).reduce(0, +))
        #expect(score.total <= 40 + 20 + 10 + 15 + 10 + 5)
    }
}

@Suite("Match scoring: suggestions")
struct MatchSuggestionTests {
    typealias F = PairFixture

    @Test("Suggestions are the unblocked mentors, best score first, ties by mentor id")
    func ranked() {
        let r = F.referral(needs: [.accommodation], referredOn: Fixture.today.adding(days: -14))
        let mentors = [
            F.mentor(id: "m-b"),                                   // 20 + 10 + 2 + 5 = 37
            F.mentor(id: "m-d", lived: [.homelessness]),           // 57
            F.mentor(id: "m-a"),                                   // 37
            F.mentor(id: "m-blocked", accredited: false, lived: [.homelessness]),
            F.mentor(id: "m-c", units: []),                        // 17
            F.mentor(id: "m-e", areaID: "elsewhere", lived: [.homelessness]),
            F.mentor(id: "m-0", lived: [.homelessness]),           // 57
        ]
        let suggestions = MatchScoring.suggestions(for: r, mentors: mentors, today: Fixture.today)
        #expect(suggestions.map(\.mentorID) == ["m-0", "m-d", "m-a", "m-b", "m-c"])
        #expect(suggestions.map(\.score.total) == [57, 57, 37, 37, 17])
        for s in suggestions {
            let mentor = mentors.first { $0.mentorID == s.mentorID }!
            #expect(s.score == MatchScoring.score(r, mentor, today: Fixture.today))
        }
    }

    @Test("A blocked mentor is never suggested, however well they would score")
    func blockedNeverSuggested() {
        let r = F.referral(needs: [.accommodation, .finance], gender: .male)
        let best = F.mentor(id: "m-best", gender: .female, lived: [.homelessness, .debt])
        let ok = F.mentor(id: "m-ok", gender: .male)
        #expect(MatchScoring.suggestions(for: r, mentors: [best, ok], today: Fixture.today).map(\.mentorID) == ["m-ok"])
    }

    @Test("No mentors, or only blocked ones: no suggestions")
    func none() {
        let r = F.referral(rosh: .high)
        #expect(MatchScoring.suggestions(for: r, mentors: [], today: Fixture.today).isEmpty)
        #expect(MatchScoring.suggestions(for: r, mentors: [F.mentor(id: "a"), F.mentor(id: "b", cleared: true)], today: Fixture.today).isEmpty)
    }

    @Test("The order does not depend on the order mentors are given in", arguments: 0..<6)
    func stableOrder(rotation: Int) {
        let r = F.referral(needs: [.finance])
        var mentors = (0..<6).map { F.mentor(id: "m\($0)", lived: $0 % 2 == 0 ? [.debt] : []) }
        mentors = Array(mentors[rotation...] + mentors[..<rotation])
        #expect(MatchScoring.suggestions(for: r, mentors: mentors, today: Fixture.today).map(\.mentorID) == ["m0", "m2", "m4", "m1", "m3", "m5"])
    }
}
