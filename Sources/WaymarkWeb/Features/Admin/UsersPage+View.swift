import Foundation
import WaymarkCore
import WaymarkStore

extension UsersPage {
    static func status(_ a: UserAccount) -> Body {
        if !a.active { return UI.tag("Deactivated", "grey") }
        if !a.passwordSet { return UI.tag("Invited", "yellow") }
        return UI.tag("Active", "green")
    }

    static func listView(_ m: ListModel) -> PageBody {
        let roleOptions = [Form.Option(value: "", label: "Any role")] + Role.allCases.map { Form.Option(value: $0.rawValue, label: $0.label) }
        let areaOptions = [Form.Option(value: "", label: "Any area")] + m.areas.map { Form.Option(value: $0.id, label: $0.name) }
        let statusValue = m.filter.active.map { $0 ? "active" : "inactive" } ?? ""
        var query: [URLQueryItem] = []
        if let role = m.filter.role { query.append(.init(name: "role", value: role.rawValue)) }
        if let area = m.filter.areaID { query.append(.init(name: "area", value: area)) }
        if !statusValue.isEmpty { query.append(.init(name: "status", value: statusValue)) }
        if let days = m.filter.notSignedInForDays { query.append(.init(name: "notSignedInFor", value: String(days))) }
        func link(after: String?) -> String {
            var c = URLComponents()
            c.path = SitePath.users.url
            c.queryItems = query + (after.map { [URLQueryItem(name: "after", value: $0)] } ?? [])
            return c.string ?? SitePath.users.url
        }
        return PageBody(title: "Users", section: .users, content: [
            UI.heading("Users"),
            UI.p("Everyone who signs in to Waymark. Invite people by email: they choose their own password from the link, which lasts 72 hours."),
            Form.buttonLink("Invite a user", to: SitePath.inviteUser.url),
            H.el("form", [("method", "get"), ("action", SitePath.users.url), ("class", "wm-filter")], [
                H.el("h2", [("class", "wm-heading-s")], "Filter"),
                Form.select("role", label: "Role", options: roleOptions, selected: m.filter.role?.rawValue ?? "", error: nil),
                Form.select("area", label: "Area", options: areaOptions, selected: m.filter.areaID ?? "", error: nil),
                Form.select("status", label: "Status", options: [.init(value: "", label: "Active and deactivated"), .init(value: "active", label: "Active"),
                                                                 .init(value: "inactive", label: "Deactivated")], selected: statusValue, error: nil),
                Form.select("notSignedInFor", label: "Last signed in",
                            options: [.init(value: "", label: "Any time"), .init(value: "30", label: "Not in the last 30 days"),
                                      .init(value: "90", label: "Not in the last 90 days"), .init(value: "180", label: "Not in the last 180 days")],
                            selected: m.filter.notSignedInForDays.map(String.init) ?? "", error: nil),
                Form.button("Apply filters", secondary: true),
            ]),
            m.rows.isEmpty ? UI.p("No users match these filters.") :
            UI.table(caption: "Users by email address", columns: [.init(title: "Name"), .init(title: "Email"), .init(title: "Role"), .init(title: "Areas"),
                                                                   .init(title: "Status"), .init(title: "Last signed in")],
                     rows: m.rows.map { u in
                         [H.link(u.name, to: SitePath.user(u.id).url), .text(u.email), .text(u.role.label),
                          .text(u.areaIDs.compactMap { m.areaNames[$0] }.sorted().joined(separator: ", ").nonEmpty ?? "All"),
                          status(u), .text(u.lastSignInAt.map(DateText.dateTime) ?? "Never")]
                     }),
            UI.pagination(next: m.next.map { link(after: $0) }, previous: m.isFirstPage ? nil : link(after: nil)),
        ])
    }

    static func roleOptions() -> [Form.Option] {
        Role.allCases.map { Form.Option(value: $0.rawValue, label: $0.label, hint: roleHint($0)) }
    }

    static func roleHint(_ role: Role) -> String {
        switch role {
        case .administrator: "Manages the organisation, users, settings and the audit log; no casework. Needs two-step sign-in."
        case .coordinator: "Runs the mentoring service in their areas."
        case .practitioner: "Refers people on their caseload, recommends mentors, records risk."
        case .staffFacilitator: "Co-delivers group sessions and records attendance."
        case .mentor: "A peer mentor: sees only their own mentees and sessions."
        case .commissioner: "Sees reports for their areas, with small counts hidden."
        }
    }

