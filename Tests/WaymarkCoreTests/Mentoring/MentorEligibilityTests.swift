import Foundation
import Testing
@testable import WaymarkCore

@Suite("Mentor eligibility")
struct MentorEligibilityTests {

    /// An order that ends (or ended) on `end`: ended orders carry an actual end date, current ones only the expected one.
    static func order(ending end: String, type: OrderType = .licence, today: CalendarDate = Fixture.today,
                      openBreach: Bool = false) -> OrderDetails {
        let endDate = ymd(end)
        let ended = endDate <= today
        return OrderDetails(type: type, startDate: ymd("2023-01-09"), expectedEndDate: endDate,
                            actualEndDate: ended ? endDate : nil, outcome: ended ? .completed : .active,
                            requirements: [], rarDays: nil, openBreach: openBreach)
    }

    static let declared = Declarations(noCurrentOffending: true, freeFromIllicitDrugs: true, declaredOn: ymd("2026-11-01"))

    /// Facts that pass every rule except the ones a test changes.
    static func facts(recommended: Bool = true, orders: [OrderDetails] = [order(ending: "2026-10-01")],
                      practitioner: Bool = true, coordinator: Bool = true,
                      declarations: Declarations? = declared) -> EligibilityFacts {
        EligibilityFacts(recommended: recommended, orders: orders, practitionerRiskReview: practitioner,
                         coordinatorRiskReview: coordinator, declarations: declarations)
    }

    static func evaluate(_ facts: EligibilityFacts, settings: ProgrammeSettings = .standard,
                         today: CalendarDate = Fixture.today) -> EligibilityResult {
        MentorEligibility.evaluate(facts, settings: settings, today: today)
    }

    // MARK: Settings and vocabulary

    @Test("Defaults come from the seed programmes")
    func defaults() {
        let s = ProgrammeSettings.standard
        #expect(s.eligibilityEndedWithinMonths == 6)
        #expect(s.eligibilityEndingWithinMonths == 3)
        #expect(s.trainingSessions == 12)
        #expect(s.trainingAttendanceRequired == 10)
        #expect(s.mileagePencePerMile == 45)
        #expect(ProgrammeSettings() == s)
    }

    @Test("The codes the API promises exist with those exact names")
    func apiCodes() {
        let codes = Set(EligibilityCode.allCases.map(\.rawValue))
        for code in ["notRecommended", "orderEndedTooLongAgo", "orderEndsTooFarAhead", "openBreach", "noRiskReview"] {
            #expect(codes.contains(code), "missing code \(code)")
        }
    }

    @Test("A candidate who meets every rule is eligible with no reasons")
    func eligible() {
        let result = Self.evaluate(Self.facts())
        #expect(result.eligible)
        #expect(result.reasons.isEmpty)
    }

    // MARK: Timing: today = 2026-11-23, 6 months back = 2026-05-23, 3 months ahead = 2027-02-23

    @Test("The 6-month and 3-month boundaries, exactly", arguments: [
        ("2026-05-23", nil),                                      // ended exactly 6 months ago
        ("2026-05-22", EligibilityCode.orderEndedTooLongAgo),      // one day more
        ("2026-05-24", nil),
        ("2025-11-23", .orderEndedTooLongAgo),
        ("2026-11-23", nil),                                      // ends today
        ("2026-11-22", nil),                                      // ended yesterday
        ("2027-02-23", nil),                                      // ends exactly 3 months ahead
        ("2027-02-24", .orderEndsTooFarAhead),                     // one day more
        ("2027-02-22", nil),
        ("2028-01-01", .orderEndsTooFarAhead),
    ] as [(String, EligibilityCode?)])
    func boundaries(end: String, expected: EligibilityCode?) {
        let result = Self.evaluate(Self.facts(orders: [Self.order(ending: end)]))
        #expect(result.reasons.map(\.code) == (expected.map { [$0] } ?? []))
        #expect(result.eligible == (expected == nil))
    }

