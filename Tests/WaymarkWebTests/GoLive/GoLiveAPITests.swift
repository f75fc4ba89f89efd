import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

// The going-live JSON API: providers, areas, delivery units, sites, users and tokens. Every
// response in these tests is also checked against openapi.yaml, as APIDocumentTests does.

// MARK: - Helpers (this file only)

/// One API answer: its status, its JSON object (empty when the body is not one), and the response.
private struct Reply {
    let response: TestingHTTPResponse
    let json: [String: Any]

    var status: HTTPStatus { response.status }
    subscript(_ key: String) -> Any? { json[key] }
    var id: String? { json["id"] as? String }
    var version: Int? { json["version"] as? Int }
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    var errors: [[String: String]] { json["errors"] as? [[String: String]] ?? [] }
    /// The fields a 422 names.
    var fields: Set<String> { Set(errors.compactMap { $0["field"] }) }
    func message(for field: String) -> String? { errors.first { $0["field"] == field }?["message"] }
    var isProblem: Bool { response.headers.contentType?.description.hasPrefix("application/problem+json") == true }
    /// One string property of every item of a list.
    func listed(_ key: String) -> [String] { items.compactMap { $0[key] as? String } }
}

/// Calls the API as a user (their token from the test world) or with any token, and checks each
/// response against the OpenAPI document served at /api/v1/openapi.json.
/// Used by one test task at a time, in sequence, hence @unchecked Sendable.
private final class CheckedAPI: @unchecked Sendable {
    let app: Application
    let world: TestWorld
    private let checker: OpenAPIConformance
    private var violations: [String] = []
    private var checked = 0

    init(_ app: Application, _ world: TestWorld) async throws {
        let served = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
        try #require(served.status == .ok)
        self.app = app
        self.world = world
        self.checker = try OpenAPIConformance(documentJSON: Data(served.body.readableBytesView))
    }

