import Fluent
import SQLKit

struct M003CreatePeople: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("people")
            .id()
            .field("crn", .string)
            .field("first_name", .string, .required)
            .field("last_name", .string, .required)
            .field("sort_name", .string, .required)
            .field("date_of_birth", .string, .required)
            .field("gender", .string, .required)
            .field("area_id", .uuid, .required, .references("areas", "id"))
            .field("delivery_unit_id", .uuid, .required, .references("delivery_units", "id"))
            .field("practitioner_id", .uuid, .references("users", "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "crn")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "people_area_sort_idx").on("people").column("area_id").column("sort_name").column("id").run()
        try await sql.create(index: "people_sort_idx").on("people").column("sort_name").column("id").run()
        try await sql.create(index: "people_practitioner_idx").on("people").column("practitioner_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("people").delete()
    }
}
