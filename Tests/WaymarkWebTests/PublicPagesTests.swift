import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Public information pages")
struct PublicPagesTests {
    @Test("About pages need no sign-in, start no session, and show the area's contact and sites")
    func aboutPages() async throws {
        try await withWaymark { app, world in
            try await SiteModel(deliveryUnitID: UUID(uuidString: world.areaA.deliveryUnits[0].id)!, name: "Basildon probation office",
                                address: "1 Great Oaks, Basildon", postcode: "SS14 1EL").create(on: app.db)
            try await app.testing().test(.GET, "/about") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Speak to your probation practitioner"))
                #expect(res.body.string.contains("href=\"/about/essex\""))
                #expect(res.headers.setCookie == nil)
            }
            try await app.testing().test(.GET, "/about/essex") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("essex@example.org"))
                #expect(res.body.string.contains("1 Great Oaks, Basildon, SS14 1EL"))
                #expect(!res.body.string.contains("Daisy"))
                #expect(res.headers.setCookie == nil)
            }
            try await app.testing().test(.GET, "/about/atlantis") { #expect($0.status == .notFound) }
        }
    }

    @Test("A missing page is a readable 404 page")
    func notFound() async throws {
        try await withWaymark { app, _ in
            try await app.testing().test(.GET, "/no/such/page") { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("Page not found"))
            }
        }
    }
}
