import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Your own account: password, sessions, API tokens.
enum AccountService {
    /// Needs the current password; ends every other session, keeps this one.
    static func changePassword(current: String, new: String, confirmation: String, for user: CurrentUser, on req: Request) async throws {
        guard let model = try await UserRepository.findModel(email: user.account.email, on: req.db) else { throw Abort(.notFound) }
        guard !current.isEmpty else { throw ValidationFailure([FieldError("currentPassword", "Enter your current password")]) }
        guard await AccountSecurity.verify(current, hash: model.passwordHash, on: req) else {
            throw ValidationFailure([FieldError("currentPassword", "Your current password is not right")])
        }
        if new == current { throw ValidationFailure([FieldError("password", "Choose a password different from your current one")]) }
        let hash = try await AccountSecurity.newPasswordHash(new, confirmation: confirmation, for: user.account, on: req)
        let at = req.now
        try await Command.run(req, user, needs: .manageOwnAccount) { effects in
            try await AccountRepository.setPassword(userID: user.id, hash: hash, at: at, on: effects.tx)
            effects.audit("user.password.change", "user", user.id)
        }
        // Every session that signed in before now has ended; this one starts again at once.
        let fresh = try await UserRepository.find(id: user.id, on: req.db) ?? user.account
        try await SessionUserMiddleware.begin(req, account: fresh, mustSetUpTwoStep: user.mustSetUpTwoStep)
    }

    static func signOutEverywhere(_ user: CurrentUser, on req: Request) async throws {
        try await Command.run(req, user, needs: .manageOwnAccount) { effects in
            try await AccountRepository.endSessions(userID: user.id, at: effects.at, on: effects.tx)
            effects.audit("user.signOutEverywhere", "user", user.id)
        }
        req.auth.logout(CurrentUser.self)
        req.session.destroy()
    }

    // MARK: API tokens

    static func createToken(name: String?, days: Int?, for user: CurrentUser, on req: Request) async throws -> (token: String, record: APITokenRepository.Token) {
        let name = try APITokenRules.name(name)
        let expires = try APITokenRules.expiry(days: days, from: req.now)
        return try await Command.run(req, user, needs: .manageOwnAccount) { effects in
            let made = try await APITokenRepository.create(for: user.id, name: name, expiresAt: expires, on: effects.tx)
            effects.audit("token.create", "apiToken", made.record.id, detail: name)
            return made
        }
    }

    /// A user revokes their own tokens; an administrator anyone's. Anyone else's is not found.
    @discardableResult
    static func revokeToken(_ id: String, by user: CurrentUser, on req: Request) async throws -> APITokenRepository.Token {
        guard let token = try await APITokenRepository.find(id: id, on: req.db),
              token.userID == user.id || Policy.permits(user.role, .manageUsers)
        else { throw Abort(.notFound) }
        try await Command.run(req, user, needs: .manageOwnAccount) { effects in
            try await APITokenRepository.revoke(id: id, on: effects.tx)
            effects.audit("token.revoke", "apiToken", id, detail: token.userID == user.id ? "own" : "user \(token.userID)")
        }
        return token
    }
}
