import Fluent
import SQLKit

/// Whether breach proceedings are open on an order: mentor eligibility needs it.
struct M007AddOrderBreach: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("orders")
            .field("open_breach", .bool, .required, .sql(.default(false)))
            .update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("orders").deleteField("open_breach").update()
    }
}
