import Foundation
import Testing
@testable import WaymarkCore

@Suite("Mentor journey")
struct MentorJourneyTests {

    static let passes = EligibilityResult(reasons: [])
    static let fails = EligibilityResult(reasons: [
        EligibilityReason(.openBreach, "Breach proceedings are open on their order"),
        EligibilityReason(.noRiskReview, "A risk review must be recorded by a coordinator"),
    ])

    static func facts(eligible: Bool = true, trainingComplete: Bool = true, accredited: Bool = true,
                      before: MentorState? = nil) -> JourneyFacts {
        JourneyFacts(eligibility: eligible ? passes : fails, trainingComplete: trainingComplete, accredited: accredited,
                     stateBeforeSuspension: before)
    }

    /// Facts that satisfy whatever condition the move `from → to` has, so only the table itself decides.
    static func satisfying(from: MentorState, to: MentorState) -> JourneyFacts {
        facts(eligible: to != .ineligible, before: from == .suspended ? (to == .withdrawn ? .active : to) : nil)
    }

    /// The refusal, or nil when the move is allowed.
    static func attempt(_ from: MentorState, _ to: MentorState, facts: JourneyFacts, reason: String = "Agreed at review",
                        destination: MovedOnDestination? = nil) -> JourneyRefusal? {
        do throws(JourneyRefusal) {
            try MentorJourney.check(from: from, to: to, facts: facts, reason: reason, destination: destination)
            return nil
        } catch {
            return error
        }
    }

