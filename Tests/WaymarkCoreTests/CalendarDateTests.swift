import Foundation
import Testing
@testable import WaymarkCore

@Suite("CalendarDate")
struct CalendarDateTests {

    // MARK: Parsing YYYY-MM-DD

    static let realDates: [(String, Int, Int, Int)] = [
        ("2026-02-03", 2026, 2, 3),
        ("2026-11-23", 2026, 11, 23),
        ("2026-12-31", 2026, 12, 31),
        ("2026-01-01", 2026, 1, 1),
        ("2024-02-29", 2024, 2, 29), // leap year
        ("2000-02-29", 2000, 2, 29), // divisible by 400: leap
        ("1900-01-01", 1900, 1, 1),
        ("0001-01-01", 1, 1, 1),
        ("9999-12-31", 9999, 12, 31),
    ]

    @Test("Parses a real date written as YYYY-MM-DD", arguments: CalendarDateTests.realDates)
    func parsesRealDates(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
        #expect(date.iso == text)
    }

    @Test("Refuses dates that do not exist", arguments: [
        "2026-02-30", "2026-02-29", // 2026 is not a leap year
        "2025-02-29", "1900-02-29", // 1900 is divisible by 100 but not 400: not a leap year
        "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31",
        "2026-01-32", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01",
    ])
    func refusesUnrealDates(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test("Refuses anything that is not exactly YYYY-MM-DD", arguments: [
        "", "2026", "2026-02", "2026-02-03-04", "26-02-03", "2026-2-3", "2026-2-03", "2026-02-3",
        "02-03-2026", "03/02/2026", "2026/02/03", "20260203", "2026-02-03T00:00:00Z", " 2026-02-03",
        "2026-02-03 ", "2026 -02-03", "abcd-ef-gh", "2026--02-03", "3 February 2026", "２０２６-02-03",
    ])
    func refusesOtherShapes(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    /// `Int("+1")` is 1, so a sign slips through a parser that only counts characters.
    @Test("Refuses signs inside the digits", arguments: ["+026-02-03", "2026-+2-03", "2026-02-+3"])
    func refusesSigns(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    // MARK: Building from parts

    @Test("Builds a date only from real parts")
    func memberwise() {
        #expect(CalendarDate(year: 2026, month: 2, day: 28) != nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 2, day: 30) == nil)
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: 0) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: 32) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: -1) == nil)
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 10_000, month: 1, day: 1) == nil)
    }

    @Test("Takes the UTC calendar day of an instant")
    func fromInstant() {
        // 2026-11-23T00:00:00Z is 1_795_392_000.
        #expect(CalendarDate(Date(timeIntervalSince1970: 1_795_392_000)) == ymd("2026-11-23"))
        #expect(CalendarDate(Date(timeIntervalSince1970: 1_795_392_000 + 86_399)) == ymd("2026-11-23"))
        #expect(CalendarDate(Date(timeIntervalSince1970: 1_795_392_000 - 1)) == ymd("2026-11-22"))
        #expect(CalendarDate(Date(timeIntervalSince1970: 0)) == ymd("1970-01-01"))
        #expect(CalendarDate(Fixture.now) == Fixture.today)
    }

    @Test("startOfDay is UTC midnight and maps back to the same day")
    func startOfDay() {
        #expect(ymd("2026-11-23").startOfDay == Date(timeIntervalSince1970: 1_795_392_000))
        #expect(ymd("1970-01-01").startOfDay == Date(timeIntervalSince1970: 0))
        for text in ["2024-02-29", "2026-03-29", "2026-10-25", "1999-12-31"] {
            #expect(CalendarDate(ymd(text).startOfDay) == ymd(text))
        }
    }

    // MARK: Writing dates

    @Test("Writes ISO with zero padding")
    func isoFormat() throws {
        let february = try #require(CalendarDate(year: 2026, month: 2, day: 3))
        let early = try #require(CalendarDate(year: 987, month: 6, day: 5))
        let newYearsEve = try #require(CalendarDate(year: 2026, month: 12, day: 31))
        #expect(february.iso == "2026-02-03")
        #expect(early.iso == "0987-06-05")
        #expect(newYearsEve.description == "2026-12-31")
    }

    @Test("Writes the GOV.UK long style", arguments: [
        ("2026-02-03", "3 February 2026"),
        ("2026-01-01", "1 January 2026"),
        ("1999-12-31", "31 December 1999"),
        ("2024-02-29", "29 February 2024"),
        ("2026-11-23", "23 November 2026"),
    ])
    func longFormat(text: String, expected: String) {
        #expect(ymd(text).long == expected)
    }

    @Test("Names all twelve months in order")
    func monthNames() {
        #expect(CalendarDate.monthNames == [
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        ])
    }

    // MARK: Arithmetic

    @Test("Adding months clamps to the end of a shorter month", arguments: [
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-01-31", 1, "2024-02-29"), // leap year
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-08-31", 1, "2026-09-30"),
        ("2026-10-31", 1, "2026-11-30"),
        ("2026-05-31", -1, "2026-04-30"),
        ("2026-11-23", 3, "2027-02-23"), // across a year end
        ("2026-11-23", -6, "2026-05-23"),
        ("2026-12-31", 2, "2027-02-28"),
        ("2026-11-23", 0, "2026-11-23"),
    ])
    func addingMonths(start: String, months: Int, expected: String) {
        #expect(ymd(start).adding(months: months) == ymd(expected))
    }

    @Test("Adding years moves a leap day to 28 February")
    func addingYearsFromLeapDay() {
        #expect(ymd("2024-02-29").adding(years: 1) == ymd("2025-02-28"))
        #expect(ymd("2024-02-29").adding(years: -1) == ymd("2023-02-28"))
        #expect(ymd("2024-02-29").adding(years: 4) == ymd("2028-02-29"))
        #expect(ymd("2026-11-23").adding(years: -10) == ymd("2016-11-23"))
    }

    @Test("Adding days crosses month, year and leap-day boundaries", arguments: [
        ("2026-11-23", 10, "2026-12-03"),
        ("2026-12-31", 1, "2027-01-01"),
        ("2027-01-01", -1, "2026-12-31"),
        ("2026-03-01", -1, "2026-02-28"),
        ("2024-03-01", -1, "2024-02-29"),
        ("2024-02-28", 1, "2024-02-29"),
        ("2026-03-28", 2, "2026-03-30"), // UK clocks change on 29 March 2026: no effect on dates
        ("2026-11-23", 365, "2027-11-23"),
        ("2026-11-23", 0, "2026-11-23"),
    ])
    func addingDays(start: String, days: Int, expected: String) {
        #expect(ymd(start).adding(days: days) == ymd(expected))
    }

    @Test("Adding nothing is the same day; parts combine")
    func addingCombined() {
        #expect(ymd("2026-11-23").adding() == ymd("2026-11-23"))
        #expect(ymd("2026-01-31").adding(days: 1, months: 1, years: 1) == ymd("2027-03-01"))
    }

    @Test("Counts days until another date, negative when it is earlier", arguments: [
        ("2026-11-23", "2026-11-23", 0),
        ("2026-11-23", "2026-11-24", 1),
        ("2026-11-23", "2026-12-25", 32),
        ("2026-12-25", "2026-11-23", -32),
        ("2026-02-28", "2026-03-01", 1),
        ("2024-02-28", "2024-03-01", 2), // leap day between
        ("2026-01-01", "2027-01-01", 365),
        ("2024-01-01", "2025-01-01", 366),
        ("2026-03-28", "2026-03-30", 2), // across the spring clock change
        ("2026-10-24", "2026-10-26", 2), // across the autumn clock change
    ])
    func daysUntil(from: String, to: String, expected: Int) {
        #expect(ymd(from).days(until: ymd(to)) == expected)
    }

    // MARK: Ordering

    @Test("Orders by year, then month, then day")
    func ordering() {
        #expect(ymd("2026-11-23") < ymd("2026-11-24"))
        #expect(ymd("2026-11-30") < ymd("2026-12-01"))
        #expect(ymd("2025-12-31") < ymd("2026-01-01"))
        #expect(ymd("2026-02-10") < ymd("2026-10-02"))
        #expect(!(ymd("2026-11-23") < ymd("2026-11-23")))
        #expect(ymd("2026-11-23") <= ymd("2026-11-23"))
        #expect(ymd("2027-01-01") > ymd("2026-12-31"))
        let shuffled = ["2026-10-02", "2025-12-31", "2026-02-10", "2026-01-01"].map { ymd($0) }
        #expect(shuffled.sorted().map(\.iso) == ["2025-12-31", "2026-01-01", "2026-02-10", "2026-10-02"])
    }

    @Test("Equal dates are equal and hash alike")
    func equality() {
        #expect(ymd("2026-02-03") == CalendarDate(year: 2026, month: 2, day: 3))
        #expect(Set([ymd("2026-02-03"), CalendarDate(year: 2026, month: 2, day: 3)!]).count == 1)
        #expect(ymd("2026-02-03") != ymd("2026-03-02"))
    }

    // MARK: Codable

    @Test("Encodes as a YYYY-MM-DD string")
    func encodes() throws {
        let data = try JSONEncoder().encode([ymd("2026-02-03"), ymd("0987-06-05")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-02-03","0987-06-05"]"#)
    }

    @Test("Round-trips through JSON inside a record")
    func roundTrip() throws {
        let original = DatedRecord(dateOfBirth: ymd("1990-05-17"), ended: ymd("2024-02-29"))
        let data = try JSONEncoder().encode(original)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""dateOfBirth":"1990-05-17""#))
        #expect(json.contains(#""ended":"2024-02-29""#))
        #expect(try JSONDecoder().decode(DatedRecord.self, from: data) == original)
    }

    @Test("Refuses to decode anything but a real YYYY-MM-DD string", arguments: [
        #"["2026-02-30"]"#, #"["2026-2-3"]"#, #"["3 February 2026"]"#, #"["2026-02-03T10:00:00Z"]"#,
        #"[""]"#, "[20260203]", "[null]", #"[{"year":2026,"month":2,"day":3}]"#,
    ])
    func refusesToDecode(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(json.utf8))
        }
    }
}

private struct DatedRecord: Codable, Equatable {
    let dateOfBirth: CalendarDate
    let ended: CalendarDate
}
