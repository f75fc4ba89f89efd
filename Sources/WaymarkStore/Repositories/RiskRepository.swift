import Fluent
import Foundation
import WaymarkCore

public enum RiskRepository {
    static func assessment(_ model: RiskAssessmentModel) -> RiskAssessment? {
        guard let rosh = RoSH(rawValue: model.rosh), let assessed = CalendarDate(iso: model.assessedOn),
              let review = CalendarDate(iso: model.nextReviewDate)
        else { return nil }
        let flags = model.safeguardingFlags.split(separator: ",").compactMap { SafeguardingFlag(rawValue: String($0)) }
        let details = RiskDetails(rosh: rosh, mappaCategory: model.mappaCategory, mappaLevel: model.mappaLevel,
                                  tier: model.tier, safeguardingFlags: flags, assessedOn: assessed,
                                  nextReviewDate: review, notes: model.notes)
        return RiskAssessment(id: model.id!.uuidString, personID: model.$person.id.uuidString, details: details,
                              recordedByID: model.$recordedBy.id.uuidString, version: model.version)
    }

    /// Every assessment, newest first; the first is the current one.
    public static func history(personID: String, on db: any Database) async throws -> [RiskAssessment] {
        guard let uuid = UUID(uuidString: personID) else { return [] }
        return try await RiskAssessmentModel.query(on: db).filter(\.$person.$id == uuid)
            .sort(\.$version, .descending).all().compactMap(assessment)
    }

    public static func current(personIDs: [String], on db: any Database) async throws -> [String: RiskAssessment] {
        let uuids = personIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        let rows = try await RiskAssessmentModel.query(on: db).filter(\.$person.$id ~~ uuids).all().compactMap(assessment)
        var latest: [String: RiskAssessment] = [:]
        for row in rows where (latest[row.personID]?.version ?? 0) < row.version { latest[row.personID] = row }
        return latest
    }

    /// Records a new assessment. `basedOnVersion` is the version the assessor saw (0 for none):
    /// if someone else recorded one meanwhile, theirs would be silently superseded, so refuse.
    public static func record(_ details: RiskDetails, personID: String, recordedByID: String, basedOnVersion: Int,
                              on db: any Database) async throws -> RiskAssessment {
        let current = try await history(personID: personID, on: db).first
        try OptimisticLock.check(current: current?.version ?? 0, submitted: basedOnVersion)
        let model = RiskAssessmentModel()
        model.$person.id = UUID(uuidString: personID)!
        model.rosh = details.rosh.rawValue
        model.mappaCategory = details.mappaCategory
        model.mappaLevel = details.mappaLevel
        model.tier = details.tier
        model.safeguardingFlags = details.safeguardingFlags.map(\.rawValue).joined(separator: ",")
        model.assessedOn = details.assessedOn.iso
        model.nextReviewDate = details.nextReviewDate.iso
        model.notes = details.notes
        model.$recordedBy.id = UUID(uuidString: recordedByID)!
        model.version = (current?.version ?? 0) + 1
        try await model.create(on: db)
        return assessment(model)!
    }
}
