import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Moving on: the employment pathway (e.g. Case Supporter) and, for practitioners, further offences.
struct EmploymentPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let m = PathParameter.mentor.placeholder
        routes.on(.GET, SitePath.mentorPage(m, .employment).route, needs: .viewMentors, signedIn: show)
        routes.on(.POST, SitePath.mentorPage(m, .employment).route, needs: .recordEmployment, signedIn: addStep)
        routes.on(.POST, SitePath.mentorPage(m, .offences).route, needs: .recordFurtherOffence, signedIn: addOffence)
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .viewMentors, action: "mentor.view", on: req)
        return try await page(req, mentor, person, state: FormState(values: FormState.dateValues("on", req.today)))
    }

    func page(_ req: Request, _ mentor: Mentor, _ person: Person, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let steps = try await VolunteeringRepository.employmentSteps(mentorID: mentor.id, on: req.db)
        var content = try await MentorRecordFrame.header(mentor, person, tab: .employment, on: req)
        content.insert(Form.errorSummary(state.errors, dateFields: ["on", "offenceOn"], firstOptions: ["stage": EmploymentStage.applied.rawValue]), at: 0)
        content.append(H.el("h2", [("class", "wm-heading-m")], "Employment pathway"))
        if let destination = mentor.movedOnDestination {
            content.append(UI.inset([UI.p("Moved on: \(destination.label.lowercased()).")]))
        }
        if steps.isEmpty {
            content.append(UI.p("No applications or offers recorded yet."))
        } else {
            content.append(UI.table(caption: "Applications, offers and jobs", columns: [.init(title: "Date"), .init(title: "Role"), .init(title: "Employer"), .init(title: "Stage")],
                                    rows: steps.map { [.text($0.on.long), .text($0.role), .text($0.employer), .text($0.stage.label)] }))
        }
        if req.can(.recordEmployment, mentor, person) {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .employment).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.text("role", label: "Role", value: state["role"], hint: "For example, Case Supporter", error: state.error("role")),
                Form.text("employer", label: "Employer", value: state["employer"], hint: "For example, Essex Probation", error: state.error("employer")),
                Form.radios("stage", legend: "Stage", options: EmploymentStage.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state["stage"], error: state.error("stage")),
                Form.date("on", legend: "Date", hint: "For ‘waiting to start’, the start date", state: state),
                Form.textarea("notes", label: "Notes (optional)", value: state["notes"], error: state.error("notes"), rows: 3),
                Form.button("Record step", secondary: true),
            ]))
        }
        if req.can(.recordFurtherOffence, mentor, person) {
            let offences = try await VolunteeringRepository.offences(mentorID: mentor.id, on: req.db)
            content.append(H.el("h2", [("class", "wm-heading-m")], "Further offences"))
            content.append(UI.p(offences.isEmpty ? "None recorded." : offences.map { $0.offenceOn.long }.joined(separator: ", ")))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .offences).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.date("offenceOn", legend: "Date of a further offence", hint: "This counts in the programme’s reoffending figure", state: state),
                Form.textarea("offenceNotes", label: "Notes (optional)", value: state["offenceNotes"], error: state.error("notes"), rows: 3),
                Form.button("Record further offence", secondary: true, warning: true),
            ]))
        }
        var frame = MentorRecordFrame.frame(req, person, title: "Moving on")
        frame.hasErrors = !state.errors.isEmpty
        return Layout.render(frame, status: status, content)
    }

    @Sendable func addStep(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["role", "employer", "stage", "notes"], dates: ["on"])
        do {
            try await MentorService.addEmploymentStep(id, EmploymentStepDraft(role: state["role"], employer: state["employer"], stage: state["stage"],
                                                                              on: state.dateInput("on"), notes: state["notes"]), on: req)
            Flash.set("Employment step recorded", on: req)
            return req.redirect(to: SitePath.mentorPage(id, .employment).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .viewMentors, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            return try await page(req, mentor, person, state: state, status: .unprocessableEntity)
        }
    }

    @Sendable func addOffence(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["offenceNotes"], dates: ["offenceOn"])
        do {
            try await MentorService.addOffence(id, FurtherOffenceDraft(offenceOn: state.dateInput("offenceOn"), notes: state["offenceNotes"]), on: req)
            Flash.set("Further offence recorded", on: req)
            return req.redirect(to: SitePath.mentorPage(id, .employment).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .viewMentors, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            state.values.merge(FormState.dateValues("on", req.today)) { a, _ in a }
            return try await page(req, mentor, person, state: state, status: .unprocessableEntity)
        }
    }
}
