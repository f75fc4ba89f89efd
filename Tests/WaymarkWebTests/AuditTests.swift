import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Audit log")
struct AuditTests {
    static func entries(_ app: Application, person: String) async throws -> [AuditEntry] {
        try await AuditLog.page(on: app.db, personID: person, actorID: nil, before: nil, limit: 100)
    }

    @Test("Reads and writes of a person, by page and API, are recorded with who and what")
    func readsAndWritesAreAudited() async throws {
        try await withWaymark { app, world in
            let id = world.personA1.id
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await browser.get("/people/\(id)")
            let api = APIClient(app: app, token: world.token(world.user(.practitioner)))
            _ = try await api.send(.GET, "/people/\(id)")
            _ = try await api.send(.PATCH, "/people/\(id)", json: #"{"version":1,"firstName":"Daisy-May"}"#)
            _ = try await api.send(.GET, "/people/\(id)/risk")
            let log = try await Self.entries(app, person: id)
            let actions = log.map { "\($0.actorID == world.user(.coordinator).id ? "coordinator" : "practitioner") \($0.action)" }
            #expect(actions == ["practitioner risk.view", "practitioner person.update", "practitioner person.view", "coordinator person.view"])
        }
    }

    @Test("A refused write leaves no audit entry and no record (one transaction)")
    func refusedWriteLeavesNothing() async throws {
        try await withWaymark { app, world in
            let before = try await AuditEventModel.query(on: app.db).count()
            let api = APIClient(app: app, token: world.token(world.user(.coordinator)))
            let response = try await api.send(.PATCH, "/people/\(world.personA1.id)", json: #"{"version":7,"firstName":"X"}"#)
            #expect(response.status == .conflict)
            #expect(try await AuditEventModel.query(on: app.db).count() == before)
        }
    }

    @Test("verify passes on an intact log and names the first altered, removed or truncated row")
    func tamperDetection() async throws {
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.coordinator)))
            for _ in 0..<6 { _ = try await api.send(.GET, "/people/\(world.personA1.id)") }
            #expect(try await AuditLog.verify(on: app.db) == .intact(entries: 6))
            let sql = try #require(app.db as? any SQLDatabase)

            try await sql.raw("UPDATE audit_events SET actor_id = 'someone-else' WHERE sequence = 3").run()
            #expect(try await AuditLog.verify(on: app.db) == .broken(.altered(sequence: 3)))
            try await sql.raw("DELETE FROM audit_events WHERE sequence = 3").run()
            #expect(try await AuditLog.verify(on: app.db) == .broken(.missing(afterSequence: 2, found: 4)))
        }
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.coordinator)))
            for _ in 0..<4 { _ = try await api.send(.GET, "/people/\(world.personA1.id)") }
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM audit_events WHERE sequence = 4").run()
            #expect(try await AuditLog.verify(on: app.db) == .headMismatch(expectedSequence: 4, foundSequence: 3))
        }
    }

    @Test("Administrators browse the audit log and filter it by person; others may not")
    func browse() async throws {
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.coordinator)))
            _ = try await api.send(.GET, "/people/\(world.personA1.id)")
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            let page = try await admin.get("/audit?personId=\(world.personA1.id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("person.view"))
            #expect(page.body.string.contains("Coordinator"))
            let adminAPI = APIClient(app: app, token: world.token(world.user(.administrator)))
            let entries = try adminAPI.object(try await adminAPI.send(.GET, "/audit?personId=\(world.personA1.id)"))["items"] as? [[String: Any]]
            #expect(entries?.first?["action"] as? String == "person.view")
            #expect(try await api.send(.GET, "/audit").status == .forbidden)
        }
    }
}

@Suite("Audit of list views")
struct AuditListTests {
    @Test("A search that shows a person is recorded against that person, so 'who viewed them' finds it")
    func listViewsAreRecordedPerPerson() async throws {
        try await withWaymark { app, world in
            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await coordinator.get("/people?q=fletcher")
            let entries = try await AuditLog.page(on: app.db, personID: world.personA1.id, actorID: nil, before: nil, limit: 10)
            #expect(entries.first?.action == "person.list")
            #expect(entries.first?.actorID == world.user(.coordinator).id)
            #expect(try await AuditLog.page(on: app.db, personID: world.personA2.id, actorID: nil, before: nil, limit: 10).allSatisfy { $0.action != "person.list" },
                    "someone the search did not show is not recorded")
            // The entries written one per person still form an intact chain.
            guard case .intact(let count) = try await AuditLog.verify(on: app.db) else {
                Issue.record("the audit chain is broken")
                return
            }
            #expect(count >= 2)
        }
    }
}
