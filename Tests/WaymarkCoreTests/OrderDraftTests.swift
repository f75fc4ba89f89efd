import Foundation
import Testing
@testable import WaymarkCore

@Suite("OrderDraft validation")
struct OrderDraftTests {

    static let outcomesThatEnd: [OrderOutcome] = [.completed, .terminatedEarly, .revokedForBreach, .transferred]

    /// A draft that passes every rule (an active community order); each test changes only what it is about.
    static func draft(type: String? = "communityOrder", start: DateInput = .iso("2026-01-10"),
                      expectedEnd: DateInput = .iso("2027-01-09"), actualEnd: DateInput = .iso(nil),
                      outcome: String? = nil, requirements: [String] = [], rarDays: String? = nil) -> OrderDraft {
        OrderDraft(type: type, startDate: start, expectedEndDate: expectedEnd, actualEndDate: actualEnd,
                   outcome: outcome, requirements: requirements, rarDays: rarDays)
    }

    static func failure(_ draft: OrderDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) {
            try draft.validated(today: Fixture.today)
        }
    }

    // MARK: A good draft

    @Test("A complete active order becomes checked details")
    func valid() throws {
        let details = try Self.draft(requirements: ["unpaidWork"]).validated(today: Fixture.today)
        #expect(details == OrderDetails(type: .communityOrder, startDate: ymd("2026-01-10"),
                                        expectedEndDate: ymd("2027-01-09"), actualEndDate: nil, outcome: .active,
                                        requirements: [.unpaidWork], rarDays: nil))
        #expect(details.endDate == ymd("2027-01-09"))
    }

    @Test("A completed order ends on its actual end date")
    func completed() throws {
        let details = try Self.draft(type: "licence", actualEnd: .parts(day: "1", month: "10", year: "2026"),
                                     outcome: "completed").validated(today: Fixture.today)
        #expect(details.type == .licence)
        #expect(details.outcome == .completed)
        #expect(details.actualEndDate == ymd("2026-10-01"))
        #expect(details.endDate == ymd("2026-10-01"))
    }

    // MARK: Type

    @Test("Every order type is accepted", arguments: OrderType.allCases)
    func everyType(type: OrderType) throws {
        let details = try Self.draft(type: type.rawValue).validated(today: Fixture.today)
        #expect(details.type == type)
    }

    @Test("The four order types of the glossary")
    func typeVocabulary() {
        #expect(OrderType.allCases.map(\.rawValue) == ["communityOrder", "suspendedSentenceOrder", "licence",
                                                        "postSentenceSupervision"])
    }

    @Test("The type is required", arguments: [nil, "", "  "] as [String?])
    func typeRequired(type: String?) {
        let failure = Self.failure(Self.draft(type: type))
        #expect(failure.fields == ["type"])
        #expect(failure.message(for: "type") == "Select the type of order")
    }

    @Test("An unknown type is refused", arguments: ["probation", "Licence", "community order"])
    func typeUnknown(type: String) throws {
        let failure = Self.failure(Self.draft(type: type))
        #expect(failure.fields == ["type"])
        let message = try #require(failure.message(for: "type"))
        #expect(message.hasPrefix("Select the type of order from the list"))
    }

    // MARK: Outcome

    @Test("The outcome defaults to active", arguments: [nil, ""] as [String?])
    func outcomeDefault(outcome: String?) throws {
        let details = try Self.draft(outcome: outcome).validated(today: Fixture.today)
        #expect(details.outcome == .active)
        #expect(details.actualEndDate == nil)
    }

    @Test("The five outcomes of the glossary")
    func outcomeVocabulary() {
        #expect(OrderOutcome.allCases.map(\.rawValue) == ["active", "completed", "terminatedEarly",
                                                           "revokedForBreach", "transferred"])
    }

    @Test("Every outcome that ends an order is accepted with an end date",
          arguments: OrderDraftTests.outcomesThatEnd)
    func endedOutcomes(outcome: OrderOutcome) throws {
        let details = try Self.draft(actualEnd: .iso("2026-06-30"), outcome: outcome.rawValue).validated(today: Fixture.today)
        #expect(details.outcome == outcome)
        #expect(details.actualEndDate == ymd("2026-06-30"))
    }

    @Test("An unknown outcome is refused", arguments: ["finished", "Completed", "breached"])
    func outcomeUnknown(outcome: String) throws {
        let failure = Self.failure(Self.draft(actualEnd: .iso("2026-06-30"), outcome: outcome))
        #expect(failure.fields == ["outcome"])
        let message = try #require(failure.message(for: "outcome"))
        #expect(message.hasPrefix("Select an outcome from the list"))
    }

    @Test("An active order cannot have an actual end date")
    func activeWithActualEnd() {
        let failure = Self.failure(Self.draft(actualEnd: .iso("2026-06-30"), outcome: "active"))
        #expect(failure.fields == ["actualEndDate"])
        #expect(failure.message(for: "actualEndDate") == "Remove the actual end date, or choose how the order ended")
    }

    @Test("An order that has ended needs the date it ended",
          arguments: OrderDraftTests.outcomesThatEnd)
    func endedWithoutDate(outcome: OrderOutcome) {
        let failure = Self.failure(Self.draft(outcome: outcome.rawValue))
        #expect(failure.fields == ["actualEndDate"])
        #expect(failure.message(for: "actualEndDate") == "Enter the date the order ended")
    }

    @Test("An unreadable end date on an ended order is reported as unreadable, once")
    func endedWithUnrealDate() throws {
        let failure = Self.failure(Self.draft(actualEnd: .iso("2026-02-30"), outcome: "completed"))
        #expect(failure.fields == ["actualEndDate"])
        let message = try #require(failure.message(for: "actualEndDate"))
        #expect(message == "Actual end date must be a real date, written as YYYY-MM-DD")
    }

    // MARK: Dates

    @Test("Start and expected end dates are required")
    func datesRequired() {
        let failure = Self.failure(Self.draft(start: .iso(nil), expectedEnd: .parts(day: nil, month: nil, year: nil)))
        #expect(failure.fields == ["startDate", "expectedEndDate"])
        #expect(failure.message(for: "startDate") == "Enter a start date")
        #expect(failure.message(for: "expectedEndDate") == "Enter an expected end date")
    }

    @Test("Dates must be real", arguments: [
        (DateInput.iso("2026-02-30"), DateInput.iso("2027-01-09"),
         FieldError("startDate", "Start date must be a real date, written as YYYY-MM-DD")),
        (DateInput.iso("2026-01-10"), DateInput.parts(day: "31", month: "6", year: "2027"),
         FieldError("expectedEndDate", "Expected end date must be a real date")),
        (DateInput.iso("2026-01-10"), DateInput.iso("2027-+1-09"),
         FieldError("expectedEndDate", "Expected end date must be a real date, written as YYYY-MM-DD")),
    ])
    func datesReal(start: DateInput, expectedEnd: DateInput, expected: FieldError) {
        let failure = Self.failure(Self.draft(start: start, expectedEnd: expectedEnd))
        #expect(failure.errors == [expected])
    }

    @Test("The expected end must be after the start", arguments: ["2026-01-10", "2026-01-09", "2025-06-01"])
    func endBeforeStart(expectedEnd: String) {
        let failure = Self.failure(Self.draft(start: .iso("2026-01-10"), expectedEnd: .iso(expectedEnd)))
        #expect(failure.fields == ["expectedEndDate"])
        #expect(failure.message(for: "expectedEndDate") == "Expected end date must be after the start date")
    }

    @Test("An expected end one day after the start is accepted")
    func endDayAfterStart() throws {
        let details = try Self.draft(start: .iso("2026-01-10"), expectedEnd: .iso("2026-01-11")).validated(today: Fixture.today)
        #expect(details.expectedEndDate == ymd("2026-01-11"))
    }

    @Test("The actual end cannot be before the start")
    func actualEndBeforeStart() {
        let failure = Self.failure(Self.draft(actualEnd: .iso("2026-01-09"), outcome: "terminatedEarly"))
        #expect(failure.fields == ["actualEndDate"])
        #expect(failure.message(for: "actualEndDate") == "Actual end date must be on or after the start date")
    }

    @Test("The actual end can be the start date, or today")
    func actualEndBounds() throws {
        let sameDay = try Self.draft(actualEnd: .iso("2026-01-10"), outcome: "transferred").validated(today: Fixture.today)
        #expect(sameDay.actualEndDate == ymd("2026-01-10"))
        let today = try Self.draft(actualEnd: .iso("2026-11-23"), outcome: "completed").validated(today: Fixture.today)
        #expect(today.actualEndDate == Fixture.today)
    }

    @Test("The actual end cannot be in the future", arguments: ["2026-11-24", "2027-01-09"])
    func actualEndInFuture(actualEnd: String) {
        let failure = Self.failure(Self.draft(actualEnd: .iso(actualEnd), outcome: "completed"))
        #expect(failure.fields == ["actualEndDate"])
        #expect(failure.message(for: "actualEndDate") == "Actual end date must be today or in the past")
    }

    @Test("An order can start up to a year ahead, not more")
    func startWithinAYear() throws {
        let details = try Self.draft(start: .iso("2027-11-23"), expectedEnd: .iso("2028-11-22")).validated(today: Fixture.today)
        #expect(details.startDate == ymd("2027-11-23"))
        let failure = Self.failure(Self.draft(start: .iso("2027-11-24"), expectedEnd: .iso("2028-11-22")))
        #expect(failure.fields == ["startDate"])
        #expect(failure.message(for: "startDate") == "Start date must be within the next year")
    }

    @Test("An order that started long ago is accepted")
    func oldOrder() throws {
        let details = try Self.draft(start: .iso("2015-03-01"), expectedEnd: .iso("2017-03-01"),
                                     actualEnd: .iso("2017-03-01"), outcome: "completed").validated(today: Fixture.today)
        #expect(details.startDate == ymd("2015-03-01"))
    }

    // MARK: Requirements and RAR days

    @Test("Every requirement is accepted (RAR with its days)", arguments: Requirement.allCases)
    func everyRequirement(requirement: Requirement) throws {
        let rarDays: String? = requirement == .rehabilitationActivity ? "20" : nil
        let details = try Self.draft(requirements: [requirement.rawValue], rarDays: rarDays).validated(today: Fixture.today)
        #expect(details.requirements == [requirement])
    }

    @Test("Requirements keep their order, lose duplicates and blanks")
    func requirementsDeduplicated() throws {
        let details = try Self.draft(requirements: ["curfew", "", "unpaidWork", "curfew"]).validated(today: Fixture.today)
        #expect(details.requirements == [.curfew, .unpaidWork])
    }

    @Test("An unknown requirement is refused", arguments: [["community"], ["curfew", "Curfew"], ["RAR"]])
    func unknownRequirement(requirements: [String]) {
        let failure = Self.failure(Self.draft(requirements: requirements))
        #expect(failure.fields == ["requirements"])
        #expect(failure.message(for: "requirements") == "Select requirements from the list")
    }

    @Test("RAR days from 1 to 250 are accepted", arguments: [("1", 1), ("250", 250), (" 30 ", 30), ("15", 15)])
    func rarDaysInRange(text: String, days: Int) throws {
        #expect(OrderDraft.rarDaysLimit == 250)
        let details = try Self.draft(requirements: ["rehabilitationActivity"], rarDays: text).validated(today: Fixture.today)
        #expect(details.rarDays == days)
        #expect(details.requirements == [.rehabilitationActivity])
    }

    @Test("RAR days outside 1 to 250, or not a whole number, are refused",
          arguments: ["0", "251", "-3", "ten", "2.5", "1e2", "20 days"])
    func rarDaysOutOfRange(text: String) {
        let failure = Self.failure(Self.draft(requirements: ["rehabilitationActivity"], rarDays: text))
        #expect(failure.fields == ["rarDays"])
        #expect(failure.message(for: "rarDays") == "RAR days must be a whole number from 1 to 250")
    }

    @Test("RAR days imply the RAR requirement")
    func daysImplyRequirement() throws {
        let details = try Self.draft(requirements: ["unpaidWork"], rarDays: "20").validated(today: Fixture.today)
        #expect(details.rarDays == 20)
        #expect(details.requirements == [.unpaidWork, .rehabilitationActivity])
    }

    @Test("The RAR requirement needs its number of days", arguments: [nil, "", "  "] as [String?])
    func requirementImpliesDays(rarDays: String?) {
        let failure = Self.failure(Self.draft(requirements: ["rehabilitationActivity"], rarDays: rarDays))
        #expect(failure.fields == ["rarDays"])
        #expect(failure.message(for: "rarDays") == "Enter the maximum number of RAR days the court set")
    }

    @Test("An order without a RAR has no RAR days")
    func noRAR() throws {
        let details = try Self.draft(requirements: ["curfew"], rarDays: "  ").validated(today: Fixture.today)
        #expect(details.rarDays == nil)
        #expect(!details.requirements.contains(.rehabilitationActivity))
    }

    // MARK: Every error at once

    @Test("Every problem is reported together, in form order")
    func allErrorsTogether() {
        let failure = Self.failure(OrderDraft(type: nil, startDate: .iso(nil), expectedEndDate: .iso("2026-13-01"),
                                              actualEndDate: .iso(nil), outcome: "finished",
                                              requirements: ["bogus"], rarDays: "0"))
        #expect(failure.fields == ["type", "startDate", "expectedEndDate", "outcome", "requirements", "rarDays"])
    }

    @Test("Date-rule failures are reported alongside other problems")
    func ruleErrorsTogether() {
        let failure = Self.failure(Self.draft(type: "probation", start: .iso("2026-01-10"), expectedEnd: .iso("2026-01-01"),
                                              actualEnd: .iso("2026-12-01"), outcome: "completed",
                                              requirements: ["rehabilitationActivity"]))
        #expect(failure.fields == ["type", "expectedEndDate", "actualEndDate", "rarDays"])
        #expect(failure.message(for: "actualEndDate") == "Actual end date must be today or in the past")
    }
}
