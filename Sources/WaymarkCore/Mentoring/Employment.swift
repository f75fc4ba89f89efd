/// The employment pathway former mentors follow, e.g. into paid Case Supporter roles.
public enum EmploymentStage: String, CaseIterable, Sendable, Codable {
    case applied, offered, waitingToStart, employed, notSuccessful, otherDestination

    public var label: String {
        switch self {
        case .applied: "Applied"
        case .offered: "Offered"
        case .waitingToStart: "Waiting to start"
        case .employed: "Employed"
        case .notSuccessful: "Not successful"
        case .otherDestination: "Other destination"
        }
    }
}

public struct EmploymentStep: Sendable, Equatable {
    public let role: String
    public let employer: String
    public let stage: EmploymentStage
    public let on: CalendarDate
    public let notes: String?
    /// The day it was recorded, where known: a "waiting to start" step is dated with the job's
    /// start, which may be ahead, but the mentor is waiting from the day it was recorded.
    public let recordedOn: CalendarDate?

    public init(role: String, employer: String, stage: EmploymentStage, on: CalendarDate, notes: String?, recordedOn: CalendarDate? = nil) {
        self.role = role
        self.employer = employer
        self.stage = stage
        self.on = on
        self.notes = notes
        self.recordedOn = recordedOn
    }

    /// The day from which the step says where the mentor stands.
    public var effectiveOn: CalendarDate { stage == .waitingToStart ? min(on, recordedOn ?? on) : on }
}

public struct EmploymentStepDraft: Sendable, Equatable {
    public var role: String?
    public var employer: String?
    public var stage: String?
    public var on: DateInput
    public var notes: String?

    public init(role: String?, employer: String?, stage: String?, on: DateInput, notes: String?) {
        self.role = role
        self.employer = employer
        self.stage = stage
        self.on = on
        self.notes = notes
    }

    public func validated(today: CalendarDate) throws(ValidationFailure) -> EmploymentStep {
        var errors = FieldErrors()
        let role = InputRules.required(role, field: "role", label: "role", article: "the", limit: InputRules.shortTextLimit, errors: &errors)
        let employer = InputRules.required(employer, field: "employer", label: "employer", article: "the", limit: InputRules.shortTextLimit, errors: &errors)
        let stage = InputRules.choice(stage, as: EmploymentStage.self, field: "stage", label: "stage", article: "the", errors: &errors)
        let date = InputRules.date(on, field: "on", label: "date", errors: &errors)
        // A start date may be ahead ("waiting to start"); anything else has happened already.
        if let date, let stage, stage != .waitingToStart, date > today {
            errors.add("on", "Date must be today or in the past")
        }
        let notes = InputRules.optional(notes, field: "notes", label: "notes", limit: InputRules.longTextLimit, multiline: true, errors: &errors)
        try errors.throwIfAny()
        return EmploymentStep(role: role!, employer: employer!, stage: stage!, on: date!, notes: notes)
    }
}
