import Foundation
import Testing
@testable import WaymarkCore

@Suite("Referral journey")
struct ReferralJourneyTests {

    /// DESIGN.md: awaitingAllocation → matched → onProgramme → completed, with deferred, deprioritised and withdrawn.
    /// A referral goes back to the waiting list when its match falls through; completed and withdrawn are final.
    static let expectedMoves: [ReferralState: Set<ReferralState>] = [
        .awaitingAllocation: [.matched, .deferred, .deprioritised, .withdrawn],
        .deferred: [.awaitingAllocation, .withdrawn],
        .deprioritised: [.awaitingAllocation, .withdrawn],
        .matched: [.onProgramme, .awaitingAllocation, .withdrawn],
        .onProgramme: [.completed, .awaitingAllocation, .withdrawn],
        .completed: [],
        .withdrawn: [],
    ]

    static func attempt(_ from: ReferralState, _ to: ReferralState) -> ValidationFailure? {
        do throws(ValidationFailure) {
            try ReferralJourney.check(from: from, to: to)
            return nil
        } catch {
            return error
        }
    }

    @Test("The move table is the journey of the design, with an entry for every state")
    func table() {
        #expect(ReferralJourney.moves == Self.expectedMoves)
        #expect(Set(ReferralJourney.moves.keys) == Set(ReferralState.allCases))
    }

    @Test("Every (from, to) pair: allowed iff in the table, otherwise refused with a reason",
          arguments: ReferralState.allCases, ReferralState.allCases)
    func everyPair(from: ReferralState, to: ReferralState) {
        let failure = Self.attempt(from, to)
        if Self.expectedMoves[from, default: []].contains(to) {
            #expect(failure == nil, "\(from) → \(to) should be allowed")
        } else {
            #expect(failure?.fields == ["state"], "\(from) → \(to) should be refused")
            #expect(failure?.message(for: "state")
                == "A referral that is \(from.label.lowercased()) cannot be moved to \(to.label.lowercased())")
        }
    }

    @Test("A referral never stays where it is", arguments: ReferralState.allCases)
    func noSelfMoves(state: ReferralState) {
        #expect(Self.attempt(state, state) != nil)
    }

    @Test("The refusal names both states in words")
    func refusalWording() {
        #expect(Self.attempt(.awaitingAllocation, .completed)?.message(for: "state")
            == "A referral that is awaiting allocation cannot be moved to completed")
        #expect(Self.attempt(.withdrawn, .onProgramme)?.message(for: "state")
            == "A referral that is withdrawn cannot be moved to on programme")
    }

    @Test("Every open referral can be withdrawn; closed ones go nowhere", arguments: ReferralState.allCases)
    func withdrawAndClosed(state: ReferralState) {
        if state.isOpen {
            #expect(Self.attempt(state, .withdrawn) == nil)
        } else {
            for to in ReferralState.allCases { #expect(Self.attempt(state, to) != nil, "\(state) → \(to)") }
        }
    }

    @Test("Only completed and withdrawn referrals are closed")
    func openStates() {
        #expect(ReferralState.allCases.filter { !$0.isOpen } == [.completed, .withdrawn])
    }

    @Test("Completing needs the programme: only from on programme")
    func completeOnlyFromOnProgramme() {
        #expect(ReferralState.allCases.filter { Self.attempt($0, .completed) == nil } == [.onProgramme])
    }

    @Test("Withdrawal reasons are the national groups")
    func withdrawalReasons() {
        #expect(WithdrawalReason.allCases.map(\.rawValue) == ["problemWithReferral", "personsCircumstances",
                                                              "sentenceEndedRevokedRecalled", "other"])
    }
}

@Suite("Referral moves made by hand")
struct ReferralManualMovesTests {
    @Test("A coordinator can defer, deprioritise, withdraw or put back on the waiting list, but not match or close by hand")
    func manual() {
        #expect(ReferralJourney.manualMoves(from: .awaitingAllocation) == [.deferred, .deprioritised, .withdrawn])
        #expect(ReferralJourney.manualMoves(from: .onProgramme) == [.awaitingAllocation, .withdrawn])
        #expect(ReferralJourney.manualMoves(from: .completed).isEmpty)
        let failure = validationFailure { try ReferralJourney.checkManual(from: .onProgramme, to: .completed) }
        #expect(failure.message(for: "state") == "Matching and closing happen through the match and the end-of-service summary")
        #expect(throws: Never.self) { try ReferralJourney.checkManual(from: .deferred, to: .awaitingAllocation) }
    }
}
