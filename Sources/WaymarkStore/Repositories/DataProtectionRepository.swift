import Fluent
import Foundation
import WaymarkCore

/// Raised when a change would touch a restricted or anonymised person's record.
public struct RecordRestricted: Error, Sendable {
    public let personID: String
    /// Anonymised under the retention policy, rather than restricted while disputed.
    public let anonymised: Bool
}

/// Sharing decisions, corrections, and a person's data protection status.
public enum DataProtectionRepository {
    // MARK: Sharing decisions

    static func decision(_ m: SharingDecisionModel) -> SharingDecision {
        SharingDecision(id: m.id!.uuidString, referralID: m.$referral.id.uuidString,
                        choice: SharingChoice(items: m.items.split(separator: ",").compactMap { SharingItem(rawValue: String($0)) },
                                              contactArrangements: m.contactArrangements, note: m.note),
                        decidedByID: m.decidedByID.uuidString, decidedOn: CalendarDate(iso: m.decidedOn)!, sequence: m.sequence)
    }

    /// Every decision for a referral, newest first; the first is the one in force.
    public static func sharingHistory(referralID: String, on db: any Database) async throws -> [SharingDecision] {
        guard let uuid = UUID(uuidString: referralID) else { return [] }
        return try await SharingDecisionModel.query(on: db).filter(\.$referral.$id == uuid).sort(\.$sequence, .descending).all().map(decision)
    }

    public static func currentSharing(referralID: String, on db: any Database) async throws -> SharingDecision? {
        try await sharingHistory(referralID: referralID, on: db).first
    }

    /// Records a new decision. `expectedSequence` is the decision the practitioner saw (0 for
    /// none), so two practitioners deciding at once cannot silently overwrite each other.
    public static func decide(_ choice: SharingChoice, referralID: String, by userID: String, on date: CalendarDate,
                              expectedSequence: Int, on db: any Database) async throws -> SharingDecision {
        let current = try await currentSharing(referralID: referralID, on: db)
        try OptimisticLock.check(current: current?.sequence ?? 0, submitted: expectedSequence)
        let m = SharingDecisionModel()
        m.$referral.id = UUID(uuidString: referralID)!
        m.sequence = (current?.sequence ?? 0) + 1
        m.items = choice.items.map(\.rawValue).joined(separator: ",")
        m.contactArrangements = choice.contactArrangements
        m.note = choice.note
        m.decidedByID = UUID(uuidString: userID)!
        m.decidedOn = date.iso
        try await m.create(on: db)
        return decision(m)
    }

    // MARK: Corrections

    public static func recordCorrections(_ changes: [FieldChange], personID: String, recordType: String, recordID: String,
                                         reason: String?, by userID: String, at now: Date, on db: any Database) async throws {
        for change in changes {
            let m = CorrectionModel()
            m.$person.id = UUID(uuidString: personID)!
            m.recordType = recordType
            m.recordID = recordID
            m.field = change.field
            m.label = change.label
            m.previous = change.previous
            m.new = change.new
            m.reason = reason
            m.byID = UUID(uuidString: userID)!
            m.correctedOn = CalendarDate(now).iso
            m.createdAt = now
            try await m.create(on: db)
        }
    }

    /// Newest first.
    public static func corrections(personID: String, on db: any Database) async throws -> [Correction] {
        guard let uuid = UUID(uuidString: personID) else { return [] }
        return try await CorrectionModel.query(on: db).filter(\.$person.$id == uuid).sort(\.$createdAt, .descending).all().map { m in
            Correction(id: m.id!.uuidString, personID: personID, recordType: m.recordType, recordID: m.recordID,
                       change: FieldChange(field: m.field, label: m.label, previous: m.previous, new: m.new), reason: m.reason,
                       byID: m.byID.uuidString, on: CalendarDate(iso: m.correctedOn)!)
        }
    }

    // MARK: Restriction, legal hold, anonymisation

    static func protection(_ m: PersonProtectionModel) -> Protection {
        func hold(_ on: String?, _ reason: String?, _ by: UUID?) -> Protection.Hold? {
            guard let on, let date = CalendarDate(iso: on) else { return nil }
            return Protection.Hold(since: date, reason: reason ?? "", byID: by?.uuidString ?? "")
        }
        return Protection(restriction: hold(m.restrictedOn, m.restrictionReason, m.restrictedByID),
                          legalHold: hold(m.legalHoldOn, m.legalHoldReason, m.legalHoldByID),
                          anonymisedOn: m.anonymisedOn.flatMap(CalendarDate.init(iso:)), version: m.version)
    }

    public static func protection(personID: String, on db: any Database) async throws -> Protection {
        guard let uuid = UUID(uuidString: personID) else { return .none }
        return try await PersonProtectionModel.query(on: db).filter(\.$person.$id == uuid).first().map(protection) ?? .none
    }

    /// Only people with a status: everyone else has `Protection.none`.
    public static func protections(on db: any Database) async throws -> [String: Protection] {
        Dictionary(uniqueKeysWithValues: try await PersonProtectionModel.query(on: db).all().map { ($0.$person.id.uuidString, protection($0)) })
    }

    /// Why changes to this person's record are refused, if they are: restricted, or anonymised
    /// (changing an anonymised record could put back what retention removed).
    public static func frozen(personID: String, on db: any Database) async throws -> RecordRestricted? {
        guard let uuid = UUID(uuidString: personID),
              let row = try await PersonProtectionModel.query(on: db).filter(\.$person.$id == uuid).first() else { return nil }
        if row.anonymisedOn != nil { return RecordRestricted(personID: personID, anonymised: true) }
        if row.restrictedOn != nil { return RecordRestricted(personID: personID, anonymised: false) }
        return nil
    }

    public static func save(_ p: Protection, personID: String, expectedVersion: Int, on db: any Database) async throws {
        let uuid = UUID(uuidString: personID)!
        let row = try await PersonProtectionModel.query(on: db).filter(\.$person.$id == uuid).first()
        try OptimisticLock.check(current: row?.version ?? 0, submitted: expectedVersion)
        let m = row ?? PersonProtectionModel()
        m.$person.id = uuid
        m.restrictedOn = p.restriction?.since.iso
        m.restrictionReason = p.restriction?.reason
        m.restrictedByID = p.restriction.flatMap { UUID(uuidString: $0.byID) }
        m.legalHoldOn = p.legalHold?.since.iso
        m.legalHoldReason = p.legalHold?.reason
        m.legalHoldByID = p.legalHold.flatMap { UUID(uuidString: $0.byID) }
        m.anonymisedOn = p.anonymisedOn?.iso
        m.version = (row?.version ?? 0) + 1
        try await m.save(on: db)
    }
}
