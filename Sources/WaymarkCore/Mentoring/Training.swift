public enum AssessmentResult: String, CaseIterable, Sendable, Codable {
    case passed, failed

    public var label: String { self == .passed ? "Passed" : "Not passed" }
}

/// One candidate's record in one cohort.
public struct TrainingRecord: Sendable, Equatable {
    public var sessions: Int
    public var attended: Set<Int>
    public var assessment: AssessmentResult?

    public init(sessions: Int, attended: Set<Int>, assessment: AssessmentResult?) {
        self.sessions = sessions
        self.attended = attended
        self.assessment = assessment
    }
}

public enum TrainingOutcome: Sendable, Equatable {
    case complete
    case notComplete([String])
}

public enum TrainingRule {
    /// Sessions needed: the setting's share of the cohort's sessions, rounded up (10 of 12 means
    /// 7 of a shorter 8-session cohort), so a short cohort cannot lower the bar.
    public static func attendanceRequired(sessions: Int, settings: ProgrammeSettings) -> Int {
        guard settings.trainingSessions > 0 else { return sessions }
        let share = (sessions * settings.trainingAttendanceRequired + settings.trainingSessions - 1) / settings.trainingSessions
        return min(sessions, max(1, share))
    }

    /// Weeks that cannot have been attended yet: their session is after today.
    public static func futureWeeks(_ attended: Set<Int>, cohort: Cohort, today: CalendarDate) -> [Int] {
        attended.filter { cohort.sessionDate($0) > today }.sorted()
    }

    /// Completion needs the attendance (≥ 10 of 12 by default) and a passed assessment.
    public static func outcome(_ record: TrainingRecord, settings: ProgrammeSettings) -> TrainingOutcome {
        var missing: [String] = []
        let required = attendanceRequired(sessions: record.sessions, settings: settings)
        guard record.sessions >= 1 else { return .notComplete(["The cohort has no sessions"]) }
        let attended = record.attended.filter { (1...record.sessions).contains($0) }.count
        if attended < required {
            missing.append("Attended \(attended) of \(record.sessions) sessions; \(required) are needed")
        }
        switch record.assessment {
        case .passed?: break
        case .failed?: missing.append("The assessment was not passed")
        case nil: missing.append("The assessment has not been recorded")
        }
        return missing.isEmpty ? .complete : .notComplete(missing)
    }
}

/// What someone typed to set up a cohort.
public struct CohortDraft: Sendable, Equatable {
    public var name: String?
    public var startDate: DateInput
    public var sessions: String?
    public var siteID: String?
    public var trainers: String?

    public init(name: String?, startDate: DateInput, sessions: String?, siteID: String?, trainers: String?) {
        self.name = name
        self.startDate = startDate
        self.sessions = sessions
        self.siteID = siteID
        self.trainers = trainers
    }

    public struct Valid: Sendable, Equatable {
        public let name: String
        public let startDate: CalendarDate
        public let sessions: Int
        public let siteID: String
        public let trainers: String

        public init(name: String, startDate: CalendarDate, sessions: Int, siteID: String, trainers: String) {
            self.name = name
            self.startDate = startDate
            self.sessions = sessions
            self.siteID = siteID
            self.trainers = trainers
        }
    }

    /// `siteIDs` are the sites this coordinator may run training at.
    public func validated(today: CalendarDate, siteIDs: Set<String>, settings: ProgrammeSettings) throws(ValidationFailure) -> Valid {
        var errors = FieldErrors()
        let name = InputRules.required(name, field: "name", label: "name for the cohort", limit: InputRules.shortTextLimit, errors: &errors)
        let start = InputRules.date(startDate, field: "startDate", label: "start date", errors: &errors)
        if let start, start < today.adding(years: -2) { errors.add("startDate", "Start date must be within the last 2 years") }
        var count = settings.trainingSessions
        let text = (sessions ?? "").trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            if text.allSatisfy(\.isASCIIDigit), let n = Int(text), (1...52).contains(n) { count = n } else {
                errors.add("sessions", "Number of weekly sessions must be a whole number from 1 to 52")
            }
        }
        if (siteID ?? "").isEmpty { errors.add("siteId", "Select where the training takes place") }
        else if !siteIDs.contains(siteID!) { errors.add("siteId", "Select a site in an area you work in") }
        let trainers = InputRules.required(trainers, field: "trainers", label: "trainer’s name", limit: InputRules.shortTextLimit, errors: &errors)
        try errors.throwIfAny()
        return Valid(name: name!, startDate: start!, sessions: count, siteID: siteID!, trainers: trainers!)
    }
}

public enum AwardingBody: String, CaseIterable, Sendable, Codable {
    case ocn, skillsForJustice, other

    public var label: String {
        switch self {
        case .ocn: "OCN (Open College Network)"
        case .skillsForJustice: "Skills for Justice"
        case .other: "Another awarding body"
        }
    }
}

public struct Accreditation: Sendable, Equatable {
    public let award: String
    public let awardingBody: AwardingBody
    public let certificateNumber: String
    public let awardedOn: CalendarDate

    /// The first qualification they have ever gained, as the Essex mentors often said.
    public let firstQualification: Bool

    public init(award: String, awardingBody: AwardingBody, certificateNumber: String, awardedOn: CalendarDate, firstQualification: Bool) {
        self.award = award
        self.awardingBody = awardingBody
        self.certificateNumber = certificateNumber
        self.awardedOn = awardedOn
        self.firstQualification = firstQualification
    }
}

public struct AccreditationDraft: Sendable, Equatable {
    public var award: String?
    public var awardingBody: String?
    public var certificateNumber: String?
    public var awardedOn: DateInput
    public var firstQualification: Bool

    public init(award: String?, awardingBody: String?, certificateNumber: String?, awardedOn: DateInput, firstQualification: Bool) {
        self.award = award
        self.awardingBody = awardingBody
        self.certificateNumber = certificateNumber
        self.awardedOn = awardedOn
        self.firstQualification = firstQualification
    }

    public static let standardAward = "Level 2 Award in Peer Mentoring"

    /// Accreditation follows completed training, so it is refused until then.
    public func validated(today: CalendarDate, trainingComplete: Bool) throws(ValidationFailure) -> Accreditation {
        var errors = FieldErrors()
        if !trainingComplete {
            errors.add("award", "They have not completed training yet: accreditation follows a completed cohort")
        }
        let award = InputRules.required(award, field: "award", label: "award", article: "the", limit: InputRules.shortTextLimit, errors: &errors)
        let body = InputRules.choice(awardingBody, as: AwardingBody.self, field: "awardingBody", label: "awarding body", article: "the", errors: &errors)
        let number = InputRules.required(certificateNumber, field: "certificateNumber", label: "certificate number", article: "the", limit: 50, errors: &errors)
        let date = InputRules.date(awardedOn, field: "awardedOn", label: "date of the award", article: "the", errors: &errors)
        if let date, date > today { errors.add("awardedOn", "Date of the award must be today or in the past") }
        try errors.throwIfAny()
        return Accreditation(award: award!, awardingBody: body!, certificateNumber: number!, awardedOn: date!,
                             firstQualification: firstQualification)
    }
}

import Foundation
