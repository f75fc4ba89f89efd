/// What a signed-in user may try to do. Every page and API operation names one.
public enum Capability: String, CaseIterable, Sendable {
    case viewHome
    case viewAreas
    case searchPeople
    case viewPerson
    case createPerson
    case editPerson
    case viewOrders
    case editOrders
    case viewRisk
    case recordRisk
    case viewAudit
    case manageUsers
    case manageSettings
    // The mentor journey.
    case viewMentors
    case recommendMentor
    case reviewMentorRisk
    case recordDeclarations
    case moveMentor
    case editMentorProfile
    case manageCohorts
    case recordAccreditation
    case recordSupervision
    case logHours
    case claimExpenses
    case decideExpenses
    case recordEmployment
    case recordFurtherOffence
    // Referral to match.
    case referMentee
    case viewReferrals
    case manageReferrals
    case closeReferral
    case viewMatches
    case respondToMatch
    case manageMatches
    case logContacts
    case acknowledgeConcerns
    // Group sessions and RAR.
    case viewInterventions
    case manageInterventions
    case viewSessions
    case scheduleSessions
    case bookParticipants
    case respondToFacilitation
    case recordAttendance
    case recordEnforcement
    case viewCalendar
    // Outcomes and reporting.
    case viewReports
    case recordOutcomes
    case recordWellbeing
    case manageCaseStudies
    // Data protection.
    case decideSharing
    case manageDataProtection
    // Going live.
    case manageOrganisation
    case manageOwnAccount
    case giveMentorSignIn
}

/// How far a permitted capability reaches.
public enum Scope: Sendable, Equatable {
    /// Every record of the provider.
    case everything
    /// Records in the user's own area(s).
    case ownAreas
    /// The practitioner's own caseload in full; others in their area(s) as a summary.
    case caseload
    /// Only the user's own record (a mentor's own journey, hours and expenses).
    case own
}

/// The one table that says which role may do what, and how far. Pages and the API both
/// consult it; `WaymarkWebTests` walks every route against it.
public enum Policy {
    public static let table: [Role: [Capability: Scope]] = [
        .administrator: [
            .viewHome: .everything, .viewAreas: .everything,
            .viewAudit: .everything, .manageUsers: .everything, .manageSettings: .everything,
            // Subject access, restriction, legal holds, retention and audit review: the data
            // protection officer's duties, which need no casework.
            .manageDataProtection: .everything,
            .manageOrganisation: .everything, .giveMentorSignIn: .everything, .manageOwnAccount: .own,
        ],
        .coordinator: [
            .viewHome: .ownAreas, .viewAreas: .everything,
            .searchPeople: .ownAreas, .viewPerson: .ownAreas, .createPerson: .ownAreas,
            .editPerson: .ownAreas, .viewOrders: .ownAreas, .editOrders: .ownAreas,
            .viewRisk: .ownAreas, .recordRisk: .ownAreas,
            .viewMentors: .ownAreas, .reviewMentorRisk: .ownAreas, .recordDeclarations: .ownAreas, .moveMentor: .ownAreas,
            .editMentorProfile: .ownAreas, .manageCohorts: .ownAreas, .recordAccreditation: .ownAreas,
            .recordSupervision: .ownAreas, .logHours: .ownAreas, .claimExpenses: .ownAreas, .decideExpenses: .ownAreas,
            .recordEmployment: .ownAreas,
            .referMentee: .ownAreas, .viewReferrals: .ownAreas, .manageReferrals: .ownAreas, .closeReferral: .ownAreas,
            .viewMatches: .ownAreas, .respondToMatch: .ownAreas, .manageMatches: .ownAreas, .logContacts: .ownAreas,
            .viewInterventions: .ownAreas, .manageInterventions: .ownAreas, .viewSessions: .ownAreas, .scheduleSessions: .ownAreas,
            .bookParticipants: .ownAreas, .respondToFacilitation: .ownAreas, .recordAttendance: .ownAreas, .viewCalendar: .own,
            .viewReports: .ownAreas, .recordOutcomes: .ownAreas, .recordWellbeing: .ownAreas, .manageCaseStudies: .ownAreas,
            .giveMentorSignIn: .ownAreas, .manageOwnAccount: .own,
        ],
        .practitioner: [
            .viewHome: .caseload, .viewAreas: .everything,
            .searchPeople: .caseload, .viewPerson: .caseload, .createPerson: .ownAreas,
            .editPerson: .caseload, .viewOrders: .caseload, .editOrders: .caseload,
            .viewRisk: .caseload, .recordRisk: .caseload,
            .viewMentors: .caseload, .recommendMentor: .caseload, .reviewMentorRisk: .caseload,
            .recordDeclarations: .caseload, .recordFurtherOffence: .caseload,
            .referMentee: .caseload, .viewReferrals: .caseload, .closeReferral: .caseload, .viewMatches: .caseload,
            .acknowledgeConcerns: .caseload,
            .viewInterventions: .caseload, .viewSessions: .caseload, .bookParticipants: .caseload, .respondToFacilitation: .own,
            .recordAttendance: .own, .recordEnforcement: .caseload, .viewCalendar: .own,
            .recordOutcomes: .caseload, .recordWellbeing: .caseload, .decideSharing: .caseload, .manageOwnAccount: .own,
        ],
        // Facilitators and mentors reach people only through sessions and matches, which
        // grant their own narrow views; commissioners see aggregates only.
        .staffFacilitator: [.viewHome: .everything, .viewAreas: .everything, .viewInterventions: .own, .viewSessions: .own,
                            .respondToFacilitation: .own, .recordAttendance: .own, .viewCalendar: .own, .manageOwnAccount: .own],
        .mentor: [.viewHome: .everything, .viewAreas: .everything, .viewMentors: .own, .logHours: .own, .claimExpenses: .own,
                  .viewMatches: .own, .respondToMatch: .own, .logContacts: .own,
                  .viewInterventions: .own, .viewSessions: .own, .respondToFacilitation: .own, .viewCalendar: .own, .manageOwnAccount: .own],
        .commissioner: [.viewHome: .everything, .viewAreas: .everything, .viewReports: .ownAreas, .manageOwnAccount: .own],
    ]