    /// `CalendarDate.adding(months:)` clamps to the last day of a shorter month, so the window's edges are:
    /// - today 2026-08-31: 6 months back is 2026-02-28 (no 31 February); 3 months ahead is 2026-11-30.
    /// - today 2028-08-31 (leap year): 6 months back is 2028-02-29.
    /// - today 2026-05-31: 6 months back is 2025-11-30; 3 months ahead is 2026-08-31.
    /// - today 2026-11-30: 3 months ahead is 2027-02-28; 6 months back is 2026-05-30.
    /// The edge day itself is inside the window; the day beyond it is not.
    @Test("Month-end boundaries follow adding(months:), which clamps to the month's end", arguments: [
        ("2026-08-31", "2026-02-28", nil),
        ("2026-08-31", "2026-02-27", EligibilityCode.orderEndedTooLongAgo),
        ("2026-08-31", "2026-11-30", nil),
        ("2026-08-31", "2026-12-01", .orderEndsTooFarAhead),
        ("2028-08-31", "2028-02-29", nil),
        ("2028-08-31", "2028-02-28", .orderEndedTooLongAgo),
        ("2026-05-31", "2025-11-30", nil),
        ("2026-05-31", "2025-11-29", .orderEndedTooLongAgo),
        ("2026-05-31", "2026-08-31", nil),
        ("2026-05-31", "2026-09-01", .orderEndsTooFarAhead),
        ("2026-11-30", "2027-02-28", nil),
        ("2026-11-30", "2027-03-01", .orderEndsTooFarAhead),
        ("2026-11-30", "2026-05-30", nil),
        ("2026-11-30", "2026-05-29", .orderEndedTooLongAgo),
    ] as [(String, String, EligibilityCode?)])
    func monthEnd(today: String, end: String, expected: EligibilityCode?) {
        let day = ymd(today)
        let result = Self.evaluate(Self.facts(orders: [Self.order(ending: end, today: day)]), today: day)
        #expect(result.reasons.map(\.code) == (expected.map { [$0] } ?? []))
    }

    @Test("Eligibility is re-evaluated as dates pass: today is an input")
    func datesPass() {
        let ended = Self.facts(orders: [Self.order(ending: "2026-05-23")])
        #expect(Self.evaluate(ended, today: ymd("2026-11-23")).eligible)
        #expect(Self.evaluate(ended, today: ymd("2026-11-24")).reasons.map(\.code) == [.orderEndedTooLongAgo])

        let ending = Self.facts(orders: [Self.order(ending: "2027-03-01")])
        #expect(Self.evaluate(ending, today: ymd("2026-11-23")).reasons.map(\.code) == [.orderEndsTooFarAhead])
        #expect(Self.evaluate(ending, today: ymd("2026-12-01")).eligible)
    }

    @Test("The timing uses the actual end date when there is one, not the expected one")
    func actualEndDecides() {
        // Expected to end far ahead, but terminated early last month.
        let early = OrderDetails(type: .communityOrder, startDate: ymd("2025-06-01"), expectedEndDate: ymd("2028-06-01"),
                                 actualEndDate: ymd("2026-10-15"), outcome: .terminatedEarly, requirements: [], rarDays: nil)
        #expect(Self.evaluate(Self.facts(orders: [early])).eligible)
    }

    @Test("Settings move the boundaries (12 months back, 1 month ahead)", arguments: [
        ("2025-11-23", nil),                                   // exactly 12 months ago
        ("2025-11-22", EligibilityCode.orderEndedTooLongAgo),
        ("2026-05-22", nil),                                   // too long ago under the default, fine under 12 months
        ("2026-12-23", nil),                                   // exactly 1 month ahead
        ("2026-12-24", .orderEndsTooFarAhead),
        ("2027-02-23", .orderEndsTooFarAhead),                  // fine under the default, too far under 1 month
    ] as [(String, EligibilityCode?)])
    func settingsMoveBoundaries(end: String, expected: EligibilityCode?) {
        let settings = ProgrammeSettings(eligibilityEndedWithinMonths: 12, eligibilityEndingWithinMonths: 1)
        let result = Self.evaluate(Self.facts(orders: [Self.order(ending: end)]), settings: settings)
        #expect(result.reasons.map(\.code) == (expected.map { [$0] } ?? []))
    }

    // MARK: The deciding order

    @Test("The order that ends last decides, whatever the order of the list")
    func decidingOrder() throws {
        let old = Self.order(ending: "2024-03-01")
        let current = Self.order(ending: "2027-01-10")
        #expect(MentorEligibility.decidingOrder([old, current]) == current)
        #expect(MentorEligibility.decidingOrder([current, old]) == current)
        #expect(MentorEligibility.decidingOrder([]) == nil)
        // An old order ended long ago does not count against them when a later one is in the window.
        #expect(Self.evaluate(Self.facts(orders: [old, current])).eligible)
        #expect(Self.evaluate(Self.facts(orders: [current, old])).eligible)
    }

