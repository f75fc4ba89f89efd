/// Why a candidate can or cannot become a peer mentor. Every failing reason is given, so a
/// coordinator can see at once what still has to happen.
public enum EligibilityCode: String, CaseIterable, Sendable, Codable {
    case notRecommended
    case noOrder
    case orderEndedTooLongAgo
    case orderEndsTooFarAhead
    case openBreach
    case noRiskReview
    case declarationMissing
    case declaresCurrentOffending
    case declaresIllicitDrugUse
}

public struct EligibilityReason: Sendable, Equatable, Codable {
    public let code: EligibilityCode
    public let message: String

    public init(_ code: EligibilityCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

public struct EligibilityResult: Sendable, Equatable {
    public let reasons: [EligibilityReason]
    public var eligible: Bool { reasons.isEmpty }

    public init(reasons: [EligibilityReason]) { self.reasons = reasons }
}

/// The candidate's own statements, as the DLNR programme asks for them.
public struct Declarations: Sendable, Equatable {
    public let noCurrentOffending: Bool
    public let freeFromIllicitDrugs: Bool
    public let declaredOn: CalendarDate

    public init(noCurrentOffending: Bool, freeFromIllicitDrugs: Bool, declaredOn: CalendarDate) {
        self.noCurrentOffending = noCurrentOffending
        self.freeFromIllicitDrugs = freeFromIllicitDrugs
        self.declaredOn = declaredOn
    }
}

/// Everything the eligibility rule looks at, gathered by the shell.
public struct EligibilityFacts: Sendable, Equatable {
    public var recommended: Bool
    public var orders: [OrderDetails]
    public var practitionerRiskReview: Bool
    public var coordinatorRiskReview: Bool
    public var declarations: Declarations?

    public init(recommended: Bool, orders: [OrderDetails], practitionerRiskReview: Bool, coordinatorRiskReview: Bool,
                declarations: Declarations?) {
        self.recommended = recommended
        self.orders = orders
        self.practitionerRiskReview = practitionerRiskReview
        self.coordinatorRiskReview = coordinatorRiskReview
        self.declarations = declarations
    }
}

public enum MentorEligibility {
    /// The order that decides the timing: the one that ends (or ended) last.
    public static func decidingOrder(_ orders: [OrderDetails]) -> OrderDetails? {
        orders.max { $0.endDate < $1.endDate }
    }

    public static func evaluate(_ facts: EligibilityFacts, settings: ProgrammeSettings, today: CalendarDate) -> EligibilityResult {
        var reasons: [EligibilityReason] = []
        if !facts.recommended {
            reasons.append(.init(.notRecommended, "A probation practitioner must recommend them"))
        }
        if let order = decidingOrder(facts.orders) {
            let end = order.endDate
            let kind = order.type.label.lowercased()
            let earliest = today.adding(months: -settings.eligibilityEndedWithinMonths)
            let latest = today.adding(months: settings.eligibilityEndingWithinMonths)
            if end < earliest {
                reasons.append(.init(.orderEndedTooLongAgo,
                    "Their \(kind) ended \(monthsText(from: end, to: today)) ago, on \(end.long); mentors must have finished their order or licence in the last \(monthCount(settings.eligibilityEndedWithinMonths))"))
            } else if end > latest {
                reasons.append(.init(.orderEndsTooFarAhead,
                    "Their \(kind) ends on \(end.long), \(monthsText(from: today, to: end)) away; mentors must finish their order or licence within the next \(monthCount(settings.eligibilityEndingWithinMonths))"))
            }
        } else {
            reasons.append(.init(.noOrder, "Record their own order or licence: the timing rule needs its end date"))
        }
        if facts.orders.contains(where: \.openBreach) {
            reasons.append(.init(.openBreach, "Breach proceedings are open on their order"))
        }
        if !facts.practitionerRiskReview || !facts.coordinatorRiskReview {
            let missing = [facts.practitionerRiskReview ? nil : "their practitioner", facts.coordinatorRiskReview ? nil : "a coordinator"]
                .compactMap { $0 }.joined(separator: " and ")
            reasons.append(.init(.noRiskReview, "A risk review must be recorded by \(missing)"))
        }
        if let declarations = facts.declarations {
            if !declarations.noCurrentOffending {
                reasons.append(.init(.declaresCurrentOffending, "They have not declared that they are not currently offending"))
            }
            if !declarations.freeFromIllicitDrugs {
                reasons.append(.init(.declaresIllicitDrugUse, "They have not declared that they are free from illicit drugs"))
            }
        } else {
            reasons.append(.init(.declarationMissing, "Record their declarations: no current offending and free from illicit drugs"))
        }
        return EligibilityResult(reasons: reasons)
    }

    static func monthCount(_ n: Int) -> String { n == 1 ? "month" : "\(n) months" }

    /// "8 months", "1 month", "less than a month": whole months, as people say it.
    static func monthsText(from start: CalendarDate, to end: CalendarDate) -> String {
        var months = (end.year - start.year) * 12 + (end.month - start.month)
        if end.day < start.day { months -= 1 }
        switch months {
        case ..<1: return "less than a month"
        case 1: return "1 month"
        default: return "\(months) months"
        }
    }
}