    /// As `user`, with the token the test world made for them (nil: no token at all).
    @discardableResult
    func call(_ user: UserAccount?, _ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> Reply {
        try await send(token: user.map { world.token($0) }, method, path, body: json)
    }

    /// `path` is relative to /api/v1; a body is sent as `contentType`.
    @discardableResult
    func send(token: String?, _ method: HTTPMethod, _ path: String, body: String? = nil,
              contentType: HTTPMediaType = .json) async throws -> Reply {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if body != nil { headers.contentType = contentType }
        let response = try await app.testing().sendRequest(method, "/api/v1" + path, headers: headers,
                                                           body: body.map { ByteBuffer(string: $0) })
        let data = Data(response.body.readableBytesView)
        let bare = String(path.prefix { $0 != "?" })
        if let template = checker.template(matching: "/api/v1" + bare) {
            violations += checker.violations(path: template, method: method.rawValue.lowercased(), status: Int(response.status.code),
                                             contentType: response.headers.first(name: .contentType) ?? "", body: data)
            checked += 1
        } else {
            violations.append("\(method.rawValue) \(path): not in the document")
        }
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return Reply(response: response, json: json)
    }

    /// Every response so far, success or refusal, is what openapi.yaml says for its path and status.
    func expectConformance() {
        #expect(checked > 0, "no API response was checked")
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }
}

/// What this user did, newest first.
private func auditTrail(_ app: Application, by actor: UserAccount) async throws -> [AuditEntry] {
    try await AuditLog.page(on: app.db, personID: nil, actorID: actor.id, before: nil, limit: 500)
}

fileprivate extension Array where Element == AuditEntry {
    func entry(_ action: String, _ recordType: String, _ recordID: String) -> AuditEntry? {
        first { $0.action == action && $0.recordType == recordType && $0.recordID == recordID }
    }

    func entries(_ action: String) -> [AuditEntry] { filter { $0.action == action } }
}

private func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// An RFC 3339 date-time from the API.
private func instant(_ value: Any?) -> Date? {
    guard let text = value as? String else { return nil }
    return ISO8601DateFormatter().date(from: text)
}

// MARK: - Organisation

@Suite("Going-live API: providers, areas, delivery units and sites")
struct GoLiveOrganisationAPITests {
    @Test("Every new operation needs a valid token: 401 as a problem document, and nothing is written")
    func unauthenticated() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let practitioner = world.user(.practitioner).id
            let calls: [(HTTPMethod, String, String?)] = [
                (.GET, "/providers", nil), (.POST, "/providers", #"{"name":"Nobody's"}"#),
                (.POST, "/areas", #"{"name":"Nowhere","slug":"nowhere"}"#), (.PATCH, "/areas/\(world.areaA.id)", #"{"version":1}"#),
                (.POST, "/areas/\(world.areaA.id)/delivery-units", #"{"name":"Nowhere"}"#),
                (.PATCH, "/delivery-units/\(world.areaA.deliveryUnits[0].id)", #"{"version":1}"#),
                (.POST, "/sites", "{}"), (.PATCH, "/sites/\(world.siteA)", #"{"version":1}"#),
                (.GET, "/users", nil), (.POST, "/users", "{}"), (.GET, "/users/\(practitioner)", nil),
                (.PATCH, "/users/\(practitioner)", #"{"version":1,"active":false}"#),
                (.GET, "/tokens", nil), (.DELETE, "/tokens/\(UUID().uuidString)", nil),
            ]

            for token in [nil, "wmk_not_a_real_token"] {
                for (method, path, body) in calls {
                    let reply = try await api.send(token: token, method, path, body: body)
                    #expect(reply.status == .unauthorized, "\(method.rawValue) \(path)")
                    #expect(reply.isProblem, "\(method.rawValue) \(path)")
                }
            }

            #expect(try await ProviderModel.query(on: app.db).count() == 1)
            #expect(try await AreaModel.query(on: app.db).count() == 2)
            #expect(try await UserRepository.find(id: practitioner, on: app.db)?.active == true)
            api.expectConformance()
        }
    }

    @Test("Providers: listed with their sign-in settings; added with a slug made from the name; a blank name is 422; a coordinator 403")
    func providers() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator), coordinator = world.user(.coordinator)

            let list = try await api.call(admin, .GET, "/providers")

            #expect(list.status == .ok)
            #expect(list["next"] is NSNull)
            #expect(list.items.count == 1)
            let provider = try #require(list.items.first)
            #expect(provider["id"] as? String == world.providerID)
            #expect(provider["name"] as? String == "Test Provider")
            #expect(provider["slug"] as? String == "test")
            #expect(provider["active"] as? Bool == true)
            #expect(provider["sessionIdleMinutes"] as? Int == 30)
            #expect(provider["sessionLifetimeHours"] as? Int == 12)
            #expect(provider["twoStepAllStaff"] as? Bool == false)

            let blank = try await api.call(admin, .POST, "/providers", #"{"name":"   "}"#)
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.isProblem)
            #expect(blank.fields == ["name"])
            let missing = try await api.call(admin, .POST, "/providers", "{}")
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.fields == ["name"])
            #expect(try await ProviderModel.query(on: app.db).count() == 1)

            let created = try await api.call(admin, .POST, "/providers", #"{"name":"Kent, Surrey & Sussex"}"#)

            #expect(created.status == .created)
            let id = try #require(created.id)
            #expect(created["name"] as? String == "Kent, Surrey & Sussex")
            #expect(created["slug"] as? String == "kent-surrey-sussex")
            #expect(created.version == 1)
            #expect(created["active"] as? Bool == true)
            #expect(created["sessionIdleMinutes"] as? Int == 30)
            #expect(created["sessionLifetimeHours"] as? Int == 12)
            #expect(created["twoStepAllStaff"] as? Bool == false)

            // A slug already taken gets the next free one; a name already taken (in any case) is refused.
            let test = try await api.call(admin, .POST, "/providers", #"{"name":"Test"}"#)
            #expect(test.status == .created)
            #expect(test["slug"] as? String == "test-2")
            let again = try await api.call(admin, .POST, "/providers", #"{"name":"kent, surrey & sussex"}"#)
            #expect(again.status == .unprocessableEntity)
            #expect(again.fields == ["name"])
            let listed = try await api.call(admin, .GET, "/providers")
            #expect(Set(listed.listed("name")) == ["Test Provider", "Kent, Surrey & Sussex", "Test"])

            let forbiddenList = try await api.call(coordinator, .GET, "/providers")
            #expect(forbiddenList.status == .forbidden)
            #expect(forbiddenList.isProblem)
            let forbiddenCreate = try await api.call(coordinator, .POST, "/providers", #"{"name":"Coordinator's own"}"#)
            #expect(forbiddenCreate.status == .forbidden)
            #expect(try await ProviderModel.query(on: app.db).count() == 3)

            let trail = try await auditTrail(app, by: admin)
            #expect(trail.entry("provider.create", "provider", id)?.detail == "Kent, Surrey & Sussex")
            #expect(trail.entries("provider.create").count == 2)
            #expect(try await auditTrail(app, by: coordinator).entries("provider.create").isEmpty)
            api.expectConformance()
        }
    }

    @Test("Areas: an administrator adds one with its public contact; every role lists it; its public page shows the contact")
    func createArea() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)

            let created = try await api.call(admin, .POST, "/areas", """
                {"name":"Thurrock","slug":"thurrock","contactName":"Priya Shah","contactEmail":"Thurrock.Team@Example.org",
                 "contactPhone":"01375 652 000","postalAddress":"Probation Office\\n1 High Street\\nGrays RM17 6XX"}
                """)

            #expect(created.status == .created)
            let id = try #require(created.id)
            #expect(created.version == 1)
            #expect(created["providerId"] as? String == world.providerID)
            #expect(created["name"] as? String == "Thurrock")
            #expect(created["slug"] as? String == "thurrock")
            #expect(created["contactName"] as? String == "Priya Shah")
            #expect(created["contactEmail"] as? String == "thurrock.team@example.org")
            #expect(created["contactPhone"] as? String == "01375 652 000")
            #expect(created["postalAddress"] as? String == "Probation Office\n1 High Street\nGrays RM17 6XX")
            #expect(created["active"] as? Bool == true)

            for role in Role.allCases {
                let list = try await api.call(world.user(role), .GET, "/areas")
                #expect(list.status == .ok, "\(role)")
                #expect(list.items.count == 3, "\(role)")
                let listed = list.items.first { $0["id"] as? String == id }
                #expect(listed?["name"] as? String == "Thurrock", "\(role) sees the new area")
                #expect((listed?["deliveryUnits"] as? [Any])?.isEmpty == true)
            }

            let page = try await app.testing().sendRequest(.GET, "/about/thurrock")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Peer mentoring in Thurrock"))
            #expect(html.contains("Priya Shah"))
            #expect(html.contains("thurrock.team@example.org"))
            #expect(html.contains("01375 652 000"))
            let about = try await app.testing().sendRequest(.GET, "/about")
            #expect(about.body.string.contains("href=\"/about/thurrock\""))

            let entry = try await auditTrail(app, by: admin).entry("area.create", "area", id)
            #expect(entry?.detail == "Thurrock (thurrock)")
            api.expectConformance()
        }
    }

    @Test("Areas: a slug already used, or not a slug, is 422 naming slug and nothing is created; a body that is not JSON 415; other roles 403")
    func areaRefusals() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)

