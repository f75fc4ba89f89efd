import Fluent
import Foundation
import WaymarkCore

/// Two years of group sessions in every delivery unit and four weeks ahead: co-facilitated by
/// a mentor and a member of staff, booked, with attendance, enforcement decisions and
/// feedback for those that have happened.
extension NationalGenerator {
    func sessions(region r: Int, on db: any Database) async throws {
        let region = regions[r]
        let total = perRegion(scale.sessions)[r]
        let coordinator = region.coordinators[0]
        let mentorsByStart = region.everActive.sorted { $0.activeOn < $1.activeOn }
        // People who might be in a group: anyone on the caseloads except future mentors, by delivery unit.
        var pools = Array(repeating: [Int](), count: region.units.count)
        for index in region.people where !region.mentorPeople.contains(index) { pools[people[index].unit].append(index) }
        let transitionAndHope = region.interventions.firstIndex { $0.name == "Transition and Hope" } ?? 0
        let window = 730, ahead = 28

        for unit in region.units.indices {
            let count = total / region.units.count + (unit < total % region.units.count ? 1 : 0)
            guard count > 0 else { continue }
            var sessions = BulkInsert("group_sessions", columns: ["id", "intervention_id", "intervention_version", "site_id", "area_id", "delivery_unit_id",
                                                                  "date", "start_minutes", "end_minutes", "capacity", "state", "series_id",
                                                                  "created_by_id", "version"], on: db)
            var facilitators: [[any Encodable & Sendable]] = []
            var bookings: [[any Encodable & Sendable]] = []
            var attendances: [[any Encodable & Sendable]] = []
            var feedback: [[any Encodable & Sendable]] = []
            for i in 0..<count {
                let on = -window + i * (window + ahead) / count
                let intervention = chance(50) ? region.interventions[transitionAndHope] : pick(region.interventions)
                let session = uuid()
                let past = on < 0
                let state: SessionState = past ? (chance(3) ? .cancelled : .confirmed) : (chance(70) ? .confirmed : .planned)
                let start = [600, 840, 1_080][i % 3]
                try await sessions.add([session, intervention.id, intervention.version, region.sites[unit], region.areaID, region.units[unit],
                                        day(on), start, start + 120, intervention.capacity, state.rawValue, nil as UUID?, coordinator, 1])
                let eligible = Self.countActive(by: on, in: mentorsByStart)
                if eligible > 0 {
                    let mentor = mentorsByStart[random(eligible)]
                    facilitators.append([uuid(), session, mentor.mentor, mentor.user,
                                         (past || chance(60) ? FacilitatorResponse.accepted : .requested).rawValue, past ? 2 : 1])
                }
                facilitators.append([uuid(), session, nil as UUID?, region.facilitators[unit % region.facilitators.count],
                                     (past || chance(80) ? FacilitatorResponse.accepted : .requested).rawValue, past ? 2 : 1])
                guard state != .cancelled, !pools[unit].isEmpty else { continue }

                // A group of people on an order that covers the day.
                var group = Set<Int>()
                let wanted = random(in: 3...max(3, min(8, intervention.capacity)))
                for _ in 0..<(wanted * 6) where group.count < wanted {
                    let candidate = pick(pools[unit])
                    let person = people[candidate]
                    if person.orderStart <= on, (person.orderEnd ?? Int.max) >= on { group.insert(candidate) }
                }
                var feedbackLeft = 2
                for index in group.sorted() {
                    let person = people[index]
                    let recorder = region.facilitators[unit % region.facilitators.count]
                    bookings.append([uuid(), session, person.id, person.orderID, BookingState.booked.rawValue, moment(on - random(in: 3...20)),
                                     person.practitioner ?? coordinator, 1])
                    guard past else { continue }
                    let roll = random(100)
                    let outcome: AttendanceOutcome = roll < 76 ? .attendedComplied : roll < 84 ? .failedToAttend : roll < 91 ? .acceptableAbsence
                        : roll < 94 ? .attendedFailedToComply : roll < 98 ? .unacceptableAbsence : .sentHomeBehaviour
                    let needsDecision = [.failedToAttend, .unacceptableAbsence, .attendedFailedToComply, .sentHomeBehaviour].contains(outcome)
                    let decided = needsDecision && on < -14
                    let late = outcome == .attendedComplied && chance(5)
                    attendances.append([uuid(), session, person.id, person.orderID, outcome.rawValue,
                                        outcome == .acceptableAbsence ? pick(AbsenceReason.allCases).rawValue : nil as String?,
                                        late, late ? "Bus was late" : nil as String?, nil as String?, needsDecision, recorder, moment(on, hour: 13),
                                        decided ? pick([EnforcementDecision.warningLetter, .referToPractitioner, .noFurtherAction]).rawValue : nil as String?,
                                        nil as String?, decided ? (person.practitioner ?? coordinator) : nil as UUID?, decided ? day(on + 3) : nil as String?,
                                        decided ? 2 : 1])
                    if outcome == .attendedComplied, feedbackLeft > 0 {
                        feedbackLeft -= 1
                        let before = random(in: 1...3)
                        feedback.append([uuid(), session, before, min(5, before + random(in: 0...2)), nil as String?, recorder, moment(on, hour: 13)])
                    }
                }
            }
            try await sessions.flush()
            self.count(sessions)
            let children: [(String, [String], [[any Encodable & Sendable]])] = [
                ("session_facilitators", ["id", "session_id", "mentor_id", "user_id", "response", "version"], facilitators),
                ("session_bookings", ["id", "session_id", "person_id", "order_id", "state", "booked_at", "booked_by_id", "version"], bookings),
                ("attendances", ["id", "session_id", "person_id", "order_id", "outcome", "absence_reason", "late", "late_reason", "behaviour_notes",
                                 "tell_practitioner", "recorded_by_id", "recorded_at", "enforcement_decision", "enforcement_notes",
                                 "enforcement_by_id", "enforcement_on", "version"], attendances),
                ("session_feedback", ["id", "session_id", "before_score", "after_score", "comment", "entered_by_id", "created_at"], feedback),
            ]
            for (table, columns, rows) in children {
                var insert = BulkInsert(table, columns: columns, on: db)
                for row in rows { try await insert.add(row) }
                try await insert.flush()
                self.count(insert)
            }
            regions[r].sessions += count
        }
    }
}
