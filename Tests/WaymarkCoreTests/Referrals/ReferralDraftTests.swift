import Foundation
import Testing
@testable import WaymarkCore

@Suite("Referral draft")
struct ReferralDraftTests {

    /// A draft that passes every rule except the ones a test changes.
    static func draft(consent: Bool = true, needs: [String] = ["accommodation"], goals: [String] = ["Find somewhere stable to live"],
                      gender: String? = nil, languages: String? = nil, availability: [String] = [],
                      accessibility: String? = nil, exclusions: [(crn: String, kind: String)] = []) -> ReferralDraft {
        ReferralDraft(consent: consent, needs: needs, goals: goals, genderPreference: gender, languages: languages,
                      availability: availability, accessibilityNeeds: accessibility, exclusions: exclusions)
    }

    static func failure(_ draft: ReferralDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated() }
    }

    static func slot(_ day: Weekday, _ part: DayPart) -> AvailabilitySlot { AvailabilitySlot(day: day, part: part) }

    static let badCRN = "Enter each excluded person’s CRN as one letter and six digits, like X123456"
    static let badKind = "Say whether each excluded person is a co-defendant, victim or known associate"
    static let badLanguages = "Enter languages as words separated by commas, like English, Polish"

    // MARK: A good referral

    @Test("A complete referral is cleaned: trimmed, blanks ignored, duplicates dropped, times sorted")
    func complete() throws {
        let details = try Self.draft(
            needs: ["finance", "", "accommodation", "finance"],
            goals: ["  Open a bank account ", "", "   ", "Register with a GP"],
            gender: "female",
            languages: " Polish , english,, POLISH ",
            availability: ["thursday-evening", "", "monday-morning", "thursday-evening"],
            accessibility: " Uses a wheelchair.\nNeeds step-free access. ",
            exclusions: [("x123456", "coDefendant"), ("", ""), ("X123456", "coDefendant"), ("Y654321", "victim")]
        ).validated()
        #expect(details == ReferralDetails(
            needs: [.finance, .accommodation],
            goals: ["Open a bank account", "Register with a GP"],
            genderPreference: .female,
            languages: ["Polish", "english"],
            availability: [Self.slot(.monday, .morning), Self.slot(.thursday, .evening)],
            accessibilityNeeds: "Uses a wheelchair.\nNeeds step-free access.",
            exclusions: [Exclusion(crn: CRN("X123456")!, kind: .coDefendant), Exclusion(crn: CRN("Y654321")!, kind: .victim)]))
    }

    @Test("The smallest referral: consent, one need, one goal; everything else defaults")
    func minimal() throws {
        let details = try Self.draft().validated()
        #expect(details == ReferralDetails(needs: [.accommodation], goals: ["Find somewhere stable to live"], genderPreference: .noPreference,
                                           languages: ["English"], availability: [], accessibilityNeeds: nil, exclusions: []))
    }

    // MARK: Consent

    @Test("Consent is required")
    func consentRequired() {
        let failure = Self.failure(Self.draft(consent: false))
        #expect(failure.fields == ["consent"])
        #expect(failure.message(for: "consent") == "Confirm the person has agreed to be referred for a peer mentor")
    }

    // MARK: Needs

    @Test("Every need on the list is accepted", arguments: Need.allCases)
    func everyNeed(need: Need) throws {
        #expect(try Self.draft(needs: [need.rawValue]).validated().needs == [need])
    }

    @Test("At least one need is required", arguments: [[], [""], ["", ""]] as [[String]])
    func needsRequired(needs: [String]) {
        let failure = Self.failure(Self.draft(needs: needs))
        #expect(failure.fields == ["needs"])
        #expect(failure.message(for: "needs") == "Select at least one need")
    }

    @Test("A need that is not on the list is refused (one message, not two)",
          arguments: [["housing"], ["accommodation", "housing"], ["Accommodation"]] as [[String]])
    func unknownNeed(needs: [String]) {
        let failure = Self.failure(Self.draft(needs: needs))
        #expect(failure.fields == ["needs"])
        #expect(failure.message(for: "needs") == "Select needs from the list")
    }

    // MARK: Goals

    @Test("Blank goals are ignored and the rest trimmed")
    func blankGoalsIgnored() throws {
        let details = try Self.draft(goals: ["", " ", "\n", " Get a job  ", "\tStay sober\n"]).validated()
        #expect(details.goals == ["Get a job", "Stay sober"])
    }

    @Test("At least one goal is required", arguments: [[], [""], ["   ", "\n\t"]] as [[String]])
    func goalsRequired(goals: [String]) {
        let failure = Self.failure(Self.draft(goals: goals))
        #expect(failure.fields == ["goals"])
        #expect(failure.message(for: "goals") == "Enter at least one goal")
    }

    @Test("Up to 5 goals are accepted; blanks do not count towards the limit", arguments: [1, 4, 5])
    func upToFiveGoals(count: Int) throws {
        let goals = (1...count).map { "Goal \($0)" } + ["", "  "]
        #expect(try Self.draft(goals: goals).validated().goals == (1...count).map { "Goal \($0)" })
    }

    @Test("More than 5 goals are refused", arguments: [6, 9])
    func tooManyGoals(count: Int) {
        let failure = Self.failure(Self.draft(goals: (1...count).map { "Goal \($0)" }))
        #expect(ReferralDraft.goalLimit == 5)
        #expect(failure.fields == ["goals"])
        #expect(failure.message(for: "goals") == "Enter no more than 5 goals")
    }

    @Test("A goal may be 200 characters, counted after trimming")
    func goalAtLimit() throws {
        let goal = String(repeating: "é", count: 200)
        #expect(try Self.draft(goals: ["  " + goal + "  "]).validated().goals == [goal])
    }

    @Test("A goal longer than 200 characters is refused, even beside good goals",
          arguments: [[String(repeating: "a", count: 201)], ["Get a job", String(repeating: "a", count: 201)]])
    func goalTooLong(goals: [String]) {
        let failure = Self.failure(Self.draft(goals: goals))
        #expect(failure.fields == ["goals"])
        #expect(failure.message(for: "goals") == "Each goal must be 200 characters or fewer")
    }

    /// Goals are one-line short texts, like every other short text in Waymark (InputRules refuses control
    /// characters in single-line fields).
    @Test("A goal with a control character in it is refused", arguments: ["Get a\u{0007} job", "Find\u{0000}work", "Line one\nline two"])
    func goalControlCharacters(goal: String) {
        let failure = Self.failure(Self.draft(goals: [goal]))
        #expect(failure.fields == ["goals"])
    }

    // MARK: Gender preference

    @Test("No gender preference given means no preference", arguments: [nil, ""] as [String?])
    func genderDefault(gender: String?) throws {
        #expect(try Self.draft(gender: gender).validated().genderPreference == .noPreference)
    }

    @Test("Every gender preference on the list is accepted", arguments: GenderPreference.allCases)
    func genderChoices(preference: GenderPreference) throws {
        #expect(try Self.draft(gender: preference.rawValue).validated().genderPreference == preference)
    }

    @Test("A gender preference not on the list is refused", arguments: ["woman", "Female", "nonBinary", "any"])
    func genderUnknown(gender: String) {
        let failure = Self.failure(Self.draft(gender: gender))
        #expect(failure.fields == ["genderPreference"])
        #expect(failure.message(for: "genderPreference") == "Select a gender preference from the list (one of: noPreference, female, male)")
    }

    // MARK: Languages

    @Test("Languages are read from a comma-separated list, English when none are given", arguments: [
        (nil, ["English"]),
        ("", ["English"]),
        (" , ,, ", ["English"]),
        ("Polish", ["Polish"]),
        ("Welsh, English", ["Welsh", "English"]),
        (" Polish , polish,POLISH ", ["Polish"]),
        ("British Sign Language, Romani-Chib, Français", ["British Sign Language", "Romani-Chib", "Français"]),
    ] as [(String?, [String])])
    func languages(text: String?, expected: [String]) throws {
        #expect(try Self.draft(languages: text).validated().languages == expected)
    }

    @Test("Languages that are not words are refused",
          arguments: ["English; Polish", "English/Polish", "123", "English, P0lish", String(repeating: "a", count: 41)])
    func badLanguages(text: String) {
        let failure = Self.failure(Self.draft(languages: text))
        #expect(failure.fields == ["languages"])
        #expect(failure.message(for: "languages") == Self.badLanguages)
    }

    @Test("A language of exactly 40 letters is accepted")
    func languageAtLimit() throws {
        let name = String(repeating: "a", count: 40)
        #expect(try Self.draft(languages: name).validated().languages == [name])
    }

    // MARK: Availability

    @Test("Every slot code is accepted", arguments: AvailabilitySlot.all)
    func everySlot(slot: AvailabilitySlot) throws {
        #expect(try Self.draft(availability: [slot.code]).validated().availability == [slot])
    }

    @Test("All 21 slots at once come back in week order")
    func allSlotsSorted() throws {
        let codes = AvailabilitySlot.all.reversed().map(\.code)
        #expect(try Self.draft(availability: codes).validated().availability == AvailabilitySlot.all)
    }

    @Test("A slot code not on the list is refused",
          arguments: ["monday", "Monday-morning", "monday-night", "funday-morning", "monday-morning-evening", "monday morning"])
    func badSlot(code: String) {
        let failure = Self.failure(Self.draft(availability: ["tuesday-afternoon", code]))
        #expect(failure.fields == ["availability"])
        #expect(failure.message(for: "availability") == "Select times from the list")
    }

    // MARK: Accessibility needs

    @Test("Accessibility needs are optional", arguments: [nil, "", "   \n "] as [String?])
    func accessibilityOptional(text: String?) throws {
        #expect(try Self.draft(accessibility: text).validated().accessibilityNeeds == nil)
    }

    @Test("Accessibility needs may run over several lines, up to 2000 characters")
    func accessibilityMultiline() throws {
        let text = "Hearing loop please.\r\nLarge print.\n\tNo stairs."
        #expect(try Self.draft(accessibility: text).validated().accessibilityNeeds == text)
        let long = String(repeating: "a", count: 2000)
        #expect(try Self.draft(accessibility: long).validated().accessibilityNeeds == long)
    }

    @Test("Accessibility needs over 2000 characters or with control characters are refused", arguments: [
        (String(repeating: "a", count: 2001), "Accessibility needs must be 2000 characters or fewer"),
        ("Needs\u{0000} help", "Accessibility needs must not contain control characters"),
        ("Needs\u{001B}[31m help", "Accessibility needs must not contain control characters"),
    ])
    func accessibilityRefused(text: String, message: String) {
        let failure = Self.failure(Self.draft(accessibility: text))
        #expect(failure.fields == ["accessibilityNeeds"])
        #expect(failure.message(for: "accessibilityNeeds") == message)
    }

    // MARK: Exclusions

    @Test("Every kind of exclusion is accepted, the CRN normalised", arguments: ExclusionKind.allCases)
    func everyKind(kind: ExclusionKind) throws {
        let details = try Self.draft(exclusions: [(" x123456 ", kind.rawValue)]).validated()
        #expect(details.exclusions == [Exclusion(crn: CRN("X123456")!, kind: kind)])
    }

    @Test("Blank rows are ignored")
    func blankExclusionRows() throws {
        let details = try Self.draft(exclusions: [("", ""), ("   ", ""), ("A111111", "knownAssociate"), ("", "")]).validated()
        #expect(details.exclusions == [Exclusion(crn: CRN("A111111")!, kind: .knownAssociate)])
    }

    @Test("Duplicate exclusions are kept once, in the order first given")
    func duplicateExclusions() throws {
        let details = try Self.draft(exclusions: [
            ("B222222", "victim"), ("A111111", "coDefendant"), ("b222222", "victim"), ("B222222 ", "victim"), ("A111111", "coDefendant"),
        ]).validated()
        #expect(details.exclusions == [Exclusion(crn: CRN("B222222")!, kind: .victim), Exclusion(crn: CRN("A111111")!, kind: .coDefendant)])
    }

    @Test("An exclusion with a CRN that is not one letter and six digits is refused",
          arguments: ["X12345", "X1234567", "XX12345", "123456X", "X12 3456", "", "X12345O"])
    func badExclusionCRN(crn: String) {
        let failure = Self.failure(Self.draft(exclusions: [("A111111", "victim"), (crn, "coDefendant")]))
        #expect(failure.fields == ["exclusions"])
        #expect(failure.message(for: "exclusions") == Self.badCRN)
    }

    @Test("An exclusion of an unknown kind is refused", arguments: ["", "friend", "CoDefendant", "co-defendant"])
    func badExclusionKind(kind: String) {
        let failure = Self.failure(Self.draft(exclusions: [("X123456", kind)]))
        #expect(failure.fields == ["exclusions"])
        #expect(failure.message(for: "exclusions") == Self.badKind)
    }

    // MARK: Every problem at once

    @Test("Every problem is reported together, in form order")
    func allErrorsTogether() {
        let failure = Self.failure(Self.draft(consent: false, needs: ["bogus"], goals: [], gender: "other", languages: "1",
                                              availability: ["noon"], accessibility: "Bell\u{0007}", exclusions: [("bad", "victim")]))
        #expect(failure.fields == ["consent", "needs", "goals", "genderPreference", "languages", "availability", "accessibilityNeeds",
                                   "exclusions"])
        #expect(failure.message(for: "goals") == "Enter at least one goal")
        #expect(failure.message(for: "exclusions") == Self.badCRN)
    }

    @Test("Problems further down the form are still reported when the first ones are fine")
    func laterErrorsAlone() {
        let failure = Self.failure(Self.draft(goals: (1...6).map { "Goal \($0)" }, exclusions: [("X123456", "stranger")]))
        #expect(failure.fields == ["goals", "exclusions"])
    }
}
