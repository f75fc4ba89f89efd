import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkWeb

/// A signed-in browser for page tests: keeps the session cookie and the CSRF token.
struct Browser {
    let app: Application
    var cookie: String?
    var csrf: String?

    init(_ app: Application) { self.app = app }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end]).replacingOccurrences(of: "&#43;", with: "+")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
    }

    mutating func remember(_ response: TestingHTTPResponse) {
        if let set = response.headers.setCookie?["waymark-session"] { cookie = set.string }
        let html = response.body.string
        if let token = Self.csrfToken(in: html) { csrf = token }
    }

    @discardableResult
    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: "waymark-session=\(cookie)") }
        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
        remember(response)
        return response
    }

    /// Posts a form with the session's CSRF token unless `csrf` says otherwise.
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)], csrf override: String? = nil,
                       includeCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: "waymark-session=\(cookie)") }
        headers.contentType = .urlEncodedForm
        var all = fields
        if includeCSRF, let token = override ?? csrf { all.append(("_csrf", token)) }
        let body = all.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// Signs in through the real form.
    static func signedIn(_ app: Application, as email: String, password: String = TestWorld.password) async throws -> Browser {
        var browser = Browser(app)
        try await browser.get("/sign-in")
        let response = try await browser.post("/sign-in", [("email", email), ("password", password)])
        #expect(response.status == .seeOther || response.status == .found, "sign-in as \(email) should redirect")
        // Sign-in starts a new session with a new CSRF token, as a browser would pick up on the next page.
        try await browser.get("/")
        return browser
    }
}

/// Helpers for JSON API calls with a bearer token.
struct APIClient {
    let app: Application
    let token: String?

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if json != nil { headers.contentType = .json }
        return try await app.testing().sendRequest(method, "/api/v1" + path, headers: headers,
                                                   body: json.map { ByteBuffer(string: $0) })
    }

    func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }
}
