import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Case studies and quotes with consent: recorded from a person's record, approved before
/// use, withdrawn in one step (and gone from every report at once).
struct CaseStudyPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, SitePath.caseStudies.route, needs: .manageCaseStudies, signedIn: list)
        let new = SitePath.newCaseStudy(PathParameter.person.placeholder).route
        routes.on(.GET, new, needs: .manageCaseStudies, signedIn: newForm)
        routes.on(.POST, new, needs: .manageCaseStudies, signedIn: create)
        routes.on(.GET, SitePath.caseStudy(PathParameter.caseStudy.placeholder).route, needs: .manageCaseStudies, signedIn: show)
        routes.on(.POST, SitePath.caseStudyAction(PathParameter.caseStudy.placeholder, .approve).route, needs: .manageCaseStudies, use: approve)
        routes.on(.POST, SitePath.caseStudyAction(PathParameter.caseStudy.placeholder, .withdraw).route, needs: .manageCaseStudies, use: withdraw)
    }

    static func stateTag(_ state: CaseStudyState) -> Body {
        UI.tag(state.label, state == .approved ? "green" : state == .consentWithdrawn ? "red" : "yellow")
    }

    @Sendable func list(req: Request, user: CurrentUser) async throws -> Response {
        let rows = try await CaseStudyService.list(on: req)
        var content: [Body] = [UI.heading("Case studies and quotes")]
        content.append(UI.p("Stories and quotes from mentors and mentees, told under a pseudonym. Only approved ones, with consent that still stands, appear in reports. To add one, open the person’s record and choose “Add a case study or quote”."))
        if rows.isEmpty {
            content.append(UI.p("No case studies yet."))
        } else {
            content.append(UI.table(caption: "Case studies and quotes", columns: [UI.Column(title: "Pseudonym"), UI.Column(title: "Story or quote"),
                                                                                  UI.Column(title: "Whose words"), UI.Column(title: "Consent given"), UI.Column(title: "State")],
                                    rows: rows.map { study, _ in
                                        [H.link(study.pseudonym, to: SitePath.caseStudy(study.id).url), H.text(study.kind.label), H.text(study.subject.label),
                                         H.text(study.consent.givenOn.long), Self.stateTag(study.state)]
                                    }))
        }
        return Layout.render(PageFrame(req, title: "Case studies and quotes", section: .caseStudies), content)
    }

    static let fields = ["subject", "kind", "pseudonym", "title", "text"]

    @Sendable func newForm(req: Request, user: CurrentUser) async throws -> Response {
        let (person, _) = try await PeopleService.load(try req.parameter(.person), for: .manageCaseStudies, action: "person.view", on: req)
        let isMentor = try await MentorRepository.find(personID: person.id, on: req.db) != nil
        return form(req, person, state: FormState(values: ["subject": isMentor ? "mentor" : "mentee"].merging(FormState.dateValues("consentGivenOn", req.today)) { a, _ in a }))
    }

    @Sendable func create(req: Request, user: CurrentUser) async throws -> Response {
        let personID = try req.parameter(.person)
        let state = FormState(request: req, fields: Self.fields, dates: ["consentGivenOn"], listFields: ["uses"])
        do {
            let study = try await CaseStudyService.create(personID: personID, CaseStudyDraft(
                subject: state["subject"], kind: state["kind"], pseudonym: state["pseudonym"], title: state["title"], text: state["text"],
                uses: state.list("uses"), consentGivenOn: state.dateInput("consentGivenOn")), on: req)
            Flash.set("Case study saved. It needs approval before it can be used.", on: req)
            return req.redirect(to: SitePath.caseStudy(study.id).url)
        } catch let failure as ValidationFailure {
            let (person, _) = try await PeopleService.load(personID, for: .manageCaseStudies, action: "person.view", on: req)
            var state = state
            state.errors = failure.errors
            return form(req, person, state: state, status: .unprocessableEntity)
        }
    }

    func form(_ req: Request, _ person: Person, state: FormState, status: HTTPStatus = .ok) -> Response {
        var frame = PageFrame(req, title: "Add a case study or quote", section: .caseStudies)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.person(person.id).url
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors, dateFields: ["consentGivenOn"], firstOptions: ["subject": "mentor", "kind": "story", "uses": ConsentUse.annualReport.rawValue]),
            UI.heading("Add a case study or quote", caption: person.details.fullName),
            UI.p("Use the person’s own words where you can. Leave out anything that could identify them or anyone else: names, places, dates of offences."),
            H.el("form", [("method", "post"), ("action", SitePath.newCaseStudy(person.id).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.radios("subject", legend: "Whose words are these?", options: CaseStudySubject.allCases.map { Form.Option(value: $0.rawValue, label: $0.label) },
                            selected: state["subject"], error: state.error("subject"), inline: true),
                Form.radios("kind", legend: "Is this a story or a quote?", options: [
                    Form.Option(value: "story", label: "Story", hint: "Up to \(CaseStudyKind.story.limit) characters, like the Essex case study of ‘Daisy’"),
                    Form.Option(value: "quote", label: "Quote", hint: "A sentence or two in their own words, up to \(CaseStudyKind.quote.limit) characters"),
                ], selected: state["kind"], error: state.error("kind")),
                Form.text("pseudonym", label: "Pseudonym", value: state["pseudonym"], hint: "The name the story will be told under. It must not be their own name.",
                          error: state.error("pseudonym"), width: "20"),
                Form.text("title", label: "Title (optional)", value: state["title"], error: state.error("title")),
                Form.textarea("text", label: "Their story or quote", value: state["text"], error: state.error("text"), maxLength: CaseStudyKind.story.limit, rows: 8),
                Form.checkboxes("uses", legend: "What did they agree it may be used for?",
                                options: ConsentUse.allCases.map { Form.Option(value: $0.rawValue, label: $0.label) }, selected: state.list("uses"),
                                hint: "Select all that apply. They can withdraw their consent at any time.", error: state.error("uses")),
                Form.date("consentGivenOn", legend: "Date they gave consent", hint: "For example, 27 3 2026", state: state),
                Form.button("Save case study"),
            ]),
        ])
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let (study, person) = try await CaseStudyService.load(try req.parameter(.caseStudy), action: "caseStudy.view", on: req)
        return page(req, study, person, errors: [])
    }

    func page(_ req: Request, _ study: CaseStudy, _ person: Person, errors: [FieldError], status: HTTPStatus = .ok) -> Response {
        var frame = PageFrame(req, title: "Case study: \(study.pseudonym)", section: .caseStudies)
        frame.hasErrors = !errors.isEmpty
        frame.breadcrumbs = [("Case studies", SitePath.caseStudies.url)]
        let token = CSRF.token(for: req)
        var content: [Body] = [Form.errorSummary(errors), UI.heading(study.title ?? study.pseudonym, caption: "\(study.kind.label) – \(study.subject.label.lowercased())")]
        content.append(UI.summaryList([
            .init(key: "State", value: Self.stateTag(study.state)),
            .init(key: "Pseudonym", value: .text(study.pseudonym)),
            .init(key: "Whose words", value: H.el("span", [], [.text("\(study.subject.label): "), H.link(person.details.fullName, to: SitePath.person(person.id).url)])),
            .init(key: "Consent", value: .text("Given on \(study.consent.givenOn.long) for: " + ConsentUse.allCases.filter(study.consent.uses.contains).map(\.label).joined(separator: "; ")
                                               + (study.consent.withdrawnOn.map { ". Withdrawn on \($0.long)." } ?? ""))),
            .init(key: "Approved", value: .text(study.approvedOn.map { "On \($0.long)" } ?? "Not yet")),
        ]))
        content.append(H.el("blockquote", [("class", "wm-quote wm-quote__text")], study.text))
        if study.state == .awaitingApproval {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.caseStudyAction(study.id, .approve).url)], [
                Form.csrf(token), Form.hidden("version", String(study.version)),
                UI.p("Approve it once you have checked it identifies nobody and matches what the person agreed to."),
                Form.button("Approve for use"),
            ]))
        }
        if study.state != .consentWithdrawn {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.caseStudyAction(study.id, .withdraw).url)], [
                Form.csrf(token), Form.hidden("version", String(study.version)),
                H.el("h2", [("class", "wm-heading-m")], "If they withdraw consent"),
                UI.p("It will be removed from every report straight away, and cannot be used again."),
                Form.button("Record that consent is withdrawn", warning: true),
            ]))
        }
        return Layout.render(frame, status: status, content)
    }

    @Sendable func approve(req: Request) async throws -> Response { try await act(req, approve: true) }
    @Sendable func withdraw(req: Request) async throws -> Response { try await act(req, approve: false) }

    func act(_ req: Request, approve: Bool) async throws -> Response {
        let id = try req.parameter(.caseStudy)
        guard let version = Int((try? req.content.get(String.self, at: "version")) ?? "") else { throw Abort(.badRequest, reason: "The form is missing its version") }
        do {
            _ = approve ? try await CaseStudyService.approve(id, version: version, on: req) : try await CaseStudyService.withdraw(id, version: version, on: req)
            Flash.set(approve ? "Approved: it can now be used in reports" : "Consent withdrawn: it has been removed from every report", on: req)
            return req.redirect(to: SitePath.caseStudy(id).url)
        } catch let failure as ValidationFailure {
            let (study, person) = try await CaseStudyService.load(id, action: "caseStudy.view", on: req)
            return page(req, study, person, errors: failure.errors, status: .unprocessableEntity)
        } catch is VersionConflict {
            let (study, person) = try await CaseStudyService.load(id, action: "caseStudy.view", on: req)
            return page(req, study, person, errors: [FieldError(approve ? "approve" : "withdraw",
                                                                "Someone else changed this case study while you were looking at it. Check it below and try again.")],
                        status: .conflict)
        }
    }
}
