import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// The OpenAPI document is the source of truth: every response the API gives in these
/// journeys, success or error, must match what the document says for that path and status.
@Suite("API responses match openapi.yaml")
struct APIDocumentTests {
    @Test("Journeys across every operation, as several roles, all conform")
    func conformance() async throws {
        try await withWaymark { app, world in
            let served = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(served.status == .ok)
            let checker = try OpenAPIConformance(documentJSON: Data(served.body.readableBytesView))
            var violations: [String] = []
            var checked = 0
            func call(_ user: UserAccount?, _ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> TestingHTTPResponse {
                let api = APIClient(app: app, token: user.map { world.token($0) })
                let response = try await api.send(method, path, json: json)
                let fullPath = String(path.split(separator: "?", maxSplits: 1)[0])
                guard let template = checker.template(matching: "/api/v1" + fullPath) else {
                    violations.append("\(method) \(path): not in the document")
                    return response
                }
                violations += checker.violations(path: template, method: method.rawValue.lowercased(), status: Int(response.status.code),
                                                 contentType: response.headers.first(name: .contentType) ?? "",
                                                 body: Data(response.body.readableBytesView))
                checked += 1
                return response
            }
            let coordinator = world.user(.coordinator), practitioner = world.user(.practitioner)
            let a1 = world.personA1.id
            _ = try await call(coordinator, .GET, "/areas")
            _ = try await call(nil, .GET, "/people")
            _ = try await call(world.user(.mentor), .GET, "/people")
            _ = try await call(coordinator, .GET, "/people?limit=1")
            _ = try await call(coordinator, .GET, "/people?limit=0")
            _ = try await call(practitioner, .GET, "/people?q=shaw")
            let created = try await call(practitioner, .POST, "/people", """
                {"crn":"X654321","firstName":"Zoe","lastName":"Ward","dateOfBirth":"1999-09-09","gender":"female",
                 "areaId":"\(world.areaA.id)","deliveryUnitId":"\(world.areaA.deliveryUnits[1].id)"}
                """)
            #expect(created.status == .created)
            _ = try await call(practitioner, .POST, "/people", #"{"firstName":""}"#)
            _ = try await call(coordinator, .GET, "/people/\(a1)")
            _ = try await call(world.practitionerA2, .GET, "/people/\(a1)")
            _ = try await call(world.coordinatorB, .GET, "/people/\(a1)")
            _ = try await call(coordinator, .PATCH, "/people/\(a1)", #"{"version":1,"firstName":"Daisy"}"#)
            _ = try await call(coordinator, .PATCH, "/people/\(a1)", #"{"version":1,"firstName":"Stale"}"#)
            _ = try await call(coordinator, .GET, "/people/\(a1)/orders")
            let order = try await call(coordinator, .POST, "/people/\(a1)/orders", """
                {"type":"licence","startDate":"2026-01-05","expectedEndDate":"2027-01-05","outcome":"active"}
                """)
            #expect(order.status == .created)
            let orderID = try #require(try APIClient(app: app, token: nil).object(order)["id"] as? String)
            _ = try await call(coordinator, .GET, "/orders/\(orderID)")
            _ = try await call(coordinator, .PATCH, "/orders/\(orderID)", #"{"version":1,"outcome":"completed","actualEndDate":"2026-11-02"}"#)
            _ = try await call(coordinator, .PATCH, "/orders/\(orderID)", #"{"version":1}"#)
            _ = try await call(coordinator, .POST, "/people/\(a1)/orders", #"{"type":"banishment"}"#)
            _ = try await call(practitioner, .POST, "/people/\(a1)/risk", """
                {"basedOnVersion":0,"rosh":"veryHigh","mappaCategory":1,"mappaLevel":3,"tier":"A1","safeguardingFlags":["selfHarm"],
                 "assessedOn":"2026-11-01","nextReviewDate":"2027-02-01","notes":"Reviewed with manager"}
                """)
            _ = try await call(practitioner, .POST, "/people/\(a1)/risk", #"{"basedOnVersion":0,"rosh":"low","assessedOn":"2026-11-02","nextReviewDate":"2027-02-01"}"#)
            _ = try await call(practitioner, .GET, "/people/\(a1)/risk")
            _ = try await call(world.user(.administrator), .GET, "/audit?limit=5")
            _ = try await call(world.user(.administrator), .GET, "/audit?personId=\(a1)")
            _ = try await call(coordinator, .GET, "/audit")
            #expect(checked >= 25)
            #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
        }
    }
}
