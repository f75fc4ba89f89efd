import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Take a consistent backup while Waymark runs: SQLite into a new file (then checked), PostgreSQL with pg_dump.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Argument(help: "The new backup file.") var file: String

    func run() async throws {
        let location = try db.location()
        if case .postgres(let url) = location {
            // pg_dump takes a consistent snapshot of its own; restore with pg_restore into an empty database.
            let dump = Process()
            dump.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            dump.arguments = ["pg_dump", "--format=custom", "--file", file, url.replacingOccurrences(of: "?tlsmode=disable", with: "")]
            do { try dump.run() } catch {
                throw ValidationError("pg_dump was not found: install the PostgreSQL client, then run pg_dump --format=custom --file \(file) <database URL>")
            }
            dump.waitUntilExit()
            guard dump.terminationStatus == 0 else { throw ExitCode(dump.terminationStatus) }
            print("PostgreSQL backup written to \(file) (restore with pg_restore --dbname <empty database> \(file))")
            return
        }
        guard case .sqliteFile = location else { throw ValidationError("An in-memory database cannot be backed up") }
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        let live = try await Runtime.withApp(location) { app in
            do { try await Backup.sqlite(into: path, on: app.db) } catch let failure as Backup.Failure { throw ValidationError(failure.description) }
            return try await Backup.tableCounts(on: app.db)
        }
        // Open the copy as a restore would, and check it before calling it a backup.
        let (copy, chain) = try await Runtime.withApp(.sqliteFile(path)) { app in
            (try await Backup.tableCounts(on: app.db), try await AuditLog.verify(on: app.db))
        }
        guard case .intact(let entries) = chain else {
            throw ValidationError("The backup's audit chain does not verify: \(chain)")
        }
        let rows = copy.values.reduce(0, +)
        print("Backup written to \(path): \(copy.count) tables, \(rows) rows (the live database had \(live.values.reduce(0, +)) a moment later), audit chain intact (\(entries) entries).")
        print("Restore: stop Waymark, copy the file into place (remove any -wal and -shm files beside the old one), start Waymark.")
    }
}
