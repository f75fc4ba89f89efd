import Fluent
import Foundation
import WaymarkCore

/// People a mentor must never meet (their own co-defendants, victims, known associates).
public enum MentorExclusionRepository {
    public static func exclusions(mentorIDs: [String], on db: any Database) async throws -> [String: [Exclusion]] {
        let uuids = mentorIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        var out: [String: [Exclusion]] = [:]
        for m in try await MentorExclusionModel.query(on: db).filter(\.$mentor.$id ~~ uuids).all() {
            guard let crn = CRN(m.crn), let kind = ExclusionKind(rawValue: m.kind) else { continue }
            out[m.$mentor.id.uuidString, default: []].append(Exclusion(crn: crn, kind: kind))
        }
        return out
    }

    public static func replace(mentorID: String, with list: [Exclusion], on db: any Database) async throws {
        guard let uuid = UUID(uuidString: mentorID) else { return }
        try await MentorExclusionModel.query(on: db).filter(\.$mentor.$id == uuid).delete()
        for e in list {
            let m = MentorExclusionModel()
            m.$mentor.id = uuid
            m.crn = e.crn.value
            m.kind = e.kind.rawValue
            try await m.create(on: db)
        }
    }
}
