import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// What to expect at a site, kept by coordinators, and the "what to expect" invitation for a
/// session drawn from it: printable, and never printed with something missing.
struct SiteInformationPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let info = SitePath.siteInformation(PathParameter.site.placeholder).route
        routes.on(.GET, info, needs: .scheduleSessions, signedIn: form)
        routes.on(.POST, info, needs: .scheduleSessions, signedIn: save)
        routes.on(.GET, SitePath.sessionPage(PathParameter.session.placeholder, .invitation).route, needs: .scheduleSessions, signedIn: invitation)
        // Administrators keep sites too, from the organisation pages.
        let admin = SitePath.organisationSiteInformation(PathParameter.site.placeholder).route
        routes.on(.GET, admin, needs: .manageOrganisation, signedIn: form)
        routes.on(.POST, admin, needs: .manageOrganisation, signedIn: save)
    }

    static let fields = ["directions", "parking", "stepFree", "accessDetails", "onArrival", "staff", "photoAltText"]

    func load(_ req: Request) async throws -> SiteInformationRepository.Site {
        let user = try req.user
        let id = try req.parameter(.site)
        var reaches = Self.byAdministrator(req)
        if !reaches { reaches = try await OrganisationRepository.siteList(areaIDs: user.actor.areaIDs, on: req.db).contains { $0.id == id } }
        guard reaches, let site = try await SiteInformationRepository.find(id: id, on: req.db) else { throw Abort(.notFound) }
        return site
    }

    /// Reached through the organisation pages, which only administrators have.
    static func byAdministrator(_ req: Request) -> Bool { req.url.path.hasPrefix(SitePath.organisation.url + "/") }

    static func formPath(_ req: Request, _ siteID: String) -> SitePath {
        byAdministrator(req) ? .organisationSiteInformation(siteID) : .siteInformation(siteID)
    }

    @Sendable func form(req: Request, user: CurrentUser) async throws -> Response {
        let site = try await load(req)
        let i = site.information
        return page(req, site, state: FormState(values: ["directions": i.directions ?? "", "parking": i.parking ?? "", "stepFree": i.stepFree?.rawValue ?? "",
                                                         "accessDetails": i.accessDetails ?? "", "onArrival": i.onArrival ?? "", "staff": i.staff ?? "",
                                                         "photoAltText": i.photoAltText ?? ""]))
    }

    @Sendable func save(req: Request, user: CurrentUser) async throws -> Response {
        let site = try await load(req)
        let state = FormState(request: req, fields: Self.fields)
        return try await FormSubmission.handle(state, conflictField: nil, redisplay: { state, status in page(req, site, state: state, status: status) }) {
            let info = try SiteInformationDraft(directions: state["directions"], parking: state["parking"], stepFree: state["stepFree"],
                                                accessDetails: state["accessDetails"], onArrival: state["onArrival"], staff: state["staff"],
                                                photoAltText: state["photoAltText"]).validated()
            let at = req.now
            try await Command.run(req, actorID: user.id) { effects in
                let tx = effects.tx
                try await SiteInformationRepository.save(info, siteID: site.id, on: tx)
                effects.audit("site.information", "site", site.id)
            }
            Flash.set("Information about \(site.name) saved", on: req)
            return req.redirect(to: Self.byAdministrator(req) ? Self.formPath(req, site.id).url : SitePath.siteSchedule(site.id).url)
        }
    }

    func page(_ req: Request, _ site: SiteInformationRepository.Site, state: FormState, status: HTTPStatus = .ok) -> Response {
        var frame = PageFrame(req, title: "What to expect at \(site.name)", section: .sessions)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = Self.byAdministrator(req) ? SitePath.organisation.url : SitePath.siteSchedule(site.id).url
        let hint = "Write it as you would say it to someone coming for the first time."
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors, firstOptions: ["stepFree": StepFreeAccess.yes.rawValue]),
            UI.heading("What to expect at \(site.name)", caption: "\(site.address), \(site.postcode)"),
            UI.p("People arrive confused, anxious and sometimes vulnerable. What you write here goes on every invitation to a session at this site, and on the public page about your area."),
            H.el("form", [("method", "post"), ("action", Self.formPath(req, site.id).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.textarea("directions", label: "How to get there", value: state["directions"], hint: "Buses, trains, the nearest stop, landmarks. " + hint,
                              error: state.error("directions"), maxLength: SiteInformationDraft.textLimit, rows: 3),
                Form.textarea("parking", label: "Parking", value: state["parking"], hint: "Where to park, what it costs, blue-badge spaces.",
                              error: state.error("parking"), maxLength: SiteInformationDraft.textLimit, rows: 3),
                Form.radios("stepFree", legend: "Step-free access", options: StepFreeAccess.allCases.map { Form.Option(value: $0.rawValue, label: $0.label) },
                            selected: state["stepFree"], error: state.error("stepFree")),
                Form.textarea("accessDetails", label: "Access details (optional)", value: state["accessDetails"], hint: "Lifts, ramps, accessible toilets, hearing loops.",
                              error: state.error("accessDetails"), maxLength: SiteInformationDraft.textLimit, rows: 3),
                Form.textarea("onArrival", label: "What happens when you arrive", value: state["onArrival"], hint: "Where to go, who to ask for, whether there is a security check.",
                              error: state.error("onArrival"), maxLength: SiteInformationDraft.textLimit, rows: 3),
                Form.textarea("staff", label: "What the staff are like (optional)", value: state["staff"], hint: hint,
                              error: state.error("staff"), maxLength: SiteInformationDraft.textLimit, rows: 3),
                Form.text("photoAltText", label: "Description of the photo of the entrance (optional)", value: state["photoAltText"],
                          hint: "For anyone who cannot see the photo: what the entrance looks like.", error: state.error("photoAltText")),
                Form.button("Save"),
            ]),
        ])
    }

    // MARK: Invitation

    @Sendable func invitation(req: Request, user: CurrentUser) async throws -> Response {
        let file = try await SessionService.load(try req.parameter(.session), for: .scheduleSessions, on: req)
        guard let site = try await SiteInformationRepository.find(id: file.site.id, on: req.db) else { throw Abort(.notFound) }
        let facilitating = file.facilitators.filter { $0.response != .declined }
        let mentorIDs = facilitating.compactMap(\.mentorID)
        let named = try await SiteInformationRepository.namedOnInvitations(mentorIDs: mentorIDs, on: req.db)
        let mentors = try await MentorRepository.find(ids: Array(named), on: req.db)
        let people = try await PeopleRepository.find(ids: mentors.values.map(\.personID), on: req.db)
        let firstNames = mentorIDs.filter(named.contains).compactMap { mentors[$0].flatMap { people[$0.personID]?.details.firstName } }
        try await req.auditList(actorID: user.id, action: "session.invitation", recordType: "mentor", personIDs: Array(people.keys))
        var frame = PageFrame(req, title: "Invitation: \(file.intervention.name), \(file.session.date.long)", section: .sessions)
        frame.backLink = SitePath.session(file.session.id).url
        do {
            let letter = try InvitationRule.letter(
                interventionName: file.intervention.name, audience: file.intervention.audience, date: file.session.date, start: file.session.start,
                end: file.session.end, siteName: site.name, address: site.address, postcode: site.postcode, info: site.information,
                mentorFirstNames: firstNames, staffCount: facilitating.filter { $0.mentorID == nil }.count, mentorCount: mentorIDs.count)
            return Layout.render(frame, Self.letter(letter, altText: site.information.photoAltText))
        } catch {
            frame.hasErrors = true
            return Layout.render(frame, status: .unprocessableEntity, [
                Form.errorSummary(error.errors.map { FieldError("missing", $0.message) }),
                UI.heading("The invitation cannot be printed yet", caption: file.intervention.name),
                UI.p("People need to know how to get there and what to expect. Add what is missing about \(site.name), then print the invitation."),
                H.el("ul", [("class", "wm-list wm-list--bullet"), ("id", "missing")], error.errors.map { H.el("li", [], $0.message) }),
                Form.buttonLink("Add what to expect at \(site.name)", to: SitePath.siteInformation(site.id).url),
            ])
        }
    }

    static func letter(_ l: InvitationLetter, altText: String?) -> [Body] {
        [
            H.el("p", [("class", "wm-body wm-no-print")], "Print this page (or save it as a PDF) to send or hand to each person invited."),
            UI.heading("You are invited: \(l.title)", caption: "What to expect"),
            UI.summaryList([
                .init(key: "When", value: .text("\(l.date.long), \(l.start.text) to \(l.end.text)")),
                .init(key: "Where", value: .text("\(l.siteName), \(l.address), \(l.postcode)")),
                .init(key: "Getting there", value: .text(l.directions)),
                .init(key: "Parking", value: .text(l.parking)),
                .init(key: "Access", value: .text(l.access)),
                .init(key: "When you arrive", value: .text(l.onArrival)),
                .init(key: "Who will be there", value: H.el("ul", [("class", "wm-list")], l.whoWillBeThere.map { H.el("li", [], $0) })),
                .init(key: "What to bring", value: .text(l.whatToBring)),
            ] + (l.staff.map { [UI.Row(key: "The staff", value: .text($0))] } ?? [])),
            altText.map { UI.p("The entrance: \($0)") } ?? .empty,
            UI.p("If you cannot come, or need anything to make coming easier, tell your probation practitioner as soon as you can."),
        ]
    }
}
