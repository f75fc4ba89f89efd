import Foundation

/// Time a mentor gave, logged by them or by staff.
public struct VolunteerHours: Sendable, Equatable {
    public let workedOn: CalendarDate

    /// Quarter hours, so sums stay exact.
    public let quarterHours: Int
    public let activity: String

    public init(workedOn: CalendarDate, quarterHours: Int, activity: String) {
        self.workedOn = workedOn
        self.quarterHours = quarterHours
        self.activity = activity
    }

    public var hoursText: String { Volunteering.hoursText(quarterHours) }
}

public struct VolunteerHoursDraft: Sendable, Equatable {
    public var workedOn: DateInput
    public var hours: String?
    public var activity: String?

    public init(workedOn: DateInput, hours: String?, activity: String?) {
        self.workedOn = workedOn
        self.hours = hours
        self.activity = activity
    }

    public func validated(today: CalendarDate) throws(ValidationFailure) -> VolunteerHours {
        var errors = FieldErrors()
        let date = InputRules.date(workedOn, field: "workedOn", label: "date", errors: &errors)
        if let date, date > today { errors.add("workedOn", "Date must be today or in the past") }
        if let date, date < today.adding(years: -1) { errors.add("workedOn", "Date must be within the last year") }
        var quarters = 0
        let text = (hours ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { errors.add("hours", "Enter the hours") }
        else if let value = Volunteering.decimal(text), value > 0, value <= 12, (value * 4).rounded() == value * 4 {
            quarters = Int(value * 4)
        } else {
            errors.add("hours", "Hours must be more than 0 and no more than 12, in quarter hours, like 1.5 or 2.25")
        }
        let activity = InputRules.required(activity, field: "activity", label: "what they did", article: "", limit: InputRules.shortTextLimit, errors: &errors)
        try errors.throwIfAny()
        return VolunteerHours(workedOn: date!, quarterHours: quarters, activity: activity!)
    }
}

public enum ExpenseKind: String, CaseIterable, Sendable, Codable {
    case mileage, fares, other

    public var label: String {
        switch self {
        case .mileage: "Mileage"
        case .fares: "Fares (bus, train)"
        case .other: "Other"
        }
    }
}

public enum ExpenseState: String, CaseIterable, Sendable, Codable {
    case submitted, approved, rejected

    public var label: String { rawValue.capitalisedFirst }
}

public struct ExpenseClaim: Sendable, Equatable {
    public let incurredOn: CalendarDate
    public let kind: ExpenseKind
    public let miles: Int?
    public let amountPence: Int
    public let receiptReference: String?
    public let description: String

    public init(incurredOn: CalendarDate, kind: ExpenseKind, miles: Int?, amountPence: Int, receiptReference: String?, description: String) {
        self.incurredOn = incurredOn
        self.kind = kind
        self.miles = miles
        self.amountPence = amountPence
        self.receiptReference = receiptReference
        self.description = description
    }
}

public struct ExpenseClaimDraft: Sendable, Equatable {
    public var incurredOn: DateInput
    public var kind: String?
    public var miles: String?
    public var amount: String?
    public var receiptReference: String?
    public var description: String?

    public init(incurredOn: DateInput, kind: String?, miles: String?, amount: String?, receiptReference: String?, description: String?) {
        self.incurredOn = incurredOn
        self.kind = kind
        self.miles = miles
        self.amount = amount
        self.receiptReference = receiptReference
        self.description = description
    }

    /// The most one claim may be for; larger sums go through the provider's finance team.
    public static let limitPence = 50_000

