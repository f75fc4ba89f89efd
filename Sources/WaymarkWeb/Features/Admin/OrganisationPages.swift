import Vapor
import WaymarkCore
import WaymarkStore

/// Administrators' pages for the organisation: providers, areas, delivery units and sites.
struct OrganisationPages: RouteCollection {
    static let areaFields = ["providerId", "name", "slug", "contactName", "contactEmail", "contactPhone", "postalAddress", "active", "version"]
    static let siteFields = ["name", "address", "postcode", "deliveryUnitId", "active", "version"]

    func boot(routes: any RoutesBuilder) throws {
        let area = PathParameter.area.placeholder, unit = PathParameter.deliveryUnit.placeholder, site = PathParameter.site.placeholder
        routes.on(.GET, .organisation, needs: .manageOrganisation, signedIn: overview)
        routes.on(.GET, .newProvider, needs: .manageOrganisation, signedIn: { req, _ in try await form(req, .provider) })
        routes.on(.POST, .newProvider, needs: .manageOrganisation, signedIn: createProvider)
        routes.on(.POST, .providerSecurity(PathParameter.provider.placeholder), needs: .manageOrganisation, signedIn: updateSecurity)
        routes.on(.GET, .newArea, needs: .manageOrganisation, signedIn: { req, _ in try await form(req, .newArea) })
        routes.on(.POST, .newArea, needs: .manageOrganisation, signedIn: createArea)
        routes.on(.GET, .area(area), needs: .manageOrganisation, signedIn: showArea)
        routes.on(.GET, .editArea(area), needs: .manageOrganisation, signedIn: { req, _ in try await form(req, .editArea) })
        routes.on(.POST, .editArea(area), needs: .manageOrganisation, signedIn: updateArea)
        routes.on(.GET, .newDeliveryUnit(area: area), needs: .manageOrganisation, signedIn: { req, _ in try await form(req, .newUnit) })
        routes.on(.POST, .newDeliveryUnit(area: area), needs: .manageOrganisation, signedIn: createUnit)
        routes.on(.GET, .editDeliveryUnit(unit), needs: .manageOrganisation, signedIn: { req, _ in try await form(req, .editUnit) })
        routes.on(.POST, .editDeliveryUnit(unit), needs: .manageOrganisation, signedIn: updateUnit)
        routes.on(.GET, .newSite(area: area), needs: .manageOrganisation, signedIn: { req, _ in try await form(req, .newSite) })
        routes.on(.POST, .newSite(area: area), needs: .manageOrganisation, signedIn: createSite)
        routes.on(.GET, .editSite(site), needs: .manageOrganisation, signedIn: { req, _ in try await form(req, .editSite) })
        routes.on(.POST, .editSite(site), needs: .manageOrganisation, signedIn: updateSite)
    }

    @Sendable func overview(req: Request, user: CurrentUser) async throws -> Response {
        Layout.render(OrganisationPage.overviewView(try await OrganisationPage.overview(req)), for: req)
    }

    @Sendable func showArea(req: Request, user: CurrentUser) async throws -> Response {
        Layout.render(OrganisationPage.areaView(try await OrganisationPage.area(try req.parameter(.area), req)), for: req)
    }

