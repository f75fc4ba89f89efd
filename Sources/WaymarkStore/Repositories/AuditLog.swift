import Crypto
import Fluent
import Foundation
import WaymarkCore

/// What is being recorded: who did what to which record.
public struct AuditRecord: Sendable {
    public let actorID: String
    public let action: String
    public let recordType: String
    public let recordID: String
    public let personID: String?
    public let detail: String

    public init(actorID: String, action: String, recordType: String, recordID: String, personID: String?, detail: String = "") {
        self.actorID = actorID
        self.action = action
        self.recordType = recordType
        self.recordID = recordID
        self.personID = personID
        self.detail = detail
    }
}

/// The append-only, hash-chained audit log. Appends must run inside a `WriteGate` write.
public enum AuditLog {
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Every write to a person's record is audited here in its own transaction, so this is the
    /// one place a restriction is enforced: the change is refused and rolled back with it.
    public static func append(_ record: AuditRecord, at now: Date, on db: any Database) async throws {
        if let personID = record.personID, !AuditActions.allowedWhileRestricted(record.action),
           let refusal = try await DataProtectionRepository.frozen(personID: personID, on: db) {
            throw refusal
        }
        try await chain(record, at: now, on: db)
    }

    /// Adds one entry to the hash chain: the log as every release has written it.
    static func chain(_ record: AuditRecord, at now: Date, on db: any Database) async throws {
        try await chain([record], at: now, on: db)
    }

    /// Many entries at once (an import), chained exactly as one-by-one appends would be, in
    /// few statements. The caller has already refused writes to restricted records.
    public static func appendBatch(_ records: [AuditRecord], at now: Date, on db: any Database) async throws {
        try await chain(records, at: now, on: db)
    }

    static func chain(_ records: [AuditRecord], at now: Date, on db: any Database) async throws {
        guard !records.isEmpty else { return }
        let head = try await AuditHeadModel.query(on: db).first()
        var sequence = head?.sequence ?? 0
        var previous = head?.hash ?? AuditChain.genesis
        // Stored timestamps keep millisecond precision on both databases; hash what is stored.
        let at = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded() / 1000)
        // Multi-row INSERTs: an import or a list page chains many entries in one transaction.
        var rows = BulkInsert("audit_events", columns: ["id", "sequence", "at", "actor_id", "action", "record_type", "record_id", "person_id",
                                                        "detail", "previous_hash", "hash"], on: db)
        for record in records {
            sequence += 1
            let hash = sha256(AuditChain.canonical(sequence: sequence, at: at, actorID: record.actorID, action: record.action,
                                                   recordType: record.recordType, recordID: record.recordID,
                                                   personID: record.personID, detail: record.detail, previousHash: previous))
            try await rows.add([UUID(), sequence, at, record.actorID, record.action, record.recordType, record.recordID, record.personID,
                                record.detail, previous, hash])
            previous = hash
        }
        try await rows.flush()
        let newHead = head ?? AuditHeadModel()
        newHead.sequence = sequence
        newHead.hash = previous
        try await newHead.save(on: db)
    }

    static func entry(_ row: AuditEventModel) -> AuditEntry {
        AuditEntry(sequence: row.sequence, at: row.at, actorID: row.actorID, action: row.action,
                   recordType: row.recordType, recordID: row.recordID, personID: row.personID,
                   detail: row.detail, previousHash: row.previousHash, hash: row.hash)
    }

    public enum Verification: Equatable, Sendable {
        case intact(entries: Int)
        case broken(AuditChain.Break)
        case headMismatch(expectedSequence: Int, foundSequence: Int)
    }

    /// Walks the whole log in batches, so memory stays flat on a national dataset.
    public static func verify(on db: any Database, batchSize: Int = 5000) async throws -> Verification {
        var last: (sequence: Int, hash: String) = (0, AuditChain.genesis)
        var count = 0
        while true {
            let rows = try await AuditEventModel.query(on: db)
                .filter(\.$sequence > last.sequence)
                .sort(\.$sequence)
                .limit(batchSize)
                .all()
            if rows.isEmpty { break }
            let entries = rows.map(entry)
            if let problem = AuditChain.verify(entries, after: last, using: sha256) { return .broken(problem) }
            count += entries.count
            last = (entries.last!.sequence, entries.last!.hash)
        }
        let head = try await AuditHeadModel.query(on: db).first()
        let headSequence = head?.sequence ?? 0
        if headSequence != last.sequence || (head != nil && head!.hash != last.hash) {
            return .headMismatch(expectedSequence: headSequence, foundSequence: last.sequence)
        }
        return .intact(entries: count)
    }

    /// Newest first, keyset-paginated by sequence.
    public static func page(on db: any Database, personID: String?, actorID: String?, before: Int?, limit: Int) async throws -> [AuditEntry] {
        let query = AuditEventModel.query(on: db).sort(\.$sequence, .descending).limit(limit)
        if let personID { query.filter(\.$personID == personID) }
        if let actorID { query.filter(\.$actorID == actorID) }
        if let before { query.filter(\.$sequence < before) }
        return try await query.all().map(entry)
    }

    /// The newest entries about one record: an organisation record's history.
    public static func history(recordType: String, recordID: String, limit: Int, on db: any Database) async throws -> [AuditEntry] {
        try await AuditEventModel.query(on: db).filter(\.$recordType == recordType).filter(\.$recordID == recordID)
            .sort(\.$sequence, .descending).limit(limit).all().map(entry)
    }
}
