import Fluent
import SQLKit

struct M006CreateAudit: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("sequence", .int, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .string, .required)
            .field("action", .string, .required)
            .field("record_type", .string, .required)
            .field("record_id", .string, .required)
            .field("person_id", .string)
            .field("detail", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "sequence")
            .create()
        try await database.schema("audit_head")
            .id()
            .field("sequence", .int, .required)
            .field("hash", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_events_person_idx").on("audit_events").column("person_id").column("sequence").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("audit_head").delete()
        try await database.schema("audit_events").delete()
    }
}
