import Foundation
import Testing
@testable import WaymarkCore

@Suite("Policy: who may do what, and how far")
struct PolicyTests {

    // MARK: The expected table, written from DESIGN.md ("Roles and access"), not from Policy.table

    /// The columns of `expectedRows`, in order.
    static let columns: [Capability] = [
        .viewHome, .viewAreas, .searchPeople, .viewPerson, .createPerson, .editPerson,
        .viewOrders, .editOrders, .viewRisk, .recordRisk, .viewAudit, .manageUsers, .manageSettings,
        // The mentor journey.
        .viewMentors, .recommendMentor, .reviewMentorRisk, .recordDeclarations, .moveMentor, .editMentorProfile,
        .manageCohorts, .recordAccreditation, .recordSupervision, .logHours, .claimExpenses, .decideExpenses,
        .recordEmployment, .recordFurtherOffence,
        // Referral to match.
        .referMentee, .viewReferrals, .manageReferrals, .closeReferral, .viewMatches, .respondToMatch, .manageMatches,
        .logContacts, .acknowledgeConcerns,
        // Group sessions and RAR.
        .viewInterventions, .manageInterventions, .viewSessions, .scheduleSessions, .bookParticipants, .respondToFacilitation,
        .recordAttendance, .recordEnforcement, .viewCalendar,
        // Outcomes and reporting.
        .viewReports, .recordOutcomes, .recordWellbeing, .manageCaseStudies,
        // Data protection.
        .decideSharing, .manageDataProtection,
        // Going live.
        .manageOrganisation, .manageOwnAccount, .giveMentorSignIn,
    ]

    /// E = everything, A = own areas, C = caseload, O = own record only, - = not permitted.
    /// Each row is the casework columns followed by the mentor-journey columns (`mentorRows`).
    ///
    /// - administrator: settings, users, audit; no casework.
    /// - coordinator: everything in their own area(s); areas list readable by all; no audit or users.
    /// - practitioner: casework on their caseload (others in their area as a summary, decided by
    ///   `access`); may create people in their own areas.
    /// - staff facilitator, mentor, commissioner: only home and the areas list; their narrow views
    ///   of people come through sessions, matches and reports, not this table.
    static let expectedRows: [Role: String] = caseworkRows.merging(mentorRows) { $0 + " " + $1 }.merging(matchingRows) { $0 + " " + $1 }
        .merging(sessionRows) { $0 + " " + $1 }.merging(reportRows) { $0 + " " + $1 }.merging(dataProtectionRows) { $0 + " " + $1 }
        .merging(goLiveRows) { $0 + " " + $1 }

    /// Going live (issue #24): administrators keep the organisation and its accounts; everyone
    /// manages their own account; coordinators give their areas' mentors a sign-in.
    static let goLiveRows: [Role: String] = [
        //                  organisation ownAccount mentorSignIn
        .administrator:    "E            O          E",
        .coordinator:      "-            O          A",
        .practitioner:     "-            O          -",
        .staffFacilitator: "-            O          -",
        .mentor:           "-            O          -",
        .commissioner:     "-            O          -",
    ]

    /// Data protection: the practitioner decides what their mentee's mentor may see (issue #9:
    /// "the practitioner chooses"); the administrator, as the data protection officer's seat,
    /// answers subject access, restricts, holds and reviews retention and access. No one else.
    static let dataProtectionRows: [Role: String] = [
        //                  sharing dataProtection
        .administrator:    "-       E",
        .coordinator:      "-       -",
        .practitioner:     "C       -",
        .staffFacilitator: "-       -",
        .mentor:           "-       -",
        .commissioner:     "-       -",
    ]

    /// Outcomes and reporting: coordinators report on their areas, record outcomes and wellbeing
    /// and run case studies; practitioners record outcomes and wellbeing for their caseload;
    /// commissioners see their areas' reports (small counts suppressed) and nothing else.
    static let reportRows: [Role: String] = [
        //                  reports outcomes wellbeing caseStudies
        .administrator:    "-       -        -         -",
        .coordinator:      "A       A        A         A",
        .practitioner:     "-       C        C         -",
        .staffFacilitator: "-       -        -         -",
        .mentor:           "-       -        -         -",
        .commissioner:     "A       -        -         -",
    ]

