import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Two people editing the same record at the same moment: the second gets a conflict, and
/// nothing either of them wrote is lost. Runs on SQLite, and on PostgreSQL in CI.
@Suite("Concurrent edits")
struct ConcurrencyTests {
    @Test("Two coordinators change the same person at once: one succeeds, the other is told, re-reads and succeeds; both changes stay")
    func sameRecordAtOnce() async throws {
        try await withWaymark { app, world in
            let person = world.personA1
            let first = APIClient(app: app, token: world.token(world.user(.coordinator)))
            let second = APIClient(app: app, token: world.token(world.coordinatorA2))
            let statuses = try await withThrowingTaskGroup(of: (String, HTTPStatus).self) { group in
                group.addTask { ("first", try await first.send(.PATCH, "/people/\(person.id)", json: #"{"version":\#(person.version),"firstName":"Dee"}"#).status) }
                group.addTask { ("second", try await second.send(.PATCH, "/people/\(person.id)", json: #"{"version":\#(person.version),"lastName":"Fletcher-Jones"}"#).status) }
                var out: [String: HTTPStatus] = [:]
                for try await (who, status) in group { out[who] = status }
                return out
            }
            #expect(Set(statuses.values) == [.ok, .conflict], "\(statuses)")
            let firstLost = statuses["first"] == .conflict
            let loser = firstLost ? first : second
            let current = try #require(try await PeopleRepository.find(id: person.id, on: app.db))
            #expect(current.version == person.version + 1, "exactly one change was applied")
            let retry = firstLost
                ? #"{"version":\#(current.version),"firstName":"Dee"}"#
                : #"{"version":\#(current.version),"lastName":"Fletcher-Jones"}"#
            #expect(try await loser.send(.PATCH, "/people/\(person.id)", json: retry).status == .ok)
            let final = try #require(try await PeopleRepository.find(id: person.id, on: app.db))
            #expect(final.details.firstName == "Dee" && final.details.lastName == "Fletcher-Jones")
            let updates = try await AuditLog.page(on: app.db, personID: person.id, actorID: nil, before: nil, limit: 50).filter { $0.action == "person.update" }
            #expect(updates.count == 2, "one audit entry per applied change, none for the refused one")
        }
    }

    @Test("On the page, the second editor gets the conflict page with the other person's values, not a silent overwrite")
    func sameRecordOnPages() async throws {
        try await withWaymark { app, world in
            let p = world.personA1
            let d = p.details
            func form(_ first: String) -> [(String, String)] {
                [("crn", d.crn!.value), ("firstName", first), ("lastName", d.lastName), ("dateOfBirth-day", String(d.dateOfBirth.day)),
                 ("dateOfBirth-month", String(d.dateOfBirth.month)), ("dateOfBirth-year", String(d.dateOfBirth.year)), ("gender", d.gender.rawValue),
                 ("deliveryUnitId", "\(d.areaID)|\(d.deliveryUnitID)"), ("version", String(p.version))]
            }
            var one = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            var two = try await Browser.signedIn(app, as: world.coordinatorA2.email)
            _ = try await one.get("/people/\(p.id)/edit")
            _ = try await two.get("/people/\(p.id)/edit")
            #expect(try await one.post("/people/\(p.id)/edit", form("Dee")).status == .seeOther)
            let conflict = try await two.post("/people/\(p.id)/edit", form("Daisy-May"))
            #expect(conflict.status == .conflict)
            #expect(conflict.body.string.contains("Someone else changed this record"))
            #expect(conflict.body.string.contains("value=\"Dee\""), "the form now shows the other person's change")
            #expect(try await PeopleRepository.find(id: p.id, on: app.db)?.details.firstName == "Dee")
        }
    }
}
