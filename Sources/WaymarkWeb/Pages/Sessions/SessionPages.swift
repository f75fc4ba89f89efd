import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Sessions: the list, scheduling, one session (facilitators, confirmation, participants), a site's schedule.
struct SessionPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let s = PathParameter.session.placeholder
        routes.on(.GET, SitePath.sessions.route, needs: .viewSessions, signedIn: list)
        routes.on(.GET, SitePath.newSession.route, needs: .scheduleSessions, signedIn: newSession)
        routes.on(.POST, SitePath.newSession.route, needs: .scheduleSessions, signedIn: schedule)
        routes.on(.GET, SitePath.session(s).route, needs: .viewSessions, signedIn: show)
        routes.on(.POST, SitePath.sessionPage(s, .facilitators).route, needs: .scheduleSessions, signedIn: addFacilitator)
        routes.on(.POST, SitePath.sessionPage(s, .response).route, needs: .respondToFacilitation, signedIn: respond)
        routes.on(.POST, SitePath.sessionPage(s, .confirm).route, needs: .scheduleSessions, signedIn: confirm)
        routes.on(.POST, SitePath.sessionPage(s, .cancel).route, needs: .scheduleSessions, signedIn: cancel)
        routes.on(.POST, SitePath.sessionPage(s, .bookings).route, needs: .bookParticipants, signedIn: book)
        routes.on(.POST, SitePath.sessionPage(s, .unbook).route, needs: .bookParticipants, signedIn: unbook)
        routes.on(.GET, SitePath.siteSchedule(PathParameter.site.placeholder).route, needs: .viewSessions, signedIn: siteSchedule)
        routes.on(.GET, SitePath.newStart.route, needs: .bookParticipants, signedIn: newStart)
        routes.on(.GET, SitePath.feedbackUplift.route, needs: .scheduleSessions, signedIn: uplift)
    }

    static func stateTag(_ s: SessionState) -> Body {
        UI.tag(s.label, s == .confirmed ? "green" : s == .cancelled ? "grey" : "blue")
    }

    static func table(_ files: [SessionFile], caption: String) -> Body {
        UI.table(caption: caption, columns: [.init(title: "Session"), .init(title: "When"), .init(title: "Where"), .init(title: "Booked", numeric: true),
                                             .init(title: "Status")],
                 rows: files.map { f in
            [H.link(f.intervention.name, to: SitePath.session(f.session.id).url), .text(f.session.when),
             H.link(f.site.name, to: SitePath.siteSchedule(f.site.id).url),
             .text("\(f.booked.count) of \(f.session.capacity)" + (f.waiting.isEmpty ? "" : ", \(f.waiting.count) waiting")), stateTag(f.session.state)]
        })
    }

    @Sendable func list(req: Request, user: CurrentUser) async throws -> Response {
        let files = try await SessionListing.visible(from: req.today.adding(days: -14), on: req)
        let upcoming = files.filter { $0.session.date >= req.today }, recent = files.filter { $0.session.date < req.today }
        var content: [Body] = [UI.heading(user.role == .mentor || user.role == .staffFacilitator ? "My sessions" : "Group sessions")]
        if Policy.permits(user.role, .scheduleSessions) {
            content.append(H.el("div", [("class", "wm-button-group")], [
                Form.buttonLink("Schedule a session", to: SitePath.newSession.url),
                Form.buttonLink("Interventions", to: SitePath.interventions.url, secondary: true),
                Form.buttonLink("Feedback uplift", to: SitePath.feedbackUplift.url, secondary: true),
            ]))
        }
        if Policy.permits(user.role, .bookParticipants) {
            content.append(H.el("p", [("class", "wm-body")], [H.link("People to invite to a New Start ceremony or a group first appointment", to: SitePath.newStart.url)]))
        }
        if Policy.permits(user.role, .recordEnforcement) {
            content.append(H.el("p", [("class", "wm-body")], [H.link("Attendance waiting for your enforcement decision", to: SitePath.enforcement.url)]))
        }
        content.append(H.el("p", [("class", "wm-body")], [H.link("Add your sessions to your calendar", to: SitePath.calendar.url)]))
        if upcoming.isEmpty {
            content.append(UI.p(Policy.permits(user.role, .scheduleSessions) ? "No sessions coming up. Schedule one to start."
                                : "No sessions coming up. Sessions you are asked to facilitate, or can book people on, appear here."))
        } else {
            content.append(Self.table(upcoming, caption: "Coming up"))
        }
        if !recent.isEmpty { content.append(Self.table(recent, caption: "In the last two weeks")) }
        return Layout.render(PageFrame(req, title: "Sessions", section: .sessions), content)
    }

    // MARK: Scheduling

    @Sendable func newSession(req: Request, user: CurrentUser) async throws -> Response {
        try await form(req, state: FormState(values: ["weeks": "1"]))
    }

    func form(_ req: Request, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let interventions = try await SessionService.interventions(on: req)
        let sites = try await OrganisationRepository.siteList(areaIDs: try req.user.actor.areaIDs, on: req.db)
        var frame = PageFrame(req, title: "Schedule a session", section: .sessions)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.sessions.url
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors, dateFields: ["date"]),
            UI.heading("Schedule a session"),
            H.el("form", [("method", "post"), ("action", SitePath.newSession.url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.select("interventionId", label: "Kind of session", options: interventions.map { .init(value: $0.id, label: "\($0.name) (\($0.durationMinutes) minutes\($0.isRAR ? ", RAR" : ""))") },
                            selected: state["interventionId"], error: state.error("interventionId")),
                Form.select("siteId", label: "Where", options: sites.map { .init(value: $0.id, label: $0.name) }, selected: state["siteId"], error: state.error("siteId")),
                Form.date("date", legend: "Date", hint: "For example, 3 12 2026", state: state),
                Form.text("start", label: "Start time", value: state["start"], hint: "Use the 24-hour clock, for example 10:00 or 14:30", error: state.error("start"), width: "5"),
                Form.text("end", label: "End time (optional)", value: state["end"], hint: "Leave blank to use the session’s usual length", error: state.error("end"), width: "5"),
                Form.text("capacity", label: "Places (optional)", value: state["capacity"], hint: "Leave blank for the usual number", error: state.error("capacity"), width: "3"),
                Form.text("weeks", label: "How many weeks", value: state["weeks"], hint: "1 for a one-off session; more for a weekly series on the same day and time (up to \(SessionDraft.seriesLimit))",
                          error: state.error("weeks"), width: "3"),
                Form.button("Schedule"),
            ]),
        ])
    }

    @Sendable func schedule(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["interventionId", "siteId", "start", "end", "capacity", "weeks"], dates: ["date"])
        return try await FormSubmission.handle(state, conflictField: nil, redisplay: { state, status in try await form(req, state: state, status: status) }) {
            let made = try await SessionService.schedule(SessionDraft(interventionID: state["interventionId"], siteID: state["siteId"], date: state.dateInput("date"),
                                                                      start: state["start"], end: state["end"], capacity: state["capacity"], weeks: state["weeks"]), on: req)
            Flash.set(made.count == 1 ? "Session scheduled. Now ask facilitators." : "\(made.count) weekly sessions scheduled. Ask facilitators for each.", on: req)
            return req.redirect(to: SitePath.session(made[0].id).url)
        }
    }

    // MARK: One session

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        try await page(req, id: try req.parameter(.session), errors: [])
    }

    func page(_ req: Request, id: String, errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.user
        let file = try await SessionService.load(id, for: .viewSessions, on: req)
        let s = file.session
        let scheduling = Policy.reaches(user.actor, file.scope, for: .scheduleSessions)
        let showNames = SessionListing.showsBookings(file, on: req)
        let people = try await PeopleRepository.find(ids: file.bookings.map(\.personID), on: req.db)
        if showNames { try await req.auditList(actorID: user.id, action: "session.view", recordType: "session", personIDs: file.booked.map(\.personID) + file.waiting.map(\.personID)) }
        let mentors = try await MentorRepository.find(ids: file.facilitators.compactMap(\.mentorID), on: req.db)
        let mentorPeople = try await PeopleRepository.find(ids: mentors.values.map(\.personID), on: req.db)
        let staffNames = try await UserRepository.names(ids: Set(file.facilitators.filter { $0.mentorID == nil }.compactMap(\.userID)), on: req.db)
        func facilitatorName(_ f: Facilitator) -> String {
            if let m = f.mentorID { return (mentors[m].flatMap { mentorPeople[$0.personID]?.details.fullName } ?? "Peer mentor") + " (peer mentor)" }
            return (f.userID.flatMap { staffNames[$0] } ?? "Staff") + " (staff)"
        }
        // Errors about the session rather than one field link to the part of the page they are about.
        let summaryErrors = errors.map { error -> FieldError in
            switch error.field {
            case "response": FieldError("facilitators", error.message)
            case "state": FieldError("session-details", error.message)
            case "bookingId": FieldError("participants", error.message)
            default: error
            }
        }
        var content: [Body] = [
            Form.errorSummary(summaryErrors),
            UI.heading(file.intervention.name, caption: "Group session"),
            H.el("div", [("id", "session-details")], [UI.summaryList([
                .init(key: "When", value: .text(s.when)),
                .init(key: "Where", value: H.link(file.site.name, to: SitePath.siteSchedule(file.site.id).url)),
                .init(key: "Status", value: Self.stateTag(s.state)),
                .init(key: "Places", value: .text("\(file.booked.count) of \(s.capacity) booked" + (file.waiting.isEmpty ? "" : "; \(file.waiting.count) on the waiting list"))),
                .init(key: "RAR activity", value: .text(file.intervention.isRAR ? "Yes: attending and complying earns a RAR day" : "No")),
                .init(key: "Facilitation rule", value: .text(file.intervention.rule.summary)),
                .init(key: "Design version", value: .text("Version \(s.interventionVersion)")),
            ])]),
            H.el("h2", [("class", "wm-heading-m"), ("id", "facilitators")], "Facilitators"),
        ]
        if file.facilitators.isEmpty {
            content.append(UI.p("No one has been asked yet."))
        } else {
            content.append(UI.table(caption: "Facilitators asked", columns: [.init(title: "Name"), .init(title: "Answer"), .init(title: "Action")],
                                    rows: file.facilitators.map { f in
                let mayAnswer = s.state != .cancelled && (f.userID == user.id || (scheduling && f.userID == nil)) && Policy.permits(user.role, .respondToFacilitation)
                return [.text(facilitatorName(f)), UI.tag(f.response.label, f.response == .accepted ? "green" : f.response == .declined ? "red" : "yellow"),
                        mayAnswer ? responseForm(req, s, f) : .text("")]
            }))
        }
        if scheduling && s.state != .cancelled {
            let mentors = try await SessionService.facilitatingMentors(area: s.areaID, on: req.db)
            let staff = try await SessionService.staff(area: s.areaID, on: req.db)
            content.append(H.el("form", [("method", "post"), ("action", SitePath.sessionPage(s.id, .facilitators).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.select("mentorId", label: "Ask a peer mentor", options: mentors.map { .init(value: $0.0.id, label: $0.1.details.fullName) }, selected: "",
                            hint: "Only active peer mentors with a recorded accreditation can facilitate", error: errors.first { $0.field == "mentorId" }?.message, blank: "Select a peer mentor"),
                Form.button("Ask peer mentor", secondary: true),
            ]))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.sessionPage(s.id, .facilitators).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.select("userId", label: "Ask a member of staff", options: staff.map { .init(value: $0.id, label: "\($0.name) (\($0.role.label))") }, selected: "",
                            error: errors.first { $0.field == "userId" }?.message, blank: "Select a member of staff"),
                Form.button("Ask member of staff", secondary: true),
            ]))
            if s.state == .planned {
                let problems = try await SessionService.problems(file, on: req.db)
                content.append(H.el("h2", [("class", "wm-heading-m")], "Confirm the session"))
                if problems.isEmpty {
                    content.append(UI.p("The facilitators meet the rule. Confirm the session so it goes ahead."))
                } else {
                    content.append(UI.warning("It cannot be confirmed yet"))
                    content.append(H.el("ul", [("class", "wm-list wm-list--bullet"), ("id", "confirm-problems")], problems.map { H.el("li", [], $0) }))
                }
                content.append(H.el("form", [("method", "post"), ("action", SitePath.sessionPage(s.id, .confirm).url), ("novalidate", "novalidate")], [
                    Form.csrf(CSRF.token(for: req)), Form.hidden("version", String(s.version)), Form.button("Confirm session"),
                ]))
            }
        }
        // Participants
        content.append(H.el("h2", [("class", "wm-heading-m"), ("id", "participants")], "Participants"))
        if showNames {
            let canBook = Policy.reaches(user.actor, file.scope, for: .bookParticipants)
            let showCRN = Policy.seesParticipantCRN(user.role)
            func row(_ b: Booking) -> [Body] {
                let p = people[b.personID]
                let mine = p.map { Policy.access(user.actor, to: $0.scope, for: .bookParticipants) == .full } ?? false
                let a = file.attendance(of: b.personID)
                return [.text(p?.details.fullName ?? "Unknown")] + (showCRN ? [.text(p?.details.crn?.value ?? "")] : []) + [.text(b.state.label),
                        .text(a.map { $0.record.outcome.label + ($0.record.late ? " (late)" : "") } ?? "Not recorded"),
                        canBook && mine && a == nil && s.state != .cancelled ? H.el("form", [("method", "post"), ("action", SitePath.sessionPage(s.id, .unbook).url)], [
                            Form.csrf(CSRF.token(for: req)), Form.hidden("bookingId", b.id),
                            H.el("button", [("type", "submit"), ("class", "wm-button wm-button--secondary wm-button--small")], [
                                .text("Cancel booking"), H.el("span", [("class", "wm-visually-hidden")], " for \(p?.details.fullName ?? "")")]),
                        ]) : .text("")]
            }
            let rows = file.booked + file.waiting
            if rows.isEmpty { content.append(UI.p("No one is booked yet.")) }
            else {
                content.append(UI.table(caption: "Booked and waiting", columns: [.init(title: "Name")] + (showCRN ? [.init(title: "CRN")] : [])
                                            + [.init(title: "Place"), .init(title: "Attendance"), .init(title: "Action")],
                                        rows: rows.map(row)))
            }
            if canBook, s.state != .cancelled, s.date >= req.today {
                let caseload = try await PeopleService.search(nil, cursor: nil, limit: 200, on: req).items.filter { $0.1 == .full }.map(\.0)
                content.append(H.el("form", [("method", "post"), ("action", SitePath.sessionPage(s.id, .bookings).url), ("novalidate", "novalidate")], [
                    Form.csrf(CSRF.token(for: req)),
                    Form.select("personId", label: "Book someone on this session", options: caseload.filter { p in !rows.contains { $0.personID == p.id } }
                        .map { .init(value: $0.id, label: "\($0.details.fullName) (\($0.details.crn?.value ?? "no CRN"))") }, selected: "",
                                hint: file.booked.count >= s.capacity ? "The session is full: new bookings join the waiting list" : nil,
                                error: errors.first { $0.field == "personId" }?.message, blank: "Select a person"),
                    Form.button("Book", secondary: true),
                ]))
            }
        } else {
            content.append(UI.p("\(file.booked.count) people are booked. Their names are shared with staff facilitators."))
        }
        if Policy.reaches(user.actor, file.scope, for: .scheduleSessions), s.state != .cancelled, s.date >= req.today {
            content.append(H.el("p", [("class", "wm-body")], [H.link("Print the “what to expect” invitation for the people invited", to: SitePath.sessionPage(s.id, .invitation).url)]))
        }
        if Policy.reaches(user.actor, file.scope, for: .recordAttendance), s.state != .cancelled {
            content.append(H.el("h2", [("class", "wm-heading-m")], "On the day"))
            content.append(H.el("ul", [("class", "wm-list")], [
                H.el("li", [], [H.link("Record attendance", to: SitePath.sessionPage(s.id, .attendance).url)]),
                H.el("li", [], [H.link("Enter feedback forms", to: SitePath.sessionPage(s.id, .feedback).url)]),
                H.el("li", [], [H.link("Print the attendance sheet and paper feedback forms", to: SitePath.sessionPage(s.id, .sheet).url)]),
            ]))
        }
        if user.role == .mentor, FacilitationRecording.hasAccepted(userID: user.id, facilitators: file.facilitators),
           let mentor = try await MentorRepository.find(userID: user.id, on: req.db) {
            content.append(H.el("p", [("class", "wm-body")], [H.link("Claim travel to \(file.site.name) as an expense",
                to: SitePath.mentorPage(mentor.id, .volunteering).url + "?expenseOn=\(s.date.iso)&description=" + ("Travel to \(file.site.name) for \(file.intervention.name)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))]))
        }
        if scheduling, s.state != .cancelled, file.attendance.isEmpty {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.sessionPage(s.id, .cancel).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)), Form.hidden("version", String(s.version)), Form.button("Cancel this session", warning: true),
            ]))
        }
        var frame = PageFrame(req, title: file.intervention.name, section: .sessions)
        frame.hasErrors = !errors.isEmpty
        frame.breadcrumbs = [("Home", SitePath.home.url), ("Sessions", SitePath.sessions.url)]
        return Layout.render(frame, status: status, content)
    }

    func responseForm(_ req: Request, _ s: GroupSession, _ f: Facilitator) -> Body {
        H.el("form", [("method", "post"), ("action", SitePath.sessionPage(s.id, .response).url), ("class", "wm-inline-form")], [
            Form.csrf(CSRF.token(for: req)), Form.hidden("facilitatorId", f.id), Form.hidden("version", String(f.version)),
            H.el("button", [("type", "submit"), ("name", "response"), ("value", "accepted"), ("class", "wm-button wm-button--small")], "Accept"),
            .text(" "),
            H.el("button", [("type", "submit"), ("name", "response"), ("value", "declined"), ("class", "wm-button wm-button--secondary wm-button--small")], "Decline"),
        ])
    }

    func act(_ req: Request, success: String, anchor: String = "", thenTo next: String? = nil, _ body: (String) async throws -> Void) async throws -> Response {
        let id = try req.parameter(.session)
        do {
            try await body(id)
            Flash.set(success, on: req)
            return req.redirect(to: next ?? (SitePath.session(id).url + anchor))
        } catch let failure as ValidationFailure {
            return try await page(req, id: id, errors: failure.errors, status: .unprocessableEntity)
        } catch is VersionConflict {
            return try await page(req, id: id, errors: [FieldError("facilitators", "Someone else changed this session first. Check it, then try again.")], status: .conflict)
        }
    }

    @Sendable func addFacilitator(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["mentorId", "userId"])
        return try await act(req, success: "Asked to facilitate. They will be notified.") { id in
            _ = try await SessionService.addFacilitator(id, mentorID: state["mentorId"], userID: state["userId"], on: req)
        }
    }

    @Sendable func respond(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["facilitatorId", "response", "version"])
        // Someone who declines for themselves is no longer asked to facilitate, so the session
        // leaves what they may see: back to their own list rather than to a page not found.
        let role = user.role
        let leavesScope = state["response"] != "accepted" && !Policy.permits(role, .scheduleSessions)
        return try await act(req, success: state["response"] == "accepted" ? "Thank you: you have accepted" : "You have declined",
                             thenTo: leavesScope ? SitePath.sessions.url : nil) { id in
            _ = try await SessionService.respond(id, facilitatorID: state["facilitatorId"], response: state["response"], version: Int(state["version"]) ?? -1, on: req)
        }
    }

    @Sendable func confirm(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["version"])
        return try await act(req, success: "Session confirmed") { id in
            _ = try await SessionService.confirm(id, version: Int(state["version"]) ?? -1, on: req)
        }
    }

    @Sendable func cancel(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["version"])
        return try await act(req, success: "Session cancelled. Practitioners of the people booked have been told.") { id in
            _ = try await SessionService.cancel(id, version: Int(state["version"]) ?? -1, on: req)
        }
    }

    @Sendable func book(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["personId"])
        return try await act(req, success: "Booked", anchor: "#participants") { id in
            let b = try await BookingService.book(id, personID: state["personId"], on: req)
            if b.state == .waitingList { Flash.set("The session is full: added to the waiting list", on: req) }
        }
    }

    @Sendable func unbook(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["bookingId"])
        return try await act(req, success: "Booking cancelled", anchor: "#participants") { id in
            try await BookingService.cancelBooking(id, bookingID: state["bookingId"], on: req)
        }
    }

    // MARK: Site schedule, New Start list, uplift

    @Sendable func siteSchedule(req: Request, user: CurrentUser) async throws -> Response {
        let siteID = try req.parameter(.site)
        guard let site = try await OrganisationRepository.siteList(areaIDs: user.actor.areaIDs, on: req.db).first(where: { $0.id == siteID }) else {
            throw Abort(.notFound)
        }
        let files = try await SessionListing.visible(from: req.today, through: req.today.adding(days: 90), siteID: siteID, on: req)
        var content: [Body] = [UI.heading(site.name, caption: "Site schedule")]
        if Policy.permits(user.role, .scheduleSessions) {
            content.append(H.el("p", [("class", "wm-body")], [H.link("What to expect at \(site.name): directions, parking, access, arriving", to: SitePath.siteInformation(site.id).url)]))
        }
        content.append(files.isEmpty ? UI.p("Nothing scheduled here in the next 90 days.") : Self.table(files, caption: "The next 90 days"))
        var frame = PageFrame(req, title: "\(site.name) schedule", section: .sessions)
        frame.breadcrumbs = [("Home", SitePath.home.url), ("Sessions", SitePath.sessions.url)]
        return Layout.render(frame, content)
    }

    @Sendable func newStart(req: Request, user: CurrentUser) async throws -> Response {
        let people = try await PeopleService.search(nil, cursor: nil, limit: 200, on: req).items.filter { $0.1 == .full }.map(\.0)
        let orders = try await OrderRepository.orders(personIDs: people.map(\.id), on: req.db)

        let settings = try await MentorService.settings(on: req)
        let today = req.today
        var invited: [(Person, Order)] = [], firstAppointment: [(Person, Order)] = []
        for p in people {
            let own = orders[p.id] ?? []
            if let o = own.first(where: { NewStartRule.isInvited($0, today: today, settings: settings) }) { invited.append((p, o)) }
            if let o = own.first(where: { FirstAppointmentRule.isOffered($0, today: today, settings: settings) }) { firstAppointment.append((p, o)) }
        }
        try await req.auditList(actorID: user.id, action: "session.invitations", recordType: "person", personIDs: (invited + firstAppointment).map(\.0.id))
        var content: [Body] = [UI.heading("Who to invite"),
                               H.el("h2", [("class", "wm-heading-m")], "New Start ceremony"),
                               UI.p("People whose order or licence was completed in the last \(settings.newStartWithinMonths) months.")]
        content.append(invited.isEmpty ? UI.p("No one has completed recently.") : UI.table(caption: "Invite to a New Start ceremony",
            columns: [.init(title: "Name"), .init(title: "CRN"), .init(title: "Completed")],
            rows: invited.map { [H.link($0.0.details.fullName, to: SitePath.person($0.0.id).url), .text($0.0.details.crn?.value ?? ""), .text($0.1.details.actualEndDate?.long ?? "")] }))
        content.append(H.el("h3", [("class", "wm-heading-s")], "Support after probation, handed out at the ceremony"))
        content.append(H.el("ul", [("class", "wm-list wm-list--bullet")], NewStartRule.supportInformation.map { H.el("li", [], $0) }))
        content.append(H.el("h2", [("class", "wm-heading-m")], "Group first appointment"))
        content.append(UI.p("People whose order or licence started in the last \(settings.firstAppointmentWithinDays) days."))
        content.append(firstAppointment.isEmpty ? UI.p("No one has started recently.") : UI.table(caption: "Offer a group first appointment",
            columns: [.init(title: "Name"), .init(title: "CRN"), .init(title: "Started")],
            rows: firstAppointment.map { [H.link($0.0.details.fullName, to: SitePath.person($0.0.id).url), .text($0.0.details.crn?.value ?? ""), .text($0.1.details.startDate.long)] }))
        content.append(UI.p("Book them from the session’s page in Sessions."))
        return Layout.render(PageFrame(req, title: "Who to invite", section: .sessions), content)
    }

    @Sendable func uplift(req: Request, user: CurrentUser) async throws -> Response {
        let report = try await SessionListing.uplift(on: req)
        func table(_ caption: String, _ first: String, _ figures: [UpliftFigure]) -> Body {
            UI.table(caption: caption, columns: [.init(title: first), .init(title: "Forms", numeric: true), .init(title: "Before (mean)", numeric: true),
                                                 .init(title: "After (mean)", numeric: true), .init(title: "Uplift", numeric: true)],
                     rows: figures.map { [.text($0.key), .text(String($0.responses)), .text(String(format: "%.2f", $0.meanBefore)),
                                          .text(String(format: "%.2f", $0.meanAfter)), .text(FeedbackUplift.formatted($0.meanUplift))] })
        }
        var content: [Body] = [UI.heading("Feedback uplift"),
                               UI.p("Participants rate “\(FeedbackDraft.question)” from 1 to 5 before and after each session. Uplift is the mean of after minus before.")]
        if report.bySession.isEmpty {
            content.append(UI.p("No feedback entered yet. Facilitators enter it from each session’s page."))
        } else {
            content += [table("By intervention", "Intervention", report.byIntervention), table("By year", "Year", report.byYear),
                        table("By delivery unit", "Delivery unit", report.byDeliveryUnit), table("By site", "Site", report.bySite),
                        table("By session", "Session", report.bySession)]
        }
        return Layout.render(PageFrame(req, title: "Feedback uplift", section: .sessions), content)
    }
}
