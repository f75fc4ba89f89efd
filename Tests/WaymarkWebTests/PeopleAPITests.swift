import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("People, orders and risk API")
struct PeopleAPITests {
    @Test("401 without a token or with a bad one, as a problem document")
    func unauthenticated() async throws {
        try await withWaymark { app, _ in
            for token in [nil, "wmk_not_a_real_token"] {
                let response = try await APIClient(app: app, token: token).send(.GET, "/people")
                #expect(response.status == .unauthorized)
                #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            }
        }
    }

    @Test("A practitioner's POST makes them the person's practitioner; the record reads back")
    func createAndRead() async throws {
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.practitioner)))
            let created = try await api.send(.POST, "/people", json: """
                {"crn":"X123456","firstName":"Jade","lastName":"Price","dateOfBirth":"1995-07-14",
                 "areaId":"\(world.areaA.id)","deliveryUnitId":"\(world.areaA.deliveryUnits[0].id)"}
                """)
            #expect(created.status == .created)
            let body = try api.object(created)
            #expect(body["practitionerId"] as? String == world.user(.practitioner).id)
            #expect(body["version"] as? Int == 1)
            let id = try #require(body["id"] as? String)
            let read = try await api.send(.GET, "/people/\(id)")
            #expect(read.status == .ok)
            #expect(try api.object(read)["dateOfBirth"] as? String == "1995-07-14")
        }
    }

    @Test("Invalid input is 422 with every field's problem named, and nothing is written")
    func invalid() async throws {
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.coordinator)))
            let response = try await api.send(.POST, "/people", json: """
                {"crn":"123","firstName":"","lastName":"\(String(repeating: "x", count: 101))","dateOfBirth":"2030-01-01",
                 "gender":"robot","areaId":"\(world.areaB.id)","deliveryUnitId":"nope"}
                """)
            #expect(response.status == .unprocessableEntity)
            let errors = try #require(try api.object(response)["errors"] as? [[String: String]])
            let fields = Set(errors.compactMap { $0["field"] })
            #expect(fields == ["crn", "firstName", "lastName", "dateOfBirth", "gender", "areaId", "deliveryUnitId"])
            #expect(try await PersonModel.query(on: app.db).count() == 3)
        }
    }

    @Test("A body of the wrong JSON type is 422, not a 500")
    func wrongTypes() async throws {
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.coordinator)))
            let response = try await api.send(.POST, "/people", json: #"{"firstName": 12}"#)
            #expect(response.status == .unprocessableEntity)
            let garbage = try await api.send(.POST, "/people", json: "not json")
            #expect(garbage.status.code == 422 || garbage.status.code == 400)
        }
    }

    @Test("PATCH with the current version saves; a stale version is 409 and changes nothing")
    func optimisticLocking() async throws {
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.coordinator)))
            let id = world.personA1.id
            let first = try await api.send(.PATCH, "/people/\(id)", json: #"{"version":1,"lastName":"Fletcher-Smith"}"#)
            #expect(first.status == .ok)
            #expect(try api.object(first)["version"] as? Int == 2)
            let stale = try await api.send(.PATCH, "/people/\(id)", json: #"{"version":1,"lastName":"Overwritten"}"#)
            #expect(stale.status == .conflict)
            #expect(try api.object(stale)["title"] as? String == "Stale version")
            let missing = try await api.send(.PATCH, "/people/\(id)", json: #"{"lastName":"No version"}"#)
            #expect(missing.status == .unprocessableEntity)
            let person = try #require(try await PeopleRepository.find(id: id, on: app.db))
            #expect(person.details.lastName == "Fletcher-Smith")
        }
    }

    @Test("Out of scope is 404; summary scope hides date of birth; a role without the capability is 403")
    func scope() async throws {
        try await withWaymark { app, world in
            let coordinatorB = APIClient(app: app, token: world.token(world.coordinatorB))
            #expect(try await coordinatorB.send(.GET, "/people/\(world.personA1.id)").status == .notFound)
            #expect(try await coordinatorB.send(.GET, "/people/\(UUID().uuidString)").status == .notFound)
            let colleague = APIClient(app: app, token: world.token(world.practitionerA2))
            let summary = try await colleague.send(.GET, "/people/\(world.personA1.id)")
            #expect(summary.status == .ok)
            let body = try colleague.object(summary)
            #expect(body["access"] as? String == "summary")
            #expect(body["dateOfBirth"] == nil)
            #expect(try await colleague.send(.PATCH, "/people/\(world.personA1.id)", json: #"{"version":1}"#).status == .notFound)
            #expect(try await colleague.send(.GET, "/people/\(world.personA1.id)/orders").status == .notFound)
            let mentor = APIClient(app: app, token: world.token(world.user(.mentor)))
            #expect(try await mentor.send(.GET, "/people/\(world.personA1.id)").status == .forbidden)
            let list = try await colleague.send(.GET, "/people")
            let ids = (try colleague.object(list)["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(Set(ids) == [world.personA1.id, world.personA2.id])
        }
    }

    @Test("Orders: create, read, validation and conflicts")
    func orders() async throws {
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.practitioner)))
            let bad = try await api.send(.POST, "/people/\(world.personA1.id)/orders", json: """
                {"type":"licence","startDate":"2026-06-01","expectedEndDate":"2026-05-01","outcome":"sideways"}
                """)
            #expect(bad.status == .unprocessableEntity)
            let fields = Set((try api.object(bad)["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] })
            #expect(fields == ["expectedEndDate", "outcome"])
            let created = try await api.send(.POST, "/people/\(world.personA1.id)/orders", json: """
                {"type":"licence","startDate":"2026-06-01","expectedEndDate":"2027-06-01","outcome":"active","rarDays":10}
                """)
            #expect(created.status == .created)
            let order = try api.object(created)
            #expect(order["requirements"] as? [String] == ["rehabilitationActivity"])
            let id = try #require(order["id"] as? String)
            let ended = try await api.send(.PATCH, "/orders/\(id)", json: #"{"version":1,"outcome":"completed","actualEndDate":"2026-11-01"}"#)
            #expect(ended.status == .ok)
            #expect(try api.object(ended)["outcome"] as? String == "completed")
            #expect(try await api.send(.PATCH, "/orders/\(id)", json: #"{"version":1,"rarDays":12}"#).status == .conflict)
            let list = try await api.send(.GET, "/people/\(world.personA1.id)/orders")
            #expect((try api.object(list)["items"] as? [Any])?.count == 2)
        }
    }

    @Test("Risk: history is kept, newest first; a review based on an old version is 409")
    func risk() async throws {
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.practitioner)))
            let path = "/people/\(world.personA1.id)/risk"
            let first = try await api.send(.POST, path, json: """
                {"basedOnVersion":0,"rosh":"medium","assessedOn":"2026-10-01","nextReviewDate":"2027-01-01"}
                """)
            #expect(first.status == .created)
            let second = try await api.send(.POST, path, json: """
                {"basedOnVersion":1,"rosh":"high","mappaCategory":1,"mappaLevel":2,"safeguardingFlags":["childConcerns"],
                 "assessedOn":"2026-11-20","nextReviewDate":"2027-02-01"}
                """)
            #expect(second.status == .created)
            let stale = try await api.send(.POST, path, json: """
                {"basedOnVersion":1,"rosh":"low","assessedOn":"2026-11-21","nextReviewDate":"2027-02-01"}
                """)
            #expect(stale.status == .conflict)
            let badMappa = try await api.send(.POST, path, json: """
                {"rosh":"low","mappaCategory":5,"assessedOn":"2026-11-21","nextReviewDate":"2026-11-01"}
                """)
            #expect(badMappa.status == .unprocessableEntity)
            let history = try api.object(try await api.send(.GET, path))["items"] as? [[String: Any]] ?? []
            #expect(history.map { $0["rosh"] as? String } == ["high", "medium"])
        }
    }

    @Test("Areas are readable by every role")
    func areas() async throws {
        try await withWaymark { app, world in
            for role in Role.allCases {
                let api = APIClient(app: app, token: world.token(world.user(role)))
                let response = try await api.send(.GET, "/areas")
                #expect(response.status == .ok)
                let items = try api.object(response)["items"] as? [[String: Any]] ?? []
                #expect(items.count == 2)
            }
        }
    }
}
