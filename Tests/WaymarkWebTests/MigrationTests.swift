import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// A database made by an earlier release (the schema as it stood after group sessions, M015,
/// before reporting and data protection), holding records, migrated to the current schema:
/// nothing is lost, new columns take their documented defaults, and the current code reads it.
/// Runs on SQLite, and on PostgreSQL in CI.
@Suite("Migrations")
struct MigrationTests {
    static let earlierRelease = 15

    @Test("An earlier release's database with records migrates to the current schema without losing anything")
    func upgrade() async throws {
        try await withApp { app in
            app.logger.logLevel = .warning
            try TestDatabase.location.configure(app)
            if TestDatabase.postgresURL != nil, let sql = app.db as? any SQLDatabase {
                try await sql.raw("DROP SCHEMA public CASCADE").run()
                try await sql.raw("CREATE SCHEMA public").run()
            }
            let all = WaymarkMigrations.all
            app.migrations.add(Array(all.prefix(Self.earlierRelease)))
            try await app.autoMigrate()
            let sql = try #require(app.db as? any SQLDatabase)

            // Records as the earlier release wrote them (raw rows where today's models have grown).
            let provider = (id: Optional(UUID()), name: "Old Provider")
            try await sql.insert(into: "providers").columns("id", "name", "slug").values(SQLBind(provider.id!), SQLBind("Old Provider"), SQLBind("old")).run()
            let area = (id: Optional(UUID()), name: "Essex")
            try await sql.insert(into: "areas").columns("id", "provider_id", "name", "slug", "contact_name")
                .values(SQLBind(area.id!), SQLBind(provider.id!), SQLBind("Essex"), SQLBind("essex"), SQLBind("Coordinator")).run()
            let unit = (id: Optional(UUID()), name: "Basildon")
            try await sql.insert(into: "delivery_units").columns("id", "area_id", "name").values(SQLBind(unit.id!), SQLBind(area.id!), SQLBind("Basildon")).run()
            let user = (id: Optional(UUID()), name: "Old Practitioner")
            try await sql.insert(into: "users").columns("id", "email", "name", "role", "password_hash", "active")
                .values(SQLBind(user.id!), SQLBind("old@example.org"), SQLBind("Old Practitioner"), SQLBind("practitioner"), SQLBind("x"), SQLBind(true)).run()
            let today = CalendarDate(year: 2026, month: 11, day: 23)!
            let person = try await PeopleRepository.create(PersonDetails(crn: CRN("M100001"), firstName: "Olive", lastName: "Older",
                                                                         dateOfBirth: CalendarDate(year: 1980, month: 5, day: 5)!, gender: .female,
                                                                         areaID: area.id!.uuidString, deliveryUnitID: unit.id!.uuidString),
                                                           practitionerID: user.id!.uuidString, on: app.db)
            let order = try await OrderRepository.create(OrderDetails(type: .licence, startDate: today.adding(months: -8), expectedEndDate: today.adding(months: 4),
                                                                      actualEndDate: nil, outcome: .active, requirements: [.rehabilitationActivity], rarDays: 20),
                                                         personID: person.id, on: app.db)
            let siteID = UUID()
            try await sql.insert(into: "sites").columns("id", "delivery_unit_id", "name", "address", "postcode")
                .values(SQLBind(siteID), SQLBind(unit.id!), SQLBind("Basildon office"), SQLBind("1 Great Oaks"), SQLBind("SS14 1EL")).run()
            let mentorID = UUID()
            try await sql.insert(into: "mentors")
                .columns("id", "person_id", "state", "recommended_by_id", "recommended_on", "recommendation_reason", "capacity", "availability",
                         "delivery_unit_ids", "languages", "lived_experience", "version")
                .values(SQLBind(mentorID), SQLBind(UUID(uuidString: person.id)!), SQLBind("recommended"), SQLBind(user.id!), SQLBind(today.iso),
                        SQLBind("Turned things around"), SQLBind(2), SQLBind(""), SQLBind(""), SQLBind("English"), SQLBind(""), SQLBind(1)).run()
            try await sql.insert(into: "programme_settings")
                .columns("id", "provider_id", "ended_within_months", "ending_within_months", "training_sessions", "attendance_required",
                         "mileage_pence_per_mile", "version")
                .values(SQLBind(UUID()), SQLBind(provider.id!), SQLBind(9), SQLBind(3), SQLBind(12), SQLBind(10), SQLBind(40), SQLBind(1)).run()
            try await AuditLog.chain(AuditRecord(actorID: user.id!.uuidString, action: "person.create", recordType: "person",
                                                  recordID: person.id, personID: person.id), at: Date(), on: app.db)
            let before = try await Backup.tableCounts(on: app.db)

            // The current release starts on it.
            app.migrations.add(Array(all.dropFirst(Self.earlierRelease)))
            try await app.autoMigrate()

            let after = try await Backup.tableCounts(on: app.db)
            for (table, n) in before where table != "_fluent_migrations" { #expect(after[table] == n, "\(table): \(n) before, \(after[table] ?? -1) after") }
            for table in ["outcome_assessments", "case_studies", "sharing_decisions", "corrections", "person_protection"] {
                #expect(after[table] == 0, "\(table) is new and empty")
            }
            #expect(try await PeopleRepository.find(id: person.id, on: app.db)?.details.fullName == "Olive Older")
            #expect(try await OrderRepository.find(id: order.id, on: app.db)?.details.rarDays == 20)
            let mentor = try #require(try await MentorRepository.find(id: mentorID.uuidString, on: app.db))
            #expect(mentor.state == .recommended)
            #expect(try await SiteInformationRepository.namedOnInvitations(mentorIDs: [mentorID.uuidString], on: app.db).isEmpty,
                    "a new column takes its default: not named on invitations until they agree")
            let site = try #require(try await SiteInformationRepository.find(id: siteID.uuidString, on: app.db))
            #expect(site.name == "Basildon office", "a site from before site information still reads")
            let settings = try await SettingsRepository.settings(areaID: area.id!.uuidString, on: app.db)
            #expect(settings.eligibilityEndedWithinMonths == 9 && settings.mileagePencePerMile == 40, "the provider's own settings are kept")
            #expect(settings.reportingYearStartMonth == 4 && settings.retentionYears == 7 && settings.firstMeetingWithinDays == 14,
                    "settings added later take their defaults")
            #expect(try await DataProtectionRepository.protection(personID: person.id, on: app.db) == .none)
            if case .intact(let n) = try await AuditLog.verify(on: app.db) { #expect(n == 1) } else { Issue.record("the audit chain broke") }
        }
    }
}
