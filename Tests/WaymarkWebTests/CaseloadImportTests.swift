import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// `waymark import caseload`: bad rows reported by line, the rest imported a batch per
/// transaction with an audit entry each, and importing again updates instead of duplicating.
@Suite("Caseload import")
struct CaseloadImportFileTests {
    @Test("Import, import again unchanged, then import a changed file: updates, never duplicates; restricted records are left alone")
    func importTwice() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withWaymark { app, world in
            let practitioner = world.user(.practitioner).email
            func write(_ name: String, _ rows: [String]) throws -> String {
                let path = dir.appendingPathComponent(name).path
                let text = (["crn,first_name,last_name,date_of_birth,order_type,order_start_date,order_expected_end_date,rar_days,practitioner,delivery_unit"] + rows)
                    .joined(separator: "\n")
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            let rows = (0..<12).map { i in "\(String(format: "I1000%02d", i)),Person,Number\(i),1990-01-0\(i % 9 + 1),Licence,2026-01-10,2027-01-09,,\(practitioner),Basildon" }
            let bad = "I999999,,Nameless,1990-01-01,Licence,2026-01-10,2027-01-09,,,Atlantis"
            let first = try write("first.csv", rows + [bad, "", "E100001,Daisy,Fletcher,1988-04-12,Licence,2026-01-10,2027-01-09,20,,Basildon"])
            let people = try await PersonModel.query(on: app.db).count()
            let summary = try await CaseloadImporter.run(file: first, actorID: "test", today: world.today, batchSize: 5, gate: app.writeGate, on: app.db)
            #expect(summary.created == 12, "twelve new people")
            #expect(summary.updated == 1, "Daisy (E100001) is already held: her details are updated and her order added")
            #expect(summary.errors.map(\.line) == [14], "the bad row by its line; the blank line is skipped")
            #expect(try await PersonModel.query(on: app.db).count() == people + 12)
            let daisy = try #require(try await PeopleRepository.find(id: world.personA1.id, on: app.db))
            #expect(daisy.practitionerID == world.user(.practitioner).id, "a blank practitioner keeps the allocation")
            #expect(try await OrderRepository.orders(personID: daisy.id, on: app.db).contains { $0.details.rarDays == 20 })
            let audited = try await AuditLog.page(on: app.db, personID: nil, actorID: "test", before: nil, limit: 100).filter { $0.action == "person.import" }
            #expect(audited.count == 13)
            if case .intact = try await AuditLog.verify(on: app.db) {} else { Issue.record("the audit chain broke") }

            // The same file again changes nothing.
            let again = try await CaseloadImporter.run(file: first, actorID: "test", today: world.today, batchSize: 5, gate: app.writeGate, on: app.db)
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == 13)
            #expect(try await PersonModel.query(on: app.db).count() == people + 12)

            // A restricted record is not touched; a changed name is an update.
            _ = try await DataProtectionService.protect(personID: world.personA1.id, action: .restrict, reason: "Disputed", expectedVersion: nil,
                                                        actorID: world.user(.administrator).id, at: world.clock.now, gate: app.writeGate, on: app.db)
            var changed = rows
            changed[0] = changed[0].replacingOccurrences(of: "Person,Number0", with: "Persephone,Number0")
            let second = try write("second.csv", changed + ["E100001,Dee,Fletcher,1988-04-12,Licence,2026-01-10,2027-01-09,20,,Basildon"])
            let third = try await CaseloadImporter.run(file: second, actorID: "test", today: world.today, batchSize: 100, gate: app.writeGate, on: app.db)
            #expect(third.updated == 1 && third.unchanged == 11 && third.created == 0)
            #expect(third.errors.count == 1 && third.errors[0].description.contains("restricted"))
            #expect(try await PeopleRepository.find(id: world.personA1.id, on: app.db)?.details.firstName == "Daisy")
            #expect(try await PersonModel.query(on: app.db).filter(\.$firstName == "Persephone").count() == 1)
        }
    }
}
