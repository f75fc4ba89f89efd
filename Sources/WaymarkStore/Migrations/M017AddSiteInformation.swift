import Fluent

/// What to expect at each site, and whether a mentor agrees to be named on invitations.
struct M017AddSiteInformation: AsyncMigration {
    static let siteFields = ["directions", "parking", "step_free", "access_details", "on_arrival", "staff", "photo_alt_text"]

    func prepare(on database: Database) async throws {
        for field in Self.siteFields {
            try await database.schema("sites").field(FieldKey.string(field), .string).update()
        }
        try await database.schema("mentors").field("name_on_invitations", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("mentors").deleteField("name_on_invitations").update()
        for field in Self.siteFields {
            try await database.schema("sites").deleteField(FieldKey.string(field)).update()
        }
    }
}
