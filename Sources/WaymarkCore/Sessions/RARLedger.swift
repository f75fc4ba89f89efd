import Foundation

/// How completed RAR days are counted: by distinct calendar days (DESIGN.md's default) or one
/// per attended RAR appointment (as the national case system counts).
public enum RARCountingBasis: String, CaseIterable, Sendable, Codable {
    case distinctDays, appointments

    public var label: String {
        switch self {
        case .distinctDays: "Distinct days with a RAR activity attended"
        case .appointments: "One per RAR appointment attended (as the national case system counts)"
        }
    }
}

public enum RARActivityKind: String, CaseIterable, Sendable, Codable {
    case groupSession, oneToOne, assessment, other

    public var label: String {
        switch self {
        case .groupSession: "Group session"
        case .oneToOne: "One-to-one RAR activity"
        case .assessment: "One-to-one assessment"
        case .other: "Other RAR activity"
        }
    }

    /// An assessment is not a rehabilitation activity, so it never earns a RAR day.
    public var counts: Bool { self != .assessment }
}

/// One activity on an order that may count towards its RAR: booked, or with its outcome recorded.
public struct RARActivity: Sendable, Equatable {
    public let date: CalendarDate
    public let kind: RARActivityKind
    /// Nil while it is booked and attendance is not yet recorded.
    public let outcome: AttendanceOutcome?
    public let title: String

    public init(date: CalendarDate, kind: RARActivityKind, outcome: AttendanceOutcome?, title: String = "") {
        self.date = date
        self.kind = kind
        self.outcome = outcome
        self.title = title
    }
}

public struct RARWarning: Sendable, Equatable, Codable {
    public let code: String
    public let message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// "N days RAR, M completed, K scheduled", with both counting bases so a mismatch is visible.
public struct RARLedger: Sendable, Equatable {
    public let totalDays: Int
    public let basis: RARCountingBasis
    /// By the provider's basis, capped at the court's maximum.
    public let completedDays: Int
    /// Distinct calendar days with a credited activity, capped.
    public let completedDistinctDays: Int
    /// Credited RAR appointments, not capped: the national case system's figure.
    public let appointmentsAttended: Int
    /// Booked and not yet recorded, by the same basis (new days only, for distinct days).
    public let scheduledDays: Int
    public let remainingDays: Int
    public let workingDaysLeft: Int
    public let warnings: [RARWarning]
}

public enum RARRule {
    public static func ledger(totalDays: Int, activities: [RARActivity], basis: RARCountingBasis, today: CalendarDate, orderEnd: CalendarDate,
                              orderActive: Bool) -> RARLedger {
        let counting = activities.filter(\.kind.counts)
        let credited = counting.filter { $0.outcome?.earnsCredit == true }
        let creditedDays = Set(credited.map(\.date))
        let distinct = min(totalDays, creditedDays.count)
        let appointments = credited.count
        let completed = basis == .distinctDays ? distinct : min(totalDays, appointments)
        let pending = counting.filter { $0.outcome == nil }
        let scheduled = basis == .distinctDays ? Set(pending.map(\.date)).subtracting(creditedDays).count : pending.count
        let remaining = totalDays - completed
        let left = orderActive ? workingDays(from: today, through: orderEnd) : 0

        var warnings: [RARWarning] = []
        if orderActive, remaining > left {
            warnings.append(RARWarning(code: "remainingDaysDoNotFit",
                                       message: "\(days(remaining)) left but only \(left) working day\(left == 1 ? "" : "s") before the order ends on \(orderEnd.long)"))
        }
        if !orderActive, remaining > 0 {
            warnings.append(RARWarning(code: "orderEndedWithDaysRemaining", message: "The order has ended with \(days(remaining)) not done"))
        }
        if scheduled > remaining {
            warnings.append(RARWarning(code: "bookedBeyondMaximum",
                                       message: "\(days(scheduled)) booked but only \(remaining) left: the extra will not count towards the RAR"))
        }
        if distinct != min(totalDays, appointments) {
            warnings.append(RARWarning(code: "countingBasesDiffer",
                                       message: "Counted by distinct days, \(distinct) done; counted by appointments, as the national case system does, \(min(totalDays, appointments)). Several activities fell on the same day."))
        }
        return RARLedger(totalDays: totalDays, basis: basis, completedDays: completed, completedDistinctDays: distinct,
                         appointmentsAttended: appointments, scheduledDays: scheduled, remainingDays: remaining, workingDaysLeft: left,
                         warnings: warnings)
    }

    static func days(_ n: Int) -> String { "\(n) RAR day\(n == 1 ? "" : "s")" }

    /// Monday to Friday from `start` through `end`, inclusive (bank holidays are not known to Waymark).
    public static func workingDays(from start: CalendarDate, through end: CalendarDate) -> Int {
        guard start <= end else { return 0 }
        let total = start.days(until: end) + 1
        let first = start.weekdayIndex
        var count = (total / 7) * 5
        for offset in 0..<(total % 7) where (first + offset) % 7 < 5 { count += 1 }
        return count
    }

