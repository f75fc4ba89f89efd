import Fluent
import Foundation
import SQLKit
import WaymarkCore

public enum NotificationRepository {
    public struct Notification: Sendable, Equatable {
        public let id: String
        public let recipientID: String
        public let kind: String
        public let subject: String
        public let body: String
        public let link: String?
        public let createdAt: Date
        public let deliveredAt: Date?
    }

    static func notification(_ m: NotificationModel) -> Notification {
        Notification(id: m.id!.uuidString, recipientID: m.$recipient.id.uuidString, kind: m.kind, subject: m.subject, body: m.body,
                     link: m.link, createdAt: m.createdAt, deliveredAt: m.deliveredAt)
    }

    /// Queues a notification in the caller's transaction.
    public static func enqueue(to recipientID: String, kind: String, subject: String, body: String, link: String?, at: Date,
                               on db: any Database) async throws {
        guard let uuid = UUID(uuidString: recipientID) else { return }
        let m = NotificationModel()
        m.$recipient.id = uuid
        m.kind = kind
        m.subject = subject
        m.body = body
        m.link = link
        m.createdAt = at
        m.attempts = 0
        try await m.create(on: db)
    }

    public static func pending(limit: Int, on db: any Database) async throws -> [Notification] {
        try await NotificationModel.query(on: db).filter(\.$deliveredAt == nil).filter(\.$attempts < 10).sort(\.$createdAt).limit(limit).all().map(notification)
    }

    /// Takes up to `limit` undelivered notifications for this instance to send, in one
    /// statement: no other instance (or process) claims them until `until`, so each goes out
    /// once. A claim left by an instance that died lapses, and another sends it then.
    public static func claim(limit: Int, now: Date, until: Date, on db: any Database) async throws -> [Notification] {
        let sql = db as! any SQLDatabase
        let skipLocked = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let claimed = try await sql.raw("""
            UPDATE notifications SET claimed_until = \(bind: until) WHERE id IN (
              SELECT id FROM notifications
              WHERE delivered_at IS NULL AND attempts < 10 AND (claimed_until IS NULL OR claimed_until < \(bind: now))
              ORDER BY created_at LIMIT \(unsafeRaw: String(limit))\(unsafeRaw: skipLocked))
            RETURNING id
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !claimed.isEmpty else { return [] }
        return try await NotificationModel.query(on: db).filter(\.$id ~~ claimed).sort(\.$createdAt).all().map(notification)
    }

    /// Single statements, so two instances never lose each other's count.
    public static func markDelivered(id: String, at: Date, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id) else { return }
        try await (db as! any SQLDatabase).raw("""
            UPDATE notifications SET delivered_at = \(bind: at), attempts = attempts + 1, claimed_until = NULL WHERE id = \(bind: uuid)
            """).run()
    }

    public static func markFailed(id: String, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id) else { return }
        try await (db as! any SQLDatabase).raw("UPDATE notifications SET attempts = attempts + 1, claimed_until = NULL WHERE id = \(bind: uuid)").run()
    }

    /// What a user's notifications page lists: never account emails, whose links sign someone in.
    public static func forRecipient(_ userID: String, limit: Int, on db: any Database) async throws -> [Notification] {
        guard let uuid = UUID(uuidString: userID) else { return [] }
        return try await NotificationModel.query(on: db).filter(\.$recipient.$id == uuid).filter(\.$kind !=~ accountKindPrefix)
            .sort(\.$createdAt, .descending).limit(limit).all().map(notification)
    }

    /// Invitation and password-reset emails carry a single-use link to an account.
    public static let accountKindPrefix = "account."

    /// Once sent, an account email's link is no longer kept: only the email holds it.
    public static func forgetLink(id: String, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id) else { return }
        try await (db as! any SQLDatabase).raw("""
            UPDATE notifications SET link = NULL WHERE id = \(bind: uuid) AND kind LIKE 'account.%'
            """).run()
    }
}
