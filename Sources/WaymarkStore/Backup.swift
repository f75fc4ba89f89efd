import Fluent
import Foundation
import SQLKit

/// Online backups. SQLite's `VACUUM INTO` writes a consistent snapshot of the database (as of
/// the start of its read transaction) into a new file while writers go on, thanks to WAL.
/// PostgreSQL is backed up with its own tool, `pg_dump`, which is consistent in the same way.
public enum Backup {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func sqlite(into path: String, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            throw Failure(description: "Only a SQLite database can be backed up this way; use pg_dump for PostgreSQL")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(path) already exists: choose a new file, so no backup is overwritten")
        }
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }

    /// Rows in every Waymark table, to compare a backup with what it was taken from.
    public static func tableCounts(on db: any Database) async throws -> [String: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let names: [String]
        if sql.dialect.name == "sqlite" {
            names = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
        } else {
            names = try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
        var counts: [String: Int] = [:]
        for name in names {
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: name)").first()
            counts[name] = try row?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }
}
