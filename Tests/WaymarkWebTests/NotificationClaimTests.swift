import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Keeps every notification it is asked to send, slowly, so two deliveries overlap.
final class RecordingSender: NotificationSender {
    private let sent = NIOLockedValueBox<[String]>([])
    var ids: [String] { sent.withLockedValue { $0 } }
    func send(_ notification: NotificationRepository.Notification, logger: Logger) async throws {
        try await Task.sleep(nanoseconds: 2_000_000)
        sent.withLockedValue { $0.append(notification.id) }
    }
}

/// Issue #7: several instances deliver one outbox. Each claims a batch before sending, so a
/// notification goes out once however many workers run; a dead instance's claim lapses.
@Suite("Notification outbox with several workers")
struct NotificationClaimTests {
    @Test("Two workers delivering at once send every notification exactly once")
    func exactlyOnce() async throws {
        try await withWaymark { app, world in
            let sender = RecordingSender()
            app.notificationSender = sender
            let recipient = world.user(.coordinator).id
            for n in 0..<40 {
                try await NotificationRepository.enqueue(to: recipient, kind: "test", subject: "Subject \(n)", body: "Body", link: nil,
                                                         at: world.clock.now.addingTimeInterval(Double(n)), on: app.db)
            }
            async let first = NotificationWorker.deliverPending(app, limit: 25)
            async let second = NotificationWorker.deliverPending(app, limit: 25)
            let delivered = try await first + second
            let third = try await NotificationWorker.deliverPending(app, limit: 25)
            #expect(delivered + third == 40)
            #expect(sender.ids.count == 40, "\(sender.ids.count) sends for 40 notifications")
            #expect(Set(sender.ids).count == 40)
            #expect(try await NotificationRepository.pending(limit: 100, on: app.db).isEmpty)
        }
    }

    @Test("A claim keeps others off until it lapses; then the notification is sent")
    func claimLapses() async throws {
        try await withWaymark { app, world in
            let now = world.clock.now
            try await NotificationRepository.enqueue(to: world.user(.coordinator).id, kind: "test", subject: "S", body: "B", link: nil, at: now, on: app.db)
            let claimed = try await NotificationRepository.claim(limit: 10, now: now, until: now.addingTimeInterval(120), on: app.db)
            #expect(claimed.count == 1)
            #expect(try await NotificationRepository.claim(limit: 10, now: now.addingTimeInterval(60), until: now.addingTimeInterval(180), on: app.db).isEmpty)
            let again = try await NotificationRepository.claim(limit: 10, now: now.addingTimeInterval(121), until: now.addingTimeInterval(241), on: app.db)
            #expect(again.map(\.id) == claimed.map(\.id))
            try await NotificationRepository.markDelivered(id: claimed[0].id, at: now.addingTimeInterval(122), on: app.db)
            #expect(try await NotificationRepository.claim(limit: 10, now: now.addingTimeInterval(999), until: now.addingTimeInterval(1_200), on: app.db).isEmpty)
        }
    }
}
