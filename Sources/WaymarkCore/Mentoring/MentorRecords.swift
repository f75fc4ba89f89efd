import Foundation

/// A person on the mentor journey, as stored.
public struct Mentor: Sendable, Equatable, Identifiable {
    public let id: String
    public let personID: String
    public var state: MentorState
    public let recommendedByID: String
    public let recommendedOn: CalendarDate
    public let recommendationReason: String
    public var profile: MentorProfile
    public var clearedForHighRiskOn: CalendarDate?
    public var userID: String?
    public var trainedOn: CalendarDate?
    public var stateBeforeSuspension: MentorState?
    public var movedOnDestination: MovedOnDestination?
    public var version: Int

    public init(id: String, personID: String, state: MentorState, recommendedByID: String, recommendedOn: CalendarDate,
                recommendationReason: String, profile: MentorProfile, clearedForHighRiskOn: CalendarDate?, userID: String?,
                trainedOn: CalendarDate?, stateBeforeSuspension: MentorState?, movedOnDestination: MovedOnDestination?, version: Int) {
        self.id = id
        self.personID = personID
        self.state = state
        self.recommendedByID = recommendedByID
        self.recommendedOn = recommendedOn
        self.recommendationReason = recommendationReason
        self.profile = profile
        self.clearedForHighRiskOn = clearedForHighRiskOn
        self.userID = userID
        self.trainedOn = trainedOn
        self.stateBeforeSuspension = stateBeforeSuspension
        self.movedOnDestination = movedOnDestination
        self.version = version
    }
}

/// One step of the journey: who moved the mentor, when and why.
public struct MentorMove: Sendable, Equatable {
    public let from: MentorState?
    public let to: MentorState
    public let at: Date
    public let byID: String
    public let reason: String

    public init(from: MentorState?, to: MentorState, at: Date, byID: String, reason: String) {
        self.from = from
        self.to = to
        self.at = at
        self.byID = byID
        self.reason = reason
    }
}

public struct Cohort: Sendable, Equatable, Identifiable {
    public let id: String
    public let areaID: String
    public let siteID: String
    public let name: String
    public let startDate: CalendarDate
    public let sessions: Int
    public let trainers: String

    public init(id: String, areaID: String, siteID: String, name: String, startDate: CalendarDate, sessions: Int, trainers: String) {
        self.id = id
        self.areaID = areaID
        self.siteID = siteID
        self.name = name
        self.startDate = startDate
        self.sessions = sessions
        self.trainers = trainers
    }

    /// The date of week `n` (1-based): training runs weekly from the start date.
    public func sessionDate(_ week: Int) -> CalendarDate { startDate.adding(days: 7 * (week - 1)) }
}

public struct Enrolment: Sendable, Equatable {
    public let cohortID: String
    public let mentorID: String
    public var attended: Set<Int>
    public var assessment: AssessmentResult?
    public var version: Int

    public init(cohortID: String, mentorID: String, attended: Set<Int>, assessment: AssessmentResult?, version: Int = 1) {
        self.cohortID = cohortID
        self.mentorID = mentorID
        self.attended = attended
        self.assessment = assessment
        self.version = version
    }

    public func record(sessions: Int) -> TrainingRecord { TrainingRecord(sessions: sessions, attended: attended, assessment: assessment) }
}

public struct StoredExpense: Sendable, Equatable, Identifiable {
    public let id: String
    public let mentorID: String
    public let claim: ExpenseClaim
    public let state: ExpenseState
    public let decisionReason: String?
    public let decidedOn: CalendarDate?
    public let version: Int

    public init(id: String, mentorID: String, claim: ExpenseClaim, state: ExpenseState, decisionReason: String?,
                decidedOn: CalendarDate?, version: Int) {
        self.id = id
        self.mentorID = mentorID
        self.claim = claim
        self.state = state
        self.decisionReason = decisionReason
        self.decidedOn = decidedOn
        self.version = version
    }
}

public enum ExpenseDecision {
    /// A coordinator approves or rejects a submitted claim (never their own); a rejection needs a reason.
    public static func check(current: ExpenseState, to: ExpenseState, reason: String?, submittedBy: String? = nil,
                             decidedBy: String? = nil) throws(ValidationFailure) {
        if let submittedBy, submittedBy == decidedBy {
            throw ValidationFailure([FieldError("decision", "You submitted this claim, so another coordinator must decide it")])
        }
        guard current == .submitted else {
            throw ValidationFailure([FieldError("decision", "This claim has already been \(current.rawValue)")])
        }
        guard to != .submitted else { throw ValidationFailure([FieldError("decision", "Select approve or reject")]) }
        if to == .rejected, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationFailure([FieldError("reason", "Say why the claim is rejected")])
        }
    }
}