    public static func scope(of role: Role, for capability: Capability) -> Scope? {
        table[role]?[capability]
    }

    public static func permits(_ role: Role, _ capability: Capability) -> Bool {
        scope(of: role, for: capability) != nil
    }

    /// How much of one person's record a user may see.
    public static func access(_ actor: Actor, to person: PersonScope, for capability: Capability) -> RecordAccess {
        guard let scope = scope(of: actor.role, for: capability) else { return .none }
        switch scope {
        case .everything:
            return .full
        case .ownAreas:
            return actor.areaIDs.contains(person.areaID) ? .full : .none
        case .own:
            return person.linkedUserID != nil && person.linkedUserID == actor.userID ? .full : .none
        case .caseload:
            if let practitioner = person.practitionerID, practitioner == actor.userID { return .full }
            // Only reading reaches beyond the caseload, and only as a summary.
            guard actor.areaIDs.contains(person.areaID) else { return .none }
            return capability == .viewPerson || capability == .searchPeople ? .summary : .none
        }
    }
}

extension Policy {
    /// Whether a user reaches a group session: coordinators by area, facilitators (staff and
    /// mentors) through being asked to facilitate it, practitioners by area to book their people.
    public static func reaches(_ actor: Actor, _ session: SessionScope, for capability: Capability) -> Bool {
        guard sessionCapabilities.contains(capability), let scope = scope(of: actor.role, for: capability) else { return false }
        switch scope {
        case .everything: return true
        case .ownAreas: return actor.areaIDs.contains(session.areaID)
        case .own: return session.facilitatorUserIDs.contains(actor.userID)
        case .caseload: return actor.areaIDs.contains(session.areaID) || session.facilitatorUserIDs.contains(actor.userID)
        }
    }
}

extension Policy {
    /// Who sees the enforcement decision on someone's attendance, its notes and the order it counts
    /// against: their practitioner (who decides it) and the coordinators of their area. Facilitators
    /// record attendance but are not told what follows it.
    public static func seesEnforcement(_ actor: Actor, of person: PersonScope) -> Bool {
        switch actor.role {
        case .coordinator: actor.areaIDs.contains(person.areaID)
        case .practitioner: person.practitionerID == actor.userID
        default: false
        }
    }

    /// Who sees a session participant's CRN as well as their name. Staff facilitators are
    /// given names only (DESIGN.md: "their participants' names"); mentors not even those.
    public static func seesParticipantCRN(_ role: Role) -> Bool { [.coordinator, .practitioner].contains(role) }

    /// Whether reading this person's record was outside the reader's own work, for the
    /// unusual-access review: a practitioner beyond their caseload, a coordinator beyond their areas.
    public static func isOutsideOwnWork(_ actor: Actor, _ person: PersonScope) -> Bool {
        switch actor.role {
        case .practitioner: person.practitionerID != actor.userID
        case .coordinator: !actor.areaIDs.contains(person.areaID)
        default: false
        }
    }

    /// Why a match is under review, as this role may be told it. The reason can name a risk
    /// change ("RoSH medium → high", a safeguarding flag), which a mentor must never see.
    public static func reviewReason(_ reason: String, shownTo role: Role) -> String {
        role == .mentor ? "your coordinator is reviewing this match and will be in touch" : reason
    }
}

extension Policy {
    /// Only these reach a session; other capabilities (home, areas) say nothing about sessions.
    public static let sessionCapabilities: Set<Capability> = [.viewSessions, .scheduleSessions, .bookParticipants, .respondToFacilitation, .recordAttendance]
}

/// The parts of a session that decide who may reach it.
public struct SessionScope: Sendable, Equatable {
    public let areaID: String
    /// The sign-ins of facilitators who have not declined.
    public let facilitatorUserIDs: Set<String>

    public init(areaID: String, facilitatorUserIDs: Set<String>) {
        self.areaID = areaID
        self.facilitatorUserIDs = facilitatorUserIDs
    }
}

/// Who is acting: enough to apply the policy, nothing more.
public struct Actor: Sendable, Equatable {
    public let userID: String
    public let role: Role
    public let areaIDs: Set<String>

    public init(userID: String, role: Role, areaIDs: Set<String>) {
        self.userID = userID
        self.role = role
        self.areaIDs = areaIDs
    }
}

/// The parts of a person's record that decide who may see it.
public struct PersonScope: Sendable, Equatable {
    public let areaID: String
    public let practitionerID: String?
    /// The sign-in of the person themself, where they have one (a mentor's own account).
    public let linkedUserID: String?

    public init(areaID: String, practitionerID: String?, linkedUserID: String? = nil) {
        self.areaID = areaID
        self.practitionerID = practitionerID
        self.linkedUserID = linkedUserID
    }
}

public enum RecordAccess: Sendable, Equatable, Comparable {
    case none
    /// Name, CRN, area, delivery unit and practitioner: enough to avoid a duplicate referral.
    case summary
    case full
}
