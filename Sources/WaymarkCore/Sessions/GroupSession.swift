import Foundation

/// A time of day, in minutes after midnight (sessions are local to the site).
public struct ClockTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0..<(24 * 60)).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// `HH:MM` (24-hour), as the API and the form take it; `9:30` is accepted too.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60
        else { return nil }
        self.minutes = h * 60 + m
    }

    public var text: String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
    public var description: String { text }
    /// "10am", "2:30pm": the GOV.UK time style.
    public var spoken: String {
        let h = minutes / 60, m = minutes % 60
        let hour12 = h % 12 == 0 ? 12 : h % 12
        let suffix = h < 12 ? "am" : "pm"
        if h == 12, m == 0 { return "midday" }
        if h == 0, m == 0 { return "midnight" }
        return m == 0 ? "\(hour12)\(suffix)" : "\(hour12):\(String(format: "%02d", m))\(suffix)"
    }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutes < rhs.minutes }
}

public enum SessionState: String, CaseIterable, Sendable, Codable {
    /// Scheduled, facilitators being asked.
    case planned
    /// Facilitators meet the rule: the session goes ahead.
    case confirmed
    case cancelled

    public var label: String {
        switch self {
        case .planned: "Planned"
        case .confirmed: "Confirmed"
        case .cancelled: "Cancelled"
        }
    }
}

/// One scheduled occurrence of an intervention at a site.
public struct GroupSession: Sendable, Equatable, Identifiable {
    public let id: String
    public let interventionID: String
    public let interventionVersion: Int
    public let siteID: String
    public let areaID: String
    public let deliveryUnitID: String
    public var date: CalendarDate
    public var start: ClockTime
    public var end: ClockTime
    public var capacity: Int
    public var state: SessionState
    /// Sessions scheduled together as a weekly series share this id.
    public let seriesID: String?
    public var version: Int

    public init(id: String, interventionID: String, interventionVersion: Int, siteID: String, areaID: String, deliveryUnitID: String,
                date: CalendarDate, start: ClockTime, end: ClockTime, capacity: Int, state: SessionState, seriesID: String?, version: Int) {
        self.id = id
        self.interventionID = interventionID
        self.interventionVersion = interventionVersion
        self.siteID = siteID
        self.areaID = areaID
        self.deliveryUnitID = deliveryUnitID
        self.date = date
        self.start = start
        self.end = end
        self.capacity = capacity
        self.state = state
        self.seriesID = seriesID
        self.version = version
    }

    /// Two sessions on the same day whose times overlap (touching end to start does not).
    public func overlaps(_ other: GroupSession) -> Bool {
        date == other.date && start < other.end && other.start < end
    }

    public var when: String { "\(date.long), \(start.spoken) to \(end.spoken)" }
}

/// What a coordinator typed to schedule a session, or a weekly series of them.
public struct SessionDraft: Sendable, Equatable {
    public var interventionID: String?
    public var siteID: String?
    public var date: DateInput
    public var start: String?
    public var end: String?
    public var capacity: String?
    public var weeks: String?

    public init(interventionID: String?, siteID: String?, date: DateInput, start: String?, end: String?, capacity: String?, weeks: String?) {
        self.interventionID = interventionID
        self.siteID = siteID
        self.date = date
        self.start = start
        self.end = end
        self.capacity = capacity
        self.weeks = weeks
    }

    public struct Valid: Sendable, Equatable {
        public let interventionID: String
        public let siteID: String
        public let dates: [CalendarDate]
        public let start: ClockTime
        public let end: ClockTime
        public let capacity: Int
    }

    public static let seriesLimit = 26

    /// `interventions` and `siteIDs` are those this coordinator may use. The end time defaults
    /// to the start plus the intervention's length; the capacity to the intervention's.
    public func validated(today: CalendarDate, interventions: [String: Intervention], siteIDs: Set<String>) throws(ValidationFailure) -> Valid {
        var errors = FieldErrors()
        let intervention = interventionID.flatMap { interventions[$0] }
        if (interventionID ?? "").isEmpty { errors.add("interventionId", "Select the kind of session") }
        else if intervention == nil { errors.add("interventionId", "Select a kind of session from the list") }
        if (siteID ?? "").isEmpty { errors.add("siteId", "Select where the session takes place") }
        else if !siteIDs.contains(siteID!) { errors.add("siteId", "Select a site in an area you work in") }
        let date = InputRules.date(date, field: "date", label: "date of the session", article: "the", errors: &errors)
        if let date, date < today { errors.add("date", "Date of the session must be today or in the future") }
        if let date, date > today.adding(years: 2) { errors.add("date", "Date of the session must be within the next 2 years") }
        var startTime: ClockTime?
        let startText = (start ?? "").trimmingCharacters(in: .whitespaces)
        if startText.isEmpty { errors.add("start", "Enter the start time") }
        else if let t = ClockTime(startText) { startTime = t } else { errors.add("start", "Start time must be a real time, like 10:00 or 14:30") }
        var endTime: ClockTime?
        let endText = (end ?? "").trimmingCharacters(in: .whitespaces)
        if endText.isEmpty {
            if let startTime, let intervention {
                endTime = ClockTime(minutes: startTime.minutes + intervention.durationMinutes)
                if endTime == nil { errors.add("end", "The session would run past midnight: choose an earlier start time") }
            }
        } else if let t = ClockTime(endText) { endTime = t } else { errors.add("end", "End time must be a real time, like 12:00 or 16:30") }
        if let startTime, let endTime, endTime <= startTime { errors.add("end", "End time must be after the start time") }
        var places = intervention?.capacity ?? 0
        let capacityText = (capacity ?? "").trimmingCharacters(in: .whitespaces)
        if !capacityText.isEmpty {
            if capacityText.allSatisfy(\.isASCIIDigit), let n = Int(capacityText), (1...60).contains(n) { places = n }
            else { errors.add("capacity", "Number of places must be a whole number from 1 to 60") }
        }
        var count = 1
        let weeksText = (weeks ?? "").trimmingCharacters(in: .whitespaces)
        if !weeksText.isEmpty {
            if weeksText.allSatisfy(\.isASCIIDigit), let n = Int(weeksText), (1...Self.seriesLimit).contains(n) { count = n }
            else { errors.add("weeks", "Number of weekly sessions must be a whole number from 1 to \(Self.seriesLimit)") }
        }
        try errors.throwIfAny()
        return Valid(interventionID: interventionID!, siteID: siteID!, dates: (0..<count).map { date!.adding(days: 7 * $0) },
                     start: startTime!, end: endTime!, capacity: places)
    }
}
