import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkWeb

/// Refusals are responses too: a 404 page with a name on it, or a problem document, must be as
/// hard to frame, sniff or cache as the page it stands in for.
@Suite("Error responses carry the security headers")
struct ErrorHeadersTests {
    static func expectHeaders(_ response: TestingHTTPResponse, _ what: String) {
        #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, "\(what): CSP")
        #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(what): X-Frame-Options")
        #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(what): nosniff")
        #expect(response.headers.first(name: .cacheControl) == "no-store", "\(what): no-store")
    }

    @Test("401, 403, 404, 409 and 422, as pages and as problem documents")
    func everyErrorStatus() async throws {
        try await withWaymark { app, world in
            let anonymous = APIClient(app: app, token: nil)
            let unauthorised = try await anonymous.send(.GET, "/people")
            #expect(unauthorised.status == .unauthorized)
            Self.expectHeaders(unauthorised, "401 problem")

            let commissioner = APIClient(app: app, token: world.token(world.user(.commissioner)))
            let forbidden = try await commissioner.send(.GET, "/people")
            #expect(forbidden.status == .forbidden)
            Self.expectHeaders(forbidden, "403 problem")

            let coordinator = APIClient(app: app, token: world.token(world.user(.coordinator)))
            let missing = try await coordinator.send(.GET, "/people/\(UUID().uuidString)")
            #expect(missing.status == .notFound)
            Self.expectHeaders(missing, "404 problem")

            let invalid = try await coordinator.send(.POST, "/people", json: "{}")
            #expect(invalid.status == .unprocessableEntity)
            Self.expectHeaders(invalid, "422 problem")

            let stale = try await coordinator.send(.PATCH, "/people/\(world.personA1.id)", json: #"{"version": 999, "firstName": "Ann"}"#)
            #expect(stale.status == .conflict)
            Self.expectHeaders(stale, "409 problem")

            var browser = try await Browser.signedIn(app, as: "commissioner@example.org")
            let forbiddenPage = try await browser.get("/people")
            #expect(forbiddenPage.status == .forbidden)
            Self.expectHeaders(forbiddenPage, "403 page")
            let notFoundPage = try await browser.get("/no-such-page")
            #expect(notFoundPage.status == .notFound)
            Self.expectHeaders(notFoundPage, "404 page")
        }
    }
}

@Suite("Who may read the metrics")
struct MetricsAccessTests {
    @Test("With a token configured, /metrics answers only with it; anyone else is told there is nothing there")
    func tokenGuardsMetrics() async throws {
        try await withWaymark { app, _ in
            try await app.testing().test(.GET, "/metrics") { #expect($0.status == .ok, "open by default") }
            app.waymark.metricsAccess = MetricsAccess(token: "scrape-secret-123")
            try await app.testing().test(.GET, "/metrics") { #expect($0.status == .notFound) }
            var wrong = HTTPHeaders()
            wrong.bearerAuthorization = BearerAuthorization(token: "scrape-secret-124")
            try await app.testing().test(.GET, "/metrics", headers: wrong) { #expect($0.status == .notFound) }
            var right = HTTPHeaders()
            right.bearerAuthorization = BearerAuthorization(token: "scrape-secret-123")
            try await app.testing().test(.GET, "/metrics", headers: right) { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "plain")
            }
            app.waymark.metricsAccess = MetricsAccess(allowedAddresses: ["192.0.2.10"])
            try await app.testing().test(.GET, "/metrics") { #expect($0.status == .notFound, "not from an allowed address") }
        }
    }
}