    /// Builds any of the forms, filled from the record being changed unless `state` says otherwise.
    func form(_ req: Request, _ kind: OrganisationPage.FormModel.Kind, state: FormState? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let csrf = CSRF.token(for: req)
        var model: OrganisationPage.FormModel
        switch kind {
        case .provider:
            model = .init(kind: kind, csrf: csrf, action: SitePath.newProvider.url, back: SitePath.organisation.url, caption: nil, state: state ?? FormState())
        case .newArea:
            model = .init(kind: kind, csrf: csrf, action: SitePath.newArea.url, back: SitePath.organisation.url, caption: nil,
                          providers: try await OrganisationAdminRepository.providers(on: req.db).filter(\.active), state: state ?? FormState())
        case .editArea:
            guard let area = try await OrganisationAdminRepository.findArea(try req.parameter(.area), on: req.db) else { throw Abort(.notFound) }
            model = .init(kind: kind, csrf: csrf, action: SitePath.editArea(area.id).url, back: SitePath.area(area.id).url, caption: area.name,
                          state: state ?? FormState(values: OrganisationPage.areaValues(area)))
        case .newUnit:
            guard let area = try await OrganisationAdminRepository.findArea(try req.parameter(.area), on: req.db) else { throw Abort(.notFound) }
            model = .init(kind: kind, csrf: csrf, action: SitePath.newDeliveryUnit(area: area.id).url, back: SitePath.area(area.id).url, caption: area.name,
                          state: state ?? FormState())
        case .editUnit:
            guard let unit = try await OrganisationAdminRepository.findUnit(try req.parameter(.deliveryUnit), on: req.db) else { throw Abort(.notFound) }
            model = .init(kind: kind, csrf: csrf, action: SitePath.editDeliveryUnit(unit.id).url, back: SitePath.area(unit.areaID).url, caption: unit.name,
                          state: state ?? FormState(values: ["name": unit.name, "active": unit.active ? "yes" : "no", "version": String(unit.version)]))
        case .newSite:
            guard let area = try await OrganisationAdminRepository.findArea(try req.parameter(.area), on: req.db) else { throw Abort(.notFound) }
            model = .init(kind: kind, csrf: csrf, action: SitePath.newSite(area: area.id).url, back: SitePath.area(area.id).url, caption: area.name,
                          units: try await OrganisationService.unitChoices(areaID: area.id, on: req.db), state: state ?? FormState())
        case .editSite:
            guard let site = try await OrganisationAdminRepository.findSite(try req.parameter(.site), on: req.db),
                  let areaID = try await OrganisationAdminRepository.areaID(ofUnit: site.deliveryUnitID, on: req.db) else { throw Abort(.notFound) }
            model = .init(kind: kind, csrf: csrf, action: SitePath.editSite(site.id).url, back: SitePath.area(areaID).url, caption: site.name,
                          units: try await OrganisationService.unitChoices(areaID: areaID, keeping: site.deliveryUnitID, on: req.db),
                          state: state ?? FormState(values: ["name": site.name, "address": site.address, "postcode": site.postcode,
                                                             "deliveryUnitId": site.deliveryUnitID, "active": site.active ? "yes" : "no",
                                                             "version": String(site.version)]))
        }
        return Layout.render(OrganisationPage.formView(model), for: req, status: status)
    }

    func submit(_ req: Request, _ kind: OrganisationPage.FormModel.Kind, fields: [String],
                _ action: @escaping (FormState) async throws -> String) async throws -> Response {
        let state = FormState(request: req, fields: fields)
        return try await FormSubmission.handle(state, conflictField: "name", redisplay: { try await form(req, kind, state: $0, status: $1) }) {
            req.redirect(to: try await action(state))
        }
    }

    static func version(_ state: FormState, field: String = "name") throws -> Int {
        guard let v = Int(state["version"]) else { throw ValidationFailure([FieldError(field, "Reload the page, then try again")]) }
        return v
    }

    static func active(_ state: FormState) throws -> Bool {
        switch state["active"] {
        case "yes": return true
        case "no": return false
        default: throw ValidationFailure([FieldError("active", "Select whether it is active")])
        }
    }

    static func areaDraft(_ s: FormState) -> AreaDraft {
        AreaDraft(name: s["name"], slug: s["slug"], contactName: s["contactName"], contactEmail: s["contactEmail"],
                  contactPhone: s["contactPhone"], postalAddress: s["postalAddress"])
    }

    static func siteDraft(_ s: FormState) -> SiteDraft {
        SiteDraft(name: s["name"], address: s["address"], postcode: s["postcode"], deliveryUnitID: s["deliveryUnitId"])
    }

