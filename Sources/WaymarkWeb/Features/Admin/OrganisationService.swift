import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Administrators keep the organisation: providers, areas, delivery units and sites. Each
/// change is audited with what changed, which is the record's history.
enum OrganisationService {
    static func yesNo(_ b: Bool) -> String { b ? "yes" : "no" }

    static func createProvider(name: String?, by user: CurrentUser, on req: Request) async throws -> OrganisationAdminRepository.ProviderRecord {
        let name = try ProviderDraft(name: name).validated()
        return try await Command.run(req, user, needs: .manageOrganisation) { effects in
            let record = try await OrganisationAdminRepository.createProvider(name: name, on: effects.tx)
            effects.audit("provider.create", "provider", record.id, detail: record.name)
            return record
        }
    }

    static func updateSecurity(providerID: String, idleMinutes: String, lifetimeHours: String, twoStepAllStaff: Bool, version: Int,
                               by user: CurrentUser, on req: Request) async throws -> OrganisationAdminRepository.ProviderRecord {
        guard let current = try await OrganisationAdminRepository.findProvider(providerID, on: req.db) else { throw Abort(.notFound) }
        var errors = FieldErrors()
        let idle = Int(idleMinutes.trimmingCharacters(in: .whitespaces)).flatMap { SessionLifetime.idleRange.contains($0) ? $0 : nil }
        if idle == nil { errors.add("idleMinutes", "Enter a number of minutes from \(SessionLifetime.idleRange.lowerBound) to \(SessionLifetime.idleRange.upperBound)") }
        let hours = Int(lifetimeHours.trimmingCharacters(in: .whitespaces)).flatMap { SessionLifetime.lifetimeRange.contains($0) ? $0 : nil }
        if hours == nil { errors.add("lifetimeHours", "Enter a number of hours from \(SessionLifetime.lifetimeRange.lowerBound) to \(SessionLifetime.lifetimeRange.upperBound)") }
        try errors.throwIfAny()
        let session = SessionLifetime(idleMinutes: idle ?? 30, lifetimeHours: hours ?? 12)
        return try await Command.run(req, user, needs: .manageOrganisation) { effects in
            let record = try await OrganisationAdminRepository.updateSecurity(providerID: providerID, session: session, twoStepAllStaff: twoStepAllStaff,
                                                                              expectedVersion: version, on: effects.tx)
            effects.audit("provider.signIn.update", "provider", providerID, detail: ChangeSummary.describe([
                ("Idle timeout (minutes)", String(current.session.idleMinutes), String(session.idleMinutes)),
                ("Longest session (hours)", String(current.session.lifetimeHours), String(session.lifetimeHours)),
                ("Two-step for all staff", yesNo(current.twoStepAllStaff), yesNo(twoStepAllStaff)),
            ]))
            return record
        }
    }

    static func createArea(providerID: String?, _ draft: AreaDraft, by user: CurrentUser, on req: Request) async throws -> OrganisationAdminRepository.AreaRecord {
        let providers = try await OrganisationAdminRepository.providers(on: req.db).filter(\.active)
        // `providerId` may be left out when there is only one provider.
        let provider = providers.first { $0.id == providerID } ?? ((providerID ?? "").isEmpty && providers.count == 1 ? providers.first : nil)
        var errors = provider == nil ? [FieldError("providerId", "Select the provider that runs this area")] : []
        var valid: AreaDraft.Valid?
        do { valid = try draft.validated(takenSlugs: try await OrganisationAdminRepository.takenSlugs(except: nil, on: req.db)) }
        catch let failure as ValidationFailure { errors += failure.errors }
        guard let provider, let valid, errors.isEmpty else { throw ValidationFailure(errors) }
        return try await Command.run(req, user, needs: .manageOrganisation) { effects in
            // Checked again inside the write, where no one else can take the slug meanwhile.
            if try await OrganisationAdminRepository.takenSlugs(except: nil, on: effects.tx).contains(valid.slug) {
                throw ValidationFailure([FieldError("slug", AreaDraft.slugTakenMessage(valid.slug))])
            }
            let record = try await OrganisationAdminRepository.createArea(providerID: provider.id, valid, on: effects.tx)
            effects.audit("area.create", "area", record.id, detail: "\(record.name) (\(record.slug))")
            return record
        }
    }

    static func updateArea(_ id: String, _ draft: AreaDraft, active: Bool, version: Int, by user: CurrentUser, on req: Request) async throws -> OrganisationAdminRepository.AreaRecord {
        guard let current = try await OrganisationAdminRepository.findArea(id, on: req.db) else { throw Abort(.notFound) }
        let valid = try draft.validated(takenSlugs: try await OrganisationAdminRepository.takenSlugs(except: id, on: req.db))
        return try await Command.run(req, user, needs: .manageOrganisation) { effects in
            if try await OrganisationAdminRepository.takenSlugs(except: id, on: effects.tx).contains(valid.slug) {
                throw ValidationFailure([FieldError("slug", AreaDraft.slugTakenMessage(valid.slug))])
            }
            let record = try await OrganisationAdminRepository.updateArea(id, valid, active: active, expectedVersion: version, on: effects.tx)
            effects.audit("area.update", "area", id, detail: ChangeSummary.describe([
                ("Name", current.name, valid.name), ("Short name", current.slug, valid.slug),
                ("Contact name", current.contactName, valid.contactName), ("Contact email", current.contactEmail, valid.contactEmail),
                ("Contact phone", current.contactPhone, valid.contactPhone), ("Postal address", current.postalAddress, valid.postalAddress),
                ("Active", yesNo(current.active), yesNo(active)),
            ]))
            return record
        }
    }

