import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("People pages")
struct PeoplePageTests {
    static func personFields(_ world: TestWorld, first: String = "Priya", last: String = "Begum", crn: String = "E123456",
                             dob: (String, String, String) = ("3", "2", "1990")) -> [(String, String)] {
        [("firstName", first), ("lastName", last), ("crn", crn), ("dateOfBirth-day", dob.0), ("dateOfBirth-month", dob.1),
         ("dateOfBirth-year", dob.2), ("gender", "female"),
         ("deliveryUnitId", "\(world.areaA.id)|\(world.areaA.deliveryUnits[1].id)")]
    }

    @Test("A practitioner adds a person, who lands on their caseload, and the record page shows them")
    func addPerson() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "practitioner@example.org")
            try await browser.get("/people/new")
            let created = try await browser.post("/people/new", Self.personFields(world))
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let page = try await browser.get(location)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Priya Begum"))
            #expect(html.contains("E123456"))
            #expect(html.contains("3 February 1990"))
            #expect(html.contains("Priya Begum has been added"))
            let person = try #require(try await PeopleRepository.find(crn: CRN("E123456")!, on: app.db))
            #expect(person.practitionerID == world.user(.practitioner).id)
        }
    }

    @Test("Bad input re-shows the form with an error summary and the fields marked; nothing is saved")
    func validationErrors() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await browser.get("/people/new")
            let response = try await browser.post("/people/new",
                                                  Self.personFields(world, first: "", crn: "12345", dob: ("31", "2", "2020")))
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("<title>Error: Add a person on probation – Waymark</title>"))
            #expect(html.contains("There is a problem"))
            #expect(html.contains("href=\"#firstName\""))
            #expect(html.contains("Enter a first name"))
            #expect(html.contains("Enter a CRN as one letter and six digits"))
            #expect(html.contains("href=\"#dateOfBirth-day\""))
            #expect(html.contains("Date of birth must be a real date"))
            #expect(html.contains("wm-form-group--error"))
            #expect(html.contains("value=\"Begum\""), "what was typed is kept")
            #expect(try await PersonModel.query(on: app.db).count() == 3)
        }
    }

    @Test("Typed text is escaped in pages, attributes included")
    func escaping() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await browser.get("/people/new")
            let response = try await browser.post("/people/new", Self.personFields(world, first: "\"><script>alert(1)</script>", crn: "bad"))
            #expect(response.status == .unprocessableEntity)
            #expect(!response.body.string.contains("<script>alert(1)"))
            #expect(response.body.string.contains("&quot;&gt;&lt;script&gt;"))
        }
    }

    @Test("A stale edit gets a clear conflict and does not overwrite the newer save")
    func staleEdit() async throws {
        try await withWaymark { app, world in
            var first = try await Browser.signedIn(app, as: "coordinator@example.org")
            var second = try await Browser.signedIn(app, as: "practitioner@example.org")
            let id = world.personA1.id
            try await first.get("/people/\(id)/edit")
            try await second.get("/people/\(id)/edit")
            var fields = Self.personFields(world, first: "Daisy", last: "Fletcher-Jones", crn: "E100001")
            fields.append(("version", "1"))
            let saved = try await second.post("/people/\(id)/edit", fields)
            #expect(saved.status == .seeOther)
            var stale = Self.personFields(world, first: "Dasy", last: "Fletcher", crn: "E100001")
            stale.append(("version", "1"))
            let conflict = try await first.post("/people/\(id)/edit", stale)
            #expect(conflict.status == .conflict)
            #expect(conflict.body.string.contains("Someone else changed this record"))
            #expect(conflict.body.string.contains("value=\"Fletcher-Jones\""))
            let person = try #require(try await PeopleRepository.find(id: id, on: app.db))
            #expect(person.details.lastName == "Fletcher-Jones")
            #expect(person.details.firstName == "Daisy")
            #expect(person.version == 2)
        }
    }

    @Test("Search finds people by name and by CRN, within the user's scope")
    func search() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            let byName = try await browser.get("/people?q=fletch")
            #expect(byName.body.string.contains("Fletcher, Daisy"))
            #expect(!byName.body.string.contains("Shaw, Marcus"))
            let byCRN = try await browser.get("/people?q=e100002")
            #expect(byCRN.body.string.contains("Shaw, Marcus"))
            let outside = try await browser.get("/people?q=S200001")
            #expect(!outside.body.string.contains("Walker"))
            #expect(outside.body.string.contains("No people match"))
        }
    }

    @Test("The people list pages with keyset cursors and no one is skipped or repeated")
    func pagination() async throws {
        try await withWaymark { app, world in
            for i in 0..<30 {
                let details = PersonDetails(crn: nil, firstName: "Test\(i)", lastName: "Same", dateOfBirth: CalendarDate(year: 1990, month: 1, day: 1)!,
                                            gender: .male, areaID: world.areaA.id, deliveryUnitID: world.areaA.deliveryUnits[0].id)
                _ = try await PeopleRepository.create(details, practitionerID: nil, on: app.db)
            }
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            var seen: [String] = []
            var path: String? = "/people"
            while let next = path {
                let page = try await browser.get(next)
                let html = page.body.string
                seen += html.matches(of: /people\/([0-9A-F-]{36})"/).map { String($0.1) }
                path = html.firstMatch(of: /href="([^"]+)" rel="next"/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
            }
            #expect(seen.count == 32)
            #expect(Set(seen).count == 32)
        }
    }

    @Test("Orders: a coordinator adds an order with RAR days; an end date before the start is refused")
    func orders() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            let id = world.personA2.id
            try await browser.get("/people/\(id)/orders/new")
            var fields: [(String, String)] = [("type", "licence"), ("startDate-day", "1"), ("startDate-month", "6"), ("startDate-year", "2026"),
                                              ("expectedEndDate-day", "1"), ("expectedEndDate-month", "5"), ("expectedEndDate-year", "2026"),
                                              ("outcome", "active"), ("rarDays", "")]
            let bad = try await browser.post("/people/\(id)/orders/new", fields)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Expected end date must be after the start date"))
            fields = fields.map { $0.0 == "expectedEndDate-year" ? ($0.0, "2027") : $0 }
            fields.append(("requirements[]", "rehabilitationActivity"))
            fields = fields.map { $0.0 == "rarDays" ? ($0.0, "15") : $0 }
            let good = try await browser.post("/people/\(id)/orders/new", fields)
            #expect(good.status == .seeOther)
            let list = try await browser.get("/people/\(id)/orders")
            #expect(list.body.string.contains("Licence from 1 June 2026"))
            #expect(list.body.string.contains("15 days"))
        }
    }

    @Test("Risk: a practitioner records a review; the identity bar and the history show it")
    func risk() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "practitioner@example.org")
            let id = world.personA1.id
            try await browser.get("/people/\(id)/risk/new")
            let fields: [(String, String)] = [("rosh", "high"), ("mappaCategory", "2"), ("mappaLevel", "1"), ("tier", "b2"),
                                              ("safeguardingFlags[]", "domesticAbuse"), ("assessedOn-day", "20"), ("assessedOn-month", "11"),
                                              ("assessedOn-year", "2026"), ("nextReviewDate-day", "20"), ("nextReviewDate-month", "2"),
                                              ("nextReviewDate-year", "2027"), ("basedOn", "0")]
            let saved = try await browser.post("/people/\(id)/risk/new", fields)
            #expect(saved.status == .seeOther)
            let page = try await browser.get("/people/\(id)/risk")
            let html = page.body.string
            #expect(html.contains("High RoSH"))
            #expect(html.contains("MAPPA category 2, level 1"))
            #expect(html.contains("Domestic abuse"))
            #expect(html.contains("B2"))
            #expect(html.contains("First risk assessment recorded"))
            // The same form again, based on the version it saw, now conflicts.
            let stale = try await browser.post("/people/\(id)/risk/new", fields)
            #expect(stale.status == .conflict)
        }
    }

    @Test("A practitioner sees a summary of a colleague's case and cannot open it for editing")
    func summaryAccess() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "practitioner@example.org")
            let page = try await browser.get("/people/\(world.personA2.id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("summary only"))
            #expect(!page.body.string.contains("12 April 1988"))
            #expect(try await browser.get("/people/\(world.personA2.id)/edit").status == .notFound)
            #expect(try await browser.get("/people/\(world.personA2.id)/risk").status == .notFound)
            #expect(try await browser.get("/people/\(world.personB.id)").status == .notFound)
        }
    }
}
