import Fluent
import SQLKit

struct M004CreateOrders: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("orders")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("type", .string, .required)
            .field("start_date", .string, .required)
            .field("expected_end_date", .string, .required)
            .field("actual_end_date", .string)
            .field("outcome", .string, .required)
            .field("requirements", .string, .required)
            .field("rar_days", .int)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "orders_person_idx").on("orders").column("person_id").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("orders").delete()
    }
}
