public enum OrderType: String, CaseIterable, Sendable, Codable {
    case communityOrder, suspendedSentenceOrder, licence, postSentenceSupervision

    public var label: String {
        switch self {
        case .communityOrder: "Community order"
        case .suspendedSentenceOrder: "Suspended sentence order"
        case .licence: "Licence"
        case .postSentenceSupervision: "Post-sentence supervision"
        }
    }
}

public enum OrderOutcome: String, CaseIterable, Sendable, Codable {
    case active, completed, terminatedEarly, revokedForBreach, transferred

    public var label: String {
        switch self {
        case .active: "Active"
        case .completed: "Completed"
        case .terminatedEarly: "Terminated early"
        case .revokedForBreach: "Revoked for breach"
        case .transferred: "Transferred"
        }
    }
}

/// Requirements a court can attach to a community or suspended sentence order, and the
/// conditions commonly carried on a licence.
public enum Requirement: String, CaseIterable, Sendable, Codable {
    case rehabilitationActivity, unpaidWork, accreditedProgramme, drugRehabilitation, alcoholTreatment,
         mentalHealthTreatment, curfew, exclusion, prohibitedActivity, residence, electronicMonitoring,
         alcoholAbstinence, attendanceCentre, foreignTravelProhibition

    public var label: String {
        switch self {
        case .rehabilitationActivity: "Rehabilitation activity requirement (RAR)"
        case .unpaidWork: "Unpaid work"
        case .accreditedProgramme: "Accredited programme"
        case .drugRehabilitation: "Drug rehabilitation"
        case .alcoholTreatment: "Alcohol treatment"
        case .mentalHealthTreatment: "Mental health treatment"
        case .curfew: "Curfew"
        case .exclusion: "Exclusion"
        case .prohibitedActivity: "Prohibited activity"
        case .residence: "Residence"
        case .electronicMonitoring: "Electronic monitoring"
        case .alcoholAbstinence: "Alcohol abstinence and monitoring"
        case .attendanceCentre: "Attendance centre"
        case .foreignTravelProhibition: "Foreign travel prohibition"
        }
    }
}

/// A sentence or release being supervised, as checked and accepted.
public struct OrderDetails: Sendable, Equatable {
    public var type: OrderType
    public var startDate: CalendarDate
    public var expectedEndDate: CalendarDate
    public var actualEndDate: CalendarDate?
    public var outcome: OrderOutcome
    public var requirements: [Requirement]
    public var rarDays: Int?
    /// Breach (or recall) proceedings have been started and not yet concluded.
    public var openBreach: Bool

    public init(type: OrderType, startDate: CalendarDate, expectedEndDate: CalendarDate, actualEndDate: CalendarDate?,
                outcome: OrderOutcome, requirements: [Requirement], rarDays: Int?, openBreach: Bool = false) {
        self.type = type
        self.startDate = startDate
        self.expectedEndDate = expectedEndDate
        self.actualEndDate = actualEndDate
        self.outcome = outcome
        self.requirements = requirements
        self.rarDays = rarDays
        self.openBreach = openBreach
    }

    /// The day supervision stops (or is due to).
    public var endDate: CalendarDate { actualEndDate ?? expectedEndDate }
}

/// What someone typed for an order, before it is checked.
public struct OrderDraft: Sendable, Equatable {
    public var type: String?
    public var startDate: DateInput
    public var expectedEndDate: DateInput
    public var actualEndDate: DateInput
    public var outcome: String?
    public var requirements: [String]
    public var rarDays: String?
    public var openBreach: Bool

    public init(type: String?, startDate: DateInput, expectedEndDate: DateInput, actualEndDate: DateInput,
                outcome: String?, requirements: [String], rarDays: String?, openBreach: Bool = false) {
        self.type = type
        self.startDate = startDate
        self.expectedEndDate = expectedEndDate
        self.actualEndDate = actualEndDate
        self.outcome = outcome
        self.requirements = requirements
        self.rarDays = rarDays
        self.openBreach = openBreach
    }

    /// Courts set RAR maximums in days; a year of working days is far beyond any real order.
    public static let rarDaysLimit = 250

    public func validated(today: CalendarDate) throws(ValidationFailure) -> OrderDetails {
        var errors = FieldErrors()
        let type = InputRules.choice(type, as: OrderType.self, field: "type", label: "type of order", article: "the", errors: &errors)
        let start = InputRules.date(startDate, field: "startDate", label: "start date", errors: &errors)
        let expectedEnd = InputRules.date(expectedEndDate, field: "expectedEndDate", label: "expected end date", article: "an",
                                          errors: &errors)
        let actualEnd = InputRules.date(actualEndDate, field: "actualEndDate", label: "actual end date", article: "an",
                                        required: false, errors: &errors)
        let outcome = InputRules.choice(outcome?.isEmpty == false ? outcome : OrderOutcome.active.rawValue,
                                        as: OrderOutcome.self, field: "outcome", label: "outcome", article: "an", errors: &errors)
        if let start, start > today.adding(years: 1) {
            errors.add("startDate", "Start date must be within the next year")
        }
        if let start, let expectedEnd, expectedEnd <= start {
            errors.add("expectedEndDate", "Expected end date must be after the start date")
        }
        if let start, let actualEnd, actualEnd < start {
            errors.add("actualEndDate", "Actual end date must be on or after the start date")
        }
        if let actualEnd, actualEnd > today {
            errors.add("actualEndDate", "Actual end date must be today or in the past")
        }
        if let outcome {
            if outcome == .active, actualEnd != nil {
                errors.add("actualEndDate", "Remove the actual end date, or choose how the order ended")
            } else if outcome != .active, actualEnd == nil, !errors.errors.contains(where: { $0.field == "actualEndDate" }) {
                errors.add("actualEndDate", "Enter the date the order ended")
            }
        }
        var chosen: [Requirement] = []
        for raw in requirements where !raw.isEmpty {
            guard let requirement = Requirement(rawValue: raw) else {
                errors.add("requirements", "Select requirements from the list")
                continue
            }
            if !chosen.contains(requirement) { chosen.append(requirement) }
        }
        var rar: Int?
        let rarText = (rarDays ?? "").trimmingCharacters(in: .whitespaces)
        if !rarText.isEmpty {
            if rarText.allSatisfy(\.isASCIIDigit), let days = Int(rarText), (1...Self.rarDaysLimit).contains(days) {
                rar = days
                if !chosen.contains(.rehabilitationActivity) { chosen.append(.rehabilitationActivity) }
            } else {
                errors.add("rarDays", "RAR days must be a whole number from 1 to \(Self.rarDaysLimit)")
            }
        } else if chosen.contains(.rehabilitationActivity) {
            errors.add("rarDays", "Enter the maximum number of RAR days the court set")
        }
        try errors.throwIfAny()
        return OrderDetails(type: type!, startDate: start!, expectedEndDate: expectedEnd!, actualEndDate: actualEnd,
                            outcome: outcome!, requirements: chosen, rarDays: rar, openBreach: openBreach)
    }
}

import Foundation
