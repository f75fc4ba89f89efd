import Foundation

/// One cell of a report.
public enum FigureValue: Sendable, Equatable {
    case number(Double)
    /// A count below the disclosure threshold ("<5"), or a figure resting on one.
    case suppressed
    /// A count of 5 or more, hidden so that a small count cannot be worked out from it ("not shown").
    case withheld
    /// Nothing to measure (a mean of no responses).
    case notAvailable

    public var number: Double? { if case .number(let n) = self { n } else { nil } }
    public var isHidden: Bool { self == .suppressed || self == .withheld }
}

/// A year's figures for an area, and for each of its delivery units.
public struct AnnualReport: Sendable, Equatable {
    public let year: ReportingYear
    public let asOf: CalendarDate
    public let unitIDs: [String]
    public var area: [String: FigureValue]
    public var units: [String: [String: FigureValue]]
    /// True once small counts have been suppressed for a commissioner.
    public var suppressed: Bool

    public subscript(key: String) -> FigureValue { area[key] ?? .notAvailable }

    /// The same report, seen from one delivery unit's column.
    public func column(_ unitID: String) -> [String: FigureValue] { units[unitID] ?? [:] }
}

public enum AnnualReportRule {
    /// Builds the report for a year from the facts. `asOf` is the day it is made: a year still
    /// running is reported to date.
    public static func build(_ facts: ReportFacts, year: ReportingYear, asOf: CalendarDate) -> AnnualReport {
        var units: [String: [String: FigureValue]] = [:]
        for unit in facts.deliveryUnitIDs { units[unit] = figures(facts.restricted(to: unit), year: year, asOf: asOf) }
        return AnnualReport(year: year, asOf: asOf, unitIDs: facts.deliveryUnitIDs, area: figures(facts, year: year, asOf: asOf),
                            units: units, suppressed: false)
    }

