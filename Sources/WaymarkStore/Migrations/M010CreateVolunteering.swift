import Fluent
import SQLKit

struct M010CreateVolunteering: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("supervisions")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("held_on", .string, .required)
            .field("by_id", .uuid, .required)
            .field("notes", .string, .required)
            .create()
        try await database.schema("volunteer_hours")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("worked_on", .string, .required)
            .field("quarter_hours", .int, .required)
            .field("activity", .string, .required)
            .field("logged_by_id", .uuid, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("expense_claims")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("incurred_on", .string, .required)
            .field("kind", .string, .required)
            .field("miles", .int)
            .field("amount_pence", .int, .required)
            .field("receipt_reference", .string)
            .field("description", .string, .required)
            .field("state", .string, .required)
            .field("submitted_by_id", .uuid, .required)
            .field("decided_by_id", .uuid)
            .field("decided_on", .string)
            .field("decision_reason", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("employment_steps")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("role", .string, .required)
            .field("employer", .string, .required)
            .field("stage", .string, .required)
            .field("step_on", .string, .required)
            .field("notes", .string)
            .field("recorded_by_id", .uuid, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("further_offences")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("offence_on", .string, .required)
            .field("notes", .string)
            .field("recorded_by_id", .uuid, .required)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        for table in ["volunteer_hours", "expense_claims", "employment_steps", "further_offences", "supervisions"] {
            try await sql.create(index: "\(table)_mentor_idx").on(table).column("mentor_id").run()
        }
        try await sql.create(index: "expense_claims_state_idx").on("expense_claims").column("state").run()
    }

    func revert(on database: Database) async throws {
        for table in ["further_offences", "employment_steps", "expense_claims", "volunteer_hours", "supervisions"] {
            try await database.schema(table).delete()
        }
    }
}
