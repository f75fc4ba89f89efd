import Foundation
import Testing
@testable import WaymarkCore

@Suite("Recording a mentee's outcomes")
struct OutcomeDraftTests {
    /// Referred on 1 May 2026; today is 23 November 2026.
    static let referredOn = ymd("2026-05-01")

    static func draft(stage: String? = "referral", on: DateInput = .iso("2026-05-05"), source: String? = "selfReport",
                      ratings: [String: String] = ["accommodation": "temporary"], notes: String? = nil) -> OutcomeAssessmentDraft {
        OutcomeAssessmentDraft(stage: stage, recordedOn: on, source: source, ratings: ratings, notes: notes)
    }

    static func failure(_ draft: OutcomeAssessmentDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(today: Fixture.today, referredOn: referredOn) }
    }

    static let measureList = "accommodation, educationTrainingEmployment, substanceMisuse, familyRelationships, engagementWithSupervision, accreditedProgramme"

    @Test("Good input returns the ratings, trimmed, with the stage, date, source and notes")
    func valid() throws {
        let assessment = try Self.draft(stage: "closure", on: .parts(day: "20", month: "11", year: "2026"), source: "practitionerAssessment",
                                        ratings: ["accommodation": " settled ", "educationTrainingEmployment": "working",
                                                  "accreditedProgramme": "completed"],
                                        notes: "  Moved into her own flat.\nStarted work. ")
            .validated(today: Fixture.today, referredOn: Self.referredOn)
        #expect(assessment == OutcomeAssessment(stage: .closure, recordedOn: ymd("2026-11-20"), source: .practitionerAssessment,
                                                ratings: [.accommodation: "settled", .educationTrainingEmployment: "working",
                                                          .accreditedProgramme: "completed"],
                                                notes: "Moved into her own flat.\nStarted work."))
    }

    @Test("Every stage and source is accepted", arguments: OutcomeStage.allCases, OutcomeSource.allCases)
    func everyStageAndSource(stage: OutcomeStage, source: OutcomeSource) throws {
        let assessment = try Self.draft(stage: stage.rawValue, source: source.rawValue).validated(today: Fixture.today, referredOn: Self.referredOn)
        #expect(assessment.stage == stage)
        #expect(assessment.source == source)
    }

    @Test("Every level of every measure is accepted", arguments: MenteeMeasure.allCases)
    func everyLevel(measure: MenteeMeasure) throws {
        for level in measure.levels {
            let assessment = try Self.draft(ratings: [measure.rawValue: level.code]).validated(today: Fixture.today, referredOn: Self.referredOn)
            #expect(assessment.ratings == [measure: level.code])
        }
        // Ranks run worst first, from 0.
        #expect(measure.levels.map(\.rank) == Array(0..<measure.levels.count))
    }

    @Test("The stage and the source are required and chosen from the list")
    func stageAndSource() {
        let missing = Self.failure(Self.draft(stage: nil, source: " "))
        #expect(missing.fields == ["stage", "source"])
        #expect(missing.message(for: "stage") == "Select when this was measured")
        #expect(missing.message(for: "source") == "Select the source")

        let unknown = Self.failure(Self.draft(stage: "halfway", source: "rumour"))
        #expect(unknown.fields == ["stage", "source"])
        #expect(unknown.message(for: "stage") == "Select when this was measured from the list (one of: referral, review, closure)")
        #expect(unknown.message(for: "source")
                == "Select the source from the list (one of: selfReport, practitionerAssessment, mentorObservation, documentaryEvidence)")
    }

    @Test("The date is required")
    func dateMissing() {
        let failure = Self.failure(Self.draft(on: .iso(nil)))
        #expect(failure.fields == ["recordedOn"])
        #expect(failure.message(for: "recordedOn") == "Enter the date measured")
    }

    @Test("A date in the future is refused; today is fine")
    func futureDate() throws {
        let failure = Self.failure(Self.draft(on: .iso("2026-11-24")))
        #expect(failure.fields == ["recordedOn"])
        #expect(failure.message(for: "recordedOn") == "Date measured must be today or in the past")
        #expect(try Self.draft(on: .iso("2026-11-23")).validated(today: Fixture.today, referredOn: Self.referredOn).recordedOn == Fixture.today)
    }

    @Test("Nothing is measured before the referral; the referral day itself is fine")
    func beforeReferral() throws {
        let failure = Self.failure(Self.draft(on: .iso("2026-04-30")))
        #expect(failure.fields == ["recordedOn"])
        #expect(failure.message(for: "recordedOn") == "Date measured must be on or after the referral date, 1 May 2026")
        #expect(try Self.draft(on: .iso("2026-05-01")).validated(today: Fixture.today, referredOn: Self.referredOn).recordedOn == Self.referredOn)
    }

    @Test("A measure that does not exist is refused under its own name")
    func unknownMeasure() {
        let failure = Self.failure(Self.draft(ratings: ["housing": "settled", "accommodation": "settled"]))
        #expect(failure.fields == ["housing"])
        #expect(failure.message(for: "housing") == "housing is not an outcome measure (one of: \(Self.measureList))")
    }

    @Test("A level that is not on the measure's scale is refused against that measure")
    func badLevel() {
        let failure = Self.failure(Self.draft(ratings: ["accommodation": "settled", "substanceMisuse": "settled"]))
        #expect(failure.fields == ["substanceMisuse"])
        #expect(failure.message(for: "substanceMisuse")
                == "Select a level for drugs and alcohol from the list (one of: problematic, inTreatment, noProblem, notKnown)")

        // A bad level is the only problem reported: it is not also "rate at least one outcome".
        let only = Self.failure(Self.draft(ratings: ["accreditedProgramme": "started"]))
        #expect(only.fields == ["accreditedProgramme"])
        #expect(only.message(for: "accreditedProgramme")
                == "Select a level for accredited programme from the list (one of: notCompleted, completed, notKnown)")
    }

    @Test("'Not known' and empty levels leave the measure out")
    func notKnownSkipped() throws {
        let assessment = try Self.draft(ratings: ["accommodation": "notKnown", "substanceMisuse": "", "familyRelationships": "supportive",
                                                  "engagementWithSupervision": "   "])
            .validated(today: Fixture.today, referredOn: Self.referredOn)
        #expect(assessment.ratings == [.familyRelationships: "supportive"])
    }

    @Test("Nothing rated is refused", arguments: [
        [String: String](), ["accommodation": "notKnown"], ["accommodation": "", "substanceMisuse": OutcomeAssessmentDraft.notKnown],
    ])
    func nothingRated(ratings: [String: String]) {
        let failure = Self.failure(Self.draft(ratings: ratings))
        #expect(failure.fields == ["accommodation"])
        #expect(failure.message(for: "accommodation") == "Rate at least one outcome")
    }

    @Test("Everything wrong is reported at once")
    func everything() {
        let failure = Self.failure(Self.draft(stage: nil, on: .iso("2027-01-01"), source: nil, ratings: ["wellbeing": "good", "accommodation": "castle"],
                                              notes: String(repeating: "n", count: 2001)))
        #expect(failure.fields == ["stage", "recordedOn", "source", "wellbeing", "accommodation", "notes"])
        #expect(failure.message(for: "notes") == "Notes must be 2000 characters or fewer")
    }
}

