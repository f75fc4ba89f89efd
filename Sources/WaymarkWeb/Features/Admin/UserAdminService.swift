import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Administrators manage the accounts of the people who use Waymark; coordinators give their
/// areas' active mentors a sign-in.
enum UserAdminService {
    static func knownAreas(on db: any Database) async throws -> Set<String> {
        Set(try await OrganisationRepository.areas(on: db).filter(\.active).map(\.id))
    }

    /// Invites someone: an account without a password, and an emailed single-use link.
    static func invite(_ draft: UserInvitationDraft, by user: CurrentUser, on req: Request) async throws -> (account: UserAccount, link: String) {
        let valid = try draft.validated(knownAreas: try await knownAreas(on: req.db))
        guard UserAccountRules.mayInvite(user.actor, role: valid.role, areaIDs: valid.areaIDs) else { throw Abort(.forbidden) }
        let provider = try await providerID(ofAreas: valid.areaIDs, on: req) ?? user.account.providerID
        return try await Command.run(req, user, needs: .manageUsers) { effects in
            let account = try await AccountRepository.invite(valid, providerID: provider, on: effects.tx)
            let link = try await AccountLinkService.sendInvitation(to: account, by: user.id, effects: effects, on: req)
            effects.audit("user.invite", "user", account.id, detail: "role \(valid.role.rawValue), \(valid.areaIDs.count) areas")
            return (account, link)
        }
    }

    /// The provider whose sign-in settings an account follows: that of the areas it works in.
    static func providerID(ofAreas areaIDs: Set<String>, on req: Request) async throws -> String? {
        guard let first = areaIDs.sorted().first else { return nil }
        return try await OrganisationAdminRepository.findArea(first, on: req.db)?.providerID
    }

    static func find(_ id: String, on req: Request) async throws -> UserAccount {
        guard let account = try await UserRepository.find(id: id, on: req.db) else { throw Abort(.notFound) }
        return account
    }

    /// Role, areas and (from the API) active, in one command, so a refusal changes nothing. The
    /// account's sessions see the change on their next request (every request reloads the account);
    /// refused if it would leave no active administrator.
    static func update(_ id: String, role: String?, areaIDs: [String]?, active: Bool?, version: Int, by user: CurrentUser,
                       on req: Request) async throws -> UserAccount {
        let account = try await find(id, on: req)
        let becomesActive = active ?? account.active
        if !becomesActive, account.active, id == user.id { throw ValidationFailure([FieldError("active", "You cannot deactivate your own account")]) }
        let changesAccess = role != nil || areaIDs != nil
        let valid = try UserInvitationDraft(email: account.email, name: account.name, role: role ?? account.role.rawValue,
                                            areaIDs: areaIDs ?? Array(account.areaIDs))
            .validated(knownAreas: try await knownAreas(on: req.db).union(account.areaIDs))
        return try await Command.run(req, user, needs: .manageUsers) { effects in
            guard let current = try await UserRepository.find(id: id, on: effects.tx) else { throw Abort(.notFound) }
            try OptimisticLock.check(current: current.version, submitted: version)
            let admins = try await InstallationRepository.activeAdministrators(on: effects.tx)
            if UserAccountRules.leavesNoAdministrator(activeAdministrators: admins,
                                                      changing: current.role == .administrator && current.active && current.passwordSet,
                                                      staysActiveAdministrator: valid.role == .administrator && becomesActive) {
                throw ValidationFailure([FieldError(changesAccess ? "role" : "active", UserAccountRules.lastAdministratorMessage)])
            }
            if changesAccess {
                _ = try await AccountRepository.update(userID: id, role: valid.role, areaIDs: valid.areaIDs, expectedVersion: version, on: effects.tx)
                effects.audit("user.access.change", "user", id, detail: "role \(current.role.rawValue) → \(valid.role.rawValue); areas \(current.areaIDs.count) → \(valid.areaIDs.count)")
            }
            if becomesActive != current.active {
                if becomesActive {
                    try await AccountRepository.reactivate(userID: id, at: effects.at, on: effects.tx)
                    effects.audit("user.reactivate", "user", id)
                } else {
                    let revoked = try await UserRepository.deactivate(id: id, on: effects.tx)
                    effects.audit("user.deactivate", "user", id, detail: "\(revoked) API tokens revoked")
                }
            }
            if !changesAccess && becomesActive == current.active { effects.audit("user.update", "user", id, detail: "no change") }
            guard let saved = try await UserRepository.find(id: id, on: effects.tx) else { throw Abort(.notFound) }
            return saved
        }
    }

