import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The administrator's audit log: who saw or changed what.
struct AdminPages: RouteCollection {
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, SitePath.audit.route, needs: .viewAudit, signedIn: audit)
    }

    @Sendable func audit(req: Request, user: CurrentUser) async throws -> Response {
        let personID = req.query[String.self, at: "personId"].flatMap { UUID(uuidString: $0)?.uuidString }
        let before = req.query[Int.self, at: "before"]
        let entries = try await AuditLog.page(on: req.db, personID: personID, actorID: nil, before: before, limit: Self.pageSize)
        let names = try await UserRepository.names(ids: Set(entries.map(\.actorID)), on: req.db)
        let formatter = ISO8601DateFormatter()
        let canProtect = Policy.permits(user.role, .manageDataProtection)
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
}
