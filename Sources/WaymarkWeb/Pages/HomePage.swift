import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The landing page after sign-in: what this role can do from here.
struct HomePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, SitePath.home.route, needs: .viewHome, use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.user
        let areas = try await OrganisationRepository.areas(on: req.db).filter { user.actor.areaIDs.contains($0.id) }
        var content: [Body] = [UI.heading("Welcome, \(user.account.name)", caption: user.role.label)]
        if !areas.isEmpty {
            content.append(UI.p("You work in " + areas.map(\.name).joined(separator: " and ") + "."))
        }
        switch user.role {
        case .practitioner:
            let count = try await PeopleRepository.caseloadCount(practitionerID: user.id, on: req.db)
            content.append(H.el("h2", [("class", "wm-heading-m")], "Your caseload"))
            content.append(UI.p("You hold \(count) \(count == 1 ? "case" : "cases") in Waymark."))
            content.append(Form.buttonLink("View people", to: SitePath.people.url))
            content.append(Form.buttonLink("Add a person", to: SitePath.newPerson.url, secondary: true))
        case .coordinator:
            content.append(H.el("h2", [("class", "wm-heading-m")], "People"))
            content.append(UI.p("Find a person on probation, or add someone new."))
            content.append(Form.buttonLink("Find a person", to: SitePath.people.url))
            content.append(Form.buttonLink("Add a person", to: SitePath.newPerson.url, secondary: true))
        case .administrator:
            content.append(UI.p("You manage users and can review the audit log. Casework is not part of this role."))
            content.append(Form.buttonLink("Audit log", to: SitePath.audit.url))
            content.append(Form.buttonLink("Users", to: SitePath.users.url, secondary: true))
        case .mentor:
            content.append(UI.p("Your mentees and sessions will appear here once your coordinator has matched you."))
        case .staffFacilitator:
            content.append(UI.p("The sessions you facilitate will appear here once they are scheduled."))
        case .commissioner:
            content.append(UI.p("Aggregate reports for your areas will appear here."))
        }
        return Layout.render(PageFrame(req, title: "Home", section: .home), content)
    }
}
