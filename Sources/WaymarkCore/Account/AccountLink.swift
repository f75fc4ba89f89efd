import Foundation

/// A single-use link sent by email: an invitation to set a password for a new account, or a
/// password reset. Only a hash of the token is stored, so a copy of the database cannot be
/// used to take over an account.
public enum AccountLinkPurpose: String, Sendable, CaseIterable, Codable {
    case invitation
    case passwordReset

    /// NCSC: short-lived. Three days lets an invitation sent on a Friday be answered on Monday.
    public var lifetime: TimeInterval {
        switch self {
        case .invitation: 72 * 3600
        case .passwordReset: 3600
        }
    }
}

public struct AccountLink: Sendable, Equatable {
    public let purpose: AccountLinkPurpose
    public let createdAt: Date
    public let usedAt: Date?
    /// Replaced by a newer link of the same purpose, or the account was closed.
    public let revoked: Bool

    public init(purpose: AccountLinkPurpose, createdAt: Date, usedAt: Date?, revoked: Bool = false) {
        self.purpose = purpose
        self.createdAt = createdAt
        self.usedAt = usedAt
        self.revoked = revoked
    }

    public var expiresAt: Date { createdAt.addingTimeInterval(purpose.lifetime) }

    public enum Refusal: Error, Sendable, Equatable {
        case unknown, used, expired

        /// Worded for the person who followed the link; the same for every reason a stranger
        /// could probe (unknown and revoked read alike).
        public func message(for purpose: AccountLinkPurpose) -> String {
            switch (self, purpose) {
            case (.used, .invitation): "This invitation has already been used. Sign in with the password you chose, or use ‘Forgotten your password?’."
            case (.used, .passwordReset): "This link has already been used. Ask for a new one if you still need to reset your password."
            case (.expired, .invitation): "This invitation has expired: invitations last 72 hours. Ask your administrator or coordinator to send a new one."
            case (.expired, .passwordReset): "This link has expired: reset links last 1 hour. Ask for a new one."
            case (.unknown, .invitation): "This invitation link is not valid. Check it is the whole link from the email, or ask for a new invitation."
            case (.unknown, .passwordReset): "This reset link is not valid. Check it is the whole link from the email, or ask for a new one."
            }
        }
    }

    /// Whether the link may still be answered at `now`.
    public func check(at now: Date) -> Refusal? {
        if revoked { return .unknown }
        if usedAt != nil { return .used }
        if now >= expiresAt { return .expired }
        return nil
    }
}

/// Password reset requests are throttled per account, so the form cannot be used to flood
/// someone's inbox; the answer on the page is the same whether or not it was sent.
public enum PasswordResetThrottle {
    public static let maximumPerHour = 3

    public static func allows(requestedAt earlier: [Date], now: Date) -> Bool {
        earlier.filter { now.timeIntervalSince($0) < 3600 }.count < maximumPerHour
    }
}
