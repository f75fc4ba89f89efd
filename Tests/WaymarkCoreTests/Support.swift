import Foundation
import Testing
@testable import WaymarkCore

/// Fixed dates for every Core test: rules never read the clock, and neither do their tests.
enum Fixture {
    /// "Today" for every rule under test.
    static let today = CalendarDate(year: 2026, month: 11, day: 23)!
    /// 2026-11-23T09:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_795_424_400)
}

/// A calendar date from `YYYY-MM-DD`; records an issue (instead of crashing the run) when the
/// literal itself is wrong.
func ymd(_ iso: String, sourceLocation: SourceLocation = #_sourceLocation) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else {
        Issue.record("Test fixture \(iso) is not a valid date", sourceLocation: sourceLocation)
        return Fixture.today
    }
    return date
}

/// Runs a validation that is expected to fail and returns the failure, so a test can look at
/// every field error it reports. Records an issue when the validation unexpectedly succeeds.
func validationFailure<T>(sourceLocation: SourceLocation = #_sourceLocation,
                          _ body: () throws -> T) -> ValidationFailure {
    do {
        let value = try body()
        Issue.record("Expected a validation failure, but it succeeded with \(value)", sourceLocation: sourceLocation)
        return ValidationFailure([])
    } catch let failure as ValidationFailure {
        return failure
    } catch {
        Issue.record("Expected a ValidationFailure, got \(error)", sourceLocation: sourceLocation)
        return ValidationFailure([])
    }
}

extension ValidationFailure {
    /// The fields with an error, in the order they are reported.
    var fields: [String] { errors.map(\.field) }
}
