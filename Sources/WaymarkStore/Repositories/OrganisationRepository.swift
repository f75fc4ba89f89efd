import Fluent
import Foundation
import SQLKit
import WaymarkCore

public struct AreaInfo: Sendable, Equatable {
    public let id: String
    public let name: String
    public let slug: String
    public let providerName: String
    public let contactName: String?
    public let contactEmail: String?
    public let contactPhone: String?
    public let deliveryUnits: [DeliveryUnitSummary]
    public var postalAddress: String? = nil
    /// A deactivated area keeps its records and its name, but is not offered for new work or shown publicly.
    public var active: Bool = true
    public var inactiveUnitIDs: Set<String> = []

    /// The area as offered for new work and shown publicly: without its deactivated delivery units.
    public var offered: AreaInfo {
        var copy = AreaInfo(id: id, name: name, slug: slug, providerName: providerName, contactName: contactName, contactEmail: contactEmail,
                            contactPhone: contactPhone, deliveryUnits: deliveryUnits.filter { !inactiveUnitIDs.contains($0.id) })
        copy.postalAddress = postalAddress
        copy.active = active
        return copy
    }

    public var summary: AreaSummary { AreaSummary(id: id, name: name, deliveryUnits: deliveryUnits) }
}

public enum OrganisationRepository {
    /// Every area with its delivery units, in name order. Read on nearly every page, so in two
    /// plain SQL statements rather than through Fluent's models, whose decoding cost more than
    /// the page's own queries on a national dataset.
    public static func areas(on db: any Database) async throws -> [AreaInfo] {
        let sql = db as! any SQLDatabase
        var units: [UUID: [DeliveryUnitSummary]] = [:]
        var inactive: [UUID: Set<String>] = [:]
        for row in try await sql.raw("SELECT id, area_id, name, active FROM delivery_units ORDER BY name").all() {
            let area = try row.decode(column: "area_id", as: UUID.self)
            let unit = DeliveryUnitSummary(id: try row.decode(column: "id", as: UUID.self).uuidString, name: try row.decode(column: "name", as: String.self))
            units[area, default: []].append(unit)
            if try !row.decode(column: "active", as: Bool.self) { inactive[area, default: []].insert(unit.id) }
        }
        return try await sql.raw("""
            SELECT a.id AS id, a.name AS name, a.slug AS slug, p.name AS provider, a.contact_name AS contact_name,
              a.contact_email AS contact_email, a.contact_phone AS contact_phone, a.postal_address AS postal_address,
              a.active AS active
            FROM areas a JOIN providers p ON p.id = a.provider_id ORDER BY a.name
            """).all().map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                var area = AreaInfo(id: id.uuidString, name: try row.decode(column: "name", as: String.self), slug: try row.decode(column: "slug", as: String.self),
                                providerName: try row.decode(column: "provider", as: String.self),
                                contactName: try row.decode(column: "contact_name", as: String?.self),
                                contactEmail: try row.decode(column: "contact_email", as: String?.self),
                                contactPhone: try row.decode(column: "contact_phone", as: String?.self), deliveryUnits: units[id] ?? [])
                area.postalAddress = try row.decode(column: "postal_address", as: String?.self)
                area.active = try row.decode(column: "active", as: Bool.self)
                area.inactiveUnitIDs = inactive[id] ?? []
                return area
            }
    }

    /// Accepts an area's id or its name (case-insensitive), as the CLI's `--area` does.
    public static func findArea(_ idOrName: String, on db: any Database) async throws -> AreaInfo? {
        let all = try await areas(on: db)
        return all.first { $0.id.caseInsensitiveCompare(idOrName) == .orderedSame }
            ?? all.first { $0.name.caseInsensitiveCompare(idOrName) == .orderedSame }
            ?? all.first { $0.slug == idOrName.lowercased() }
    }

    /// Active areas with their active delivery units: what forms offer and the public pages show.
    public static func offeredAreas(on db: any Database) async throws -> [AreaInfo] {
        try await areas(on: db).filter(\.active).map(\.offered)
    }

    /// The sites (probation offices and venues) of an area's delivery units, by name.
    public static func sites(areaID: String, on db: any Database) async throws -> [(name: String, address: String, postcode: String, deliveryUnit: String)] {
        guard let uuid = UUID(uuidString: areaID) else { return [] }
        let units = try await DeliveryUnitModel.query(on: db).filter(\.$area.$id == uuid).all()
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.name) })
        guard !units.isEmpty else { return [] }
        return try await SiteModel.query(on: db).filter(\.$deliveryUnit.$id ~~ units.map { $0.id! }).filter(\.$active == true).sort(\.$name).all()
            .map { ($0.name, $0.address, $0.postcode, names[$0.$deliveryUnit.id] ?? "") }
    }

    public struct SiteInfo: Sendable, Equatable {
        public let id: String
        public let name: String
        public let areaID: String
    }

    /// Sites in these areas, by name.
    public static func siteList(areaIDs: Set<String>, on db: any Database) async throws -> [SiteInfo] {
        let units = try await DeliveryUnitModel.query(on: db).filter(\.$area.$id ~~ areaIDs.compactMap(UUID.init(uuidString:))).all()
        let areaOf = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.$area.id.uuidString) })
        guard !units.isEmpty else { return [] }
        return try await SiteModel.query(on: db).filter(\.$deliveryUnit.$id ~~ units.map { $0.id! }).sort(\.$name).all()
            .map { SiteInfo(id: $0.id!.uuidString, name: $0.name, areaID: areaOf[$0.$deliveryUnit.id] ?? "") }
    }

    public static func isEmpty(on db: any Database) async throws -> Bool {
        try await ProviderModel.query(on: db).count() == 0
    }
}
