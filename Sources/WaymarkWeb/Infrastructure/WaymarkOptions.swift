import Foundation
import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Everything that varies between a test, a demo and production.
public struct WaymarkOptions: Sendable {
    public var database: DatabaseLocation
    /// Vapor's bcrypt cost for new passwords. Tests lower it to stay fast.
    public var bcryptCost: Int
    /// Mark the session cookie `Secure` and send HSTS: set when served behind TLS.
    public var secureCookies: Bool
    /// The clock every "today" and "now" comes from; tests fix it.
    public var clock: @Sendable () -> Date
    /// Seconds between deliveries of the notification outbox; nil runs no worker (tests deliver by hand).
    public var notificationInterval: Double?
    /// Seconds between runs of the retention job; nil runs none (tests and one-off commands).
    public var retentionInterval: Double?
    /// Reverse proxies (nginx) whose `X-Forwarded-For` is believed for the client's address.
    public var trustedProxies: [String] = []
    /// Two-step sign-in where the rules require it. Tests of other features turn it off.
    public var enforceTwoStep = true
    /// Served with `--demo`: a demo database is accepted, and its banner shown.
    public var demo = false
    /// Who may read `/metrics`: any of these client addresses, or a bearer token. Both empty: anyone.
    public var metricsAccess = MetricsAccess()
    /// The address people reach Waymark at (`https://waymark.example.org`), for links in emails.
    public var publicURL: String?

    public init(database: DatabaseLocation, bcryptCost: Int = 12, secureCookies: Bool = false,
                clock: @escaping @Sendable () -> Date = { Date() }, notificationInterval: Double? = 5, retentionInterval: Double? = nil) {
        self.retentionInterval = retentionInterval
        self.notificationInterval = notificationInterval
        self.database = database
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.clock = clock
    }
}

public struct MetricsAccess: Sendable {
    public var allowedAddresses: Set<String> = []
    public var token: String?
    public init(allowedAddresses: Set<String> = [], token: String? = nil) {
        self.allowedAddresses = allowedAddresses
        self.token = token
    }
}

struct WaymarkOptionsKey: StorageKey {
    typealias Value = WaymarkOptions
}

struct WriteGateKey: StorageKey {
    typealias Value = WriteGate
}

extension Application {
    public var waymark: WaymarkOptions {
        get { storage[WaymarkOptionsKey.self]! }
        set { storage[WaymarkOptionsKey.self] = newValue }
    }

    /// Made once in `configure`.
    public var writeGate: WriteGate { storage[WriteGateKey.self]! }
}

extension Request {
    var now: Date { application.waymark.clock() }
    var today: CalendarDate { CalendarDate(now) }

    /// Runs the writes of one command in one serialised transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await application.writeGate.write(on: db, body)
    }

    /// Records that a list showed these people: one entry per person, so "who viewed this
    /// person" finds list views too. One transaction for the whole list.
    func auditList(actorID: String, action: String, recordType: String, personIDs: [String]) async throws {
        let at = now
        var seen = Set<String>()
        let ids = personIDs.filter { seen.insert($0).inserted }
        guard !ids.isEmpty else { return }
        // One chained batch, not three statements per person: a list is a read, which a
        // restriction never refuses, and the write lock is held for as short a time as possible.
        let records = ids.map { AuditRecord(actorID: actorID, action: action, recordType: recordType, recordID: $0, personID: $0) }
        try await write { tx in
            if AuditActions.allowedWhileRestricted(action) {
                try await AuditLog.appendBatch(records, at: at, on: tx)
            } else {
                for record in records { try await AuditLog.append(record, at: at, on: tx) }
            }
        }
    }

    /// Records a read or write of a record in the audit log, in its own transaction.
    func audit(_ record: AuditRecord) async throws {
        let at = now
        try await write { tx in try await AuditLog.append(record, at: at, on: tx) }
    }
}
