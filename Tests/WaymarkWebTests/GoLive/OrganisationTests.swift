import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Keeping the organisation")
struct OrganisationTests {
    struct Kent {
        let areaID: String
        let maidstone: String
        let canterbury: String
    }

    static let kentFields: [(String, String)] = [("name", "Kent"), ("slug", "kent"), ("contactName", "Alex Reed"),
                                                 ("contactEmail", "kent@example.org"),
                             ("contactPhone", "01632 960 001"), ("postalAddress", "1 Palace Avenue, Maidstone")]

    /// The administrator adds Kent, its Maidstone and Canterbury units and a Maidstone site, through the pages.
    static func addKent(_ admin: inout Browser, _ app: Application, _ world: TestWorld) async throws -> Kent {
        try await admin.get("/organisation/areas/new")
        let area = try await admin.post("/organisation/areas/new", [("providerId", world.providerID)] + kentFields)
        #expect(area.status == .seeOther)
        let location = try #require(GoLive.location(area))
        #expect(location.hasPrefix("/organisation/areas/"))
        let areaID = String(location.dropFirst("/organisation/areas/".count))
        for unit in ["Maidstone", "Canterbury"] {
            let added = try await admin.post("/organisation/areas/\(areaID)/delivery-units/new", [("name", unit)])
            #expect(added.status == .seeOther)
            #expect(GoLive.location(added) == "/organisation/areas/\(areaID)")
        }
        let units = try await OrganisationAdminRepository.units(areaID: areaID, on: app.db)
        let maidstone = try #require(units.first { $0.name == "Maidstone" }).id
        let canterbury = try #require(units.first { $0.name == "Canterbury" }).id
        let site = try await admin.post("/organisation/areas/\(areaID)/sites/new", [("name", "Maidstone probation office"),
                                                                                   ("address", "Palace Avenue, Maidstone"),
                                                                                   ("postcode", "me14 1ab"), ("deliveryUnitId", maidstone)])
        #expect(site.status == .seeOther)
        #expect(GoLive.location(site) == "/organisation/areas/\(areaID)")
        return Kent(areaID: areaID, maidstone: maidstone, canterbury: canterbury)
    }

