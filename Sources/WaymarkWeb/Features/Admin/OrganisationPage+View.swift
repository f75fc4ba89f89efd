import Foundation
import WaymarkCore
import WaymarkStore

extension OrganisationPage {
    static func activeTag(_ active: Bool) -> Body { active ? UI.tag("Active", "green") : UI.tag("Deactivated", "grey") }

    static func overviewView(_ m: OverviewModel) -> PageBody {
        var content: [Body] = [
            UI.heading("Organisation"),
            UI.p("The providers, areas, probation delivery units and sites Waymark works with. Records point to these, so they are deactivated rather than deleted."),
            H.el("div", [("class", "wm-button-group")], [Form.buttonLink("Add an area", to: SitePath.newArea.url),
                                                         Form.buttonLink("Add a provider", to: SitePath.newProvider.url, secondary: true)]),
            H.el("h2", [("class", "wm-heading-m")], "Areas"),
        ]
        content.append(m.areas.isEmpty ? UI.p("No areas yet. Add one to start: people, mentors and sessions all belong to an area.") :
            UI.table(caption: "Areas", columns: [.init(title: "Area"), .init(title: "Web address"), .init(title: "Delivery units", numeric: true), .init(title: "Status")],
                     rows: m.areas.map { [H.link($0.area.name, to: SitePath.area($0.area.id).url), .text("/about/" + $0.area.slug),
                                          .text(String($0.units)), activeTag($0.area.active)] }))
        content.append(H.el("h2", [("class", "wm-heading-m")], "Providers and their sign-in settings"))
        for p in m.providers {
            let prefix = "provider-\(p.id)-"
            let failed = m.failed?.providerID == p.id ? m.failed?.state : nil
            let s = failed ?? FormState(values: ["idleMinutes": String(p.session.idleMinutes), "lifetimeHours": String(p.session.lifetimeHours)],
                                        lists: ["twoStepAllStaff": p.twoStepAllStaff ? ["yes"] : []])
            content.append(H.el("form", [("method", "post"), ("action", SitePath.providerSecurity(p.id).url), ("class", "wm-summary-card"), ("novalidate", "novalidate")], [
                H.el("div", [("class", "wm-summary-card__title-wrapper")], [H.el("h3", [("class", "wm-summary-card__title")], p.name)]),
                H.el("div", [("class", "wm-summary-card__content")], [
                    Form.errorSummary(s.errors, idPrefix: prefix),
                    Form.csrf(m.csrf), Form.hidden("version", String(p.version)),
                    Form.text("idleMinutes", label: "Sign people out after this many minutes without activity", value: s["idleMinutes"],
                              hint: "From \(SessionLifetime.idleRange.lowerBound) to \(SessionLifetime.idleRange.upperBound). They are warned 2 minutes before.",
                              error: s.error("idleMinutes"), width: "3", id: prefix + "idleMinutes"),
                    Form.text("lifetimeHours", label: "Sign people out after this many hours, however busy", value: s["lifetimeHours"],
                              hint: "From \(SessionLifetime.lifetimeRange.lowerBound) to \(SessionLifetime.lifetimeRange.upperBound)",
                              error: s.error("lifetimeHours"), width: "2", id: prefix + "lifetimeHours"),
                    H.el("div", [("class", "wm-form-group")], [
                        H.el("div", [("class", "wm-checkboxes__item")], [
                            H.void("input", [("class", "wm-checkboxes__input"), ("type", "checkbox"), ("id", prefix + "twoStepAllStaff"), ("name", "twoStepAllStaff[]"),
                                             ("value", "yes")] + (s.list("twoStepAllStaff").contains("yes") ? [("checked", "checked")] : [])),
                            H.el("label", [("class", "wm-label wm-checkboxes__label"), ("for", prefix + "twoStepAllStaff")],
                                 "Require two-step sign-in for every staff role (administrators always need it; peer mentors never have to)"),
                        ]),
                    ]),
                    Form.button("Save \(p.name) sign-in settings", secondary: true),
                ]),
            ]))
        }
        return PageBody(title: "Organisation", section: .organisation, hasErrors: m.failed != nil, content: content)
    }

