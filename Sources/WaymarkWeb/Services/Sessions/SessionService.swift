import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Everything a page or the API needs about one session.
struct SessionFile: Sendable {
    let session: GroupSession
    let intervention: Intervention
    let site: OrganisationRepository.SiteInfo
    let facilitators: [Facilitator]
    let bookings: [Booking]
    let attendance: [StoredAttendance]

    var scope: SessionScope {
        SessionScope(areaID: session.areaID, facilitatorUserIDs: Set(facilitators.filter { $0.response != .declined }.compactMap(\.userID)))
    }
    var booked: [Booking] { bookings.filter { $0.state == .booked } }
    var waiting: [Booking] { bookings.filter { $0.state == .waitingList }.sorted { $0.bookedAt < $1.bookedAt } }
    func attendance(of personID: String) -> StoredAttendance? { attendance.first { $0.personID == personID } }
}

/// Scheduling, facilitation and confirmation of group sessions: the shell around the facilitation rule.
enum SessionService {
    static func file(_ session: GroupSession, on db: any Database) async throws -> SessionFile {
        guard let intervention = try await InterventionRepository.find(id: session.interventionID, on: db),
              let site = try await OrganisationRepository.siteList(areaIDs: [session.areaID], on: db).first(where: { $0.id == session.siteID })
        else { throw Abort(.notFound) }
        return SessionFile(session: session, intervention: intervention, site: site,
                           facilitators: try await SessionRepository.facilitators(sessionIDs: [session.id], on: db)[session.id] ?? [],
                           bookings: try await SessionRepository.bookings(sessionIDs: [session.id], on: db)[session.id] ?? [],
                           attendance: try await AttendanceRepository.forSessions([session.id], on: db)[session.id] ?? [])
    }

    /// A session the user reaches for this capability; others are not found.
    static func load(_ id: String, for capability: Capability, on req: Request) async throws -> SessionFile {
        let user = try req.user
        guard let session = try await SessionRepository.find(id: id, on: req.db) else { throw Abort(.notFound) }
        let file = try await file(session, on: req.db)
        // Outside the user's reach for this capability, the session is not found (as for people).
        guard Policy.reaches(user.actor, file.scope, for: capability) else { throw Abort(.notFound) }
        return file
    }

