import Fluent
import Foundation
import SQLKit
import Vapor
import WaymarkCore

/// The life of an account after it is made: invited, password set or changed, role and areas
/// changed, closed and reopened, sessions ended, two-step sign-in. Callers run these inside a
/// write-gated command, which audits them.
public enum AccountRepository {
    /// A new account waiting for its invitee to choose a password. Its password hash matches nothing.
    public static func invite(_ invitation: UserInvitationDraft.Valid, providerID: String?, on db: any Database) async throws -> UserAccount {
        if try await UserModel.query(on: db).filter(\.$email == invitation.email).count() > 0 {
            throw ValidationFailure([FieldError("email", "Someone already uses Waymark with this email address")])
        }
        let user = UserModel(email: invitation.email, name: invitation.name, role: invitation.role.rawValue,
                             passwordHash: "!" + RandomToken.make())
        user.passwordSet = false
        user.providerID = providerID.flatMap(UUID.init(uuidString:))
        try await user.create(on: db)
        try await setAreas(userID: user.id!, invitation.areaIDs, on: db)
        return try await UserRepository.account(user, on: db)!
    }

    static func setAreas(userID: UUID, _ areaIDs: Set<String>, on db: any Database) async throws {
        try await UserAreaModel.query(on: db).filter(\.$user.$id == userID).delete()
        for area in areaIDs.sorted() {
            guard let uuid = UUID(uuidString: area) else { continue }
            try await UserAreaModel(userID: userID, areaID: uuid).create(on: db)
        }
    }

    static func model(_ id: String, on db: any Database) async throws -> UserModel {
        guard let uuid = UUID(uuidString: id), let model = try await UserModel.find(uuid, on: db) else { throw Abort(.notFound) }
        return model
    }

    public static func assignProvider(userID: String, providerID: String, on db: any Database) async throws {
        let user = try await model(userID, on: db)
        user.providerID = UUID(uuidString: providerID)
        try await user.save(on: db)
    }

    /// Sets a new password and ends every session signed in before `at`.
    public static func setPassword(userID: String, hash: String, at: Date, on db: any Database) async throws {
        let user = try await model(userID, on: db)
        user.passwordHash = hash
        user.passwordSet = true
        user.sessionsValidAfter = at
        user.version += 1
        try await user.save(on: db)
    }

    public static func endSessions(userID: String, at: Date, on db: any Database) async throws {
        let user = try await model(userID, on: db)
        user.sessionsValidAfter = at
        try await user.save(on: db)
    }