@Suite("Recording a mentor's wellbeing")
struct WellbeingRatingDraftTests {
    static func draft(on: DateInput = .iso("2026-11-20"), score: String? = "7", source: String? = "selfReport",
                      notes: String? = nil) -> WellbeingRatingDraft {
        WellbeingRatingDraft(on: on, score: score, source: source, notes: notes)
    }

    static func failure(_ draft: WellbeingRatingDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(today: Fixture.today) }
    }

    @Test("A score from 1 to 10 is accepted")
    func valid() throws {
        #expect(try Self.draft(notes: " Feeling settled. ").validated(today: Fixture.today)
                == WellbeingRating(on: ymd("2026-11-20"), score: 7, source: .selfReport, notes: "Feeling settled."))
        #expect(try Self.draft(score: " 1 ").validated(today: Fixture.today).score == 1)
        #expect(try Self.draft(score: "10").validated(today: Fixture.today).score == 10)
        #expect(try Self.draft(on: .iso("2026-11-23")).validated(today: Fixture.today).on == Fixture.today)
    }

    @Test("A score outside 1 to 10, or not a whole number, is refused", arguments: ["0", "11", "abc", "-1", "+7", "7.5", "٧", "100"])
    func badScore(score: String) {
        let failure = Self.failure(Self.draft(score: score))
        #expect(failure.fields == ["score"])
        #expect(failure.message(for: "score") == "Score must be a whole number from 1 to 10")
    }

    @Test("A score is required", arguments: [String?.none, "", "  "])
    func missingScore(score: String?) {
        let failure = Self.failure(Self.draft(score: score))
        #expect(failure.fields == ["score"])
        #expect(failure.message(for: "score") == "Enter a score from 1 to 10")
    }

    @Test("A date in the future is refused")
    func futureDate() {
        let failure = Self.failure(Self.draft(on: .iso("2026-11-24")))
        #expect(failure.fields == ["on"])
        #expect(failure.message(for: "on") == "Date must be today or in the past")
    }

    @Test("The source is required")
    func source() {
        let failure = Self.failure(Self.draft(source: nil))
        #expect(failure.fields == ["source"])
        #expect(failure.message(for: "source") == "Select the source")
    }
}