    public func validated(today: CalendarDate, settings: ProgrammeSettings) throws(ValidationFailure) -> ExpenseClaim {
        var errors = FieldErrors()
        let date = InputRules.date(incurredOn, field: "incurredOn", label: "date", errors: &errors)
        if let date, date > today { errors.add("incurredOn", "Date must be today or in the past") }
        if let date, date < today.adding(months: -3) { errors.add("incurredOn", "Claims must be made within 3 months") }
        let kind = InputRules.choice(kind, as: ExpenseKind.self, field: "kind", label: "type of expense", article: "the", errors: &errors)
        var miles: Int?
        var pence = 0
        if kind == .mileage {
            let text = (self.miles ?? "").trimmingCharacters(in: .whitespaces)
            if text.allSatisfy(\.isASCIIDigit), let n = Int(text), (1...500).contains(n) {
                miles = n
                pence = n * settings.mileagePencePerMile
            } else {
                errors.add("miles", text.isEmpty ? "Enter the miles travelled" : "Miles must be a whole number from 1 to 500")
            }
        } else if kind != nil {
            let text = (amount ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "£", with: "")
            if text.isEmpty { errors.add("amount", "Enter the amount") }
            else if let value = Volunteering.pence(text), value > 0 { pence = value }
            else { errors.add("amount", "Amount must be more than £0, in pounds and pence, like 4.50") }
        }
        if pence > Self.limitPence { errors.add(kind == .mileage ? "miles" : "amount", "A claim must be £500 or less") }
        let receipt = InputRules.optional(receiptReference, field: "receiptReference", label: "receipt reference", limit: 50, errors: &errors)
        if kind == .other, receipt == nil, !errors.errors.contains(where: { $0.field == "receiptReference" }) {
            errors.add("receiptReference", "Enter the receipt reference for this expense")
        }
        let description = InputRules.required(description, field: "description", label: "what the expense was for", article: "", limit: InputRules.shortTextLimit, errors: &errors)
        try errors.throwIfAny()
        return ExpenseClaim(incurredOn: date!, kind: kind!, miles: miles, amountPence: pence, receiptReference: receipt, description: description!)
    }
}

/// A month's volunteering: hours given and expenses approved and waiting.
public struct MonthTotal: Sendable, Equatable {
    public let year: Int
    public let month: Int
    public let quarterHours: Int
    public let approvedPence: Int
    public let waitingPence: Int

    public var label: String { "\(CalendarDate.monthNames[month - 1]) \(year)" }
}

public enum Volunteering {
    public static func monthlyTotals(hours: [VolunteerHours], expenses: [(claim: ExpenseClaim, state: ExpenseState)]) -> [MonthTotal] {
        struct Key: Hashable { let y: Int; let m: Int }
        var totals: [Key: (Int, Int, Int)] = [:]
        for h in hours { totals[Key(y: h.workedOn.year, m: h.workedOn.month), default: (0, 0, 0)].0 += h.quarterHours }
        for e in expenses {
            let key = Key(y: e.claim.incurredOn.year, m: e.claim.incurredOn.month)
            switch e.state {
            case .approved: totals[key, default: (0, 0, 0)].1 += e.claim.amountPence
            case .submitted: totals[key, default: (0, 0, 0)].2 += e.claim.amountPence
            case .rejected: break
            }
        }
        return totals.map { MonthTotal(year: $0.key.y, month: $0.key.m, quarterHours: $0.value.0, approvedPence: $0.value.1, waitingPence: $0.value.2) }
            .sorted { ($0.year, $0.month) > ($1.year, $1.month) }
    }

    public static func money(_ pence: Int) -> String { String(format: "£%d.%02d", pence / 100, pence % 100) }

    public static func hoursText(_ quarterHours: Int) -> String {
        let whole = quarterHours / 4, rest = quarterHours % 4
        return rest == 0 ? "\(whole)" : String(format: "%.2f", Double(quarterHours) / 4).replacingOccurrences(of: "0$", with: "", options: .regularExpression)
    }

    /// "12", "4.5", "4.50" → pence; nil for anything else (no signs, no thousands separators).
    static func pence(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 6, parts[0].allSatisfy(\.isASCIIDigit) else { return nil }
        var pence = Int(parts[0])! * 100
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
            pence += Int(parts[1].count == 1 ? parts[1] + "0" : parts[1])!
        }
        return pence
    }

    static func decimal(_ text: String) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        return Double(text)
    }
}
