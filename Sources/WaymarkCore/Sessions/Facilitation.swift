import Foundation

public enum FacilitatorResponse: String, CaseIterable, Sendable, Codable {
    case requested, accepted, declined

    public var label: String {
        switch self {
        case .requested: "Asked"
        case .accepted: "Accepted"
        case .declined: "Declined"
        }
    }
}

/// Someone asked to facilitate a session: a peer mentor or a member of staff.
public struct Facilitator: Sendable, Equatable, Identifiable {
    public let id: String
    public let sessionID: String
    /// Set for a peer mentor.
    public let mentorID: String?
    /// The sign-in that answers the request and sees the session: the mentor's own, or the staff member's.
    public let userID: String?
    public var response: FacilitatorResponse
    public var version: Int

    public init(id: String, sessionID: String, mentorID: String?, userID: String?, response: FacilitatorResponse, version: Int) {
        self.id = id
        self.sessionID = sessionID
        self.mentorID = mentorID
        self.userID = userID
        self.response = response
        self.version = version
    }

    public var isMentor: Bool { mentorID != nil }
}

/// What the facilitation rule needs to know about one facilitator.
public struct FacilitatorFacts: Sendable, Equatable {
    public let facilitator: Facilitator
    public let name: String
    /// For a mentor: active with a recorded accreditation (the only mentors who may facilitate).
    public let activeAndAccredited: Bool
    /// For staff: their role.
    public let staffRole: Role?
    /// For a mentor: their own CRN, so participants who must never meet them are found.
    public let crn: CRN?
    /// People this facilitator must never meet: their own exclusion list and their mentees' co-defendants.
    public let mustNotMeet: Set<CRN>
    /// Their other sessions that are not cancelled.
    public let otherSessions: [GroupSession]

    public init(facilitator: Facilitator, name: String, activeAndAccredited: Bool, staffRole: Role?, crn: CRN?, mustNotMeet: Set<CRN>,
                otherSessions: [GroupSession]) {
        self.facilitator = facilitator
        self.name = name
        self.activeAndAccredited = activeAndAccredited
        self.staffRole = staffRole
        self.crn = crn
        self.mustNotMeet = mustNotMeet
        self.otherSessions = otherSessions
    }
}

/// What the rule needs to know about one booked participant.
public struct ParticipantFacts: Sendable, Equatable {
    public let name: String
    public let crn: CRN?
    /// The exclusion lists on their referrals.
    public let mustNotMeet: Set<CRN>

    public init(name: String, crn: CRN?, mustNotMeet: Set<CRN>) {
        self.name = name
        self.crn = crn
        self.mustNotMeet = mustNotMeet
    }
}

/// The facilitation rule of DESIGN.md: a session is confirmed only when accepted facilitators
/// meet its intervention's rule, none of them would meet someone they must never meet, and
/// none is booked elsewhere at the same time. Every problem is listed, not just the first.
public enum SessionConfirmation {
    public static func problems(session: GroupSession, intervention: Intervention, facilitators: [FacilitatorFacts],
                                participants: [ParticipantFacts]) -> [String] {
        // Someone who declined is not facilitating, so neither their list nor their diary blocks the session.
        let asked = facilitators.filter { $0.facilitator.response != .declined }
        return ruleProblems(intervention: intervention, facilitators: facilitators)
            + asked.flatMap { exclusionProblems($0, participants: participants) }
            + asked.compactMap { doubleBooking($0, session: session) }
    }

    public static func ruleProblems(intervention: Intervention, facilitators: [FacilitatorFacts]) -> [String] {
        let accepted = facilitators.filter { $0.facilitator.response == .accepted }
        var problems: [String] = []
        let mentors = accepted.filter { $0.facilitator.isMentor }
        for mentor in mentors where !mentor.activeAndAccredited {
            problems.append("\(mentor.name) is not an active peer mentor with a recorded accreditation, so cannot facilitate")
        }
        let qualifiedMentors = mentors.filter(\.activeAndAccredited).count
        if qualifiedMentors < intervention.rule.mentors {
            let n = intervention.rule.mentors
            problems.append("\(intervention.name) needs \(n) accredited peer mentor\(n == 1 ? " who has" : "s who have") accepted; it has \(qualifiedMentors)")
        }
        let staff = accepted.filter { !$0.facilitator.isMentor && $0.staffRole.map(intervention.rule.staffRole.accepts) == true }.count
        if staff < intervention.rule.staff {
            let role = intervention.rule.staffRole.label
            problems.append("\(intervention.name) needs \(intervention.rule.staff) \(role)\(intervention.rule.staff == 1 ? "" : "s") who \(intervention.rule.staff == 1 ? "has" : "have") accepted; it has \(staff)")
        }
        return problems
    }

    /// A facilitator must not meet anyone on their list, nor anyone whose list names them.
    public static func exclusionProblems(_ f: FacilitatorFacts, participants: [ParticipantFacts]) -> [String] {
        participants.compactMap { p in
            let theyExclude = p.crn.map(f.mustNotMeet.contains) ?? false
            let excludedByThem = f.crn.map(p.mustNotMeet.contains) ?? false
            guard theyExclude || excludedByThem else { return nil }
            return "\(f.name) must not meet \(p.name), who is booked on this session: ask another facilitator or move \(p.name) to another session"
        }
    }

    public static func doubleBooking(_ f: FacilitatorFacts, session: GroupSession) -> String? {
        guard f.facilitator.response != .declined,
              let clash = f.otherSessions.first(where: { $0.id != session.id && $0.state != .cancelled && $0.overlaps(session) })
        else { return nil }
        return "\(f.name) is already facilitating another session at that time (\(clash.start.spoken) to \(clash.end.spoken) on \(clash.date.long))"
    }
}

/// Who may record attendance and feedback for a session: a role that reaches sessions by area
/// (a coordinator) always; one that reaches them only by being asked (staff facilitators,
/// mentors, practitioners facilitating a group first appointment) only once they have accepted.
public enum FacilitationRecording {
    public static func mayRecord(userID: String, role: Role, facilitators: [Facilitator]) -> Bool {
        guard Policy.scope(of: role, for: .recordAttendance) == .own else { return Policy.permits(role, .recordAttendance) }
        return hasAccepted(userID: userID, facilitators: facilitators)
    }

    public static func hasAccepted(userID: String, facilitators: [Facilitator]) -> Bool {
        facilitators.contains { $0.userID == userID && $0.response == .accepted }
    }
}