            let duplicate = try await api.call(admin, .POST, "/areas", #"{"name":"Essex North","slug":"essex"}"#)
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.isProblem)
            #expect(duplicate.fields == ["slug"])
            #expect(duplicate.message(for: "slug")?.contains("essex") == true)
            // Written another way, it is still the same address.
            let shouted = try await api.call(admin, .POST, "/areas", #"{"name":"Essex North","slug":" ESSEX "}"#)
            #expect(shouted.status == .unprocessableEntity)
            #expect(shouted.fields == ["slug"])
            let notASlug = try await api.call(admin, .POST, "/areas", #"{"name":"Essex North","slug":"Not Valid"}"#)
            #expect(notASlug.status == .unprocessableEntity)
            #expect(notASlug.fields == ["slug"])
            let noName = try await api.call(admin, .POST, "/areas", #"{"slug":"essex-north"}"#)
            #expect(noName.status == .unprocessableEntity)
            #expect(noName.fields == ["name"])
            let badContact = try await api.call(admin, .POST, "/areas",
                                                #"{"name":"Essex North","slug":"essex-north","contactEmail":"not an email","contactPhone":"12"}"#)
            #expect(badContact.status == .unprocessableEntity)
            #expect(badContact.fields == ["contactEmail", "contactPhone"])
            let form = try await api.send(token: world.token(admin), .POST, "/areas", body: "name=Essex+North&slug=essex-north",
                                          contentType: .urlEncodedForm)
            #expect(form.status == .unsupportedMediaType)
            #expect(form.isProblem)

            for user in [world.user(.coordinator), world.user(.practitioner), world.user(.commissioner)] {
                let refused = try await api.call(user, .POST, "/areas", #"{"name":"Essex North","slug":"essex-north"}"#)
                #expect(refused.status == .forbidden, "\(user.role)")
                #expect(refused.isProblem)
            }

            #expect(try await AreaModel.query(on: app.db).count() == 2)
            #expect(try await auditTrail(app, by: admin).entries("area.create").isEmpty)
            api.expectConformance()
        }
    }

    @Test("Areas: PATCH with the current version changes the contact and bumps the version; stale is 409; active false deactivates; unknown 404; other roles 403")
    func updateArea() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)
            let path = "/areas/\(world.areaA.id)"
            let version = try #require(try await OrganisationAdminRepository.findArea(world.areaA.id, on: app.db)).version

            let changed = try await api.call(admin, .PATCH, path, """
                {"version":\(version),"contactName":"Tom Reed","contactPhone":"01268 000 111"}
                """)

            #expect(changed.status == .ok)
            #expect(changed.version == version + 1)
            #expect(changed["contactName"] as? String == "Tom Reed")
            #expect(changed["contactPhone"] as? String == "01268 000 111")
            // Fields left out keep their value.
            #expect(changed["name"] as? String == "Essex")
            #expect(changed["slug"] as? String == "essex")
            #expect(changed["contactEmail"] as? String == "essex@example.org")
            #expect(changed["active"] as? Bool == true)
            let page = try await app.testing().sendRequest(.GET, "/about/essex")
            #expect(page.body.string.contains("Tom Reed"))
            #expect(page.body.string.contains("01268 000 111"))

            let stale = try await api.call(admin, .PATCH, path, #"{"version":\#(version),"contactName":"Overwritten"}"#)
            #expect(stale.status == .conflict)
            #expect(stale.isProblem)
            #expect(stale["title"] as? String == "Stale version")
            let noVersion = try await api.call(admin, .PATCH, path, #"{"contactName":"Overwritten"}"#)
            #expect(noVersion.status == .unprocessableEntity)
            #expect(noVersion.fields == ["version"])
            let takenSlug = try await api.call(admin, .PATCH, path, #"{"version":\#(version + 1),"slug":"swm"}"#)
            #expect(takenSlug.status == .unprocessableEntity)
            #expect(takenSlug.fields == ["slug"])
            let kept = try #require(try await OrganisationAdminRepository.findArea(world.areaA.id, on: app.db))
            #expect(kept.contactName == "Tom Reed")
            #expect(kept.slug == "essex")
            #expect(kept.version == version + 1)

            let deactivated = try await api.call(admin, .PATCH, path, #"{"version":\#(version + 1),"active":false}"#)

            #expect(deactivated.status == .ok)
            #expect(deactivated["active"] as? Bool == false)
            #expect(deactivated.version == version + 2)
            #expect(try await OrganisationAdminRepository.findArea(world.areaA.id, on: app.db)?.active == false)
            // A deactivated area is not offered for new work: no one can be invited into it.
            let invite = try await api.call(admin, .POST, "/users", """
                {"email":"new.starter@example.org","name":"New Starter","role":"practitioner","areaIds":["\(world.areaA.id)"]}
                """)
            #expect(invite.status == .unprocessableEntity)
            #expect(invite.fields == ["areaIds"])

            let unknown = try await api.call(admin, .PATCH, "/areas/\(UUID().uuidString)", #"{"version":1,"contactName":"Nobody"}"#)
            #expect(unknown.status == .notFound)
            #expect(unknown.isProblem)
            #expect(try await api.call(admin, .PATCH, "/areas/not-an-id", #"{"version":1}"#).status == .notFound)
            for user in [world.user(.coordinator), world.user(.practitioner)] {
                let refused = try await api.call(user, .PATCH, path, #"{"version":\#(version + 2),"active":true}"#)
                #expect(refused.status == .forbidden, "\(user.role)")
            }
            #expect(try await OrganisationAdminRepository.findArea(world.areaA.id, on: app.db)?.active == false)

            let updates = try await auditTrail(app, by: admin).entries("area.update").filter { $0.recordID == world.areaA.id }
            #expect(updates.count == 2)
            #expect(updates.contains { $0.detail.contains("Contact name: Coordinator → Tom Reed") })
            #expect(updates.contains { $0.detail.contains("Active: yes → no") })
            api.expectConformance()
        }
    }

    @Test("Delivery units: added to an area; a name the area already has, in any case, is 422; renamed and deactivated; stale is 409")
    func deliveryUnits() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)
            let unitsBefore = try await DeliveryUnitModel.query(on: app.db).count()

            let created = try await api.call(admin, .POST, "/areas/\(world.areaA.id)/delivery-units", #"{"name":"Southend"}"#)

            #expect(created.status == .created)
            let id = try #require(created.id)
            #expect(created["areaId"] as? String == world.areaA.id)
            #expect(created["name"] as? String == "Southend")
            #expect(created["active"] as? Bool == true)
            #expect(created.version == 1)
            let areas = try await api.call(world.user(.practitioner), .GET, "/areas")
            let essex = try #require(areas.items.first { $0["id"] as? String == world.areaA.id })
            let unitNames = (essex["deliveryUnits"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(unitNames) == ["Basildon", "Colchester", "Southend"])

            let shouted = try await api.call(admin, .POST, "/areas/\(world.areaA.id)/delivery-units", #"{"name":"BASILDON"}"#)
            #expect(shouted.status == .unprocessableEntity)
            #expect(shouted.fields == ["name"])
            let again = try await api.call(admin, .POST, "/areas/\(world.areaA.id)/delivery-units", #"{"name":" southend "}"#)
            #expect(again.status == .unprocessableEntity)
            #expect(again.fields == ["name"])
            let blank = try await api.call(admin, .POST, "/areas/\(world.areaA.id)/delivery-units", #"{"name":""}"#)
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.fields == ["name"])
            // Names are unique within an area only.
            let elsewhere = try await api.call(admin, .POST, "/areas/\(world.areaB.id)/delivery-units", #"{"name":"Basildon"}"#)
            #expect(elsewhere.status == .created)
            let nowhere = try await api.call(admin, .POST, "/areas/\(UUID().uuidString)/delivery-units", #"{"name":"Nowhere"}"#)
            #expect(nowhere.status == .notFound)
            #expect(try await DeliveryUnitModel.query(on: app.db).count() == unitsBefore + 2)

            let renamed = try await api.call(admin, .PATCH, "/delivery-units/\(id)", #"{"version":1,"name":"Southend-on-Sea"}"#)
            #expect(renamed.status == .ok)
            #expect(renamed["name"] as? String == "Southend-on-Sea")
            #expect(renamed["active"] as? Bool == true)
            #expect(renamed.version == 2)
            let clash = try await api.call(admin, .PATCH, "/delivery-units/\(id)", #"{"version":2,"name":"colchester"}"#)
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.fields == ["name"])
            let stale = try await api.call(admin, .PATCH, "/delivery-units/\(id)", #"{"version":1,"name":"Southend"}"#)
            #expect(stale.status == .conflict)
            #expect(stale.isProblem)

            let deactivated = try await api.call(admin, .PATCH, "/delivery-units/\(id)", #"{"version":2,"active":false}"#)

            #expect(deactivated.status == .ok)
            #expect(deactivated["active"] as? Bool == false)
            #expect(deactivated["name"] as? String == "Southend-on-Sea")
            #expect(deactivated.version == 3)
            let stored = try #require(try await OrganisationAdminRepository.findUnit(id, on: app.db))
            #expect(stored.name == "Southend-on-Sea")
            #expect(stored.active == false)
            // A deactivated unit is not offered for a new site.
            let site = try await api.call(admin, .POST, "/sites", """
                {"deliveryUnitId":"\(id)","name":"Southend office","address":"1 Victoria Avenue, Southend","postcode":"SS2 6ER"}
                """)
            #expect(site.status == .unprocessableEntity)
            #expect(site.fields == ["deliveryUnitId"])

            #expect(try await api.call(admin, .PATCH, "/delivery-units/\(UUID().uuidString)", #"{"version":1,"name":"X"}"#).status == .notFound)
            let coordinator = world.user(.coordinator)
            #expect(try await api.call(coordinator, .POST, "/areas/\(world.areaA.id)/delivery-units", #"{"name":"Grays"}"#).status == .forbidden)
            #expect(try await api.call(coordinator, .PATCH, "/delivery-units/\(id)", #"{"version":3,"active":true}"#).status == .forbidden)

            let trail = try await auditTrail(app, by: admin)
            #expect(trail.entry("deliveryUnit.create", "deliveryUnit", id) != nil)
            #expect(trail.entry("deliveryUnit.create", "area", world.areaA.id)?.detail == "Delivery unit added: Southend")
            #expect(trail.entries("deliveryUnit.update").filter { $0.recordID == id }.count == 2)
            api.expectConformance()
        }
    }

    @Test("Sites: added to a delivery unit with the postcode written the standard way; moved within its area, never to another")
    func sites() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)
            let basildon = world.areaA.deliveryUnits[0], colchester = world.areaA.deliveryUnits[1]
            #expect(basildon.name == "Basildon" && colchester.name == "Colchester")

            let created = try await api.call(admin, .POST, "/sites", """
                {"deliveryUnitId":"\(basildon.id)","name":"Basildon community hub","address":"12 Town Square, Basildon","postcode":"ss141ab"}
                """)

            #expect(created.status == .created)
            let id = try #require(created.id)
            #expect(created["postcode"] as? String == "SS14 1AB")
            #expect(created["deliveryUnitId"] as? String == basildon.id)
            #expect(created["name"] as? String == "Basildon community hub")
            #expect(created["address"] as? String == "12 Town Square, Basildon")
            #expect(created["active"] as? Bool == true)
            #expect(created.version == 1)
            let sites = try await api.call(world.user(.coordinator), .GET, "/sites")
            #expect(sites.items.contains { $0["id"] as? String == id && $0["areaId"] as? String == world.areaA.id })

            let noUnit = try await api.call(admin, .POST, "/sites", #"{"name":"Hub","address":"1 Road","postcode":"SS14 1AB"}"#)
            #expect(noUnit.status == .unprocessableEntity)
            #expect(noUnit.isProblem)
            #expect(noUnit.fields == ["deliveryUnitId"])
            let unknownUnit = try await api.call(admin, .POST, "/sites", """
                {"deliveryUnitId":"\(UUID().uuidString)","name":"Hub","address":"1 Road","postcode":"SS14 1AB"}
                """)
            #expect(unknownUnit.status == .unprocessableEntity)
            #expect(unknownUnit.fields == ["deliveryUnitId"])
            let badPostcode = try await api.call(admin, .POST, "/sites", """
                {"deliveryUnitId":"\(basildon.id)","name":"Hub","address":"1 Road","postcode":"BASILDON"}
                """)
            #expect(badPostcode.status == .unprocessableEntity)
            #expect(badPostcode.fields == ["postcode"])
            #expect(try await SiteModel.query(on: app.db).count() == 2)

            let moved = try await api.call(admin, .PATCH, "/sites/\(id)", #"{"version":1,"deliveryUnitId":"\#(colchester.id)"}"#)

            #expect(moved.status == .ok)
            #expect(moved["deliveryUnitId"] as? String == colchester.id)
            #expect(moved["postcode"] as? String == "SS14 1AB")
            #expect(moved["name"] as? String == "Basildon community hub")
            #expect(moved.version == 2)

            let away = try await api.call(admin, .PATCH, "/sites/\(id)", #"{"version":2,"deliveryUnitId":"\#(world.areaB.deliveryUnits[0].id)"}"#)
            #expect(away.status == .unprocessableEntity)
            #expect(away.fields == ["deliveryUnitId"])
            let stale = try await api.call(admin, .PATCH, "/sites/\(id)", #"{"version":1,"name":"Renamed"}"#)
            #expect(stale.status == .conflict)
            let stored = try #require(try await OrganisationAdminRepository.findSite(id, on: app.db))
            #expect(stored.deliveryUnitID == colchester.id)
            #expect(stored.name == "Basildon community hub")
            #expect(stored.version == 2)
            #expect(try await api.call(admin, .PATCH, "/sites/\(UUID().uuidString)", #"{"version":1}"#).status == .notFound)
            let refused = try await api.call(world.user(.coordinator), .POST, "/sites", """
                {"deliveryUnitId":"\(basildon.id)","name":"Coordinator's hub","address":"1 Road","postcode":"SS14 1AB"}
                """)
            #expect(refused.status == .forbidden)

            let trail = try await auditTrail(app, by: admin)
            #expect(trail.entry("site.create", "site", id)?.detail == "Basildon community hub, SS14 1AB")
            #expect(trail.entry("site.create", "area", world.areaA.id) != nil)
            #expect(trail.entry("site.update", "site", id)?.detail.contains("Delivery unit: Basildon → Colchester") == true)
            // One on the site, one in its area's history.
            #expect(trail.entries("site.update").count == 2)
            #expect(trail.entry("site.update", "area", world.areaA.id) != nil)
            api.expectConformance()
        }
    }
}

// MARK: - Users

@Suite("Going-live API: users")
struct GoLiveUsersAPITests {
    @Test("POST /users invites: an account with no password, and one invitation email with a single-use link")
    func invite() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)

            let invited = try await api.call(admin, .POST, "/users", """
                {"email":" Nadia.Bell@Example.org ","name":"Nadia Bell","role":"practitioner","areaIds":["\(world.areaA.id)"]}
                """)

            #expect(invited.status == .created)
            let id = try #require(invited.id)
            #expect(invited["email"] as? String == "nadia.bell@example.org")
            #expect(invited["name"] as? String == "Nadia Bell")
            #expect(invited["role"] as? String == "practitioner")
            #expect(invited["areaIds"] as? [String] == [world.areaA.id])
            #expect(invited["invited"] as? Bool == true)
            #expect(invited["active"] as? Bool == true)
            #expect(invited["twoStepEnabled"] as? Bool == false)
            #expect(invited["lastSignInAt"] is NSNull)
            #expect(invited.version == 1)
            let account = try #require(try await UserRepository.find(id: id, on: app.db))
            #expect(account.passwordSet == false)
            #expect(account.canSignIn == false)

            let queued = try await NotificationRepository.pending(limit: 500, on: app.db).filter { $0.recipientID == id }
            #expect(queued.count == 1)
            #expect(queued.first?.kind == "account.invitation")
            #expect(queued.first?.link?.contains("/invitation/") == true)

            let entry = try await auditTrail(app, by: admin).entry("user.invite", "user", id)
            #expect(entry?.detail == "role practitioner, 1 areas")
            api.expectConformance()
        }
    }

    @Test("POST /users refusals: an email in use, an unknown role, a coordinator without areas (422); a coordinator calling (403)")
    func inviteRefusals() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)
            let usersBefore = try await UserModel.query(on: app.db).count()
            let notificationsBefore = try await NotificationModel.query(on: app.db).count()

            let inUse = try await api.call(admin, .POST, "/users", """
                {"email":"Practitioner@Example.org","name":"Someone Else","role":"practitioner","areaIds":["\(world.areaA.id)"]}
                """)
            #expect(inUse.status == .unprocessableEntity)
            #expect(inUse.isProblem)
            #expect(inUse.fields == ["email"])
            let wizard = try await api.call(admin, .POST, "/users", """
                {"email":"merlin@example.org","name":"Merlin","role":"wizard","areaIds":["\(world.areaA.id)"]}
                """)
            #expect(wizard.status == .unprocessableEntity)
            #expect(wizard.fields == ["role"])
            let noAreas = try await api.call(admin, .POST, "/users", """
                {"email":"new.coordinator@example.org","name":"New Coordinator","role":"coordinator","areaIds":[]}
                """)
            #expect(noAreas.status == .unprocessableEntity)
            #expect(noAreas.fields == ["areaIds"])
            let unknownArea = try await api.call(admin, .POST, "/users", """
                {"email":"new.coordinator@example.org","name":"New Coordinator","role":"coordinator","areaIds":["\(UUID().uuidString)"]}
                """)
            #expect(unknownArea.status == .unprocessableEntity)
            #expect(unknownArea.fields == ["areaIds"])
            let form = try await api.send(token: world.token(admin), .POST, "/users", body: "email=x%40example.org", contentType: .urlEncodedForm)
            #expect(form.status == .unsupportedMediaType)

            // Coordinators give mentors a sign-in from the mentor's record; they cannot invite through the API.
            let coordinator = try await api.call(world.user(.coordinator), .POST, "/users", """
                {"email":"new.mentor@example.org","name":"New Mentor","role":"mentor","areaIds":["\(world.areaA.id)"]}
                """)
            #expect(coordinator.status == .forbidden)
            #expect(coordinator.isProblem)

            #expect(try await UserModel.query(on: app.db).count() == usersBefore)
            #expect(try await NotificationModel.query(on: app.db).count() == notificationsBefore)
            #expect(try await auditTrail(app, by: admin).entries("user.invite").isEmpty)
            api.expectConformance()
        }
    }

    @Test("GET /users lists by email a page at a time, following next without repeats; filters by role, area and active; a bad role is 422")
    func list() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)
            _ = try await UserRepository.deactivate(id: world.practitionerA2.id, on: app.db)
            let everyone = try await UserModel.query(on: app.db).all().map(\.email)

            let first = try await api.call(admin, .GET, "/users?limit=2")

            #expect(first.status == .ok)
            #expect(first.items.count == 2)
            let next = try #require(first["next"] as? String)
            let rest = try await api.call(admin, .GET, "/users?cursor=\(percentEncoded(next))")
            #expect(rest.status == .ok)
            #expect(rest["next"] is NSNull)
            let emails = first.listed("email") + rest.listed("email")
            #expect(emails.count == everyone.count)
            #expect(Set(emails).count == emails.count, "no one is listed twice")
            #expect(Set(emails) == Set(everyone))
            if TestDatabase.postgresURL == nil {
                // SQLite compares text byte by byte, as Swift compares ASCII; PostgreSQL's collation may not.
                #expect(emails == everyone.sorted(), "by email")
            }

            // Two at a time to the end.
            var paged: [String] = []
            var cursor: String? = nil
            var pages = 0
            repeat {
                let page = try await api.call(admin, .GET, "/users?limit=2" + (cursor.map { "&cursor=\(percentEncoded($0))" } ?? ""))
                #expect(page.status == .ok)
                #expect(page.items.count <= 2)
                paged += page.listed("email")
                cursor = page["next"] as? String
                pages += 1
            } while cursor != nil && pages < 20
            #expect(paged == emails)

            let practitioners = try await api.call(admin, .GET, "/users?role=practitioner")
            #expect(Set(practitioners.listed("email")) == ["practitioner@example.org", "practitioner2@example.org", "practitionerb@example.org"])
            #expect(practitioners.listed("role").allSatisfy { $0 == "practitioner" })
            let areaB = try await api.call(admin, .GET, "/users?areaId=\(world.areaB.id)")
            #expect(Set(areaB.listed("email")) == ["practitionerb@example.org", "coordinatorb@example.org"])
            let both = try await api.call(admin, .GET, "/users?role=practitioner&areaId=\(world.areaA.id)")
            #expect(Set(both.listed("email")) == ["practitioner@example.org", "practitioner2@example.org"])
            let inactive = try await api.call(admin, .GET, "/users?active=false")
            #expect(inactive.listed("email") == ["practitioner2@example.org"])
            #expect(inactive.items.first?["active"] as? Bool == false)
            let active = try await api.call(admin, .GET, "/users?active=true")
            #expect(active.items.count == everyone.count - 1)

            let badRole = try await api.call(admin, .GET, "/users?role=wizard")
            #expect(badRole.status == .unprocessableEntity)
            #expect(badRole.isProblem)
            #expect(badRole.fields == ["role"])
            let badActive = try await api.call(admin, .GET, "/users?active=sometimes")
            #expect(badActive.status == .unprocessableEntity)
            #expect(badActive.fields == ["active"])
            let badLimit = try await api.call(admin, .GET, "/users?limit=0")
            #expect(badLimit.status == .unprocessableEntity)
            #expect(badLimit.fields == ["limit"])
            #expect(try await api.call(world.user(.coordinator), .GET, "/users").status == .forbidden)
            api.expectConformance()
        }
    }

    @Test("GET /users/{id} is the account; an unknown id is 404; a coordinator 403")
    func read() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator), target = world.user(.practitioner)

            let read = try await api.call(admin, .GET, "/users/\(target.id)")

            #expect(read.status == .ok)
            #expect(read.id == target.id)
            #expect(read["email"] as? String == "practitioner@example.org")
            #expect(read["name"] as? String == "Practitioner")
            #expect(read["role"] as? String == "practitioner")
            #expect(read["areaIds"] as? [String] == [world.areaA.id])
            #expect(read["active"] as? Bool == true)
            #expect(read["invited"] as? Bool == false)
            #expect(read["twoStepEnabled"] as? Bool == false)
            #expect(read.version == 1)

            let unknown = try await api.call(admin, .GET, "/users/\(UUID().uuidString)")
            #expect(unknown.status == .notFound)
            #expect(unknown.isProblem)
            #expect(try await api.call(admin, .GET, "/users/not-an-id").status == .notFound)
            #expect(try await api.call(world.user(.coordinator), .GET, "/users/\(target.id)").status == .forbidden)
            api.expectConformance()
        }
    }

    @Test("PATCH /users/{id} changes role and areas, seen on the user's next call; a stale version is 409; no version 422")
    func changeAccess() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator), target = world.user(.practitioner)
            let before = try await api.call(target, .GET, "/people")
            #expect(Set(before.listed("id")) == [world.personA1.id, world.personA2.id])
            let version = try #require(try await api.call(admin, .GET, "/users/\(target.id)").version)

