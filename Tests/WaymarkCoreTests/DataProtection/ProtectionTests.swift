import Testing
@testable import WaymarkCore

@Suite("Restriction and legal hold")
struct ProtectionTests {
    @Test("Restricting records who, when and why, and moves the version on")
    func restrict() throws {
        let p = try ProtectionAction.restrict.apply(to: .none, reason: "Disputes the end date", by: "dpo", on: Fixture.today)
        #expect(p.restriction == Protection.Hold(since: Fixture.today, reason: "Disputes the end date", byID: "dpo"))
        #expect(p.isRestricted && p.legalHold == nil && p.version == 1)
        let lifted = try ProtectionAction.liftRestriction.apply(to: p, reason: "Checked with the court", by: "dpo", on: Fixture.today)
        #expect(!lifted.isRestricted && lifted.version == 2)
    }

    @Test("A reason is always needed")
    func reasonRequired() {
        let failure = validationFailure { try ProtectionAction.placeLegalHold.apply(to: .none, reason: "  ", by: "dpo", on: Fixture.today) }
        #expect(failure.errors.map(\.field) == ["reason"])
    }

    @Test("Actions that make no sense for the current status are refused", arguments: [
        (ProtectionAction.liftRestriction, Protection.none),
        (ProtectionAction.liftLegalHold, Protection.none),
        (ProtectionAction.restrict, Protection(restriction: .init(since: Fixture.today, reason: "r", byID: "x"))),
        (ProtectionAction.placeLegalHold, Protection(legalHold: .init(since: Fixture.today, reason: "r", byID: "x"))),
        (ProtectionAction.restrict, Protection(anonymisedOn: Fixture.today)),
    ])
    func refused(action: ProtectionAction, current: Protection) {
        let failure = validationFailure { try action.apply(to: current, reason: "because", by: "dpo", on: Fixture.today) }
        #expect(failure.errors.map(\.field) == ["action"])
    }

    @Test("Reads and data protection actions pass a restriction; every other audited action is a change", arguments: [
        ("person.view", true), ("order.list", true), ("match.export", true), ("referral.suggestions", true), ("mentor.eligibility", true),
        ("report.annual.view", true), ("dashboard.mentees", true), ("referral.sharing.view", true),
        ("dataProtection.subjectAccess", true), ("dataProtection.liftRestriction", true), ("dataProtection.anonymise", true),
        ("person.update", false), ("order.update", false), ("risk.record", false), ("contact.log", false), ("sharing.decide", false),
        ("referral.create", false), ("mentor.move", false), ("caseStudy.create", false),
    ])
    func allowedWhileRestricted(action: String, allowed: Bool) {
        #expect(AuditActions.allowedWhileRestricted(action) == allowed)
    }
}
