import Foundation

public struct GoalResult: Sendable, Equatable, Codable {
    public let goal: String
    public let outcome: GoalOutcome
    public let comment: String?

    public init(goal: String, outcome: GoalOutcome, comment: String?) {
        self.goal = goal
        self.outcome = outcome
        self.comment = comment
    }
}

public struct Referral: Sendable, Equatable, Identifiable {
    public let id: String
    public let personID: String
    public let orderID: String
    public let referredByID: String
    public let referredOn: CalendarDate
    public var state: ReferralState
    public var details: ReferralDetails
    public var highRiskApprovedOn: CalendarDate?
    public var withdrawalReason: WithdrawalReason?
    public var closingSummary: [GoalResult]
    public var closedOn: CalendarDate?
    public var version: Int

    public init(id: String, personID: String, orderID: String, referredByID: String, referredOn: CalendarDate, state: ReferralState,
                details: ReferralDetails, highRiskApprovedOn: CalendarDate?, withdrawalReason: WithdrawalReason?, closingSummary: [GoalResult],
                closedOn: CalendarDate?, version: Int) {
        self.id = id
        self.personID = personID
        self.orderID = orderID
        self.referredByID = referredByID
        self.referredOn = referredOn
        self.state = state
        self.details = details
        self.highRiskApprovedOn = highRiskApprovedOn
        self.withdrawalReason = withdrawalReason
        self.closingSummary = closingSummary
        self.closedOn = closedOn
        self.version = version
    }
}

public struct Match: Sendable, Equatable, Identifiable {
    public let id: String
    public let referralID: String
    public let mentorID: String
    public var state: MatchState
    public let proposedOn: CalendarDate
    public var startedOn: CalendarDate?
    public var endedOn: CalendarDate?
    public var endReason: MatchEndReason?
    /// Set while a risk change is being reviewed by a coordinator.
    public var reviewReason: String?
    public let score: Int
    public var version: Int

    public init(id: String, referralID: String, mentorID: String, state: MatchState, proposedOn: CalendarDate, startedOn: CalendarDate?,
                endedOn: CalendarDate?, endReason: MatchEndReason?, reviewReason: String?, score: Int, version: Int) {
        self.id = id
        self.referralID = referralID
        self.mentorID = mentorID
        self.state = state
        self.proposedOn = proposedOn
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.endReason = endReason
        self.reviewReason = reviewReason
        self.score = score
        self.version = version
    }
}

public struct StoredContact: Sendable, Equatable, Identifiable {
    public let id: String
    public let matchID: String
    public let contact: Contact
    public let concernAcknowledgedOn: CalendarDate?
    public let loggedByID: String

    public init(id: String, matchID: String, contact: Contact, concernAcknowledgedOn: CalendarDate?, loggedByID: String) {
        self.id = id
        self.matchID = matchID
        self.contact = contact
        self.concernAcknowledgedOn = concernAcknowledgedOn
        self.loggedByID = loggedByID
    }

    public var hasOpenConcern: Bool { contact.concern != nil && concernAcknowledgedOn == nil }

    /// A concern is acknowledged once, by the practitioner; a second acknowledgement is refused.
    public func checkCanAcknowledge() throws(ValidationFailure) {
        guard contact.concern != nil else { throw ValidationFailure([FieldError("concern", "This contact raised no concern")]) }
        guard concernAcknowledgedOn == nil else { throw ValidationFailure([FieldError("concern", "This concern has already been acknowledged")]) }
    }
}

/// Closing a referral records, for each agreed goal, whether it was achieved.
public enum ReferralClosure {
    public static func summary(goals: [String], outcomes: [String?], comments: [String?]) throws(ValidationFailure) -> [GoalResult] {
        var errors = FieldErrors()
        var results: [GoalResult] = []
        for (index, goal) in goals.enumerated() {
            let raw = index < outcomes.count ? outcomes[index] : nil
            let outcome = raw.flatMap(GoalOutcome.init(rawValue:))
            if outcome == nil { errors.add("outcome-\(index)", "Select whether ‘\(goal)’ was achieved") }
            let comment = InputRules.optional(index < comments.count ? comments[index] : nil, field: "comment-\(index)", label: "comment",
                                              limit: InputRules.longTextLimit, multiline: true, errors: &errors)
            if let outcome { results.append(GoalResult(goal: goal, outcome: outcome, comment: comment)) }
        }
        try errors.throwIfAny()
        return results
    }
}
