import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// What every tab of a person's record shows at the top: the MoJ identity bar and sub navigation.
struct PersonRecordFrame {
    let person: Person
    let access: RecordAccess
    let risk: RiskAssessment?
    let practitionerName: String?
    let areaName: String
    let deliveryUnitName: String
    let protection: Protection

    enum Tab { case overview, orders, risk }

    static func load(_ person: Person, access: RecordAccess, on db: any Database) async throws -> PersonRecordFrame {
        let areas = try await OrganisationRepository.areas(on: db)
        let area = areas.first { $0.id == person.details.areaID }
        let unit = area?.deliveryUnits.first { $0.id == person.details.deliveryUnitID }
        let names = try await UserRepository.names(ids: Set([person.practitionerID].compactMap { $0 }), on: db)
        let risk = access == .full ? try await RiskRepository.history(personID: person.id, on: db).first : nil
        return PersonRecordFrame(person: person, access: access, risk: risk,
                                 practitionerName: person.practitionerID.flatMap { names[$0] },
                                 areaName: area?.name ?? "Unknown area", deliveryUnitName: unit?.name ?? "Unknown",
                                 protection: try await DataProtectionRepository.protection(personID: person.id, on: db))
    }

    func identityBar(today: CalendarDate) -> Body {
        let d = person.details
        var badges: [Body] = []
        if access == .full {
            badges.append(UI.roshTag(risk?.details.rosh))
            if let risk, risk.details.isMAPPA {
                badges.append(UI.tag("MAPPA " + RiskDetails.mappaText(risk.details.mappaCategory, risk.details.mappaLevel), "purple"))
            }
            for flag in risk?.details.safeguardingFlags ?? [] { badges.append(UI.tag(flag.label, "red")) }
        }
        return H.el("div", [("class", "wm-identity-bar")], [
            H.el("div", [("class", "wm-identity-bar__details")], [
                H.el("span", [("class", "wm-caption-m")], "Person on probation"),
                H.el("h1", [("class", "wm-heading-l wm-identity-bar__title")], d.fullName),
                H.el("ul", [("class", "wm-identity-bar__facts")], [
                    H.el("li", [], "CRN: " + (d.crn?.value ?? "not known")),
                    access == .full ? H.el("li", [], "Date of birth: " + d.dateOfBirth.long) : .empty,
                    H.el("li", [], "Practitioner: " + (practitionerName ?? "not allocated")),
                    H.el("li", [], "\(deliveryUnitName), \(areaName)"),
                ]),
                badges.isEmpty ? .empty : H.el("div", [("class", "wm-identity-bar__badges")], badges),
            ]),
        ])
    }

    func tabs(_ current: Tab) -> Body {
        guard access == .full else { return .empty }
        return UI.subNavigation(label: "Person record", items: [
            ("Overview", SitePath.person(person.id).url, current == .overview),
            ("Orders and RAR", SitePath.personOrders(person.id).url, current == .orders),
            ("Risk", SitePath.personRisk(person.id).url, current == .risk),
        ])
    }

    func header(_ tab: Tab, today: CalendarDate) -> [Body] { [identityBar(today: today), protectionBanner, tabs(tab)] }

    /// Everyone who opens a restricted or anonymised record is told why it cannot be changed.
    var protectionBanner: Body {
        if let since = protection.anonymisedOn {
            return UI.warning("This record was anonymised on \(since.long) under the retention policy. Names, dates of birth and notes have been removed.")
        }
        if let restriction = protection.restriction {
            return UI.warning("This record has been restricted since \(restriction.since.long) while a dispute about it is resolved. "
                              + "It can be read but not changed until the data protection officer lifts the restriction.")
        }
        return .empty
    }
}
