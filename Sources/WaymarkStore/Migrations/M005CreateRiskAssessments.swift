import Fluent
import SQLKit

struct M005CreateRiskAssessments: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("risk_assessments")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("rosh", .string, .required)
            .field("mappa_category", .int)
            .field("mappa_level", .int)
            .field("tier", .string)
            .field("safeguarding_flags", .string, .required)
            .field("assessed_on", .string, .required)
            .field("next_review_date", .string, .required)
            .field("notes", .string)
            .field("recorded_by_id", .uuid, .required, .references("users", "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "person_id", "version")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("risk_assessments").delete()
    }
}