            let changed = try await api.call(admin, .PATCH, "/users/\(target.id)", """
                {"version":\(version),"role":"coordinator","areaIds":["\(world.areaA.id)","\(world.areaB.id)"]}
                """)

            #expect(changed.status == .ok)
            #expect(changed["role"] as? String == "coordinator")
            #expect(Set(changed["areaIds"] as? [String] ?? []) == [world.areaA.id, world.areaB.id])
            #expect(changed.version == version + 1)
            let stored = try #require(try await UserRepository.find(id: target.id, on: app.db))
            #expect(stored.role == .coordinator)
            #expect(stored.areaIDs == [world.areaA.id, world.areaB.id])
            // The same token, on its next call, works with the new role and areas.
            let after = try await api.call(target, .GET, "/people")
            #expect(after.status == .ok)
            #expect(Set(after.listed("id")) == [world.personA1.id, world.personA2.id, world.personB.id])

            let stale = try await api.call(admin, .PATCH, "/users/\(target.id)", #"{"version":\#(version),"role":"mentor"}"#)
            #expect(stale.status == .conflict)
            #expect(stale.isProblem)
            let noVersion = try await api.call(admin, .PATCH, "/users/\(target.id)", #"{"role":"mentor"}"#)
            #expect(noVersion.status == .unprocessableEntity)
            #expect(noVersion.fields == ["version"])
            #expect(try await UserRepository.find(id: target.id, on: app.db)?.role == .coordinator)
            let coordinator = try await api.call(world.user(.coordinator), .PATCH, "/users/\(target.id)", #"{"version":\#(version + 1),"role":"mentor"}"#)
            #expect(coordinator.status == .forbidden)

            let changes = try await auditTrail(app, by: admin).entries("user.access.change")
            #expect(changes.count == 1)
            #expect(changes.first?.recordID == target.id)
            #expect(changes.first?.detail == "role practitioner → coordinator; areas 1 → 2")
            api.expectConformance()
        }
    }

    @Test("The only administrator cannot be made a coordinator (422 naming role, with the last-administrator message); with a second one they can")
    func lastAdministrator() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)
            let version = try #require(try await api.call(admin, .GET, "/users/\(admin.id)").version)

