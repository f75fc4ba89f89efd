import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Training cohorts: set up by a coordinator, who enrols eligible candidates and records
/// weekly attendance and the assessment. Completing the rule moves a candidate to `trained`.
enum CohortService {
    static func load(_ id: String, on req: Request) async throws -> Cohort {
        let user = try req.user
        guard let cohort = try await TrainingRepository.find(id: id, on: req.db),
              Policy.access(user.actor, to: PersonScope(areaID: cohort.areaID, practitionerID: nil), for: .manageCohorts) == .full
        else { throw Abort(.notFound) }
        return cohort
    }

    static func sites(on req: Request) async throws -> [OrganisationRepository.SiteInfo] {
        try await OrganisationRepository.siteList(areaIDs: try req.user.actor.areaIDs, on: req.db)
    }

    static func create(_ draft: CohortDraft, on req: Request) async throws -> Cohort {
        let user = try req.user
        let sites = try await sites(on: req)
        let valid = try draft.validated(today: req.today, siteIDs: Set(sites.map(\.id)), settings: try await MentorService.settings(on: req))
        let areaID = sites.first { $0.id == valid.siteID }!.areaID
        let at = req.now
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            let cohort = try await TrainingRepository.create(areaID: areaID, valid, on: tx)
            effects.audit("cohort.create", "cohort", cohort.id)
            return cohort
        }
    }

    /// Enrols an eligible candidate, which starts their training.
    static func enrol(cohortID: String, mentorID: String, on req: Request) async throws {
        let user = try req.user
        let cohort = try await load(cohortID, on: req)
        guard let mentor = try await MentorRepository.find(id: mentorID, on: req.db),
              let person = try await PeopleRepository.find(id: mentor.personID, on: req.db),
              person.details.areaID == cohort.areaID,
              Policy.access(user.actor, to: MentorService.scope(mentor, person), for: .manageCohorts) == .full
        else { throw ValidationFailure([FieldError("mentorId", "Select a candidate from this cohort’s area")]) }
        let file = try await MentorService.file(mentor, person, on: req)
        let reason = "Enrolled on \(cohort.name), starting \(cohort.startDate.long)"
        do {
            try MentorJourney.check(from: mentor.state, to: .inTraining, facts: file.journeyFacts, reason: reason)
        } catch {
            let why = mentor.state == .eligible ? error.message : "Only eligible candidates can be enrolled: \(person.details.fullName) is \(mentor.state.label.lowercased())"
            throw ValidationFailure([FieldError("mentorId", why)])
        }
        let (at, today) = (req.now, req.today)
        try await MentorService.write(mentor, person, action: "cohort.enrol", detail: cohort.id, on: req) { tx in
            try await TrainingRepository.enrol(cohortID: cohort.id, mentorID: mentor.id, on: tx)
            _ = try await MentorRepository.move(id: mentor.id, to: .inTraining, reason: reason, destination: nil,
                                                expectedVersion: mentor.version, by: user.id, at: at, today: today, on: tx)
        }
    }

    /// Records one candidate's attendance and assessment; completing the rule moves them to `trained`.
    static func record(cohortID: String, mentorID: String, attended: Set<Int>, assessment: AssessmentResult?, version: Int,
                       on req: Request) async throws {
        let user = try req.user
        let cohort = try await load(cohortID, on: req)
        guard let mentor = try await MentorRepository.find(id: mentorID, on: req.db),
              let person = try await PeopleRepository.find(id: mentor.personID, on: req.db),
              try await TrainingRepository.enrolments(cohortID: cohort.id, on: req.db).contains(where: { $0.mentorID == mentor.id })
        else { throw ValidationFailure([FieldError("mentorId", "They are not enrolled on this cohort")]) }
        if let week = attended.first(where: { !(1...cohort.sessions).contains($0) }) {
            throw ValidationFailure([FieldError("attended", "Week \(week) is not one of this cohort’s \(cohort.sessions) sessions")])
        }
        if let week = TrainingRule.futureWeeks(attended, cohort: cohort, today: req.today).first {
            throw ValidationFailure([FieldError("attended", "Week \(week) is on \(cohort.sessionDate(week).long), which has not happened yet")])
        }
        let enrolment = Enrolment(cohortID: cohort.id, mentorID: mentor.id, attended: attended, assessment: assessment)
        let outcome = TrainingRule.outcome(enrolment.record(sessions: cohort.sessions), settings: try await MentorService.settings(area: cohort.areaID, on: req))
        let (at, today) = (req.now, req.today)
        try await MentorService.write(mentor, person, action: "cohort.record", detail: "\(attended.count) attended", on: req) { tx in
            try await TrainingRepository.save(enrolment, expectedVersion: version, on: tx)
            if outcome == .complete, mentor.state == .inTraining {
                _ = try await MentorRepository.move(id: mentor.id, to: .trained,
                                                    reason: "Completed \(cohort.name): attended \(attended.count) of \(cohort.sessions) sessions and passed the assessment",
                                                    destination: nil, expectedVersion: mentor.version, by: user.id, at: at, today: today, on: tx)
            }
        }
    }
}
