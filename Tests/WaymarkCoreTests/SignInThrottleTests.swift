import Foundation
import Testing
@testable import WaymarkCore

@Suite("Sign-in throttle")
struct SignInThrottleTests {

    let start = Fixture.now

    /// The state after `count` failures, one a second from `start`.
    func failed(_ count: Int, from state: SignInThrottle = SignInThrottle(), at first: Date? = nil) -> SignInThrottle {
        var state = state
        let begin = first ?? start
        for attempt in 0..<count {
            state = state.failing(now: begin.addingTimeInterval(TimeInterval(attempt)))
        }
        return state
    }

    @Test("Five failures lock for fifteen minutes")
    func settings() {
        #expect(SignInThrottle.maximumFailures == 5)
        #expect(SignInThrottle.lockout == 15 * 60)
    }

    @Test("A fresh account name is not locked")
    func fresh() {
        let state = SignInThrottle()
        #expect(state.failures == 0)
        #expect(state.lockedUntil == nil)
        #expect(!state.isLocked(now: start))
    }

    @Test("Fewer than five failures do not lock", arguments: 1...4)
    func notLockedBeforeFive(count: Int) {
        let state = failed(count)
        #expect(state.failures == count)
        #expect(state.lockedUntil == nil)
        #expect(!state.isLocked(now: start.addingTimeInterval(TimeInterval(count))))
    }

    @Test("The fifth failure locks for fifteen minutes from that attempt")
    func fifthLocks() throws {
        let fourth = failed(4)
        let lockedAt = start.addingTimeInterval(30)
        let state = fourth.failing(now: lockedAt)
        #expect(state.failures == 5)
        let until = try #require(state.lockedUntil)
        #expect(until == lockedAt.addingTimeInterval(15 * 60))
        #expect(state.isLocked(now: lockedAt))
        #expect(state.isLocked(now: lockedAt.addingTimeInterval(14 * 60 + 59)))
    }

    @Test("The lock ends exactly fifteen minutes later")
    func lockEnds() {
        let lockedAt = start.addingTimeInterval(4)
        let state = failed(5)
        #expect(state.lockedUntil == lockedAt.addingTimeInterval(900))
        #expect(state.isLocked(now: lockedAt.addingTimeInterval(899.999)))
        #expect(!state.isLocked(now: lockedAt.addingTimeInterval(900)))
        #expect(!state.isLocked(now: lockedAt.addingTimeInterval(3600)))
    }

    @Test("Failing again while locked keeps the account locked")
    func failingWhileLocked() throws {
        let locked = failed(5)
        let original = try #require(locked.lockedUntil)
        let again = locked.failing(now: start.addingTimeInterval(60))
        #expect(again.isLocked(now: start.addingTimeInterval(61)))
        let until = try #require(again.lockedUntil)
        #expect(until >= original)
    }

    @Test("After the lock runs out, the count starts again from zero")
    func expiryResetsCount() throws {
        let locked = failed(5)
        let until = try #require(locked.lockedUntil)
        let afterExpiry = locked.failing(now: until.addingTimeInterval(1))
        #expect(afterExpiry.failures == 1)
        #expect(afterExpiry.lockedUntil == nil)
        #expect(!afterExpiry.isLocked(now: until.addingTimeInterval(1)))

        // It then takes five fresh failures, not one, to lock again.
        let fourFailures = failed(3, from: afterExpiry, at: until.addingTimeInterval(2))
        #expect(fourFailures.failures == 4)
        #expect(!fourFailures.isLocked(now: until.addingTimeInterval(10)))
        let relocked = fourFailures.failing(now: until.addingTimeInterval(20))
        #expect(relocked.failures == 5)
        #expect(relocked.isLocked(now: until.addingTimeInterval(21)))
        #expect(relocked.lockedUntil == until.addingTimeInterval(20 + 900))
    }

    @Test("A failure exactly when the lock runs out starts a fresh count")
    func failureAtExpiry() throws {
        let locked = failed(5)
        let until = try #require(locked.lockedUntil)
        let next = locked.failing(now: until)
        #expect(next.failures == 1)
        #expect(!next.isLocked(now: until))
    }

    @Test("Failing returns a new state and leaves the old one alone")
    func valueSemantics() {
        let before = SignInThrottle(failures: 2)
        let after = before.failing(now: start)
        #expect(before == SignInThrottle(failures: 2, lockedUntil: nil))
        #expect(after == SignInThrottle(failures: 3, lockedUntil: nil))
    }

    @Test("A stored lock is honoured")
    func storedLock() {
        let state = SignInThrottle(failures: 5, lockedUntil: start.addingTimeInterval(600))
        #expect(state.isLocked(now: start))
        #expect(state.isLocked(now: start.addingTimeInterval(599)))
        #expect(!state.isLocked(now: start.addingTimeInterval(600)))
    }
}
