import Foundation
import Vapor
import WaymarkCore
import WaymarkStore

/// The organisation pages: the overview, one area with its units and sites, and the forms.
enum OrganisationPage {
    typealias ProviderRecord = OrganisationAdminRepository.ProviderRecord
    typealias AreaRecord = OrganisationAdminRepository.AreaRecord
    typealias UnitRecord = OrganisationAdminRepository.UnitRecord
    typealias SiteRecord = OrganisationAdminRepository.SiteRecord

    struct OverviewModel {
        let csrf: String
        let providers: [ProviderRecord]
        let areas: [(area: AreaRecord, units: Int)]
        /// A provider's sign-in settings form that was refused, redisplayed with its errors.
        var failed: (providerID: String, state: FormState)?
    }

    struct AreaModel {
        let area: AreaRecord
        let providerName: String
        let units: [UnitRecord]
        let sites: [(site: SiteRecord, unit: String)]
        let history: [(entry: AuditEntry, who: String)]
    }

    /// One form page: what it is for, where it posts, what it holds.
    struct FormModel {
        enum Kind { case provider, newArea, editArea, newUnit, editUnit, newSite, editSite }
        let kind: Kind
        let csrf: String
        let action: String
        let back: String
        let caption: String?
        var providers: [ProviderRecord] = []
        var units: [UnitRecord] = []
        var state: FormState
    }

    static func overview(_ req: Request, failed: (String, FormState)? = nil) async throws -> OverviewModel {
        let areas = try await OrganisationAdminRepository.areas(on: req.db)
        let units = try await OrganisationRepository.areas(on: req.db)
        let counts = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.deliveryUnits.count) })
        return OverviewModel(csrf: CSRF.token(for: req), providers: try await OrganisationAdminRepository.providers(on: req.db),
                             areas: areas.map { ($0, counts[$0.id] ?? 0) }, failed: failed)
    }

    static func area(_ id: String, _ req: Request) async throws -> AreaModel {
        guard let area = try await OrganisationAdminRepository.findArea(id, on: req.db) else { throw Abort(.notFound) }
        let units = try await OrganisationAdminRepository.units(areaID: id, on: req.db)
        let unitNames = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.name) })
        let sites = try await OrganisationAdminRepository.sites(areaID: id, on: req.db)
        let history = try await AuditLog.history(recordType: "area", recordID: id, limit: 50, on: req.db)
        let names = try await UserRepository.names(ids: Set(history.map(\.actorID)), on: req.db)
        let provider = try await OrganisationAdminRepository.findProvider(area.providerID, on: req.db)
        return AreaModel(area: area, providerName: provider?.name ?? "", units: units, sites: sites.map { ($0, unitNames[$0.deliveryUnitID] ?? "") },
                         history: history.map { ($0, names[$0.actorID] ?? ($0.actorID.hasPrefix("cli:") ? "Command line" : "Someone")) })
    }

    static func areaValues(_ a: AreaRecord) -> [String: String] {
        ["name": a.name, "slug": a.slug, "contactName": a.contactName ?? "", "contactEmail": a.contactEmail ?? "",
         "contactPhone": a.contactPhone ?? "", "postalAddress": a.postalAddress ?? "", "active": a.active ? "yes" : "no", "version": String(a.version)]
    }
}
