import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// `waymark backup`: a consistent online copy while writes go on, that restores with every row
/// and an intact audit chain. SQLite only: PostgreSQL is backed up with pg_dump.
@Suite("Backup and restore", .enabled(if: TestDatabase.postgresURL == nil))
struct BackupTests {
    /// Opens a backup file as a restore would, and reads what is in it.
    static func restore(_ path: String) async throws -> (counts: [String: Int], chain: AuditLog.Verification) {
        try await withApp { app in
            app.logger.logLevel = .warning
            try await configure(app, options: WaymarkOptions(database: .sqliteFile(path), bcryptCost: 4, notificationInterval: nil))
            try await migrate(app)
            return (try await Backup.tableCounts(on: app.db), try await AuditLog.verify(on: app.db))
        }
    }

    @Test("A backup taken while people are being added is consistent, and one taken at rest matches the live database exactly")
    func onlineBackup() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withWaymark { app, world in
            let before = try await Backup.tableCounts(on: app.db)
            let busy = dir.appendingPathComponent("busy.sqlite").path
            // Forty audited writes, each its own transaction through the write gate, while the backup runs.
            let writes = Task {
                for i in 0..<40 {
                    let details = PersonDetails(crn: CRN(String(format: "B%06d", i)), firstName: "Backup", lastName: "Person\(i)",
                                                dateOfBirth: world.today.adding(years: -30), gender: .notStated,
                                                areaID: world.areaA.id, deliveryUnitID: world.areaA.deliveryUnits[0].id)
                    try await app.writeGate.write(on: app.db) { tx in
                        let person = try await PeopleRepository.create(details, practitionerID: nil, on: tx)
                        try await AuditLog.append(AuditRecord(actorID: world.user(.coordinator).id, action: "person.create", recordType: "person",
                                                              recordID: person.id, personID: person.id), at: world.clock.now, on: tx)
                    }
                    await Task.yield()
                }
            }
            try await Task.sleep(for: .milliseconds(5))
            try await Backup.sqlite(into: busy, on: app.db)
            try await writes.value
            let after = try await Backup.tableCounts(on: app.db)

            let (copy, chain) = try await Self.restore(busy)
            guard case .intact(let entries) = chain else { Issue.record("the backup's audit chain is broken: \(chain)"); return }
            #expect(copy["audit_events"] == entries)
            let people = try #require(copy["people"])
            #expect(people >= before["people"]! && people <= after["people"]!, "a snapshot from during the writes")
            // Every person in the snapshot came with its audit entry: the two were one transaction.
            #expect(entries - before["audit_events"]! == people - before["people"]!)
            for (table, n) in copy where table != "_fluent_migrations" { #expect(n <= after[table] ?? 0, "\(table)") }

            let quiet = dir.appendingPathComponent("quiet.sqlite").path
            try await Backup.sqlite(into: quiet, on: app.db)
            let (exact, quietChain) = try await Self.restore(quiet)
            #expect(exact.filter { $0.key != "_fluent_migrations" } == after.filter { $0.key != "_fluent_migrations" })
            if case .intact(let n) = quietChain { #expect(n == after["audit_events"]) } else { Issue.record("\(quietChain)") }
            // A backup never overwrites an earlier one.
            await #expect(throws: Backup.Failure.self) { try await Backup.sqlite(into: quiet, on: app.db) }
        }
    }
}
