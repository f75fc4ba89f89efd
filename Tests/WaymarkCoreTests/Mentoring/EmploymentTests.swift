import Foundation
import Testing
@testable import WaymarkCore

@Suite("Employment pathway")
struct EmploymentTests {

    static func draft(role: String? = "Case Supporter", employer: String? = "Essex Community Rehabilitation Company",
                      stage: String? = "applied", on: DateInput = .iso("2026-11-02"), notes: String? = nil) -> EmploymentStepDraft {
        EmploymentStepDraft(role: role, employer: employer, stage: stage, on: on, notes: notes)
    }

    static func failure(_ draft: EmploymentStepDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(today: Fixture.today) }
    }

    @Test("A complete step is recorded")
    func valid() throws {
        let step = try Self.draft(role: " Case Supporter ", notes: "  Interview on Friday.\nReference from coordinator. ")
            .validated(today: Fixture.today)
        #expect(step == EmploymentStep(role: "Case Supporter", employer: "Essex Community Rehabilitation Company", stage: .applied,
                                       on: ymd("2026-11-02"), notes: "Interview on Friday.\nReference from coordinator."))
    }

    @Test("Every stage is accepted and labelled", arguments: EmploymentStage.allCases)
    func everyStage(stage: EmploymentStage) throws {
        #expect(try Self.draft(stage: stage.rawValue).validated(today: Fixture.today).stage == stage)
        #expect(!stage.label.isEmpty)
    }

    @Test("Only a start date may be ahead ('waiting to start'); every other stage has happened already",
          arguments: EmploymentStage.allCases)
    func futureDate(stage: EmploymentStage) throws {
        let draft = Self.draft(stage: stage.rawValue, on: .iso("2026-12-07"))
        if stage == .waitingToStart {
            #expect(try draft.validated(today: Fixture.today).on == ymd("2026-12-07"))
        } else {
            let failure = Self.failure(draft)
            #expect(failure.fields == ["on"])
            #expect(failure.message(for: "on") == "Date must be today or in the past")
        }
        // Today is always fine.
        #expect(try Self.draft(stage: stage.rawValue, on: .iso("2026-11-23")).validated(today: Fixture.today).on == Fixture.today)
    }

    @Test("The stage is chosen from the list", arguments: [
        (String?.none, "Select the stage"),
        (" ", "Select the stage"),
        ("hired", "Select the stage from the list (one of: applied, offered, waitingToStart, employed, notSuccessful, otherDestination)"),
    ])
    func stage(stage: String?, message: String) {
        let failure = Self.failure(Self.draft(stage: stage))
        #expect(failure.fields == ["stage"])
        #expect(failure.message(for: "stage") == message)
    }

    @Test("Everything missing is reported at once")
    func empty() {
        let failure = Self.failure(Self.draft(role: nil, employer: "", stage: nil, on: .iso(nil)))
        #expect(failure.fields == ["role", "employer", "stage", "on"])
        #expect(failure.message(for: "role") == "Enter the role")
        #expect(failure.message(for: "employer") == "Enter the employer")
        #expect(failure.message(for: "on") == "Enter a date")
    }

    @Test("Over-long text is refused")
    func longText() {
        let failure = Self.failure(Self.draft(role: String(repeating: "r", count: 201),
                                              notes: String(repeating: "n", count: 2001)))
        #expect(failure.fields == ["role", "notes"])
        #expect(failure.message(for: "notes") == "Notes must be 2000 characters or fewer")
    }

    @Test("Stage labels")
    func labels() {
        #expect(EmploymentStage.waitingToStart.label == "Waiting to start")
        #expect(EmploymentStage.notSuccessful.label == "Not successful")
        #expect(Set(EmploymentStage.allCases.map(\.label)).count == EmploymentStage.allCases.count)
    }
}
