import Foundation
import Testing
@testable import WaymarkCore

/// An outcome assessment on `iso` with the given ratings.
func measured(_ stage: OutcomeStage, _ iso: String, _ ratings: [MenteeMeasure: String],
                source: OutcomeSource = .practitionerAssessment) -> OutcomeAssessment {
    OutcomeAssessment(stage: stage, recordedOn: ymd(iso), source: source, ratings: ratings, notes: nil)
}

@Suite("Distance travelled on each outcome measure")
struct OutcomeProgressTests {

    @Test("Referral against closure: better, the same or worse on each measure's scale")
    func improvedSameWorse() {
        let changes = OutcomeProgress.changes([
            measured(.referral, "2026-01-10", [.accommodation: "homeless", .educationTrainingEmployment: "learning",
                                                 .substanceMisuse: "inTreatment", .accreditedProgramme: "notCompleted"]),
            measured(.closure, "2026-09-01", [.accommodation: "settled", .educationTrainingEmployment: "learning",
                                                .substanceMisuse: "problematic", .accreditedProgramme: "completed"]),
        ])
        #expect(changes == [.accommodation: .improved, .educationTrainingEmployment: .same, .substanceMisuse: .worse,
                            .accreditedProgramme: .improved])
    }

    @Test("The first rating at referral and the last at closure are compared, whatever order they are listed in")
    func firstAndLast() {
        let changes = OutcomeProgress.changes([
            // Listed out of date order on purpose.
            measured(.closure, "2026-09-30", [.accommodation: "temporary"]),
            measured(.referral, "2026-02-01", [.accommodation: "homeless", .familyRelationships: "supportive"]),
            measured(.closure, "2026-09-01", [.accommodation: "settled", .familyRelationships: "brokenDown"]),
            measured(.referral, "2026-01-10", [.accommodation: "temporary"]),
        ])
        // Accommodation: first at referral "temporary" (10 Jan), last at closure "temporary" (30 Sep).
        // Family: only rated on 1 Feb at referral and on 1 Sep at closure.
        #expect(changes == [.accommodation: .same, .familyRelationships: .worse])
    }

    @Test("A later assessment that leaves a measure out does not hide an earlier rating of it")
    func measureLeftOut() {
        let changes = OutcomeProgress.changes([
            measured(.referral, "2026-01-10", [.accommodation: "homeless"]),
            measured(.referral, "2026-01-20", [.substanceMisuse: "problematic"]),
            measured(.closure, "2026-08-01", [.accommodation: "temporary", .substanceMisuse: "noProblem"]),
            measured(.closure, "2026-09-01", [.substanceMisuse: "inTreatment"]),
        ])
        #expect(changes == [.accommodation: .improved, .substanceMisuse: .improved])
    }

    @Test("A measure rated at only one of referral and closure has no change")
    func missingAtOneEnd() {
        let changes = OutcomeProgress.changes([
            measured(.referral, "2026-01-10", [.accommodation: "homeless", .substanceMisuse: "problematic"]),
            measured(.closure, "2026-09-01", [.accommodation: "settled", .engagementWithSupervision: "engaging"]),
        ])
        #expect(changes == [.accommodation: .improved])
        #expect(changes[.substanceMisuse] == nil)
        #expect(changes[.engagementWithSupervision] == nil)
    }

    @Test("Ratings at review count for neither end")
    func reviewIgnored() {
        let changes = OutcomeProgress.changes([
            measured(.review, "2026-01-05", [.accommodation: "homeless", .familyRelationships: "brokenDown"]),
            measured(.referral, "2026-01-10", [.accommodation: "temporary"]),
            measured(.review, "2026-05-01", [.accommodation: "settled", .familyRelationships: "supportive"]),
            measured(.closure, "2026-09-01", [.accommodation: "temporary"]),
            measured(.review, "2026-10-01", [.accommodation: "homeless"]),
        ])
        #expect(changes == [.accommodation: .same])
    }

    @Test("No assessments, no changes")
    func none() {
        #expect(OutcomeProgress.changes([]).isEmpty)
        #expect(OutcomeProgress.changes([measured(.referral, "2026-01-10", [.accommodation: "homeless"])]).isEmpty)
    }

    @Test("Change labels")
    func labels() {
        #expect(OutcomeChange.improved.label == "Improved")
        #expect(OutcomeChange.same.label == "No change")
        #expect(OutcomeChange.worse.label == "Worse")
    }
}
