import Fluent
import SQLKit

struct M002CreateUsers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("users")
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema("user_areas")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("area_id", .uuid, .required, .references("areas", "id"))
            .unique(on: "user_id", "area_id")
            .create()
        try await database.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema("sign_in_throttles")
            .id()
            .field("key", .string, .required)
            .field("failures", .int, .required)
            .field("locked_until", .datetime)
            .unique(on: "key")
            .create()
    }

    func revert(on database: Database) async throws {
        for table in ["sign_in_throttles", "api_tokens", "user_areas", "users"] {
            try await database.schema(table).delete()
        }
    }
}
