import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// What the command line does to an installation, through the same command path as the pages.
public enum Installation {
    /// `waymark setup`: the provider and its first administrator, in one transaction.
    public static func setUp(provider: String, email: String, name: String, password: String, actorID: String, at: Date,
                             app: Application) async throws -> (provider: OrganisationAdminRepository.ProviderRecord, admin: UserAccount) {
        var errors = FieldErrors()
        let providerName = InputRules.required(provider, field: "provider", label: "provider name", errors: &errors)
        let email = UserAccountRules.email(email, field: "admin-email", errors: &errors)
        let name = InputRules.required(name, field: "admin-name", label: "administrator's name", article: "the", errors: &errors)
        for problem in AccountSecurity.passwordPolicy.problems(password, personal: [email, name].compactMap { $0 }) {
            errors.add("password", problem.message)
        }
        try errors.throwIfAny()
        let hash = try Bcrypt.hash(password, cost: app.waymark.bcryptCost)
        return try await Command.run(gate: app.writeGate, db: app.db, actorID: actorID, at: at) { effects in
            guard try await InstallationRepository.activeAdministrators(on: effects.tx) == 0 else {
                throw ValidationFailure([FieldError("admin-email", "This installation already has an administrator")])
            }
            let record = try await OrganisationAdminRepository.createProvider(name: providerName ?? "", on: effects.tx)
            let admin = try await UserRepository.create(email: email ?? "", name: name ?? "", role: .administrator, passwordHash: hash,
                                                        areaIDs: [], on: effects.tx)
            try await AccountRepository.assignProvider(userID: admin.id, providerID: record.id, on: effects.tx)
            effects.audit("provider.create", "provider", record.id, detail: record.name)
            effects.audit("user.create", "user", admin.id, detail: "first administrator")
            return (record, admin)
        }
    }

    /// `waymark users reset-link`: a fresh single-use reset link (1 hour) for an operator to pass
    /// on by hand while no email service is set up; any earlier one stops working.
    public static func resetLink(email: String, actorID: String, at: Date, app: Application) async throws -> String? {
        guard let model = try await UserRepository.findModel(email: email, on: app.db),
              let account = try await UserRepository.account(model, on: app.db), account.active else { return nil }
        return try await Command.run(gate: app.writeGate, db: app.db, actorID: actorID, at: at) { effects in
            let token = try await AccountLinkRepository.create(userID: account.id, purpose: account.passwordSet ? .passwordReset : .invitation,
                                                               by: actorID, at: at, on: effects.tx)
            effects.audit(account.passwordSet ? "user.passwordReset.link" : "user.invite.link", "user", account.id, detail: "by hand")
            return account.passwordSet ? SitePath.resetPassword(token).url : SitePath.acceptInvitation(token).url
        }
    }

    /// The password rules with the bundled list, for `users create`.
    public static func passwordProblems(_ password: String, email: String, name: String) -> [FieldError] {
        AccountSecurity.passwordPolicy.problems(password, personal: [email, name])
    }

    /// `waymark tokens create`: audited like a token made on the account page.
    public static func createToken(userID: String, name: String, expiresAt: Date, actorID: String, at: Date, app: Application) async throws -> String {
        try await Command.run(gate: app.writeGate, db: app.db, actorID: actorID, at: at) { effects in
            let made = try await APITokenRepository.create(for: userID, name: name, expiresAt: expiresAt, on: effects.tx)
            effects.audit("token.create", "apiToken", made.record.id, detail: "for user \(userID)")
            return made.token
        }
    }
}