    public static func recordSignIn(userID: String, at: Date, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: userID) else { return }
        try await (db as! any SQLDatabase).update("users").set("last_sign_in_at", to: SQLBind(at)).where("id", .equal, SQLBind(uuid)).run()
    }

    /// Changes role and areas; refuses a stale version.
    public static func update(userID: String, role: Role, areaIDs: Set<String>, expectedVersion: Int, on db: any Database) async throws -> UserAccount {
        let user = try await model(userID, on: db)
        try OptimisticLock.check(current: user.version, submitted: expectedVersion)
        user.role = role.rawValue
        user.version += 1
        try await user.save(on: db)
        try await setAreas(userID: user.id!, areaIDs, on: db)
        return try await UserRepository.account(user, on: db)!
    }

    /// Reopens a closed account. Its old sessions and tokens stay ended; it signs in afresh.
    public static func reactivate(userID: String, at: Date, on db: any Database) async throws {
        let user = try await model(userID, on: db)
        user.active = true
        user.sessionsValidAfter = at
        user.version += 1
        try await user.save(on: db)
    }

    // MARK: Two-step sign-in

    public struct TwoStep: Sendable, Equatable {
        public let secret: String?
        public let enabled: Bool
        public let lastStep: Int64?
    }

    public static func twoStep(userID: String, on db: any Database) async throws -> TwoStep {
        let user = try await model(userID, on: db)
        return TwoStep(secret: user.totpSecret, enabled: user.totpEnabledAt != nil, lastStep: user.totpLastStep)
    }

    /// A secret being set up: not yet required at sign-in until a code from it is confirmed.
    public static func startTwoStep(userID: String, secret: String, on db: any Database) async throws {
        let user = try await model(userID, on: db)
        guard user.totpEnabledAt == nil else { return }
        user.totpSecret = secret
        try await user.save(on: db)
    }

    /// Turns two-step on and replaces the recovery codes with these (hashes stored).
    public static func enableTwoStep(userID: String, step: Int64, recoveryCodes: [String], at: Date, on db: any Database) async throws {
        let user = try await model(userID, on: db)
        user.totpEnabledAt = at
        user.totpLastStep = step
        user.version += 1
        try await user.save(on: db)
        try await RecoveryCodeModel.query(on: db).filter(\.$user.$id == user.id!).delete()
        for code in recoveryCodes {
            let row = RecoveryCodeModel()
            row.$user.id = user.id!
            row.codeHash = AuditLog.sha256(RecoveryCodes.normalise(code))
            try await row.create(on: db)
        }
    }

    /// Remembers the step of a code just accepted, so it cannot be used again. The update only
    /// succeeds if no later step was recorded meanwhile (two sign-ins racing with one code).
    public static func recordStep(userID: String, step: Int64, on db: any Database) async throws -> Bool {
        guard let uuid = UUID(uuidString: userID) else { return false }
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            UPDATE users SET totp_last_step = \(bind: step)
            WHERE id = \(bind: uuid) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Uses a recovery code if it is one of the account's unused ones.
    public static func useRecoveryCode(userID: String, typed: String, at: Date, on db: any Database) async throws -> Bool {
        guard let uuid = UUID(uuidString: userID) else { return false }
        let hash = AuditLog.sha256(RecoveryCodes.normalise(typed))
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            UPDATE recovery_codes SET used_at = \(bind: at)
            WHERE user_id = \(bind: uuid) AND code_hash = \(bind: hash) AND used_at IS NULL RETURNING id
            """).all()
        return !rows.isEmpty
    }

    public static func unusedRecoveryCodes(userID: String, on db: any Database) async throws -> Int {
        guard let uuid = UUID(uuidString: userID) else { return 0 }
        return try await RecoveryCodeModel.query(on: db).filter(\.$user.$id == uuid).filter(\.$usedAt == nil).count()
    }

    /// An administrator turns off someone's two-step (a lost phone and no codes); they set it up again at next sign-in.
    public static func resetTwoStep(userID: String, on db: any Database) async throws {
        let user = try await model(userID, on: db)
        user.totpSecret = nil
        user.totpEnabledAt = nil
        user.totpLastStep = nil
        user.version += 1
        try await user.save(on: db)
        try await RecoveryCodeModel.query(on: db).filter(\.$user.$id == user.id!).delete()
    }

    // MARK: Lists

    public struct Filter: Sendable, Equatable {
        public var role: Role?
        public var areaID: String?
        public var active: Bool?
        /// Only accounts that have not signed in for this many days (or never).
        public var notSignedInForDays: Int?
        public init(role: Role? = nil, areaID: String? = nil, active: Bool? = nil, notSignedInForDays: Int? = nil) {
            self.role = role
            self.areaID = areaID
            self.active = active
            self.notSignedInForDays = notSignedInForDays
        }
    }

    /// Accounts by email, filtered, keyset-paginated after `afterEmail`; `areaScope` limits a
    /// coordinator to accounts in their own areas.
    public static func page(_ filter: Filter, areaScope: Set<String>?, now: Date, afterEmail: String?, limit: Int,
                            on db: any Database) async throws -> (items: [UserAccount], next: String?) {
        let query = UserModel.query(on: db).sort(\.$email).limit(limit + 1)
        if let afterEmail { query.filter(\.$email > afterEmail) }
        if let role = filter.role { query.filter(\.$role == role.rawValue) }
        if let active = filter.active { query.filter(\.$active == active) }
        if let days = filter.notSignedInForDays {
            let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
            query.group(.or) { $0.filter(\.$lastSignInAt == nil).filter(\.$lastSignInAt < cutoff) }
        }
        var areas: Set<String>? = filter.areaID.map { [$0] }
        if let areaScope { areas = areas.map { $0.intersection(areaScope) } ?? areaScope }
        if let areas {
            let ids = try await UserAreaModel.query(on: db).filter(\.$area.$id ~~ areas.compactMap(UUID.init(uuidString:))).all().map { $0.$user.id }
            query.filter(\.$id ~~ Set(ids))
        }
        let rows = try await query.all()
        let accounts = try await UserRepository.accounts(Array(rows.prefix(limit)), on: db)
        return (accounts, rows.count > limit ? accounts.last?.email : nil)
    }
}
