import Foundation
import Testing
@testable import WaymarkCore

@Suite("Volunteering: hours and expenses")
struct VolunteeringTests {

    // MARK: Hours

    static func hours(on: DateInput = .iso("2026-11-20"), hours: String? = "1.5",
                      activity: String? = "Accompanied appointment at the job centre") -> VolunteerHoursDraft {
        VolunteerHoursDraft(workedOn: on, hours: hours, activity: activity)
    }

    static func hoursFailure(_ draft: VolunteerHoursDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(today: Fixture.today) }
    }

    @Test("Hours are logged in quarter hours")
    func hoursValid() throws {
        let logged = try Self.hours(activity: "  Forms and letters  ").validated(today: Fixture.today)
        #expect(logged == VolunteerHours(workedOn: ymd("2026-11-20"), quarterHours: 6, activity: "Forms and letters"))
        #expect(logged.hoursText == "1.5")
    }

    @Test("Accepted hours: more than 0, at most 12, in quarters", arguments: [
        ("0.25", 1), ("0.5", 2), ("1", 4), ("1.5", 6), ("2.25", 9), ("2.75", 11), ("12", 48), ("12.00", 48), (" 3 ", 12),
    ])
    func hoursAccepted(text: String, quarters: Int) throws {
        #expect(try Self.hours(hours: text).validated(today: Fixture.today).quarterHours == quarters)
    }

    @Test("Other hours are refused", arguments: ["0", "0.0", "12.25", "13", "1.1", "1.3", "-3", "+2", "1,5", ".5", "5.", "abc", "1.2.3", "1e1"])
    func hoursRefused(text: String) {
        let failure = Self.hoursFailure(Self.hours(hours: text))
        #expect(failure.fields == ["hours"])
        #expect(failure.message(for: "hours") == "Hours must be more than 0 and no more than 12, in quarter hours, like 1.5 or 2.25")
    }

    @Test("Hours are required", arguments: [nil, "", "  "] as [String?])
    func hoursRequired(text: String?) {
        let failure = Self.hoursFailure(Self.hours(hours: text))
        #expect(failure.fields == ["hours"])
        #expect(failure.message(for: "hours") == "Enter the hours")
    }

    @Test("The date is today or in the past, within the last year", arguments: [
        ("2026-11-23", nil), ("2025-11-23", nil),
        ("2026-11-24", "Date must be today or in the past"),
        ("2027-01-01", "Date must be today or in the past"),
        ("2025-11-22", "Date must be within the last year"),
        ("", "Enter a date"),
    ] as [(String, String?)])
    func hoursDate(date: String, message: String?) throws {
        let draft = Self.hours(on: .iso(date))
        if let message {
            let failure = Self.hoursFailure(draft)
            #expect(failure.fields == ["workedOn"])
            #expect(failure.message(for: "workedOn") == message)
        } else {
            #expect(try draft.validated(today: Fixture.today).workedOn == ymd(date))
        }
    }

    @Test("What they did is required, and every problem is reported at once")
    func hoursEverything() {
        let failure = Self.hoursFailure(Self.hours(on: .iso("2026-12-01"), hours: "-1", activity: " "))
        #expect(failure.fields == ["workedOn", "hours", "activity"])
        #expect(failure.message(for: "activity") == "Enter what they did")
    }

    // MARK: Expenses

    static func expense(on: DateInput = .iso("2026-11-20"), kind: String? = "fares", miles: String? = nil,
                        amount: String? = "4.50", receipt: String? = nil,
                        description: String? = "Bus to the Chelmsford office") -> ExpenseClaimDraft {
        ExpenseClaimDraft(incurredOn: on, kind: kind, miles: miles, amount: amount, receiptReference: receipt, description: description)
    }

    static func expenseFailure(_ draft: ExpenseClaimDraft, settings: ProgrammeSettings = .standard,
                               sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(today: Fixture.today, settings: settings) }
    }

    static let amountMessage = "Amount must be more than £0, in pounds and pence, like 4.50"

    @Test("A fare is claimed in pence")
    func fareValid() throws {
        let claim = try Self.expense(description: "  Bus to the Chelmsford office ").validated(today: Fixture.today, settings: .standard)
        #expect(claim == ExpenseClaim(incurredOn: ymd("2026-11-20"), kind: .fares, miles: nil, amountPence: 450,
                                      receiptReference: nil, description: "Bus to the Chelmsford office"))
    }

    @Test("Amounts in pounds and pence, with or without £", arguments: [
        ("£4.50", 450), ("4.5", 450), ("4.50", 450), ("4", 400), ("12", 1200), ("0.01", 1), ("0.1", 10),
        (" £12.30 ", 1230), ("£500", 50_000), ("500.00", 50_000),
    ])
    func amounts(text: String, pence: Int) throws {
        #expect(try Self.expense(amount: text).validated(today: Fixture.today, settings: .standard).amountPence == pence)
    }

    @Test("Negative, zero and malformed amounts are refused with a specific message",
          arguments: ["-3", "£-3", "-0.50", "0", "0.00", "£0", "1,000", "4.505", "4.", ".50", "abc", "4.5.0", "4 50", "+4"])
    func amountsRefused(text: String) {
        let failure = Self.expenseFailure(Self.expense(amount: text))
        #expect(failure.fields == ["amount"])
        #expect(failure.message(for: "amount") == Self.amountMessage)
    }

    @Test("The amount is required for fares and other expenses", arguments: [nil, "", " ", "£"] as [String?])
    func amountRequired(text: String?) {
        let failure = Self.expenseFailure(Self.expense(amount: text))
        #expect(failure.fields == ["amount"])
        #expect(failure.message(for: "amount") == "Enter the amount")
    }

    @Test("A claim is at most £500", arguments: [("500", true), ("500.00", true), ("500.01", false), ("1000", false)])
    func limit(text: String, accepted: Bool) throws {
        #expect(ExpenseClaimDraft.limitPence == 50_000)
        let draft = Self.expense(amount: text)
        if accepted {
            #expect(try draft.validated(today: Fixture.today, settings: .standard).amountPence == 50_000)
        } else {
            let failure = Self.expenseFailure(draft)
            #expect(failure.fields == ["amount"])
            #expect(failure.message(for: "amount") == "A claim must be £500 or less")
        }
    }

    @Test("Mileage is paid at 45p a mile; any amount typed is ignored", arguments: [
        ("1", 45), ("10", 450), ("37", 1665), (" 12 ", 540), ("500", 22_500),
    ])
    func mileage(miles: String, pence: Int) throws {
        let claim = try Self.expense(kind: "mileage", miles: miles, amount: "999")
            .validated(today: Fixture.today, settings: .standard)
        #expect(claim.kind == .mileage)
        #expect(claim.miles == Int(miles.trimmingCharacters(in: .whitespaces)))
        #expect(claim.amountPence == pence)
    }

    @Test("The mileage rate is a setting")
    func mileageRate() throws {
        let settings = ProgrammeSettings(mileagePencePerMile: 30)
        #expect(try Self.expense(kind: "mileage", miles: "10").validated(today: Fixture.today, settings: settings).amountPence == 300)
    }

    @Test("Mileage over the limit is refused on the miles")
    func mileageLimit() throws {
        let settings = ProgrammeSettings(mileagePencePerMile: 200)
        #expect(try Self.expense(kind: "mileage", miles: "250").validated(today: Fixture.today, settings: settings).amountPence == 50_000)
        let failure = Self.expenseFailure(Self.expense(kind: "mileage", miles: "251"), settings: settings)
        #expect(failure.fields == ["miles"])
        #expect(failure.message(for: "miles") == "A claim must be £500 or less")
    }

    @Test("Miles are a whole number from 1 to 500", arguments: [
        (String?.none, "Enter the miles travelled"), ("", "Enter the miles travelled"),
        ("0", "Miles must be a whole number from 1 to 500"), ("501", "Miles must be a whole number from 1 to 500"),
        ("2.5", "Miles must be a whole number from 1 to 500"), ("-3", "Miles must be a whole number from 1 to 500"),
        ("ten", "Miles must be a whole number from 1 to 500"),
    ])
    func milesRefused(miles: String?, message: String) {
        let failure = Self.expenseFailure(Self.expense(kind: "mileage", miles: miles))
        #expect(failure.fields == ["miles"])
        #expect(failure.message(for: "miles") == message)
    }

    @Test("A receipt is required for 'other' expenses only", arguments: [
        ("other", nil, false), ("other", "  ", false), ("other", "RCPT-0042", true),
        ("fares", nil, true), ("mileage", nil, true),
    ] as [(String, String?, Bool)])
    func receipt(kind: String, receipt: String?, accepted: Bool) throws {
        let draft = Self.expense(kind: kind, miles: "12", receipt: receipt)
        if accepted {
            let claim = try draft.validated(today: Fixture.today, settings: .standard)
            #expect(claim.receiptReference == receipt?.trimmingCharacters(in: .whitespaces).nilIfEmpty)
        } else {
            let failure = Self.expenseFailure(draft)
            #expect(failure.fields == ["receiptReference"])
            #expect(failure.message(for: "receiptReference") == "Enter the receipt reference for this expense")
        }
    }

    @Test("An over-long receipt reference is refused for its length, not as missing")
    func receiptLength() {
        let failure = Self.expenseFailure(Self.expense(kind: "other", receipt: String(repeating: "R", count: 51)))
        #expect(failure.fields == ["receiptReference"])
        #expect(failure.message(for: "receiptReference") == "Receipt reference must be 50 characters or fewer")
    }

    @Test("The date is today or in the past, and claims are made within 3 months", arguments: [
        ("2026-11-23", nil), ("2026-08-23", nil),
        ("2026-11-24", "Date must be today or in the past"),
        ("2026-08-22", "Claims must be made within 3 months"),
        ("2026-01-01", "Claims must be made within 3 months"),
        ("", "Enter a date"),
    ] as [(String, String?)])
    func expenseDate(date: String, message: String?) throws {
        let draft = Self.expense(on: .iso(date))
        if let message {
            let failure = Self.expenseFailure(draft)
            #expect(failure.fields == ["incurredOn"])
            #expect(failure.message(for: "incurredOn") == message)
        } else {
            #expect(try draft.validated(today: Fixture.today, settings: .standard).incurredOn == ymd(date))
        }
    }

    @Test("The type of expense is chosen from the list", arguments: [
        (String?.none, "Select the type of expense"),
        ("", "Select the type of expense"),
        ("taxi", "Select the type of expense from the list (one of: mileage, fares, other)"),
    ])
    func kind(kind: String?, message: String) {
        let failure = Self.expenseFailure(Self.expense(kind: kind))
        #expect(failure.fields == ["kind"])
        #expect(failure.message(for: "kind") == message)
    }

    @Test("Every problem with a claim is reported at once")
    func expenseEverything() {
        let failure = Self.expenseFailure(Self.expense(on: .iso("2026-12-01"), kind: "other", amount: "-3", description: nil))
        #expect(failure.fields == ["incurredOn", "amount", "receiptReference", "description"])
        #expect(failure.message(for: "amount") == Self.amountMessage)
        #expect(failure.message(for: "description") == "Enter what the expense was for")
    }

    @Test("Labels")
    func labels() {
        #expect(ExpenseKind.fares.label == "Fares (bus, train)")
        #expect(ExpenseState.approved.label == "Approved")
        #expect(ExpenseState.submitted.label == "Submitted")
    }

    // MARK: Monthly totals

    static func worked(_ on: String, _ quarters: Int) -> VolunteerHours {
        VolunteerHours(workedOn: ymd(on), quarterHours: quarters, activity: "Mentoring")
    }

    static func claim(_ on: String, _ pence: Int, _ state: ExpenseState) -> (claim: ExpenseClaim, state: ExpenseState) {
        (ExpenseClaim(incurredOn: ymd(on), kind: .fares, miles: nil, amountPence: pence, receiptReference: nil, description: "Bus"), state)
    }

    @Test("Monthly totals: hours, approved and waiting money per month, newest first; rejected claims add nothing")
    func monthlyTotals() {
        let totals = Volunteering.monthlyTotals(
            hours: [Self.worked("2026-11-02", 6), Self.worked("2026-10-15", 8), Self.worked("2026-11-20", 4),
                    Self.worked("2025-12-31", 4), Self.worked("2026-01-01", 2)],
            expenses: [Self.claim("2026-11-03", 450, .approved), Self.claim("2026-11-30", 1200, .approved),
                       Self.claim("2026-11-10", 300, .submitted), Self.claim("2026-11-11", 999, .rejected),
                       Self.claim("2026-10-01", 225, .submitted), Self.claim("2026-09-09", 1000, .approved)])
        #expect(totals == [
            MonthTotal(year: 2026, month: 11, quarterHours: 10, approvedPence: 1650, waitingPence: 300),
            MonthTotal(year: 2026, month: 10, quarterHours: 8, approvedPence: 0, waitingPence: 225),
            MonthTotal(year: 2026, month: 9, quarterHours: 0, approvedPence: 1000, waitingPence: 0),
            MonthTotal(year: 2026, month: 1, quarterHours: 2, approvedPence: 0, waitingPence: 0),
            MonthTotal(year: 2025, month: 12, quarterHours: 4, approvedPence: 0, waitingPence: 0),
        ])
        #expect(totals.map(\.label) == ["November 2026", "October 2026", "September 2026", "January 2026", "December 2025"])
    }

    @Test("No hours and no claims: no months")
    func monthlyTotalsEmpty() {
        #expect(Volunteering.monthlyTotals(hours: [], expenses: []).isEmpty)
    }

    @Test("The same month in different years is kept apart")
    func monthlyTotalsYears() {
        let totals = Volunteering.monthlyTotals(hours: [Self.worked("2025-11-01", 4), Self.worked("2026-11-01", 8)], expenses: [])
        #expect(totals.map(\.quarterHours) == [8, 4])
        #expect(totals.map(\.year) == [2026, 2025])
    }

    // MARK: Formatting

    @Test("Money is shown in pounds and pence", arguments: [
        (0, "£0.00"), (5, "£0.05"), (45, "£0.45"), (450, "£4.50"), (1200, "£12.00"), (50_000, "£500.00"), (123_456, "£1234.56"),
    ])
    func money(pence: Int, text: String) {
        #expect(Volunteering.money(pence) == text)
    }

    @Test("Hours are shown without needless zeros", arguments: [
        (0, "0"), (1, "0.25"), (2, "0.5"), (3, "0.75"), (4, "1"), (6, "1.5"), (9, "2.25"), (10, "2.5"), (11, "2.75"),
        (48, "12"), (49, "12.25"), (400, "100"), (402, "100.5"),
    ])
    func hoursText(quarters: Int, text: String) {
        #expect(Volunteering.hoursText(quarters) == text)
        #expect(Self.worked("2026-11-01", quarters).hoursText == text)
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
