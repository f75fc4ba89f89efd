import Fluent
import Foundation
import Vapor
import WaymarkCore

/// A user as the rest of the app sees them: never the password hash.
public struct UserAccount: Sendable, Equatable {
    public let id: String
    public let email: String
    public let name: String
    public let role: Role
    public let areaIDs: Set<String>
    public let active: Bool
    /// False while an invitation is unanswered.
    public var passwordSet: Bool = true
    public var providerID: String?
    public var lastSignInAt: Date?
    public var sessionsValidAfter: Date?
    public var twoStepEnabled: Bool = false
    public var version: Int = 1

    public var actor: Actor { Actor(userID: id, role: role, areaIDs: areaIDs) }

    /// An account that is open and has a password: the only kind that can sign in.
    public var canSignIn: Bool { active && passwordSet }

    func with(_ model: UserModel) -> UserAccount {
        var copy = self
        copy.passwordSet = model.passwordSet
        copy.providerID = model.providerID?.uuidString
        copy.lastSignInAt = model.lastSignInAt
        copy.sessionsValidAfter = model.sessionsValidAfter
        copy.twoStepEnabled = model.totpEnabledAt != nil
        copy.version = model.version
        return copy
    }
}

public enum UserRepository {
    public static func create(email: String, name: String, role: Role, password: String, areaIDs: [String],
                              bcryptCost: Int, on db: any Database) async throws -> UserAccount {
        var errors = FieldErrors()
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        if !email.contains("@") || email.count > 254 { errors.add("email", "Enter an email address in the correct format, like name@example.org") }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("name", "Enter a name") }
        if password.count < 12 { errors.add("password", "Password must be 12 characters or more") }
        if password.count > 72 { errors.add("password", "Password must be 72 characters or fewer") }
        if try await UserModel.query(on: db).filter(\.$email == email).count() > 0 {
            errors.add("email", "A user with this email address already exists")
        }
        if (role == .coordinator || role == .practitioner) && areaIDs.isEmpty {
            errors.add("area", "Give at least one area for a \(role.label.lowercased())")
        }
        try errors.throwIfAny()
        let hash = try Bcrypt.hash(password, cost: bcryptCost)
        return try await create(email: email, name: name, role: role, passwordHash: hash, areaIDs: areaIDs, on: db)
    }

    /// For seeding many users that share one already-hashed password.
    public static func create(email: String, name: String, role: Role, passwordHash: String, areaIDs: [String],
                              on db: any Database) async throws -> UserAccount {
        let user = UserModel(email: email.lowercased(), name: name, role: role.rawValue, passwordHash: passwordHash)
        try await user.create(on: db)
        for area in areaIDs {
            guard let uuid = UUID(uuidString: area) else { continue }
            try await UserAreaModel(userID: user.id!, areaID: uuid).create(on: db)
        }
        return UserAccount(id: user.id!.uuidString, email: user.email, name: user.name, role: role,
                           areaIDs: Set(areaIDs.compactMap { UUID(uuidString: $0)?.uuidString }), active: true)
    }

    public static func account(_ model: UserModel, on db: any Database) async throws -> UserAccount? {
        guard let role = Role(rawValue: model.role) else { return nil }
        let areas = try await UserAreaModel.query(on: db).filter(\.$user.$id == model.id!).all()
        return UserAccount(id: model.id!.uuidString, email: model.email, name: model.name, role: role,
                           areaIDs: Set(areas.map { $0.$area.id.uuidString }), active: model.active).with(model)
    }

    public static func find(id: String, on db: any Database) async throws -> UserAccount? {
        guard let uuid = UUID(uuidString: id), let model = try await UserModel.find(uuid, on: db) else { return nil }
        return try await account(model, on: db)
    }

    /// Closes an account; returns how many API tokens were revoked. Sign-in, sessions and tokens
    /// all check `active`, so nothing the user held keeps working.
    public static func deactivate(id: String, on db: any Database) async throws -> Int {
        guard let uuid = UUID(uuidString: id), let user = try await UserModel.find(uuid, on: db) else { return 0 }
        user.active = false
        user.version += 1
        try await user.save(on: db)
        try await AccountLinkModel.query(on: db).filter(\.$user.$id == uuid).set(\.$revoked, to: true).update()
        let tokens = try await APITokenModel.query(on: db).filter(\.$user.$id == uuid).count()
        try await APITokenModel.query(on: db).filter(\.$user.$id == uuid).delete()
        return tokens
    }

    public static func findModel(email: String, on db: any Database) async throws -> UserModel? {
        try await UserModel.query(on: db).filter(\.$email == email.trimmingCharacters(in: .whitespaces).lowercased()).first()
    }

    public static func names(ids: Set<String>, on db: any Database) async throws -> [String: String] {
        let uuids = ids.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        let users = try await UserModel.query(on: db).filter(\.$id ~~ uuids).all()
        return Dictionary(uniqueKeysWithValues: users.map { ($0.id!.uuidString, $0.name) })
    }

    /// Users ordered by email, keyset-paginated after `afterEmail`.
    public static func page(afterEmail: String?, limit: Int, on db: any Database) async throws -> (items: [UserAccount], next: String?) {
        let query = UserModel.query(on: db).sort(\.$email).limit(limit + 1)
        if let afterEmail { query.filter(\.$email > afterEmail) }
        let rows = try await query.all()
        let accounts = try await accounts(Array(rows.prefix(limit)), on: db)
        return (accounts, rows.count > limit ? accounts.last?.email : nil)
    }

    public static func all(on db: any Database) async throws -> [UserAccount] {
        try await accounts(try await UserModel.query(on: db).sort(\.$name).all(), on: db)
    }

    static func accounts(_ users: [UserModel], on db: any Database) async throws -> [UserAccount] {
        guard !users.isEmpty else { return [] }
        let links = try await UserAreaModel.query(on: db).filter(\.$user.$id ~~ users.map { $0.id! }).all()
        let byUser = Dictionary(grouping: links, by: { $0.$user.id })
        return users.compactMap { user in
            guard let role = Role(rawValue: user.role) else { return nil }
            return UserAccount(id: user.id!.uuidString, email: user.email, name: user.name, role: role,
                               areaIDs: Set((byUser[user.id!] ?? []).map { $0.$area.id.uuidString }), active: user.active).with(user)
        }
    }

    // MARK: API tokens (see APITokenRepository)

    /// A token with the default name and lifetime, as the CLI and tests make them.
    public static func createToken(for userID: String, on db: any Database) async throws -> String {
        try await APITokenRepository.create(for: userID, name: "API token", expiresAt: Date().addingTimeInterval(90 * 86_400), on: db).token
    }

    // MARK: Sign-in throttle

    public static func throttle(for key: String, on db: any Database) async throws -> SignInThrottle {
        guard let row = try await SignInThrottleModel.query(on: db).filter(\.$key == key).first() else { return SignInThrottle() }
        return SignInThrottle(failures: row.failures, lockedUntil: row.lockedUntil)
    }

    public static func saveThrottle(_ throttle: SignInThrottle, for key: String, on db: any Database) async throws {
        let row = try await SignInThrottleModel.query(on: db).filter(\.$key == key).first()
            ?? SignInThrottleModel(key: key, failures: 0, lockedUntil: nil)
        row.failures = throttle.failures
        row.lockedUntil = throttle.lockedUntil
        try await row.save(on: db)
    }

    public static func clearThrottle(for key: String, on db: any Database) async throws {
        try await SignInThrottleModel.query(on: db).filter(\.$key == key).delete()
    }
}
