import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Which sessions a user sees, loaded in a fixed number of queries however many there are.
enum SessionListing {
    static func visible(from: CalendarDate, through: CalendarDate? = nil, siteID: String? = nil, on req: Request) async throws -> [SessionFile] {
        let user = try req.user
        var sessions: [GroupSession]
        switch Policy.scope(of: user.role, for: .viewSessions) {
        case .ownAreas?, .everything?:
            sessions = try await SessionRepository.list(areas: user.actor.areaIDs, siteID: siteID, from: from, through: through, on: req.db)
        case .caseload?:
            sessions = try await SessionRepository.list(areas: user.actor.areaIDs, siteID: siteID, from: from, through: through, on: req.db)
            let known = Set(sessions.map(\.id))
            sessions += try await SessionRepository.facilitatedBy(userID: user.id, from: from, on: req.db).filter { !known.contains($0.id) }
        case .own?:
            sessions = try await SessionRepository.facilitatedBy(userID: user.id, from: from, on: req.db)
        case nil:
            sessions = []
        }
        if let through { sessions = sessions.filter { $0.date <= through } }
        if let siteID { sessions = sessions.filter { $0.siteID == siteID } }
        return try await files(sessions.sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }, on: req.db)
    }

    static func files(_ sessions: [GroupSession], on db: any Database) async throws -> [SessionFile] {
        let ids = sessions.map(\.id)
        let interventions = try await InterventionRepository.find(ids: sessions.map(\.interventionID), on: db)
        let sites = Dictionary(uniqueKeysWithValues: try await OrganisationRepository.siteList(areaIDs: Set(sessions.map(\.areaID)), on: db).map { ($0.id, $0) })
        let facilitators = try await SessionRepository.facilitators(sessionIDs: ids, on: db)
        let bookings = try await SessionRepository.bookings(sessionIDs: ids, on: db)
        let attendance = try await AttendanceRepository.forSessions(ids, on: db)
        return sessions.compactMap { s in
            guard let i = interventions[s.interventionID], let site = sites[s.siteID] else { return nil }
            return SessionFile(session: s, intervention: i, site: site, facilitators: facilitators[s.id] ?? [], bookings: bookings[s.id] ?? [],
                               attendance: attendance[s.id] ?? [])
        }
    }

    /// Staff see who is booked; peer mentors see their sessions, not a list of names.
    static func showsBookings(_ file: SessionFile, on req: Request) -> Bool {
        guard let user = req.currentUser else { return false }
        return user.role != .mentor && Policy.reaches(user.actor, file.scope, for: .viewSessions)
    }

    struct UpliftReport {
        let bySession: [UpliftFigure]
        let byIntervention: [UpliftFigure]
        let bySite: [UpliftFigure]
        let byDeliveryUnit: [UpliftFigure]
        let byYear: [UpliftFigure]
    }

    /// Feedback uplift in the user's areas by session, intervention, site, delivery unit and year.
    static func uplift(on req: Request) async throws -> UpliftReport {
        let user = try req.user
        let rows = try await AttendanceRepository.feedbackWithSessions(areas: user.actor.areaIDs, on: req.db)
        let interventions = try await InterventionRepository.find(ids: rows.map(\.0.interventionID), on: req.db)
        let sites = Dictionary(uniqueKeysWithValues: try await OrganisationRepository.siteList(areaIDs: user.actor.areaIDs, on: req.db).map { ($0.id, $0.name) })
        let units = Dictionary(uniqueKeysWithValues: try await OrganisationRepository.areas(on: req.db).flatMap(\.deliveryUnits).map { ($0.id, $0.name) })
        func name(_ s: GroupSession) -> String { interventions[s.interventionID]?.name ?? "Session" }
        return UpliftReport(
            bySession: FeedbackUplift.by(rows, key: { "\(name($0.0)), \($0.0.date.long), \(sites[$0.0.siteID] ?? "")" }, feedback: \.1),
            byIntervention: FeedbackUplift.by(rows, key: { name($0.0) }, feedback: \.1),
            bySite: FeedbackUplift.by(rows, key: { sites[$0.0.siteID] ?? "Unknown site" }, feedback: \.1),
            byDeliveryUnit: FeedbackUplift.by(rows, key: { units[$0.0.deliveryUnitID] ?? "Unknown delivery unit" }, feedback: \.1),
            byYear: FeedbackUplift.by(rows, key: { String($0.0.date.year) }, feedback: \.1))
    }
}

/// The intervention catalogue: list, add, version.
enum InterventionService {
    static func load(_ id: String, on req: Request) async throws -> Intervention {
        let user = try req.user
        let providers = try await InterventionRepository.providerIDs(areas: user.actor.areaIDs, on: req.db)
        guard let i = try await InterventionRepository.find(id: id, on: req.db), providers.contains(i.providerID) else { throw Abort(.notFound) }
        return i
    }

    static func providerID(on req: Request) async throws -> String {
        guard let p = try await InterventionRepository.providerIDs(areas: try req.user.actor.areaIDs, on: req.db).sorted().first else {
            throw ValidationFailure([FieldError("name", "You are not in an area of any provider")])
        }
        return p
    }

    static func create(_ draft: InterventionDraft, on req: Request) async throws -> Intervention {
        let valid = try draft.validated()
        let provider = try await providerID(on: req)
        let today = req.today
        return try await SessionService.audited("intervention.create", recordType: "intervention", recordID: provider, on: req) { tx in
            try await InterventionRepository.create(valid, providerID: provider, on: today, on: tx)
        }
    }

    static func addVersion(_ id: String, _ draft: InterventionVersionDraft, version: Int, on req: Request) async throws -> Intervention {
        let user = try req.user
        let i = try await load(id, on: req)
        let mentors = try await MentorRepository.list(visibility: .areas(user.actor.areaIDs), state: nil, after: nil, limit: 1000, on: req.db).items
        let valid = try draft.validated(knownMentorIDs: Set(mentors.map(\.0.id)))
        let today = req.today
        return try await SessionService.audited("intervention.version", recordType: "intervention", recordID: i.id, on: req) { tx in
            guard let saved = try await InterventionRepository.addVersion(interventionID: i.id, changes: valid.changes, coDesigners: valid.coDesigners,
                                                                          pilotFeedback: valid.pilotFeedback, on: today, expectedVersion: version, on: tx)
            else { throw Abort(.notFound) }
            return saved
        }
    }
}
