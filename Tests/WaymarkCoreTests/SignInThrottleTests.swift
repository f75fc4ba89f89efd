import Foundation
import Testing
@testable import WaymarkCore

@Suite("Sign-in throttle: slows a guesser, never locks anyone out")
struct SignInThrottleTests {
    let start = Fixture.now

    /// The state after `count` failures under `rule`, each as soon as the throttle allows.
    func failed(_ count: Int, rule: SignInThrottle.Rule, from state: SignInThrottle = SignInThrottle()) -> SignInThrottle {
        var state = state
        var now = start
        for _ in 0..<count {
            now = max(now, state.lockedUntil ?? now)
            state = state.failing(now: now, rule: rule)
        }
        return state
    }

    @Test("The first five failures at one keyboard cost nothing; the sixth attempt waits 30 seconds, then 60, 120…")
    func backoffDoubles() {
        let rule = SignInThrottle.accountAtAddress
        for n in 1...4 { #expect(rule.delay(after: n) == 0, "\(n)") }
        #expect(rule.delay(after: 5) == 30)
        #expect(rule.delay(after: 6) == 60)
        #expect(rule.delay(after: 7) == 120)
        #expect(rule.delay(after: 40) == 15 * 60, "never more than 15 minutes")
    }

    @Test("A stranger guessing from everywhere can delay the real user by a minute at most")
    func accountWideCeiling() {
        let rule = SignInThrottle.account
        #expect(rule.delay(after: 49) == 0)
        #expect(rule.delay(after: 10_000) == 60)
        let state = failed(500, rule: rule)
        #expect(state.secondsToWait(now: state.lockedUntil!.addingTimeInterval(-60)) == 60)
        #expect(!state.isLocked(now: state.lockedUntil!))
    }

    @Test("Waiting out the delay lets the next attempt through")
    func waitThenTry() {
        let state = failed(5, rule: SignInThrottle.accountAtAddress)
        let locked = state.lockedUntil!
        #expect(state.isLocked(now: locked.addingTimeInterval(-1)))
        #expect(!state.isLocked(now: locked))
        #expect(state.secondsToWait(now: locked.addingTimeInterval(-29.5)) == 30)
    }

    @Test("Counts are forgotten a day after the last failure")
    func forgetting() {
        let state = failed(8, rule: SignInThrottle.accountAtAddress)
        let later = state.lockedUntil!.addingTimeInterval(SignInThrottle.forgetAfter + 1)
        #expect(state.failing(now: later, rule: SignInThrottle.accountAtAddress).failures == 1)
        let soon = state.lockedUntil!.addingTimeInterval(60)
        #expect(state.failing(now: soon, rule: SignInThrottle.accountAtAddress).failures == 9)
    }

    @Test("A fresh key waits for nothing")
    func fresh() {
        #expect(!SignInThrottle().isLocked(now: start))
        #expect(SignInThrottle().secondsToWait(now: start) == 0)
    }

    @Test("The message says how long to wait, in seconds or minutes", arguments: [(1, "Wait 1 second,"), (30, "Wait 30 seconds,"), (120, "Wait 2 minutes,"), (900, "Wait 15 minutes,")])
    func message(seconds: Int, expected: String) {
        #expect(SignInThrottle.waitMessage(seconds: seconds).contains(expected))
    }
}
