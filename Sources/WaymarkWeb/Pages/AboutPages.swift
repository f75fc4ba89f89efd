import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Public information, no sign-in: what peer mentoring is and how to get involved.
struct AboutPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SitePath.about.route, use: about)
        routes.get(SitePath.aboutArea(PathParameter.areaSlug.placeholder).route, use: area)
    }

    @Sendable func about(req: Request) async throws -> Response {
        let areas = try await OrganisationRepository.offeredAreas(on: req.db)
        let content: [Body] = [
            UI.heading("Peer mentoring on probation"),
            UI.p("Peer mentors are people who have been through the criminal justice system and turned their lives around. They are trained, supported and matched with someone on a licence or community order."),
            UI.p("A mentor can come with you to appointments, help with forms and letters, support you to rebuild relationships, find new things to do, and listen without judging."),
            H.el("h2", [("class", "wm-heading-m")], "How to get involved"),
            UI.p("Speak to your probation practitioner. They can refer you for a mentor, or recommend you to become one."),
            H.el("h2", [("class", "wm-heading-m")], "Areas"),
            H.el("ul", [("class", "wm-list wm-list--bullet")], areas.map { area in
                H.el("li", [], [H.link("\(area.name) (\(area.providerName))", to: SitePath.aboutArea(area.slug).url)])
            }),
        ]
        return Layout.render(PageFrame(req, title: "About peer mentoring"), content)
    }

    @Sendable func area(req: Request) async throws -> Response {
        let slug = try req.parameter(.areaSlug)
        guard let area = try await OrganisationRepository.offeredAreas(on: req.db).first(where: { $0.slug == slug }) else {
            throw Abort(.notFound)
        }
        var contact: [UI.Row] = []
        if let name = area.contactName { contact.append(.init(key: "Contact", value: .text(name))) }
        if let email = area.contactEmail { contact.append(.init(key: "Email", value: H.link(email, to: "mailto:" + email))) }
        if let phone = area.contactPhone { contact.append(.init(key: "Telephone", value: .text(phone))) }
        var frame = PageFrame(req, title: "Peer mentoring in \(area.name)")
        frame.breadcrumbs = [("About peer mentoring", SitePath.about.url)]
        let settings = try await SettingsRepository.settings(areaID: area.id, on: req.db)
        var content: [Body] = [
            UI.heading("Peer mentoring in \(area.name)", caption: area.providerName),
            UI.p("Peer mentoring runs in these probation delivery units: " + area.deliveryUnits.map(\.name).joined(separator: ", ") + "."),
            H.el("h2", [("class", "wm-heading-m")], "Getting a mentor"),
            UI.p(PublicInformation.whoCanGetAMentor(provider: area.providerName)),
            UI.p("A mentor has been where you are. They can come with you to appointments, help with forms and letters, and listen without judging."),
            H.el("h2", [("class", "wm-heading-m")], "Becoming a mentor"),
            UI.p(PublicInformation.whoCanBecomeAMentor(settings)),
            UI.p("Your probation practitioner recommends you, and checks with the peer mentor coordinator that the role is right for you now."),
            UI.p(PublicInformation.training(settings)),
            UI.p(PublicInformation.expenses(settings)),
            H.el("h2", [("class", "wm-heading-m")], "How to get involved"),
            UI.p("Speak to your probation practitioner. They can refer you for a mentor, or recommend you to become one. You can also contact the peer mentoring team:"),
            contact.isEmpty ? .empty : UI.summaryList(contact),
        ]
        // Only words the person agreed may be published, approved, and told under a pseudonym.
        let quotes = try await CaseStudyRepository.list(areas: [area.id], on: req.db).filter { $0.usable(for: .publicInformation) }
        if !quotes.isEmpty {
            content.append(H.el("h2", [("class", "wm-heading-m")], "In their own words"))
            for study in quotes.prefix(6) {
                content.append(H.el("figure", [("class", "wm-quote")], [
                    H.el("blockquote", [("class", "wm-quote__text")], study.kind == .quote ? "“\(study.text)”" : study.text),
                    H.el("figcaption", [("class", "wm-quote__by")], "\(study.pseudonym), \(study.subject.label.lowercased())"),
                ]))
            }
        }
        let sites = try await OrganisationRepository.sites(areaID: area.id, on: req.db)
        if !sites.isEmpty {
            content.append(H.el("h2", [("class", "wm-heading-m")], "Where sessions take place"))
            content.append(UI.table(caption: "Probation offices and venues in \(area.name)",
                                    columns: [.init(title: "Site"), .init(title: "Address"), .init(title: "Delivery unit")],
                                    rows: sites.map { [.text($0.name), .text("\($0.address), \($0.postcode)"), .text($0.deliveryUnit)] }))
            // What mentors used to tell people: how to get there, parking, access, arriving.
            for site in try await SiteInformationRepository.sites(areaID: area.id, on: req.db) where site.information != .empty {
                let i = site.information
                var rows: [UI.Row] = []
                if let v = i.directions { rows.append(.init(key: "Getting there", value: .text(v))) }
                if let v = i.parking { rows.append(.init(key: "Parking", value: .text(v))) }
                if let v = i.stepFree { rows.append(.init(key: "Access", value: .text(v.label + (i.accessDetails.map { ". \($0)" } ?? "")))) }
                if let v = i.onArrival { rows.append(.init(key: "When you arrive", value: .text(v))) }
                if let v = i.staff { rows.append(.init(key: "The staff", value: .text(v))) }
                content.append(H.el("h3", [("class", "wm-heading-s")], "What to expect at \(site.name)"))
                content.append(UI.summaryList(rows))
            }
        }
        return Layout.render(frame, content)
    }
}
