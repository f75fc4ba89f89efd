import Fluent
import Foundation
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

    public var summary: AreaSummary { AreaSummary(id: id, name: name, deliveryUnits: deliveryUnits) }
}

public enum OrganisationRepository {
    /// Every area with its delivery units, in name order. Small (tens of rows), so one query each.
    public static func areas(on db: any Database) async throws -> [AreaInfo] {
        let areas = try await AreaModel.query(on: db).with(\.$provider).sort(\.$name).all()
        let units = try await DeliveryUnitModel.query(on: db).sort(\.$name).all()
        let byArea = Dictionary(grouping: units, by: { $0.$area.id })
        return areas.map { area in
            AreaInfo(id: area.id!.uuidString, name: area.name, slug: area.slug, providerName: area.provider.name,
                     contactName: area.contactName, contactEmail: area.contactEmail, contactPhone: area.contactPhone,
                     deliveryUnits: (byArea[area.id!] ?? []).map { DeliveryUnitSummary(id: $0.id!.uuidString, name: $0.name) })
        }
    }

    /// Accepts an area's id or its name (case-insensitive), as the CLI's `--area` does.
    public static func findArea(_ idOrName: String, on db: any Database) async throws -> AreaInfo? {
        let all = try await areas(on: db)
        return all.first { $0.id.caseInsensitiveCompare(idOrName) == .orderedSame }
            ?? all.first { $0.name.caseInsensitiveCompare(idOrName) == .orderedSame }
            ?? all.first { $0.slug == idOrName.lowercased() }
    }

    /// The sites (probation offices and venues) of an area's delivery units, by name.
    public static func sites(areaID: String, on db: any Database) async throws -> [(name: String, address: String, postcode: String, deliveryUnit: String)] {
        guard let uuid = UUID(uuidString: areaID) else { return [] }
        let units = try await DeliveryUnitModel.query(on: db).filter(\.$area.$id == uuid).all()
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.name) })
        guard !units.isEmpty else { return [] }
        return try await SiteModel.query(on: db).filter(\.$deliveryUnit.$id ~~ units.map { $0.id! }).sort(\.$name).all()
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