    /// Group sessions: coordinators schedule in their areas; practitioners book people from their caseload,
    /// decide enforcement, and facilitate first appointments (O: only sessions they are asked to facilitate);
    /// staff facilitators and mentors reach only sessions they facilitate; commissioners none.
    static let sessionRows: [Role: String] = [
        //                  vInt mInt vSes sched book respond attend enforce calendar
        .administrator:    "-    -    -    -     -    -       -      -       -",
        .coordinator:      "A    A    A    A     A    A       A      -       O",
        .practitioner:     "C    -    C    -     C    O       O      C       O",
        .staffFacilitator: "O    -    O    -     -    O       O      -       O",
        .mentor:           "O    -    O    -     -    O       -      -       O",
        .commissioner:     "-    -    -    -     -    -       -      -       -",
    ]

    /// Referral to match: practitioners refer from their caseload, close referrals and acknowledge
    /// concerns; coordinators run the waiting list and matches; a mentor sees and answers their
    /// own matches and logs contacts with their own mentees.
    static let matchingRows: [Role: String] = [
        //                  refer view manage close vMatch respond mMatch contacts ack
        .administrator:    "-     -    -      -     -      -       -      -        -",
        .coordinator:      "A     A    A      A     A      A       A      A        -",
        .practitioner:     "C     C    -      C     C      -       -      -        C",
        .staffFacilitator: "-     -    -      -     -      -       -      -        -",
        .mentor:           "-     -    -      -     O      O       -      O        -",
        .commissioner:     "-     -    -      -     -      -       -      -        -",
    ]

    /// The mentor journey (issue: practitioners recommend and review from their caseload and
    /// record further offences; coordinators run the rest; a mentor sees their own record and
    /// logs their own hours and expenses).
    static let mentorRows: [Role: String] = [
        //                  view rec  risk decl move prof coh  accr sup  hours exp  decide emp  offence
        .administrator:    "-    -    -    -    -    -    -    -    -    -     -    -      -    -",
        .coordinator:      "A    -    A    A    A    A    A    A    A    A     A    A      A    -",
        .practitioner:     "C    C    C    C    -    -    -    -    -    -     -    -      -    C",
        .staffFacilitator: "-    -    -    -    -    -    -    -    -    -     -    -      -    -",
        .mentor:           "O    -    -    -    -    -    -    -    -    O     O    -      -    -",
        .commissioner:     "-    -    -    -    -    -    -    -    -    -     -    -      -    -",
    ]

    static let caseworkRows: [Role: String] = [
        //                  home areas search view create edit vOrd eOrd vRisk rRisk audit users settings
        .administrator:    "E    E     -      -    -      -    -    -    -     -     E     E     E",
        .coordinator:      "A    E     A      A    A      A    A    A    A     A     -     -     -",
        .practitioner:     "C    E     C      C    A      C    C    C    C     C     -     -     -",
        .staffFacilitator: "E    E     -      -    -      -    -    -    -     -     -     -     -",
        .mentor:           "E    E     -      -    -      -    -    -    -     -     -     -     -",
        .commissioner:     "E    E     -      -    -      -    -    -    -     -     -     -     -",
    ]

    static func expectedScope(_ role: Role, _ capability: Capability) -> Scope? {
        guard let row = expectedRows[role], let column = columns.firstIndex(of: capability) else { return nil }
        let cells = row.split(separator: " ", omittingEmptySubsequences: true)
        guard column < cells.count else { return nil }
        switch cells[column] {
        case "E": return .everything
        case "A": return .ownAreas
        case "C": return .caseload
        case "O": return .own
        default: return nil
        }
    }

