import Foundation
import Testing
@testable import WaymarkCore

@Suite("RiskDraft validation and risk history")
struct RiskDraftTests {

    /// A draft that passes every rule (medium RoSH, no MAPPA); each test changes only what it is about.
    static func draft(rosh: String? = "medium", mappaCategory: String? = nil, mappaLevel: String? = nil,
                      tier: String? = nil, flags: [String] = [], assessedOn: DateInput = .iso("2026-11-20"),
                      nextReview: DateInput = .iso("2027-05-20"), notes: String? = nil) -> RiskDraft {
        RiskDraft(rosh: rosh, mappaCategory: mappaCategory, mappaLevel: mappaLevel, tier: tier,
                  safeguardingFlags: flags, assessedOn: assessedOn, nextReviewDate: nextReview, notes: notes)
    }

    static func failure(_ draft: RiskDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) {
            try draft.validated(today: Fixture.today)
        }
    }

    /// Checked details for the history tests.
    static func details(rosh: RoSH = .medium, category: Int? = nil, level: Int? = nil, tier: String? = "B2",
                        flags: [SafeguardingFlag] = [.domesticAbuse], assessedOn: String = "2026-05-20",
                        nextReview: String = "2026-11-20", notes: String? = nil) -> RiskDetails {
        RiskDetails(rosh: rosh, mappaCategory: category, mappaLevel: level, tier: tier, safeguardingFlags: flags,
                    assessedOn: ymd(assessedOn), nextReviewDate: ymd(nextReview), notes: notes)
    }

    // MARK: A good draft

    @Test("A complete assessment becomes checked details")
    func valid() throws {
        let details = try Self.draft(rosh: "high", mappaCategory: "2", mappaLevel: "1", tier: " b2 ",
                                     flags: ["domesticAbuse", "", "domesticAbuse", "selfHarm"],
                                     notes: "  Reviewed with the coordinator  ")
            .validated(today: Fixture.today)
        #expect(details == RiskDetails(rosh: .high, mappaCategory: 2, mappaLevel: 1, tier: "B2",
                                       safeguardingFlags: [.domesticAbuse, .selfHarm],
                                       assessedOn: ymd("2026-11-20"), nextReviewDate: ymd("2027-05-20"),
                                       notes: "Reviewed with the coordinator"))
        #expect(details.isMAPPA)
    }

    @Test("The smallest assessment: a RoSH level and two dates")
    func minimal() throws {
        let details = try Self.draft(tier: "", notes: "   ").validated(today: Fixture.today)
        #expect(details.rosh == .medium)
        #expect(details.mappaCategory == nil)
        #expect(details.mappaLevel == nil)
        #expect(!details.isMAPPA)
        #expect(details.tier == nil)
        #expect(details.safeguardingFlags.isEmpty)
        #expect(details.notes == nil)
    }

    // MARK: RoSH

    @Test("Every RoSH level is accepted", arguments: RoSH.allCases)
    func everyRoSH(rosh: RoSH) throws {
        let details = try Self.draft(rosh: rosh.rawValue).validated(today: Fixture.today)
        #expect(details.rosh == rosh)
    }

    @Test("A RoSH level is required", arguments: [nil, "", "  "] as [String?])
    func roshRequired(rosh: String?) {
        let failure = Self.failure(Self.draft(rosh: rosh))
        #expect(failure.fields == ["rosh"])
        #expect(failure.message(for: "rosh") == "Select a RoSH level")
    }

    @Test("An unknown RoSH level is refused", arguments: ["extreme", "High", "very high", "none"])
    func roshUnknown(rosh: String) throws {
        let failure = Self.failure(Self.draft(rosh: rosh))
        #expect(failure.fields == ["rosh"])
        let message = try #require(failure.message(for: "rosh"))
        #expect(message.hasPrefix("Select a RoSH level from the list"))
    }

    @Test("RoSH levels are ordered low to very high, with labels")
    func roshOrder() {
        #expect(RoSH.allCases.map(\.rawValue) == ["low", "medium", "high", "veryHigh"])
        #expect(RoSH.low < .medium)
        #expect(RoSH.medium < .high)
        #expect(RoSH.high < .veryHigh)
        #expect(!(RoSH.high < .high))
        #expect([RoSH.veryHigh, .low, .high, .medium].sorted() == [.low, .medium, .high, .veryHigh])
        #expect(RoSH.allCases.map(\.label) == ["Low", "Medium", "High", "Very high"])
    }

    // MARK: MAPPA

    @Test("MAPPA categories 1 to 4 are accepted", arguments: 1...4)
    func mappaCategoryInRange(category: Int) throws {
        let details = try Self.draft(mappaCategory: String(category), mappaLevel: "1").validated(today: Fixture.today)
        #expect(details.mappaCategory == category)
        #expect(details.mappaLevel == 1)
    }

    @Test("MAPPA levels 1 to 3 are accepted", arguments: 1...3)
    func mappaLevelInRange(level: Int) throws {
        let details = try Self.draft(mappaCategory: " 1 ", mappaLevel: String(level)).validated(today: Fixture.today)
        #expect(details.mappaCategory == 1)
        #expect(details.mappaLevel == level)
    }

    @Test("A MAPPA category outside 1 to 4 is refused", arguments: ["0", "5", "-1", "x", "1.5", "one"])
    func mappaCategoryOutOfRange(category: String) {
        let failure = Self.failure(Self.draft(mappaCategory: category, mappaLevel: "1"))
        #expect(failure.fields == ["mappaCategory"])
        #expect(failure.message(for: "mappaCategory") == "MAPPA category must be a number from 1 to 4")
    }

    @Test("A MAPPA level outside 1 to 3 is refused", arguments: ["0", "4", "two", "2.0"])
    func mappaLevelOutOfRange(level: String) {
        let failure = Self.failure(Self.draft(mappaCategory: "1", mappaLevel: level))
        #expect(failure.fields == ["mappaLevel"])
        #expect(failure.message(for: "mappaLevel") == "MAPPA level must be a number from 1 to 3")
    }

    @Test("A MAPPA category needs a level", arguments: [nil, "", "  "] as [String?])
    func categoryWithoutLevel(level: String?) {
        let failure = Self.failure(Self.draft(mappaCategory: "2", mappaLevel: level))
        #expect(failure.fields == ["mappaLevel"])
        #expect(failure.message(for: "mappaLevel") == "Enter both a MAPPA category and a MAPPA level, or neither")
    }

    @Test("A MAPPA level needs a category", arguments: [nil, "", "  "] as [String?])
    func levelWithoutCategory(category: String?) {
        let failure = Self.failure(Self.draft(mappaCategory: category, mappaLevel: "2"))
        #expect(failure.fields == ["mappaCategory"])
        #expect(failure.message(for: "mappaCategory") == "Enter both a MAPPA category and a MAPPA level, or neither")
    }

    @Test("An out-of-range category is not reported again as a missing pair")
    func badCategoryOnce() {
        let failure = Self.failure(Self.draft(mappaCategory: "9", mappaLevel: nil))
        #expect(failure.fields == ["mappaCategory"])
        #expect(failure.message(for: "mappaCategory") == "MAPPA category must be a number from 1 to 4")
    }

    /// The missing half of a MAPPA pair must be reported even when another field (here the
    /// RoSH level) is also wrong: every error at once, not one round trip per error.
    @Test("A missing MAPPA level is reported alongside other errors")
    func mappaPairWithOtherErrors() {
        let failure = Self.failure(Self.draft(rosh: nil, mappaCategory: "2", mappaLevel: nil))
        #expect(failure.fields == ["rosh", "mappaLevel"])
        #expect(failure.message(for: "mappaLevel") == "Enter both a MAPPA category and a MAPPA level, or neither")
    }

    @Test("MAPPA text for the timeline")
    func mappaText() {
        #expect(RiskDetails.mappaText(2, 1) == "category 2, level 1")
        #expect(RiskDetails.mappaText(nil, nil) == "none")
        #expect(RiskDetails.mappaText(2, nil) == "none")
    }

    // MARK: Tier

    @Test("A tier is a letter A to D and a digit 0 to 3", arguments: [
        ("A0", "A0"), ("B2", "B2"), ("D3", "D3"), ("c1", "C1"), (" b2 ", "B2"),
    ])
    func tierValid(text: String, expected: String) throws {
        let details = try Self.draft(tier: text).validated(today: Fixture.today)
        #expect(details.tier == expected)
    }

    @Test("Other tiers are refused with an example", arguments: ["E1", "B4", "2B", "BB", "B", "A-", "Z9"])
    func tierFormat(text: String) {
        let failure = Self.failure(Self.draft(tier: text))
        #expect(failure.fields == ["tier"])
        #expect(failure.message(for: "tier") == "Enter a tier as a letter A to D and a number 0 to 3, like B2")
    }

    @Test("A tier longer than two characters is refused", arguments: ["B22", "B 2", "Tier B2"])
    func tierTooLong(text: String) {
        let failure = Self.failure(Self.draft(tier: text))
        #expect(failure.fields == ["tier"])
        #expect(failure.message(for: "tier") == "Tier must be 2 characters or fewer")
    }

    @Test("The tier is optional", arguments: [nil, "", "  "] as [String?])
    func tierOptional(text: String?) throws {
        let details = try Self.draft(tier: text).validated(today: Fixture.today)
        #expect(details.tier == nil)
    }

    // MARK: Safeguarding flags

    @Test("Every safeguarding flag is accepted", arguments: SafeguardingFlag.allCases)
    func everyFlag(flag: SafeguardingFlag) throws {
        let details = try Self.draft(flags: [flag.rawValue]).validated(today: Fixture.today)
        #expect(details.safeguardingFlags == [flag])
    }

    @Test("All flags together keep their order")
    func allFlags() throws {
        let raw = SafeguardingFlag.allCases.reversed().map(\.rawValue)
        let details = try Self.draft(flags: raw).validated(today: Fixture.today)
        #expect(details.safeguardingFlags == Array(SafeguardingFlag.allCases.reversed()))
    }

    @Test("An unknown flag is refused", arguments: [["violence"], ["selfHarm", "Self harm"], ["DOMESTICABUSE"]])
    func unknownFlag(flags: [String]) {
        let failure = Self.failure(Self.draft(flags: flags))
        #expect(failure.fields == ["safeguardingFlags"])
        #expect(failure.message(for: "safeguardingFlags") == "Select safeguarding flags from the list")
    }

    @Test("Flags have distinct labels")
    func flagLabels() {
        let labels = SafeguardingFlag.allCases.map(\.label)
        #expect(Set(labels).count == SafeguardingFlag.allCases.count)
        #expect(SafeguardingFlag.selfHarm.label == "Risk of self-harm")
        #expect(SafeguardingFlag.domesticAbuse.label == "Domestic abuse")
    }

    // MARK: Dates

    @Test("Both dates are required")
    func datesRequired() {
        let failure = Self.failure(Self.draft(assessedOn: .iso(nil), nextReview: .parts(day: "", month: "", year: "")))
        #expect(failure.fields == ["assessedOn", "nextReviewDate"])
        #expect(failure.message(for: "assessedOn") == "Enter the date of the assessment")
        #expect(failure.message(for: "nextReviewDate") == "Enter a next review date")
    }

    @Test("Dates must be real")
    func datesReal() throws {
        let failure = Self.failure(Self.draft(assessedOn: .iso("2026-02-30"), nextReview: .parts(day: "31", month: "9", year: "2027")))
        #expect(failure.fields == ["assessedOn", "nextReviewDate"])
        let assessed = try #require(failure.message(for: "assessedOn"))
        let review = try #require(failure.message(for: "nextReviewDate"))
        #expect(assessed == "Date of the assessment must be a real date, written as YYYY-MM-DD")
        #expect(review == "Next review date must be a real date")
    }

    @Test("An assessment cannot be dated in the future", arguments: ["2026-11-24", "2027-01-01"])
    func assessedInFuture(text: String) {
        let failure = Self.failure(Self.draft(assessedOn: .iso(text), nextReview: .iso("2027-06-01")))
        #expect(failure.fields == ["assessedOn"])
        #expect(failure.message(for: "assessedOn") == "Date of the assessment must be today or in the past")
    }

    @Test("An assessment can be dated today")
    func assessedToday() throws {
        let details = try Self.draft(assessedOn: .iso("2026-11-23"), nextReview: .iso("2026-11-24")).validated(today: Fixture.today)
        #expect(details.assessedOn == Fixture.today)
        #expect(details.nextReviewDate == ymd("2026-11-24"))
    }

    @Test("The next review must come after the assessment", arguments: ["2026-11-20", "2026-11-19", "2025-01-01"])
    func reviewNotAfterAssessment(review: String) {
        let failure = Self.failure(Self.draft(assessedOn: .iso("2026-11-20"), nextReview: .iso(review)))
        #expect(failure.fields == ["nextReviewDate"])
        #expect(failure.message(for: "nextReviewDate") == "Next review date must be after the date of the assessment")
    }

    @Test("A back-dated assessment whose review has already passed is accepted, and shows as overdue")
    func backDated() throws {
        let details = try Self.draft(assessedOn: .iso("2025-01-01"), nextReview: .iso("2025-07-01")).validated(today: Fixture.today)
        #expect(details.reviewOverdue(today: Fixture.today))
    }

    // MARK: Notes

    @Test("Notes may be up to 2000 characters")
    func notesLimit() throws {
        #expect(InputRules.longTextLimit == 2000)
        let atLimit = String(repeating: "n", count: 2000)
        let details = try Self.draft(notes: atLimit).validated(today: Fixture.today)
        #expect(details.notes == atLimit)
        let failure = Self.failure(Self.draft(notes: atLimit + "n"))
        #expect(failure.fields == ["notes"])
        #expect(failure.message(for: "notes") == "Notes must be 2000 characters or fewer")
    }

    @Test("Notes may run over several lines")
    func notesMultiline() throws {
        let details = try Self.draft(notes: "Line one\nLine two\r\n\tIndented").validated(today: Fixture.today)
        #expect(details.notes == "Line one\nLine two\r\n\tIndented")
    }

    // MARK: Every error at once

    @Test("Every problem is reported together, in form order")
    func allErrorsTogether() {
        let failure = Self.failure(RiskDraft(rosh: "extreme", mappaCategory: "7", mappaLevel: "9", tier: "Z9",
                                             safeguardingFlags: ["nope"], assessedOn: .iso("2026-12-01"),
                                             nextReviewDate: .iso("2026-11-01"),
                                             notes: String(repeating: "n", count: 2001)))
        #expect(failure.fields == ["rosh", "mappaCategory", "mappaLevel", "tier", "safeguardingFlags",
                                   "assessedOn", "nextReviewDate", "notes"])
    }

    // MARK: Review overdue

    @Test("A review is overdue only once its date has passed", arguments: [
        ("2026-11-20", true), ("2026-11-22", true), ("2026-11-23", false), ("2026-11-24", false), ("2027-05-20", false),
    ])
    func reviewOverdue(nextReview: String, overdue: Bool) {
        let details = Self.details(assessedOn: "2026-05-20", nextReview: nextReview)
        #expect(details.reviewOverdue(today: Fixture.today) == overdue)
    }

    // MARK: What changed

    @Test("The first assessment says so, with its RoSH level")
    func firstAssessment() {
        #expect(Self.details().changes(from: nil) == ["First risk assessment recorded: RoSH medium"])
        #expect(Self.details(rosh: .veryHigh).changes(from: nil) == ["First risk assessment recorded: RoSH very high"])
    }

    @Test("A review that changes nothing that matters says so")
    func noChange() {
        let previous = Self.details()
        let next = Self.details(assessedOn: "2026-11-20", nextReview: "2027-05-20", notes: "Seen at home")
        #expect(next.changes(from: previous) == ["Reviewed, no change"])
        #expect(previous.changes(from: previous) == ["Reviewed, no change"])
    }

    @Test("Flags listed in a different order are not a change")
    func flagOrderIsNotAChange() {
        let previous = Self.details(flags: [.domesticAbuse, .selfHarm])
        let next = Self.details(flags: [.selfHarm, .domesticAbuse])
        #expect(next.changes(from: previous) == ["Reviewed, no change"])
    }

    @Test("RoSH changes are worded low to high", arguments: [
        (RoSH.medium, RoSH.high, "RoSH medium → high"),
        (RoSH.low, RoSH.veryHigh, "RoSH low → very high"),
        (RoSH.veryHigh, RoSH.medium, "RoSH very high → medium"),
    ])
    func roshChange(from: RoSH, to: RoSH, expected: String) {
        #expect(Self.details(rosh: to).changes(from: Self.details(rosh: from)) == [expected])
    }

    @Test("MAPPA changes are worded in full", arguments: [
        (nil, nil, 2, 1, "MAPPA none → category 2, level 1"),
        (2, 1, 2, 2, "MAPPA category 2, level 1 → category 2, level 2"),
        (2, 1, 3, 1, "MAPPA category 2, level 1 → category 3, level 1"),
        (1, 3, nil, nil, "MAPPA category 1, level 3 → none"),
    ] as [(Int?, Int?, Int?, Int?, String)])
    func mappaChange(fromCategory: Int?, fromLevel: Int?, toCategory: Int?, toLevel: Int?, expected: String) {
        let previous = Self.details(category: fromCategory, level: fromLevel)
        let next = Self.details(category: toCategory, level: toLevel)
        #expect(next.changes(from: previous) == [expected])
    }

    @Test("Tier changes name the old and new tier", arguments: [
        ("B2", "C1", "Tier B2 → C1"),
        ("B2", nil, "Tier B2 → none"),
        (nil, "A1", "Tier none → A1"),
    ] as [(String?, String?, String)])
    func tierChange(from: String?, to: String?, expected: String) {
        #expect(Self.details(tier: to).changes(from: Self.details(tier: from)) == [expected])
    }

    @Test("New and removed safeguarding flags are listed by label")
    func flagChanges() {
        let previous = Self.details(flags: [.domesticAbuse])
        #expect(Self.details(flags: [.domesticAbuse, .selfHarm, .childConcerns]).changes(from: previous)
                == ["New safeguarding flags: Risk of self-harm, Child concerns"])
        #expect(Self.details(flags: []).changes(from: previous) == ["Safeguarding flags removed: Domestic abuse"])
        #expect(Self.details(flags: [.mentalHealth]).changes(from: previous)
                == ["New safeguarding flags: Mental health", "Safeguarding flags removed: Domestic abuse"])
    }

    @Test("Several changes are listed in a fixed order: RoSH, MAPPA, tier, flags added, flags removed")
    func everythingChanged() {
        let previous = Self.details(rosh: .low, category: nil, level: nil, tier: "D0", flags: [.substanceMisuse])
        let next = Self.details(rosh: .high, category: 1, level: 2, tier: "A3", flags: [.exploitation, .adultAtRisk])
        #expect(next.changes(from: previous) == [
            "RoSH low → high",
            "MAPPA none → category 1, level 2",
            "Tier D0 → A3",
            "New safeguarding flags: Exploitation, Adult at risk",
            "Safeguarding flags removed: Substance misuse",
        ])
    }
}
