import Fluent

/// Several instances deliver the outbox: each claims a batch for a short while before sending,
/// so no notification goes out twice.
struct M020AddNotificationClaim: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("notifications").field("claimed_until", .datetime).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("notifications").deleteField("claimed_until").update()
    }
}
