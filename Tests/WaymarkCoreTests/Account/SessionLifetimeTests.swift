import Foundation
import Testing
@testable import WaymarkCore

@Suite("How long a signed-in session lasts")
struct SessionLifetimeTests {
    let signedIn = Fixture.now
    let lifetime = SessionLifetime()

    func at(_ seconds: TimeInterval) -> Date { signedIn.addingTimeInterval(seconds) }

    @Test("By default a session ends after 30 idle minutes or 12 hours, and the warning comes 2 minutes before")
    func defaults() {
        #expect(lifetime.idleMinutes == 30)
        #expect(lifetime.lifetimeHours == 12)
        #expect(SessionLifetime.warningSeconds == 120)
        #expect(SessionLifetime.idleRange == 5...240)
        #expect(SessionLifetime.lifetimeRange == 1...24)
    }

    @Test("A session idle for 29 minutes 59 seconds goes on; at exactly 30 minutes it ends")
    func idleBoundary() {
        let lastSeen = at(3600)
        let almost = lastSeen.addingTimeInterval(29 * 60 + 59), exactly = lastSeen.addingTimeInterval(30 * 60)
        #expect(lifetime.ending(signedInAt: signedIn, lastSeenAt: lastSeen, validAfter: nil, now: almost) == nil)
        #expect(lifetime.ending(signedInAt: signedIn, lastSeenAt: lastSeen, validAfter: nil, now: exactly) == .idle)
    }

    @Test("A session ends after 12 hours even if it was used a moment ago")
    func absoluteLifetime() {
        let twelveHours: TimeInterval = 12 * 3600
        #expect(lifetime.ending(signedInAt: signedIn, lastSeenAt: at(twelveHours - 2), validAfter: nil, now: at(twelveHours - 1)) == nil)
        #expect(lifetime.ending(signedInAt: signedIn, lastSeenAt: at(twelveHours - 1), validAfter: nil, now: at(twelveHours)) == .lifetime)
    }

    @Test("The provider's own settings are used")
    func providerSettings() {
        let short = SessionLifetime(idleMinutes: 5, lifetimeHours: 1)
        #expect(short.ending(signedInAt: signedIn, lastSeenAt: signedIn, validAfter: nil, now: at(299)) == nil)
        #expect(short.ending(signedInAt: signedIn, lastSeenAt: signedIn, validAfter: nil, now: at(300)) == .idle)
        #expect(short.ending(signedInAt: signedIn, lastSeenAt: at(3500), validAfter: nil, now: at(3600)) == .lifetime)
    }

    @Test("Signing out everywhere ends sessions that began before it, not those that began after")
    func signedOutEverywhere() {
        let lastSeen = at(60)
        #expect(lifetime.ending(signedInAt: signedIn, lastSeenAt: lastSeen, validAfter: at(30), now: at(90)) == .signedOutEverywhere)
        #expect(lifetime.ending(signedInAt: signedIn, lastSeenAt: lastSeen, validAfter: at(-30), now: at(90)) == nil)
    }

    @Test("Signing out everywhere is the reason given even when the session has also gone idle")
    func signedOutEverywhereFirst() {
        #expect(lifetime.ending(signedInAt: signedIn, lastSeenAt: signedIn, validAfter: at(10), now: at(13 * 3600)) == .signedOutEverywhere)
    }

    @Test("Time left is the idle time remaining while that is the sooner end")
    func secondsLeftIdle() {
        #expect(lifetime.secondsLeft(signedInAt: signedIn, lastSeenAt: at(3600), now: at(3600 + 600)) == 1200)
    }

    @Test("Time left is the lifetime remaining when that ends the session first")
    func secondsLeftLifetime() {
        let elevenFifty: TimeInterval = 11 * 3600 + 50 * 60
        #expect(lifetime.secondsLeft(signedInAt: signedIn, lastSeenAt: at(elevenFifty), now: at(elevenFifty + 300)) == 300)
    }

    @Test("Time left never goes below zero")
    func secondsLeftEnded() {
        #expect(lifetime.secondsLeft(signedInAt: signedIn, lastSeenAt: signedIn, now: at(2 * 3600)) == 0)
    }
}
