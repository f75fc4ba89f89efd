import Fluent
import Foundation
import WaymarkCore

/// Mentees' outcome assessments (per referral) and mentors' wellbeing self-ratings.
public enum OutcomeRepository {
    static func assessment(_ m: OutcomeAssessmentModel) -> StoredOutcomeAssessment {
        var ratings: [MenteeMeasure: String] = [:]
        for line in m.ratings.split(separator: "\n") {
            let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, let measure = MenteeMeasure(rawValue: pair[0]) { ratings[measure] = pair[1] }
        }
        return StoredOutcomeAssessment(id: m.id!.uuidString, referralID: m.$referral.id.uuidString,
                                       assessment: OutcomeAssessment(stage: OutcomeStage(rawValue: m.stage) ?? .review,
                                                                     recordedOn: CalendarDate(iso: m.recordedOn)!,
                                                                     source: OutcomeSource(rawValue: m.source) ?? .practitionerAssessment,
                                                                     ratings: ratings, notes: m.notes),
                                       recordedByID: m.recordedByID.uuidString)
    }

    public static func add(_ a: OutcomeAssessment, referralID: String, personID: String, by userID: String, at: Date,
                           on db: any Database) async throws -> StoredOutcomeAssessment {
        let m = OutcomeAssessmentModel()
        m.$referral.id = UUID(uuidString: referralID)!
        m.$person.id = UUID(uuidString: personID)!
        m.stage = a.stage.rawValue
        m.recordedOn = a.recordedOn.iso
        m.source = a.source.rawValue
        m.ratings = a.ratings.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: "\n")
        m.notes = a.notes
        m.recordedByID = UUID(uuidString: userID)!
        m.createdAt = at
        try await m.create(on: db)
        return assessment(m)
    }

    /// Oldest first.
    public static func forReferrals(_ referralIDs: [String], on db: any Database) async throws -> [String: [StoredOutcomeAssessment]] {
        let uuids = referralIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        let rows = try await OutcomeAssessmentModel.query(on: db).filter(\.$referral.$id ~~ uuids).sort(\.$recordedOn).sort(\.$createdAt).all()
        return Dictionary(grouping: rows.map(assessment), by: \.referralID)
    }

    public static func addWellbeing(_ r: WellbeingRating, mentorID: String, by userID: String, on db: any Database) async throws {
        let m = WellbeingRatingModel()
        m.$mentor.id = UUID(uuidString: mentorID)!
        m.ratedOn = r.on.iso
        m.score = r.score
        m.measure = r.measure.rawValue
        m.source = r.source.rawValue
        m.notes = r.notes
        m.recordedByID = UUID(uuidString: userID)!
        try await m.create(on: db)
    }

    /// Oldest first, per mentor.
    public static func wellbeing(mentorIDs: [String], on db: any Database) async throws -> [String: [WellbeingRating]] {
        let uuids = mentorIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        let rows = try await WellbeingRatingModel.query(on: db).filter(\.$mentor.$id ~~ uuids).sort(\.$ratedOn).all()
        return Dictionary(grouping: rows, by: { $0.$mentor.id.uuidString }).mapValues { list in
            list.map { WellbeingRating(on: CalendarDate(iso: $0.ratedOn)!, score: $0.score, source: OutcomeSource(rawValue: $0.source) ?? .selfReport, notes: $0.notes,
                                       measure: SelfRatingMeasure(rawValue: $0.measure) ?? .wellbeing) }
        }
    }
}
