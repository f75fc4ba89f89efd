import Foundation
import Testing
@testable import WaymarkCore

@Suite("Reporting years")
struct ReportingYearTests {

    @Test("An April-start year runs from 1 April to 31 March and is labelled across both calendar years")
    func aprilStart() {
        let year = ReportingYear(2025)
        #expect(year.startMonth == 4)
        #expect(year.from == ymd("2025-04-01"))
        #expect(year.through == ymd("2026-03-31"))
        #expect(year.label == "2025-26")
        #expect(year.span == "1 April 2025 to 31 March 2026")
        #expect(ReportingYear(2099).label == "2099-00")
        #expect(ReportingYear(2009).label == "2009-10")
    }

    @Test("A January-start year is a calendar year, labelled with one year")
    func januaryStart() {
        let year = ReportingYear(2025, startMonth: 1)
        #expect(year.from == ymd("2025-01-01"))
        #expect(year.through == ymd("2025-12-31"))
        #expect(year.label == "2025")
        #expect(year.span == "1 January 2025 to 31 December 2025")
    }

    @Test("A leap year's February falls inside the year that contains it")
    func leapYear() {
        let year = ReportingYear(2027)
        #expect(year.through == ymd("2028-03-31"))
        #expect(year.contains(ymd("2028-02-29")))
    }

    @Test("The start month is kept within January to December")
    func clampedMonth() {
        #expect(ReportingYear(2025, startMonth: 0).startMonth == 1)
        #expect(ReportingYear(2025, startMonth: 13).startMonth == 12)
    }

    @Test("The year a day falls in, either side of the April boundary", arguments: [
        ("2026-03-31", 2025), ("2026-04-01", 2026), ("2025-04-01", 2025), ("2025-03-31", 2024), ("2026-01-15", 2025), ("2026-12-31", 2026),
    ])
    func containingApril(day: String, startYear: Int) {
        let year = ReportingYear.containing(ymd(day))
        #expect(year == ReportingYear(startYear))
        #expect(year.contains(ymd(day)))
    }

    @Test("For a calendar year, March and April fall in the same year", arguments: ["2026-03-31", "2026-04-01", "2026-01-01", "2026-12-31"])
    func containingJanuary(day: String) {
        #expect(ReportingYear.containing(ymd(day), startMonth: 1) == ReportingYear(2026, startMonth: 1))
    }

    @Test("Both ends of the year are inside it, the days either side are not")
    func contains() {
        let year = ReportingYear(2025)
        #expect(year.contains(ymd("2025-04-01")))
        #expect(year.contains(ymd("2026-03-31")))
        #expect(!year.contains(ymd("2025-03-31")))
        #expect(!year.contains(ymd("2026-04-01")))
    }

    @Test("The previous year ends the day before this one starts")
    func previous() {
        let year = ReportingYear(2025)
        #expect(year.previous == ReportingYear(2024))
        #expect(year.previous.through == ymd("2025-03-31"))
        #expect(year.previous.through.adding(days: 1) == year.from)
        #expect(year.previous < year)
        #expect(ReportingYear(2025, startMonth: 1).previous == ReportingYear(2024, startMonth: 1))
    }

    // MARK: Asking for a year

    static func failure(_ raw: String?, startMonth: Int = 4, today: CalendarDate = Fixture.today,
                        sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try ReportingYear.check(raw, startMonth: startMonth, today: today) }
    }

    @Test("A year must be entered", arguments: [String?.none, "", "   "])
    func empty(raw: String?) {
        let failure = Self.failure(raw)
        #expect(failure.fields == ["year"])
        #expect(failure.message(for: "year") == "Enter a year, for example 2025")
    }

    @Test("A year is exactly four digits", arguments: ["25", "202", "20255", "2O25", "+202", "-202", "2025-26", "２０２５", "2025.0"])
    func notFourDigits(raw: String) {
        let failure = Self.failure(raw)
        #expect(failure.fields == ["year"])
        #expect(failure.message(for: "year") == "Year must be 4 digits, for example 2025")
    }

    @Test("No report before 2000", arguments: ["1999", "0000", "1066"])
    func tooEarly(raw: String) {
        #expect(Self.failure(raw).message(for: "year") == "Year must be from 2000 to 2026")
    }

    @Test("No report for a year that has not started yet")
    func notStarted() {
        // 23 November 2026: the April year 2026-27 is running, 2027-28 has not started.
        #expect(Self.failure("2027").message(for: "year") == "Year must be from 2000 to 2026")
        // On 31 March 2026 the April year 2026-27 has not started; the next day it has.
        #expect(Self.failure("2026", today: ymd("2026-03-31")).message(for: "year") == "Year must be from 2000 to 2025")
        #expect(throws: Never.self) { try ReportingYear.check("2026", startMonth: 4, today: ymd("2026-04-01")) }
        // A calendar year 2027 has not started on 31 December 2026.
        #expect(Self.failure("2027", startMonth: 1, today: ymd("2026-12-31")).message(for: "year") == "Year must be from 2000 to 2026")
    }

    @Test("A good year is returned with the programme's start month")
    func success() throws {
        #expect(try ReportingYear.check("2025", startMonth: 4, today: Fixture.today) == ReportingYear(2025))
        #expect(try ReportingYear.check(" 2000 ", startMonth: 4, today: Fixture.today) == ReportingYear(2000))
        #expect(try ReportingYear.check("2026", startMonth: 4, today: Fixture.today) == ReportingYear(2026))
        let calendar = try ReportingYear.check("2026", startMonth: 1, today: ymd("2026-01-01"))
        #expect(calendar == ReportingYear(2026, startMonth: 1))
        #expect(calendar.label == "2026")
    }
}
