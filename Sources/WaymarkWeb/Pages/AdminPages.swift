import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The administrator's pages: the audit log (who saw or changed what) and the users.
struct AdminPages: RouteCollection {
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, SitePath.audit.route, needs: .viewAudit, use: audit)
        routes.on(.GET, SitePath.users.route, needs: .manageUsers, use: users)
    }

    @Sendable func audit(req: Request) async throws -> Response {
        let personID = req.query[String.self, at: "personId"].flatMap { UUID(uuidString: $0)?.uuidString }
        let before = req.query[Int.self, at: "before"]
        let entries = try await AuditLog.page(on: req.db, personID: personID, actorID: nil, before: before, limit: Self.pageSize)
        let names = try await UserRepository.names(ids: Set(entries.map(\.actorID)), on: req.db)
        let formatter = ISO8601DateFormatter()
        let canProtect = Policy.permits(try req.user.role, .manageDataProtection)
        var content: [Body] = [
            UI.heading("Audit log"),
            UI.p("Every read and change of a person's record is recorded here. Rows cannot be changed: `waymark audit verify` checks the chain."),
            H.el("form", [("method", "get"), ("action", SitePath.audit.url), ("class", "wm-filter")], [
                Form.text("personId", label: "Person record id", value: personID ?? "", hint: "Shows who viewed or changed one person's record",
                          error: nil, width: "30", spellcheck: false),
                Form.button("Filter", secondary: true),
            ]),
        ]
        if entries.isEmpty {
            content.append(UI.p("No audit entries match."))
        } else {
            content.append(UI.table(caption: personID == nil ? "Newest entries" : "Entries for this person", columns: [
                .init(title: "Number", numeric: true), .init(title: "When (UTC)"), .init(title: "Who"), .init(title: "Action"),
                .init(title: "Record"), .init(title: "Detail"), .init(title: "Person"),
            ], rows: entries.map { e in
                [.text(String(e.sequence)), .text(formatter.string(from: e.at)), .text(names[e.actorID] ?? e.actorID),
                 .text(e.action), e.personID.map { H.link("\(e.recordType) \(e.recordID.prefix(8))", to: SitePath.audit.url + "?personId=" + $0) } ?? .text("\(e.recordType) \(e.recordID.prefix(8))"),
                 .text(String(e.detail.prefix(120))),
                 canProtect ? e.personID.map { H.link("Data protection", to: SitePath.dataProtectionPerson($0).url) } ?? .text("") : .text("")]
            }))
            if entries.count == Self.pageSize, let last = entries.last {
                content.append(UI.pagination(next: SitePath.audit.url + "?before=\(last.sequence)" + (personID.map { "&personId=" + $0 } ?? "")))
            }
        }
        return Layout.render(PageFrame(req, title: "Audit log", section: .audit), content)
    }

    @Sendable func users(req: Request) async throws -> Response {
        let after = req.query[String.self, at: "after"]
        let page = try await UserRepository.page(afterEmail: after, limit: Self.pageSize, on: req.db)
        let areas = Dictionary(uniqueKeysWithValues: try await OrganisationRepository.areas(on: req.db).map { ($0.id, $0.name) })
        var content: [Body] = [
            UI.heading("Users"),
            UI.p("Create users with `waymark users create`. Each user has one role and works in one or more areas."),
            UI.table(caption: "Users by email address", columns: [.init(title: "Name"), .init(title: "Email"), .init(title: "Role"), .init(title: "Areas")],
                     rows: page.items.map { u in
                         [.text(u.name), .text(u.email), .text(u.role.label),
                          .text(u.areaIDs.compactMap { areas[$0] }.sorted().joined(separator: ", ").nonEmpty ?? "All")]
                     }),
        ]
        var next: String?
        if let last = page.next {
            var components = URLComponents()
            components.path = SitePath.users.url
            components.queryItems = [URLQueryItem(name: "after", value: last)]
            next = components.string
        }
        content.append(UI.pagination(next: next, previous: after == nil ? nil : SitePath.users.url))
        return Layout.render(PageFrame(req, title: "Users", section: .users), content)
    }
}
