import Foundation

/// Sign-in throttling that slows a guesser without letting a stranger lock someone out (NCSC:
/// throttle rather than lock). Each key counts failed attempts; after a few free ones, the next
/// attempt must wait, twice as long each time, up to a ceiling. A correct password clears the
/// account's counts (not the address's). Counts are forgotten a day after the last failure.
///
/// Three keys are counted for each attempt:
/// - the account and the client address together: the guesser at one keyboard, slowed hard;
/// - the client address: one machine trying many accounts;
/// - the account alone, from anywhere: a guesser spread over many addresses, slowed gently, so
///   that a stranger can delay the real user by a minute at most, never lock them out.
public struct SignInThrottle: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public let freeAttempts: Int
        public let firstDelay: TimeInterval
        public let maximumDelay: TimeInterval

        public init(freeAttempts: Int, firstDelay: TimeInterval, maximumDelay: TimeInterval) {
            self.freeAttempts = freeAttempts
            self.firstDelay = firstDelay
            self.maximumDelay = maximumDelay
        }

        /// How long to wait before the attempt after `failures` failures.
        public func delay(after failures: Int) -> TimeInterval {
            guard failures >= freeAttempts else { return 0 }
            let doublings = min(failures - freeAttempts, 30)
            return min(maximumDelay, firstDelay * pow(2, Double(doublings)))
        }
    }

    public static let accountAtAddress = Rule(freeAttempts: 5, firstDelay: 30, maximumDelay: 15 * 60)
    public static let address = Rule(freeAttempts: 20, firstDelay: 5, maximumDelay: 5 * 60)
    public static let account = Rule(freeAttempts: 50, firstDelay: 1, maximumDelay: 60)
    public static let forgetAfter: TimeInterval = 24 * 3600

    public var failures: Int
    /// The next attempt waits until then; also when the last failure happened (or later).
    public var lockedUntil: Date?

    public init(failures: Int = 0, lockedUntil: Date? = nil) {
        self.failures = failures
        self.lockedUntil = lockedUntil
    }

    public func isLocked(now: Date) -> Bool {
        if let lockedUntil { return now < lockedUntil }
        return false
    }

    /// Seconds left to wait, rounded up.
    public func secondsToWait(now: Date) -> Int {
        guard let lockedUntil, now < lockedUntil else { return 0 }
        return Int(lockedUntil.timeIntervalSince(now).rounded(.up))
    }

    /// The state after one more failed attempt under `rule`.
    public func failing(now: Date, rule: Rule) -> SignInThrottle {
        let forgotten = lockedUntil.map { now.timeIntervalSince($0) > Self.forgetAfter } ?? false
        let failures = (forgotten ? 0 : self.failures) + 1
        return SignInThrottle(failures: failures, lockedUntil: now.addingTimeInterval(rule.delay(after: failures)))
    }

    /// "Wait 30 seconds, then try again" for the longest wait of several throttles.
    public static func waitMessage(seconds: Int) -> String {
        let minutes = (seconds + 59) / 60
        let wait = seconds < 90 ? "\(seconds) second\(seconds == 1 ? "" : "s")" : "\(minutes) minutes"
        return "There have been too many attempts to sign in. Wait \(wait), then try again"
    }
}