    static func areaView(_ m: AreaModel) -> PageBody {
        let a = m.area
        return PageBody(title: a.name, section: .organisation, backLink: SitePath.organisation.url, content: [
            UI.heading(a.name, caption: m.providerName),
            activeTag(a.active),
            UI.summaryList([
                UI.Row(key: "Web address", value: .text("/about/" + a.slug), change: (SitePath.editArea(a.id).url, "web address")),
                UI.Row(key: "Contact name", value: .text(a.contactName ?? "Not given"), change: (SitePath.editArea(a.id).url, "contact name")),
                UI.Row(key: "Contact email", value: .text(a.contactEmail ?? "Not given"), change: (SitePath.editArea(a.id).url, "contact email")),
                UI.Row(key: "Contact phone", value: .text(a.contactPhone ?? "Not given"), change: (SitePath.editArea(a.id).url, "contact phone")),
                UI.Row(key: "Postal address", value: .text(a.postalAddress ?? "Not given"), change: (SitePath.editArea(a.id).url, "postal address")),
            ]),
            UI.p("People on probation are told this contact on the area's public page."),
            H.el("h2", [("class", "wm-heading-m")], "Probation delivery units"),
            m.units.isEmpty ? UI.p("No delivery units yet.") :
            UI.table(caption: "Delivery units in \(a.name)", columns: [.init(title: "Name"), .init(title: "Status"), .init(title: "Action")],
                     rows: m.units.map { u in [.text(u.name), activeTag(u.active),
                                               H.el("a", [("class", "wm-link"), ("href", SitePath.editDeliveryUnit(u.id).url)],
                                                    [.text("Change"), H.el("span", [("class", "wm-visually-hidden")], " " + u.name)])] }),
            Form.buttonLink("Add a delivery unit", to: SitePath.newDeliveryUnit(area: a.id).url, secondary: true),
            H.el("h2", [("class", "wm-heading-m")], "Sites"),
            m.sites.isEmpty ? UI.p("No sites yet. Sessions take place at sites.") :
            UI.table(caption: "Sites in \(a.name)", columns: [.init(title: "Name"), .init(title: "Address"), .init(title: "Delivery unit"),
                                                              .init(title: "Status"), .init(title: "Actions")],
                     rows: m.sites.map { s in [.text(s.site.name), .text("\(s.site.address), \(s.site.postcode)"), .text(s.unit), activeTag(s.site.active),
                                               H.group([
                                                   H.el("a", [("class", "wm-link"), ("href", SitePath.editSite(s.site.id).url)],
                                                        [.text("Change"), H.el("span", [("class", "wm-visually-hidden")], " " + s.site.name)]),
                                                   .text(" · "),
                                                   H.el("a", [("class", "wm-link"), ("href", SitePath.organisationSiteInformation(s.site.id).url)],
                                                        [.text("Visitor information"), H.el("span", [("class", "wm-visually-hidden")], " for " + s.site.name)]),
                                               ])] }),
            Form.buttonLink("Add a site", to: SitePath.newSite(area: a.id).url, secondary: true),
            H.el("h2", [("class", "wm-heading-m")], "History"),
            m.history.isEmpty ? UI.p("No changes recorded.") :
            UI.table(caption: "Changes to \(a.name), newest first", columns: [.init(title: "When"), .init(title: "Who"), .init(title: "What")],
                     rows: m.history.map { [.text(DateText.dateTime($0.entry.at)), .text($0.who), .text($0.entry.detail.isEmpty ? $0.entry.action : $0.entry.detail)] }),
        ])
    }

    static func activeChoice(_ s: FormState) -> Body {
        Form.radios("active", legend: "Status", options: [Form.Option(value: "yes", label: "Active"),
                                                           Form.Option(value: "no", label: "Deactivated", hint: "Kept with its records, but not offered for new work")],
                    selected: s["active"], error: s.error("active"))
    }

