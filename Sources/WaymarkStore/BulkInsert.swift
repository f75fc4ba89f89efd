import Fluent
import SQLKit

/// Multi-row INSERTs for loading hundreds of thousands of rows: one statement carries as many
/// rows as the database's bind limit allows (SQLite 32,766; PostgreSQL 65,535), instead of a
/// round trip and a model encode per row. Values are bound, never spliced into the SQL, and
/// encode exactly as Fluent's models do (UUIDs, dates, booleans) because both go through the
/// same driver encoder.
struct BulkInsert {
    let sql: any SQLDatabase
    let table: String
    let columns: [String]
    private var rows: [[any Encodable & Sendable]] = []
    private let rowsPerStatement: Int
    private(set) var written = 0

    init(_ table: String, columns: [String], on db: any Database) {
        self.sql = db as! any SQLDatabase
        self.table = table
        self.columns = columns
        let limit = sql.dialect.name == "sqlite" ? 32_000 : 65_000
        rowsPerStatement = Self.rowsPerStatementForTesting ?? max(1, limit / columns.count)
    }

    /// Tests set a small number, so a small dataset still spans many statements and any
    /// child row written before its parent's statement shows up as a foreign-key failure.
    @TaskLocal static var rowsPerStatementForTesting: Int?

    mutating func add(_ row: [any Encodable & Sendable]) async throws {
        precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
        rows.append(row)
        if rows.count >= rowsPerStatement { try await flush() }
    }

    mutating func flush() async throws {
        guard !rows.isEmpty else { return }
        var insert = sql.insert(into: table).columns(columns)
        for row in rows { insert = insert.values(row) }
        try await insert.run()
        written += rows.count
        rows.removeAll(keepingCapacity: true)
    }
}