    static func inviteView(_ m: InviteModel) -> PageBody {
        let s = m.state
        return PageBody(title: "Invite a user", section: .users, hasErrors: !s.errors.isEmpty, backLink: SitePath.users.url, narrow: true, content: [
            Form.errorSummary(s.errors, firstOptions: ["role": Role.allCases[0].rawValue, "areas": m.areas.first?.id ?? ""]),
            UI.heading("Invite a user"),
            H.el("form", [("method", "post"), ("action", SitePath.inviteUser.url), ("novalidate", "novalidate")], [
                Form.csrf(m.csrf),
                Form.text("name", label: "Full name", value: s["name"], error: s.error("name"), autocomplete: "off", spellcheck: false),
                Form.text("email", label: "Email address", value: s["email"], hint: "Their work email: the invitation goes here",
                          error: s.error("email"), autocomplete: "off", type: "email", spellcheck: false),
                Form.radios("role", legend: "Role", options: roleOptions(), selected: s["role"], error: s.error("role")),
                Form.checkboxes("areas", legend: "Areas", options: m.areas.map { Form.Option(value: $0.id, label: $0.name) }, selected: s.list("areas"),
                                hint: "Everyone except administrators works in at least one area", error: s.error("areas")),
                Form.button("Send invitation"),
            ]),
        ])
    }

    static func accountView(_ m: AccountModel) -> PageBody {
        let a = m.account, s = m.state
        var actions: [Body] = []
        func action(_ path: SitePath, _ label: String, warning: Bool = false) -> Body {
            H.el("form", [("method", "post"), ("action", path.url), ("class", "wm-inline-form")], [Form.csrf(m.csrf), Form.button(label, secondary: !warning, warning: warning)])
        }
        if a.active && !a.passwordSet { actions.append(action(.userAction(a.id, .invitation), "Send the invitation again")) }
        if a.twoStepEnabled { actions.append(action(.userAction(a.id, .twoStep), "Reset two-step sign-in", warning: true)) }
        if !m.isSelf { actions.append(a.active ? action(.userAction(a.id, .deactivate), "Deactivate account", warning: true)
                                                : action(.userAction(a.id, .reactivate), "Reactivate account")) }
        return PageBody(title: a.name, section: .users, hasErrors: !s.errors.isEmpty, backLink: SitePath.users.url, content: [
            Form.errorSummary(s.errors, firstOptions: ["role": Role.allCases[0].rawValue, "areas": m.areas.first?.id ?? ""]),
            UI.heading(a.name, caption: a.role.label),
            UI.summaryList([
                UI.Row(key: "Email address", value: .text(a.email)),
                UI.Row(key: "Status", value: status(a)),
                UI.Row(key: "Areas", value: .text(a.areaIDs.compactMap { m.areaNames[$0] }.sorted().joined(separator: ", ").nonEmpty ?? "All")),
                UI.Row(key: "Last signed in", value: .text(a.lastSignInAt.map(DateText.dateTime) ?? "Never")),
                UI.Row(key: "Two-step sign-in", value: .text(a.twoStepEnabled ? "On" : "Not set up")),
            ]),
            H.el("div", [("class", "wm-button-group")], actions),
            H.el("h2", [("class", "wm-heading-m")], "Role and areas"),
            UI.p("A change applies at once: the person's next page reflects it."),
            H.el("form", [("method", "post"), ("action", SitePath.userAction(a.id, .access).url), ("novalidate", "novalidate"), ("class", "wm-grid-column-two-thirds wm-form-block")], [
                Form.csrf(m.csrf),
                Form.hidden("version", s["version"]),
                Form.radios("role", legend: "Role", options: roleOptions(), selected: s["role"], error: s.error("role")),
                Form.checkboxes("areas", legend: "Areas", options: m.areas.map { Form.Option(value: $0.id, label: $0.name) }, selected: s.list("areas"),
                                error: s.error("areas")),
                Form.button("Save role and areas", secondary: true),
            ]),
            H.el("h2", [("class", "wm-heading-m")], "API tokens"),
            m.tokens.isEmpty ? UI.p("No API tokens.") :
            UI.table(caption: "API tokens of \(a.name)", columns: [.init(title: "Name"), .init(title: "Expires"), .init(title: "Last used"), .init(title: "Action")],
                     rows: m.tokens.map { t in
                         [.text(t.name),
                          APITokenRules.isLive(expiresAt: t.expiresAt, revoked: false, now: m.now) ? .text(t.expiresAt.map(DateText.date) ?? "") : UI.tag("Expired", "red"),
                          .text(t.lastUsedAt.map(DateText.dateTime) ?? "Never"),
                          H.el("form", [("method", "post"), ("action", SitePath.revokeAccountToken(t.id).url)], [
                              Form.csrf(m.csrf),
                              H.el("button", [("type", "submit"), ("class", "wm-button wm-button--warning wm-button--small")],
                                   [.text("Revoke"), H.el("span", [("class", "wm-visually-hidden")], " token " + t.name)]),
                          ])]
                     }),
        ])
    }
}