    static func formView(_ m: FormModel) -> PageBody {
        let s = m.state
        let title: String
        var fields: [Body] = []
        switch m.kind {
        case .provider:
            title = "Add a provider"
            fields = [Form.text("name", label: "Provider name", value: s["name"], hint: "The organisation running the service, like ‘User Voice’", error: s.error("name"))]
        case .newArea, .editArea:
            title = m.kind == .newArea ? "Add an area" : "Change area"
            if m.kind == .newArea && m.providers.count > 1 {
                fields.append(Form.radios("providerId", legend: "Provider", options: m.providers.map { Form.Option(value: $0.id, label: $0.name) },
                                          selected: s["providerId"], error: s.error("providerId")))
            }
            fields += [
                Form.text("name", label: "Area name", value: s["name"], hint: "Like ‘Essex’ or ‘Staffordshire and West Midlands’", error: s.error("name")),
                Form.text("slug", label: "Short name for the web address", value: s["slug"],
                          hint: "Lower-case letters, numbers and hyphens. The public page is /about/ followed by this.", error: s.error("slug"), width: "20", spellcheck: false),
                H.el("h2", [("class", "wm-heading-m")], "Contact for people on probation"),
                Form.text("contactName", label: "Contact name (optional)", value: s["contactName"], error: s.error("contactName")),
                Form.text("contactEmail", label: "Email address (optional)", value: s["contactEmail"], error: s.error("contactEmail"), type: "email", spellcheck: false),
                Form.text("contactPhone", label: "Telephone (optional)", value: s["contactPhone"], error: s.error("contactPhone"), width: "20", type: "tel"),
                Form.textarea("postalAddress", label: "Postal address (optional)", value: s["postalAddress"], error: s.error("postalAddress"), maxLength: 500, rows: 4),
            ]
            if m.kind == .editArea { fields.append(activeChoice(s)) }
        case .newUnit, .editUnit:
            title = m.kind == .newUnit ? "Add a probation delivery unit" : "Change delivery unit"
            fields = [Form.text("name", label: "Delivery unit name", value: s["name"], hint: "Like ‘Basildon’", error: s.error("name"))]
            if m.kind == .editUnit { fields.append(activeChoice(s)) }
        case .newSite, .editSite:
            title = m.kind == .newSite ? "Add a site" : "Change site"
            fields = [
                Form.text("name", label: "Site name", value: s["name"], hint: "Like ‘Basildon Probation Office’", error: s.error("name")),
                Form.text("address", label: "Address", value: s["address"], hint: "Street and town", error: s.error("address")),
                Form.text("postcode", label: "Postcode", value: s["postcode"], error: s.error("postcode"), width: "10", autocomplete: "postal-code"),
                m.units.isEmpty ? UI.warning("Add a delivery unit to this area first: every site belongs to one.")
                    : Form.radios("deliveryUnitId", legend: "Delivery unit", options: m.units.map { Form.Option(value: $0.id, label: $0.name) },
                                  selected: s["deliveryUnitId"], error: s.error("deliveryUnitId")),
            ]
            if m.kind == .editSite { fields.append(activeChoice(s)) }
        }
        return PageBody(title: title, section: .organisation, hasErrors: !s.errors.isEmpty, backLink: m.back, narrow: true, content: [
            Form.errorSummary(s.errors, firstOptions: ["providerId": m.providers.first?.id ?? "", "deliveryUnitId": m.units.first?.id ?? "", "active": "yes"]),
            UI.heading(title, caption: m.caption),
            H.el("form", [("method", "post"), ("action", m.action), ("novalidate", "novalidate")],
                 [Form.csrf(m.csrf), Form.hidden("version", s["version"])] + fields + [Form.button(m.kind == .provider || m.kind == .newArea || m.kind == .newUnit || m.kind == .newSite ? "Add" : "Save changes")]),
        ])
    }
}
