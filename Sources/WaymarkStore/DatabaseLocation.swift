import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Where the data lives: `sqlite:PATH`, `sqlite::memory:` or a `postgres://` URL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)

    public static let defaultURL = "sqlite:./waymark-data/waymark.sqlite"

    public init(url: String) throws {
        if url == "sqlite::memory:" {
            self = .sqliteMemory
        } else if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw DatabaseLocationError(url: url) }
            self = .sqliteFile(path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url)
        } else {
            throw DatabaseLocationError(url: url)
        }
    }

    /// Reads `--database`, then `WAYMARK_DATABASE_URL`, then the default.
    public static func resolve(_ flag: String?) throws -> DatabaseLocation {
        try DatabaseLocation(url: flag ?? Environment.get("WAYMARK_DATABASE_URL") ?? defaultURL)
    }

    /// A description safe to print or log: never the password.
    public var redacted: String {
        switch self {
        case .sqliteFile(let path): return "sqlite:\(path)"
        case .sqliteMemory: return "sqlite::memory:"
        case .postgres(let url):
            if var c = URLComponents(string: url), c.password != nil {
                c.password = "***"
                return c.string ?? "postgres://***"
            }
            return url
        }
    }

    public func configure(_ app: Application) throws {
        switch self {
        case .sqliteFile(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url):
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url), sqlLogLevel: .trace), as: .psql)
        }
    }

    /// Settings that make SQLite safe under concurrent use and crashes; see docs/operations.md.
    public static func prepare(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        // WAL lets readers go on while one writer commits, and an acknowledged commit
        // survives the process being killed. It is a property of the file, so setting it once sticks.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }

    /// A bigger page cache on each of the pool's SQLite connections (one per event loop): the
    /// default 2 MB made a national dataset's pages be read from the kernel again and again,
    /// which measured as much system time as SQLite's own work. 32 MB each keeps the server's
    /// memory well inside its 300 MB budget (docs/performance.md). A setting of the
    /// connection, not the file, so it is applied to every connection the pool holds.
    public static func tuneConnections(_ app: Application) async throws {
        for loop in app.eventLoopGroup.makeIterator() {
            guard let db = app.databases.database(logger: app.logger, on: loop), let sql = db as? any SQLDatabase,
                  sql.dialect.name == "sqlite" else { continue }
            try await sql.raw("PRAGMA cache_size = -32768").run()
        }
    }
}

public struct DatabaseLocationError: Error, CustomStringConvertible {
    public let url: String
    public var description: String {
        "Unrecognised database URL. Use sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db"
    }
}
