import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// On the day: attendance in the national vocabulary, feedback forms, the printable sheet; afterwards the
/// practitioner's enforcement decisions.
struct AttendancePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let s = PathParameter.session.placeholder
        routes.on(.GET, SitePath.sessionPage(s, .attendance).route, needs: .recordAttendance, signedIn: attendance)
        routes.on(.POST, SitePath.sessionPage(s, .attendance).route, needs: .recordAttendance, signedIn: record)
        routes.on(.GET, SitePath.sessionPage(s, .feedback).route, needs: .recordAttendance, signedIn: feedback)
        routes.on(.POST, SitePath.sessionPage(s, .feedback).route, needs: .recordAttendance, signedIn: addFeedback)
        routes.on(.GET, SitePath.sessionPage(s, .sheet).route, needs: .recordAttendance, signedIn: sheet)
        routes.on(.GET, SitePath.enforcement.route, needs: .recordEnforcement, signedIn: enforcementList)
        routes.on(.POST, SitePath.enforcement.route, needs: .recordEnforcement, signedIn: decide)
    }

    @Sendable func attendance(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.session)
        return try await page(req, id: id, personID: req.query[String.self, at: "person"], state: FormState(), status: .ok)
    }

    func page(_ req: Request, id: String, personID: String?, state: FormState, status: HTTPStatus) async throws -> Response {
        let user = try req.user
        let file = try await SessionService.load(id, for: .recordAttendance, on: req)
        let people = try await PeopleRepository.find(ids: file.booked.map(\.personID), on: req.db)
        try await req.auditList(actorID: user.id, action: "attendance.view", recordType: "session", personIDs: file.booked.map(\.personID))
        var frame = PageFrame(req, title: "Attendance – \(file.intervention.name)", section: .sessions)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.session(id).url
        if let personID, let person = people[personID], file.attendance(of: personID) == nil {
            let first = AttendanceOutcome.attendedComplied.rawValue
            return Layout.renderForm(frame, status: status, [
                Form.errorSummary(state.errors.map { $0.field == "personId" ? FieldError("outcome", $0.message) : $0 },
                                  firstOptions: ["outcome": first, "late": "yes", "tellPractitioner": "yes"]),
                UI.heading("Attendance for \(person.details.fullName)", caption: "\(file.intervention.name), \(file.session.date.long)"),
                H.el("form", [("method", "post"), ("action", SitePath.sessionPage(id, .attendance).url), ("novalidate", "novalidate")], [
                    Form.csrf(CSRF.token(for: req)), Form.hidden("personId", personID),
                    Form.radios("outcome", legend: "Outcome", options: AttendanceOutcome.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: state["outcome"], error: state.error("outcome") ?? state.error("personId")),
                    Form.select("absenceReason", label: "Reason for an acceptable absence", options: AbsenceReason.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: state["absenceReason"], hint: "Only for an acceptable absence", error: state.error("absenceReason"), blank: "Not an acceptable absence"),
                    Form.checkboxes("late", legend: "Were they late?", options: [.init(value: "yes", label: "Yes, they arrived late")],
                                    selected: state.list("late"), error: state.error("late")),
                    Form.text("lateReason", label: "Why were they late?", value: state["lateReason"], hint: "Only if they were late", error: state.error("lateReason")),
                    Form.textarea("behaviourNotes", label: "Behaviour notes (optional)", value: state["behaviourNotes"],
                                  hint: "Needed if they were sent home for their behaviour. You can enter up to \(InputRules.longTextLimit) characters", error: state.error("behaviourNotes")),
                    Form.checkboxes("tellPractitioner", legend: "Does their practitioner need to know?", options: [.init(value: "yes", label: "Yes, tell their practitioner",
                        hint: "Non-attendance and being sent home always tell them")], selected: state.list("tellPractitioner"), error: nil),
                    Form.button("Save attendance"),
                ]),
            ])
        }
        let rows: [[Body]] = file.booked.map { b in
            let name = people[b.personID]?.details.fullName ?? "Unknown"
            if let a = file.attendance(of: b.personID) {
                return [.text(name), .text(a.record.outcome.label + (a.record.late ? " (late: \(a.record.lateReason ?? ""))" : "")
                                           + (a.record.absenceReason.map { ": \($0.label.lowercased())" } ?? "")), .text("")]
            }
            return [.text(name), .text("Not recorded"),
                    H.el("a", [("class", "wm-link"), ("href", SitePath.sessionPage(id, .attendance).url + "?person=\(b.personID)")], [
                        .text("Record"), H.el("span", [("class", "wm-visually-hidden")], " attendance for \(name)")])]
        }
        return Layout.render(frame, status: status, [
            Form.errorSummary(state.errors),
            UI.heading("Attendance", caption: "\(file.intervention.name), \(file.session.when)"),
            file.session.date > req.today ? UI.inset([.text("Attendance can be recorded from the day of the session.")]) : .empty,
            rows.isEmpty ? UI.p("No one is booked on this session.")
                : UI.table(caption: "Participants", columns: [.init(title: "Name"), .init(title: "Outcome"), .init(title: "Action")], rows: rows),
        ])
    }

    @Sendable func record(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.session)
        let state = FormState(request: req, fields: ["personId", "outcome", "absenceReason", "lateReason", "behaviourNotes"], listFields: ["late", "tellPractitioner"])
        return try await FormSubmission.handle(state, conflictField: nil, redisplay: { state, status in try await page(req, id: id, personID: state["personId"], state: state, status: status) }) {
            _ = try await BookingService.recordAttendance(id, personID: state["personId"],
                                                          AttendanceDraft(outcome: state["outcome"], absenceReason: state["absenceReason"], late: state.list("late").contains("yes"),
                                                                          lateReason: state["lateReason"], behaviourNotes: state["behaviourNotes"],
                                                                          tellPractitioner: state.list("tellPractitioner").contains("yes")), on: req)
            Flash.set("Attendance saved", on: req)
            return req.redirect(to: SitePath.sessionPage(id, .attendance).url)
        }
    }

    // MARK: Feedback

    @Sendable func feedback(req: Request, user: CurrentUser) async throws -> Response {
        try await feedbackPage(req, id: try req.parameter(.session), state: FormState(), status: .ok)
    }

    func feedbackPage(_ req: Request, id: String, state: FormState, status: HTTPStatus) async throws -> Response {
        let file = try await SessionService.load(id, for: .recordAttendance, on: req)
        let entries = try await AttendanceRepository.feedback(sessionIDs: [id], on: req.db)[id] ?? []
        let scores = (1...5).map { Form.Option(value: String($0), label: String($0)) }
        var frame = PageFrame(req, title: "Feedback – \(file.intervention.name)", section: .sessions)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.session(id).url
        var content: [Body] = [
            Form.errorSummary(state.errors, firstOptions: ["before": "1", "after": "1"]),
            UI.heading("Feedback", caption: "\(file.intervention.name), \(file.session.when)"),
        ]
        if let u = FeedbackUplift.figure(key: id, entries) {
            content.append(UI.summaryList([
                .init(key: "Forms entered", value: .text(String(u.responses))),
                .init(key: "Mean before", value: .text(String(format: "%.2f", u.meanBefore))),
                .init(key: "Mean after", value: .text(String(format: "%.2f", u.meanAfter))),
                .init(key: "Uplift", value: .text(FeedbackUplift.formatted(u.meanUplift))),
            ]))
        }
        content.append(H.el("h2", [("class", "wm-heading-m")], "Enter a form"))
        content.append(UI.p("Hand a participant this form on a tablet, or type in a paper form afterwards. It is anonymous."))
        content.append(H.el("form", [("method", "post"), ("action", SitePath.sessionPage(id, .feedback).url), ("novalidate", "novalidate")], [
            Form.csrf(CSRF.token(for: req)),
            Form.radios("before", legend: "Before the session: \(FeedbackDraft.question)", options: scores, selected: state["before"],
                        hint: "1 is not at all hopeful, 5 is very hopeful", error: state.error("before"), inline: true),
            Form.radios("after", legend: "After the session: \(FeedbackDraft.question)", options: scores, selected: state["after"],
                        hint: "1 is not at all hopeful, 5 is very hopeful", error: state.error("after"), inline: true),
            Form.textarea("comment", label: "Anything you would like to tell us? (optional)", value: state["comment"], error: state.error("comment"),
                          maxLength: FeedbackDraft.commentLimit, rows: 3),
            Form.button("Save feedback"),
        ]))
        return Layout.renderForm(frame, status: status, content)
    }

    @Sendable func addFeedback(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.session)
        let state = FormState(request: req, fields: ["before", "after", "comment"])
        return try await FormSubmission.handle(state, conflictField: nil, redisplay: { state, status in try await feedbackPage(req, id: id, state: state, status: status) }) {
            _ = try await BookingService.addFeedback(id, FeedbackDraft(before: state["before"], after: state["after"], comment: state["comment"]), on: req)
            Flash.set("Feedback saved. Enter the next form below.", on: req)
            return req.redirect(to: SitePath.sessionPage(id, .feedback).url)
        }
    }

    /// The printable attendance sheet and paper feedback forms.
    @Sendable func sheet(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.session)
        let file = try await SessionService.load(id, for: .recordAttendance, on: req)
        let people = try await PeopleRepository.find(ids: file.booked.map(\.personID), on: req.db)
        try await req.auditList(actorID: user.id, action: "attendance.sheet", recordType: "session", personIDs: file.booked.map(\.personID))
        let names = file.booked.compactMap { people[$0.personID] }.sorted { $0.details.lastName < $1.details.lastName }
        let showCRN = Policy.seesParticipantCRN(user.role)
        var frame = PageFrame(req, title: "Attendance sheet – \(file.intervention.name)", section: .sessions)
        frame.backLink = SitePath.session(id).url
        let form = H.el("section", [("class", "wm-paper-form")], [
            H.el("h2", [("class", "wm-heading-m")], "\(file.intervention.name): your feedback"),
            UI.p("\(FeedbackDraft.question) Circle one number before the session starts, and one at the end."),
            UI.p("Before:  1   2   3   4   5"), UI.p("After:   1   2   3   4   5"),
            UI.p("Anything you would like to tell us? ____________________________________________"),
        ])
        return Layout.render(frame, [
            UI.heading("Attendance sheet", caption: "\(file.intervention.name), \(file.session.when), \(file.site.name)"),
            UI.table(caption: "Participants", columns: [.init(title: "Name")] + (showCRN ? [.init(title: "CRN")] : []) + [.init(title: "Outcome"), .init(title: "Late / notes")],
                     rows: names.map { [.text($0.details.fullName)] + (showCRN ? [.text($0.details.crn?.value ?? "")] : []) + [.text(""), .text("")] }),
            UI.p("Outcomes: " + AttendanceOutcome.allCases.map(\.label).joined(separator: " · ")),
        ] + Array(repeating: form, count: max(1, min(names.count, 30))))
    }

    // MARK: Enforcement

    @Sendable func enforcementList(req: Request, user: CurrentUser) async throws -> Response {
        try await enforcementPage(req, errors: [], status: .ok)
    }

    /// `errors` belong to one card: their fields are that card's (`decision-ID`, `notes-ID`).
    func enforcementPage(_ req: Request, errors: [FieldError], status: HTTPStatus) async throws -> Response {
        let user = try req.user
        let waiting = try await AttendanceRepository.awaitingEnforcement(practitionerID: user.id, on: req.db)
        let people = try await PeopleRepository.find(ids: waiting.map(\.personID), on: req.db)
        let sessions = try await SessionRepository.find(ids: waiting.map(\.sessionID), on: req.db)
        let interventions = try await InterventionRepository.find(ids: sessions.values.map(\.interventionID), on: req.db)
        try await req.auditList(actorID: user.id, action: "enforcement.list", recordType: "attendance", personIDs: waiting.map(\.personID))
        var frame = PageFrame(req, title: "Enforcement decisions", section: .sessions)
        frame.hasErrors = !errors.isEmpty
        let first = EnforcementDecision.allCases[0].rawValue
        var content: [Body] = [Form.errorSummary(errors, firstOptions: Dictionary(uniqueKeysWithValues: waiting.map { ("decision-\($0.id)", first) })),
                               UI.heading("Enforcement decisions"),
                               UI.p("Non-compliance at group sessions by people on your caseload. Waymark records your decision; you decide.")]
        if waiting.isEmpty { content.append(UI.p("Nothing is waiting for a decision.")) }
        for a in waiting {
            guard let person = people[a.personID], let session = sessions[a.sessionID] else { continue }
            let name = interventions[session.interventionID]?.name ?? "Session"
            content.append(H.el("form", [("method", "post"), ("action", SitePath.enforcement.url), ("class", "wm-summary-card"), ("novalidate", "novalidate")], [
                H.el("div", [("class", "wm-summary-card__title-wrapper")], [
                    H.el("h2", [("class", "wm-summary-card__title")], [H.link(person.details.fullName, to: SitePath.person(person.id).url)]),
                    UI.tag(a.record.outcome.label, "red"),
                ]),
                H.el("div", [("class", "wm-summary-card__content")], [
                    UI.p("\(name), \(session.date.long)." + (a.record.behaviourNotes.map { " Notes: \($0)" } ?? "")),
                    Form.csrf(CSRF.token(for: req)), Form.hidden("attendanceId", a.id), Form.hidden("version", String(a.version)),
                    Form.radios("decision-\(a.id)", legend: "Your decision for \(person.details.fullName)",
                                options: EnforcementDecision.allCases.map { .init(value: $0.rawValue, label: $0.label) }, selected: "",
                                error: errors.first { $0.field == "decision-\(a.id)" }?.message),
                    Form.textarea("notes-\(a.id)", label: "Notes", value: "", hint: "Needed for no further action",
                                  error: errors.first { $0.field == "notes-\(a.id)" }?.message, rows: 2),
                    Form.button("Record decision", secondary: true),
                ]),
            ]))
        }
        return Layout.render(frame, status: status, content)
    }

    @Sendable func decide(req: Request, user: CurrentUser) async throws -> Response {
        let id = (try? req.content.get(String.self, at: "attendanceId")) ?? ""
        let state = FormState(request: req, fields: ["version", "decision-\(id)", "notes-\(id)"])
        do {
            _ = try await BookingService.decideEnforcement(attendanceID: id, EnforcementDraft(decision: state["decision-\(id)"], notes: state["notes-\(id)"]),
                                                           version: Int(state["version"]) ?? -1, on: req)
            Flash.set("Decision recorded", on: req)
            return req.redirect(to: SitePath.enforcement.url)
        } catch let failure as ValidationFailure {
            return try await enforcementPage(req, errors: failure.errors.map { FieldError("\($0.field)-\(id)", $0.message) }, status: .unprocessableEntity)
        } catch is VersionConflict {
            return try await enforcementPage(req, errors: [FieldError("decision-\(id)", "Someone else recorded a decision first")], status: .conflict)
        }
    }
}
