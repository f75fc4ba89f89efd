import Foundation
import Testing
@testable import WaymarkCore

@Suite("Mentee eligibility")
struct MenteeEligibilityTests {

    static let notCurrent: String = "Select an order or licence that is current today: mentees must be under supervision"
    static let noOrder: String = "Select the order or licence they are supervised on"
    static let noConsent: String = "Confirm the person has agreed to be referred for a peer mentor"
    static let noPractitioner: String = "The person needs a named practitioner before they can be referred"

    static func order(start: String = "2026-03-02", expectedEnd: String = "2027-09-01", actualEnd: String? = nil,
                      outcome: OrderOutcome = .active, type: OrderType = .communityOrder) -> OrderDetails {
        OrderDetails(type: type, startDate: ymd(start), expectedEndDate: ymd(expectedEnd), actualEndDate: actualEnd.map { ymd($0) },
                     outcome: outcome, requirements: [], rarDays: nil)
    }

    /// The failure, or nil when the person may be referred.
    static func check(order: OrderDetails?, consent: Bool = true, practitionerID: String? = "prac-1",
                      today: CalendarDate = Fixture.today) -> ValidationFailure? {
        do throws(ValidationFailure) {
            try MenteeEligibility.check(order: order, consent: consent, practitionerID: practitionerID, today: today)
            return nil
        } catch {
            return error
        }
    }

    // MARK: A current order

    @Test("An active order that has started and not ended is current (boundaries included)", arguments: [
        ("2026-03-02", "2027-09-01"),   // well inside
        ("2026-11-23", "2027-09-01"),   // starts today
        ("2025-01-06", "2026-11-23"),   // due to end today
        ("2026-11-22", "2026-11-24"),
    ])
    func current(start: String, end: String) {
        #expect(Self.check(order: Self.order(start: start, expectedEnd: end)) == nil)
    }

    @Test("Every type of order or licence can be current", arguments: OrderType.allCases)
    func everyType(type: OrderType) {
        #expect(Self.check(order: Self.order(type: type)) == nil)
    }

    // MARK: Not current

    @Test("An order that has not started, or has ended, is not current", arguments: [
        ("2026-11-24", "2027-09-01", nil, OrderOutcome.active),          // starts tomorrow
        ("2027-01-04", "2028-01-03", nil, .active),                      // starts next year
        ("2025-01-06", "2026-11-22", nil, .active),                      // was due to end yesterday
        ("2024-01-08", "2025-01-06", "2025-01-06", .completed),          // ended long ago
        ("2025-01-06", "2027-09-01", "2026-11-22", .terminatedEarly),    // ended early yesterday
        ("2025-01-06", "2027-09-01", "2026-06-01", .revokedForBreach),
    ] as [(String, String, String?, OrderOutcome)])
    func notCurrent(start: String, end: String, actualEnd: String?, outcome: OrderOutcome) {
        let failure = Self.check(order: Self.order(start: start, expectedEnd: end, actualEnd: actualEnd, outcome: outcome))
        #expect(failure?.fields == ["orderId"])
        #expect(failure?.message(for: "orderId") == Self.notCurrent)
    }

    @Test("An order whose outcome is not active is not current, even if its dates cover today",
          arguments: OrderOutcome.allCases.filter { $0 != .active })
    func nonActiveOutcome(outcome: OrderOutcome) {
        let failure = Self.check(order: Self.order(actualEnd: "2026-11-23", outcome: outcome))
        #expect(failure?.fields == ["orderId"])
        #expect(failure?.message(for: "orderId") == Self.notCurrent)
        let undated = Self.check(order: Self.order(outcome: outcome))
        #expect(undated?.fields == ["orderId"])
    }

    @Test("An active order with an actual end date in the past is not current")
    func activeButEnded() {
        let failure = Self.check(order: Self.order(actualEnd: "2026-11-20", outcome: .active))
        #expect(failure?.fields == ["orderId"])
    }

    @Test("Currency is judged on the day given, not a clock")
    func judgedOnToday() {
        let order = Self.order(start: "2026-03-02", expectedEnd: "2026-06-30")
        #expect(Self.check(order: order, today: ymd("2026-06-30")) == nil)
        #expect(Self.check(order: order, today: ymd("2026-07-01"))?.fields == ["orderId"])
        #expect(Self.check(order: order, today: ymd("2026-03-01"))?.fields == ["orderId"])
        #expect(Self.check(order: order, today: ymd("2026-03-02")) == nil)
    }

    // MARK: Other requirements

    @Test("No order at all")
    func noOrderAtAll() {
        let failure = Self.check(order: nil)
        #expect(failure?.fields == ["orderId"])
        #expect(failure?.message(for: "orderId") == Self.noOrder)
    }

    @Test("Consent must be recorded")
    func consent() {
        let failure = Self.check(order: Self.order(), consent: false)
        #expect(failure?.fields == ["consent"])
        #expect(failure?.message(for: "consent") == Self.noConsent)
    }

    @Test("The referring practitioner must be named")
    func practitioner() {
        let failure = Self.check(order: Self.order(), practitionerID: nil)
        #expect(failure?.fields == ["practitionerId"])
        #expect(failure?.message(for: "practitionerId") == Self.noPractitioner)
    }

    @Test("Every failing requirement is reported together", arguments: [
        (nil, "Select the order or licence they are supervised on"),
        (OrderDetails(type: .licence, startDate: ymd("2026-03-02"), expectedEndDate: ymd("2027-09-01"), actualEndDate: nil,
                      outcome: .completed, requirements: [], rarDays: nil),
         "Select an order or licence that is current today: mentees must be under supervision"),
    ] as [(OrderDetails?, String)])
    func allTogether(order: OrderDetails?, orderMessage: String) {
        let failure = Self.check(order: order, consent: false, practitionerID: nil)
        #expect(failure?.fields == ["orderId", "consent", "practitionerId"])
        #expect(failure?.message(for: "orderId") == orderMessage)
        #expect(failure?.message(for: "consent") == Self.noConsent)
        #expect(failure?.message(for: "practitionerId") == Self.noPractitioner)
    }

    @Test("Consent and practitioner problems are reported beside a good order")
    func twoOfThree() {
        #expect(Self.check(order: Self.order(), consent: false, practitionerID: nil)?.fields == ["consent", "practitionerId"])
    }
}
