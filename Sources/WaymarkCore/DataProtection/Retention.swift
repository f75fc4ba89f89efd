/// What retention needs to know about one person, gathered by the shell.
public struct RetentionFacts: Sendable, Equatable {
    public let personID: String
    public let providerID: String
    /// Anything still going on: an order without an end, an open referral, a mentor still on the journey.
    public let openInvolvement: [String]
    /// The latest day any order ended or anything of theirs was closed, or the record was made.
    public let lastClosed: CalendarDate
    public let legalHold: Bool
    /// A disputed record is kept as it is until the dispute is settled.
    public let restricted: Bool
    public let anonymised: Bool

    public init(personID: String, providerID: String, openInvolvement: [String], lastClosed: CalendarDate, legalHold: Bool,
                restricted: Bool = false, anonymised: Bool) {
        self.restricted = restricted
        self.personID = personID
        self.providerID = providerID
        self.openInvolvement = openInvolvement
        self.lastClosed = lastClosed
        self.legalHold = legalHold
        self.anonymised = anonymised
    }
}

public enum RetentionStatus: Sendable, Equatable {
    case anonymised
    case legalHold
    case restricted
    /// Still involved: kept, whatever the dates say.
    case open(reasons: [String])
    /// Kept until this day.
    case keep(until: CalendarDate)
    /// Past its retention period since this day: anonymise.
    case expired(since: CalendarDate)

    public var label: String {
        switch self {
        case .anonymised: "Anonymised"
        case .legalHold: "On legal hold"
        case .restricted: "Restricted while a dispute is settled"
        case .open(let reasons): "Still involved: " + reasons.joined(separator: "; ")
        case .keep(let until): "Kept until \(until.long)"
        case .expired(let since): "Expired on \(since.long)"
        }
    }
}

/// The retention rule: a person's record is kept for the provider's retention period (7 years
/// by default) after their last order ended and their involvement with the service closed,
/// then anonymised. A legal hold stops it, so does a restriction (the disputed record is kept as
/// it is); nothing open is ever removed.
public enum RetentionRule {
    public static let defaultYears = 7

    public static func status(_ facts: RetentionFacts, years: Int, today: CalendarDate) -> RetentionStatus {
        if facts.anonymised { return .anonymised }
        if facts.legalHold { return .legalHold }
        if facts.restricted { return .restricted }
        if !facts.openInvolvement.isEmpty { return .open(reasons: facts.openInvolvement) }
        let until = facts.lastClosed.adding(years: years)
        return until <= today ? .expired(since: until) : .keep(until: until)
    }

    /// The replacement for a name once anonymised: the same for everyone, so nothing about the
    /// person can be read from it.
    public static let anonymisedFirstName = "Anonymised"
    public static let anonymisedLastName = "Person"
    /// Only the year of birth is kept (as 1 January), so ages in the figures stay roughly right.
    public static func anonymisedDateOfBirth(_ date: CalendarDate) -> CalendarDate {
        CalendarDate(year: date.year, month: 1, day: 1)!
    }
    /// Free text is replaced, not emptied, so a reader can tell something was removed.
    public static let removedText = "[removed under the retention policy]"
}
