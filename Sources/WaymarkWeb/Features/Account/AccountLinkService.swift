import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Invitations and password resets: a single-use link by email, stored hashed.
enum AccountLinkService {
    /// The link as sent: the site's own address when one is configured, else a path.
    static func url(_ path: SitePath, on req: Request) -> String {
        (req.application.waymark.publicURL ?? "") + path.url
    }

    /// Queues the reset email, unless the account is unknown, closed, not yet set up, or asked too often.
    static func requestReset(email: String, on req: Request) async throws {
        guard let model = try await UserRepository.findModel(email: email, on: req.db),
              let account = try await UserRepository.account(model, on: req.db), account.canSignIn else { return }
        try await Command.run(req, actorID: account.id) { effects in
            // Counted inside the write gate, so requests sent together cannot all slip under the limit.
            let recent = try await AccountLinkRepository.recentRequests(userID: account.id, purpose: .passwordReset,
                                                                        since: effects.at.addingTimeInterval(-3600), on: effects.tx)
            guard PasswordResetThrottle.allows(requestedAt: recent, now: effects.at) else {
                effects.audit("user.passwordReset.throttled", "user", account.id)
                return
            }
            let token = try await AccountLinkRepository.create(userID: account.id, purpose: .passwordReset, by: account.id, at: effects.at, on: effects.tx)
            effects.audit("user.passwordReset.request", "user", account.id)
            effects.notify(user: account.id, kind: "account.passwordReset", subject: "Reset your Waymark password",
                           body: "Someone asked to reset the password for your Waymark account. If it was you, use the link within 1 hour. If not, ignore this email: your password has not changed.",
                           link: url(.resetPassword(token), on: req))
        }
    }

    /// Sends (or sends again) an invitation for an account that has no password yet; returns the link.
    @discardableResult
    static func sendInvitation(to account: UserAccount, by actorID: String, effects: CommandEffects, on req: Request) async throws -> String {
        let token = try await AccountLinkRepository.create(userID: account.id, purpose: .invitation, by: actorID, at: effects.at, on: effects.tx)
        let link = url(.acceptInvitation(token), on: req)
        effects.notify(user: account.id, kind: "account.invitation", subject: "You have been invited to Waymark",
                       body: "You have been given a Waymark account as a \(account.role.label.lowercased()). Use the link within 72 hours to choose your password.",
                       link: link)
        return link
    }

    /// Until an email service is set up (issue #19), the outbox only writes to the log, so the
    /// person who sent an invitation is shown its link once, to pass on themselves.
    static func offerLinkIfUndelivered(_ link: String, for name: String, on req: Request) {
        guard req.application.notificationSender is LogNotificationSender else { return }
        var full = link
        if link.hasPrefix("/"), let host = req.headers.first(name: .host) {
            full = (req.application.waymark.secureCookies ? "https://" : "http://") + host + link
        }
        req.session.data[OneTimeLink.linkKey] = full
        req.session.data[OneTimeLink.nameKey] = name
    }

    struct Opened: Sendable {
        let account: UserAccount?
        let linkID: String?
        let refusal: AccountLink.Refusal?
    }

    static func open(token: String, purpose: AccountLinkPurpose, on req: Request) async throws -> Opened {
        guard let found = try await AccountLinkRepository.find(token: token, purpose: purpose, on: req.db),
              let account = try await UserRepository.find(id: found.userID, on: req.db), account.active
        else { return Opened(account: nil, linkID: nil, refusal: .unknown) }
        // An invitation to an account that already chose a password is spent.
        if purpose == .invitation, account.passwordSet, found.link.usedAt == nil { return Opened(account: nil, linkID: nil, refusal: .used) }
        if let refusal = found.link.check(at: req.now) { return Opened(account: nil, linkID: nil, refusal: refusal) }
        return Opened(account: account, linkID: found.id, refusal: nil)
    }

    static func setPassword(token: String, purpose: AccountLinkPurpose, password: String, confirmation: String, on req: Request) async throws {
        let opened = try await open(token: token, purpose: purpose, on: req)
        guard let account = opened.account, let linkID = opened.linkID else {
            throw ValidationFailure([FieldError("password", (opened.refusal ?? .unknown).message(for: purpose))])
        }
        let hash = try await AccountSecurity.newPasswordHash(password, confirmation: confirmation, for: account, on: req)
        try await Command.run(req, actorID: account.id) { effects in
            // Checked again inside the write: two tabs answering one link cannot both succeed.
            guard let again = try await AccountLinkRepository.find(token: token, purpose: purpose, on: effects.tx),
                  again.link.check(at: effects.at) == nil else {
                throw ValidationFailure([FieldError("password", AccountLink.Refusal.used.message(for: purpose))])
            }
            try await AccountLinkRepository.markUsed(id: linkID, at: effects.at, on: effects.tx)
            try await AccountRepository.setPassword(userID: account.id, hash: hash, at: effects.at, on: effects.tx)
            effects.audit(purpose == .invitation ? "user.invitation.accept" : "user.passwordReset", "user", account.id)
        }
    }
}