    @Sendable func createProvider(req: Request, user: CurrentUser) async throws -> Response {
        try await submit(req, .provider, fields: ["name"]) { s in
            let p = try await OrganisationService.createProvider(name: s["name"], by: user, on: req)
            Flash.set("Provider \(p.name) added", on: req)
            return SitePath.organisation.url
        }
    }

    @Sendable func updateSecurity(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.provider)
        let state = FormState(request: req, fields: ["idleMinutes", "lifetimeHours", "version"], listFields: ["twoStepAllStaff"])
        return try await FormSubmission.handle(state, conflictField: "idleMinutes", redisplay: { s, status in
            Layout.render(OrganisationPage.overviewView(try await OrganisationPage.overview(req, failed: (id, s))), for: req, status: status)
        }) {
            let p = try await OrganisationService.updateSecurity(providerID: id, idleMinutes: state["idleMinutes"], lifetimeHours: state["lifetimeHours"],
                                                                 twoStepAllStaff: state.list("twoStepAllStaff").contains("yes"),
                                                                 version: try Self.version(state, field: "idleMinutes"), by: user, on: req)
            Flash.set("Sign-in settings saved for \(p.name)", on: req)
            return req.redirect(to: SitePath.organisation.url)
        }
    }

    @Sendable func createArea(req: Request, user: CurrentUser) async throws -> Response {
        try await submit(req, .newArea, fields: Self.areaFields) { s in
            let area = try await OrganisationService.createArea(providerID: s["providerId"].nonEmpty, Self.areaDraft(s), by: user, on: req)
            Flash.set("Area \(area.name) added. Now add its delivery units and sites.", on: req)
            return SitePath.area(area.id).url
        }
    }

    @Sendable func updateArea(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.area)
        return try await submit(req, .editArea, fields: Self.areaFields) { s in
            let area = try await OrganisationService.updateArea(id, Self.areaDraft(s), active: try Self.active(s), version: try Self.version(s), by: user, on: req)
            Flash.set("Area \(area.name) saved", on: req)
            return SitePath.area(id).url
        }
    }

    @Sendable func createUnit(req: Request, user: CurrentUser) async throws -> Response {
        let areaID = try req.parameter(.area)
        return try await submit(req, .newUnit, fields: ["name"]) { s in
            let unit = try await OrganisationService.createUnit(areaID: areaID, name: s["name"], by: user, on: req)
            Flash.set("Delivery unit \(unit.name) added", on: req)
            return SitePath.area(areaID).url
        }
    }

    @Sendable func updateUnit(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.deliveryUnit)
        return try await submit(req, .editUnit, fields: ["name", "active", "version"]) { s in
            let unit = try await OrganisationService.updateUnit(id, name: s["name"], active: try Self.active(s), version: try Self.version(s), by: user, on: req)
            Flash.set("Delivery unit \(unit.name) saved", on: req)
            return SitePath.area(unit.areaID).url
        }
    }

    @Sendable func createSite(req: Request, user: CurrentUser) async throws -> Response {
        let areaID = try req.parameter(.area)
        return try await submit(req, .newSite, fields: Self.siteFields) { s in
            let site = try await OrganisationService.createSite(areaID: areaID, Self.siteDraft(s), by: user, on: req)
            Flash.set("Site \(site.name) added. Add its visitor information so invitations can say how to get there.", on: req)
            return SitePath.area(areaID).url
        }
    }

    @Sendable func updateSite(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.site)
        return try await submit(req, .editSite, fields: Self.siteFields) { s in
            let site = try await OrganisationService.updateSite(id, Self.siteDraft(s), active: try Self.active(s), version: try Self.version(s), by: user, on: req)
            let areaID = try await OrganisationAdminRepository.areaID(ofUnit: site.deliveryUnitID, on: req.db) ?? ""
            Flash.set("Site \(site.name) saved", on: req)
            return SitePath.area(areaID).url
        }
    }
}
