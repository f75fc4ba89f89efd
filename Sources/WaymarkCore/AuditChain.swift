import Foundation

/// One entry of the audit log: who did what to which record, and when.
public struct AuditEntry: Sendable, Equatable {
    public let sequence: Int
    public let at: Date
    public let actorID: String
    public let action: String
    public let recordType: String
    public let recordID: String
    public let personID: String?
    public let detail: String
    public let previousHash: String
    public let hash: String

    public init(sequence: Int, at: Date, actorID: String, action: String, recordType: String, recordID: String,
                personID: String?, detail: String, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actorID = actorID
        self.action = action
        self.recordType = recordType
        self.recordID = recordID
        self.personID = personID
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The hash chain over the audit log. Each entry's hash covers its own fields and the
/// previous entry's hash, so editing, deleting or reordering any row breaks every hash after it.
/// The hash function is passed in so this stays pure Foundation.
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// The exact text that is hashed; field order and separators are part of the contract.
    public static func canonical(sequence: Int, at: Date, actorID: String, action: String, recordType: String,
                                 recordID: String, personID: String?, detail: String, previousHash: String) -> String {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        // "-" for no person and "p:" before an id, so no person and an empty id hash differently.
        return [String(sequence), String(millis), actorID, action, recordType, recordID, personID.map { "p:" + $0 } ?? "-",
                detail, previousHash]
            .map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|") }
            .joined(separator: "|")
    }

    public static func hash(of entry: AuditEntry, using digest: (String) -> String) -> String {
        digest(canonical(sequence: entry.sequence, at: entry.at, actorID: entry.actorID, action: entry.action,
                         recordType: entry.recordType, recordID: entry.recordID, personID: entry.personID,
                         detail: entry.detail, previousHash: entry.previousHash))
    }

    public enum Break: Equatable, Sendable {
        /// The row's content does not match its hash: it was edited.
        case altered(sequence: Int)
        /// The row does not follow on from the one before: a row was removed or reordered.
        case missing(afterSequence: Int, found: Int)
        /// The row's link to the previous hash is wrong.
        case unlinked(sequence: Int)

        public var message: String {
            switch self {
            case .altered(let s): "row \(s) has been altered: its contents no longer match its hash"
            case .missing(let after, let found): "row(s) missing after \(after): next row found is \(found)"
            case .unlinked(let s): "row \(s) does not link to the row before it"
            }
        }
    }

    /// Walks entries in sequence order, continuing from a known-good point; returns the first break.
    public static func verify(_ entries: [AuditEntry], after previous: (sequence: Int, hash: String) = (0, genesis),
                              using digest: (String) -> String) -> Break? {
        var expectedSequence = previous.sequence + 1
        var previousHash = previous.hash
        for entry in entries {
            if entry.sequence != expectedSequence {
                return .missing(afterSequence: expectedSequence - 1, found: entry.sequence)
            }
            if hash(of: entry, using: digest) != entry.hash { return .altered(sequence: entry.sequence) }
            if entry.previousHash != previousHash { return .unlinked(sequence: entry.sequence) }
            previousHash = entry.hash
            expectedSequence += 1
        }
        return nil
    }
}
