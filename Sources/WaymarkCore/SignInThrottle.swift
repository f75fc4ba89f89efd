import Foundation

/// Sign-in throttling: after `maximumFailures` failed attempts in a row (a successful
/// sign-in clears the count, and so does a lock running out), the account name is locked
/// for `lockout`. Keyed by the typed email whether or not an account
/// exists, so the answer never reveals which emails are real.
public struct SignInThrottle: Sendable, Equatable {
    public static let maximumFailures = 5
    public static let lockout: TimeInterval = 15 * 60

    public var failures: Int
    public var lockedUntil: Date?

    public init(failures: Int = 0, lockedUntil: Date? = nil) {
        self.failures = failures
        self.lockedUntil = lockedUntil
    }

    public func isLocked(now: Date) -> Bool {
        if let lockedUntil { return now < lockedUntil }
        return false
    }

    /// The state after one more failed attempt.
    public func failing(now: Date) -> SignInThrottle {
        // A lock that has run out starts a fresh count.
        let base = (lockedUntil.map { now >= $0 } ?? false) ? SignInThrottle() : self
        let failures = base.failures + 1
        if failures >= Self.maximumFailures {
            return SignInThrottle(failures: failures, lockedUntil: now.addingTimeInterval(Self.lockout))
        }
        return SignInThrottle(failures: failures, lockedUntil: nil)
    }
}
