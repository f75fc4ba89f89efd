import Fluent
import SQLKit

/// Mentors rate their confidence and belonging too, not only their wellbeing.
struct M018AddSelfRatingMeasure: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("wellbeing_ratings").field("measure", .string, .required, .sql(.default("wellbeing"))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("wellbeing_ratings").deleteField("measure").update()
    }
}
