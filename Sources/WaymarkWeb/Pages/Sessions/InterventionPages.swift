import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The intervention catalogue: the kinds of group session, with their facilitation rule and design versions.
struct InterventionPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let i = PathParameter.intervention.placeholder
        routes.on(.GET, SitePath.interventions.route, needs: .viewInterventions, signedIn: list)
        routes.on(.GET, SitePath.newIntervention.route, needs: .manageInterventions, signedIn: newForm)
        routes.on(.POST, SitePath.newIntervention.route, needs: .manageInterventions, signedIn: create)
        routes.on(.GET, SitePath.intervention(i).route, needs: .viewInterventions, signedIn: show)
        routes.on(.POST, SitePath.intervention(i).route, needs: .manageInterventions, signedIn: addVersion)
    }

    @Sendable func list(req: Request, user: CurrentUser) async throws -> Response {
        let list = try await SessionService.interventions(on: req)
        var content: [Body] = [UI.heading("Interventions")]
        if Policy.permits(user.role, .manageInterventions) { content.append(Form.buttonLink("Add an intervention", to: SitePath.newIntervention.url)) }
        content.append(UI.table(caption: "Kinds of group session", columns: [.init(title: "Intervention"), .init(title: "Length", numeric: true),
                                                                              .init(title: "Places", numeric: true), .init(title: "RAR"), .init(title: "Facilitated by")],
                                rows: list.map { [H.link($0.name, to: SitePath.intervention($0.id).url), .text("\($0.durationMinutes) minutes"), .text(String($0.capacity)),
                                                  .text($0.isRAR ? "Yes" : "No"), .text($0.rule.summary)] }))
        return Layout.render(PageFrame(req, title: "Interventions", section: .sessions), content)
    }

    @Sendable func newForm(req: Request, user: CurrentUser) async throws -> Response {
        form(req, state: FormState(values: ["durationMinutes": "120", "capacity": "12", "mentors": "2", "staff": "1", "staffRole": StaffRole.anyStaff.rawValue,
                                            "audience": InterventionAudience.currentOrder.rawValue]))
    }

    func form(_ req: Request, state: FormState, status: HTTPStatus = .ok) -> Response {
        var frame = PageFrame(req, title: "Add an intervention", section: .sessions)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.interventions.url
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors, firstOptions: ["audience": InterventionAudience.currentOrder.rawValue, "staffRole": StaffRole.anyStaff.rawValue]),
            UI.heading("Add an intervention"),
            H.el("form", [("method", "post"), ("action", SitePath.newIntervention.url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.text("name", label: "Name", value: state["name"], error: state.error("name")),
                Form.textarea("description", label: "What happens in it", value: state["description"], error: state.error("description"), rows: 3),
                Form.text("durationMinutes", label: "Length in minutes", value: state["durationMinutes"], error: state.error("durationMinutes"), width: "3"),
                Form.text("capacity", label: "Places", value: state["capacity"], error: state.error("capacity"), width: "3"),
                Form.checkboxes("isRar", legend: "Does it count as a RAR activity?", options: [.init(value: "yes", label: "Yes, attending earns a RAR day")],
                                selected: state.list("isRar"), error: nil),
                Form.text("mentors", label: "Accredited peer mentors needed", value: state["mentors"], error: state.error("mentors"), width: "2"),
                Form.text("staff", label: "Staff needed", value: state["staff"], error: state.error("staff"), width: "2"),
                Form.radios("staffRole", legend: "Which staff", options: StaffRole.allCases.map { .init(value: $0.rawValue, label: $0.label.capitalisedFirst) },
                            selected: state["staffRole"], error: state.error("staffRole")),
                Form.radios("audience", legend: "Who it is for", options: InterventionAudience.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state["audience"], error: state.error("audience")),
                Form.button("Add intervention"),
            ]),
        ])
    }

    @Sendable func create(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["name", "description", "durationMinutes", "capacity", "mentors", "staff", "staffRole", "audience"], listFields: ["isRar"])
        return try await FormSubmission.handle(state, conflictField: nil, redisplay: { state, status in form(req, state: state, status: status) }) {
            let i = try await InterventionService.create(InterventionDraft(name: state["name"], description: state["description"], durationMinutes: state["durationMinutes"],
                                                                           capacity: state["capacity"], isRAR: state.list("isRar").contains("yes"), mentors: state["mentors"],
                                                                           staff: state["staff"], staffRole: state["staffRole"], audience: state["audience"]), on: req)
            Flash.set("Intervention added", on: req)
            return req.redirect(to: SitePath.intervention(i.id).url)
        }
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        try await page(req, id: try req.parameter(.intervention), state: FormState(), status: .ok)
    }

    func page(_ req: Request, id: String, state: FormState, status: HTTPStatus) async throws -> Response {
        let user = try req.user
        let i = try await InterventionService.load(id, on: req)
        let versions = try await InterventionRepository.versions(interventionID: i.id, on: req.db)
        let mentors = try await MentorRepository.list(visibility: .areas(user.actor.areaIDs), state: nil, after: nil, limit: 500, on: req.db).items
        let names = Dictionary(uniqueKeysWithValues: mentors.map { ($0.0.id, $0.1.details.fullName) })
        var content: [Body] = [
            Form.errorSummary(state.errors),
            UI.heading(i.name, caption: "Intervention"),
            UI.p(i.description),
            UI.summaryList([
                .init(key: "Length", value: .text("\(i.durationMinutes) minutes")),
                .init(key: "Places", value: .text(String(i.capacity))),
                .init(key: "RAR activity", value: .text(i.isRAR ? "Yes" : "No")),
                .init(key: "Facilitated by", value: .text(i.rule.summary)),
                .init(key: "For", value: .text(i.audience.label)),
                .init(key: "Current version", value: .text(String(i.currentVersion))),
            ]),
            H.el("h2", [("class", "wm-heading-m")], "Versions"),
            UI.table(caption: "Design versions, newest first", columns: [.init(title: "Version"), .init(title: "What changed"), .init(title: "Co-designed by"), .init(title: "Pilot feedback")],
                     rows: versions.map { v in [.text("\(v.number) (\(v.createdOn.long))"), .text(v.changes),
                                                .text(v.coDesignerMentorIDs.compactMap { names[$0] }.joined(separator: ", ")), .text(v.pilotFeedback ?? "")] }),
        ]
        if Policy.permits(user.role, .manageInterventions) {
            content += [
                H.el("h2", [("class", "wm-heading-m")], "Record a new version"),
                H.el("form", [("method", "post"), ("action", SitePath.intervention(i.id).url), ("novalidate", "novalidate")], [
                    Form.csrf(CSRF.token(for: req)), Form.hidden("version", String(i.version)),
                    Form.textarea("changes", label: "What changed", value: state["changes"], error: state.error("changes"), rows: 3),
                    Form.checkboxes("coDesignerMentorIds", legend: "Peer mentors who co-designed it",
                                    options: mentors.map { .init(value: $0.0.id, label: $0.1.details.fullName) }, selected: state.list("coDesignerMentorIds"),
                                    error: state.error("coDesignerMentorIds")),
                    Form.textarea("pilotFeedback", label: "Pilot feedback (optional)", value: state["pilotFeedback"], error: state.error("pilotFeedback"), rows: 3),
                    Form.button("Record version", secondary: true),
                ]),
            ]
        }
        var frame = PageFrame(req, title: i.name, section: .sessions)
        frame.hasErrors = !state.errors.isEmpty
        frame.breadcrumbs = [("Home", SitePath.home.url), ("Interventions", SitePath.interventions.url)]
        return Layout.render(frame, status: status, content)
    }

    @Sendable func addVersion(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.intervention)
        let state = FormState(request: req, fields: ["version", "changes", "pilotFeedback"], listFields: ["coDesignerMentorIds"])
        do {
            _ = try await InterventionService.addVersion(id, InterventionVersionDraft(changes: state["changes"], coDesignerMentorIDs: state.list("coDesignerMentorIds"),
                                                                                      pilotFeedback: state["pilotFeedback"]), version: Int(state["version"]) ?? -1, on: req)
            Flash.set("New version recorded: new sessions will run it", on: req)
            return req.redirect(to: SitePath.intervention(id).url)
        } catch let failure as ValidationFailure {
            var state = state
            state.errors = failure.errors
            return try await page(req, id: id, state: state, status: .unprocessableEntity)
        } catch is VersionConflict {
            var state = state
            state.errors = [FieldError("changes", "Someone else recorded a version first. Check the list, then try again.")]
            return try await page(req, id: id, state: state, status: .conflict)
        }
    }
}