    /// The journey of DESIGN.md, written out: recommended → eligible | ineligible → inTraining → trained → active ⇄
    /// paused → movedOn | withdrawn, suspended from the working states, withdrawn from any unfinished state.
    static let expectedMoves: [MentorState: Set<MentorState>] = [
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

    // MARK: The table

    @Test("The move table is the journey of the design, with an entry for every state")
    func table() {
        #expect(MentorJourney.moves == Self.expectedMoves)
        #expect(Set(MentorJourney.moves.keys) == Set(MentorState.allCases))
    }

    @Test("Every (from, to) pair: allowed iff in the table, otherwise refused with a reason",
          arguments: MentorState.allCases, MentorState.allCases)
    func everyPair(from: MentorState, to: MentorState) throws {
        let refusal = Self.attempt(from, to, facts: Self.satisfying(from: from, to: to), destination: .employed)
        if Self.expectedMoves[from, default: []].contains(to) {
            #expect(refusal == nil, "\(from) → \(to) should be allowed: \(refusal?.message ?? "")")
        } else {
            let message = try #require(refusal?.message, "\(from) → \(to) should be refused")
            if from == to {
                #expect(message == "They are already \(from.label.lowercased())")
            } else if from == .movedOn {
                #expect(message == "They have moved on; the journey has ended")
            } else if from == .withdrawn {
                #expect(message == "They have withdrawn; the journey has ended")
            } else {
                #expect(message == "A mentor who is \(from.label.lowercased()) cannot be moved to \(to.label.lowercased())")
            }
        }
    }

    @Test("An illegal move is refused for what it is, whatever the facts", arguments: [
        (MentorState.recommended, MentorState.active),
        (.recommended, .inTraining),
        (.eligible, .trained),
        (.ineligible, .inTraining),
        (.inTraining, .active),
        (.trained, .paused),
        (.active, .trained),
        (.paused, .inTraining),
        (.active, .eligible),
    ])
    func illegalWhateverTheFacts(from: MentorState, to: MentorState) {
        for facts in [Self.facts(), Self.facts(eligible: false, trainingComplete: false, accredited: false, before: .active)] {
            let refusal = Self.attempt(from, to, facts: facts, reason: "", destination: .employed)
            #expect(refusal?.message == "A mentor who is \(from.label.lowercased()) cannot be moved to \(to.label.lowercased())")
        }
    }

    @Test("A move to the same state is refused", arguments: MentorState.allCases)
    func sameState(state: MentorState) {
        let refusal = Self.attempt(state, state, facts: Self.facts(before: state), destination: .other)
        #expect(refusal?.message == "They are already \(state.label.lowercased())")
    }

    @Test("Moved on and withdrawn are the end of the journey", arguments: [MentorState.movedOn, .withdrawn])
    func terminal(state: MentorState) {
        #expect(state.isFinished)
        #expect(MentorJourney.allowedMoves(from: state, facts: Self.facts()).isEmpty)
        for to in MentorState.allCases where to != state {
            let refusal = Self.attempt(state, to, facts: Self.facts(), destination: .employed)
            #expect(refusal?.message.hasSuffix("the journey has ended") == true, "\(state) → \(to)")
        }
    }

    // MARK: Reasons

    @Test("A legal move without a reason is refused", arguments: ["", "   ", "\n\t "])
    func emptyReason(reason: String) {
        for (from, to) in [(MentorState.active, MentorState.paused), (.recommended, .withdrawn), (.trained, .suspended)] {
            let refusal = Self.attempt(from, to, facts: Self.facts(), reason: reason)
            #expect(refusal?.message == "Give a reason for the move", "\(from) → \(to)")
        }
    }

    // MARK: Conditional moves

    @Test("Becoming eligible needs the eligibility rule to pass, and says what fails",
          arguments: [MentorState.recommended, .ineligible, .inTraining])
    func eligibleNeedsEligibility(from: MentorState) {
        #expect(Self.attempt(from, .eligible, facts: Self.facts()) == nil)
        let refusal = Self.attempt(from, .eligible, facts: Self.facts(eligible: false))
        #expect(refusal?.message == "They are not eligible yet: Breach proceedings are open on their order; A risk review must be recorded by a coordinator")
    }

    @Test("Marking not eligible needs the eligibility rule to fail", arguments: [MentorState.recommended, .eligible])
    func ineligibleNeedsFailure(from: MentorState) {
        #expect(Self.attempt(from, .ineligible, facts: Self.facts(eligible: false)) == nil)
        let refusal = Self.attempt(from, .ineligible, facts: Self.facts())
        #expect(refusal?.message == "They meet every eligibility rule, so they cannot be marked not eligible")
    }

    @Test("Enrolling in training re-checks eligibility: an ineligible candidate is refused")
    func enrolNeedsEligibility() {
        #expect(Self.attempt(.eligible, .inTraining, facts: Self.facts()) == nil)
        let refusal = Self.attempt(.eligible, .inTraining, facts: Self.facts(eligible: false))
        #expect(refusal?.message == "They are no longer eligible: Breach proceedings are open on their order; A risk review must be recorded by a coordinator")
    }

    @Test("Trained needs training complete")
    func trainedNeedsCompletion() {
        #expect(Self.attempt(.inTraining, .trained, facts: Self.facts(accredited: false)) == nil)
        let refusal = Self.attempt(.inTraining, .trained, facts: Self.facts(trainingComplete: false))
        #expect(refusal?.message == "They have not completed training: they need the attendance and a passed assessment")
    }

    @Test("Active from trained needs a recorded accreditation")
    func activeNeedsAccreditation() {
        #expect(Self.attempt(.trained, .active, facts: Self.facts()) == nil)
        let refusal = Self.attempt(.trained, .active, facts: Self.facts(accredited: false))
        #expect(refusal?.message == "Record their accreditation before they become active")
    }

    @Test("Moving on needs a destination", arguments: [MentorState.active, .paused])
    func movedOnNeedsDestination(from: MentorState) {
        for destination in MovedOnDestination.allCases {
            #expect(Self.attempt(from, .movedOn, facts: Self.facts(), destination: destination) == nil)
        }
        let refusal = Self.attempt(from, .movedOn, facts: Self.facts(), destination: nil)
        #expect(refusal?.message == "Say where they moved on to: employed or another destination")
    }

    @Test("Pausing and resuming: active ⇄ paused")
    func pauseAndResume() {
        #expect(Self.attempt(.active, .paused, facts: Self.facts()) == nil)
        #expect(Self.attempt(.paused, .active, facts: Self.facts()) == nil)
    }

    // MARK: Suspension

    @Test("Suspension is possible from exactly the working states")
    func suspendable() {
        for state in MentorState.allCases {
            #expect(state.isSuspendable == Self.expectedMoves[state, default: []].contains(.suspended), "\(state)")
        }
        #expect(MentorState.allCases.filter(\.isSuspendable) == [.inTraining, .trained, .active, .paused])
    }

    @Test("A suspended mentor returns only to where they were, or is withdrawn",
          arguments: [MentorState.inTraining, .trained, .active, .paused])
    func suspendedReturns(before: MentorState) {
        let facts = Self.facts(before: before)
        for to in [MentorState.inTraining, .trained, .active, .paused] {
            let refusal = Self.attempt(.suspended, to, facts: facts)
            if to == before {
                #expect(refusal == nil, "\(before): \(refusal?.message ?? "")")
            } else {
                #expect(refusal?.message == "A suspended mentor returns to where they were (\(before.label.lowercased())) or is withdrawn")
            }
        }
        #expect(Self.attempt(.suspended, .withdrawn, facts: facts) == nil)
        #expect(MentorJourney.allowedMoves(from: .suspended, facts: facts) == [before, .withdrawn])
    }

    @Test("A suspended mentor with no state recorded before suspension can only be withdrawn")
    func suspendedUnknown() {
        let refusal = Self.attempt(.suspended, .active, facts: Self.facts(before: nil))
        #expect(refusal?.message == "A suspended mentor returns to where they were (unknown) or is withdrawn")
        #expect(MentorJourney.allowedMoves(from: .suspended, facts: Self.facts(before: nil)) == [.withdrawn])
    }

    // MARK: allowedMoves

    @Test("Allowed moves when every condition is met", arguments: [
        (MentorState.recommended, [MentorState.eligible, .withdrawn]),
        (.eligible, [.inTraining, .withdrawn]),
        (.ineligible, [.eligible, .withdrawn]),
        (.inTraining, [.eligible, .trained, .withdrawn, .suspended]),
        (.trained, [.active, .withdrawn, .suspended]),
        (.active, [.paused, .movedOn, .withdrawn, .suspended]),
        (.paused, [.active, .movedOn, .withdrawn, .suspended]),
        (.suspended, [.withdrawn]),
        (.movedOn, []),
        (.withdrawn, []),
    ])
    func allowedWhenMet(from: MentorState, expected: [MentorState]) {
        #expect(MentorJourney.allowedMoves(from: from, facts: Self.facts()) == expected)
    }

    @Test("Allowed moves when eligibility fails and training and accreditation are missing", arguments: [
        (MentorState.recommended, [MentorState.ineligible, .withdrawn]),
        (.eligible, [.ineligible, .withdrawn]),
        (.ineligible, [.withdrawn]),
        (.inTraining, [.withdrawn, .suspended]),
        (.trained, [.withdrawn, .suspended]),
        (.active, [.paused, .movedOn, .withdrawn, .suspended]),
        (.paused, [.active, .movedOn, .withdrawn, .suspended]),
        (.movedOn, []),
        (.withdrawn, []),
    ])
    func allowedWhenNotMet(from: MentorState, expected: [MentorState]) {
        let facts = Self.facts(eligible: false, trainingComplete: false, accredited: false)
        #expect(MentorJourney.allowedMoves(from: from, facts: facts) == expected)
    }

    @Test("Allowed moves are always within the table and agree with check", arguments: MentorState.allCases)
    func allowedMatchesCheck(from: MentorState) {
        let variants = [Self.facts(), Self.facts(eligible: false, trainingComplete: false, accredited: false, before: .paused),
                        Self.facts(trainingComplete: false, before: .trained), Self.facts(accredited: false, before: .inTraining)]
        for facts in variants {
            let allowed = MentorJourney.allowedMoves(from: from, facts: facts)
            #expect(Set(allowed).isSubset(of: Self.expectedMoves[from, default: []]))
            #expect(!allowed.contains(from))
            for to in MentorState.allCases {
                let ok = Self.attempt(from, to, facts: facts, destination: .other) == nil
                #expect(allowed.contains(to) == ok, "\(from) → \(to)")
            }
        }
    }

    // MARK: Labels

    @Test("Every state and destination has a label")
    func labels() {
        #expect(MentorState.ineligible.label == "Not eligible")
        #expect(MentorState.inTraining.label == "In training")
        #expect(MentorState.movedOn.label == "Moved on")
        #expect(Set(MentorState.allCases.map(\.label)).count == MentorState.allCases.count)
        #expect(MovedOnDestination.employed.label == "Employed")
        #expect(MovedOnDestination.other.label == "Other destination")
    }
}

@Suite("Training starts by enrolment")
struct TrainingStartsByEnrolmentTests {
    @Test("A coordinator cannot move an eligible candidate into training by hand; enrolment can")
    func onlyByEnrolment() {
        let facts = JourneyFacts(eligibility: EligibilityResult(reasons: []), trainingComplete: false, accredited: false, stateBeforeSuspension: nil)
        #expect(throws: JourneyRefusal("Enrol them on a training cohort: that starts their training")) {
            try MentorJourney.check(from: .eligible, to: .inTraining, facts: facts, reason: "Ready", byEnrolment: false)
        }
        #expect(throws: Never.self) { try MentorJourney.check(from: .eligible, to: .inTraining, facts: facts, reason: "Ready") }
        #expect(!MentorJourney.allowedMoves(from: .eligible, facts: facts, byEnrolment: false).contains(.inTraining))
    }
}

