import Fluent
import Foundation
import WaymarkCore

public enum CaseStudyRepository {
    static func study(_ m: CaseStudyModel) -> CaseStudy {
        CaseStudy(id: m.id!.uuidString, areaID: m.$area.id.uuidString, personID: m.$person.id.uuidString,
                  subject: CaseStudySubject(rawValue: m.subject) ?? .mentee, kind: CaseStudyKind(rawValue: m.kind) ?? .story,
                  pseudonym: m.pseudonym, title: m.title, text: m.text,
                  consent: Consent(uses: Set(m.consentUses.split(separator: ",").compactMap { ConsentUse(rawValue: String($0)) }),
                                   givenOn: CalendarDate(iso: m.consentGivenOn)!, withdrawnOn: m.consentWithdrawnOn.flatMap(CalendarDate.init(iso:))),
                  approvedOn: m.approvedOn.flatMap(CalendarDate.init(iso:)), approvedByID: m.approvedByID?.uuidString, version: m.version)
    }

    public static func create(_ v: CaseStudyDraft.Valid, areaID: String, personID: String, by userID: String, on db: any Database) async throws -> CaseStudy {
        let m = CaseStudyModel()
        m.$area.id = UUID(uuidString: areaID)!
        m.$person.id = UUID(uuidString: personID)!
        m.subject = v.subject.rawValue
        m.kind = v.kind.rawValue
        m.pseudonym = v.pseudonym
        m.title = v.title
        m.text = v.text
        m.consentUses = v.consent.uses.map(\.rawValue).sorted().joined(separator: ",")
        m.consentGivenOn = v.consent.givenOn.iso
        m.createdByID = UUID(uuidString: userID)!
        m.version = 1
        try await m.create(on: db)
        return study(m)
    }

    public static func find(id: String, on db: any Database) async throws -> CaseStudy? {
        guard let uuid = UUID(uuidString: id), let m = try await CaseStudyModel.find(uuid, on: db) else { return nil }
        return study(m)
    }

    /// Newest consent first.
    public static func list(areas: Set<String>, personID: String? = nil, on db: any Database) async throws -> [CaseStudy] {
        let uuids = areas.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        var query = CaseStudyModel.query(on: db).filter(\.$area.$id ~~ uuids)
        if let personID, let uuid = UUID(uuidString: personID) { query = query.filter(\.$person.$id == uuid) }
        return try await query.sort(\.$consentGivenOn, .descending).all().map(study)
    }

    /// Approves, or withdraws consent: both check the version the coordinator saw.
    public static func approve(id: String, by userID: String, on date: CalendarDate, expectedVersion: Int, on db: any Database) async throws -> CaseStudy? {
        try await update(id: id, expectedVersion: expectedVersion, on: db) { m in
            m.approvedOn = date.iso
            m.approvedByID = UUID(uuidString: userID)
        }
    }

    public static func withdrawConsent(id: String, on date: CalendarDate, expectedVersion: Int, on db: any Database) async throws -> CaseStudy? {
        try await update(id: id, expectedVersion: expectedVersion, on: db) { $0.consentWithdrawnOn = date.iso }
    }

    static func update(id: String, expectedVersion: Int, on db: any Database, _ change: (CaseStudyModel) throws -> Void) async throws -> CaseStudy? {
        guard let uuid = UUID(uuidString: id), let m = try await CaseStudyModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        try change(m)
        m.version += 1
        try await m.save(on: db)
        return study(m)
    }
}
