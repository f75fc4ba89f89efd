import Fluent
import SQLKit

struct M009CreateTraining: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("cohorts")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id"))
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("name", .string, .required)
            .field("start_date", .string, .required)
            .field("sessions", .int, .required)
            .field("trainers", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("cohort_enrolments")
            .id()
            .field("cohort_id", .uuid, .required, .references("cohorts", "id"))
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("attended_weeks", .string, .required)
            .field("assessment", .string)
            .field("created_at", .datetime)
            .unique(on: "cohort_id", "mentor_id")
            .create()
        try await database.schema("accreditations")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("award", .string, .required)
            .field("awarding_body", .string, .required)
            .field("certificate_number", .string, .required)
            .field("awarded_on", .string, .required)
            .field("first_qualification", .bool, .required)
            .field("recorded_by_id", .uuid, .required)
            .unique(on: "mentor_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "enrolments_mentor_idx").on("cohort_enrolments").column("mentor_id").run()
    }

    func revert(on database: Database) async throws {
        for table in ["accreditations", "cohort_enrolments", "cohorts"] { try await database.schema(table).delete() }
    }
}
