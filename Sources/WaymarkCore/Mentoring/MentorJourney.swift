/// Where a person is on the mentor journey.
public enum MentorState: String, CaseIterable, Sendable, Codable {
    case recommended, eligible, ineligible, inTraining, trained, active, paused, movedOn, withdrawn, suspended

    public var label: String {
        switch self {
        case .recommended: "Recommended"
        case .eligible: "Eligible"
        case .ineligible: "Not eligible"
        case .inTraining: "In training"
        case .trained: "Trained"
        case .active: "Active"
        case .paused: "Paused"
        case .movedOn: "Moved on"
        case .withdrawn: "Withdrawn"
        case .suspended: "Suspended"
        }
    }

    /// States in which a change of risk suspends the mentor.
    public var isSuspendable: Bool { [.inTraining, .trained, .active, .paused].contains(self) }
    public var isFinished: Bool { self == .movedOn || self == .withdrawn }
}

/// Where a mentor went when they moved on.
public enum MovedOnDestination: String, CaseIterable, Sendable, Codable {
    case employed, other

    public var label: String { self == .employed ? "Employed" : "Other destination" }
}

/// What the journey rule needs to know about a mentor to allow a move.
public struct JourneyFacts: Sendable, Equatable {
    public var eligibility: EligibilityResult
    public var trainingComplete: Bool
    public var accredited: Bool
    /// The state a suspended mentor was in before, to return to when reinstated.
    public var stateBeforeSuspension: MentorState?
    /// A coordinator has recorded a "suitable" risk review since the suspension.
    public var reviewedSinceSuspension: Bool

    public init(eligibility: EligibilityResult, trainingComplete: Bool, accredited: Bool, stateBeforeSuspension: MentorState?,
                reviewedSinceSuspension: Bool = true) {
        self.eligibility = eligibility
        self.trainingComplete = trainingComplete
        self.accredited = accredited
        self.stateBeforeSuspension = stateBeforeSuspension
        self.reviewedSinceSuspension = reviewedSinceSuspension
    }
}

/// A move the journey rule refused, with the reason in words a coordinator can act on.
public struct JourneyRefusal: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// The mentor journey: `recommended → eligible | ineligible → inTraining → trained → active ⇄
/// paused → movedOn | withdrawn`, and `suspended` from any state in which they are working
/// with the service when risk changes. Every move needs a reason.
public enum MentorJourney {
    public static let moves: [MentorState: Set<MentorState>] = [
        .recommended: [.eligible, .ineligible, .withdrawn],
        .ineligible: [.eligible, .withdrawn],
        .eligible: [.inTraining, .ineligible, .withdrawn],
        .inTraining: [.trained, .eligible, .withdrawn, .suspended],
        .trained: [.active, .withdrawn, .suspended],
        .active: [.paused, .movedOn, .withdrawn, .suspended],
        .paused: [.active, .movedOn, .withdrawn, .suspended],
        .suspended: [.inTraining, .trained, .active, .paused, .withdrawn],
        .movedOn: [],
        .withdrawn: [],
    ]

    /// The states this mentor could move to now, with the facts as they are.
    /// `byEnrolment` false: the moves a coordinator can make by hand, where training starts only
    /// by enrolling on a cohort.
    public static func allowedMoves(from state: MentorState, facts: JourneyFacts, byEnrolment: Bool = true) -> [MentorState] {
        MentorState.allCases.filter {
            (try? check(from: state, to: $0, facts: facts, reason: "-", destination: .other, byEnrolment: byEnrolment)) != nil
        }
    }

    public static func check(from: MentorState, to: MentorState, facts: JourneyFacts, reason: String,
                             destination: MovedOnDestination? = nil, byEnrolment: Bool = true) throws(JourneyRefusal) {
        guard from != to else { throw JourneyRefusal("They are already \(from.label.lowercased())") }
        if from == .eligible, to == .inTraining, !byEnrolment {
            throw JourneyRefusal("Enrol them on a training cohort: that starts their training")
        }
        guard moves[from, default: []].contains(to) else {
            if from.isFinished {
                throw JourneyRefusal("They have \(from == .movedOn ? "moved on" : "withdrawn"); the journey has ended")
            }
            throw JourneyRefusal("A mentor who is \(from.label.lowercased()) cannot be moved to \(to.label.lowercased())")
        }
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw JourneyRefusal("Give a reason for the move")
        }
        switch to {
        case .eligible where !facts.eligibility.eligible:
            throw JourneyRefusal("They are not eligible yet: " + facts.eligibility.reasons.map(\.message).joined(separator: "; "))
        case .ineligible where facts.eligibility.eligible:
            throw JourneyRefusal("They meet every eligibility rule, so they cannot be marked not eligible")
        case .inTraining where from == .eligible && !facts.eligibility.eligible:
            throw JourneyRefusal("They are no longer eligible: " + facts.eligibility.reasons.map(\.message).joined(separator: "; "))
        case .trained where from == .inTraining && !facts.trainingComplete:
            throw JourneyRefusal("They have not completed training: they need the attendance and a passed assessment")
        case .active where from == .trained && !facts.accredited:
            throw JourneyRefusal("Record their accreditation before they become active")
        case .movedOn where destination == nil:
            throw JourneyRefusal("Say where they moved on to: employed or another destination")
        default:
            break
        }
        if from == .suspended, to != .withdrawn, to != facts.stateBeforeSuspension {
            throw JourneyRefusal("A suspended mentor returns to where they were (\(facts.stateBeforeSuspension?.label.lowercased() ?? "unknown")) or is withdrawn")
        }
        if from == .suspended, to != .withdrawn, !facts.reviewedSinceSuspension {
            throw JourneyRefusal("Record a coordinator’s risk review since the suspension before they return")
        }
    }
}