    @Test("The expected table covers every role and capability exactly once")
    func expectedTableIsComplete() {
        #expect(Set(Self.columns) == Set(Capability.allCases))
        #expect(Self.columns.count == Capability.allCases.count)
        #expect(Set(Self.expectedRows.keys) == Set(Role.allCases))
        for (role, row) in Self.expectedRows {
            let cells = row.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cells.count == Self.columns.count, "row for \(role)")
            #expect(cells.allSatisfy { ["E", "A", "C", "O", "-"].contains(String($0)) }, "row for \(role)")
        }
    }

    @Test("Policy matches the design's table", arguments: Role.allCases, Capability.allCases)
    func matrix(role: Role, capability: Capability) {
        let expected = Self.expectedScope(role, capability)
        #expect(Policy.scope(of: role, for: capability) == expected)
        #expect(Policy.permits(role, capability) == (expected != nil))
    }

    @Test("The policy table names every role")
    func everyRoleHasARow() {
        #expect(Set(Policy.table.keys) == Set(Role.allCases))
    }

    @Test("Only administrators see the audit log and manage users", arguments: Role.allCases)
    func adminOnly(role: Role) {
        #expect(Policy.permits(role, .viewAudit) == (role == .administrator))
        #expect(Policy.permits(role, .manageUsers) == (role == .administrator))
    }

    @Test("Every signed-in role may read the list of areas", arguments: Role.allCases)
    func everyoneSeesAreas(role: Role) {
        #expect(Policy.scope(of: role, for: .viewAreas) == Scope.everything)
    }

    @Test("No casework for administrators, facilitators, mentors or commissioners",
          arguments: [Role.administrator, .staffFacilitator, .mentor, .commissioner],
          [Capability.searchPeople, .viewPerson, .createPerson, .editPerson, .viewOrders, .editOrders, .viewRisk, .recordRisk])
    func noCasework(role: Role, capability: Capability) {
        #expect(!Policy.permits(role, capability))
    }

    // MARK: Access to one person's record

    static let casework: [Capability] = [
        .searchPeople, .viewPerson, .createPerson, .editPerson, .viewOrders, .editOrders, .viewRisk, .recordRisk,
    ]
    /// Caseload capabilities other than reading the person: these never reach past the caseload.
    static let caseloadOnly: [Capability] = [.editPerson, .viewOrders, .editOrders, .viewRisk, .recordRisk]

    static let coordinator = WaymarkCore.Actor(userID: "coord-1", role: .coordinator, areaIDs: ["essex"])
    static let practitioner = WaymarkCore.Actor(userID: "prac-1", role: .practitioner, areaIDs: ["essex"])

    static let ownCase = PersonScope(areaID: "essex", practitionerID: "prac-1")
    static let colleaguesCase = PersonScope(areaID: "essex", practitionerID: "prac-2")
    static let unallocated = PersonScope(areaID: "essex", practitionerID: nil)
    static let otherArea = PersonScope(areaID: "swm", practitionerID: "prac-3")
    static let otherAreaUnallocated = PersonScope(areaID: "swm", practitionerID: nil)

    @Test("A coordinator has full access in their own area", arguments: PolicyTests.casework)
    func coordinatorOwnArea(capability: Capability) {
        for person in [Self.ownCase, Self.colleaguesCase, Self.unallocated] {
            #expect(Policy.access(Self.coordinator, to: person, for: capability) == RecordAccess.full)
        }
    }

    @Test("A coordinator has no access outside their area", arguments: PolicyTests.casework)
    func coordinatorOtherArea(capability: Capability) {
        #expect(Policy.access(Self.coordinator, to: Self.otherArea, for: capability) == RecordAccess.none)
        #expect(Policy.access(Self.coordinator, to: Self.otherAreaUnallocated, for: capability) == RecordAccess.none)
    }

    @Test("A coordinator of several areas reaches each of them")
    func coordinatorSeveralAreas() {
        let coordinator = WaymarkCore.Actor(userID: "coord-2", role: .coordinator, areaIDs: ["essex", "swm"])
        #expect(Policy.access(coordinator, to: Self.otherArea, for: .editPerson) == RecordAccess.full)
        #expect(Policy.access(coordinator, to: Self.ownCase, for: .editPerson) == RecordAccess.full)
        #expect(Policy.access(coordinator, to: PersonScope(areaID: "dlnr", practitionerID: nil), for: .viewPerson)
                == RecordAccess.none)
    }

    @Test("A coordinator may not use the audit log on a person")
    func coordinatorNoAudit() {
        #expect(Policy.access(Self.coordinator, to: Self.ownCase, for: .viewAudit) == RecordAccess.none)
    }

    @Test("A practitioner has full access to their own caseload",
          arguments: [Capability.searchPeople, .viewPerson, .editPerson, .viewOrders, .editOrders, .viewRisk, .recordRisk])
    func practitionerOwnCaseload(capability: Capability) {
        #expect(Policy.access(Self.practitioner, to: Self.ownCase, for: capability) == RecordAccess.full)
    }

    @Test("A practitioner sees a summary of others in their area when viewing or searching",
          arguments: [Capability.viewPerson, .searchPeople])
    func practitionerSummary(capability: Capability) {
        #expect(Policy.access(Self.practitioner, to: Self.colleaguesCase, for: capability) == RecordAccess.summary)
        #expect(Policy.access(Self.practitioner, to: Self.unallocated, for: capability) == RecordAccess.summary)
    }

    @Test("A practitioner cannot edit or see orders and risk of others' cases", arguments: PolicyTests.caseloadOnly)
    func practitionerOthersNone(capability: Capability) {
        #expect(Policy.access(Self.practitioner, to: Self.colleaguesCase, for: capability) == RecordAccess.none)
        #expect(Policy.access(Self.practitioner, to: Self.unallocated, for: capability) == RecordAccess.none)
    }

    @Test("A practitioner has no access outside their areas, not even a summary", arguments: PolicyTests.casework)
    func practitionerOtherArea(capability: Capability) {
        #expect(Policy.access(Self.practitioner, to: Self.otherArea, for: capability) == RecordAccess.none)
        #expect(Policy.access(Self.practitioner, to: Self.otherAreaUnallocated, for: capability) == RecordAccess.none)
    }

    @Test("A practitioner may create people in their own areas only")
    func practitionerCreate() {
        #expect(Policy.access(Self.practitioner, to: Self.unallocated, for: .createPerson) == RecordAccess.full)
        #expect(Policy.access(Self.practitioner, to: Self.otherAreaUnallocated, for: .createPerson) == RecordAccess.none)
    }

    @Test("A practitioner with no areas still has their own caseload, and nothing else")
    func practitionerWithoutAreas() {
        let practitioner = WaymarkCore.Actor(userID: "prac-1", role: .practitioner, areaIDs: [])
        #expect(Policy.access(practitioner, to: Self.ownCase, for: .viewPerson) == RecordAccess.full)
        #expect(Policy.access(practitioner, to: Self.colleaguesCase, for: .viewPerson) == RecordAccess.none)
        #expect(Policy.access(practitioner, to: Self.unallocated, for: .createPerson) == RecordAccess.none)
    }

    @Test("Roles without casework have no access to a person's record",
          arguments: [Role.administrator, .staffFacilitator, .mentor, .commissioner], PolicyTests.casework)
    func othersNoAccess(role: Role, capability: Capability) {
        let actor = WaymarkCore.Actor(userID: "prac-1", role: role, areaIDs: ["essex", "swm"])
        for person in [Self.ownCase, Self.colleaguesCase, Self.unallocated, Self.otherArea] {
            #expect(Policy.access(actor, to: person, for: capability) == RecordAccess.none)
        }
    }

    @Test("A person's scope is their area and practitioner")
    func personScope() {
        let details = PersonDetails(crn: CRN("X123456"), firstName: "Ann", lastName: "Smith",
                                    dateOfBirth: ymd("1990-05-17"), gender: .female, areaID: "essex",
                                    deliveryUnitID: "essex-south")
        let person = Person(id: "p1", details: details, practitionerID: "prac-1", version: 1)
        #expect(person.scope == Self.ownCase)
        #expect(Policy.access(Self.practitioner, to: person.scope, for: .editPerson) == RecordAccess.full)
    }

    @Test("Access levels are ordered none < summary < full")
    func accessOrder() {
        #expect(RecordAccess.none < RecordAccess.summary)
        #expect(RecordAccess.summary < RecordAccess.full)
        #expect(max(RecordAccess.summary, RecordAccess.none) == RecordAccess.summary)
    }

    @Test("Roles have their display labels")
    func roleLabels() {
        #expect(Role.allCases.map(\.rawValue) == ["administrator", "coordinator", "practitioner", "staffFacilitator",
                                                   "mentor", "commissioner"])
        #expect(Role.coordinator.label == "Peer mentor coordinator")
        #expect(Role.practitioner.label == "Probation practitioner")
        #expect(Set(Role.allCases.map(\.label)).count == Role.allCases.count)
    }

    @Test("Enforcement decisions are seen by the person's practitioner and their area's coordinators, never by facilitators")
    func enforcementNeedToKnow() {
        let person = PersonScope(areaID: "essex", practitionerID: "prac-1")
        #expect(Policy.seesEnforcement(Actor(userID: "prac-1", role: .practitioner, areaIDs: ["essex"]), of: person))
        #expect(!Policy.seesEnforcement(Actor(userID: "prac-2", role: .practitioner, areaIDs: ["essex"]), of: person))
        #expect(Policy.seesEnforcement(Actor(userID: "coord", role: .coordinator, areaIDs: ["essex"]), of: person))
        #expect(!Policy.seesEnforcement(Actor(userID: "coord", role: .coordinator, areaIDs: ["kent"]), of: person))
        for role in [Role.staffFacilitator, .mentor, .commissioner, .administrator] {
            #expect(!Policy.seesEnforcement(Actor(userID: "prac-1", role: role, areaIDs: ["essex"]), of: person), "\(role)")
        }
    }
}
