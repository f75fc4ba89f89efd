import Testing
@testable import WaymarkCore

@Suite("Mentors' self-ratings: wellbeing, confidence, belonging")
struct SelfRatingTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 23)!

    static func draft(_ measure: String?) -> WellbeingRatingDraft {
        WellbeingRatingDraft(on: .iso("2026-11-01"), score: "6", source: "selfReport", notes: nil, measure: measure)
    }

    @Test("A rating says what it rates; wellbeing when not said; anything else is refused naming measure")
    func measure() throws {
        #expect(try Self.draft("confidence").validated(today: Self.today).measure == .confidence)
        #expect(try Self.draft("belonging").validated(today: Self.today).measure == .belonging)
        #expect(try Self.draft(nil).validated(today: Self.today).measure == .wellbeing)
        #expect(try Self.draft(" ").validated(today: Self.today).measure == .wellbeing)
        do {
            _ = try Self.draft("mood").validated(today: Self.today)
            Issue.record("an unknown measure was accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["measure"])
        }
    }

    @Test("Each measure asks its own question")
    func questions() {
        #expect(Set(SelfRatingMeasure.allCases.map(\.question)).count == SelfRatingMeasure.allCases.count)
    }
}
