import Fluent
import Foundation
import WaymarkCore

/// The intervention catalogue: each provider's kinds of group session and their design versions.
public enum InterventionRepository {
    static func intervention(_ m: InterventionModel) -> Intervention {
        Intervention(id: m.id!.uuidString, providerID: m.$provider.id.uuidString, name: m.name, description: m.description,
                     durationMinutes: m.durationMinutes, capacity: m.capacity, isRAR: m.isRAR,
                     rule: FacilitationRule(mentors: m.mentors, staff: m.staff, staffRole: StaffRole(rawValue: m.staffRole) ?? .anyStaff),
                     audience: InterventionAudience(rawValue: m.audience) ?? .currentOrder, currentVersion: m.currentVersion, version: m.version)
    }

    /// Every provider starts with the three interventions of the DLNR programme.
    public static func seedStandard(providerID: UUID, on db: any Database, today: CalendarDate = CalendarDate(Date())) async throws {
        let existing = Set(try await InterventionModel.query(on: db).filter(\.$provider.$id == providerID).all().map(\.name))
        for standard in StandardInterventions.all where !existing.contains(standard.name) {
            _ = try await create(standard, providerID: providerID.uuidString, on: today,
                                 changes: "First version, designed with peer mentors.", on: db)
        }
    }

    public static func create(_ v: InterventionDraft.Valid, providerID: String, on date: CalendarDate, changes: String = "First version.",
                              on db: any Database) async throws -> Intervention {
        guard let provider = UUID(uuidString: providerID) else { throw ValidationFailure([FieldError("providerId", "Select a provider")]) }
        if try await InterventionModel.query(on: db).filter(\.$provider.$id == provider).filter(\.$name == v.name).count() > 0 {
            throw ValidationFailure([FieldError("name", "There is already an intervention called \(v.name): choose another name")])
        }
        let m = InterventionModel()
        m.$provider.id = provider
        m.name = v.name
        m.description = v.description
        m.durationMinutes = v.durationMinutes
        m.capacity = v.capacity
        m.isRAR = v.isRAR
        m.mentors = v.rule.mentors
        m.staff = v.rule.staff
        m.staffRole = v.rule.staffRole.rawValue
        m.audience = v.audience.rawValue
        m.currentVersion = 1
        m.version = 1
        try await m.create(on: db)
        let first = InterventionVersionModel()
        first.$intervention.id = m.id!
        first.number = 1
        first.changes = changes
        first.coDesigners = ""
        first.createdOn = date.iso
        try await first.create(on: db)
        return intervention(m)
    }

    public static func find(id: String, on db: any Database) async throws -> Intervention? {
        guard let uuid = UUID(uuidString: id), let m = try await InterventionModel.find(uuid, on: db) else { return nil }
        return intervention(m)
    }

    public static func find(ids: [String], on db: any Database) async throws -> [String: Intervention] {
        let uuids = Array(Set(ids.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await InterventionModel.query(on: db).filter(\.$id ~~ uuids).all().map { ($0.id!.uuidString, intervention($0)) })
    }

    /// The providers that run these areas.
    public static func providerIDs(areas: Set<String>, on db: any Database) async throws -> Set<String> {
        let uuids = areas.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return Set(try await AreaModel.query(on: db).filter(\.$id ~~ uuids).all().map { $0.$provider.id.uuidString })
    }

    public static func all(providerIDs: Set<String>, on db: any Database) async throws -> [Intervention] {
        let uuids = providerIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return try await InterventionModel.query(on: db).filter(\.$provider.$id ~~ uuids).sort(\.$name).all().map(intervention)
    }

    public static func versions(interventionID: String, on db: any Database) async throws -> [InterventionVersion] {
        guard let uuid = UUID(uuidString: interventionID) else { return [] }
        return try await InterventionVersionModel.query(on: db).filter(\.$intervention.$id == uuid).sort(\.$number, .descending).all().map {
            InterventionVersion(number: $0.number, changes: $0.changes, coDesignerMentorIDs: $0.coDesigners.split(separator: ",").map(String.init),
                                pilotFeedback: $0.pilotFeedback, createdOn: CalendarDate(iso: $0.createdOn)!)
        }
    }

    /// A new design version becomes the one new sessions run.
    public static func addVersion(interventionID: String, changes: String, coDesigners: [String], pilotFeedback: String?, on date: CalendarDate,
                                  expectedVersion: Int, on db: any Database) async throws -> Intervention? {
        guard let uuid = UUID(uuidString: interventionID), let m = try await InterventionModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        m.currentVersion += 1
        m.version += 1
        try await m.save(on: db)
        let v = InterventionVersionModel()
        v.$intervention.id = uuid
        v.number = m.currentVersion
        v.changes = changes
        v.coDesigners = coDesigners.joined(separator: ",")
        v.pilotFeedback = pilotFeedback
        v.createdOn = date.iso
        try await v.create(on: db)
        return intervention(m)
    }
}

/// New providers get the standard catalogue as soon as they exist.
public struct SeedInterventionsMiddleware: AsyncModelMiddleware {
    public typealias Model = ProviderModel
    public init() {}
    public func create(model: ProviderModel, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await InterventionRepository.seedStandard(providerID: model.id!, on: db)
    }
}
