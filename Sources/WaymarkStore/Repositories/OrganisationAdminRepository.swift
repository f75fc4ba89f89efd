import Fluent
import Foundation
import SQLKit
import Vapor
import WaymarkCore

/// Providers, areas, delivery units and sites as administrators keep them. Nothing is deleted:
/// people, sessions and reports point to these rows, so they are deactivated instead.
public enum OrganisationAdminRepository {
    public struct ProviderRecord: Sendable, Equatable {
        public let id: String
        public let name: String
        public let slug: String
        public let active: Bool
        public let session: SessionLifetime
        public let twoStepAllStaff: Bool
        public let version: Int
    }

    public struct UnitRecord: Sendable, Equatable {
        public let id: String
        public let areaID: String
        public let name: String
        public let active: Bool
        public let version: Int
    }

    public struct SiteRecord: Sendable, Equatable {
        public let id: String
        public let deliveryUnitID: String
        public let name: String
        public let address: String
        public let postcode: String
        public let active: Bool
        public let version: Int
    }

    public struct AreaRecord: Sendable, Equatable {
        public let id: String
        public let providerID: String
        public let name: String
        public let slug: String
        public let contactName: String?
        public let contactEmail: String?
        public let contactPhone: String?
        public let postalAddress: String?
        public let active: Bool
        public let version: Int
    }

    static func provider(_ m: ProviderModel) -> ProviderRecord {
        ProviderRecord(id: m.id!.uuidString, name: m.name, slug: m.slug, active: m.active,
                       session: SessionLifetime(idleMinutes: m.sessionIdleMinutes, lifetimeHours: m.sessionLifetimeHours),
                       twoStepAllStaff: m.twoStepAllStaff, version: m.version)
    }

    static func area(_ m: AreaModel) -> AreaRecord {
        AreaRecord(id: m.id!.uuidString, providerID: m.$provider.id.uuidString, name: m.name, slug: m.slug, contactName: m.contactName,
                   contactEmail: m.contactEmail, contactPhone: m.contactPhone, postalAddress: m.postalAddress, active: m.active, version: m.version)
    }

    static func unit(_ m: DeliveryUnitModel) -> UnitRecord {
        UnitRecord(id: m.id!.uuidString, areaID: m.$area.id.uuidString, name: m.name, active: m.active, version: m.version)
    }

    static func site(_ m: SiteModel) -> SiteRecord {
        SiteRecord(id: m.id!.uuidString, deliveryUnitID: m.$deliveryUnit.id.uuidString, name: m.name, address: m.address,
                   postcode: m.postcode, active: m.active, version: m.version)
    }

    // MARK: Providers

    public static func providers(on db: any Database) async throws -> [ProviderRecord] {
        try await ProviderModel.query(on: db).sort(\.$name).all().map(provider)
    }