    /// Days already credited (attended and complied with, on a counting activity).
    public static func creditedDates(_ activities: [RARActivity]) -> Set<CalendarDate> {
        Set(activities.filter { $0.kind.counts && $0.outcome?.earnsCredit == true }.map(\.date))
    }

    /// Days credited or booked: another booking on one of these adds no new day under distinct days.
    public static func bookedOrCreditedDates(_ activities: [RARActivity]) -> Set<CalendarDate> {
        Set(activities.filter { $0.kind.counts && ($0.outcome == nil || $0.outcome!.earnsCredit) }.map(\.date))
    }

    /// Crediting a RAR activity by hand: refused once the court's maximum is reached, unless it
    /// falls on a day already credited (then it adds nothing under distinct days).
    public static func checkCredit(_ ledger: RARLedger, on date: CalendarDate, creditedDates: Set<CalendarDate>) throws(ValidationFailure) {
        if ledger.remainingDays <= 0, !(ledger.basis == .distinctDays && creditedDates.contains(date)) {
            throw ValidationFailure([FieldError("outcome", "The court set a maximum of \(days(ledger.totalDays)) and all are done: no more RAR days can be credited on this order")])
        }
    }

    /// Booking on to a RAR session: refused when the order's remaining days are already all booked.
    public static func checkBooking(_ ledger: RARLedger, on date: CalendarDate, bookedOrCreditedDates: Set<CalendarDate>) throws(ValidationFailure) {
        if ledger.basis == .distinctDays, bookedOrCreditedDates.contains(date) { return }
        if ledger.scheduledDays >= ledger.remainingDays {
            throw ValidationFailure([FieldError("personId", ledger.remainingDays == 0
                ? "Their order’s \(days(ledger.totalDays)) are all done: a RAR session would go beyond the court’s maximum"
                : "Their order has \(days(ledger.remainingDays)) left and all are already booked: another would go beyond the court’s maximum")])
        }
    }

    /// The plain-language summary given to the person ("You have done 7 of your 20 RAR days").
    public static func personSummary(_ ledger: RARLedger, orderEnd: CalendarDate, upcoming: [RARActivity]) -> [String] {
        var lines = ["You have done \(ledger.completedDays) of your \(ledger.totalDays) RAR days."]
        if ledger.remainingDays == 0 {
            lines.append("You have done all the RAR days the court set. Well done.")
        } else {
            lines.append("You have \(ledger.remainingDays) left to do before your order ends on \(orderEnd.long).")
        }
        if !upcoming.isEmpty {
            lines.append("You are booked on: " + upcoming.map { "\($0.title.isEmpty ? $0.kind.label : $0.title) on \($0.date.long)" }.joined(separator: "; ") + ".")
        }
        if ledger.warnings.contains(where: { $0.code == "remainingDaysDoNotFit" }) {
            lines.append("There are not enough working days left to fit them all in. Talk to your probation practitioner soon.")
        }
        lines.append("A day counts when you attend and take part. Arriving late still counts. If you cannot come, tell your probation practitioner before the session.")
        return lines
    }
}

/// What a practitioner typed for a RAR activity recorded by hand (one-to-one work, an assessment,
/// another provider's activity). Group sessions are recorded through attendance instead.
public struct RARActivityDraft: Sendable, Equatable {
    public var date: DateInput
    public var kind: String?
    public var outcome: String?
    public var notes: String?

    public init(date: DateInput, kind: String?, outcome: String?, notes: String?) {
        self.date = date
        self.kind = kind
        self.outcome = outcome
        self.notes = notes
    }

    public func validated(today: CalendarDate, orderStart: CalendarDate) throws(ValidationFailure) -> (activity: RARActivity, notes: String?) {
        var errors = FieldErrors()
        let date = InputRules.date(date, field: "date", label: "date of the activity", article: "the", errors: &errors)
        if let date, date > today { errors.add("date", "Date of the activity must be today or in the past") }
        if let date, date < orderStart { errors.add("date", "Date of the activity must be on or after the order started (\(orderStart.long))") }
        let kind = InputRules.choice(kind, as: RARActivityKind.self, field: "kind", label: "kind of activity", article: "the", errors: &errors)
        if kind == .groupSession { errors.add("kind", "Group sessions are recorded by their facilitators: choose another kind of activity") }
        let outcome = InputRules.choice(outcome, as: AttendanceOutcome.self, field: "outcome", label: "outcome", article: "an", errors: &errors)
        let notes = InputRules.optional(notes, field: "notes", label: "notes", limit: InputRules.longTextLimit, multiline: true, errors: &errors)
        try errors.throwIfAny()
        return (RARActivity(date: date!, kind: kind!, outcome: outcome!, title: kind!.label), notes)
    }
}

extension CalendarDate {
    /// 0 for Monday through 6 for Sunday.
    public var weekdayIndex: Int {
        let monday = CalendarDate(year: 2024, month: 1, day: 1)!
        let n = monday.days(until: self) % 7
        return n < 0 ? n + 7 : n
    }
}
