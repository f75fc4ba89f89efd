import Foundation
import Testing
@testable import WaymarkCore

/// One row of the RAR ledger table: the activities on an order and every figure the ledger
/// must show for them, worked out by hand from DESIGN.md ("RAR ledger").
struct LedgerCase: Sendable, CustomTestStringConvertible {
    let name: String
    var total: Int
    var basis: RARCountingBasis = .distinctDays
    var activities: [RARActivity]
    /// Fixture.today (Monday 23 November 2026) unless a case says otherwise.
    var today: String = "2026-11-23"
    /// Wednesday 30 June 2027: 158 working days from Monday 23 November 2026, inclusive.
    var orderEnd: String = "2027-06-30"
    var active: Bool = true
    let completed: Int
    let distinct: Int
    let appointments: Int
    let scheduled: Int
    let remaining: Int
    let workingDaysLeft: Int
    let warnings: [String]

    var testDescription: String { name }
}

/// A RAR activity on `iso`; `nil` outcome means booked and not yet recorded.
func rar(_ iso: String, _ outcome: AttendanceOutcome?, _ kind: RARActivityKind = .groupSession, title: String = "") -> RARActivity {
    RARActivity(date: ymd(iso), kind: kind, outcome: outcome, title: title)
}

@Suite("RAR ledger")
struct RARLedgerTests {

    static func ledger(_ c: LedgerCase) -> RARLedger {
        RARRule.ledger(totalDays: c.total, activities: c.activities, basis: c.basis, today: ymd(c.today), orderEnd: ymd(c.orderEnd),
                       orderActive: c.active)
    }

    static func ledger(total: Int, _ activities: [RARActivity], basis: RARCountingBasis = .distinctDays, today: String = "2026-11-23",
                       orderEnd: String = "2027-06-30", active: Bool = true) -> RARLedger {
        RARRule.ledger(totalDays: total, activities: activities, basis: basis, today: ymd(today), orderEnd: ymd(orderEnd), orderActive: active)
    }