    @Test("A later order ending too far ahead decides even when an earlier one is in the window")
    func laterOrderTooFarAhead() {
        let recent = Self.order(ending: "2026-10-01")
        let newSentence = Self.order(ending: "2028-04-30", type: .communityOrder)
        let result = Self.evaluate(Self.facts(orders: [newSentence, recent]))
        #expect(result.reasons.map(\.code) == [.orderEndsTooFarAhead])
        #expect(result.reasons.first?.message.hasPrefix("Their community order ends on 30 April 2028") == true)
    }

    @Test("No order at all is a reason of its own")
    func noOrder() {
        let result = Self.evaluate(Self.facts(orders: []))
        #expect(result.reasons == [EligibilityReason(.noOrder, "Record their own order or licence: the timing rule needs its end date")])
    }

    // MARK: Messages

    @Test("An order that ended too long ago says how long ago, when, and the setting")
    func endedTooLongAgoMessage() throws {
        let result = Self.evaluate(Self.facts(orders: [Self.order(ending: "2026-03-23")]))
        let reason = try #require(result.reasons.first)
        #expect(result.reasons.count == 1)
        #expect(reason.code == .orderEndedTooLongAgo)
        #expect(reason.message == "Their licence ended 8 months ago, on 23 March 2026; mentors must have finished their order or licence in the last 6 months")
        #expect(reason.message.contains("8 months"))
        #expect(reason.message.contains("in the last 6 months"))
    }

    @Test("An order ending too far ahead says when, how far away, and the setting")
    func endsTooFarAheadMessage() throws {
        let result = Self.evaluate(Self.facts(orders: [Self.order(ending: "2027-05-23", type: .postSentenceSupervision)]))
        let reason = try #require(result.reasons.first)
        #expect(reason.code == .orderEndsTooFarAhead)
        #expect(reason.message == "Their post-sentence supervision ends on 23 May 2027, 6 months away; mentors must finish their order or licence within the next 3 months")
    }

    @Test("Messages name the months setting in force")
    func messagesFollowSettings() throws {
        let settings = ProgrammeSettings(eligibilityEndedWithinMonths: 12, eligibilityEndingWithinMonths: 2)
        let ended = try #require(Self.evaluate(Self.facts(orders: [Self.order(ending: "2025-01-10")]), settings: settings).reasons.first)
        #expect(ended.message.contains("in the last 12 months"))
        #expect(ended.message.contains("22 months ago"))
        let ending = try #require(Self.evaluate(Self.facts(orders: [Self.order(ending: "2027-06-01")]), settings: settings).reasons.first)
        #expect(ending.message.contains("within the next 2 months"))
    }

    @Test("A one-month setting reads as plain English (\"1 month\", not \"1 months\")")
    func singularMonth() throws {
        let settings = ProgrammeSettings(eligibilityEndedWithinMonths: 1, eligibilityEndingWithinMonths: 1)
        let ended = try #require(Self.evaluate(Self.facts(orders: [Self.order(ending: "2026-08-01")]), settings: settings).reasons.first)
        #expect(ended.code == .orderEndedTooLongAgo)
        #expect(!ended.message.contains("1 months"), "\(ended.message)")
        let ending = try #require(Self.evaluate(Self.facts(orders: [Self.order(ending: "2027-02-01")]), settings: settings).reasons.first)
        #expect(ending.code == .orderEndsTooFarAhead)
        #expect(!ending.message.contains("1 months"), "\(ending.message)")
        #expect(ended.message.hasSuffix("in the last month"))
        #expect(ending.message.hasSuffix("within the next month"))
    }

    @Test("How long ago is said in whole months, as people say it", arguments: [
        ("2026-03-23", "2026-11-23", "8 months"),
        ("2026-03-24", "2026-11-23", "7 months"),   // not quite 8
        ("2025-11-23", "2026-11-23", "12 months"),
        ("2026-10-23", "2026-11-23", "1 month"),
        ("2026-10-24", "2026-11-23", "less than a month"),
        ("2026-11-23", "2026-11-23", "less than a month"),
        ("2026-11-23", "2027-02-24", "3 months"),
        ("2026-12-31", "2027-02-01", "1 month"),
    ])
    func monthsText(from: String, to: String, expected: String) {
        #expect(MentorEligibility.monthsText(from: ymd(from), to: ymd(to)) == expected)
    }

    // MARK: Breach, risk review, declarations

