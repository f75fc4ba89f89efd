import Foundation
import Testing
@testable import WaymarkCore

@Suite("Mentor checks: risk reviews and further offences")
struct MentorChecksTests {

    // MARK: Risk review draft

    static func review(outcome: String? = "suitable", on: DateInput = .iso("2026-11-20"), notes: String? = nil) -> MentorRiskReviewDraft {
        MentorRiskReviewDraft(outcome: outcome, reviewedOn: on, notes: notes)
    }

    static func reviewFailure(_ draft: MentorRiskReviewDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(by: .practitioner, today: Fixture.today) }
    }

    @Test("A suitable review is recorded against the reviewer's role", arguments: [Role.practitioner, .coordinator])
    func suitable(role: Role) throws {
        let review = try Self.review(notes: "  Discussed with line manager  ").validated(by: role, today: Fixture.today)
        #expect(review == MentorRiskReview(reviewerRole: role, outcome: .suitable, reviewedOn: ymd("2026-11-20"),
                                           notes: "Discussed with line manager"))
    }

    @Test("Notes are optional for a suitable review")
    func suitableWithoutNotes() throws {
        let review = try Self.review(notes: "   ").validated(by: .coordinator, today: Fixture.today)
        #expect(review.notes == nil)
        #expect(review.outcome == .suitable)
    }

    @Test("Not suitable needs a reason")
    func notSuitableNeedsNotes() throws {
        let failure = Self.reviewFailure(Self.review(outcome: "notSuitable", notes: " "))
        #expect(failure.fields == ["notes"])
        #expect(failure.message(for: "notes") == "Say why they are not suitable")
        let review = try Self.review(outcome: "notSuitable", notes: "Current victim lives nearby.\nReview in 3 months.")
            .validated(by: .practitioner, today: Fixture.today)
        #expect(review.outcome == .notSuitable)
        #expect(review.notes == "Current victim lives nearby.\nReview in 3 months.")
    }

    @Test("Over-long notes are refused for what they are, not as missing")
    func longNotes() {
        let failure = Self.reviewFailure(Self.review(outcome: "notSuitable",
                                                     notes: String(repeating: "x", count: InputRules.longTextLimit + 1)))
        #expect(failure.fields == ["notes"])
        #expect(failure.message(for: "notes") == "Notes must be 2000 characters or fewer")
    }

    @Test("The outcome must be chosen from the list", arguments: [
        (String?.none, "Select an outcome"),
        ("", "Select an outcome"),
        ("maybe", "Select an outcome from the list (one of: suitable, notSuitable)"),
        ("Suitable", "Select an outcome from the list (one of: suitable, notSuitable)"),
    ])
    func outcome(outcome: String?, message: String) {
        let failure = Self.reviewFailure(Self.review(outcome: outcome))
        #expect(failure.fields == ["outcome"])
        #expect(failure.message(for: "outcome") == message)
    }

    @Test("The review date is today or in the past", arguments: [
        ("2026-11-23", nil), ("2025-01-01", nil),
        ("2026-11-24", "Date of the review must be today or in the past"),
        ("", "Enter the date of the review"),
        ("23/11/2026", "Date of the review must be a real date, written as YYYY-MM-DD"),
    ] as [(String, String?)])
    func reviewDate(date: String, message: String?) throws {
        let draft = Self.review(on: .iso(date))
        if let message {
            let failure = Self.reviewFailure(draft)
            #expect(failure.fields == ["reviewedOn"])
            #expect(failure.message(for: "reviewedOn") == message)
        } else {
            #expect(try draft.validated(by: .practitioner, today: Fixture.today).reviewedOn == ymd(date))
        }
    }

    @Test("Outcome labels")
    func labels() {
        #expect(RiskReviewOutcome.suitable.label == "Suitable to mentor")
        #expect(RiskReviewOutcome.notSuitable.label == "Not suitable")
    }

    // MARK: EligibilityFacts.reviewed

    @Test("A role has reviewed when its most recent review says suitable", arguments: [
        ([], false),
        ([riskReview(.practitioner, .suitable, "2026-11-01")], true),
        ([riskReview(.practitioner, .notSuitable, "2026-11-01")], false),
        ([riskReview(.practitioner, .suitable, "2026-10-01"), riskReview(.practitioner, .notSuitable, "2026-11-01")], false),
        ([riskReview(.practitioner, .notSuitable, "2026-11-01"), riskReview(.practitioner, .suitable, "2026-10-01")], false),
        ([riskReview(.practitioner, .notSuitable, "2026-10-01"), riskReview(.practitioner, .suitable, "2026-11-01")], true),
        ([riskReview(.practitioner, .suitable, "2026-11-01"), riskReview(.practitioner, .notSuitable, "2026-10-01")], true),
        // Another role's review does not count for the practitioner, either way.
        ([riskReview(.coordinator, .suitable, "2026-11-01")], false),
        ([riskReview(.practitioner, .suitable, "2026-10-01"), riskReview(.coordinator, .notSuitable, "2026-11-20")], true),
    ] as [([MentorRiskReview], Bool)])
    func reviewedByPractitioner(reviews: [MentorRiskReview], expected: Bool) {
        #expect(EligibilityFacts.reviewed(by: .practitioner, in: reviews) == expected)
    }

    @Test("Each role is looked at on its own")
    func rolesSeparately() {
        let reviews = [riskReview(.practitioner, .suitable, "2026-11-01"), riskReview(.coordinator, .notSuitable, "2026-11-02")]
        #expect(EligibilityFacts.reviewed(by: .practitioner, in: reviews))
        #expect(!EligibilityFacts.reviewed(by: .coordinator, in: reviews))
        #expect(!EligibilityFacts.reviewed(by: .administrator, in: reviews))
    }

    /// Two reviews by the same role on the same day, listed in the order they were recorded: the later one is
    /// the most recent outcome, and a "not suitable" recorded after a "suitable" must not leave them reviewed.
    @Test("On the same day, a later 'not suitable' is not outweighed by an earlier 'suitable'")
    func sameDayLaterNotSuitable() {
        let reviews = [riskReview(.practitioner, .suitable, "2026-11-20"), riskReview(.practitioner, .notSuitable, "2026-11-20")]
        #expect(!EligibilityFacts.reviewed(by: .practitioner, in: reviews))
    }

    @Test("On the same day, the review recorded last decides")
    func sameDayLaterSuitable() {
        let reviews = [riskReview(.practitioner, .notSuitable, "2026-11-20"), riskReview(.coordinator, .suitable, "2026-11-21"),
                       riskReview(.practitioner, .suitable, "2026-11-20")]
        #expect(EligibilityFacts.reviewed(by: .practitioner, in: reviews))
        // A later date still beats a later position in the list.
        let older = [riskReview(.practitioner, .suitable, "2026-11-21"), riskReview(.practitioner, .notSuitable, "2026-11-20")]
        #expect(EligibilityFacts.reviewed(by: .practitioner, in: older))
    }

    // MARK: Further offences

    static func offence(_ on: DateInput, notes: String? = nil) -> FurtherOffenceDraft { FurtherOffenceDraft(offenceOn: on, notes: notes) }

    @Test("A further offence is recorded with an optional note")
    func offenceValid() throws {
        let offence = try Self.offence(.iso("2026-09-14"), notes: "  Theft; reported by practitioner ")
            .validated(today: Fixture.today)
        #expect(offence == FurtherOffence(offenceOn: ymd("2026-09-14"), notes: "Theft; reported by practitioner"))
        #expect(try Self.offence(.parts(day: "23", month: "11", year: "2026")).validated(today: Fixture.today)
                == FurtherOffence(offenceOn: Fixture.today, notes: nil))
    }

    @Test("The offence date is required and cannot be in the future", arguments: [
        (DateInput.iso(nil), "Enter the date of the offence"),
        (.iso("2026-11-24"), "Date of the offence must be today or in the past"),
        (.parts(day: "31", month: "2", year: "2026"), "Date of the offence must be a real date"),
    ])
    func offenceDate(date: DateInput, message: String) {
        let failure = validationFailure { try Self.offence(date).validated(today: Fixture.today) }
        #expect(failure.fields == ["offenceOn"])
        #expect(failure.message(for: "offenceOn") == message)
    }

    // MARK: Reoffending after training

    @Test("A mentor counts when an offence is on or after the day training was completed", arguments: [
        (String?.some("2026-03-01"), ["2026-03-01"], 1),          // the same day counts
        ("2026-03-01", ["2026-02-28"], 0),                         // before training does not
        ("2026-03-01", ["2026-02-28", "2026-07-10"], 1),
        ("2026-03-01", ["2026-04-01", "2026-07-10"], 1),           // counted once, however many offences
        ("2026-03-01", [], 0),
        (nil, ["2026-07-10"], 0),                                  // never trained: not a mentor who completed training
    ] as [(String?, [String], Int)])
    func reoffendedOne(trained: String?, offences: [String], expected: Int) {
        let count = Reoffending.reoffendedAfterTraining([(trainedOn: trained.map { ymd($0) }, offences: offences.map { ymd($0) })])
        #expect(count == expected)
    }

    @Test("The figure counts mentors across the list")
    func reoffendedMany() {
        let mentors: [(trainedOn: CalendarDate?, offences: [CalendarDate])] = [
            (ymd("2025-06-01"), [ymd("2026-01-01")]),
            (ymd("2025-06-01"), [ymd("2025-01-01")]),
            (nil, [ymd("2026-01-01")]),
            (ymd("2026-02-01"), [ymd("2026-02-01"), ymd("2026-03-01")]),
            (ymd("2026-02-01"), []),
        ]
        #expect(Reoffending.reoffendedAfterTraining(mentors) == 2)
        #expect(Reoffending.reoffendedAfterTraining([]) == 0)
    }
}

/// A recorded review, for the `reviewed(by:in:)` tables.
private func riskReview(_ role: Role, _ outcome: RiskReviewOutcome, _ on: String) -> MentorRiskReview {
    MentorRiskReview(reviewerRole: role, outcome: outcome, reviewedOn: ymd(on), notes: outcome == .notSuitable ? "Concern" : nil)
}