    @Test("An administrator adds an area with two delivery units and a site")
    func addArea() async throws {
        try await withWaymark { app, world in
            var admin = try await Browser.signedIn(app, as: "admin@example.org")

            let kent = try await Self.addKent(&admin, app, world)

            let area = try #require(try await OrganisationAdminRepository.findArea(kent.areaID, on: app.db))
            #expect(area.name == "Kent" && area.slug == "kent" && area.providerID == world.providerID)
            #expect(area.contactName == "Alex Reed" && area.contactEmail == "kent@example.org" && area.contactPhone == "01632 960 001")
            #expect(area.postalAddress == "1 Palace Avenue, Maidstone")
            let page = try await admin.get("/organisation/areas/\(kent.areaID)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(GoLive.tableRow(containing: "Maidstone probation office", in: html)?.contains("Palace Avenue, Maidstone, ME14 1AB") == true)
            #expect(GoLive.tableRow(containing: "Canterbury", in: html)?.contains(">Active<") == true)
            let overview = try await admin.get("/organisation")
            #expect(GoLive.tableRow(containing: "Kent", in: overview.body.string)?.contains("/about/kent") == true)
        }
    }

    @Test("A new area shows on its public page and in the areas API")
    func newAreaIsPublic() async throws {
        try await withWaymark { app, world in
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            _ = try await Self.addKent(&admin, app, world)

            var visitor = Browser(app)
            let about = try await visitor.get("/about/kent")
            #expect(about.status == .ok)
            let html = about.body.string
            #expect(html.contains("Peer mentoring in Kent"))
            #expect(html.contains("Canterbury, Maidstone"))
            #expect(html.contains("Alex Reed") && html.contains("kent@example.org") && html.contains("01632 960 001"))
            #expect(html.contains("Maidstone probation office"))
            #expect(try await visitor.get("/about").body.string.contains("/about/kent"))

            let api = APIClient(app: app, token: try await GoLive.token(app, world, for: world.user(.practitioner)))
            let areas = try await api.send(.GET, "/areas")
            #expect(areas.status == .ok)
            let items = try #require(try GoLive.json(areas)["items"] as? [[String: Any]])
            let kent = try #require(items.first { $0["name"] as? String == "Kent" })
            let units = (kent["deliveryUnits"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(units) == Set(["Maidstone", "Canterbury"]))
        }
    }

    @Test("A short name another area uses is refused, naming the field, and nothing is saved")
    func duplicateSlug() async throws {
        try await withWaymark { app, world in
            let before = try await OrganisationAdminRepository.areas(on: app.db).count
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/organisation/areas/new")

            let refused = try await admin.post("/organisation/areas/new", [("providerId", world.providerID), ("name", "Essex North"),
                                                                           ("slug", "essex")])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Another area already uses the short name ‘essex’: choose a different one"))
            #expect(refused.body.string.contains("id=\"slug-error\""))
            #expect(refused.body.string.contains("value=\"Essex North\""), "what was typed is kept")
            #expect(try await OrganisationAdminRepository.areas(on: app.db).count == before)
        }
    }

    @Test("A delivery unit name the area already has is refused, naming the field, and nothing is saved")
    func duplicateUnit() async throws {
        try await withWaymark { app, world in
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/organisation/areas/\(world.areaA.id)/delivery-units/new")

            let refused = try await admin.post("/organisation/areas/\(world.areaA.id)/delivery-units/new", [("name", "basildon")])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("This area already has a delivery unit called ‘basildon’"))
            #expect(refused.body.string.contains("id=\"name-error\""))
            #expect(try await OrganisationAdminRepository.units(areaID: world.areaA.id, on: app.db).count == 2)
        }
    }

    @Test("A site with a postcode that is not a real shape is refused")
    func badPostcode() async throws {
        try await withWaymark { app, world in
            let before = try await OrganisationAdminRepository.sites(areaID: world.areaA.id, on: app.db).count
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/organisation/areas/\(world.areaA.id)/sites/new")

            let refused = try await admin.post("/organisation/areas/\(world.areaA.id)/sites/new", [
                ("name", "Colchester office"), ("address", "Ryegate House, Colchester"), ("postcode", "NOT A CODE"),
                ("deliveryUnitId", world.areaA.deliveryUnits[1].id),
            ])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Enter a real postcode, like SS14 1AB"))
            #expect(refused.body.string.contains("id=\"postcode-error\""))
            #expect(try await OrganisationAdminRepository.sites(areaID: world.areaA.id, on: app.db).count == before)
        }
    }

    @Test("A deactivated delivery unit stays listed on the area, marked Deactivated")
    func deactivateUnit() async throws {
        try await withWaymark { app, world in
            let colchester = try #require(world.areaA.deliveryUnits.first { $0.name == "Colchester" })
            let unit = try #require(try await OrganisationAdminRepository.findUnit(colchester.id, on: app.db))
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/organisation/delivery-units/\(unit.id)/edit")

            let saved = try await admin.post("/organisation/delivery-units/\(unit.id)/edit", [("name", "Colchester"), ("active", "no"),
                                                                                          ("version", String(unit.version))])

            #expect(saved.status == .seeOther)
            #expect(GoLive.location(saved) == "/organisation/areas/\(world.areaA.id)")
            let page = try await admin.get("/organisation/areas/\(world.areaA.id)").body.string
            let row = try #require(GoLive.tableRow(containing: "Colchester", in: page))
            #expect(row.contains(">Deactivated<"))
            #expect(GoLive.tableRow(containing: "Basildon", in: page)?.contains(">Active<") == true)
            #expect(try await OrganisationAdminRepository.findUnit(unit.id, on: app.db)?.active == false)
        }
    }

    @Test("The area's history lists each change and who made it")
    func history() async throws {
        try await withWaymark { app, world in
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            let kent = try await Self.addKent(&admin, app, world)
            let version = try #require(try await OrganisationAdminRepository.findArea(kent.areaID, on: app.db)).version
            try await admin.get("/organisation/areas/\(kent.areaID)/edit")
            let newPhone: [(String, String)] = Self.kentFields.map { field in field.0 == "contactPhone" ? (field.0, "01632 960 002") : field }
            let edited = try await admin.post("/organisation/areas/\(kent.areaID)/edit", newPhone + [("active", "yes"), ("version", String(version))])
            #expect(edited.status == .seeOther)

            let html = try await admin.get("/organisation/areas/\(kent.areaID)").body.string

            for change in ["Kent (kent)", "Delivery unit added: Maidstone", "Delivery unit added: Canterbury",
                           "Site added: Maidstone probation office", "Contact phone: 01632 960 001 → 01632 960 002"] {
                let row = GoLive.tableRow(containing: change, in: html)
                #expect(row != nil, "history shows \(change)")
                #expect(row?.contains(">Admin<") == true, "\(change) was made by the administrator")
            }
            #expect(!html.contains("No changes recorded."))
        }
    }

    @Test("A provider's sign-in settings refuse an idle timeout of 3 minutes and save 20, which then applies")
    func providerSignInSettings() async throws {
        try await withWaymark { app, world in
            let provider = try #require(try await OrganisationAdminRepository.findProvider(world.providerID, on: app.db))
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/organisation")

            let refused = try await admin.post("/organisation/providers/\(provider.id)/sign-in", [("idleMinutes", "3"), ("lifetimeHours", "12"),
                                                                                              ("version", String(provider.version))])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Enter a number of minutes from 5 to 240"))
            #expect(refused.body.string.contains("id=\"provider-\(provider.id)-idleMinutes-error\""))
            let unchanged = try await OrganisationAdminRepository.findProvider(provider.id, on: app.db)
            #expect(unchanged?.session.idleMinutes == SessionLifetime.defaultIdleMinutes)

            let saved = try await admin.post("/organisation/providers/\(provider.id)/sign-in", [("idleMinutes", "20"), ("lifetimeHours", "12"),
                                                                                            ("version", String(provider.version))])

            #expect(saved.status == .seeOther)
            #expect(GoLive.location(saved) == "/organisation")
            #expect(try await OrganisationAdminRepository.findProvider(provider.id, on: app.db)?.session.idleMinutes == 20)
            #expect(try await admin.get("/organisation").body.string.contains("value=\"20\""))
            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            world.clock.advance(by: 21 * 60)
            let idle = try await coordinator.get("/people")
            #expect(GoLive.location(idle) == "/sign-in?ended=idle")
        }
    }

    @Test("Only administrators reach the organisation pages", arguments: [Role.coordinator, .practitioner, .staffFacilitator, .mentor, .commissioner])
    func othersForbidden(role: Role) async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: world.user(role).email)
            #expect(try await browser.get("/organisation").status == .forbidden)
            #expect(try await browser.get("/organisation/areas/\(world.areaA.id)").status == .forbidden)
        }
    }
}