            let refused = try await api.call(admin, .PATCH, "/users/\(admin.id)", """
                {"version":\(version),"role":"coordinator","areaIds":["\(world.areaA.id)"]}
                """)

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.isProblem)
            #expect(refused.fields == ["role"])
            #expect(refused.message(for: "role") == UserAccountRules.lastAdministratorMessage)
            let unchanged = try #require(try await UserRepository.find(id: admin.id, on: app.db))
            #expect(unchanged.role == .administrator)
            #expect(unchanged.areaIDs.isEmpty)
            #expect(unchanged.version == version)
            #expect(try await auditTrail(app, by: admin).entries("user.access.change").isEmpty)

            // Once someone else is an administrator, the first may step down.
            let colleague = world.coordinatorA2
            let colleagueVersion = try #require(try await api.call(admin, .GET, "/users/\(colleague.id)").version)
            let promoted = try await api.call(admin, .PATCH, "/users/\(colleague.id)", #"{"version":\#(colleagueVersion),"role":"administrator","areaIds":[]}"#)
            #expect(promoted.status == .ok)
            #expect(promoted["role"] as? String == "administrator")
            #expect(promoted["areaIds"] as? [String] == [])
            let steppedDown = try await api.call(admin, .PATCH, "/users/\(admin.id)", """
                {"version":\(version),"role":"coordinator","areaIds":["\(world.areaA.id)"]}
                """)
            #expect(steppedDown.status == .ok)
            #expect(steppedDown["role"] as? String == "coordinator")
            #expect(try await api.call(admin, .GET, "/users").status == .forbidden)
            #expect(try await api.call(colleague, .GET, "/users").status == .ok)
            api.expectConformance()
        }
    }

    @Test("PATCH active false revokes another user's token at once; yourself is 422; active true reopens the account, its old token still revoked")
    func deactivateAndReactivate() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator), other = world.practitionerA2
            #expect(try await api.call(other, .GET, "/areas").status == .ok)
            let version = try #require(try await api.call(admin, .GET, "/users/\(other.id)").version)

            let deactivated = try await api.call(admin, .PATCH, "/users/\(other.id)", #"{"version":\#(version),"active":false}"#)

            #expect(deactivated.status == .ok)
            #expect(deactivated["active"] as? Bool == false)
            #expect(deactivated.version == version + 1)
            let locked = try await api.call(other, .GET, "/areas")
            #expect(locked.status == .unauthorized)
            #expect(locked.isProblem)
            #expect(try await APITokenRepository.list(userID: other.id, on: app.db).isEmpty)
            let entry = try await auditTrail(app, by: admin).entry("user.deactivate", "user", other.id)
            #expect(entry?.detail == "1 API tokens revoked")

            let mine = try #require(try await api.call(admin, .GET, "/users/\(admin.id)").version)
            let myself = try await api.call(admin, .PATCH, "/users/\(admin.id)", #"{"version":\#(mine),"active":false}"#)
            #expect(myself.status == .unprocessableEntity)
            #expect(myself.fields == ["active"])
            #expect(try await UserRepository.find(id: admin.id, on: app.db)?.active == true)
            #expect(try await api.call(admin, .GET, "/users").status == .ok)

            let stale = try await api.call(admin, .PATCH, "/users/\(other.id)", #"{"version":\#(version),"active":true}"#)
            #expect(stale.status == .conflict)
            #expect(try await UserRepository.find(id: other.id, on: app.db)?.active == false)

            let reactivated = try await api.call(admin, .PATCH, "/users/\(other.id)", #"{"version":\#(version + 1),"active":true}"#)

            #expect(reactivated.status == .ok)
            #expect(reactivated["active"] as? Bool == true)
            #expect(reactivated.version == version + 2)
            #expect(try await UserRepository.find(id: other.id, on: app.db)?.active == true)
            // Reopened, not restored: the revoked token stays revoked.
            #expect(try await api.call(other, .GET, "/areas").status == .unauthorized)
            #expect(try await auditTrail(app, by: admin).entry("user.reactivate", "user", other.id) != nil)
            api.expectConformance()
        }
    }
}

// MARK: - Tokens

@Suite("Going-live API: tokens")
struct GoLiveTokensAPITests {
    @Test("GET /tokens lists only the caller's tokens, never the secrets; the world's token is 'API token', expiring 90 days after it was made")
    func listOwn() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let practitioner = world.user(.practitioner), coordinator = world.user(.coordinator)
            let extra = try await APITokenRepository.create(for: practitioner.id, name: "Reporting script",
                                                            expiresAt: world.clock.now.addingTimeInterval(30 * 86_400), on: app.db)
            let someoneElses = try await APITokenRepository.create(for: coordinator.id, name: "Coordinator's script",
                                                                   expiresAt: world.clock.now.addingTimeInterval(30 * 86_400), on: app.db)

            let list = try await api.call(practitioner, .GET, "/tokens")

            #expect(list.status == .ok)
            #expect(list["next"] is NSNull)
            #expect(list.items.count == 2)
            #expect(list.listed("userId").allSatisfy { $0 == practitioner.id })
            #expect(Set(list.listed("name")) == ["API token", "Reporting script"])
            #expect(!list.listed("id").contains(someoneElses.record.id))
            let stored = Set(try await APITokenRepository.list(userID: practitioner.id, on: app.db).map(\.id))
            #expect(Set(list.listed("id")) == stored)
            let body = list.response.body.string
            #expect(!body.contains(world.token(practitioner)))
            #expect(!body.contains(extra.token))
            let worldToken = try #require(list.items.first { $0["name"] as? String == "API token" })
            let createdAt = try #require(instant(worldToken["createdAt"]))
            let expiresAt = try #require(instant(worldToken["expiresAt"]))
            #expect(abs(expiresAt.timeIntervalSince(createdAt) - 90 * 86_400) < 60)

            let admins = try await api.call(world.user(.administrator), .GET, "/tokens")
            #expect(admins.items.count == 1)
            #expect(admins.listed("userId") == [world.user(.administrator).id])
            api.expectConformance()
        }
    }

    @Test("DELETE /tokens/{id} of your own is 204 and the token stops at once, even the one you call with")
    func revokeOwn() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let practitioner = world.user(.practitioner)
            let extra = try await APITokenRepository.create(for: practitioner.id, name: "Old script",
                                                            expiresAt: world.clock.now.addingTimeInterval(30 * 86_400), on: app.db)
            #expect(try await api.send(token: extra.token, .GET, "/areas").status == .ok)

            let revoked = try await api.call(practitioner, .DELETE, "/tokens/\(extra.record.id)")

            #expect(revoked.status == .noContent)
            #expect(revoked.response.body.readableBytes == 0)
            #expect(try await api.send(token: extra.token, .GET, "/areas").status == .unauthorized)
            #expect(try await APITokenRepository.find(id: extra.record.id, on: app.db) == nil)

            let own = try #require(try await APITokenRepository.list(userID: practitioner.id, on: app.db).first)
            let last = try await api.call(practitioner, .DELETE, "/tokens/\(own.id)")
            #expect(last.status == .noContent)
            let after = try await api.call(practitioner, .GET, "/tokens")
            #expect(after.status == .unauthorized)
            #expect(after.isProblem)

            let trail = try await auditTrail(app, by: practitioner)
            #expect(trail.entry("token.revoke", "apiToken", extra.record.id)?.detail == "own")
            #expect(trail.entry("token.revoke", "apiToken", own.id)?.detail == "own")
            api.expectConformance()
        }
    }

    @Test("DELETE of someone else's token: 404 for anyone but an administrator, and the token still works; 204 for an administrator")
    func revokeOthers() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let victim = world.practitionerA2, admin = world.user(.administrator)
            let tokenID = try #require(try await APITokenRepository.list(userID: victim.id, on: app.db).first?.id)

            for user in [world.user(.coordinator), world.user(.practitioner), world.user(.mentor)] {
                let refused = try await api.call(user, .DELETE, "/tokens/\(tokenID)")
                #expect(refused.status == .notFound, "\(user.role)")
                #expect(refused.isProblem)
                #expect(try await auditTrail(app, by: user).entries("token.revoke").isEmpty)
            }
            #expect(try await api.call(victim, .GET, "/areas").status == .ok)
            #expect(try await APITokenRepository.find(id: tokenID, on: app.db) != nil)
            #expect(try await api.call(world.user(.coordinator), .DELETE, "/tokens/\(UUID().uuidString)").status == .notFound)

            let revoked = try await api.call(admin, .DELETE, "/tokens/\(tokenID)")

            #expect(revoked.status == .noContent)
            #expect(try await api.call(victim, .GET, "/areas").status == .unauthorized)
            #expect(try await APITokenRepository.find(id: tokenID, on: app.db) == nil)
            #expect(try await auditTrail(app, by: admin).entry("token.revoke", "apiToken", tokenID)?.detail == "user \(victim.id)")
            #expect(try await api.call(admin, .DELETE, "/tokens/\(UUID().uuidString)").status == .notFound)
            #expect(try await api.call(admin, .GET, "/tokens").status == .ok, "the administrator's own token is untouched")
            api.expectConformance()
        }
    }
}

