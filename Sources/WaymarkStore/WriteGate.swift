import Fluent
import SQLKit

/// Runs one command's writes as one transaction, one at a time. Writes are serialised so
/// the audit hash chain never forks and optimistic-lock checks cannot interleave: in
/// process by this gate, and across PostgreSQL instances by a transaction-scoped advisory lock.
/// (SQLite serialises writers itself; the unique `sequence` index is the last line of defence.)
public final class WriteGate: Sendable {
    private let lock = AsyncMutex()

    public init() {}

    public func write<T: Sendable>(on database: any Database,
                                   _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await lock.withLock {
            try await database.transaction { tx in
                if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                    try await sql.raw("SELECT pg_advisory_xact_lock(7421001)").run()
                } else if let sql = tx as? any SQLDatabase, sql.dialect.name == "sqlite" {
                    // Take SQLite's write lock first, as BEGIN IMMEDIATE would: a transaction that
                    // reads and then writes fails at once (SQLITE_BUSY, no retry) if another
                    // connection or process committed in between; taking the lock before reading
                    // waits for it instead. A write statement that matches no row takes the lock.
                    try await sql.raw("UPDATE audit_head SET sequence = sequence WHERE 1 = 0").run()
                }
                return try await body(tx)
            }
        }
    }
}

/// A first-come-first-served async mutex: waiting tasks suspend rather than block a thread.
public actor AsyncMutex {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init() {}

    public func acquire() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    public func release() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    public nonisolated func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }
}
