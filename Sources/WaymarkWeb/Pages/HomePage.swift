import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The landing page after sign-in: each role's open work and next commitments.
struct HomePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, SitePath.home.route, needs: .viewHome, signedIn: show)
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let areas = try await OrganisationRepository.areas(on: req.db).filter { user.actor.areaIDs.contains($0.id) }
        var content: [Body] = [UI.heading("Welcome, \(user.account.name)", caption: user.role.label)]
        if !areas.isEmpty {
            content.append(UI.p("You work in " + areas.map(\.name).joined(separator: " and ") + "."))
        }
        switch user.role {
        case .practitioner:
            let count = try await PeopleRepository.caseloadCount(practitionerID: user.id, on: req.db)
            content.append(H.el("h2", [("class", "wm-heading-m")], "Your caseload alerts"))
            content.append(cards(try await DashboardService.practitioner(on: req)))
            content.append(UI.p("You hold \(count) \(count == 1 ? "case" : "cases") in Waymark."))
            content.append(Form.buttonLink("View people", to: SitePath.people.url))
            content.append(Form.buttonLink("Add a person", to: SitePath.newPerson.url, secondary: true))
        case .coordinator:
            content.append(H.el("h2", [("class", "wm-heading-m")], "Your open work"))
            content.append(cards(try await DashboardService.coordinator(on: req)))
            content.append(Form.buttonLink("Find a person", to: SitePath.people.url))
            content.append(Form.buttonLink("Annual report", to: SitePath.reports.url, secondary: true))
        case .administrator:
            content.append(UI.p("You manage users and can review the audit log. Casework is not part of this role."))
            content.append(Form.buttonLink("Audit log", to: SitePath.audit.url))
            content.append(Form.buttonLink("Users", to: SitePath.users.url, secondary: true))
        case .mentor, .staffFacilitator:
            let (sessions, requests, mentees) = try await DashboardService.commitments(on: req)
            content.append(H.el("h2", [("class", "wm-heading-m")], "Your next commitments"))
            if requests > 0 {
                content.append(UI.warning("You have \(requests) \(requests == 1 ? "request" : "requests") to facilitate a session waiting for your answer."))
            }
            content.append(commitmentTable("Sessions you facilitate", sessions,
                                           empty: "No sessions booked for you. When a coordinator asks you to facilitate one, it appears here."))
            if user.role == .mentor {
                content.append(commitmentTable("Your mentees", mentees, empty: "No mentees yet. Your coordinator will propose a match when there is a good one."))
            }
        case .commissioner:
            content.append(UI.p("You can see aggregate reports for your areas. Counts below 5 are shown as <5 to protect the people in them."))
            content.append(H.el("ul", [("class", "wm-list")], areas.map { area in
                H.el("li", [], [H.link("Annual report: \(area.name)", to: SitePath.reports.url + "?area=" + area.id), .text(" · "),
                                H.link("Demand and capacity: \(area.name)", to: SitePath.demand.url + "?area=" + area.id)])
            }))
        }
        return Layout.render(PageFrame(req, title: "Home", section: .home), content)
    }

    func cards(_ items: [DashboardItem]) -> Body {
        H.el("ul", [("class", "wm-card-list"), ("role", "list")], items.map { item in
            H.el("li", [("class", "wm-card")], [
                H.el("h3", [("class", "wm-heading-s")], [
                    H.el("a", [("class", "wm-link"), ("href", item.link)], [
                        H.el("span", [("class", "wm-dashboard-count")], String(item.count)),
                        .text(item.title),
                    ]),
                ]),
                UI.p(item.hint, "wm-body-s"),
            ])
        })
    }

    func commitmentTable(_ caption: String, _ items: [Commitment], empty: String) -> Body {
        guard !items.isEmpty else { return H.group([H.el("h3", [("class", "wm-heading-s")], caption), UI.p(empty)]) }
        return UI.table(caption: caption, columns: [UI.Column(title: "When"), UI.Column(title: "What")],
                        rows: items.map { [H.text($0.when), H.link($0.what, to: $0.link)] })
    }
}
