import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkStore
@testable import WaymarkWeb
@testable import WaymarkCore

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

    @Test("The area page says who can become a mentor from the provider's settings, and shows only approved quotes consented for publication")
    func eligibilityAndQuotes() async throws {
        try await withWaymark { app, world in
            func page() async throws -> String {
                var body = ""
                try await app.testing().test(.GET, "/about/essex") { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.setCookie == nil)
                    body = res.body.string
                }
                return body
            }
            var text = try await page()
            #expect(text.contains("You can apply if you finished your order or licence in the last 6 months, or will finish in the next 3 months."))
            #expect(text.contains("12-week course"))
            #expect(text.contains("Speak to your probation practitioner"))

            // The provider narrows the window: the public words follow.
            var s = ProgrammeSettings.standard
            s.eligibilityEndedWithinMonths = 4
            s.eligibilityEndingWithinMonths = 0
            try await SettingsRepository.save(s, providerID: world.providerID, expectedVersion: 0, on: app.db)
            text = try await page()
            #expect(text.contains("You can apply if you finished your order or licence in the last 4 months."))

            // Quotes: only approved ones whose consent covers public information, and never after withdrawal.
            let today = world.today
            func quote(_ pseudonym: String, _ words: String, uses: Set<ConsentUse>) async throws -> CaseStudy {
                try await CaseStudyRepository.create(CaseStudyDraft.Valid(subject: .mentor, kind: .quote, pseudonym: pseudonym, title: nil, text: words,
                                                                          consent: Consent(uses: uses, givenOn: today, withdrawnOn: nil)),
                                                     areaID: world.areaA.id, personID: world.personA1.id, by: world.user(.coordinator).id, on: app.db)
            }
            let published = try await quote("Robin", "Hope is there for everyone.", uses: [.publicInformation])
            let reportOnly = try await quote("Frankie", "Only for the commissioners.", uses: [.annualReport])
            _ = try await quote("Jess", "Not approved yet.", uses: [.publicInformation])
            for study in [published, reportOnly] {
                _ = try await CaseStudyRepository.approve(id: study.id, by: world.user(.coordinator).id, on: today, expectedVersion: study.version, on: app.db)
            }
            text = try await page()
            #expect(text.contains("Hope is there for everyone.") && text.contains("Robin"))
            #expect(!text.contains("Only for the commissioners."))
            #expect(!text.contains("Not approved yet."))
            #expect(!text.contains(world.personA1.details.lastName))
            _ = try await CaseStudyRepository.withdrawConsent(id: published.id, on: today, expectedVersion: published.version + 1, on: app.db)
            text = try await page()
            #expect(!text.contains("Hope is there for everyone."))
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
