import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore

/// The data protection officer's duties, shared by the administrator's pages, the CLI and the
/// scheduled retention job. Every write goes through a `WriteGate` with its audit entry.
public enum DataProtectionService {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    // MARK: Subject access

    /// Everything held about a person. Producing it is itself audited.
    public static func subjectAccess(personID: String, actorID: String, at now: Date, gate: WriteGate,
                                     on db: any Database) async throws -> SubjectAccessDocument? {
        guard let document = try await SubjectAccessRepository.document(personID: personID, generatedOn: CalendarDate(now), on: db) else { return nil }
        try await Command.run(gate: gate, db: db, actorID: actorID, at: now) { effects in
            effects.audit("dataProtection.subjectAccess", "person", personID, person: personID, detail: "\(document.recordCount) records")
        }
        return document
    }

    public static func person(crn raw: String, on db: any Database) async throws -> Person? {
        guard let crn = CRN(raw.trimmingCharacters(in: .whitespaces).uppercased()) else {
            throw Failure(description: "Enter a CRN as one letter and six digits, like X123456")
        }
        return try await PeopleRepository.find(crn: crn, on: db)
    }

    struct DocumentDTO: Encodable {
        struct Section: Encodable {
            let title: String
            let explanation: String
            let records: [[String: String]]
            let fieldOrder: [String]
        }
        let personId: String
        let heading: String
        let generatedOn: String
        let sections: [Section]
    }

