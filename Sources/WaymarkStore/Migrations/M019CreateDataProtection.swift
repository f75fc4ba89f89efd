import Fluent
import SQLKit

/// Data protection duties: what practitioners share with mentors, corrections kept with their
/// history, restriction and legal holds, anonymisation, and the retention period.
struct M019CreateDataProtection: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("sharing_decisions")
            .id()
            .field("referral_id", .uuid, .required, .references("referrals", "id"))
            .field("sequence", .int, .required)
            .field("items", .string, .required)
            .field("contact_arrangements", .string)
            .field("note", .string)
            .field("decided_by_id", .uuid, .required)
            .field("decided_on", .string, .required)
            .unique(on: "referral_id", "sequence")
            .create()
        try await database.schema("corrections")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("record_type", .string, .required)
            .field("record_id", .string, .required)
            .field("field", .string, .required)
            .field("label", .string, .required)
            .field("previous", .string, .required)
            .field("new", .string, .required)
            .field("reason", .string)
            .field("by_id", .uuid, .required)
            .field("corrected_on", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("person_protection")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("restricted_on", .string)
            .field("restriction_reason", .string)
            .field("restricted_by_id", .uuid)
            .field("legal_hold_on", .string)
            .field("legal_hold_reason", .string)
            .field("legal_hold_by_id", .uuid)
            .field("anonymised_on", .string)
            .field("version", .int, .required)
            .unique(on: "person_id")
            .create()
        try await database.schema("programme_settings")
            .field("retention_years", .int, .required, .sql(.default(7)))
            .update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "corrections_person_idx").on("corrections").column("person_id").run()
        // The unusual-access review reads the log by day ("who viewed this person" uses the person index).
        try await sql.create(index: "audit_events_at_idx").on("audit_events").column("at").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("programme_settings").deleteField("retention_years").update()
        for table in ["person_protection", "corrections", "sharing_decisions"] { try await database.schema(table).delete() }
    }
}
