import Foundation
import WaymarkCore
import WaymarkStore

/// Your account: who you are, your password, two-step sign-in, your API tokens.
enum AccountPage {
    struct Model {
        let csrf: String
        let name: String
        let email: String
        let role: String
        let areas: [String]
        let lastSignIn: Date?
        let twoStepEnabled: Bool
        let twoStepRequired: Bool
        let tokens: [APITokenRepository.Token]
        let now: Date
        /// A token just made, shown this once.
        var newToken: String?
        var passwordForm = FormState()
        var tokenForm = FormState()
        var signOutForm = FormState()
    }
}

extension AccountPage {
    static func model(for user: CurrentUser, on req: Request) async throws -> Model {
        let areas = try await OrganisationRepository.areas(on: req.db).filter { user.account.areaIDs.contains($0.id) }.map(\.name)
        return Model(csrf: CSRF.token(for: req), name: user.account.name, email: user.account.email, role: user.role.label, areas: areas,
                     lastSignIn: user.account.lastSignInAt, twoStepEnabled: user.account.twoStepEnabled,
                     twoStepRequired: try await AccountSecurity.requiresTwoStep(user.account, on: req),
                     tokens: try await APITokenRepository.list(userID: user.id, on: req.db), now: req.now)
    }
}

import Vapor
