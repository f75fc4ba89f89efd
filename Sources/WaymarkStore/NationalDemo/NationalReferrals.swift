import Fluent
import Foundation
import WaymarkCore

/// Referrals in every state, matches with their mentors (proposed, active, paused and ended),
/// outcome measures at referral and closure, check-ins, and the contacts logged over each
/// match's life: the bulk of the dataset.
extension NationalGenerator {
    private struct MatchLife {
        let id: UUID
        let started: Int
        let ended: Int?
        let logger: UUID
    }

    func referrals(region r: Int, on db: any Database) async throws {
        let region = regions[r]
        let coordinator = region.coordinators[0]
        let matchTotal = min(perRegion(scale.matches)[r], region.menteePeople.count)
        let mentees = Array(region.menteePeople)
        // The oldest orders give the matches that have ended; the newest, the ones under way.
        let finished = mentees.filter { people[$0].orderEnd != nil }
        let current = mentees.filter { people[$0].orderEnd == nil }.sorted { people[$0].orderStart < people[$1].orderStart }
        let endedTotal = matchTotal * 60 / 100
        let currentTotal = min(matchTotal - endedTotal, current.count)
        var endedPeople = Array(finished.prefix(endedTotal))
        endedPeople += current.prefix(max(0, min(endedTotal - endedPeople.count, current.count - currentTotal)))
        let currentPeople = Array(current.suffix(currentTotal))
        let matched = Set(endedPeople).union(currentPeople)
        let unmatched = mentees.filter { !matched.contains($0) }

        var referralRows = BulkInsert("referrals", columns: ["id", "person_id", "order_id", "referred_by_id", "referred_on", "state", "consent", "needs",
                                                             "goals", "gender_preference", "languages", "availability", "accessibility_needs",
                                                             "exclusions", "high_risk_approved_on", "high_risk_approved_by_id", "withdrawal_reason",
                                                             "closing_summary", "closed_on", "version", "created_at"], on: db)
        var matchRows: [[any Encodable & Sendable]] = []
        var outcomeRows: [[any Encodable & Sendable]] = []
        var checkIns: [[any Encodable & Sendable]] = []
        var lives: [MatchLife] = []
        let sortedEverActive = region.everActive.sorted { $0.activeOn < $1.activeOn }
        var currentCursor = 0
        var load: [UUID: Int] = [:]

        func referral(_ index: Int, state: ReferralState, on referred: Int, closed: Int?, withdrawal: WithdrawalReason? = nil,
                      goals: [String], summary: [GoalResult]? = nil, approved: Bool) async throws -> UUID {
            let person = people[index]
            let id = uuid()
            let needs = Array(Set([pick(Need.allCases), pick(Need.allCases), pick(Need.allCases)])).map(\.rawValue).sorted()
            let summaryText = try summary.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try await referralRows.add([id, person.id, person.orderID, person.practitioner ?? region.practitioners[0], day(referred), state.rawValue, true,
                                        needs.joined(separator: ","), goals.joined(separator: "\n"),
                                        (chance(15) ? GenderPreference.female : chance(10) ? .male : .noPreference).rawValue, "English",
                                        AvailabilitySlot(day: pick([Weekday.monday, .tuesday, .wednesday, .thursday, .friday]), part: pick(DayPart.allCases)).code,
                                        chance(8) ? "Step-free access needed" : nil as String?, "",
                                        approved ? day(referred + 2) : nil as String?, approved ? coordinator : nil as UUID?,
                                        withdrawal?.rawValue, summaryText, closed.map(day), closed == nil ? 2 : 4, moment(referred)])
            return id
        }
        func ratings(improved: Bool) -> String {
            MenteeMeasure.allCases.sorted { $0.rawValue < $1.rawValue }.map { measure in
                let levels = measure.levels
                let rank = improved ? min(levels.count - 1, 1 + random(levels.count)) : random(max(1, levels.count - 1))
                return "\(measure.rawValue)=\(levels[rank].code)"
            }.joined(separator: "\n")
        }
        func addMatch(referral: UUID, person: Int, referred: Int, state: MatchState, proposed: Int, started: Int?, ended: Int?,
                      mentor: (mentor: UUID, activeOn: Int, user: UUID?)) {
            let id = uuid()
            matchRows.append([id, referral, mentor.mentor, state.rawValue, day(proposed), started.map(day), ended.map(day),
                              ended == nil ? nil as String? : pick([MatchEndReason.goalsAchieved, .goalsAchieved, .goalsAchieved, .menteeDisengaged, .orderEnded]).rawValue,
                              state == .active && chance(1) ? "Concern raised" : nil as String?, random(in: 40...95), ended == nil ? 2 : 3])
            outcomeRows.append([uuid(), referral, people[person].id, OutcomeStage.referral.rawValue, day(referred),
                                pick([OutcomeSource.selfReport, .practitionerAssessment]).rawValue, ratings(improved: false), nil as String?,
                                people[person].practitioner ?? coordinator, moment(referred)])
            if let started {
                lives.append(MatchLife(id: id, started: started, ended: ended, logger: mentor.user ?? coordinator))
                if ended == nil, started + 28 < 0 {
                    checkIns.append([id, day(started + 28), "Three-way check-in: meeting weekly and going well", coordinator])
                }
            }
        }

        for index in endedPeople {
            let person = people[index]
            let referred = min(person.orderStart + random(in: 7...40), -100)
            let proposed = referred + random(in: 5...30), started = proposed + random(in: 2...10)
            let ended = min(started + random(in: 90...240), -3)
            let completed = chance(83)
            let goals = Array(DemoReferrals.goals.shuffled(using: &rng).prefix(random(in: 2...3)))
            let results = goals.map { GoalResult(goal: $0, outcome: pick([GoalOutcome.achieved, .achieved, .partiallyAchieved, .notAchieved]), comment: nil) }
            let id = try await referral(index, state: completed ? .completed : .withdrawn, on: referred, closed: ended,
                                        withdrawal: completed ? nil : .personsCircumstances, goals: goals, summary: completed ? results : nil,
                                        approved: person.rosh >= .high)
            let eligible = Self.countActive(by: proposed, in: sortedEverActive)
            let mentor = sortedEverActive[eligible == 0 ? 0 : random(eligible)]
            addMatch(referral: id, person: index, referred: referred, state: .ended, proposed: proposed, started: started, ended: ended, mentor: mentor)
            if completed {
                outcomeRows.append([uuid(), id, person.id, OutcomeStage.closure.rawValue, day(ended), OutcomeSource.practitionerAssessment.rawValue,
                                    ratings(improved: true), nil as String?, person.practitioner ?? coordinator, moment(ended)])
            }
        }
        let pool = region.activeNow.isEmpty ? region.everActive : region.activeNow
        for index in currentPeople {
            let person = people[index]
            let roll = random(100)
            let state: MatchState = roll < 6 ? .proposed : roll < 12 ? .paused : .active
            let referred = state == .proposed ? -random(in: 5...25) : min(max(-random(in: 20...200), person.orderStart + 3), -10)
            let proposed = referred + (state == .proposed ? 3 : random(in: 3...7))
            let goals = Array(DemoReferrals.goals.shuffled(using: &rng).prefix(random(in: 2...3)))
            let id = try await referral(index, state: state == .proposed ? .matched : .onProgramme, on: referred, closed: nil, goals: goals,
                                        approved: person.rosh >= .high)
            // The next mentor in turn with a place free (active mentors take up to 3 mentees).
            var mentor = pool[currentCursor % pool.count]
            for step in 0..<pool.count where (load[pool[(currentCursor + step) % pool.count].mentor] ?? 0) < 3 {
                mentor = pool[(currentCursor + step) % pool.count]
                currentCursor += step
                break
            }
            currentCursor += 1
            load[mentor.mentor, default: 0] += 1
            addMatch(referral: id, person: index, referred: referred, state: state, proposed: proposed,
                     started: state == .proposed ? nil : proposed + 2, ended: nil, mentor: mentor)
        }
        for index in unmatched {
            let person = people[index]
            let goals = Array(DemoReferrals.goals.shuffled(using: &rng).prefix(random(in: 2...3)))
            let roll = random(100)
            let open = person.orderEnd == nil
            if open && roll < 40 {
                _ = try await referral(index, state: .awaitingAllocation, on: max(-random(in: 1...120), person.orderStart + 3), closed: nil, goals: goals, approved: false)
            } else if open && roll < 55 {
                _ = try await referral(index, state: roll < 50 ? .deferred : .deprioritised, on: max(-random(in: 20...200), person.orderStart + 3),
                                       closed: nil, goals: goals, approved: false)
            } else {
                let referred = min(person.orderStart + random(in: 3...60), -12)
                _ = try await referral(index, state: .withdrawn, on: referred, closed: min(referred + random(in: 10...60), -1),
                                       withdrawal: pick(WithdrawalReason.allCases.filter { $0 != .other }), goals: goals, approved: false)
            }
        }
        try await referralRows.flush()
        count(referralRows)
        let children: [(String, [String], [[any Encodable & Sendable]])] = [
            ("matches", ["id", "referral_id", "mentor_id", "state", "proposed_on", "started_on", "ended_on", "end_reason", "review_reason", "score", "version"], matchRows),
            ("outcome_assessments", ["id", "referral_id", "person_id", "stage", "recorded_on", "source", "ratings", "notes", "recorded_by_id", "created_at"], outcomeRows),
        ]
        for (table, columns, rows) in children {
            var insert = BulkInsert(table, columns: columns, on: db)
            for row in rows { try await insert.add(row) }
            try await insert.flush()
            count(insert)
        }
        var checkInRows = BulkInsert("check_ins", columns: ["id", "match_id", "held_on", "notes", "by_id"], on: db)
        for row in checkIns { try await checkInRows.add([uuid()] + row) }
        try await checkInRows.flush()
        count(checkInRows)
        try await contacts(for: lives, total: perRegion(scale.contacts)[r], region: r, coordinator: coordinator, on: db)
        regions[r].referrals = mentees.count
        regions[r].matches = matchRows.count
    }

