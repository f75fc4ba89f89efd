import Fluent
import SQLKit

struct M001CreateOrganisation: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("providers")
            .id()
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .unique(on: "slug")
            .create()
        try await database.schema("areas")
            .id()
            .field("provider_id", .uuid, .required, .references("providers", "id"))
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .field("contact_name", .string)
            .field("contact_email", .string)
            .field("contact_phone", .string)
            .unique(on: "slug")
            .create()
        try await database.schema("delivery_units")
            .id()
            .field("area_id", .uuid, .required, .references("areas", "id"))
            .field("name", .string, .required)
            .create()
        try await database.schema("sites")
            .id()
            .field("delivery_unit_id", .uuid, .required, .references("delivery_units", "id"))
            .field("name", .string, .required)
            .field("address", .string, .required)
            .field("postcode", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        for table in ["sites", "delivery_units", "areas", "providers"] {
            try await database.schema(table).delete()
        }
    }
}
