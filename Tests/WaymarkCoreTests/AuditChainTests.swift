import Foundation
import Testing
@testable import WaymarkCore

/// A deterministic stand-in for the real digest: FNV-1a, 64-bit, as 16 lower-case hex digits.
/// Core has no crypto; the chain only needs *some* digest passed in.
enum FNV1a {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

@Suite("Audit hash chain")
struct AuditChainTests {

    static let base = Date(timeIntervalSince1970: 1_795_424_400) // 2026-11-23T09:00:00Z

    /// An entry with its hash computed from its own fields.
    static func sealed(sequence: Int, at: Date, actorID: String, action: String, recordType: String,
                       recordID: String, personID: String?, detail: String, previousHash: String) -> AuditEntry {
        let hash = FNV1a.hex(AuditChain.canonical(sequence: sequence, at: at, actorID: actorID, action: action,
                                                  recordType: recordType, recordID: recordID, personID: personID,
                                                  detail: detail, previousHash: previousHash))
        return AuditEntry(sequence: sequence, at: at, actorID: actorID, action: action, recordType: recordType,
                          recordID: recordID, personID: personID, detail: detail, previousHash: previousHash, hash: hash)
    }

    /// A valid chain of `count` entries starting at sequence 1 from the genesis hash.
    static func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var previous = AuditChain.genesis
        for sequence in 1...count {
            let entry = sealed(sequence: sequence, at: base.addingTimeInterval(TimeInterval(sequence * 60)),
                               actorID: sequence.isMultiple(of: 2) ? "user-coordinator" : "user-practitioner",
                               action: sequence.isMultiple(of: 3) ? "update" : "read", recordType: "person",
                               recordID: "person-\(sequence)", personID: sequence == 4 ? nil : "person-\(sequence)",
                               detail: "viewed record \(sequence)", previousHash: previous)
            entries.append(entry)
            previous = entry.hash
        }
        return entries
    }

    /// A copy of `entry` with some fields changed; its stored hash is kept unless `reseal` is set.
    static func edited(_ entry: AuditEntry, sequence: Int? = nil, at: Date? = nil, actorID: String? = nil,
                       action: String? = nil, recordType: String? = nil, recordID: String? = nil,
                       personID: String?? = nil, detail: String? = nil, previousHash: String? = nil,
                       reseal: Bool = false) -> AuditEntry {
        let fields = (sequence: sequence ?? entry.sequence, at: at ?? entry.at, actorID: actorID ?? entry.actorID,
                      action: action ?? entry.action, recordType: recordType ?? entry.recordType,
                      recordID: recordID ?? entry.recordID, personID: personID ?? entry.personID,
                      detail: detail ?? entry.detail, previousHash: previousHash ?? entry.previousHash)
        if reseal {
            return sealed(sequence: fields.sequence, at: fields.at, actorID: fields.actorID, action: fields.action,
                          recordType: fields.recordType, recordID: fields.recordID, personID: fields.personID,
                          detail: fields.detail, previousHash: fields.previousHash)
        }
        return AuditEntry(sequence: fields.sequence, at: fields.at, actorID: fields.actorID, action: fields.action,
                          recordType: fields.recordType, recordID: fields.recordID, personID: fields.personID,
                          detail: fields.detail, previousHash: fields.previousHash, hash: entry.hash)
    }

    static func verify(_ entries: [AuditEntry]) -> AuditChain.Break? {
        AuditChain.verify(entries, using: FNV1a.hex)
    }

    // MARK: The test digest itself

    @Test("The test digest is FNV-1a 64 (published test vectors)")
    func digestVectors() {
        #expect(FNV1a.hex("") == "cbf29ce484222325")
        #expect(FNV1a.hex("a") == "af63dc4c8601ec8c")
        #expect(FNV1a.hex("foobar") == "85944171f73967e8")
    }

    // MARK: An intact chain

    @Test("An intact chain verifies", arguments: [1, 2, 5, 20])
    func intact(count: Int) {
        #expect(Self.verify(Self.chain(count)) == nil)
    }

