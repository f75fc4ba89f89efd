import Fluent
import Foundation
import SQLKit
import WaymarkCore

/// What matching needs to know about an area's active mentors, in one SQL statement: their
/// profile, how many mentees they hold and whether they are accredited. Suggestions, the
/// waiting list's demand and capacity, and bulk matching read every active mentor in the area
/// on each request, so this skips building Fluent models (at national scale that decoding,
/// not the database, was most of the waiting list's time).
public enum MatchingFactsRepository {
    public static func activeMentors(areaID: String, on db: any Database) async throws -> [MentorFacts] {
        guard let area = UUID(uuidString: areaID) else { return [] }
        let sql = db as! any SQLDatabase
        let held = MatchState.holdingPlace.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try await sql.raw("""
            SELECT t.id AS id, t.person_id AS person, p.crn AS crn, t.capacity AS capacity, t.delivery_unit_ids AS units,
              t.languages AS languages, t.lived_experience AS lived, t.availability AS availability, t.cleared_high_risk_on AS cleared,
              p.gender AS gender,
              (SELECT COUNT(*) FROM matches m WHERE m.mentor_id = t.id AND m.state IN (\(unsafeRaw: held))) AS held,
              CASE WHEN EXISTS (SELECT 1 FROM accreditations a WHERE a.mentor_id = t.id) THEN 1 ELSE 0 END AS accredited
            FROM mentors t JOIN people p ON p.id = t.person_id
            WHERE p.area_id = \(bind: area) AND t.state = \(bind: MentorState.active.rawValue)
            ORDER BY p.sort_name, t.id
            """).all().map { row in
                func list(_ column: String) throws -> [String] { MentorRepository.list(try row.decode(column: column, as: String.self)) }
                return MentorFacts(mentorID: try row.decode(column: "id", as: UUID.self).uuidString,
                                   personID: try row.decode(column: "person", as: UUID.self).uuidString,
                                   crn: try row.decode(column: "crn", as: String?.self).flatMap(CRN.init), state: .active,
                                   accredited: try row.decode(column: "accredited", as: Int.self) != 0,
                                   capacity: try row.decode(column: "capacity", as: Int.self), activeMatches: try row.decode(column: "held", as: Int.self),
                                   areaID: area.uuidString, deliveryUnitIDs: try list("units"), languages: try list("languages"),
                                   gender: Gender(rawValue: try row.decode(column: "gender", as: String.self)) ?? .notStated,
                                   livedExperience: try list("lived").compactMap(LivedExperience.init),
                                   availability: try list("availability").compactMap(AvailabilitySlot.init),
                                   clearedForHighRisk: try row.decode(column: "cleared", as: String?.self) != nil)
            }
    }

    /// Referrals awaiting allocation in each of the area's delivery units.
    public static func waitingByUnit(areaID: String, on db: any Database) async throws -> [String: Int] {
        guard let area = UUID(uuidString: areaID) else { return [:] }
        var counts: [String: Int] = [:]
        for row in try await (db as! any SQLDatabase).raw("""
            SELECT p.delivery_unit_id AS unit, COUNT(*) AS n FROM referrals r JOIN people p ON p.id = r.person_id
            WHERE p.area_id = \(bind: area) AND r.state = \(bind: ReferralState.awaitingAllocation.rawValue) GROUP BY p.delivery_unit_id
            """).all() {
            counts[try row.decode(column: "unit", as: UUID.self).uuidString] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