    static let cases: [LedgerCase] = [
        LedgerCase(name: "Nothing done or booked yet", total: 20, activities: [],
                   completed: 0, distinct: 0, appointments: 0, scheduled: 0, remaining: 20, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "Two activities on one day: one distinct day, two appointments", total: 20,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-02", .attendedComplied, .oneToOne)],
                   completed: 1, distinct: 1, appointments: 2, scheduled: 0, remaining: 19, workingDaysLeft: 158,
                   warnings: ["countingBasesDiffer"]),
        LedgerCase(name: "Two activities on one day, counted by appointments", total: 20, basis: .appointments,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-02", .attendedComplied, .oneToOne)],
                   completed: 2, distinct: 1, appointments: 2, scheduled: 0, remaining: 18, workingDaysLeft: 158,
                   warnings: ["countingBasesDiffer"]),
        LedgerCase(name: "Activities on different days: both bases agree", total: 20, basis: .appointments,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied, .other)],
                   completed: 2, distinct: 2, appointments: 2, scheduled: 0, remaining: 18, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "Absences and non-compliance earn nothing; only attended and complied counts", total: 10,
                   activities: [rar("2026-11-02", .acceptableAbsence), rar("2026-11-03", .failedToAttend),
                                rar("2026-11-04", .unacceptableAbsence), rar("2026-11-05", .attendedFailedToComply),
                                rar("2026-11-06", .sentHomeBehaviour), rar("2026-11-09", .sentHomeServiceIssues),
                                rar("2026-11-10", .attendedComplied)],
                   completed: 1, distinct: 1, appointments: 1, scheduled: 0, remaining: 9, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "An absence on a day with an attended activity does not take the day away", total: 10,
                   activities: [rar("2026-11-02", .failedToAttend), rar("2026-11-02", .attendedComplied, .oneToOne)],
                   completed: 1, distinct: 1, appointments: 1, scheduled: 0, remaining: 9, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "A one-to-one assessment never counts, attended or booked", total: 10,
                   activities: [rar("2026-11-02", .attendedComplied, .assessment), rar("2026-11-30", nil, .assessment),
                                rar("2026-11-04", .attendedComplied, .oneToOne), rar("2026-11-05", .attendedComplied, .other)],
                   completed: 2, distinct: 2, appointments: 2, scheduled: 0, remaining: 8, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "An assessment on the same day as a session does not make a second appointment", total: 10, basis: .appointments,
                   activities: [rar("2026-11-02", .attendedComplied, .assessment), rar("2026-11-02", .attendedComplied)],
                   completed: 1, distinct: 1, appointments: 1, scheduled: 0, remaining: 9, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "Distinct days are capped at the court's maximum", total: 3,
                   activities: ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"].map { rar($0, .attendedComplied) },
                   completed: 3, distinct: 3, appointments: 5, scheduled: 0, remaining: 0, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "Appointments are capped at the court's maximum too", total: 3, basis: .appointments,
                   activities: ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"].map { rar($0, .attendedComplied) },
                   completed: 3, distinct: 3, appointments: 5, scheduled: 0, remaining: 0, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "Capped appointments against uncapped distinct days still differ", total: 4, basis: .appointments,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-02", .attendedComplied, .oneToOne),
                                rar("2026-11-03", .attendedComplied), rar("2026-11-03", .attendedComplied, .oneToOne),
                                rar("2026-11-04", .attendedComplied)],
                   completed: 4, distinct: 3, appointments: 5, scheduled: 0, remaining: 0, workingDaysLeft: 158,
                   warnings: ["countingBasesDiffer"]),
        LedgerCase(name: "The same activities by distinct days", total: 4,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-02", .attendedComplied, .oneToOne),
                                rar("2026-11-03", .attendedComplied), rar("2026-11-03", .attendedComplied, .oneToOne),
                                rar("2026-11-04", .attendedComplied)],
                   completed: 3, distinct: 3, appointments: 5, scheduled: 0, remaining: 1, workingDaysLeft: 158,
                   warnings: ["countingBasesDiffer"]),
        LedgerCase(name: "Scheduled by distinct days: new days only, and never an assessment", total: 10,
                   activities: [rar("2026-11-16", .attendedComplied), rar("2026-11-16", nil, .oneToOne),
                                rar("2026-11-30", nil), rar("2026-11-30", nil, .oneToOne), rar("2026-12-07", nil),
                                rar("2026-12-08", nil, .assessment)],
                   completed: 1, distinct: 1, appointments: 1, scheduled: 2, remaining: 9, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "Scheduled by appointments: every booked activity but the assessment", total: 10, basis: .appointments,
                   activities: [rar("2026-11-16", .attendedComplied), rar("2026-11-16", nil, .oneToOne),
                                rar("2026-11-30", nil), rar("2026-11-30", nil, .oneToOne), rar("2026-12-07", nil),
                                rar("2026-12-08", nil, .assessment)],
                   completed: 1, distinct: 1, appointments: 1, scheduled: 4, remaining: 9, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "Remaining days do not fit in the working days left", total: 10,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied), rar("2026-11-04", .attendedComplied)],
                   orderEnd: "2026-11-27",
                   completed: 3, distinct: 3, appointments: 3, scheduled: 0, remaining: 7, workingDaysLeft: 5,
                   warnings: ["remainingDaysDoNotFit"]),
        LedgerCase(name: "Remaining days exactly fill the working days left", total: 8,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied), rar("2026-11-04", .attendedComplied)],
                   orderEnd: "2026-11-27",
                   completed: 3, distinct: 3, appointments: 3, scheduled: 0, remaining: 5, workingDaysLeft: 5, warnings: []),
        LedgerCase(name: "A weekend is no working days at all", total: 2, activities: [rar("2026-11-23", .attendedComplied)],
                   today: "2026-11-28", orderEnd: "2026-11-29",
                   completed: 1, distinct: 1, appointments: 1, scheduled: 0, remaining: 1, workingDaysLeft: 0,
                   warnings: ["remainingDaysDoNotFit"]),
        LedgerCase(name: "An active order past its expected end has no working days left", total: 2, activities: [],
                   orderEnd: "2026-11-20",
                   completed: 0, distinct: 0, appointments: 0, scheduled: 0, remaining: 2, workingDaysLeft: 0,
                   warnings: ["remainingDaysDoNotFit"]),
        LedgerCase(name: "The order ended with days not done", total: 10,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied)],
                   orderEnd: "2026-11-20", active: false,
                   completed: 2, distinct: 2, appointments: 2, scheduled: 0, remaining: 8, workingDaysLeft: 0,
                   warnings: ["orderEndedWithDaysRemaining"]),
        LedgerCase(name: "An ended order with every day done has no warning", total: 2,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied)],
                   orderEnd: "2026-11-20", active: false,
                   completed: 2, distinct: 2, appointments: 2, scheduled: 0, remaining: 0, workingDaysLeft: 0, warnings: []),
        LedgerCase(name: "Booked beyond the maximum", total: 3,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied),
                                rar("2026-11-30", nil), rar("2026-12-07", nil)],
                   completed: 2, distinct: 2, appointments: 2, scheduled: 2, remaining: 1, workingDaysLeft: 158,
                   warnings: ["bookedBeyondMaximum"]),
        LedgerCase(name: "Booked exactly up to the maximum", total: 3,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied), rar("2026-11-30", nil)],
                   completed: 2, distinct: 2, appointments: 2, scheduled: 1, remaining: 1, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "Two bookings on one day are one new day, so not beyond the maximum", total: 3,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied),
                                rar("2026-11-30", nil), rar("2026-11-30", nil, .oneToOne)],
                   completed: 2, distinct: 2, appointments: 2, scheduled: 1, remaining: 1, workingDaysLeft: 158, warnings: []),
        LedgerCase(name: "... but two appointments by the appointments basis", total: 3, basis: .appointments,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied),
                                rar("2026-11-30", nil), rar("2026-11-30", nil, .oneToOne)],
                   completed: 2, distinct: 2, appointments: 2, scheduled: 2, remaining: 1, workingDaysLeft: 158,
                   warnings: ["bookedBeyondMaximum"]),
        LedgerCase(name: "Every warning that applies, in order", total: 7,
                   activities: [rar("2026-11-02", .attendedComplied), rar("2026-11-02", .attendedComplied, .oneToOne)]
                       + ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-12-01", "2026-12-02"].map { rar($0, nil) },
                   orderEnd: "2026-11-27",
                   completed: 1, distinct: 1, appointments: 2, scheduled: 7, remaining: 6, workingDaysLeft: 5,
                   warnings: ["remainingDaysDoNotFit", "bookedBeyondMaximum", "countingBasesDiffer"]),
    ]

    @Test("The ledger counts, caps, schedules and warns", arguments: RARLedgerTests.cases)
    func ledgerTable(_ c: LedgerCase) {
        let ledger = Self.ledger(c)
        #expect(ledger.totalDays == c.total)
        #expect(ledger.basis == c.basis)
        #expect(ledger.completedDays == c.completed, "completed")
        #expect(ledger.completedDistinctDays == c.distinct, "distinct days")
        #expect(ledger.appointmentsAttended == c.appointments, "appointments")
        #expect(ledger.scheduledDays == c.scheduled, "scheduled")
        #expect(ledger.remainingDays == c.remaining, "remaining")
        #expect(ledger.remainingDays == ledger.totalDays - ledger.completedDays)
        #expect(ledger.workingDaysLeft == c.workingDaysLeft, "working days left")
        let expectedLeft = c.active ? RARRule.workingDays(from: ymd(c.today), through: ymd(c.orderEnd)) : 0
        #expect(ledger.workingDaysLeft == expectedLeft)
        #expect(ledger.warnings.map(\.code) == c.warnings)
        // The warning about fitting in is exactly "remaining > working days left" on an active order.
        #expect(ledger.warnings.contains { $0.code == "remainingDaysDoNotFit" } == (c.active && c.remaining > expectedLeft))
    }

    @Test("Only attended and complied earns a day", arguments: AttendanceOutcome.allCases)
    func outcomes(outcome: AttendanceOutcome) {
        let ledger = Self.ledger(total: 10, [rar("2026-11-02", outcome)])
        let credited = outcome == .attendedComplied ? 1 : 0
        #expect(ledger.completedDays == credited)
        #expect(ledger.appointmentsAttended == credited)
        #expect(ledger.scheduledDays == 0, "a recorded outcome is never still scheduled")
        #expect(ledger.remainingDays == 10 - credited)
    }

    @Test("Arriving late, recorded as attended and complied, still earns the day")
    func lateStillCounts() throws {
        let record = try AttendanceDraft(outcome: "attendedComplied", absenceReason: nil, late: true, lateReason: "The bus was late",
                                         behaviourNotes: nil, tellPractitioner: false)
            .validated(sessionDate: ymd("2026-11-16"), today: Fixture.today, booked: true, alreadyRecorded: false)
        #expect(record.late)
        #expect(record.outcome == .attendedComplied)
        let ledger = Self.ledger(total: 10, [RARActivity(date: ymd("2026-11-16"), kind: .groupSession, outcome: record.outcome)])
        #expect(ledger.completedDays == 1)
        #expect(ledger.remainingDays == 9)
    }

    @Test("The default counting basis is distinct days")
    func defaultBasis() {
        #expect(ProgrammeSettings.standard.rarCountingBasis == .distinctDays)
        #expect(RARCountingBasis.allCases == [.distinctDays, .appointments])
        #expect(RARActivityKind.allCases.filter(\.counts) == [.groupSession, .oneToOne, .other])
    }

    // MARK: Warning messages

    @Test("Remaining days that do not fit say how many and by when")
    func doNotFitMessage() {
        let ledger = Self.ledger(total: 10, ["2026-11-02", "2026-11-03", "2026-11-04"].map { rar($0, .attendedComplied) }, orderEnd: "2026-11-27")
        #expect(ledger.warnings == [RARWarning(code: "remainingDaysDoNotFit",
                                               message: "7 RAR days left but only 5 working days before the order ends on 27 November 2026")])
    }

    @Test("Singular days and working days are worded as one")
    func singularMessages() {
        // Friday to Friday: one working day; 2 of 3 left.
        let oneDayLeft = Self.ledger(total: 3, [rar("2026-11-02", .attendedComplied)], today: "2026-11-27", orderEnd: "2026-11-27")
        #expect(oneDayLeft.workingDaysLeft == 1)
        #expect(oneDayLeft.warnings.map(\.message) == ["2 RAR days left but only 1 working day before the order ends on 27 November 2026"])

        let oneRARDay = Self.ledger(total: 2, [rar("2026-11-23", .attendedComplied)], today: "2026-11-28", orderEnd: "2026-11-29")
        #expect(oneRARDay.warnings.map(\.message) == ["1 RAR day left but only 0 working days before the order ends on 29 November 2026"])

        let ended = Self.ledger(total: 2, [rar("2026-11-02", .attendedComplied)], orderEnd: "2026-11-20", active: false)
        #expect(ended.warnings.map(\.message) == ["The order has ended with 1 RAR day not done"])
    }

    @Test("An ended order says how many days were not done")
    func endedMessage() {
        let ledger = Self.ledger(total: 10, [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied)],
                                 orderEnd: "2026-11-20", active: false)
        #expect(ledger.warnings == [RARWarning(code: "orderEndedWithDaysRemaining", message: "The order has ended with 8 RAR days not done")])
    }

    @Test("Booking beyond the maximum says the extra will not count")
    func bookedBeyondMessage() {
        let ledger = Self.ledger(total: 3, [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied),
                                            rar("2026-11-30", nil), rar("2026-12-07", nil)])
        #expect(ledger.warnings == [RARWarning(code: "bookedBeyondMaximum",
                                               message: "2 RAR days booked but only 1 left: the extra will not count towards the RAR")])
    }

    @Test("Differing bases show both figures")
    func basesDifferMessage() {
        let ledger = Self.ledger(total: 20, [rar("2026-11-02", .attendedComplied), rar("2026-11-02", .attendedComplied, .oneToOne)],
                                 basis: .appointments)
        #expect(ledger.warnings == [RARWarning(code: "countingBasesDiffer",
                                               message: "Counted by distinct days, 1 done; counted by appointments, as the national case system does, 2. Several activities fell on the same day.")])
    }

    // MARK: Working days and weekdays

    @Test("Working days are Monday to Friday, inclusive of both ends", arguments: [
        ("2026-11-23", "2026-11-29", 5),   // Monday to Sunday
        ("2026-11-23", "2026-11-27", 5),   // Monday to Friday
        ("2026-11-23", "2026-11-23", 1),   // one Monday
        ("2026-11-28", "2026-11-28", 0),   // one Saturday
        ("2026-11-29", "2026-11-29", 0),   // one Sunday
        ("2026-11-28", "2026-11-29", 0),   // a weekend
        ("2026-11-22", "2026-11-23", 1),   // Sunday to Monday
        ("2026-11-27", "2026-11-30", 2),   // Friday to Monday
        ("2026-11-28", "2026-12-04", 5),   // Saturday to Friday
        ("2026-11-23", "2026-11-30", 6),   // Monday to the next Monday
        ("2026-11-23", "2026-12-31", 29),  // 5 weeks, then Monday 28 to Thursday 31 December
        ("2026-11-23", "2027-06-30", 158), // 31 weeks, then Monday to Wednesday
        ("2028-02-28", "2028-03-01", 3),   // Monday 28 February, leap day, Wednesday 1 March
        ("2027-01-01", "2027-12-31", 261), // a year starting and ending on a Friday
        ("2026-11-24", "2026-11-23", 0),   // end before start
        ("2027-01-01", "2026-01-01", 0),   // end a year before start
    ])
    func workingDays(start: String, end: String, expected: Int) {
        #expect(RARRule.workingDays(from: ymd(start), through: ymd(end)) == expected)
    }

    @Test("Weekday index runs from 0 for Monday to 6 for Sunday, before and after the 2024 reference", arguments: [
        ("2026-11-23", 0), ("2026-11-24", 1), ("2026-11-25", 2), ("2026-11-26", 3), ("2026-11-27", 4),
        ("2026-11-28", 5), ("2026-11-29", 6),
        ("2024-01-01", 0), ("2023-12-31", 6), ("2023-12-25", 0), ("2023-12-29", 4),
        ("2000-01-01", 5), ("1999-12-31", 4), ("2028-02-29", 1),
    ])
    func weekdayIndex(iso: String, expected: Int) {
        #expect(ymd(iso).weekdayIndex == expected)
    }

    // MARK: Crediting and booking against the maximum

    static let allDone = RARLedgerTests.ledger(total: 3, ["2026-11-02", "2026-11-03", "2026-11-04"].map { rar($0, .attendedComplied) })
    static let allDoneByAppointments = RARLedgerTests.ledger(total: 3, ["2026-11-02", "2026-11-03", "2026-11-04"].map { rar($0, .attendedComplied) },
                                                            basis: .appointments)
    static let creditedDates: Set<CalendarDate> = [ymd("2026-11-02"), ymd("2026-11-03"), ymd("2026-11-04")]

    static func creditFailure(_ ledger: RARLedger, on iso: String, credited: Set<CalendarDate>) -> ValidationFailure? {
        do throws(ValidationFailure) {
            try RARRule.checkCredit(ledger, on: ymd(iso), creditedDates: credited)
            return nil
        } catch {
            return error
        }
    }

    static func bookingFailure(_ ledger: RARLedger, on iso: String, dates: Set<CalendarDate>) -> ValidationFailure? {
        do throws(ValidationFailure) {
            try RARRule.checkBooking(ledger, on: ymd(iso), bookedOrCreditedDates: dates)
            return nil
        } catch {
            return error
        }
    }

    @Test("Crediting a new day is refused once the maximum is reached, naming the maximum")
    func creditRefusedAtMaximum() {
        #expect(Self.allDone.remainingDays == 0)
        let failure = Self.creditFailure(Self.allDone, on: "2026-11-30", credited: Self.creditedDates)
        #expect(failure?.fields == ["outcome"])
        #expect(failure?.message(for: "outcome")
                == "The court set a maximum of 3 RAR days and all are done: no more RAR days can be credited on this order")
        #expect(failure?.message(for: "outcome")?.contains("maximum of 3 RAR days") == true)
    }

    @Test("At the maximum, a second activity on a day already credited is allowed by distinct days (it adds nothing)")
    func creditSameDayByDistinctDays() {
        #expect(Self.creditFailure(Self.allDone, on: "2026-11-03", credited: Self.creditedDates) == nil)
    }

    @Test("At the maximum, counted by appointments, even a day already credited is refused")
    func creditSameDayByAppointments() {
        #expect(Self.allDoneByAppointments.remainingDays == 0)
        let failure = Self.creditFailure(Self.allDoneByAppointments, on: "2026-11-03", credited: Self.creditedDates)
        #expect(failure?.fields == ["outcome"])
        #expect(failure?.message(for: "outcome")?.contains("maximum of 3 RAR days") == true)
    }

    @Test("Below the maximum, crediting is allowed on any day, by either basis", arguments: RARCountingBasis.allCases)
    func creditBelowMaximum(basis: RARCountingBasis) {
        let ledger = Self.ledger(total: 4, ["2026-11-02", "2026-11-03", "2026-11-04"].map { rar($0, .attendedComplied) }, basis: basis)
        #expect(ledger.remainingDays == 1)
        #expect(Self.creditFailure(ledger, on: "2026-11-30", credited: Self.creditedDates) == nil)
        #expect(Self.creditFailure(ledger, on: "2026-11-02", credited: Self.creditedDates) == nil)
    }

    /// 3 days, 2 done, 1 booked on 30 November: nothing left to book.
    static let fullyBooked = RARLedgerTests.ledger(total: 3, [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied),
                                                              rar("2026-11-30", nil)])
    static let fullyBookedDates: Set<CalendarDate> = [ymd("2026-11-02"), ymd("2026-11-03"), ymd("2026-11-30")]

    @Test("Booking another RAR day when the remaining days are all booked is refused")
    func bookingRefusedWhenAllBooked() {
        #expect(Self.fullyBooked.scheduledDays == 1)
        #expect(Self.fullyBooked.remainingDays == 1)
        let failure = Self.bookingFailure(Self.fullyBooked, on: "2026-12-07", dates: Self.fullyBookedDates)
        #expect(failure?.fields == ["personId"])
        #expect(failure?.message(for: "personId")
                == "Their order has 1 RAR day left and all are already booked: another would go beyond the court’s maximum")
    }

    @Test("By distinct days, a second booking on a day already booked or credited is allowed", arguments: ["2026-11-30", "2026-11-02"])
    func bookingSameDay(iso: String) {
        #expect(Self.bookingFailure(Self.fullyBooked, on: iso, dates: Self.fullyBookedDates) == nil)
    }

    @Test("By appointments, a second booking on a day already booked is refused")
    func bookingSameDayByAppointments() {
        let ledger = Self.ledger(total: 3, [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied), rar("2026-11-30", nil)],
                                 basis: .appointments)
        let failure = Self.bookingFailure(ledger, on: "2026-11-30", dates: Self.fullyBookedDates)
        #expect(failure?.fields == ["personId"])
    }

    @Test("Booking when every day is done says so")
    func bookingWhenAllDone() {
        let failure = Self.bookingFailure(Self.allDone, on: "2026-11-30", dates: Self.creditedDates)
        #expect(failure?.fields == ["personId"])
        #expect(failure?.message(for: "personId")
                == "Their order’s 3 RAR days are all done: a RAR session would go beyond the court’s maximum")
    }

    @Test("Booking with days left unbooked is allowed")
    func bookingWithRoom() {
        let ledger = Self.ledger(total: 4, [rar("2026-11-02", .attendedComplied), rar("2026-11-03", .attendedComplied), rar("2026-11-30", nil)])
        #expect(ledger.remainingDays == 2)
        #expect(ledger.scheduledDays == 1)
        #expect(Self.bookingFailure(ledger, on: "2026-12-07", dates: Self.fullyBookedDates) == nil)
    }

    // MARK: The person's own summary

    static let closingLine = "A day counts when you attend and take part. Arriving late still counts. If you cannot come, tell your probation practitioner before the session."

    @Test("The summary says done, left, and what is booked, in plain words")
    func personSummary() {
        let done = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-09", "2026-11-10"]
            .map { rar($0, .attendedComplied) }
        let upcoming = [rar("2026-11-30", nil, title: "Transition and Hope"), rar("2026-12-02", nil, .oneToOne)]
        let ledger = Self.ledger(total: 20, done + upcoming)
        let lines = RARRule.personSummary(ledger, orderEnd: ymd("2027-06-30"), upcoming: upcoming)
        #expect(lines.first == "You have done 7 of your 20 RAR days.")
        #expect(lines == [
            "You have done 7 of your 20 RAR days.",
            "You have 13 left to do before your order ends on 30 June 2027.",
            "You are booked on: Transition and Hope on 30 November 2026; One-to-one RAR activity on 2 December 2026.",
            Self.closingLine,
        ])
    }

    @Test("With every day done, the summary says well done and lists no bookings")
    func personSummaryAllDone() {
        let lines = RARRule.personSummary(Self.allDone, orderEnd: ymd("2027-06-30"), upcoming: [])
        #expect(lines == ["You have done 3 of your 3 RAR days.", "You have done all the RAR days the court set. Well done.", Self.closingLine])
    }

    @Test("When the days left cannot fit, the summary tells the person to talk to their practitioner")
    func personSummaryDoesNotFit() {
        let ledger = Self.ledger(total: 10, ["2026-11-02", "2026-11-03", "2026-11-04"].map { rar($0, .attendedComplied) }, orderEnd: "2026-11-27")
        let lines = RARRule.personSummary(ledger, orderEnd: ymd("2026-11-27"), upcoming: [])
        #expect(lines == [
            "You have done 3 of your 10 RAR days.",
            "You have 7 left to do before your order ends on 27 November 2026.",
            "There are not enough working days left to fit them all in. Talk to your probation practitioner soon.",
            Self.closingLine,
        ])
    }
}