    public static func json(_ document: SubjectAccessDocument) throws -> Data {
        let dto = DocumentDTO(personId: document.personID, heading: document.heading, generatedOn: document.generatedOn.iso,
                              sections: document.sections.map { s in
            .init(title: s.title, explanation: s.explanation,
                  records: s.records.map { Dictionary($0.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }) },
                  fieldOrder: s.records.first?.fields.map(\.name) ?? [])
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(dto)
    }

    // MARK: Retention

    public struct RetentionItem: Sendable {
        public let facts: RetentionFacts
        public let status: RetentionStatus
        public let years: Int
    }

    /// Everyone's retention status under their provider's setting.
    public static func retentionReview(today: CalendarDate, personID: String? = nil, on db: any Database) async throws -> [RetentionItem] {
        let settings = Dictionary(uniqueKeysWithValues: try await SettingsRepository.all(on: db).map { ($0.providerID, $0.settings.retentionYears) })
        return try await RetentionRepository.facts(personID: personID, on: db).map { facts in
            let years = settings[facts.providerID] ?? RetentionRule.defaultYears
            return RetentionItem(facts: facts, status: RetentionRule.status(facts, years: years, today: today), years: years)
        }
    }

    public struct RetentionRun: Sendable {
        public let expired: [RetentionItem]
        public let held: Int
        public let anonymised: Int
        public let notificationsDeleted: Int
    }

    /// Anonymises every expired record, each in its own audited transaction, unless `dryRun`.
    public static func runRetention(today: CalendarDate, at now: Date, actorID: String, dryRun: Bool, gate: WriteGate,
                                    on db: any Database) async throws -> RetentionRun {
        let review = try await retentionReview(today: today, on: db)
        let expired = review.filter { if case .expired = $0.status { true } else { false } }
        let held = review.filter { [.legalHold, .restricted].contains($0.status) }.count
        guard !dryRun else { return RetentionRun(expired: expired, held: held, anonymised: 0, notificationsDeleted: 0) }
        var done = 0
        for item in expired {
            let anonymised = try await Command.run(gate: gate, db: db, actorID: actorID, at: now) { effects -> Bool in
                // Checked again inside the transaction: a legal hold placed a moment ago wins.
                let protection = try await DataProtectionRepository.protection(personID: item.facts.personID, on: effects.tx)
                guard protection.legalHold == nil, !protection.isRestricted, protection.anonymisedOn == nil else {
                    effects.audit("dataProtection.retentionSkipped", "person", item.facts.personID, person: item.facts.personID,
                                  detail: "held or restricted since the review")
                    return false
                }
                try await RetentionRepository.anonymise(personID: item.facts.personID, on: today, on: effects.tx)
                effects.audit("dataProtection.anonymise", "person", item.facts.personID, person: item.facts.personID,
                              detail: "retention: \(item.status.label)")
                return true
            }
            if anonymised { done += 1 }
        }
        let longest = review.map(\.years).max() ?? RetentionRule.defaultYears
        let cutoff = today.adding(years: -longest).startOfDay
        let deleted = try await gate.write(on: db) { tx in try await RetentionRepository.deleteNotifications(before: cutoff, on: tx) }
        return RetentionRun(expired: expired, held: held, anonymised: done, notificationsDeleted: deleted)
    }

    // MARK: Audit review

    public struct FlaggedAccess: Sendable {
        public let flag: UnusualAccessFlag
        public let userName: String
        public let role: Role?
    }

    /// Days in the last `days` on which someone read unusually many records.
    public static func unusualAccess(days: Int, today: CalendarDate, rule: UnusualAccessRule = UnusualAccessRule(),
                                     on db: any Database) async throws -> [FlaggedAccess] {
        let since = today.adding(days: -days).startOfDay
        let events = try await AuditEventModel.query(on: db).filter(\.$at >= since).filter(\.$personID != nil).all()
            .filter { AuditActions.isRead($0.action) }
        let users = Dictionary(uniqueKeysWithValues: try await UserRepository.all(on: db).map { ($0.id, $0) })
        let people = try await PeopleRepository.find(ids: Array(Set(events.compactMap(\.personID))), on: db)
        let access = events.compactMap { e -> AccessEvent? in
            guard let personID = e.personID, let person = people[personID] else { return nil }
            let outside = users[e.actorID].map { Policy.isOutsideOwnWork($0.actor, person.scope) } ?? false
            return AccessEvent(actorID: e.actorID, personID: personID, day: CalendarDate(e.at), outsideCaseload: outside)
        }
        return rule.flags(access).map { FlaggedAccess(flag: $0, userName: users[$0.actorID]?.name ?? $0.actorID, role: users[$0.actorID]?.role) }
    }

    /// Who has read or changed one person's record, newest first, with their names.
    public static func viewers(personID: String, limit: Int = 200, on db: any Database) async throws -> [(entry: AuditEntry, name: String, role: Role?)] {
        let entries = try await AuditLog.page(on: db, personID: personID, actorID: nil, before: nil, limit: limit)
        let users = Dictionary(uniqueKeysWithValues: try await UserRepository.all(on: db).map { ($0.id, $0) })
        return entries.map { ($0, users[$0.actorID]?.name ?? $0.actorID, users[$0.actorID]?.role) }
    }
}

extension DataProtectionService {
    /// The scheduled job: anonymises what has expired, in the server's own process. Several
    /// instances may run it at once safely (each anonymisation re-checks inside its transaction).
    static func scheduledRun(_ app: Application) async {
        let now = app.waymark.clock()
        if let run = try? await runRetention(today: CalendarDate(now), at: now, actorID: "system:retention", dryRun: false,
                                             gate: app.writeGate, on: app.db) {
            app.logger.notice("Retention: \(run.anonymised) records anonymised, \(run.held) held or restricted, \(run.notificationsDeleted) old notifications deleted")
        }
    }
}

extension DataProtectionService {
    static func protectionAction(_ raw: String) throws(ValidationFailure) -> ProtectionAction {
        guard let action = ProtectionAction(rawValue: raw) else { throw ValidationFailure([FieldError("action", "Select what you want to do")]) }
        return action
    }

    /// Restricts or releases a record, or places or lifts a legal hold: recorded with the reason and audited.
    static func protect(personID: String, action: ProtectionAction, reason: String, expectedVersion: Int, on req: Request) async throws -> Protection {
        try await protect(personID: personID, action: action, reason: reason, expectedVersion: expectedVersion, actorID: try req.user.id,
                          at: req.now, gate: req.application.writeGate, on: req.db)
    }

    /// The same for the CLI, which passes no version: it acts on the status as it finds it.
    public static func protect(personID: String, action: ProtectionAction, reason: String, expectedVersion: Int?, actorID: String,
                               at now: Date, gate: WriteGate, on db: any Database) async throws -> Protection {
        let current = try await DataProtectionRepository.protection(personID: personID, on: db)
        let next = try action.apply(to: current, reason: reason, by: actorID, on: CalendarDate(now))
        try await Command.run(gate: gate, db: db, actorID: actorID, at: now) { effects in
            try await DataProtectionRepository.save(next, personID: personID, expectedVersion: expectedVersion ?? current.version, on: effects.tx)
            effects.audit("dataProtection.\(action.rawValue)", "person", personID, person: personID, detail: reason)
        }
        return next
    }
}
