import Fluent
import Foundation
import SQLKit

/// Going live: the organisation kept in the browser (deactivated, never deleted), accounts that
/// invite, reset, expire and take a second step, and a database that knows whether it is a demo.
struct M021GoLive: AsyncMigration {
    // SQLite adds one column per ALTER TABLE, so each new column is its own update.
    func prepare(on database: Database) async throws {
        try await database.schema("installation")
            .id()
            .field("demo", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("providers").field("active", .bool, .required, .sql(.default(true))).update()
        try await database.schema("providers").field("session_idle_minutes", .int, .required, .sql(.default(30))).update()
        try await database.schema("providers").field("session_lifetime_hours", .int, .required, .sql(.default(12))).update()
        try await database.schema("providers").field("two_step_all_staff", .bool, .required, .sql(.default(false))).update()
        try await database.schema("providers").field("version", .int, .required, .sql(.default(1))).update()
        try await database.schema("areas").field("postal_address", .string).update()
        try await database.schema("areas").field("active", .bool, .required, .sql(.default(true))).update()
        try await database.schema("areas").field("version", .int, .required, .sql(.default(1))).update()
        try await database.schema("delivery_units").field("active", .bool, .required, .sql(.default(true))).update()
        try await database.schema("delivery_units").field("version", .int, .required, .sql(.default(1))).update()
        try await database.schema("sites").field("active", .bool, .required, .sql(.default(true))).update()
        try await database.schema("sites").field("version", .int, .required, .sql(.default(1))).update()
        try await database.schema("users").field("provider_id", .uuid).update()
        try await database.schema("users").field("password_set", .bool, .required, .sql(.default(true))).update()
        try await database.schema("users").field("last_sign_in_at", .datetime).update()
        try await database.schema("users").field("sessions_valid_after", .datetime).update()
        try await database.schema("users").field("totp_secret", .string).update()
        try await database.schema("users").field("totp_enabled_at", .datetime).update()
        try await database.schema("users").field("totp_last_step", .int64).update()
        try await database.schema("users").field("version", .int, .required, .sql(.default(1))).update()
        try await database.schema("account_links")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("revoked", .bool, .required)
            .field("created_by_id", .string, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema("recovery_codes")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .create()
        try await database.schema("api_tokens").field("name", .string, .required, .sql(.default("API token"))).update()
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
        try await database.schema("api_tokens").field("last_used_at", .datetime).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "account_links_user_idx").on("account_links").column("user_id").run()
        try await sql.create(index: "recovery_codes_user_idx").on("recovery_codes").column("user_id").run()
        // An organisation record's history is read from the audit log by record.
        try await sql.create(index: "audit_events_record_idx").on("audit_events").column("record_type").column("record_id").run()
        // Tokens made before expiry existed get the default 90 days from the upgrade, rather than
        // stopping at once (locking out every integration) or living for ever.
        try await sql.update("api_tokens").set("expires_at", to: SQLBind(Date().addingTimeInterval(90 * 86_400))).run()
    }

    func revert(on database: Database) async throws {
        for table in ["recovery_codes", "account_links", "installation"] { try await database.schema(table).delete() }
        try await database.schema("api_tokens").deleteField("name").deleteField("expires_at").deleteField("last_used_at").update()
        try await database.schema("users").deleteField("provider_id").deleteField("password_set").deleteField("last_sign_in_at")
            .deleteField("sessions_valid_after").deleteField("totp_secret").deleteField("totp_enabled_at").deleteField("totp_last_step")
            .deleteField("version").update()
        for table in ["sites", "delivery_units"] { try await database.schema(table).deleteField("active").deleteField("version").update() }
        try await database.schema("areas").deleteField("postal_address").deleteField("active").deleteField("version").update()
        try await database.schema("providers").deleteField("active").deleteField("session_idle_minutes")
            .deleteField("session_lifetime_hours").deleteField("two_step_all_staff").deleteField("version").update()
    }
}
