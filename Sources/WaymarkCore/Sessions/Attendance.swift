import Foundation

/// A participant's outcome for a session, in the national probation vocabulary.
public enum AttendanceOutcome: String, CaseIterable, Sendable, Codable {
    case attendedComplied, attendedFailedToComply, sentHomeBehaviour, sentHomeServiceIssues, acceptableAbsence, unacceptableAbsence, failedToAttend

    public var label: String {
        switch self {
        case .attendedComplied: "Attended – complied"
        case .attendedFailedToComply: "Attended – failed to comply"
        case .sentHomeBehaviour: "Sent home (behaviour)"
        case .sentHomeServiceIssues: "Sent home (service issues)"
        case .acceptableAbsence: "Acceptable absence"
        case .unacceptableAbsence: "Unacceptable absence"
        case .failedToAttend: "Failed to attend"
        }
    }

    public var attended: Bool { [.attendedComplied, .attendedFailedToComply, .sentHomeBehaviour, .sentHomeServiceIssues].contains(self) }

    /// Non-compliance: the practitioner is told and records an enforcement decision.
    public var isNonCompliance: Bool { [.attendedFailedToComply, .sentHomeBehaviour, .unacceptableAbsence, .failedToAttend].contains(self) }

    /// Only this outcome earns RAR credit (arriving late still counts).
    public var earnsCredit: Bool { self == .attendedComplied }
}

public enum AbsenceReason: String, CaseIterable, Sendable, Codable {
    case courtOrLegal, employment, familyOrChildcare, holiday, medical, religious, remandedInCustody, professionalJudgement

    public var label: String {
        switch self {
        case .courtOrLegal: "Court or legal"
        case .employment: "Employment"
        case .familyOrChildcare: "Family or childcare"
        case .holiday: "Holiday"
        case .medical: "Medical"
        case .religious: "Religious"
        case .remandedInCustody: "Remanded in custody"
        case .professionalJudgement: "Professional judgement"
        }
    }
}

public struct AttendanceRecord: Sendable, Equatable {
    public let outcome: AttendanceOutcome
    public let absenceReason: AbsenceReason?
    public let late: Bool
    public let lateReason: String?
    public let behaviourNotes: String?
    /// The facilitator asks for the practitioner to be told, whatever the outcome.
    public let tellPractitioner: Bool

    public init(outcome: AttendanceOutcome, absenceReason: AbsenceReason?, late: Bool, lateReason: String?, behaviourNotes: String?,
                tellPractitioner: Bool) {
        self.outcome = outcome
        self.absenceReason = absenceReason
        self.late = late
        self.lateReason = lateReason
        self.behaviourNotes = behaviourNotes
        self.tellPractitioner = tellPractitioner
    }

    /// Non-attendance and concerning behaviour notify the practitioner.
    public var notifiesPractitioner: Bool { outcome.isNonCompliance || tellPractitioner || outcome == .sentHomeServiceIssues }

    public var needsEnforcementDecision: Bool { outcome.isNonCompliance }
}

/// What a facilitator typed for one participant.
public struct AttendanceDraft: Sendable, Equatable {
    public var outcome: String?
    public var absenceReason: String?
    public var late: Bool
    public var lateReason: String?
    public var behaviourNotes: String?
    public var tellPractitioner: Bool

    public init(outcome: String?, absenceReason: String?, late: Bool, lateReason: String?, behaviourNotes: String?, tellPractitioner: Bool) {
        self.outcome = outcome
        self.absenceReason = absenceReason
        self.late = late
        self.lateReason = lateReason
        self.behaviourNotes = behaviourNotes
        self.tellPractitioner = tellPractitioner
    }

    /// Attendance is recorded on or after the day of the session, for someone booked on it, once.
    public func validated(sessionDate: CalendarDate, today: CalendarDate, booked: Bool, alreadyRecorded: Bool) throws(ValidationFailure) -> AttendanceRecord {
        var errors = FieldErrors()
        if !booked { errors.add("personId", "This person is not booked on this session: book them first, then record their attendance") }
        if alreadyRecorded { errors.add("personId", "Attendance for this person at this session is already recorded") }
        if sessionDate > today { errors.add("outcome", "Attendance can be recorded from the day of the session (\(sessionDate.long))") }
        let outcome = InputRules.choice(outcome, as: AttendanceOutcome.self, field: "outcome", label: "outcome", article: "an", errors: &errors)
        var reason: AbsenceReason?
        if outcome == .acceptableAbsence {
            reason = InputRules.choice(absenceReason, as: AbsenceReason.self, field: "absenceReason", label: "reason for the absence", article: "the", errors: &errors)
        } else if !(absenceReason ?? "").isEmpty, outcome != nil {
            errors.add("absenceReason", "Only an acceptable absence has a reason: remove it or choose acceptable absence")
        }
        var lateReason: String?
        if late {
            if let outcome, !outcome.attended { errors.add("late", "Only someone who attended can be late") }
            lateReason = InputRules.required(self.lateReason, field: "lateReason", label: "reason they were late", article: "the",
                                             limit: InputRules.shortTextLimit, errors: &errors)
        }
        let notes = InputRules.optional(behaviourNotes, field: "behaviourNotes", label: "behaviour notes", limit: InputRules.longTextLimit,
                                        multiline: true, errors: &errors)
        if outcome == .sentHomeBehaviour, notes == nil, !errors.errors.contains(where: { $0.field == "behaviourNotes" }) {
            errors.add("behaviourNotes", "Describe the behaviour that meant they were sent home")
        }
        try errors.throwIfAny()
        return AttendanceRecord(outcome: outcome!, absenceReason: reason, late: late, lateReason: lateReason, behaviourNotes: notes,
                                tellPractitioner: tellPractitioner)
    }
}

/// What follows non-compliance. Waymark records it; the practitioner decides.
public enum EnforcementDecision: String, CaseIterable, Sendable, Codable {
    case warningLetter, breachOrRecallRequested, referToPractitioner, noFurtherAction

    public var label: String {
        switch self {
        case .warningLetter: "Warning letter sent"
        case .breachOrRecallRequested: "Breach or recall requested"
        case .referToPractitioner: "Referred back to the practitioner for review"
        case .noFurtherAction: "No further action"
        }
    }
}

public struct EnforcementDraft: Sendable, Equatable {
    public var decision: String?
    public var notes: String?

    public init(decision: String?, notes: String?) {
        self.decision = decision
        self.notes = notes
    }

    public func validated(attendance: AttendanceRecord, alreadyDecided: Bool) throws(ValidationFailure) -> (EnforcementDecision, String?) {
        var errors = FieldErrors()
        if !attendance.needsEnforcementDecision { errors.add("decision", "\(attendance.outcome.label) does not need an enforcement decision") }
        if alreadyDecided { errors.add("decision", "An enforcement decision is already recorded for this attendance") }
        let decision = InputRules.choice(decision, as: EnforcementDecision.self, field: "decision", label: "decision", article: "a", errors: &errors)
        let notes = InputRules.optional(notes, field: "notes", label: "notes", limit: InputRules.longTextLimit, multiline: true, errors: &errors)
        if decision == .noFurtherAction, notes == nil, !errors.errors.contains(where: { $0.field == "notes" }) {
            errors.add("notes", "Say why no further action is needed")
        }
        try errors.throwIfAny()
        return (decision!, notes)
    }
}
