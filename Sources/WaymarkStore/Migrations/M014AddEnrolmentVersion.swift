import Fluent
import SQLKit

/// Attendance and assessment are edited by several coordinators: give them optimistic locking.
struct M014AddEnrolmentVersion: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("cohort_enrolments").field("version", .int, .required, .sql(.default(1))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("cohort_enrolments").deleteField("version").update()
    }
}
