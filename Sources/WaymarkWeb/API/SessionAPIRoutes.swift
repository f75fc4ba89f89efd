import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Group sessions, attendance, feedback and RAR in the JSON API.
struct SessionAPIRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, api: .interventions, needs: .viewInterventions, signedIn: interventions)
        routes.on(.POST, api: .interventions, needs: .manageInterventions, signedIn: createIntervention)
        routes.on(.GET, api: .intervention(PathParameter.intervention.placeholder), needs: .viewInterventions, signedIn: intervention)
        routes.on(.POST, api: .interventionVersions(PathParameter.intervention.placeholder), needs: .manageInterventions, signedIn: addVersion)
        routes.on(.GET, api: .sessions, needs: .viewSessions, signedIn: sessions)
        routes.on(.POST, api: .sessions, needs: .scheduleSessions, signedIn: schedule)
        routes.on(.GET, api: .session(PathParameter.session.placeholder), needs: .viewSessions, signedIn: session)
        routes.on(.POST, api: .sessionFacilitators(PathParameter.session.placeholder), needs: .scheduleSessions, signedIn: addFacilitator)
        routes.on(.POST, api: .sessionFacilitatorResponse(PathParameter.session.placeholder, PathParameter.facilitator.placeholder), needs: .respondToFacilitation, signedIn: respond)
        routes.on(.POST, api: .sessionConfirmation(PathParameter.session.placeholder), needs: .scheduleSessions, signedIn: confirm)
        routes.on(.POST, api: .sessionCancellation(PathParameter.session.placeholder), needs: .scheduleSessions, signedIn: cancel)
        routes.on(.POST, api: .sessionBookings(PathParameter.session.placeholder), needs: .bookParticipants, signedIn: book)
        routes.on(.GET, api: .sessionAttendance(PathParameter.session.placeholder), needs: .recordAttendance, signedIn: attendance)
        routes.on(.POST, api: .sessionAttendance(PathParameter.session.placeholder), needs: .recordAttendance, signedIn: recordAttendance)
        routes.on(.GET, api: .sessionFeedback(PathParameter.session.placeholder), needs: .recordAttendance, signedIn: feedback)
        routes.on(.POST, api: .sessionFeedback(PathParameter.session.placeholder), needs: .recordAttendance, signedIn: addFeedback)
        routes.on(.POST, api: .attendanceEnforcement(PathParameter.attendance.placeholder), needs: .recordEnforcement, signedIn: enforcement)
        routes.on(.GET, api: .orderRar(PathParameter.order.placeholder), needs: .viewOrders, signedIn: rar)
        routes.on(.POST, api: .orderRarActivities(PathParameter.order.placeholder), needs: .editOrders, signedIn: recordRAR)
        routes.on(.GET, api: .feedbackUplift, needs: .scheduleSessions, signedIn: uplift)
    }

    func sessionID(_ req: Request) throws -> String { try req.parameter(.session) }

    // MARK: Interventions

    @Sendable func interventions(req: Request, user: CurrentUser) async throws -> ListDTO<InterventionDTO> {
        ListDTO(items: try await SessionService.interventions(on: req).map(InterventionDTO.init), next: nil)
    }

    @Sendable func createIntervention(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(InterventionInput.self)
        let i = try await InterventionService.create(input.draft, on: req)
        return try await InterventionDTO(i).encodeResponse(status: .created, for: req)
    }

    @Sendable func intervention(req: Request, user: CurrentUser) async throws -> InterventionDetailDTO {
        let i = try await InterventionService.load(try req.parameter(.intervention), on: req)
        return InterventionDetailDTO(intervention: InterventionDTO(i),
                                     versions: try await InterventionRepository.versions(interventionID: i.id, on: req.db).map(InterventionVersionDTO.init))
    }

    @Sendable func addVersion(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(InterventionVersionInput.self)
        let i = try await InterventionService.addVersion(try req.parameter(.intervention),
                                                         InterventionVersionDraft(changes: input.changes, coDesignerMentorIDs: input.coDesignerMentorIds ?? [],
                                                                                  pilotFeedback: input.pilotFeedback),
                                                         version: try APIRoutes.requireVersion(input.version), on: req)
        return try await InterventionDTO(i).encodeResponse(status: .created, for: req)
    }

    // MARK: Sessions

    @Sendable func sessions(req: Request, user: CurrentUser) async throws -> ListDTO<SessionDTO> {
        var from = req.today
        if let raw = try req.apiQuery("from") {
            guard let d = CalendarDate(iso: raw) else { throw ValidationFailure([FieldError("from", "from must be a date written as YYYY-MM-DD")]) }
            from = d
        }
        let files = try await SessionListing.visible(from: from, on: req)
        return ListDTO(items: files.map { SessionDTO($0, showBookings: SessionListing.showsBookings($0, on: req)) }, next: nil)
    }

    @Sendable func schedule(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(SessionInput.self)
        let made = try await SessionService.schedule(input.draft, on: req)
        var files: [SessionDTO] = []
        for s in made { files.append(SessionDTO(try await SessionService.file(s, on: req.db), showBookings: true)) }
        return try await ListDTO(items: files, next: nil).encodeResponse(status: .created, for: req)
    }

    @Sendable func session(req: Request, user: CurrentUser) async throws -> SessionDTO {
        let file = try await SessionService.load(try sessionID(req), for: .viewSessions, on: req)
        let show = SessionListing.showsBookings(file, on: req)
        if show { try await req.auditList(actorID: user.id, action: "session.view", recordType: "session", personIDs: file.booked.map(\.personID)) }
        return SessionDTO(file, showBookings: show)
    }

    @Sendable func addFacilitator(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(FacilitatorInput.self)
        let f = try await SessionService.addFacilitator(try sessionID(req), mentorID: input.mentorId, userID: input.userId, on: req)
        return try await FacilitatorDTO(f).encodeResponse(status: .created, for: req)
    }

    @Sendable func respond(req: Request, user: CurrentUser) async throws -> FacilitatorDTO {
        let input = try req.jsonBody(FacilitatorResponseInput.self)
        return FacilitatorDTO(try await SessionService.respond(try sessionID(req), facilitatorID: try req.parameter(.facilitator),
                                                              response: input.response, version: try APIRoutes.requireVersion(input.version), on: req))
    }

    @Sendable func confirm(req: Request, user: CurrentUser) async throws -> SessionDTO {
        let input = try req.jsonBody(VersionInput.self)
        let s = try await SessionService.confirm(try sessionID(req), version: try APIRoutes.requireVersion(input.version), on: req)
        return SessionDTO(try await SessionService.file(s, on: req.db), showBookings: true)
    }

    @Sendable func cancel(req: Request, user: CurrentUser) async throws -> SessionDTO {
        let input = try req.jsonBody(VersionInput.self)
        let s = try await SessionService.cancel(try sessionID(req), version: try APIRoutes.requireVersion(input.version), on: req)
        return SessionDTO(try await SessionService.file(s, on: req.db), showBookings: true)
    }

    @Sendable func book(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(BookingInput.self)
        let b = try await BookingService.book(try sessionID(req), personID: input.personId, on: req)
        return try await BookingDTO(b).encodeResponse(status: .created, for: req)
    }

    @Sendable func attendance(req: Request, user: CurrentUser) async throws -> ListDTO<AttendanceDTO> {
        let file = try await SessionService.load(try sessionID(req), for: .recordAttendance, on: req)
        try await req.auditList(actorID: user.id, action: "attendance.view", recordType: "session", personIDs: file.attendance.map(\.personID))
        let people = try await PeopleRepository.find(ids: file.attendance.map(\.personID), on: req.db)
        return ListDTO(items: file.attendance.map { a in
            AttendanceDTO(a, seesEnforcement: people[a.personID].map { Policy.seesEnforcement(user.actor, of: $0.scope) } ?? false)
        }, next: nil)
    }

    @Sendable func recordAttendance(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(AttendanceInput.self)
        let a = try await BookingService.recordAttendance(try sessionID(req), personID: input.personId, input.draft, on: req)
        let person = try await PeopleRepository.find(id: a.personID, on: req.db)
        return try await AttendanceDTO(a, seesEnforcement: person.map { Policy.seesEnforcement(user.actor, of: $0.scope) } ?? false)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func feedback(req: Request, user: CurrentUser) async throws -> SessionFeedbackDTO {
        let file = try await SessionService.load(try sessionID(req), for: .recordAttendance, on: req)
        let list = try await AttendanceRepository.feedback(sessionIDs: [file.session.id], on: req.db)[file.session.id] ?? []
        return SessionFeedbackDTO(items: list.map { FeedbackDTO(before: $0.before, after: $0.after, comment: $0.comment, uplift: $0.uplift) },
                                  uplift: FeedbackUplift.figure(key: file.session.id, list).map(UpliftDTO.init))
    }

    @Sendable func addFeedback(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(FeedbackInput.self)
        let f = try await BookingService.addFeedback(try sessionID(req), FeedbackDraft(before: input.before.map(String.init), after: input.after.map(String.init),
                                                                                       comment: input.comment), on: req)
        return try await FeedbackDTO(before: f.before, after: f.after, comment: f.comment, uplift: f.uplift).encodeResponse(status: .created, for: req)
    }

    @Sendable func enforcement(req: Request, user: CurrentUser) async throws -> AttendanceDTO {
        let input = try req.jsonBody(EnforcementInput.self)
        return AttendanceDTO(try await BookingService.decideEnforcement(attendanceID: try req.parameter(.attendance),
                                                                        EnforcementDraft(decision: input.decision, notes: input.notes),
                                                                        version: try APIRoutes.requireVersion(input.version), on: req),
                             // Only the person's practitioner may decide, and they see what they decided.
                             seesEnforcement: true)
    }

    // MARK: RAR

    @Sendable func rar(req: Request, user: CurrentUser) async throws -> RARDTO {
        let (order, person) = try await RARService.load(orderID: try req.parameter(.order), for: .viewOrders, on: req)
        try await req.audit(AuditRecord(actorID: user.id, action: "rar.view", recordType: "order", recordID: order.id, personID: person.id))
        guard let (ledger, _) = try await RARService.ledger(for: order, person: person, today: req.today, on: req.db) else {
            throw Abort(.notFound, reason: "This order has no RAR")
        }
        return RARDTO(orderID: order.id, ledger)
    }

    @Sendable func recordRAR(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(RARActivityInput.self)
        let orderID = try req.parameter(.order)
        try await RARService.record(orderID: orderID, RARActivityDraft(date: .iso(input.date), kind: input.kind, outcome: input.outcome, notes: input.notes), on: req)
        let (order, person) = try await RARService.load(orderID: orderID, for: .viewOrders, on: req)
        let (ledger, _) = try await RARService.ledger(for: order, person: person, today: req.today, on: req.db)!
        return try await RARDTO(orderID: order.id, ledger).encodeResponse(status: .created, for: req)
    }

    @Sendable func uplift(req: Request, user: CurrentUser) async throws -> UpliftReportDTO {
        let report = try await SessionListing.uplift(on: req)
        return UpliftReportDTO(bySession: report.bySession.map(UpliftDTO.init), byIntervention: report.byIntervention.map(UpliftDTO.init),
                               bySite: report.bySite.map(UpliftDTO.init), byDeliveryUnit: report.byDeliveryUnit.map(UpliftDTO.init),
                               byYear: report.byYear.map(UpliftDTO.init))
    }
}