    static func audited<T: Sendable>(_ action: String, recordType: String = "session", recordID: String, personID: String? = nil, detail: String = "",
                                     on req: Request, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let user = try req.user
        let at = req.now
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            let value = try await body(tx)
            effects.audit(action, recordType, recordID, person: personID, detail: detail)
            return value
        }
    }

    static func interventions(on req: Request) async throws -> [Intervention] {
        let user = try req.user
        return try await InterventionRepository.all(providerIDs: try await InterventionRepository.providerIDs(areas: user.actor.areaIDs, on: req.db), on: req.db)
    }

    static func schedule(_ draft: SessionDraft, on req: Request) async throws -> [GroupSession] {
        let user = try req.user
        let interventions = try await interventions(on: req)
        let sites = try await OrganisationRepository.siteList(areaIDs: user.actor.areaIDs, on: req.db)
        let valid = try draft.validated(today: req.today, interventions: Dictionary(uniqueKeysWithValues: interventions.map { ($0.id, $0) }),
                                        siteIDs: Set(sites.map(\.id)))
        let intervention = interventions.first { $0.id == valid.interventionID }!
        return try await audited("session.schedule", recordID: valid.interventionID, detail: "\(valid.dates.count) session(s)", on: req) { tx in
            try await SessionRepository.create(valid, intervention: intervention, by: user.id, on: tx)
        }
    }

    // MARK: Facilitators

    /// Staff who can be asked to facilitate in an area, by name.
    static func staff(area: String, on db: any Database) async throws -> [UserAccount] {
        try await UserRepository.all(on: db).filter { [.coordinator, .practitioner, .staffFacilitator].contains($0.role) && $0.active && $0.areaIDs.contains(area) }
            .sorted { $0.name < $1.name }
    }

    /// Active mentors of an area who hold an accreditation: the only ones who may facilitate.
    static func facilitatingMentors(area: String, on db: any Database) async throws -> [(Mentor, Person)] {
        let active = try await MentorRepository.list(visibility: .areas([area]), state: .active, after: nil, limit: 500, on: db).items
        let accredited = try await MentorRepository.accredited(mentorIDs: active.map(\.0.id), on: db)
        return active.filter { accredited.contains($0.0.id) }
    }

    /// Asks a mentor (`mentorID`) or a member of staff (`userID`) to facilitate. Refused straight away when they are
    /// already booked at that time or must not meet someone booked on the session.
    static func addFacilitator(_ sessionID: String, mentorID rawMentor: String?, userID rawUser: String?, on req: Request) async throws -> Facilitator {
        let file = try await load(sessionID, for: .scheduleSessions, on: req)
        let mentorID = (rawMentor ?? "").isEmpty ? nil : rawMentor, userID = (rawUser ?? "").isEmpty ? nil : rawUser
        guard (mentorID == nil) != (userID == nil) else {
            throw ValidationFailure([FieldError("mentorId", "Select one peer mentor or one member of staff")])
        }
        guard file.session.state != .cancelled else { throw ValidationFailure([FieldError("mentorId", "This session is cancelled")]) }
        var signIn: String?
        var facts: FacilitatorFacts
        if let mentorID {
            guard let (mentor, _) = try await facilitatingMentors(area: file.session.areaID, on: req.db).first(where: { $0.0.id == mentorID }) else {
                throw ValidationFailure([FieldError("mentorId", "Only active peer mentors with a recorded accreditation in this area can facilitate")])
            }
            if file.facilitators.contains(where: { $0.mentorID == mentorID }) { throw ValidationFailure([FieldError("mentorId", "They have already been asked")]) }
            signIn = mentor.userID
            facts = try await self.facts(for: [Facilitator(id: "new", sessionID: sessionID, mentorID: mentorID, userID: signIn, response: .requested, version: 1)],
                                         session: file.session, on: req.db)[0]
        } else {
            guard let staff = try await staff(area: file.session.areaID, on: req.db).first(where: { $0.id == userID }) else {
                throw ValidationFailure([FieldError("userId", "Select a member of staff who works in this area")])
            }
            if file.facilitators.contains(where: { $0.userID == userID }) { throw ValidationFailure([FieldError("userId", "They have already been asked")]) }
            signIn = staff.id
            facts = try await self.facts(for: [Facilitator(id: "new", sessionID: sessionID, mentorID: nil, userID: signIn, response: .requested, version: 1)],
                                         session: file.session, on: req.db)[0]
        }
        let field = mentorID == nil ? "userId" : "mentorId"
        if let clash = SessionConfirmation.doubleBooking(facts, session: file.session) { throw ValidationFailure([FieldError(field, clash)]) }
        let participants = try await participantFacts(file.booked.map(\.personID), on: req.db)
        if let problem = SessionConfirmation.exclusionProblems(facts, participants: participants).first { throw ValidationFailure([FieldError(field, problem)]) }
        let (at, intervention, session, asked) = (req.now, file.intervention, file.session, signIn)
        return try await audited("session.facilitatorAsked", recordID: sessionID, on: req) { tx in
            let f = try await SessionRepository.addFacilitator(sessionID: sessionID, mentorID: mentorID, userID: asked, on: tx)
            if let asked {
                try await NotificationRepository.enqueue(to: asked, kind: "session.facilitationRequested", subject: "Can you facilitate a session?",
                                                         body: "You have been asked to facilitate \(intervention.name) on \(session.when). Please accept or decline.",
                                                         link: SitePath.session(sessionID).url, at: at, on: tx)
            }
            return f
        }
    }

    /// The facilitator answers (or a coordinator answers for a mentor without a sign-in).
    static func respond(_ sessionID: String, facilitatorID: String, response raw: String?, version: Int, on req: Request) async throws -> Facilitator {
        let user = try req.user
        var errors = FieldErrors()
        let response = InputRules.choice(raw, as: FacilitatorResponse.self, field: "response", label: "answer", article: "an", errors: &errors)
        if response == .requested { errors.add("response", "Select accept or decline") }
        try errors.throwIfAny()
        let file = try await load(sessionID, for: .respondToFacilitation, on: req)
        guard let facilitator = file.facilitators.first(where: { $0.id == facilitatorID }) else { throw Abort(.notFound) }
        let coordinator = Policy.scope(of: user.role, for: .respondToFacilitation) == .ownAreas && user.actor.areaIDs.contains(file.session.areaID)
        guard facilitator.userID == user.id || coordinator else { throw Abort(.forbidden, reason: "Only the person asked can answer this request") }
        if response == .accepted {
            let facts = try await self.facts(for: [facilitator], session: file.session, on: req.db)[0]
            if let clash = SessionConfirmation.doubleBooking(facts, session: file.session) { throw ValidationFailure([FieldError("response", clash)]) }
        }
        return try await audited("session.facilitatorResponse", recordID: sessionID, detail: response!.rawValue, on: req) { tx in
            guard let saved = try await SessionRepository.respond(facilitatorID: facilitatorID, response!, expectedVersion: version, on: tx) else { throw Abort(.notFound) }
            return saved
        }
    }

    // MARK: Facts for the facilitation rule

    static func facts(for facilitators: [Facilitator], session: GroupSession, on db: any Database) async throws -> [FacilitatorFacts] {
        let mentorIDs = facilitators.compactMap(\.mentorID)
        let mentors = try await MentorRepository.find(ids: mentorIDs, on: db)
        let people = try await PeopleRepository.find(ids: mentors.values.map(\.personID), on: db)
        let exclusions = try await MentorExclusionRepository.exclusions(mentorIDs: mentorIDs, on: db)
        let accredited = try await MentorRepository.accredited(mentorIDs: mentorIDs, on: db)
        // Their own mentees' co-defendants: mentees are found through the mentors' current matches.
        let matches = try await MatchRepository.forMentors(mentorIDs, states: MatchState.holdingPlace, on: db)
        let referrals = try await ReferralRepository.find(ids: matches.map(\.referralID), on: db)
        let staff = Dictionary(uniqueKeysWithValues: try await UserRepository.all(on: db).map { ($0.id, $0) })
        let busy = try await SessionRepository.facilitatedOn(session.date, mentorIDs: mentorIDs, userIDs: facilitators.compactMap(\.userID), on: db)
        return facilitators.compactMap { f in
            if let mentorID = f.mentorID, let mentor = mentors[mentorID], let person = people[mentor.personID] {
                var mustNotMeet = Set((exclusions[mentorID] ?? []).map(\.crn))
                for match in matches where match.mentorID == mentorID {
                    mustNotMeet.formUnion((referrals[match.referralID]?.details.exclusions ?? []).filter { $0.kind == .coDefendant }.map(\.crn))
                }
                let other = (busy.byMentor[mentorID] ?? []) + (f.userID.flatMap { busy.byUser[$0] } ?? [])
                return FacilitatorFacts(facilitator: f, name: person.details.fullName, activeAndAccredited: mentor.state == .active && accredited.contains(mentorID),
                                        staffRole: nil, crn: person.details.crn, mustNotMeet: mustNotMeet, otherSessions: other)
            }
            guard let userID = f.userID, let account = staff[userID] else { return nil }
            return FacilitatorFacts(facilitator: f, name: account.name, activeAndAccredited: false, staffRole: account.role, crn: nil,
                                    mustNotMeet: [], otherSessions: busy.byUser[userID] ?? [])
        }
    }

    static func participantFacts(_ personIDs: [String], on db: any Database) async throws -> [ParticipantFacts] {
        let people = try await PeopleRepository.find(ids: personIDs, on: db)
        let referrals = Dictionary(grouping: try await ReferralRepository.open(personIDs: personIDs, on: db), by: \.personID)
        return personIDs.compactMap { id in
            people[id].map { person in
                ParticipantFacts(name: person.details.fullName, crn: person.details.crn,
                                 mustNotMeet: Set((referrals[id] ?? []).flatMap { $0.details.exclusions.map(\.crn) }))
            }
        }
    }

    static func problems(_ file: SessionFile, on db: any Database) async throws -> [String] {
        SessionConfirmation.problems(session: file.session, intervention: file.intervention,
                                     facilitators: try await facts(for: file.facilitators.filter { $0.response != .declined }, session: file.session, on: db),
                                     participants: try await participantFacts(file.booked.map(\.personID), on: db))
    }

    /// Confirms a session whose facilitators meet the rule; otherwise every problem is listed.
    static func confirm(_ sessionID: String, version: Int, on req: Request) async throws -> GroupSession {
        let file = try await load(sessionID, for: .scheduleSessions, on: req)
        guard file.session.state == .planned else {
            throw ValidationFailure([FieldError("facilitators", "Only a planned session can be confirmed; this one is \(file.session.state.label.lowercased())")])
        }
        let problems = try await problems(file, on: req.db)
        if !problems.isEmpty { throw ValidationFailure(problems.map { FieldError("facilitators", $0) }) }
        return try await audited("session.confirm", recordID: sessionID, on: req) { tx in
            guard let s = try await SessionRepository.setState(id: sessionID, to: .confirmed, expectedVersion: version, on: tx) else { throw Abort(.notFound) }
            return s
        }
    }

    static func cancel(_ sessionID: String, version: Int, on req: Request) async throws -> GroupSession {
        let file = try await load(sessionID, for: .scheduleSessions, on: req)
        guard file.session.state != .cancelled else { throw ValidationFailure([FieldError("state", "This session is already cancelled")]) }
        guard file.attendance.isEmpty else { throw ValidationFailure([FieldError("state", "Attendance has been recorded, so this session cannot be cancelled")]) }
        let people = try await PeopleRepository.find(ids: file.booked.map(\.personID), on: req.db)
        let at = req.now
        return try await audited("session.cancel", recordID: sessionID, on: req) { tx in
            guard let s = try await SessionRepository.setState(id: sessionID, to: .cancelled, expectedVersion: version, on: tx) else { throw Abort(.notFound) }
            for person in people.values {
                try await Notify.practitioner(of: person, kind: "session.cancelled", subject: "A session has been cancelled",
                                              body: "\(file.intervention.name) on \(file.session.when) is cancelled. \(person.details.firstName) was booked on it; please rebook.",
                                              link: SitePath.sessions.url, at: at, on: tx)
            }
            for user in file.facilitators.filter({ $0.response != .declined }).compactMap(\.userID) {
                try await NotificationRepository.enqueue(to: user, kind: "session.cancelled", subject: "A session you were facilitating is cancelled",
                                                         body: "\(file.intervention.name) on \(file.session.when) is cancelled.", link: nil, at: at, on: tx)
            }
            return s
        }
    }
}