    static let inactiveAreaMessage = "This area is deactivated: reactivate it before adding to it"

    static func createUnit(areaID: String, name: String?, by user: CurrentUser, on req: Request) async throws -> OrganisationAdminRepository.UnitRecord {
        guard let area = try await OrganisationAdminRepository.findArea(areaID, on: req.db) else { throw Abort(.notFound) }
        guard area.active else { throw ValidationFailure([FieldError("name", inactiveAreaMessage)]) }
        let name = try DeliveryUnitDraft(name: name).validated(takenNames: try await OrganisationAdminRepository.takenUnitNames(areaID: areaID, except: nil, on: req.db))
        return try await Command.run(req, user, needs: .manageOrganisation) { effects in
            if try await OrganisationAdminRepository.takenUnitNames(areaID: areaID, except: nil, on: effects.tx).contains(name.lowercased()) {
                throw ValidationFailure([FieldError("name", "This area already has a delivery unit called ‘\(name)’")])
            }
            let record = try await OrganisationAdminRepository.createUnit(areaID: areaID, name: name, on: effects.tx)
            effects.audit("deliveryUnit.create", "deliveryUnit", record.id, detail: "\(name), area \(areaID)")
            effects.audit("deliveryUnit.create", "area", areaID, detail: "Delivery unit added: \(name)")
            return record
        }
    }

    static func updateUnit(_ id: String, name: String?, active: Bool, version: Int, by user: CurrentUser, on req: Request) async throws -> OrganisationAdminRepository.UnitRecord {
        guard let current = try await OrganisationAdminRepository.findUnit(id, on: req.db) else { throw Abort(.notFound) }
        let name = try DeliveryUnitDraft(name: name).validated(takenNames: try await OrganisationAdminRepository.takenUnitNames(areaID: current.areaID, except: id, on: req.db))
        return try await Command.run(req, user, needs: .manageOrganisation) { effects in
            let record = try await OrganisationAdminRepository.updateUnit(id, name: name, active: active, expectedVersion: version, on: effects.tx)
            let change = ChangeSummary.describe([("Name", current.name, name), ("Active", yesNo(current.active), yesNo(active))])
            effects.audit("deliveryUnit.update", "deliveryUnit", id, detail: change)
            // The area's history shows its units' changes too.
            effects.audit("deliveryUnit.update", "area", current.areaID, detail: "Delivery unit \(current.name): \(change)")
            return record
        }
    }

    /// The delivery units a site may belong to: the area's own, active ones (plus its current one).
    static func unitChoices(areaID: String, keeping: String? = nil, on db: any Database) async throws -> [OrganisationAdminRepository.UnitRecord] {
        try await OrganisationAdminRepository.units(areaID: areaID, on: db).filter { $0.active || $0.id == keeping }
    }

    static func createSite(areaID: String, _ draft: SiteDraft, by user: CurrentUser, on req: Request) async throws -> OrganisationAdminRepository.SiteRecord {
        guard let area = try await OrganisationAdminRepository.findArea(areaID, on: req.db) else { throw Abort(.notFound) }
        guard area.active else { throw ValidationFailure([FieldError("name", inactiveAreaMessage)]) }
        let units = Set(try await unitChoices(areaID: areaID, on: req.db).map(\.id))
        let valid = try draft.validated(deliveryUnits: units)
        return try await Command.run(req, user, needs: .manageOrganisation) { effects in
            let record = try await OrganisationAdminRepository.createSite(valid, on: effects.tx)
            effects.audit("site.create", "site", record.id, detail: "\(valid.name), \(valid.postcode)")
            effects.audit("site.create", "area", areaID, detail: "Site added: \(valid.name)")
            return record
        }
    }

    static func updateSite(_ id: String, _ draft: SiteDraft, active: Bool, version: Int, by user: CurrentUser, on req: Request) async throws -> OrganisationAdminRepository.SiteRecord {
        guard let current = try await OrganisationAdminRepository.findSite(id, on: req.db),
              let areaID = try await OrganisationAdminRepository.areaID(ofUnit: current.deliveryUnitID, on: req.db) else { throw Abort(.notFound) }
        let units = try await unitChoices(areaID: areaID, keeping: current.deliveryUnitID, on: req.db)
        let valid = try draft.validated(deliveryUnits: Set(units.map(\.id)))
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.name) })
        return try await Command.run(req, user, needs: .manageOrganisation) { effects in
            let record = try await OrganisationAdminRepository.updateSite(id, valid, active: active, expectedVersion: version, on: effects.tx)
            let change = ChangeSummary.describe([
                ("Name", current.name, valid.name), ("Address", current.address, valid.address), ("Postcode", current.postcode, valid.postcode),
                ("Delivery unit", names[current.deliveryUnitID], names[valid.deliveryUnitID]), ("Active", yesNo(current.active), yesNo(active)),
            ])
            effects.audit("site.update", "site", id, detail: change)
            effects.audit("site.update", "area", areaID, detail: "Site \(current.name): \(change)")
            return record
        }
    }
}
