/// A person's data protection status: whether their record is restricted (frozen while they
/// dispute it, UK GDPR Article 18), held for legal reasons (retention must not remove it), or
/// already anonymised.
public struct Protection: Sendable, Equatable {
    public var restriction: Hold?
    public var legalHold: Hold?
    public var anonymisedOn: CalendarDate?
    public var version: Int

    public init(restriction: Hold? = nil, legalHold: Hold? = nil, anonymisedOn: CalendarDate? = nil, version: Int = 0) {
        self.restriction = restriction
        self.legalHold = legalHold
        self.anonymisedOn = anonymisedOn
        self.version = version
    }

    public static let none = Protection()
    public var isRestricted: Bool { restriction != nil }

    /// Who set a restriction or a legal hold, when and why.
    public struct Hold: Sendable, Equatable {
        public let since: CalendarDate
        public let reason: String
        public let byID: String

        public init(since: CalendarDate, reason: String, byID: String) {
            self.since = since
            self.reason = reason
            self.byID = byID
        }
    }
}

/// The data protection officer's actions on a record, and the checks that make them safe.
public enum ProtectionAction: String, CaseIterable, Sendable {
    case restrict, liftRestriction, placeLegalHold, liftLegalHold

    public var label: String {
        switch self {
        case .restrict: "Restrict the record"
        case .liftRestriction: "Lift the restriction"
        case .placeLegalHold: "Place a legal hold"
        case .liftLegalHold: "Lift the legal hold"
        }
    }

    /// The new status, or why the action cannot be taken. A reason is always required:
    /// the officer must be able to say later why the record was frozen or kept.
    public func apply(to current: Protection, reason raw: String?, by userID: String, on today: CalendarDate) throws(ValidationFailure) -> Protection {
        var errors = FieldErrors()
        let reason = InputRules.required(raw, field: "reason", label: "reason", limit: 500, errors: &errors)
        if current.anonymisedOn != nil { errors.add("action", "This record has been anonymised: there is nothing left to restrict or hold") }
        switch self {
        case .restrict where current.restriction != nil: errors.add("action", "The record is already restricted")
        case .liftRestriction where current.restriction == nil: errors.add("action", "The record is not restricted")
        case .placeLegalHold where current.legalHold != nil: errors.add("action", "The record is already on legal hold")
        case .liftLegalHold where current.legalHold == nil: errors.add("action", "The record is not on legal hold")
        default: break
        }
        try errors.throwIfAny()
        var next = current
        let hold = Protection.Hold(since: today, reason: reason!, byID: userID)
        switch self {
        case .restrict: next.restriction = hold
        case .liftRestriction: next.restriction = nil
        case .placeLegalHold: next.legalHold = hold
        case .liftLegalHold: next.legalHold = nil
        }
        next.version = current.version + 1
        return next
    }
}

/// Which audited actions only read a record. Everything else changes it, and a restricted
/// record refuses changes until the restriction is lifted; data protection actions
/// (restricting, lifting, exporting, anonymising) are how a restriction is handled, so they pass.
public enum AuditActions {
    static let readSuffixes = [".view", ".list", ".export", ".sheet", ".suggestions", ".eligibility", ".certificate",
                               ".invitation", ".invitations", ".mentees", ".information"]

    public static func isRead(_ action: String) -> Bool {
        action.hasPrefix("report.") || action.hasPrefix("dashboard.") || readSuffixes.contains { action.hasSuffix($0) }
    }

    public static func isDataProtection(_ action: String) -> Bool { action.hasPrefix("dataProtection.") }

    /// Whether an action may touch a restricted person's record.
    public static func allowedWhileRestricted(_ action: String) -> Bool { isRead(action) || isDataProtection(action) }
}
