import Fluent
import Foundation
import WaymarkCore

/// Invitation and password-reset links. The token leaves here once, to go into the email.
public enum AccountLinkRepository {
    public struct Found: Sendable {
        public let id: String
        public let userID: String
        public let link: AccountLink
    }

    /// A new link for the account; any earlier unused link of the same purpose stops working.
    public static func create(userID: String, purpose: AccountLinkPurpose, by actorID: String, at: Date,
                              on db: any Database) async throws -> String {
        guard let uuid = UUID(uuidString: userID) else { return "" }
        try await AccountLinkModel.query(on: db).filter(\.$user.$id == uuid).filter(\.$purpose == purpose.rawValue)
            .filter(\.$usedAt == nil).set(\.$revoked, to: true).update()
        let token = RandomToken.make()
        let model = AccountLinkModel()
        model.$user.id = uuid
        model.purpose = purpose.rawValue
        model.tokenHash = AuditLog.sha256(token)
        model.createdAt = at
        model.revoked = false
        model.createdByID = actorID
        try await model.create(on: db)
        return token
    }

    public static func find(token: String, purpose: AccountLinkPurpose, on db: any Database) async throws -> Found? {
        guard !token.isEmpty, token.count <= 100,
              let m = try await AccountLinkModel.query(on: db).filter(\.$tokenHash == AuditLog.sha256(token))
                  .filter(\.$purpose == purpose.rawValue).first()
        else { return nil }
        return Found(id: m.id!.uuidString, userID: m.$user.id.uuidString,
                     link: AccountLink(purpose: purpose, createdAt: m.createdAt, usedAt: m.usedAt, revoked: m.revoked))
    }

    public static func markUsed(id: String, at: Date, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id) else { return }
        try await AccountLinkModel.query(on: db).filter(\.$id == uuid).set(\.$usedAt, to: at).update()
    }

    /// When reset links were asked for this account recently, for the throttle.
    public static func recentRequests(userID: String, purpose: AccountLinkPurpose, since: Date, on db: any Database) async throws -> [Date] {
        guard let uuid = UUID(uuidString: userID) else { return [] }
        return try await AccountLinkModel.query(on: db).filter(\.$user.$id == uuid).filter(\.$purpose == purpose.rawValue)
            .filter(\.$createdAt >= since).all().map(\.createdAt)
    }
}
