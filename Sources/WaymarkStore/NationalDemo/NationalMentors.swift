import Fluent
import Foundation
import WaymarkCore

/// Mentors at every stage of the journey, with what got them there: risk reviews and
/// declarations, a place on one of each delivery unit's quarterly Level 2 cohorts, the award,
/// wellbeing ratings, hours, and for those who moved on, the steps into work.
struct MentorPlan {
    let state: MentorState
    /// The day (offset from today) the practitioner recommended them.
    let recommended: Int
    /// Which of their delivery unit's cohorts they trained on: 0 is the one running now.
    let cohort: Int?
}

extension NationalGenerator {
    /// Cohorts start every 13 weeks in each delivery unit; the latest began two weeks ago.
    static func cohortStart(_ k: Int) -> Int { -14 - 91 * k }
    static let cohortsPerUnit = 9

    /// How many of `mentors` (sorted by the day they became active) were active by `day`.
    static func countActive(by day: Int, in mentors: [(mentor: UUID, activeOn: Int, user: UUID?)]) -> Int {
        var low = 0, high = mentors.count
        while low < high {
            let mid = (low + high) / 2
            if mentors[mid].activeOn <= day { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func planMentor() -> MentorPlan {
        let roll = random(100)
        func trainedOn(_ k: Int) -> MentorPlan {
            let state: MentorState = roll < 72 ? .active : roll < 77 ? .paused : roll < 79 ? .suspended : .movedOn
            return MentorPlan(state: state, recommended: Self.cohortStart(k) - random(in: 30...60), cohort: k)
        }
        switch roll {
        case ..<5: return MentorPlan(state: .recommended, recommended: -random(in: 1...45), cohort: nil)
        case ..<10: return MentorPlan(state: .eligible, recommended: -random(in: 20...80), cohort: nil)
        case ..<13: return MentorPlan(state: .ineligible, recommended: -random(in: 10...300), cohort: nil)
        case ..<21: return MentorPlan(state: .withdrawn, recommended: -random(in: 60...700), cohort: nil)
        case ..<28: return MentorPlan(state: .inTraining, recommended: Self.cohortStart(0) - random(in: 30...60), cohort: 0)
        case ..<33: return MentorPlan(state: .trained, recommended: Self.cohortStart(1) - random(in: 30...60), cohort: 1)
        default: return trainedOn(random(in: 2...(Self.cohortsPerUnit - 1)))
        }
    }

    static let moveReasons: [MentorState: String] = [
        .recommended: "Recommended by their practitioner",
        .eligible: "Meets the rules: order finished recently, risk reviewed by practitioner and coordinator, declarations made",
        .ineligible: "Their risk assessment is not yet suitable for mentoring",
        .inTraining: "Enrolled on the Level 2 peer mentoring course",
        .trained: "Completed training: attendance met and assessment passed",
        .active: "Accredited: Level 2 Award in Peer Mentoring",
        .paused: "Asked for a break while starting college",
        .suspended: "Risk level changed: under review with their practitioner",
        .movedOn: "Started paid work",
        .withdrawn: "Decided the role was not for them at this time",
    ]

    func mentors(region r: Int, on db: any Database) async throws {
        let region = regions[r]
        let coordinator = region.coordinators[0]
        var cohorts = BulkInsert("cohorts", columns: ["id", "area_id", "site_id", "name", "start_date", "sessions", "trainers", "created_at"], on: db)
        var unitCohorts: [[(id: UUID, start: Int)]] = []
        for unit in region.units.indices {
            var list: [(id: UUID, start: Int)] = []
            for k in 0..<Self.cohortsPerUnit {
                let id = uuid(), start = Self.cohortStart(k)
                let date = day(start)
                let month = Int(date.dropFirst(5).prefix(2)) ?? 1
                try await cohorts.add([id, region.areaID, region.sites[unit], "Level 2 peer mentoring, \(CalendarDate.monthNames[month - 1]) \(date.prefix(4)) (\(region.region.units[unit]))",
                                       date, 12, "A tutor and a peer trainer", moment(start - 30)])
                list.append((id, start))
            }
            unitCohorts.append(list)
        }
        try await cohorts.flush()
        count(cohorts)
        regions[r].cohorts = unitCohorts

        // Rows are collected, then written parents first (users, mentors, then what refers to them).
        var userRows: [[any Encodable & Sendable]] = []
        var userAreas: [(UUID, UUID)] = []
        var mentorRows: [[any Encodable & Sendable]] = []
        let mentorColumns = ["id", "person_id", "state", "recommended_by_id", "recommended_on", "recommendation_reason",
                                                      "capacity", "availability", "delivery_unit_ids", "languages", "lived_experience",
                                                      "cleared_high_risk_on", "cleared_high_risk_by_id", "user_id", "trained_on",
                                                      "state_before_suspension", "moved_on_destination", "name_on_invitations", "version",
                                                      "created_at", "updated_at"]
        var moves: [[any Encodable & Sendable]] = []
        var reviews: [[any Encodable & Sendable]] = []
        var declarations: [[any Encodable & Sendable]] = []
        var enrolments: [[any Encodable & Sendable]] = []
        var accreditations: [[any Encodable & Sendable]] = []
        var steps: [[any Encodable & Sendable]] = []
        var offences: [[any Encodable & Sendable]] = []
        var ratings: [[any Encodable & Sendable]] = []
        var hours: [[any Encodable & Sendable]] = []
        let languages = region.region.slug == "wales" ? ["English", "English,Welsh"] : region.region.slug == "london" ? ["English", "English,Somali", "English,Polish"] : ["English", "English,Urdu"]
        var mentorNumber = 0

        for index in region.mentorPeople {
            guard let plan = mentorPlans[index] else { continue }
            let person = people[index]
            let practitioner = person.practitioner ?? region.practitioners[0]
            let mentor = uuid()
            // The path each mentor took, with the day of each move.
            var path: [(MentorState, Int)] = [(.recommended, plan.recommended)]
            let eligibleOn = plan.recommended + 14
            var trainedOn: Int?, activeOn: Int?
            switch plan.state {
            case .recommended: break
            case .ineligible: path.append((.ineligible, plan.recommended + 7))
            case .eligible: path.append((.eligible, eligibleOn))
            case .withdrawn: path += [(.eligible, eligibleOn), (.withdrawn, plan.recommended + 40)]
            default:
                let start = Self.cohortStart(plan.cohort ?? 0)
                path += [(.eligible, eligibleOn), (.inTraining, start)]
                if plan.state != .inTraining {
                    trainedOn = start + 84
                    path.append((.trained, start + 84))
                }
                if [.active, .paused, .suspended, .movedOn].contains(plan.state) {
                    activeOn = start + 98
                    path.append((.active, start + 98))
                    if plan.state != .active { path.append((plan.state, random(in: (start + 130)...(-2)))) }
                }
            }
            var user: UUID?
            if trainedOn != nil {
                mentorNumber += 1
                let id = uuid()
                let firstActive = plan.state == .active && !signIns.contains { $0.email == "mentor.\(region.region.short)@waymark.example" }
                let email = firstActive ? "mentor.\(region.region.short)@waymark.example" : "mentor\(mentorNumber).\(region.region.short)@waymark.example"
                let (first, last) = personName(female: chance(30))
                userRows.append([id, email, "\(first) \(last)", Role.mentor.rawValue, passwordHash, plan.state != .movedOn, moment(trainedOn ?? 0)])
                userAreas.append((id, region.areaID))
                if firstActive { signIns.append(DemoData.SignIn(email: email, role: .mentor, area: region.region.name)) }
                user = id
            }
            let slots = [AvailabilitySlot(day: pick(Weekday.allCases.filter { $0 != .sunday }), part: pick(DayPart.allCases)),
                         AvailabilitySlot(day: pick([Weekday.tuesday, .wednesday, .thursday]), part: .afternoon)]
            let experience = Array(Set([pick(LivedExperience.allCases), pick(LivedExperience.allCases)])).map(\.rawValue).sorted()
            let unitIDs = [region.units[person.unit]] + (chance(30) ? [region.units[(person.unit + 1) % region.units.count]] : [])
            let movedOnDestination: String? = plan.state == .movedOn ? (chance(75) ? MovedOnDestination.employed : .other).rawValue : nil
            let created = moment(plan.recommended), updated = moment(path.last!.1)
            mentorRows.append([mentor, person.id, plan.state.rawValue, practitioner, day(plan.recommended),
                                   "Has turned things around and is keen to help others who are where they were",
                                   activeOn != nil ? 3 : 2, Set(slots).sorted().map(\.code).joined(separator: ","),
                                   Array(Set(unitIDs)).map(\.uuidString).sorted().joined(separator: ","), pick(languages), experience.joined(separator: ","),
                                   nil as String?, nil as UUID?, user, trainedOn.map(day), plan.state == .suspended ? MentorState.active.rawValue : nil as String?,
                                   movedOnDestination, chance(40), path.count, created, updated])
            var from: String?
            for (n, (state, on)) in path.enumerated() {
                moves.append([uuid(), mentor, from, state.rawValue, moment(on, hour: 11), n == 0 ? practitioner : coordinator, Self.moveReasons[state] ?? "Moved"])
                from = state.rawValue
            }
            if plan.state != .recommended && plan.state != .ineligible {
                reviews.append([uuid(), mentor, practitioner, Role.practitioner.rawValue, RiskReviewOutcome.suitable.rawValue, day(plan.recommended + 3),
                                nil as String?, moment(plan.recommended + 3)])
                reviews.append([uuid(), mentor, coordinator, Role.coordinator.rawValue, RiskReviewOutcome.suitable.rawValue, day(plan.recommended + 5),
                                nil as String?, moment(plan.recommended + 5)])
                declarations.append([uuid(), mentor, true, true, day(plan.recommended + 5), coordinator, moment(plan.recommended + 5)])
            }
            if let k = plan.cohort {
                let cohort = unitCohorts[person.unit][k]
                let weeks: [Int] = trainedOn == nil ? Array(1...max(1, min(12, -cohort.start / 7))) : (1...12).filter { $0 != 1 + random(12) }
                enrolments.append([uuid(), cohort.id, mentor, weeks.map(String.init).joined(separator: ","),
                                   trainedOn == nil ? nil as String? : AssessmentResult.passed.rawValue, moment(cohort.start - 7), 1])
                for measure in SelfRatingMeasure.allCases {
                    let before = random(in: 2...5)
                    ratings.append([uuid(), mentor, day(cohort.start), before, OutcomeSource.selfReport.rawValue, nil as String?, coordinator, measure.rawValue])
                    if let trainedOn {
                        ratings.append([uuid(), mentor, day(trainedOn), min(10, before + random(in: 1...4)), OutcomeSource.selfReport.rawValue, nil as String?,
                                        coordinator, measure.rawValue])
                    }
                }
            }
            if let activeOn {
                accreditations.append([uuid(), mentor, AccreditationDraft.standardAward, pick([AwardingBody.ocn, .skillsForJustice]).rawValue,
                                       "L2-\(String(format: "%07d", index))", day(activeOn - 3), chance(60), coordinator])
                for week in 1...4 where activeOn + 7 * week < 0 {
                    hours.append([uuid(), mentor, day(activeOn + 7 * week), random(in: 4...14),
                                  pick(["Went with a mentee to their probation appointment", "Helped a mentee fill in a housing form",
                                        "Co-delivered Transition and Hope", "Supervision with the coordinator"]), user ?? coordinator, moment(activeOn + 7 * week)])
                }
                if chance(1) {
                    offences.append([uuid(), mentor, day(random(in: activeOn...(-1))), "Recorded by their practitioner", practitioner, moment(-1)])
                }
                let everActive = (mentor: mentor, activeOn: activeOn, user: user)
                regions[r].everActive.append(everActive)
                if plan.state == .active { regions[r].activeNow.append(everActive) }
                if plan.state == .movedOn, movedOnDestination == MovedOnDestination.employed.rawValue, let movedOn = path.last?.1 {
                    for (stage, offset) in [(EmploymentStage.applied, -45), (.offered, -20), (.employed, 0)] {
                        steps.append([uuid(), mentor, pick(["Case Supporter", "Peer Support Worker", "Recovery Worker"]),
                                      pick(["The Probation Service", "A housing charity", "A recovery service"]), stage.rawValue, day(movedOn + offset),
                                      nil as String?, coordinator, moment(movedOn + offset)])
                    }
                }
            }
        }
        let areaLinks = userAreas.map { [uuid(), $0.0, $0.1] as [any Encodable & Sendable] }
        let children: [(String, [String], [[any Encodable & Sendable]])] = [
            ("users", ["id", "email", "name", "role", "password_hash", "active", "created_at"], userRows),
            ("user_areas", ["id", "user_id", "area_id"], areaLinks),
            ("mentors", mentorColumns, mentorRows),
            ("mentor_moves", ["id", "mentor_id", "from_state", "to_state", "at", "by_id", "reason"], moves),
            ("mentor_risk_reviews", ["id", "mentor_id", "reviewer_id", "reviewer_role", "outcome", "reviewed_on", "notes", "created_at"], reviews),
            ("mentor_declarations", ["id", "mentor_id", "no_current_offending", "free_from_illicit_drugs", "declared_on", "recorded_by_id", "created_at"], declarations),
            ("cohort_enrolments", ["id", "cohort_id", "mentor_id", "attended_weeks", "assessment", "created_at", "version"], enrolments),
            ("accreditations", ["id", "mentor_id", "award", "awarding_body", "certificate_number", "awarded_on", "first_qualification", "recorded_by_id"], accreditations),
            ("employment_steps", ["id", "mentor_id", "role", "employer", "stage", "step_on", "notes", "recorded_by_id", "created_at"], steps),
            ("further_offences", ["id", "mentor_id", "offence_on", "notes", "recorded_by_id", "created_at"], offences),
            ("wellbeing_ratings", ["id", "mentor_id", "rated_on", "score", "source", "notes", "recorded_by_id", "measure"], ratings),
            ("volunteer_hours", ["id", "mentor_id", "worked_on", "quarter_hours", "activity", "logged_by_id", "created_at"], hours),
        ]
        for (table, columns, rows) in children {
            var insert = BulkInsert(table, columns: columns, on: db)
            for row in rows { try await insert.add(row) }
            try await insert.flush()
            count(insert)
        }
    }
}