    static func figures(_ facts: ReportFacts, year: ReportingYear, asOf: CalendarDate) -> [String: FigureValue] {
        let end = min(year.through, asOf)
        func inYear(_ d: CalendarDate?) -> Bool { d.map { year.contains($0) && $0 <= asOf } ?? false }
        var v: [String: Double] = [:]
        var unavailable: Set<String> = []

        let mentors = facts.mentors
        v["candidates"] = count(mentors) { inYear($0.recommendedOn) }
        v["trained"] = count(mentors) { inYear($0.trainedOn) }
        v["accredited"] = count(mentors) { inYear($0.accreditedOn) }
        v["firstQualification"] = count(mentors) { inYear($0.accreditedOn) && $0.firstQualification }
        v["trainingDeliveryUnits"] = Double(Set(facts.cohorts.filter { inYear($0.startDate) }.map(\.deliveryUnitID)).count)
        v["deliveryUnits"] = Double(facts.deliveryUnitIDs.count)
        v["activeMentors"] = year.from > asOf ? 0 : count(mentors) { $0.wasActive(from: year.from, through: end) }

        v["referrals"] = count(facts.referrals) { inYear($0.referredOn) }
        v["matches"] = count(facts.matches) { inYear($0.startedOn) }
        let contacts = facts.contacts.filter { inYear($0.on) }
        v["contacts"] = Double(contacts.reduce(0) { $0 + $1.count })
        v["contactHours"] = hours(contacts.map(\.minutes))
        v["volunteerHours"] = hours(facts.volunteering.filter { inYear($0.on) }.map(\.minutes))

        let sessions = facts.sessions.filter { !$0.cancelled && inYear($0.date) }
        let outcomes = sessions.flatMap(\.attendance)
        let attended = outcomes.filter { [.attendedComplied, .attendedFailedToComply, .sentHomeBehaviour, .sentHomeServiceIssues].contains($0) }.count
        let acceptable = outcomes.filter { $0 == .acceptableAbsence }.count
        let unacceptable = outcomes.filter { $0 == .unacceptableAbsence || $0 == .failedToAttend }.count
        v["sessions"] = Double(sessions.count)
        v["attendanceRecorded"] = Double(outcomes.count)
        v["attended"] = Double(attended)
        v["acceptableAbsences"] = Double(acceptable)
        v["unacceptableAbsences"] = Double(unacceptable)
        if attended + unacceptable > 0 {
            v["attendanceRate"] = rounded(100 * Double(attended) / Double(attended + unacceptable), places: 1)
        } else { unavailable.insert("attendanceRate") }
        v["rarDaysDelivered"] = Double(facts.rarOrders.map { order in
            order.creditedDates.sorted().prefix(order.totalDays).filter { inYear($0) }.count
        }.reduce(0, +))
        let feedback = sessions.flatMap(\.feedback)
        v["feedbackResponses"] = Double(feedback.count)
        if let uplift = FeedbackUplift.figure(key: "year", feedback) {
            v["feedbackUplift"] = rounded(uplift.meanUplift, places: 2)
        } else { unavailable.insert("feedbackUplift") }

        let closed = facts.referrals.filter { $0.state == .completed && inYear($0.closedOn) }
        let goals = closed.flatMap(\.goals)
        v["referralsClosed"] = Double(closed.count)
        v["goalsAgreed"] = Double(goals.count)
        v["goalsAchieved"] = count(goals) { $0.outcome == .achieved }
        v["goalsPartlyAchieved"] = count(goals) { $0.outcome == .partiallyAchieved }
        v["goalsNotAchieved"] = count(goals) { $0.outcome == .notAchieved }
        let changes = closed.map { OutcomeProgress.changes($0.outcomes) }
        for measure in MenteeMeasure.allCases {
            v[ReportCatalogue.measureKey(measure, "Measured")] = count(changes) { $0[measure] != nil }
            v[ReportCatalogue.measureKey(measure, "Improved")] = count(changes) { $0[measure] == .improved }
        }
        v["orderCompleted"] = count(closed) { $0.orderOutcome == .completed }
        v["orderRevokedForBreach"] = count(closed) { $0.orderOutcome == .revokedForBreach }
        v["orderTerminatedEarly"] = count(closed) { $0.orderOutcome == .terminatedEarly }
        v["orderOther"] = count(closed) { $0.orderOutcome == .active || $0.orderOutcome == .transferred }

        v["mentorsReoffended"] = count(mentors) { m in
            guard let trained = m.trainedOn else { return false }
            return m.offences.contains { $0 >= trained && inYear($0) }
        }
        v["mentorsEmployed"] = count(mentors) { $0.employmentStage(on: end) == .employed }
        v["mentorsWaitingToStart"] = count(mentors) { $0.employmentStage(on: end) == .waitingToStart }
        for measure in [SelfRatingMeasure.confidence, .belonging] {
            // Before and after training, for mentors who completed it in the year.
            let changes: [Int] = mentors.compactMap { m in
                guard let trained = m.trainedOn, inYear(trained) else { return nil }
                let ratings = m.wellbeing.filter { $0.measure == measure && $0.on <= end }.sorted { $0.on < $1.on }
                guard let before = ratings.last(where: { $0.on < trained }), let after = ratings.first(where: { $0.on >= trained }) else { return nil }
                return after.score - before.score
            }
            v[measure.rawValue + "Rated"] = Double(changes.count)
            if changes.isEmpty { unavailable.insert(measure.rawValue + "Change") } else {
                v[measure.rawValue + "Change"] = rounded(Double(changes.reduce(0, +)) / Double(changes.count), places: 2)
            }
        }
        let rated = mentors.map { $0.wellbeing.filter { $0.measure == .wellbeing && inYear($0.on) }.sorted { $0.on < $1.on } }.filter { $0.count >= 2 }
        v["wellbeingRated"] = Double(rated.count)
        if rated.isEmpty { unavailable.insert("wellbeingChange") } else {
            v["wellbeingChange"] = rounded(Double(rated.map { $0.last!.score - $0.first!.score }.reduce(0, +)) / Double(rated.count), places: 2)
        }

        var result: [String: FigureValue] = [:]
        for figure in ReportCatalogue.figures {
            result[figure.key] = unavailable.contains(figure.key) ? .notAvailable : v[figure.key].map(FigureValue.number) ?? .notAvailable
        }
        return result
    }

    static func count<T>(_ items: [T], _ test: (T) -> Bool) -> Double { Double(items.filter(test).count) }

    static func hours(_ minutes: [Int]) -> Double { rounded(Double(minutes.reduce(0, +)) / 60, places: 1) }

    static func rounded(_ value: Double, places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
