import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Where notifications go out: email and SMS adapters implement this; the default writes a
/// line to the log (ids and kind only, never names or content).
public protocol NotificationSender: Sendable {
    func send(_ notification: NotificationRepository.Notification, logger: Logger) async throws
}

public struct LogNotificationSender: NotificationSender {
    public init() {}
    public func send(_ notification: NotificationRepository.Notification, logger: Logger) async throws {
        logger.info("notification \(notification.id) kind=\(notification.kind) to user \(notification.recipientID)")
    }
}

struct NotificationSenderKey: StorageKey { typealias Value = any NotificationSender }

extension Application {
    public var notificationSender: any NotificationSender {
        get { storage[NotificationSenderKey.self] ?? LogNotificationSender() }
        set { storage[NotificationSenderKey.self] = newValue }
    }
}

/// Delivers the outbox: written in the same transaction as what caused it, sent afterwards.
public enum NotificationWorker {
    /// Sends what is waiting; returns how many were delivered.
    @discardableResult
    public static func deliverPending(_ app: Application, limit: Int = 100) async throws -> Int {
        // Claimed for two minutes: long enough to send a batch, short enough that a batch
        // claimed by an instance that died goes out soon after.
        let now = app.waymark.clock()
        let pending = try await NotificationRepository.claim(limit: limit, now: now, until: now.addingTimeInterval(120), on: app.db)
        var delivered = 0
        for notification in pending {
            do {
                try await app.notificationSender.send(notification, logger: app.logger)
                try await NotificationRepository.markDelivered(id: notification.id, at: app.waymark.clock(), on: app.db)
                try await NotificationRepository.forgetLink(id: notification.id, on: app.db)
                delivered += 1
            } catch {
                try await NotificationRepository.markFailed(id: notification.id, on: app.db)
            }
        }
        return delivered
    }
}

/// The events DESIGN.md names, queued for the right people.
enum Notify {
    static func practitioner(of person: Person, kind: String, subject: String, body: String, link: String?, at: Date,
                             on db: any Database) async throws {
        guard let practitioner = person.practitionerID else { return }
        try await NotificationRepository.enqueue(to: practitioner, kind: kind, subject: subject, body: body, link: link, at: at, on: db)
    }

    static func mentor(_ mentor: Mentor, kind: String, subject: String, body: String, link: String?, at: Date, on db: any Database) async throws {
        guard let user = mentor.userID else { return }
        try await NotificationRepository.enqueue(to: user, kind: kind, subject: subject, body: body, link: link, at: at, on: db)
    }
}