    public static func findProvider(_ id: String, on db: any Database) async throws -> ProviderRecord? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        return try await ProviderModel.find(uuid, on: db).map(provider)
    }

    public static func createProvider(name: String, on db: any Database) async throws -> ProviderRecord {
        let taken = Set(try await ProviderModel.query(on: db).all().map { $0.slug })
        var slug = OrganisationRules.suggestedSlug(name)
        if slug.isEmpty { slug = "provider" }
        var candidate = slug
        var n = 2
        while taken.contains(candidate) { candidate = "\(slug)-\(n)"; n += 1 }
        if try await ProviderModel.query(on: db).all().contains(where: { $0.name.lowercased() == name.lowercased() }) {
            throw ValidationFailure([FieldError("name", "A provider called ‘\(name)’ already exists")])
        }
        let model = ProviderModel(name: name, slug: candidate)
        try await model.create(on: db)
        return provider(model)
    }

    /// The provider's sign-in settings: session idle timeout, lifetime, two-step for all staff.
    public static func updateSecurity(providerID: String, session: SessionLifetime, twoStepAllStaff: Bool, expectedVersion: Int,
                                      on db: any Database) async throws -> ProviderRecord {
        guard let uuid = UUID(uuidString: providerID), let m = try await ProviderModel.find(uuid, on: db) else { throw Abort(.notFound) }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        m.sessionIdleMinutes = session.idleMinutes
        m.sessionLifetimeHours = session.lifetimeHours
        m.twoStepAllStaff = twoStepAllStaff
        m.version += 1
        try await m.save(on: db)
        return provider(m)
    }

    // MARK: Areas

    public static func areas(providerID: String? = nil, on db: any Database) async throws -> [AreaRecord] {
        let query = AreaModel.query(on: db).sort(\.$name)
        if let providerID, let uuid = UUID(uuidString: providerID) { query.filter(\.$provider.$id == uuid) }
        return try await query.all().map(area)
    }

    public static func findArea(_ id: String, on db: any Database) async throws -> AreaRecord? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        return try await AreaModel.find(uuid, on: db).map(area)
    }

    /// Slugs are the areas' public addresses: unique across the installation.
    public static func takenSlugs(except areaID: String?, on db: any Database) async throws -> Set<String> {
        Set(try await AreaModel.query(on: db).all().filter { $0.id?.uuidString != areaID }.map(\.slug))
    }

    public static func createArea(providerID: String, _ v: AreaDraft.Valid, on db: any Database) async throws -> AreaRecord {
        guard let uuid = UUID(uuidString: providerID), try await ProviderModel.find(uuid, on: db) != nil else {
            throw ValidationFailure([FieldError("providerId", "Select a provider")])
        }
        let m = AreaModel(providerID: uuid, name: v.name, slug: v.slug, contactName: v.contactName, contactEmail: v.contactEmail,
                          contactPhone: v.contactPhone)
        m.postalAddress = v.postalAddress
        try await m.create(on: db)
        return area(m)
    }

    public static func updateArea(_ id: String, _ v: AreaDraft.Valid, active: Bool, expectedVersion: Int, on db: any Database) async throws -> AreaRecord {
        guard let uuid = UUID(uuidString: id), let m = try await AreaModel.find(uuid, on: db) else { throw Abort(.notFound) }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        m.name = v.name
        m.slug = v.slug
        m.contactName = v.contactName
        m.contactEmail = v.contactEmail
        m.contactPhone = v.contactPhone
        m.postalAddress = v.postalAddress
        m.active = active
        m.version += 1
        try await m.save(on: db)
        return area(m)
    }

    // MARK: Delivery units

    public static func units(areaID: String, on db: any Database) async throws -> [UnitRecord] {
        guard let uuid = UUID(uuidString: areaID) else { return [] }
        return try await DeliveryUnitModel.query(on: db).filter(\.$area.$id == uuid).sort(\.$name).all().map(unit)
    }

    public static func findUnit(_ id: String, on db: any Database) async throws -> UnitRecord? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        return try await DeliveryUnitModel.find(uuid, on: db).map(unit)
    }

    /// Lower-cased names of the area's other units.
    public static func takenUnitNames(areaID: String, except unitID: String?, on db: any Database) async throws -> Set<String> {
        Set(try await units(areaID: areaID, on: db).filter { $0.id != unitID }.map { $0.name.lowercased() })
    }

    public static func createUnit(areaID: String, name: String, on db: any Database) async throws -> UnitRecord {
        guard let uuid = UUID(uuidString: areaID), try await AreaModel.find(uuid, on: db) != nil else { throw Abort(.notFound) }
        let m = DeliveryUnitModel(areaID: uuid, name: name)
        try await m.create(on: db)
        return unit(m)
    }

    public static func updateUnit(_ id: String, name: String, active: Bool, expectedVersion: Int, on db: any Database) async throws -> UnitRecord {
        guard let uuid = UUID(uuidString: id), let m = try await DeliveryUnitModel.find(uuid, on: db) else { throw Abort(.notFound) }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        m.name = name
        m.active = active
        m.version += 1
        try await m.save(on: db)
        return unit(m)
    }

    // MARK: Sites

    public static func sites(areaID: String, on db: any Database) async throws -> [SiteRecord] {
        let unitIDs = try await units(areaID: areaID, on: db).compactMap { UUID(uuidString: $0.id) }
        guard !unitIDs.isEmpty else { return [] }
        return try await SiteModel.query(on: db).filter(\.$deliveryUnit.$id ~~ unitIDs).sort(\.$name).all().map(site)
    }

    public static func findSite(_ id: String, on db: any Database) async throws -> SiteRecord? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        return try await SiteModel.find(uuid, on: db).map(site)
    }

    public static func createSite(_ v: SiteDraft.Valid, on db: any Database) async throws -> SiteRecord {
        guard let unit = UUID(uuidString: v.deliveryUnitID) else { throw Abort(.notFound) }
        let m = SiteModel(deliveryUnitID: unit, name: v.name, address: v.address, postcode: v.postcode)
        try await m.create(on: db)
        return site(m)
    }

    public static func updateSite(_ id: String, _ v: SiteDraft.Valid, active: Bool, expectedVersion: Int, on db: any Database) async throws -> SiteRecord {
        guard let uuid = UUID(uuidString: id), let m = try await SiteModel.find(uuid, on: db),
              let unit = UUID(uuidString: v.deliveryUnitID) else { throw Abort(.notFound) }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        m.name = v.name
        m.address = v.address
        m.postcode = v.postcode
        m.$deliveryUnit.id = unit
        m.active = active
        m.version += 1
        try await m.save(on: db)
        return site(m)
    }

    /// The area a site or delivery unit belongs to, for the scope checks.
    public static func areaID(ofUnit unitID: String, on db: any Database) async throws -> String? {
        try await findUnit(unitID, on: db)?.areaID
    }
}
