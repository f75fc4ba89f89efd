/// Referrals waiting for a mentor against the mentor places free, per delivery unit, month by
/// month: where demand exceeds supply, and so where to recruit.
public struct DemandPoint: Sendable, Equatable {
    public let on: CalendarDate
    public let deliveryUnitID: String
    /// Referrals made on or before the day, not yet matched, closed or withdrawn.
    public let waiting: Int
    /// Places free with active mentors: their capacity less the matches they hold.
    public let freePlaces: Int

    public var shortfall: Int { max(0, waiting - freePlaces) }
    public var demandExceedsSupply: Bool { waiting > freePlaces }
}

public struct DemandReferral: Sendable, Equatable {
    public let deliveryUnitID: String
    public let referredOn: CalendarDate
    /// The first day a mentor was proposed, if ever.
    public let matchedOn: CalendarDate?
    public let closedOn: CalendarDate?
    public init(deliveryUnitID: String, referredOn: CalendarDate, matchedOn: CalendarDate?, closedOn: CalendarDate?) {
        self.deliveryUnitID = deliveryUnitID
        self.referredOn = referredOn
        self.matchedOn = matchedOn
        self.closedOn = closedOn
    }

    func waiting(on day: CalendarDate) -> Bool {
        referredOn <= day && !(matchedOn.map { $0 <= day } ?? false) && !(closedOn.map { $0 <= day } ?? false)
    }
}

/// A mentor's places count towards the first delivery unit they cover (their own, if none
/// is set), so no place is counted twice.
public struct DemandMentor: Sendable, Equatable {
    public let deliveryUnitID: String
    public let capacity: Int
    public let moves: [MentorReportFacts.StateOnDay]
    /// Each match: from the day it was proposed until the day it ended.
    public let matches: [(from: CalendarDate, until: CalendarDate?)]

    public init(deliveryUnitID: String, capacity: Int, moves: [MentorReportFacts.StateOnDay], matches: [(from: CalendarDate, until: CalendarDate?)]) {
        self.deliveryUnitID = deliveryUnitID
        self.capacity = capacity
        self.moves = moves.sorted { $0.on < $1.on }
        self.matches = matches
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.deliveryUnitID == b.deliveryUnitID && a.capacity == b.capacity && a.moves == b.moves
            && a.matches.map(\.from) == b.matches.map(\.from) && a.matches.map(\.until) == b.matches.map(\.until)
    }

    func freePlaces(on day: CalendarDate) -> Int {
        guard moves.last(where: { $0.on <= day })?.state == .active else { return 0 }
        let held = matches.filter { $0.from <= day && ($0.until.map { $0 > day } ?? true) }.count
        return max(0, capacity - held)
    }
}

public enum DemandCapacity {
    /// The last day of each of the `months` months up to and including `today`'s month (today
    /// itself for the current month).
    public static func monthEnds(_ months: Int, through today: CalendarDate) -> [CalendarDate] {
        let first = CalendarDate(year: today.year, month: today.month, day: 1)!
        return (0..<months).reversed().map { back in
            let start = first.adding(months: -back)
            return min(start.adding(months: 1).adding(days: -1), today)
        }
    }

    public static func points(units: [String], referrals: [DemandReferral], mentors: [DemandMentor], on days: [CalendarDate]) -> [DemandPoint] {
        days.flatMap { day in
            units.map { unit in
                DemandPoint(on: day, deliveryUnitID: unit,
                            waiting: referrals.filter { $0.deliveryUnitID == unit && $0.waiting(on: day) }.count,
                            freePlaces: mentors.filter { $0.deliveryUnitID == unit }.map { $0.freePlaces(on: day) }.reduce(0, +))
            }
        }
    }

    /// Where to recruit first: units short of mentors on the latest day, largest shortfall first.
    public static func recruitFirst(_ points: [DemandPoint]) -> [DemandPoint] {
        guard let last = points.map(\.on).max() else { return [] }
        return points.filter { $0.on == last && $0.demandExceedsSupply }
            .sorted { ($0.shortfall, $1.deliveryUnitID) > ($1.shortfall, $0.deliveryUnitID) }
    }
}