@Suite("Expense decisions")
struct ExpenseDecisionOwnClaimTests {
    @Test("Nobody decides their own claim")
    func ownClaim() {
        let failure = validationFailure { try ExpenseDecision.check(current: .submitted, to: .approved, reason: nil, submittedBy: "u1", decidedBy: "u1") }
        #expect(failure.message(for: "decision") == "You submitted this claim, so another coordinator must decide it")
        #expect(throws: Never.self) { try ExpenseDecision.check(current: .submitted, to: .approved, reason: nil, submittedBy: "u1", decidedBy: "u2") }
    }
}

@Suite("Returning from suspension")
struct SuspensionReviewTests {
    @Test("A suspended mentor returns only after a coordinator's review; withdrawal needs none")
    func needsReview() {
        let facts = JourneyFacts(eligibility: EligibilityResult(reasons: []), trainingComplete: true, accredited: true, stateBeforeSuspension: .active,
                                 reviewedSinceSuspension: false)
        #expect(throws: JourneyRefusal("Record a coordinator’s risk review since the suspension before they return")) {
            try MentorJourney.check(from: .suspended, to: .active, facts: facts, reason: "Fine")
        }
        #expect(throws: Never.self) { try MentorJourney.check(from: .suspended, to: .withdrawn, facts: facts, reason: "Stepping back") }
        var reviewed = facts
        reviewed.reviewedSinceSuspension = true
        #expect(throws: Never.self) { try MentorJourney.check(from: .suspended, to: .active, facts: reviewed, reason: "Reviewed") }
    }
}
