import Fluent
import SQLKit

/// Match-health thresholds become provider settings.
struct M013AddMatchHealthSettings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("programme_settings")
            .field("first_meeting_within_days", .int, .required, .sql(.default(14)))
            .update()
        try await database.schema("programme_settings")
            .field("contact_every_days", .int, .required, .sql(.default(21)))
            .update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("programme_settings").deleteField("contact_every_days").update()
        try await database.schema("programme_settings").deleteField("first_meeting_within_days").update()
    }
}