@Suite("RAR activities recorded by hand")
struct RARActivityDraftTests {
    let today = CalendarDate(year: 2026, month: 11, day: 23)!
    let start = CalendarDate(year: 2026, month: 9, day: 1)!

    @Test("A one-to-one activity on a past day inside the order is accepted")
    func accepted() throws {
        let (activity, notes) = try RARActivityDraft(date: .iso("2026-11-20"), kind: "oneToOne", outcome: "attendedComplied", notes: " Goal setting ")
            .validated(today: today, orderStart: start)
        #expect(activity == RARActivity(date: CalendarDate(year: 2026, month: 11, day: 20)!, kind: .oneToOne, outcome: .attendedComplied,
                                        title: RARActivityKind.oneToOne.label))
        #expect(notes == "Goal setting")
    }

    @Test("Future days, days before the order, group sessions and missing choices are refused, each on its field")
    func refused() {
        func fields(_ d: RARActivityDraft) -> [String: String] {
            do { _ = try d.validated(today: today, orderStart: start); return [:] }
            catch { return Dictionary(uniqueKeysWithValues: error.errors.map { ($0.field, $0.message) }) }
        }
        #expect(fields(RARActivityDraft(date: .iso("2026-11-24"), kind: "oneToOne", outcome: "attendedComplied", notes: nil))["date"]
                == "Date of the activity must be today or in the past")
        #expect(fields(RARActivityDraft(date: .iso("2026-08-31"), kind: "oneToOne", outcome: "attendedComplied", notes: nil))["date"]?
                .hasPrefix("Date of the activity must be on or after the order started") == true)
        #expect(fields(RARActivityDraft(date: .iso("2026-11-20"), kind: "groupSession", outcome: "attendedComplied", notes: nil)).keys.sorted() == ["kind"])
        #expect(fields(RARActivityDraft(date: .iso("2026-11-20"), kind: nil, outcome: nil, notes: nil)).keys.sorted() == ["kind", "outcome"])
    }

    @Test("Credited and booked days are derived from the activities")
    func dates() {
        let d1 = CalendarDate(year: 2026, month: 11, day: 2)!, d2 = d1.adding(days: 1), d3 = d1.adding(days: 2), d4 = d1.adding(days: 3)
        let activities = [RARActivity(date: d1, kind: .groupSession, outcome: .attendedComplied),
                          RARActivity(date: d2, kind: .assessment, outcome: .attendedComplied),
                          RARActivity(date: d3, kind: .oneToOne, outcome: nil),
                          RARActivity(date: d4, kind: .oneToOne, outcome: .failedToAttend)]
        #expect(RARRule.creditedDates(activities) == [d1])
        #expect(RARRule.bookedOrCreditedDates(activities) == [d1, d3])
    }
}
