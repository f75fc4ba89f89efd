/// A reporting year. Commissioners work to the financial year (Essex's "Year One 2012-13"), so a
/// year starts in a set month: April by default, January for a calendar year.
public struct ReportingYear: Sendable, Hashable, Comparable {
    /// The calendar year in which the reporting year starts: 2025 is April 2025 to March 2026.
    public let startYear: Int
    public let startMonth: Int

    public init(_ startYear: Int, startMonth: Int = 4) {
        self.startYear = startYear
        self.startMonth = min(max(startMonth, 1), 12)
    }

    /// The reporting year a day falls in.
    public static func containing(_ date: CalendarDate, startMonth: Int = 4) -> ReportingYear {
        ReportingYear(date.month >= startMonth ? date.year : date.year - 1, startMonth: startMonth)
    }

    public var from: CalendarDate { CalendarDate(year: startYear, month: startMonth, day: 1)! }
    public var through: CalendarDate { from.adding(months: 12).adding(days: -1) }
    public var previous: ReportingYear { ReportingYear(startYear - 1, startMonth: startMonth) }

    /// By year and month alone: a report asks this of every fact, and working out `from` and
    /// `through` with the calendar each time was most of a national report's own time.
    public func contains(_ date: CalendarDate) -> Bool {
        (date.year, date.month) >= (startYear, startMonth) && (date.year, date.month) < (startYear + 1, startMonth)
    }

    /// "2025-26" for a year that spans two calendar years, "2025" for a calendar year.
    public var label: String {
        startMonth == 1 ? "\(startYear)" : "\(startYear)-\(String(format: "%02d", (startYear + 1) % 100))"
    }

    /// "1 April 2025 to 31 March 2026".
    public var span: String { "\(from.long) to \(through.long)" }

    public static func < (a: Self, b: Self) -> Bool { a.from < b.from }

    /// Years a report may be asked for: the service did not exist before 2000, and nobody can
    /// report on a year that has not started.
    public static func check(_ raw: String?, startMonth: Int, today: CalendarDate) throws(ValidationFailure) -> ReportingYear {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw ValidationFailure([FieldError("year", "Enter a year, for example 2025")]) }
        guard text.count == 4, text.allSatisfy(\.isASCIIDigit), let year = Int(text) else {
            throw ValidationFailure([FieldError("year", "Year must be 4 digits, for example 2025")])
        }
        let current = containing(today, startMonth: startMonth)
        guard year >= 2000, year <= current.startYear else {
            throw ValidationFailure([FieldError("year", "Year must be from 2000 to \(current.startYear)")])
        }
        return ReportingYear(year, startMonth: startMonth)
    }
}
