import Fluent
import Foundation
import WaymarkCore

/// Providers, regions, delivery units and sites, and the staff who work in them: about one
/// practitioner for every 40 people on probation, and coordinators, facilitators and a
/// commissioner in every region.
extension NationalGenerator {
    static let femaleNames = ["Aisha", "Amy", "Becky", "Chloe", "Danielle", "Donna", "Emma", "Fiona", "Gemma", "Hannah", "Jade", "Kayleigh",
                              "Leanne", "Lucy", "Megan", "Nadia", "Natasha", "Olivia", "Priya", "Sadia", "Shannon", "Sophie", "Stacey", "Zoe"]
    static let maleNames = ["Adam", "Ben", "Callum", "Carl", "Craig", "Danny", "Darren", "Dean", "Faisal", "Gary", "Hassan", "Imran", "Jamal",
                            "Jason", "Kieran", "Lee", "Liam", "Marcus", "Nathan", "Paul", "Reece", "Rhys", "Ryan", "Tariq", "Tom", "Wayne"]

    func personName(female: Bool) -> (String, String) {
        (pick(female ? Self.femaleNames : Self.maleNames), pick(DemoData.lastNames))
    }

    func organisation(on db: any Database) async throws {
        var providers: [UUID] = []
        for (name, slug) in NationalPlaces.providers {
            // A Fluent create, so the provider gets its standard intervention catalogue.
            let provider = ProviderModel(id: uuid(), name: name, slug: slug)
            try await provider.create(on: db)
            providers.append(provider.id!)
        }
        var users = BulkInsert("users", columns: ["id", "email", "name", "role", "password_hash", "active", "created_at"], on: db)
        // Written after every user, whose rows they refer to.
        var userAreaRows: [(UUID, UUID)] = []
        var areas = BulkInsert("areas", columns: ["id", "provider_id", "name", "slug", "contact_name", "contact_email", "contact_phone"], on: db)
        var units = BulkInsert("delivery_units", columns: ["id", "area_id", "name"], on: db)
        var sites = BulkInsert("sites", columns: ["id", "delivery_unit_id", "name", "address", "postcode"], on: db)

        let admin = uuid()
        try await users.add([admin, "admin@waymark.example", "Alex Morgan", Role.administrator.rawValue, passwordHash, true, moment(-800)])
        signIns.append(DemoData.SignIn(email: "admin@waymark.example", role: .administrator, area: "All areas"))

        let practitionerShares = perRegion(max(12, scale.people / 40))
        for (r, (providerIndex, region)) in NationalPlaces.regions.enumerated() {
            var state = RegionState(region: region, areaID: uuid(), providerID: providers[providerIndex])
            try await areas.add([state.areaID, state.providerID, region.name, region.slug, "\(region.name) peer mentor coordinator",
                                 "peermentoring.\(region.short)@waymark.example", "0300 496 \(String(format: "%04d", 1_000 + r))"])
            for (u, name) in region.units.enumerated() {
                let unit = uuid(), site = uuid()
                state.units.append(unit)
                state.sites.append(site)
                try await units.add([unit, state.areaID, name])
                try await sites.add([site, unit, "\(name) probation office", "Probation Office, \(1 + u) Station Road, \(name)",
                                     "\(region.letter)\(1 + u) \(1 + r)AB"])
            }
            try await areas.flush()
            try await units.flush()
            try await sites.flush()
            func staff(_ role: Role, _ local: String, signIn: Bool) async throws -> UUID {
                let id = uuid()
                let (first, last) = personName(female: chance(55))
                try await users.add([id, "\(local)@waymark.example", "\(first) \(last)", role.rawValue, passwordHash, true, moment(-700)])
                userAreaRows.append((id, state.areaID))
                if signIn { signIns.append(DemoData.SignIn(email: "\(local)@waymark.example", role: role, area: region.name)) }
                return id
            }
            for n in 0..<3 { state.coordinators.append(try await staff(.coordinator, n == 0 ? "coordinator.\(region.short)" : "coordinator\(n + 1).\(region.short)", signIn: n == 0)) }
            for n in 0..<max(1, practitionerShares[r]) {
                state.practitioners.append(try await staff(.practitioner, n == 0 ? "practitioner.\(region.short)" : "practitioner\(n + 1).\(region.short)", signIn: n == 0))
            }
            for n in 0..<max(2, region.units.count) {
                state.facilitators.append(try await staff(.staffFacilitator, n == 0 ? "facilitator.\(region.short)" : "facilitator\(n + 1).\(region.short)", signIn: n == 0))
            }
            state.commissioner = try await staff(.commissioner, "commissioner.\(region.short)", signIn: true)
            regions.append(state)
        }
        try await users.flush()
        var userAreas = BulkInsert("user_areas", columns: ["id", "user_id", "area_id"], on: db)
        for (user, area) in userAreaRows { try await userAreas.add([uuid(), user, area]) }
        try await userAreas.flush()
        for insert in [users, userAreas] { count(insert) }
        rowCounts["areas"] = regions.count
        rowCounts["delivery_units"] = regions.reduce(0) { $0 + $1.units.count }
        for r in regions.indices {
            let catalogue = try await InterventionModel.query(on: db).filter(\.$provider.$id == regions[r].providerID).all()
            regions[r].interventions = catalogue.sorted { $0.name < $1.name }.map { ($0.id!, $0.currentVersion, $0.capacity, $0.name) }
        }
    }
}