    static func deactivate(_ id: String, by user: CurrentUser, on req: Request) async throws {
        let account = try await find(id, on: req)
        try await Command.run(req, user, needs: .manageUsers) { effects in
            let admins = try await InstallationRepository.activeAdministrators(on: effects.tx)
            if UserAccountRules.leavesNoAdministrator(activeAdministrators: admins, changing: account.role == .administrator && account.active && account.passwordSet,
                                                      staysActiveAdministrator: false) {
                throw ValidationFailure([FieldError("deactivate", UserAccountRules.lastAdministratorMessage)])
            }
            let revoked = try await UserRepository.deactivate(id: id, on: effects.tx)
            effects.audit("user.deactivate", "user", id, detail: "\(revoked) API tokens revoked")
        }
    }

    static func reactivate(_ id: String, by user: CurrentUser, on req: Request) async throws {
        _ = try await find(id, on: req)
        try await Command.run(req, user, needs: .manageUsers) { effects in
            try await AccountRepository.reactivate(userID: id, at: effects.at, on: effects.tx)
            effects.audit("user.reactivate", "user", id)
        }
    }

    @discardableResult
    static func resendInvitation(_ id: String, by user: CurrentUser, on req: Request) async throws -> String {
        let account = try await find(id, on: req)
        guard account.active, !account.passwordSet else {
            throw ValidationFailure([FieldError("invitation", "This person has already chosen a password: they can use ‘Forgotten your password?’")])
        }
        let link = try await Command.run(req, user, needs: .manageUsers) { effects in
            let link = try await AccountLinkService.sendInvitation(to: account, by: user.id, effects: effects, on: req)
            effects.audit("user.invite.resend", "user", id)
            return link
        }
        AccountLinkService.offerLinkIfUndelivered(link, for: account.name, on: req)
        return link
    }

    static func resetTwoStep(_ id: String, by user: CurrentUser, on req: Request) async throws {
        _ = try await find(id, on: req)
        try await Command.run(req, user, needs: .manageUsers) { effects in
            try await AccountRepository.resetTwoStep(userID: id, on: effects.tx)
            // Whoever holds the old phone is signed out too.
            try await AccountRepository.endSessions(userID: id, at: effects.at, on: effects.tx)
            effects.audit("user.twoStep.reset", "user", id)
        }
    }

    /// A coordinator gives an active mentor in their areas a sign-in, linked to the mentor
    /// record, named as the mentor is.
    static func giveMentorSignIn(mentorID: String, email: String?, by user: CurrentUser, on req: Request) async throws -> (account: UserAccount, link: String) {
        let (mentor, person) = try await MentorService.load(mentorID, for: .giveMentorSignIn, action: nil, on: req)
        guard Policy.access(user.actor, to: person.scope, for: .giveMentorSignIn) == .full else { throw Abort(.notFound) }
        guard mentor.userID == nil else {
            throw ValidationFailure([FieldError("email", "This mentor already has a sign-in")])
        }
        guard [.active, .paused].contains(mentor.state) else {
            throw ValidationFailure([FieldError("email", "Only active mentors are given a sign-in: this mentor is \(mentor.state.label.lowercased())")])
        }
        let draft = UserInvitationDraft(email: email, name: person.details.firstName + " " + person.details.lastName, role: Role.mentor.rawValue,
                                        areaIDs: [person.details.areaID])
        let valid = try draft.validated(knownAreas: [person.details.areaID])
        let provider = try await providerID(ofAreas: valid.areaIDs, on: req) ?? user.account.providerID
        return try await Command.run(req, user, needs: .giveMentorSignIn) { effects in
            let account = try await AccountRepository.invite(valid, providerID: provider, on: effects.tx)
            try await MentorRepository.linkUser(mentorID: mentor.id, userID: account.id, on: effects.tx)
            let link = try await AccountLinkService.sendInvitation(to: account, by: user.id, effects: effects, on: req)
            effects.audit("mentor.signIn.give", "mentor", mentor.id, person: person.id, detail: "user \(account.id)")
            return (account, link)
        }
    }
}