    @Test("An open breach on any of their orders fails, even one that does not decide the timing")
    func openBreach() {
        let breached = Self.order(ending: "2025-01-01", openBreach: true)
        let result = Self.evaluate(Self.facts(orders: [Self.order(ending: "2026-10-01"), breached]))
        #expect(result.reasons == [EligibilityReason(.openBreach, "Breach proceedings are open on their order")])
    }

    @Test("The risk review needs both the practitioner and a coordinator, and names who is missing", arguments: [
        (true, true, nil),
        (false, true, "A risk review must be recorded by their practitioner"),
        (true, false, "A risk review must be recorded by a coordinator"),
        (false, false, "A risk review must be recorded by their practitioner and a coordinator"),
    ] as [(Bool, Bool, String?)])
    func riskReview(practitioner: Bool, coordinator: Bool, message: String?) {
        let result = Self.evaluate(Self.facts(practitioner: practitioner, coordinator: coordinator))
        if let message {
            #expect(result.reasons == [EligibilityReason(.noRiskReview, message)])
        } else {
            #expect(result.eligible)
        }
    }

    @Test("Declarations: missing is not the same as declared false", arguments: [
        (nil, nil, [EligibilityCode.declarationMissing]),
        (true, true, []),
        (false, true, [.declaresCurrentOffending]),
        (true, false, [.declaresIllicitDrugUse]),
        (false, false, [.declaresCurrentOffending, .declaresIllicitDrugUse]),
    ] as [(Bool?, Bool?, [EligibilityCode])])
    func declarations(noOffending: Bool?, drugFree: Bool?, expected: [EligibilityCode]) {
        let declarations = noOffending.map {
            Declarations(noCurrentOffending: $0, freeFromIllicitDrugs: drugFree ?? true, declaredOn: ymd("2026-11-01"))
        }
        let result = Self.evaluate(Self.facts(declarations: declarations))
        #expect(result.reasons.map(\.code) == expected)
    }

    @Test("Declaration messages are plain English")
    func declarationMessages() {
        let missing = Self.evaluate(Self.facts(declarations: nil))
        #expect(missing.reasons.first?.message == "Record their declarations: no current offending and free from illicit drugs")
        let both = Self.evaluate(Self.facts(declarations: Declarations(noCurrentOffending: false, freeFromIllicitDrugs: false,
                                                                       declaredOn: ymd("2026-11-01"))))
        #expect(both.reasons.map(\.message) == ["They have not declared that they are not currently offending",
                                                "They have not declared that they are free from illicit drugs"])
    }

    @Test("A candidate not recommended by a practitioner is not eligible")
    func notRecommended() {
        let result = Self.evaluate(Self.facts(recommended: false))
        #expect(result.reasons == [EligibilityReason(.notRecommended, "A probation practitioner must recommend them")])
    }

    // MARK: Every reason together

    @Test("Every failing reason is reported together, in a fixed order, each with a message")
    func everyReason() {
        let result = Self.evaluate(Self.facts(recommended: false,
                                              orders: [Self.order(ending: "2026-01-05", openBreach: true)],
                                              practitioner: false, coordinator: false,
                                              declarations: Declarations(noCurrentOffending: false, freeFromIllicitDrugs: false,
                                                                         declaredOn: ymd("2026-11-01"))))
        #expect(!result.eligible)
        #expect(result.reasons.map(\.code) == [.notRecommended, .orderEndedTooLongAgo, .openBreach, .noRiskReview,
                                               .declaresCurrentOffending, .declaresIllicitDrugUse])
        #expect(result.reasons.allSatisfy { !$0.message.isEmpty })
        #expect(Set(result.reasons.map(\.message)).count == result.reasons.count)
    }

    @Test("With nothing recorded, every missing piece is listed")
    func nothingRecorded() {
        let result = Self.evaluate(Self.facts(recommended: false, orders: [], practitioner: false, coordinator: false,
                                              declarations: nil))
        #expect(result.reasons.map(\.code) == [.notRecommended, .noOrder, .noRiskReview, .declarationMissing])
    }

    @Test("Timing and breach fail together when the order ends too far ahead and is in breach")
    func timingAndBreach() {
        let result = Self.evaluate(Self.facts(orders: [Self.order(ending: "2027-09-01", openBreach: true)],
                                              coordinator: false))
        #expect(result.reasons.map(\.code) == [.orderEndsTooFarAhead, .openBreach, .noRiskReview])
    }
}
