import Foundation

/// One read of a person's record, from the audit log, with what the shell knows about
/// whether the reader had a reason to be there.
public struct AccessEvent: Sendable, Equatable {
    public let actorID: String
    public let personID: String
    public let day: CalendarDate
    /// The person is not on this practitioner's caseload, or outside this user's areas.
    public let outsideCaseload: Bool

    public init(actorID: String, personID: String, day: CalendarDate, outsideCaseload: Bool) {
        self.actorID = actorID
        self.personID = personID
        self.day = day
        self.outsideCaseload = outsideCaseload
    }
}

/// A user's day of reading that a data protection officer should look at.
public struct UnusualAccessFlag: Sendable, Equatable {
    public let actorID: String
    public let day: CalendarDate
    public let peopleViewed: Int
    public let outsideCaseload: Int
    public let reasons: [String]
}

/// Flags a day on which a user read many people's records, or many outside their caseload.
/// Thresholds are deliberately generous: a coordinator matching a waiting list reads dozens
/// of records; a practitioner browsing 10 people who are not theirs is worth a question.
public struct UnusualAccessRule: Sendable, Equatable {
    public var peoplePerDay: Int
    public var outsideCaseloadPerDay: Int

    public init(peoplePerDay: Int = 50, outsideCaseloadPerDay: Int = 10) {
        self.peoplePerDay = peoplePerDay
        self.outsideCaseloadPerDay = outsideCaseloadPerDay
    }

    public func flags(_ events: [AccessEvent]) -> [UnusualAccessFlag] {
        struct Key: Hashable { let actor: String; let day: CalendarDate }
        var people: [Key: Set<String>] = [:]
        var outside: [Key: Set<String>] = [:]
        for e in events {
            let key = Key(actor: e.actorID, day: e.day)
            people[key, default: []].insert(e.personID)
            if e.outsideCaseload { outside[key, default: []].insert(e.personID) }
        }
        var out: [UnusualAccessFlag] = []
        for (key, seen) in people {
            let away = outside[key]?.count ?? 0
            var reasons: [String] = []
            if seen.count > peoplePerDay { reasons.append("Viewed \(seen.count) people’s records in a day (more than \(peoplePerDay))") }
            if away > outsideCaseloadPerDay {
                reasons.append("Viewed \(away) records outside their caseload in a day (more than \(outsideCaseloadPerDay))")
            }
            if !reasons.isEmpty {
                out.append(UnusualAccessFlag(actorID: key.actor, day: key.day, peopleViewed: seen.count, outsideCaseload: away, reasons: reasons))
            }
        }
        return out.sorted { ($0.day, $0.actorID) > ($1.day, $1.actorID) }
    }
}
