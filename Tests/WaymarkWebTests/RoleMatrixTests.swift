import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Walks every route that names a capability, as every role, and compares the answer with
/// the policy table: a role the table refuses gets 403; a role it permits never does.
@Suite("Role policy matrix")
struct RoleMatrixTests {
    @Test("Every route × every role matches Policy.table")
    func matrix() async throws {
        try await withWaymark { app, world in
            let routes = app.routes.all.filter { $0.userInfo["capability"] != nil }
            #expect(routes.count >= 20, "all capability routes are found")
            var browsers: [Role: Browser] = [:]
            for role in Role.allCases {
                browsers[role] = try await Browser.signedIn(app, as: world.user(role).email)
            }
            let tokenID = try #require(try await APITokenRepository.list(userID: world.practitionerB.id, on: app.db).first).id
            var mismatches: [String] = []
            for route in routes {
                let capability = try #require(Capability(rawValue: route.userInfo["capability"] as! String))
                let path = "/" + route.path.map { component -> String in
                    switch component.description {
                    case ":personID": world.personA1.id
                    case ":orderID": world.orderA1.id
                    case ":mentorID": world.mentorA1.id
                    case ":cohortID": world.cohortA.id
                    case ":expenseID": world.expenseA1.id
                    case ":providerID": world.providerID
                    case ":referralID": world.referralA2.id
                    case ":matchID": world.matchA2.id
                    case ":contactID": world.contactA2.id
                    case ":sessionID": world.sessionA.id
                    case ":interventionID": world.interventionTH.id
                    case ":facilitatorID": world.facilitatorA.id
                    case ":attendanceID": world.attendanceA1.id
                    case ":siteID": world.siteA
                    case ":caseStudyID": world.caseStudyA1.id
                    // An account no role's browser here signs in as, so deactivating it spoils nothing.
                    case ":userID": world.practitionerB.id
                    case ":tokenID": tokenID
                    case ":areaID": world.areaA.id
                    case ":deliveryUnitID": world.areaA.deliveryUnits[0].id
                    default: component.description
                    }
                }.joined(separator: "/")
                for role in Role.allCases {
                    let status: HTTPStatus
                    if path.hasPrefix("/api/") {
                        let api = APIClient(app: app, token: world.token(world.user(role)))
                        status = try await api.send(route.method, String(path.dropFirst("/api/v1".count)),
                                                    json: route.method == .GET ? nil : "{}").status
                    } else if route.method == .GET {
                        status = try await browsers[role]!.get(path).status
                    } else {
                        status = try await browsers[role]!.post(path, []).status
                    }
                    let permitted = Policy.permits(role, capability)
                    if permitted == (status == .forbidden) || status.code >= 500 {
                        mismatches.append("\(route.method) \(path) as \(role): \(status.code) (policy permits: \(permitted))")
                    }
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        }
    }

    @Test("Every signed-in page and API route is guarded by a capability")
    func noUnguardedRoutes() async throws {
        try await withWaymark { app, _ in
            let public_ = ["/healthz", "/readyz", "/metrics", "/sign-in", "/sign-out", "/about", "/about/:area", "/api/v1/openapi.json", "/calendar/:token",
                           "/sign-in/two-step", "/forgotten-password", "/reset-password/:linkToken", "/invitation/:linkToken"]
            let unguarded = app.routes.all.filter { $0.userInfo["capability"] == nil }
                .map { "/" + $0.path.map(\.description).joined(separator: "/") }
                .filter { !public_.contains($0) }
            #expect(unguarded.isEmpty, "unguarded: \(unguarded)")
        }
    }
}
