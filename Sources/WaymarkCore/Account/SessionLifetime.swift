import Foundation

/// How long a signed-in session lasts: an idle timeout (no request for a while) and an
/// absolute lifetime (however busy), both provider settings. WCAG 2.2.1: people are warned
/// before the idle timeout and can stay signed in.
public struct SessionLifetime: Sendable, Equatable {
    public static let defaultIdleMinutes = 30
    public static let defaultLifetimeHours = 12
    public static let idleRange = 5...240
    public static let lifetimeRange = 1...24
    /// The GOV.UK timeout warning appears this long before the idle timeout.
    public static let warningSeconds = 120

    public let idleMinutes: Int
    public let lifetimeHours: Int

    public init(idleMinutes: Int = defaultIdleMinutes, lifetimeHours: Int = defaultLifetimeHours) {
        self.idleMinutes = idleMinutes
        self.lifetimeHours = lifetimeHours
    }

    public enum Ending: String, Sendable, Equatable {
        case idle, lifetime, signedOutEverywhere
    }

    /// Why a session that signed in at `signedInAt` and was last used at `lastSeenAt` has
    /// ended by `now`, or nil if it goes on. `validAfter` is when the account last ended
    /// every session (a password change, "sign out everywhere", deactivation).
    public func ending(signedInAt: Date, lastSeenAt: Date, validAfter: Date?, now: Date) -> Ending? {
        if let validAfter, signedInAt < validAfter { return .signedOutEverywhere }
        if now.timeIntervalSince(signedInAt) >= TimeInterval(lifetimeHours * 3600) { return .lifetime }
        if now.timeIntervalSince(lastSeenAt) >= TimeInterval(idleMinutes * 60) { return .idle }
        return nil
    }

    /// Seconds until the session ends through idleness, for the warning: the lifetime can end it sooner.
    public func secondsLeft(signedInAt: Date, lastSeenAt: Date, now: Date) -> Int {
        let idle = lastSeenAt.addingTimeInterval(TimeInterval(idleMinutes * 60)).timeIntervalSince(now)
        let absolute = signedInAt.addingTimeInterval(TimeInterval(lifetimeHours * 3600)).timeIntervalSince(now)
        return max(0, Int(min(idle, absolute)))
    }

    /// The last-seen time is written back only when it has moved this far, so a busy user's
    /// every click is not a database write; the idle timeout is at most this much late.
    public static let touchEverySeconds: TimeInterval = 60
}
