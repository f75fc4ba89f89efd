import Fluent
import Foundation
import WaymarkCore

/// Private iCalendar feeds: the URL carries a random token; only its hash is stored.
public enum CalendarFeedRepository {
    public static func create(userID: String, at: Date, on db: any Database) async throws -> String {
        try await revoke(userID: userID, at: at, on: db)
        var bytes = [UInt8](repeating: 0, count: 24)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = rng.next() }
        let token = bytes.map { String(format: "%02x", $0) }.joined()
        let m = CalendarFeedModel()
        m.$user.id = UUID(uuidString: userID)!
        m.tokenHash = AuditLog.sha256(token)
        m.createdAt = at
        try await m.create(on: db)
        return token
    }

    public static func revoke(userID: String, at: Date, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: userID) else { return }
        for m in try await CalendarFeedModel.query(on: db).filter(\.$user.$id == uuid).filter(\.$revokedAt == nil).all() {
            m.revokedAt = at
            try await m.save(on: db)
        }
    }

    /// When the user's current feed was made, if they have one.
    public static func active(userID: String, on db: any Database) async throws -> Date? {
        guard let uuid = UUID(uuidString: userID) else { return nil }
        return try await CalendarFeedModel.query(on: db).filter(\.$user.$id == uuid).filter(\.$revokedAt == nil).first()?.createdAt
    }

    public static func user(forToken token: String, on db: any Database) async throws -> UserAccount? {
        guard token.count == 48, token.allSatisfy(\.isHexDigit),
              let row = try await CalendarFeedModel.query(on: db).filter(\.$tokenHash == AuditLog.sha256(token)).filter(\.$revokedAt == nil)
                .with(\.$user).first(), row.user.active
        else { return nil }
        return try await UserRepository.account(row.user, on: db)
    }
}
