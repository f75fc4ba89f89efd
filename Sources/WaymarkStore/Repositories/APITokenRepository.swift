import Fluent
import Foundation
import SQLKit
import Vapor
import WaymarkCore

/// API tokens: random, stored as SHA-256 only, named, expiring, with their last use.
public enum APITokenRepository {
    public struct Token: Sendable, Equatable {
        public let id: String
        public let userID: String
        public let name: String
        public let createdAt: Date?
        public let expiresAt: Date?
        public let lastUsedAt: Date?
    }

    static func token(_ m: APITokenModel) -> Token {
        Token(id: m.id!.uuidString, userID: m.$user.id.uuidString, name: m.name, createdAt: m.createdAt, expiresAt: m.expiresAt,
              lastUsedAt: m.lastUsedAt)
    }

    /// Makes a token and returns it once, with its record; only its hash is stored.
    public static func create(for userID: String, name: String, expiresAt: Date, on db: any Database) async throws -> (token: String, record: Token) {
        guard let uuid = UUID(uuidString: userID) else { throw Abort(.notFound) }
        let token = "wmk_" + RandomToken.make()
        let model = APITokenModel(userID: uuid, tokenHash: AuditLog.sha256(token), name: name, expiresAt: expiresAt)
        try await model.create(on: db)
        return (token, Self.token(model))
    }

    /// The account a live token belongs to. Its last use is written at most once a minute, in one
    /// statement outside the write gate, so a busy integration does not queue behind audited writes.
    public static func account(forToken token: String, now: Date, on db: any Database) async throws -> (UserAccount, tokenID: String)? {
        guard let row = try await APITokenModel.query(on: db).filter(\.$tokenHash == AuditLog.sha256(token)).with(\.$user).first(),
              row.user.active, APITokenRules.isLive(expiresAt: row.expiresAt, revoked: false, now: now),
              let account = try await UserRepository.account(row.user, on: db)
        else { return nil }
        if row.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try await (db as! any SQLDatabase).update("api_tokens").set("last_used_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(row.id!)).run()
        }
        return (account, row.id!.uuidString)
    }

    public static func list(userID: String, on db: any Database) async throws -> [Token] {
        guard let uuid = UUID(uuidString: userID) else { return [] }
        return try await APITokenModel.query(on: db).filter(\.$user.$id == uuid).sort(\.$createdAt, .descending).all().map(token)
    }

    public static func find(id: String, on db: any Database) async throws -> Token? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        return try await APITokenModel.find(uuid, on: db).map(token)
    }

    /// Revoking deletes the row: a revoked token's hash has nothing left to say.
    public static func revoke(id: String, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id) else { return }
        try await APITokenModel.query(on: db).filter(\.$id == uuid).delete()
    }

    public static func revokeAll(userID: String, on db: any Database) async throws -> Int {
        guard let uuid = UUID(uuidString: userID) else { return 0 }
        let count = try await APITokenModel.query(on: db).filter(\.$user.$id == uuid).count()
        try await APITokenModel.query(on: db).filter(\.$user.$id == uuid).delete()
        return count
    }
}

/// 32 random bytes from the system's generator, as URL-safe base 64 without padding.
public enum RandomToken {
    public static func make(bytes count: Int = 32) -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
