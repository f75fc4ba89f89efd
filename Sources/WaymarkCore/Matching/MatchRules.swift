import Foundation

public enum MatchState: String, CaseIterable, Sendable, Codable {
    case proposed, active, paused, ended

    public var label: String { rawValue.capitalisedFirst }
}

public enum MatchEndReason: String, CaseIterable, Sendable, Codable {
    case goalsAchieved, menteeDisengaged, mentorUnavailable, riskConcern, orderEnded, declined, other

    public var label: String {
        switch self {
        case .goalsAchieved: "Goals achieved"
        case .menteeDisengaged: "Mentee stopped engaging"
        case .mentorUnavailable: "Mentor no longer available"
        case .riskConcern: "Risk concern"
        case .orderEnded: "Order or licence ended"
        case .declined: "Mentor declined the match"
        case .other: "Other"
        }
    }
}

public enum MatchJourney {
    public static let moves: [MatchState: Set<MatchState>] = [
        .proposed: [.active, .ended],
        .active: [.paused, .ended],
        .paused: [.active, .ended],
        .ended: [],
    ]

    /// Accepting a match needs capacity left; ending one needs a reason.
    public static func check(from: MatchState, to: MatchState, capacityLeft: Int, endReason: MatchEndReason?) throws(ValidationFailure) {
        guard moves[from, default: []].contains(to) else {
            throw ValidationFailure([FieldError("state", "A match that is \(from.label.lowercased()) cannot be moved to \(to.label.lowercased())")])
        }
        if from == .proposed, to == .active, capacityLeft <= 0 {
            throw ValidationFailure([FieldError("state", "The mentor has no capacity left: end or pause another match first")])
        }
        if to == .ended, endReason == nil {
            throw ValidationFailure([FieldError("endReason", "Select why the match ended")])
        }
    }
}

/// The Essex programme's list of what a mentor helps with.
public enum SupportType: String, CaseIterable, Sendable, Codable {
    case accompaniedAppointment, formsAndLetters, familyRelationships, socialActivities, listening, practicalAdvice, other

    public var label: String {
        switch self {
        case .accompaniedAppointment: "Went with them to an appointment"
        case .formsAndLetters: "Forms and letters"
        case .familyRelationships: "Rebuilding family relationships"
        case .socialActivities: "Finding social activities"
        case .listening: "A non-judgemental listener"
        case .practicalAdvice: "Practical advice"
        case .other: "Other"
        }
    }
}

public struct Contact: Sendable, Equatable {
    public let on: CalendarDate
    public let minutes: Int
    public let supportTypes: [SupportType]
    public let place: String
    public let notes: String?
    public let concern: String?

    public init(on: CalendarDate, minutes: Int, supportTypes: [SupportType], place: String, notes: String?, concern: String?) {
        self.on = on
        self.minutes = minutes
        self.supportTypes = supportTypes
        self.place = place
        self.notes = notes
        self.concern = concern
    }

    public var accompaniedAppointment: Bool { supportTypes.contains(.accompaniedAppointment) }
}

public struct ContactDraft: Sendable, Equatable {
    public var on: DateInput
    public var minutes: String?
    public var supportTypes: [String]
    public var place: String?
    public var notes: String?
    public var concern: String?

    public init(on: DateInput, minutes: String?, supportTypes: [String], place: String?, notes: String?, concern: String?) {
        self.on = on
        self.minutes = minutes
        self.supportTypes = supportTypes
        self.place = place
        self.notes = notes
        self.concern = concern
    }

