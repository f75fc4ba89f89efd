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
                }
                return try await body(tx)
            }
        }
    }
}

/// A first-come-first-served async mutex: waiting tasks suspend rather than block a thread.
actor AsyncMutex {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    nonisolated func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
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
