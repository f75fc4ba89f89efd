import Testing
@testable import WaymarkCore

@Suite("Inviting people and changing accounts")
struct UserAccountRulesTests {
    static let areas: Set<String> = ["essex", "kent", "suffolk"]

    static func draft(email: String? = "Sam.Jones@Example.org", name: String? = "Sam Jones", role: String? = "coordinator",
                      areas: [String] = ["essex"]) -> UserInvitationDraft {
        UserInvitationDraft(email: email, name: name, role: role, areaIDs: areas)
    }

    static func emailCheck(_ raw: String?) -> (email: String?, errors: [FieldError]) {
        var errors = FieldErrors()
        let email = UserAccountRules.email(raw, errors: &errors)
        return (email, errors.errors)
    }

    // MARK: The invitation form

    @Test("A complete invitation is accepted, with the email lower-cased and the name trimmed")
    func valid() throws {
        let draft = Self.draft(email: "  Sam.Jones@Example.org ", name: " Sam Jones ", areas: ["essex", "kent", ""])
        let valid = try draft.validated(knownAreas: Self.areas)
        #expect(valid == UserInvitationDraft.Valid(email: "sam.jones@example.org", name: "Sam Jones", role: .coordinator,
                                                   areaIDs: ["essex", "kent"]))
    }

    @Test("Every missing field is reported at once")
    func everythingMissing() {
        let failure = validationFailure { try Self.draft(email: nil, name: "  ", role: nil, areas: []).validated(knownAreas: Self.areas) }
        #expect(failure.fields == ["email", "name", "role"])
        #expect(failure.message(for: "email") == "Enter an email address")
        #expect(failure.message(for: "name") == "Enter a full name")
        #expect(failure.message(for: "role") == "Select a role")
    }

    @Test("A role that is not one of the six is refused")
    func unknownRole() {
        let failure = validationFailure { try Self.draft(role: "superuser").validated(knownAreas: Self.areas) }
        #expect(failure.fields == ["role"])
    }

    @Test("Administrators are not given areas")
    func administratorWithAreas() throws {
        let failure = validationFailure { try Self.draft(role: "administrator", areas: ["essex"]).validated(knownAreas: Self.areas) }
        #expect(failure.message(for: "areas") == "Administrators are not given areas: they manage the whole installation")
        let admin = try Self.draft(role: "administrator", areas: []).validated(knownAreas: Self.areas)
        #expect(admin.role == .administrator)
        #expect(admin.areaIDs.isEmpty)
    }

    @Test("Every role other than administrator needs at least one area", arguments: Role.allCases.filter { $0 != .administrator })
    func othersNeedAreas(role: Role) {
        let failure = validationFailure { try Self.draft(role: role.rawValue, areas: [""]).validated(knownAreas: Self.areas) }
        #expect(failure.message(for: "areas") == "Select at least one area for a \(role.label.lowercased())")
    }

    @Test("An area that is not one of the installation's is refused")
    func unknownArea() {
        let failure = validationFailure { try Self.draft(role: "mentor", areas: ["essex", "atlantis"]).validated(knownAreas: Self.areas) }
        #expect(failure.fields == ["areas"])
        #expect(failure.message(for: "areas") == "Select areas from the list")
    }

    @Test("Problems with the email, the role's areas and the name are all reported together")
    func problemsTogether() {
        let draft = Self.draft(email: "sam", name: nil, role: "practitioner", areas: [])
        let failure = validationFailure { try draft.validated(knownAreas: Self.areas) }
        #expect(failure.fields == ["email", "name", "areas"])
    }

    // MARK: Email addresses

    @Test("An email address is trimmed and lower-cased")
    func emailNormalised() {
        let result = Self.emailCheck("  Jo.Bloggs@Example.ORG\n")
        #expect(result.email == "jo.bloggs@example.org")
        #expect(result.errors.isEmpty)
    }

    @Test("A missing email address is asked for")
    func emailMissing() {
        #expect(Self.emailCheck(nil).errors == [FieldError("email", "Enter an email address")])
        #expect(Self.emailCheck("   ").errors == [FieldError("email", "Enter an email address")])
    }

    @Test("Something that is not an email address is refused with the GOV.UK message",
          arguments: ["jo", "jo@", "@example.org", "jo@example", "jo@@example.org", "jo@.example.org", "jo@example.org.",
                      "jo bloggs@example.org", "jo\u{7}@example.org"])
    func emailWrongFormat(raw: String) {
        let result = Self.emailCheck(raw)
        #expect(result.email == nil)
        #expect(result.errors == [FieldError("email", "Enter an email address in the correct format, like name@example.org")])
    }

    @Test("An email address longer than 254 characters is refused")
    func emailTooLong() {
        let local = String(repeating: "a", count: 64)
        let domain = String(repeating: "b", count: 185) + ".org"
        #expect(Self.emailCheck(local + "@" + domain).email != nil)
        #expect(Self.emailCheck(local + "@b" + domain).email == nil)
    }

    @Test("The email error can be put against another field")
    func emailField() {
        var errors = FieldErrors()
        _ = UserAccountRules.email("nope", field: "contactEmail", errors: &errors)
        #expect(errors.errors.map(\.field) == ["contactEmail"])
    }

    // MARK: Who may invite whom

    @Test("An administrator may invite anyone, anywhere", arguments: Role.allCases)
    func administratorInvites(role: Role) {
        let admin = Actor(userID: "a1", role: .administrator, areaIDs: [])
        #expect(UserAccountRules.mayInvite(admin, role: role, areaIDs: role == .administrator ? [] : ["kent"]))
    }

    @Test("A coordinator may invite peer mentors into their own areas only")
    func coordinatorInvites() {
        let coordinator = Actor(userID: "c1", role: .coordinator, areaIDs: ["essex", "suffolk"])
        #expect(UserAccountRules.mayInvite(coordinator, role: .mentor, areaIDs: ["essex"]))
        #expect(UserAccountRules.mayInvite(coordinator, role: .mentor, areaIDs: ["essex", "suffolk"]))
        #expect(!UserAccountRules.mayInvite(coordinator, role: .mentor, areaIDs: ["kent"]))
        #expect(!UserAccountRules.mayInvite(coordinator, role: .mentor, areaIDs: ["essex", "kent"]))
        #expect(!UserAccountRules.mayInvite(coordinator, role: .mentor, areaIDs: []))
    }

    @Test("A coordinator may not invite anyone but a peer mentor", arguments: Role.allCases.filter { $0 != .mentor })
    func coordinatorInvitesOnlyMentors(role: Role) {
        let coordinator = Actor(userID: "c1", role: .coordinator, areaIDs: ["essex"])
        #expect(!UserAccountRules.mayInvite(coordinator, role: role, areaIDs: ["essex"]))
    }

    @Test("No other role may invite anyone",
          arguments: [Role.practitioner, .staffFacilitator, .mentor, .commissioner])
    func othersMayNotInvite(actorRole: Role) {
        let actor = Actor(userID: "u1", role: actorRole, areaIDs: ["essex"])
        #expect(!UserAccountRules.mayInvite(actor, role: .mentor, areaIDs: ["essex"]))
    }

    // MARK: Keeping an administrator

    @Test("Only removing the last active administrator leaves the installation without one",
          arguments: [
            // (active administrators, was an active administrator, stays one, leaves none)
            (1, true, false, true),
            (0, true, false, true),
            (2, true, false, false),
            (1, true, true, false),
            (1, false, false, false),
            (1, false, true, false),
            (3, false, false, false),
          ])
    func lastAdministrator(active: Int, was: Bool, stays: Bool, leavesNone: Bool) {
        let leaves = UserAccountRules.leavesNoAdministrator(activeAdministrators: active, changing: was, staysActiveAdministrator: stays)
        #expect(leaves == leavesNone)
    }

    @Test("The last-administrator message says what to do first")
    func lastAdministratorMessage() {
        #expect(UserAccountRules.lastAdministratorMessage.contains("make someone else an administrator first"))
    }

    // MARK: Two-step sign-in

    @Test("Administrators always need two-step sign-in")
    func twoStepAdministrator() {
        #expect(UserAccountRules.requiresTwoStep(.administrator, allStaff: false))
        #expect(UserAccountRules.requiresTwoStep(.administrator, allStaff: true))
    }

    @Test("Peer mentors are never made to use two-step sign-in")
    func twoStepMentor() {
        #expect(!UserAccountRules.requiresTwoStep(.mentor, allStaff: false))
        #expect(!UserAccountRules.requiresTwoStep(.mentor, allStaff: true))
    }

    @Test("Other staff need two-step sign-in only when the provider asks it of all staff",
          arguments: [Role.coordinator, .practitioner, .staffFacilitator, .commissioner])
    func twoStepStaff(role: Role) {
        #expect(!UserAccountRules.requiresTwoStep(role, allStaff: false))
        #expect(UserAccountRules.requiresTwoStep(role, allStaff: true))
    }
}
