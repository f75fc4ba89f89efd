import Fluent
import SQLKit

/// Each provider's programme settings (eligibility window, training, mileage rate).
struct M011CreateProgrammeSettings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("programme_settings")
            .id()
            .field("provider_id", .uuid, .required, .references("providers", "id"))
            .field("ended_within_months", .int, .required)
            .field("ending_within_months", .int, .required)
            .field("training_sessions", .int, .required)
            .field("attendance_required", .int, .required)
            .field("mileage_pence_per_mile", .int, .required)
            .field("version", .int, .required)
            .unique(on: "provider_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("programme_settings").delete()
    }
}
