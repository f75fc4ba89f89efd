import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkWeb
@testable import WaymarkStore

@Suite("Sign-in, sessions and CSRF")
struct SignInTests {
    @Test("A user signs in with the right password and sees their home page")
    func signInAndHome() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Welcome, Coordinator"))
            #expect(home.body.string.contains("Sign out"))
        }
    }

    @Test("Pages need a signed-in user and send others to the sign-in page")
    func redirectsAnonymous() async throws {
        try await withWaymark { app, _ in
            var browser = Browser(app)
            let response = try await browser.get("/people")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location)?.hasPrefix("/sign-in?next=") == true)
        }
    }

    @Test("A wrong password and an unknown email get the same message")
    func sameMessageForUnknownAccount() async throws {
        try await withWaymark { app, _ in
            var browser = Browser(app)
            try await browser.get("/sign-in")
            let wrong = try await browser.post("/sign-in", [("email", "coordinator@example.org"), ("password", "not the password")])
            let unknown = try await browser.post("/sign-in", [("email", "nobody@example.org"), ("password", "not the password")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(unknown.status == .unprocessableEntity)
            #expect(wrong.body.string.contains(SignInPages.genericError))
            #expect(unknown.body.string.contains(SignInPages.genericError))
            #expect(wrong.body.string.contains("<title>Error: Sign in – Waymark</title>"))
        }
    }

    @Test("Five failures slow the account name down (30 seconds, then longer), whether or not it exists; none locks it for long")
    func throttling() async throws {
        try await withWaymark { app, world in
            for email in ["coordinator@example.org", "ghost@example.org"] {
                var browser = Browser(app)
                try await browser.get("/sign-in")
                for _ in 1...5 {
                    try await browser.post("/sign-in", [("email", email), ("password", "wrong wrong wrong")])
                }
                let slowed = try await browser.post("/sign-in", [("email", email), ("password", TestWorld.password)])
                #expect(slowed.status == .tooManyRequests)
                #expect(slowed.body.string.contains("too many attempts to sign in. Wait 30 seconds"))
            }
            world.clock.advance(by: 31)
            // After the short wait the real password works: no fifteen-minute lockout to exploit.
            _ = try await Browser.signedIn(app, as: "coordinator@example.org")
        }
    }

    @Test("An office of people signing in from one address is never slowed: only failures count against it")
    func successesDoNotCountAgainstTheAddress() async throws {
        try await withWaymark { app, _ in
            for round in 1...25 {
                let email = ["coordinator@example.org", "practitioner@example.org", "facilitator@example.org"][round % 3]
                var browser = Browser(app)
                try await browser.get("/sign-in")
                let signedIn = try await browser.post("/sign-in", [("email", email), ("password", TestWorld.password)])
                #expect(signedIn.status == .seeOther, "sign-in \(round)")
            }
            let address = try await UserRepository.throttle(for: "address:unknown", on: app.db)
            #expect(address.failures == 0)
        }
    }

    @Test("Sign-in gives a fresh session id, and the cookie is HttpOnly and SameSite=Lax")
    func sessionFixationAndCookie() async throws {
        try await withWaymark { app, _ in
            var browser = Browser(app)
            let form = try await browser.get("/sign-in")
            let before = browser.cookie
            #expect(before != nil)
            let setCookie = form.headers.first(name: .setCookie) ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.lowercased().contains("samesite=lax"))
            try await browser.post("/sign-in", [("email", "coordinator@example.org"), ("password", TestWorld.password)])
            #expect(browser.cookie != nil)
            #expect(browser.cookie != before)
        }
    }

    @Test("State-changing forms without the CSRF token are refused")
    func csrf() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            let fields = [("firstName", "Ann"), ("lastName", "Other")]
            let missing = try await browser.post("/people/new", fields, includeCSRF: false)
            #expect(missing.status == .forbidden)
            #expect(missing.body.string.contains("Your form could not be sent"))
            let wrong = try await browser.post("/people/new", fields, csrf: "forged")
            #expect(wrong.status == .forbidden)
        }
    }

    @Test("Signing out ends the session")
    func signOut() async throws {
        try await withWaymark { app, _ in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            let out = try await browser.post("/sign-out", [])
            #expect(out.status == .seeOther)
            let after = try await browser.get("/")
            #expect(after.status == .seeOther)
        }
    }

    @Test("Every response carries the security headers, with a CSP that forbids inline script")
    func securityHeaders() async throws {
        try await withWaymark { app, _ in
            var browser = Browser(app)
            let page = try await browser.get("/sign-in")
            let csp = try #require(page.headers.first(name: "Content-Security-Policy"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("default-src 'self'"))
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(page.body.string.contains("<html lang=\"en-GB\""))
            #expect(page.body.string.contains("href=\"#main-content\""))
        }
    }

    @Test("Health, readiness and metrics answer")
    func operations() async throws {
        try await withWaymark { app, _ in
            try await app.testing().test(.GET, "/healthz") { #expect($0.status == .ok) }
            try await app.testing().test(.GET, "/readyz") { #expect($0.status == .ok) }
            try await app.testing().test(.GET, "/metrics") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("http_requests_total"))
            }
        }
    }
}

@Suite("Sign-in hardening")
struct SignInHardeningTests {
    @Test("After sign-in, only same-site plain paths are followed", arguments: [
        ("/people", "/people"), ("//evil.example/", "/"), ("/\t/evil.example/", "/"), ("/\\evil.example", "/"),
        ("https://evil.example/", "/"), ("/%09/evil.example", "/%09/evil.example"),
    ])
    func safeNext(next: String, expected: String) async throws {
        try await withWaymark { app, _ in
            var browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", [("email", "coordinator@example.org"), ("password", TestWorld.password), ("next", next)])
            #expect(response.headers.first(name: .location) == expected)
        }
    }

    @Test("Parallel wrong guesses cannot get past the limit, and none is a server error")
    func parallelGuesses() async throws {
        try await withWaymark { app, _ in
            var browser = Browser(app)
            try await browser.get("/sign-in")
            let cookie = browser.cookie!, csrf = browser.csrf!
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        var headers = HTTPHeaders()
                        headers.add(name: .cookie, value: "waymark-session=\(cookie)")
                        headers.contentType = .urlEncodedForm
                        let body = "email=coordinator%40example.org&password=wrong-guess-123&_csrf=" + Browser.encode(csrf)
                        return try await app.testing().sendRequest(.POST, "/sign-in", headers: headers, body: ByteBuffer(string: body)).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 422 || $0 == 429 })
            #expect(statuses.filter { $0 == 422 }.count == 5, "only the five free guesses are answered; the rest must wait")
            let key = SignInThrottling(email: "coordinator@example.org", address: "unknown").accountAtAddressKey
            let throttle = try await UserRepository.throttle(for: key, on: app.db)
            #expect(throttle.failures == 5)
            #expect(throttle.isLocked(now: TestWorld.start))
        }
    }
}