    /// Shares the region's contacts between its matches in proportion to how long each has run.
    private func contacts(for lives: [MatchLife], total: Int, region r: Int, coordinator: UUID, on db: any Database) async throws {
        guard !lives.isEmpty else { return }
        let lengths = lives.map { max(7, ($0.ended ?? -1) - $0.started) }
        let sum = lengths.reduce(0, +)
        var shares = lengths.map { total * $0 / sum }
        var spare = total - shares.reduce(0, +)
        var i = 0
        while spare > 0 { shares[i % shares.count] += 1; spare -= 1; i += 1 }
        var rows = BulkInsert("contacts", columns: ["id", "match_id", "contact_on", "minutes", "support_types", "place", "notes", "concern",
                                                    "concern_acknowledged_on", "concern_acknowledged_by_id", "logged_by_id", "created_at"], on: db)
        let places = ["Probation office", "Library", "Café", "Community centre", "Jobcentre", "Housing office", "Park", "Phone call"]
        for (life, n) in zip(lives, shares) where n > 0 {
            let last = life.ended ?? -1
            let span = max(1, last - life.started)
            for k in 0..<n {
                let on = min(last, life.started + k * span / n + random(2))
                let types = Array(Set([pick(SupportType.allCases), pick(SupportType.allCases)])).map(\.rawValue).sorted()
                let concern = chance(1) && chance(50)
                let acknowledged = concern && on < -7
                try await rows.add([uuid(), life.id, day(on), 30 + 15 * random(7), types.joined(separator: ","), pick(places),
                                    nil as String?, concern ? "Mentioned money worries and not eating properly" : nil as String?,
                                    acknowledged ? day(on + 2) : nil as String?, acknowledged ? coordinator : nil as UUID?,
                                    life.logger, moment(on, hour: 15)])
            }
            regions[r].contacts += n
        }
        try await rows.flush()
        count(rows)
    }
}