    /// A contact is logged on or after the match started, and never in the future.
    public func validated(today: CalendarDate, matchStarted: CalendarDate?) throws(ValidationFailure) -> Contact {
        var errors = FieldErrors()
        let date = InputRules.date(on, field: "on", label: "date of the contact", article: "the", errors: &errors)
        if let date, date > today { errors.add("on", "Date of the contact must be today or in the past") }
        if let date, let started = matchStarted, date < started { errors.add("on", "Date of the contact must be on or after the match started (\(started.long))") }
        var minutes = 0
        let text = (self.minutes ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { errors.add("minutes", "Enter how long the contact lasted, in minutes") }
        else if text.allSatisfy(\.isASCIIDigit), let n = Int(text), (5...480).contains(n) { minutes = n }
        else { errors.add("minutes", "Minutes must be a whole number from 5 to 480") }
        var types: [SupportType] = []
        for raw in supportTypes where !raw.isEmpty {
            guard let t = SupportType(rawValue: raw) else { errors.add("supportTypes", "Select support from the list"); continue }
            if !types.contains(t) { types.append(t) }
        }
        if types.isEmpty, !errors.errors.contains(where: { $0.field == "supportTypes" }) { errors.add("supportTypes", "Select the support given") }
        let place = InputRules.required(place, field: "place", label: "where it took place", article: "", limit: InputRules.shortTextLimit, errors: &errors)
        let notes = InputRules.optional(notes, field: "notes", label: "notes", limit: InputRules.longTextLimit, multiline: true, errors: &errors)
        let concern = InputRules.optional(concern, field: "concern", label: "concern", limit: InputRules.longTextLimit, multiline: true, errors: &errors)
        try errors.throwIfAny()
        return Contact(on: date!, minutes: minutes, supportTypes: types, place: place!, notes: notes, concern: concern)
    }
}

/// Settings for match health, from the programmes' practice (a provider setting).
public struct MatchHealthSettings: Sendable, Equatable {
    public var firstMeetingWithinDays = 14
    public var contactAtLeastEveryDays = 21
    public init() {}

    public init(_ settings: ProgrammeSettings) {
        firstMeetingWithinDays = settings.firstMeetingWithinDays
        contactAtLeastEveryDays = settings.contactAtLeastEveryDays
    }
}

public enum MatchFlag: String, Sendable, Equatable, CaseIterable {
    case firstMeetingOverdue, noRecentContact, checkInOverdue, underReview

    public var label: String {
        switch self {
        case .firstMeetingOverdue: "First meeting not held"
        case .noRecentContact: "No recent contact"
        case .checkInOverdue: "Check-in overdue"
        case .underReview: "Under review"
        }
    }
}

public enum MatchHealth {
    /// Coordinator check-ins with mentor and mentee: twice in the first month, then monthly.
    public static func checkInsDue(startedOn: CalendarDate, through today: CalendarDate) -> [CalendarDate] {
        var due = [startedOn.adding(days: 14), startedOn.adding(days: 28)]
        var next = startedOn.adding(days: 58)
        while next <= today {
            due.append(next)
            next = next.adding(days: 30)
        }
        return due.filter { $0 <= today }
    }

    /// Fewer check-ins held than have fallen due.
    public static func checkInOverdue(startedOn: CalendarDate, checkIns: [CalendarDate], today: CalendarDate) -> Bool {
        checkIns.filter { $0 <= today }.count < checkInsDue(startedOn: startedOn, through: today).count
    }

    public static func flags(startedOn: CalendarDate, contacts: [CalendarDate], checkIns: [CalendarDate], underReview: Bool,
                             today: CalendarDate, settings: MatchHealthSettings = MatchHealthSettings()) -> [MatchFlag] {
        var flags: [MatchFlag] = []
        if underReview { flags.append(.underReview) }
        if contacts.isEmpty {
            if startedOn.days(until: today) > settings.firstMeetingWithinDays { flags.append(.firstMeetingOverdue) }
        } else if let last = contacts.max(), last.days(until: today) > settings.contactAtLeastEveryDays {
            flags.append(.noRecentContact)
        }
        if checkInOverdue(startedOn: startedOn, checkIns: checkIns, today: today) { flags.append(.checkInOverdue) }
        return flags
    }
}

extension MatchState {
    /// A match that takes one of the mentor's places (their capacity): proposed, active or paused.
    /// Only an ended match frees the place.
    public var holdsPlace: Bool { self != .ended }

    /// The states that hold a place, for queries.
    public static let holdingPlace: [MatchState] = allCases.filter(\.holdsPlace)
}
