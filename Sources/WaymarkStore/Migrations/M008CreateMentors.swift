import Fluent
import SQLKit

struct M008CreateMentors: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("mentors")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("state", .string, .required)
            .field("recommended_by_id", .uuid, .required, .references("users", "id"))
            .field("recommended_on", .string, .required)
            .field("recommendation_reason", .string, .required)
            .field("capacity", .int, .required)
            .field("availability", .string, .required)
            .field("delivery_unit_ids", .string, .required)
            .field("languages", .string, .required)
            .field("lived_experience", .string, .required)
            .field("cleared_high_risk_on", .string)
            .field("cleared_high_risk_by_id", .uuid)
            .field("user_id", .uuid, .references("users", "id"))
            .field("trained_on", .string)
            .field("state_before_suspension", .string)
            .field("moved_on_destination", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "person_id")
            .create()
        try await database.schema("mentor_moves")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("from_state", .string)
            .field("to_state", .string, .required)
            .field("at", .datetime, .required)
            .field("by_id", .uuid, .required)
            .field("reason", .string, .required)
            .create()
        try await database.schema("mentor_risk_reviews")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("reviewer_id", .uuid, .required)
            .field("reviewer_role", .string, .required)
            .field("outcome", .string, .required)
            .field("reviewed_on", .string, .required)
            .field("notes", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema("mentor_declarations")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("no_current_offending", .bool, .required)
            .field("free_from_illicit_drugs", .bool, .required)
            .field("declared_on", .string, .required)
            .field("recorded_by_id", .uuid, .required)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "mentors_state_idx").on("mentors").column("state").run()
        try await sql.create(index: "mentors_user_idx").on("mentors").column("user_id").run()
        try await sql.create(index: "mentor_moves_mentor_idx").on("mentor_moves").column("mentor_id").run()
    }

    func revert(on database: Database) async throws {
        for table in ["mentor_declarations", "mentor_risk_reviews", "mentor_moves", "mentors"] {
            try await database.schema(table).delete()
        }
    }
}