// MARK: - Found while writing these tests

/// Behaviour openapi.yaml (or the code's own comments) promise that the code did not have when
/// these tests were written. Each test names what it expects; see the report that came with them.
@Suite("Going-live API: documented behaviour still to be met")
struct GoLiveAPIFindingsTests {
    @Test("A deactivated area is not shown on the public pages (openapi.yaml, PATCH /areas/{areaId})")
    func deactivatedAreaIsNotPublic() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let version = try #require(try await OrganisationAdminRepository.findArea(world.areaB.id, on: app.db)).version
            #expect(try await app.testing().sendRequest(.GET, "/about/swm").status == .ok)

            let deactivated = try await api.call(world.user(.administrator), .PATCH, "/areas/\(world.areaB.id)",
                                                 #"{"version":\#(version),"active":false}"#)

            #expect(deactivated.status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/about/swm").status == .notFound)
            let about = try await app.testing().sendRequest(.GET, "/about")
            #expect(!about.body.string.contains("href=\"/about/swm\""))
            api.expectConformance()
        }
    }

    @Test("A PATCH refused because it would deactivate the caller changes nothing, even when it also sends role and areas")
    func refusedSelfDeactivationChangesNothing() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let admin = world.user(.administrator)
            let version = try #require(try await api.call(admin, .GET, "/users/\(admin.id)").version)

            let refused = try await api.call(admin, .PATCH, "/users/\(admin.id)",
                                             #"{"version":\#(version),"role":"administrator","areaIds":[],"active":false}"#)

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.fields == ["active"])
            #expect(try await UserRepository.find(id: admin.id, on: app.db)?.version == version, "a refused change leaves the version alone")
            #expect(try await auditTrail(app, by: admin).entries("user.access.change").isEmpty, "nothing changed, so nothing is audited")
            api.expectConformance()
        }
    }

    /// The id in the path is compared as a string with the stored (upper-case) ids: the area's own
    /// slug then counts as "another area's", and the audit entry is filed under the lower-case id.
    @Test("PATCH /areas/{areaId} with the id in lower case saves, and the change is in the area's history (ids are UUIDs, whatever their case)")
    func historyWhateverTheIdCase() async throws {
        try await withWaymark { app, world in
            let api = try await CheckedAPI(app, world)
            let version = try #require(try await OrganisationAdminRepository.findArea(world.areaA.id, on: app.db)).version

            let changed = try await api.call(world.user(.administrator), .PATCH, "/areas/\(world.areaA.id.lowercased())",
                                             #"{"version":\#(version),"contactName":"Tom Reed"}"#)

            #expect(changed.status == .ok)
            #expect(changed.id == world.areaA.id)
            let history = try await AuditLog.history(recordType: "area", recordID: world.areaA.id, limit: 50, on: app.db)
            #expect(history.contains { $0.action == "area.update" }, "the area's history page reads entries by the area's id")
            api.expectConformance()
        }
    }
}
