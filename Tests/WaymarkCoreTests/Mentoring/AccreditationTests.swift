import Foundation
import Testing
@testable import WaymarkCore

@Suite("Accreditation")
struct AccreditationTests {

    static func draft(award: String? = AccreditationDraft.standardAward, body: String? = "ocn",
                      certificate: String? = "OCN-2026-004512", awardedOn: DateInput = .iso("2026-11-20"),
                      first: Bool = true) -> AccreditationDraft {
        AccreditationDraft(award: award, awardingBody: body, certificateNumber: certificate, awardedOn: awardedOn,
                           firstQualification: first)
    }

    static func failure(_ draft: AccreditationDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(today: Fixture.today, trainingComplete: true) }
    }

    @Test("A complete award is recorded")
    func valid() throws {
        let accreditation = try Self.draft(award: "  Level 2 Award in Peer Mentoring ", certificate: " OCN-2026-004512 ")
            .validated(today: Fixture.today, trainingComplete: true)
        #expect(accreditation == Accreditation(award: "Level 2 Award in Peer Mentoring", awardingBody: .ocn,
                                               certificateNumber: "OCN-2026-004512", awardedOn: ymd("2026-11-20"),
                                               firstQualification: true))
    }

    @Test("The standard award's name")
    func standardAward() {
        #expect(AccreditationDraft.standardAward == "Level 2 Award in Peer Mentoring")
    }

    @Test("Every awarding body is accepted", arguments: AwardingBody.allCases)
    func everyBody(body: AwardingBody) throws {
        #expect(try Self.draft(body: body.rawValue).validated(today: Fixture.today, trainingComplete: true).awardingBody == body)
        #expect(!body.label.isEmpty)
    }

    @Test("Whether it is their first qualification is kept", arguments: [true, false])
    func firstQualification(first: Bool) throws {
        #expect(try Self.draft(first: first).validated(today: Fixture.today, trainingComplete: true).firstQualification == first)
    }

    @Test("An unknown awarding body is refused", arguments: ["OCN", "City and Guilds", "skills for justice"])
    func unknownBody(body: String) {
        let failure = Self.failure(Self.draft(body: body))
        #expect(failure.fields == ["awardingBody"])
        #expect(failure.message(for: "awardingBody") == "Select the awarding body from the list (one of: ocn, skillsForJustice, other)")
    }

    @Test("The award date may be today but not in the future", arguments: [
        ("2026-11-23", true), ("2020-01-01", true), ("2026-11-24", false), ("2027-06-01", false),
    ])
    func awardDate(date: String, accepted: Bool) throws {
        if accepted {
            #expect(try Self.draft(awardedOn: .iso(date)).validated(today: Fixture.today, trainingComplete: true).awardedOn == ymd(date))
        } else {
            let failure = Self.failure(Self.draft(awardedOn: .iso(date)))
            #expect(failure.fields == ["awardedOn"])
            #expect(failure.message(for: "awardedOn") == "Date of the award must be today or in the past")
        }
    }

    @Test("Everything missing is reported at once")
    func empty() {
        let failure = Self.failure(Self.draft(award: " ", body: nil, certificate: nil, awardedOn: .iso(nil)))
        #expect(failure.fields == ["award", "awardingBody", "certificateNumber", "awardedOn"])
        #expect(failure.message(for: "award") == "Enter the award")
        #expect(failure.message(for: "awardingBody") == "Select the awarding body")
        #expect(failure.message(for: "certificateNumber") == "Enter the certificate number")
        #expect(failure.message(for: "awardedOn") == "Enter the date of the award")
    }

    @Test("A certificate number is at most 50 characters")
    func certificateLength() throws {
        #expect(try Self.draft(certificate: String(repeating: "7", count: 50)).validated(today: Fixture.today, trainingComplete: true)
                .certificateNumber.count == 50)
        let failure = Self.failure(Self.draft(certificate: String(repeating: "7", count: 51)))
        #expect(failure.fields == ["certificateNumber"])
        #expect(failure.message(for: "certificateNumber") == "Certificate number must be 50 characters or fewer")
    }

    @Test("A date that is not real is refused")
    func unrealDate() {
        let failure = Self.failure(Self.draft(awardedOn: .iso("2026-02-30")))
        #expect(failure.fields == ["awardedOn"])
    }

    /// The journey, not the award form, guards the order of things: a candidate who has not completed training
    /// cannot be trained, and a trained mentor cannot become active until the accreditation is recorded.
    @Test("Accreditation is what lets a trained mentor become active")
    func accreditationAllowsActive() {
        func check(_ facts: JourneyFacts, from: MentorState, to: MentorState) -> String? {
            do throws(JourneyRefusal) {
                try MentorJourney.check(from: from, to: to, facts: facts, reason: "Certificate received")
                return nil
            } catch { return error.message }
        }
        let notCompleted = JourneyFacts(eligibility: .init(reasons: []), trainingComplete: false, accredited: false,
                                        stateBeforeSuspension: nil)
        #expect(check(notCompleted, from: .inTraining, to: .trained) != nil)
        let trained = JourneyFacts(eligibility: .init(reasons: []), trainingComplete: true, accredited: false,
                                   stateBeforeSuspension: nil)
        #expect(check(trained, from: .trained, to: .active) == "Record their accreditation before they become active")
        let accredited = JourneyFacts(eligibility: .init(reasons: []), trainingComplete: true, accredited: true,
                                      stateBeforeSuspension: nil)
        #expect(check(accredited, from: .trained, to: .active) == nil)
    }
}

@Suite("Accreditation needs completed training")
struct AccreditationNeedsTrainingTests {
    @Test("A valid accreditation is refused until training is complete")
    func refusedBeforeTraining() {
        let draft = AccreditationDraft(award: AccreditationDraft.standardAward, awardingBody: "ocn", certificateNumber: "OCN-1",
                                       awardedOn: .iso("2026-11-01"), firstQualification: true)
        let failure = validationFailure { try draft.validated(today: Fixture.today, trainingComplete: false) }
        #expect(failure.fields == ["award"])
        #expect(failure.message(for: "award") == "They have not completed training yet: accreditation follows a completed cohort")
        #expect((try? draft.validated(today: Fixture.today, trainingComplete: true)) != nil)
    }
}
