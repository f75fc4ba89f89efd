/// A risk review of a mentor candidate, by their practitioner or a coordinator.
public enum RiskReviewOutcome: String, CaseIterable, Sendable, Codable {
    case suitable, notSuitable

    public var label: String { self == .suitable ? "Suitable to mentor" : "Not suitable" }
}

public struct MentorRiskReview: Sendable, Equatable {
    public let reviewerRole: Role
    public let outcome: RiskReviewOutcome
    public let reviewedOn: CalendarDate
    public let notes: String?

    public init(reviewerRole: Role, outcome: RiskReviewOutcome, reviewedOn: CalendarDate, notes: String?) {
        self.reviewerRole = reviewerRole
        self.outcome = outcome
        self.reviewedOn = reviewedOn
        self.notes = notes
    }
}

public struct MentorRiskReviewDraft: Sendable, Equatable {
    public var outcome: String?
    public var reviewedOn: DateInput
    public var notes: String?

    public init(outcome: String?, reviewedOn: DateInput, notes: String?) {
        self.outcome = outcome
        self.reviewedOn = reviewedOn
        self.notes = notes
    }

    public func validated(by role: Role, today: CalendarDate) throws(ValidationFailure) -> MentorRiskReview {
        var errors = FieldErrors()
        let outcome = InputRules.choice(outcome, as: RiskReviewOutcome.self, field: "outcome", label: "outcome", article: "an", errors: &errors)
        let date = InputRules.date(reviewedOn, field: "reviewedOn", label: "date of the review", article: "the", errors: &errors)
        if let date, date > today { errors.add("reviewedOn", "Date of the review must be today or in the past") }
        let notes = InputRules.optional(notes, field: "notes", label: "notes", limit: InputRules.longTextLimit, multiline: true, errors: &errors)
        if outcome == .notSuitable, notes == nil, !errors.errors.contains(where: { $0.field == "notes" }) {
            errors.add("notes", "Say why they are not suitable")
        }
        try errors.throwIfAny()
        return MentorRiskReview(reviewerRole: role, outcome: outcome!, reviewedOn: date!, notes: notes)
    }
}

extension EligibilityFacts {
    /// A review counts when the most recent one from that role says "suitable". `reviews` are
    /// in the order they were recorded, which settles two reviews on the same day.
    public static func reviewed(by role: Role, in reviews: [MentorRiskReview]) -> Bool {
        reviews.filter { $0.reviewerRole == role }.enumerated()
            .max { ($0.element.reviewedOn, $0.offset) < ($1.element.reviewedOn, $1.offset) }?.element.outcome == .suitable
    }
}

/// A further offence recorded for someone who has been a mentor.
public struct FurtherOffence: Sendable, Equatable {
    public let offenceOn: CalendarDate
    public let notes: String?

    public init(offenceOn: CalendarDate, notes: String?) {
        self.offenceOn = offenceOn
        self.notes = notes
    }
}

public struct FurtherOffenceDraft: Sendable, Equatable {
    public var offenceOn: DateInput
    public var notes: String?

    public init(offenceOn: DateInput, notes: String?) {
        self.offenceOn = offenceOn
        self.notes = notes
    }

    public func validated(today: CalendarDate) throws(ValidationFailure) -> FurtherOffence {
        var errors = FieldErrors()
        let date = InputRules.date(offenceOn, field: "offenceOn", label: "date of the offence", article: "the", errors: &errors)
        if let date, date > today { errors.add("offenceOn", "Date of the offence must be today or in the past") }
        let notes = InputRules.optional(notes, field: "notes", label: "notes", limit: InputRules.longTextLimit, multiline: true, errors: &errors)
        try errors.throwIfAny()
        return FurtherOffence(offenceOn: date!, notes: notes)
    }
}

public enum Reoffending {
    /// The programme figure "mentors who completed training and reoffended": a mentor counts
    /// when an offence is dated on or after the day they completed training.
    public static func reoffendedAfterTraining(_ mentors: [(trainedOn: CalendarDate?, offences: [CalendarDate])]) -> Int {
        mentors.filter { mentor in
            guard let trained = mentor.trainedOn else { return false }
            return mentor.offences.contains { $0 >= trained }
        }.count
    }
}