    @Test("An empty log verifies")
    func empty() {
        #expect(Self.verify([]) == nil)
    }

    @Test("The first row links to the genesis hash of 64 zeros")
    func genesis() {
        #expect(AuditChain.genesis == String(repeating: "0", count: 64))
        #expect(Self.chain(3).first?.previousHash == AuditChain.genesis)
    }

    @Test("Each row's hash is the digest of its canonical text, and the next row links to it")
    func links() {
        let entries = Self.chain(4)
        for entry in entries {
            #expect(AuditChain.hash(of: entry, using: FNV1a.hex) == entry.hash)
        }
        for (earlier, later) in zip(entries, entries.dropFirst()) {
            #expect(later.previousHash == earlier.hash)
        }
        #expect(Set(entries.map(\.hash)).count == entries.count)
    }

    @Test("Verification can continue from a known-good row")
    func continues() {
        let entries = Self.chain(6)
        let tail = Array(entries[3...])
        #expect(AuditChain.verify(tail, after: (sequence: 3, hash: entries[2].hash), using: FNV1a.hex) == nil)
        #expect(AuditChain.verify(tail, after: (sequence: 3, hash: entries[1].hash), using: FNV1a.hex)
                == AuditChain.Break.unlinked(sequence: 4))
        #expect(AuditChain.verify(tail, after: (sequence: 2, hash: entries[1].hash), using: FNV1a.hex)
                == AuditChain.Break.missing(afterSequence: 2, found: 4))
    }

    // MARK: Edited rows

    enum Field: String, CaseIterable, Sendable {
        case at, actorID, action, recordType, recordID, personID, personIDRemoved, detail
    }

    @Test("Editing any field of a row is detected at that row", arguments: AuditChainTests.Field.allCases)
    func altered(field: Field) {
        var entries = Self.chain(5)
        let row = entries[2]
        entries[2] = switch field {
        case .at: Self.edited(row, at: row.at.addingTimeInterval(1))
        case .actorID: Self.edited(row, actorID: "someone-else")
        case .action: Self.edited(row, action: "delete")
        case .recordType: Self.edited(row, recordType: "order")
        case .recordID: Self.edited(row, recordID: "person-99")
        case .personID: Self.edited(row, personID: .some("person-99"))
        case .personIDRemoved: Self.edited(row, personID: .some(nil))
        case .detail: Self.edited(row, detail: "nothing to see")
        }
        #expect(Self.verify(entries) == AuditChain.Break.altered(sequence: 3))
    }

    @Test("Editing the first or the last row is detected")
    func alteredEnds() {
        var first = Self.chain(4)
        first[0] = Self.edited(first[0], detail: "edited")
        #expect(Self.verify(first) == AuditChain.Break.altered(sequence: 1))

        var last = Self.chain(4)
        last[3] = Self.edited(last[3], actorID: "edited")
        #expect(Self.verify(last) == AuditChain.Break.altered(sequence: 4))
    }

    @Test("A stored hash that was changed is detected")
    func hashReplaced() {
        var entries = Self.chain(3)
        let row = entries[1]
        entries[1] = AuditEntry(sequence: row.sequence, at: row.at, actorID: row.actorID, action: row.action,
                                recordType: row.recordType, recordID: row.recordID, personID: row.personID,
                                detail: row.detail, previousHash: row.previousHash, hash: FNV1a.hex("forged"))
        #expect(Self.verify(entries) == AuditChain.Break.altered(sequence: 2))
    }

    @Test("An edited row whose hash was recomputed breaks the link from the next row")
    func alteredAndResealed() {
        var entries = Self.chain(5)
        entries[2] = Self.edited(entries[2], detail: "nothing to see", reseal: true)
        #expect(Self.verify(entries) == AuditChain.Break.unlinked(sequence: 4))
    }

    // MARK: Removed and reordered rows

    @Test("A removed middle row is reported as missing")
    func removedMiddle() {
        var entries = Self.chain(5)
        entries.remove(at: 2)
        #expect(Self.verify(entries) == AuditChain.Break.missing(afterSequence: 2, found: 4))
    }

    @Test("A removed first row is reported as missing")
    func removedFirst() {
        var entries = Self.chain(5)
        entries.removeFirst()
        #expect(Self.verify(entries) == AuditChain.Break.missing(afterSequence: 0, found: 2))
    }

    @Test("Several removed rows are reported from the first gap")
    func removedSeveral() {
        let entries = Self.chain(8)
        let kept = [entries[0], entries[1], entries[5], entries[6], entries[7]]
        #expect(Self.verify(kept) == AuditChain.Break.missing(afterSequence: 2, found: 6))
    }

    @Test("Reordered rows are detected")
    func reordered() {
        var entries = Self.chain(5)
        entries.swapAt(1, 2)
        #expect(Self.verify(entries) == AuditChain.Break.missing(afterSequence: 1, found: 3))
    }

    @Test("A duplicated row is detected")
    func duplicated() {
        var entries = Self.chain(4)
        entries.insert(entries[1], at: 2)
        #expect(Self.verify(entries) == AuditChain.Break.missing(afterSequence: 2, found: 2))
    }

    @Test("A removed row hidden by renumbering the rest is still detected by the broken link")
    func removedAndRenumbered() {
        let entries = Self.chain(5)
        // Row 3 deleted; rows 4 and 5 renumbered 3 and 4 and resealed, keeping their links.
        let renumbered = [entries[0], entries[1],
                          Self.edited(entries[3], sequence: 3, reseal: true),
                          Self.edited(entries[4], sequence: 4, reseal: true)]
        #expect(Self.verify(renumbered) == AuditChain.Break.unlinked(sequence: 3))
    }

    // MARK: Broken links

    @Test("A row pointing at the wrong previous hash is unlinked")
    func swappedPreviousHash() {
        var entries = Self.chain(5)
        entries[2] = Self.edited(entries[2], previousHash: entries[0].hash, reseal: true)
        #expect(Self.verify(entries) == AuditChain.Break.unlinked(sequence: 3))
    }

    @Test("Changing the previous hash without resealing is an alteration")
    func previousHashEditedOnly() {
        var entries = Self.chain(5)
        entries[2] = Self.edited(entries[2], previousHash: entries[0].hash)
        #expect(Self.verify(entries) == AuditChain.Break.altered(sequence: 3))
    }

    @Test("A first row that does not start from genesis is unlinked")
    func firstRowNotFromGenesis() {
        var entries = Self.chain(3)
        entries[0] = Self.edited(entries[0], previousHash: FNV1a.hex("elsewhere"), reseal: true)
        #expect(Self.verify(entries) == AuditChain.Break.unlinked(sequence: 1))
    }

    // MARK: Canonical text

    @Test("The canonical text is the nine fields, in order, separated by |")
    func canonicalText() {
        let text = AuditChain.canonical(sequence: 7, at: Date(timeIntervalSince1970: 1_795_424_400.123),
                                        actorID: "user-1", action: "read", recordType: "person",
                                        recordID: "person-1", personID: "person-1", detail: "opened record",
                                        previousHash: "abc123")
        #expect(text == "7|1795424400123|user-1|read|person|person-1|p:person-1|opened record|abc123")
    }

    @Test("A missing person is written as -, and an empty id differently, so one cannot be edited into the other")
    func canonicalNoPerson() {
        let text = AuditChain.canonical(sequence: 1, at: Date(timeIntervalSince1970: 0), actorID: "a", action: "b",
                                        recordType: "c", recordID: "d", personID: nil, detail: "e", previousHash: "f")
        #expect(text == "1|0|a|b|c|d|-|e|f")
        let empty = AuditChain.canonical(sequence: 1, at: Date(timeIntervalSince1970: 0), actorID: "a", action: "b",
                                         recordType: "c", recordID: "d", personID: "", detail: "e", previousHash: "f")
        #expect(empty != text)
    }

    @Test("Time is hashed to the millisecond")
    func canonicalMillis() {
        func text(_ seconds: TimeInterval) -> String {
            AuditChain.canonical(sequence: 1, at: Date(timeIntervalSince1970: seconds), actorID: "a", action: "b",
                                 recordType: "c", recordID: "d", personID: nil, detail: "e", previousHash: "f")
        }
        #expect(text(1.0) != text(1.001))
        #expect(text(1.0004) == text(1.0))
        #expect(text(1.0006) == text(1.001))
    }

    @Test("| and \\ inside a field are escaped")
    func canonicalEscapes() {
        let text = AuditChain.canonical(sequence: 1, at: Date(timeIntervalSince1970: 0), actorID: #"a|b"#,
                                        action: "read", recordType: "person", recordID: "p1", personID: "p1",
                                        detail: #"c\d|e\|f"#, previousHash: "h")
        #expect(text == #"1|0|a\|b|read|person|p1|p:p1|c\\d\|e\\\|f|h"#)
    }

    /// Without escaping, moving a `|` from one field into the next would produce the same text,
    /// so a row could be rewritten (e.g. its action changed) without changing its hash.
    @Test("Field boundaries cannot be forged by moving a separator", arguments: [
        (("alice|delete", "person"), ("alice", "delete|person")),
        (("alice|", "read"), ("alice", "|read")),
        ((#"alice\"#, "|read"), (#"alice\|"#, "read")),
        ((#"alice\"#, "read"), (#"alice\|read"#, "")),
    ] as [((String, String), (String, String))])
    func boundariesCannotBeForged(first: (String, String), second: (String, String)) {
        func text(_ actorID: String, _ action: String) -> String {
            AuditChain.canonical(sequence: 1, at: Date(timeIntervalSince1970: 0), actorID: actorID, action: action,
                                 recordType: "person", recordID: "p1", personID: "p1", detail: "d", previousHash: "h")
        }
        #expect(text(first.0, first.1) != text(second.0, second.1))
    }

    /// If only `|` were escaped, `a\|b` could be read as the field `a\` then `b`, or as the one
    /// field `a|b`; these two rows would then share a canonical text (and a hash).
    @Test("The escape character is itself escaped, so an escaped | cannot be confused with a separator")
    func escapeIsEscaped() {
        let first = AuditChain.canonical(sequence: 1, at: Date(timeIntervalSince1970: 0), actorID: #"a\"#, action: "b",
                                         recordType: "c", recordID: "d", personID: "e", detail: "x",
                                         previousHash: "y|z")
        let second = AuditChain.canonical(sequence: 1, at: Date(timeIntervalSince1970: 0), actorID: "a|b", action: "c",
                                          recordType: "d", recordID: "e", personID: "x", detail: #"y\"#,
                                          previousHash: "z")
        #expect(first != second)
        #expect(first == #"1|0|a\\|b|c|d|p:e|x|y\|z"#)
        #expect(second == #"1|0|a\|b|c|d|e|p:x|y\\|z"#)
    }

    @Test("A row rewritten by shifting text across a separator fails verification")
    func shiftedSeparatorDetected() {
        var entries = Self.chain(3)
        let row = Self.sealed(sequence: 2, at: entries[1].at, actorID: "alice|delete", action: "person",
                              recordType: "person", recordID: "p1", personID: "p1", detail: "d",
                              previousHash: entries[0].hash)
        entries[1] = row
        entries[2] = Self.edited(entries[2], previousHash: row.hash, reseal: true)
        #expect(Self.verify(entries) == nil)
        // The same characters, with the separator moved into the next field.
        entries[1] = Self.edited(row, actorID: "alice", action: "delete|person")
        #expect(Self.verify(entries) == AuditChain.Break.altered(sequence: 2))
    }

    // MARK: Messages

    @Test("Each break explains itself")
    func messages() {
        #expect(AuditChain.Break.altered(sequence: 12).message
                == "row 12 has been altered: its contents no longer match its hash")
        #expect(AuditChain.Break.missing(afterSequence: 4, found: 7).message
                == "row(s) missing after 4: next row found is 7")
        #expect(AuditChain.Break.unlinked(sequence: 9).message == "row 9 does not link to the row before it")
    }
}
