import Fluent
import SQLKit

/// Outcomes and reporting: mentees' outcome assessments, mentors' wellbeing self-ratings,
/// case studies with their consent, and the month reporting years start in.
struct M016CreateReporting: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("outcome_assessments")
            .id()
            .field("referral_id", .uuid, .required, .references("referrals", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("stage", .string, .required)
            .field("recorded_on", .string, .required)
            .field("source", .string, .required)
            .field("ratings", .string, .required)
            .field("notes", .string)
            .field("recorded_by_id", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("wellbeing_ratings")
            .id()
            .field("mentor_id", .uuid, .required, .references("mentors", "id"))
            .field("rated_on", .string, .required)
            .field("score", .int, .required)
            .field("source", .string, .required)
            .field("notes", .string)
            .field("recorded_by_id", .uuid, .required)
            .create()
        try await database.schema("case_studies")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("subject", .string, .required)
            .field("kind", .string, .required)
            .field("pseudonym", .string, .required)
            .field("title", .string)
            .field("text", .string, .required)
            .field("consent_uses", .string, .required)
            .field("consent_given_on", .string, .required)
            .field("consent_withdrawn_on", .string)
            .field("approved_on", .string)
            .field("approved_by_id", .uuid)
            .field("created_by_id", .uuid, .required)
            .field("version", .int, .required)
            .create()
        try await database.schema("programme_settings")
            .field("reporting_year_start_month", .int, .required, .sql(.default(4)))
            .update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "outcome_assessments_referral_idx").on("outcome_assessments").column("referral_id").run()
        try await sql.create(index: "wellbeing_ratings_mentor_idx").on("wellbeing_ratings").column("mentor_id").run()
        try await sql.create(index: "case_studies_area_idx").on("case_studies").column("area_id").run()
        try await sql.create(index: "referrals_referred_on_idx").on("referrals").column("referred_on").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("programme_settings").deleteField("reporting_year_start_month").update()
        for table in ["case_studies", "wellbeing_ratings", "outcome_assessments"] { try await database.schema(table).delete() }
    }
}
