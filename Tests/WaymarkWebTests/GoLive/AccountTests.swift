import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Your account: password and signing out everywhere")
struct AccountPasswordTests {
    @Test("Changing your password needs your current one, named on the form when it is wrong")
    func wrongCurrentPassword() async throws {
        try await withWaymark { app, _ in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await browser.get("/account")
            let refused = try await browser.post("/account/password", [("currentPassword", "not my password"), ("password", GoLive.newPassword),
                                                                        ("confirmPassword", GoLive.newPassword)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Your current password is not right"))
            #expect(refused.body.string.contains("id=\"currentPassword-error\""))
            #expect(refused.body.string.contains("href=\"#currentPassword\""))
            _ = try await Browser.signedIn(app, as: "coordinator@example.org")
        }
    }

    @Test("A new password on the list of common or leaked passwords is refused")
    func listedPassword() async throws {
        try await withWaymark { app, _ in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await browser.get("/account")
            let refused = try await browser.post("/account/password", [("currentPassword", TestWorld.password), ("password", "password1234"),
                                                                        ("confirmPassword", "password1234")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("This password is on a list of passwords that are often used or have been leaked"))
            #expect(refused.body.string.contains("id=\"password-error\""))
        }
    }

    @Test("The new password typed twice must match")
    func mismatch() async throws {
        try await withWaymark { app, _ in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await browser.get("/account")
            let refused = try await browser.post("/account/password", [("currentPassword", TestWorld.password), ("password", GoLive.newPassword),
                                                                        ("confirmPassword", GoLive.newPassword + "s")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("The passwords do not match"))
            #expect(refused.body.string.contains("id=\"confirmPassword-error\""))
            // Nothing changed: the old password still works.
            _ = try await Browser.signedIn(app, as: "coordinator@example.org")
        }
    }

    @Test("Changing your password signs you out everywhere else, keeps you signed in here, and the old password stops working")
    func changePassword() async throws {
        try await withWaymark { app, world in
            var here = try await Browser.signedIn(app, as: "coordinator@example.org")
            var elsewhere = try await Browser.signedIn(app, as: "coordinator@example.org")
            world.clock.advance(by: 60)

            try await here.get("/account")
            let changed = try await here.post("/account/password", [("currentPassword", TestWorld.password), ("password", GoLive.newPassword),
                                                                     ("confirmPassword", GoLive.newPassword)])

            #expect(changed.status == .seeOther)
            #expect(GoLive.location(changed) == "/account")
            let account = try await here.get("/account")
            #expect(account.status == .ok)
            #expect(account.body.string.contains("Your password has been changed. You have been signed out everywhere else."))
            #expect(try await here.get("/people").status == .ok, "this browser stays signed in")

            let other = try await elsewhere.get("/people")
            #expect(other.status == .seeOther)
            #expect(GoLive.location(other) == "/sign-in?ended=signedOutEverywhere")

            var old = Browser(app)
            let oldPassword = try await GoLive.enterPassword(&old, "coordinator@example.org")
            #expect(oldPassword.status == .unprocessableEntity)
            #expect(oldPassword.body.string.contains(SignInPages.genericError))
            _ = try await Browser.signedIn(app, as: "coordinator@example.org", password: GoLive.newPassword)

            let history = try await AuditLog.history(recordType: "user", recordID: world.user(.coordinator).id, limit: 20, on: app.db)
            #expect(history.contains { $0.action == "user.password.change" && $0.actorID == world.user(.coordinator).id })
        }
    }

    @Test("Signing out everywhere needs the box ticked, then ends this session and every other")
    func signOutEverywhere() async throws {
        try await withWaymark { app, world in
            var here = try await Browser.signedIn(app, as: "practitioner@example.org")
            var elsewhere = try await Browser.signedIn(app, as: "practitioner@example.org")
            world.clock.advance(by: 60)
            try await here.get("/account")

            let unticked = try await here.post("/account/sign-out-everywhere", [])
            #expect(unticked.status == .unprocessableEntity)
            #expect(unticked.body.string.contains("Confirm that you want to sign out of every session"))
            #expect(unticked.body.string.contains("id=\"confirm-error\""))
            #expect(try await elsewhere.get("/people").status == .ok, "nothing ended without the box ticked")

            let ticked = try await here.post("/account/sign-out-everywhere", [("confirm[]", "yes")])
            #expect(ticked.status == .seeOther)
            #expect(GoLive.location(ticked) == "/sign-in?ended=signedOutEverywhere")

            let hereAfter = try await here.get("/people")
            #expect(hereAfter.status == .seeOther)
            #expect(GoLive.location(hereAfter)?.hasPrefix("/sign-in") == true)
            let elsewhereAfter = try await elsewhere.get("/people")
            #expect(elsewhereAfter.status == .seeOther)
            #expect(GoLive.location(elsewhereAfter) == "/sign-in?ended=signedOutEverywhere")

            var message = Browser(app)
            let page = try await message.get("/sign-in?ended=signedOutEverywhere")
            #expect(page.body.string.contains("someone chose to sign out everywhere"))
        }
    }
}

@Suite("Your account: how long a session lasts")
struct AccountSessionTests {
    @Test("After 30 minutes without using Waymark you are signed out and told why")
    func idle() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            world.clock.advance(by: 31 * 60)

            let page = try await browser.get("/people")

            #expect(page.status == .seeOther)
            #expect(GoLive.location(page) == "/sign-in?ended=idle")
            #expect(try await browser.get("/people").status == .seeOther, "the session is gone, not just the one page")
            let signIn = try await browser.get("/sign-in?ended=idle")
            #expect(signIn.body.string.contains("You were signed out because you had not used Waymark for a while"))
        }
    }

    @Test("Using Waymark within 30 minutes keeps you signed in")
    func activityKeepsSession() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            for _ in 1...3 {
                world.clock.advance(by: 25 * 60)
                #expect(try await browser.get("/people").status == .ok)
            }
        }
    }

    @Test("Even a busy session ends after 12 hours")
    func lifetime() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            // A page every 29 minutes: never idle. 24 × 29 minutes is 11 h 36 min.
            for _ in 1...24 {
                world.clock.advance(by: 29 * 60)
                #expect(try await browser.get("/people").status == .ok)
            }
            world.clock.advance(by: 29 * 60)

            let page = try await browser.get("/people")

            #expect(page.status == .seeOther)
            #expect(GoLive.location(page) == "/sign-in?ended=lifetime")
        }
    }

    @Test("A provider's idle timeout of 10 minutes applies to its staff")
    func providerIdleSetting() async throws {
        try await withWaymark { app, world in
            let provider = try #require(try await OrganisationAdminRepository.findProvider(world.providerID, on: app.db))
            _ = try await OrganisationAdminRepository.updateSecurity(providerID: world.providerID,
                                                                     session: SessionLifetime(idleMinutes: 10, lifetimeHours: 12),
                                                                     twoStepAllStaff: false, expectedVersion: provider.version, on: app.db)
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            world.clock.advance(by: 9 * 60)
            #expect(try await browser.get("/people").status == .ok)

            world.clock.advance(by: 11 * 60)
            let page = try await browser.get("/people")

            #expect(page.status == .seeOther)
            #expect(GoLive.location(page) == "/sign-in?ended=idle")
        }
    }

    @Test("Asking how long is left does not itself keep the session alive")
    func sessionStatusDoesNotExtend() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            world.clock.advance(by: 20 * 60)

            let status = try await browser.get("/account/session")

            #expect(status.status == .ok)
            let body = try GoLive.json(status)
            #expect(body["secondsLeft"] as? Int == 10 * 60)
            #expect(body["warnAt"] as? Int == SessionLifetime.warningSeconds)
            world.clock.advance(by: 11 * 60)
            let page = try await browser.get("/people")
            #expect(page.status == .seeOther)
            #expect(GoLive.location(page) == "/sign-in?ended=idle")
        }
    }

    @Test("Choosing to stay signed in starts the 30 minutes again")
    func staySignedIn() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            world.clock.advance(by: 28 * 60)

            let extended = try await browser.post("/account/session/extend", [])
            #expect(extended.status == .seeOther)
            world.clock.advance(by: 28 * 60)

            let status = try GoLive.json(try await browser.get("/account/session"))
            #expect(status["secondsLeft"] as? Int == 2 * 60)
            #expect(try await browser.get("/people").status == .ok)
        }
    }
}

@Suite("Your account: API tokens")
struct AccountTokenTests {
    /// Makes a token through the account page; returns the page and the token shown on it.
    static func create(_ browser: inout Browser, name: String, days: String) async throws -> (TestingHTTPResponse, String?) {
        try await browser.get("/account")
        let page = try await browser.post("/account/tokens", [("name", name), ("expiresInDays", days)])
        let token = page.body.string.firstMatch(of: /id="new-token">([^<]+)<\/code>/).map { String($0.1) }
        return (page, token)
    }

    @Test("A token is made with a name and 30 days, shown once, and listed with its expiry date")
    func createToken() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")

            let (page, shown) = try await Self.create(&browser, name: "Monthly report script", days: "30")

            #expect(page.status == .created)
            let token = try #require(shown)
            #expect(token.hasPrefix("wmk_"))
            let later = try await browser.get("/account/tokens")
            #expect(!later.body.string.contains(token), "shown once only")
            let row = try #require(GoLive.tableRow(containing: "Monthly report script", in: later.body.string))
            #expect(row.contains(CalendarDate(world.clock.now.addingTimeInterval(30 * 86_400)).long))
            let stored = try await APITokenRepository.list(userID: world.user(.coordinator).id, on: app.db)
                .filter { $0.name == "Monthly report script" }
            #expect(stored.count == 1)
            #expect(stored.first?.expiresAt == world.clock.now.addingTimeInterval(30 * 86_400))
        }
    }

    @Test("A token lasting more than a year is refused, naming the field")
    func tooLong() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            let (page, shown) = try await Self.create(&browser, name: "Forever", days: "400")
            #expect(page.status == .unprocessableEntity)
            #expect(shown == nil)
            #expect(page.body.string.contains("A token must expire in 1 to 365 days"))
            #expect(page.body.string.contains("id=\"expiresInDays-error\""))
            #expect(try await APITokenRepository.list(userID: world.user(.coordinator).id, on: app.db).allSatisfy { $0.name != "Forever" })
        }
    }

    @Test("A new token works on the API until its 30 days are up")
    func tokenExpires() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            let (_, shown) = try await Self.create(&browser, name: "Areas sync", days: "30")
            let api = APIClient(app: app, token: try #require(shown))

            #expect(try await api.send(.GET, "/areas").status == .ok)
            world.clock.advance(by: 29 * 86_400)
            #expect(try await api.send(.GET, "/areas").status == .ok)
            world.clock.advance(by: 86_400)

            #expect(try await api.send(.GET, "/areas").status == .unauthorized)
        }
    }

    @Test("A revoked token stops working at once")
    func revoke() async throws {
        try await withWaymark { app, world in
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            let (_, shown) = try await Self.create(&browser, name: "Old script", days: "30")
            let api = APIClient(app: app, token: try #require(shown))
            #expect(try await api.send(.GET, "/areas").status == .ok)
            let tokens = try await APITokenRepository.list(userID: world.user(.coordinator).id, on: app.db)
            let id = try #require(tokens.first { $0.name == "Old script" }?.id)

            let revoked = try await browser.post("/account/tokens/\(id)/revoke", [])

            #expect(revoked.status == .seeOther)
            #expect(GoLive.location(revoked) == "/account/tokens")
            #expect(try await api.send(.GET, "/areas").status == .unauthorized)
            #expect(try await APITokenRepository.find(id: id, on: app.db) == nil)
        }
    }

    @Test("Someone else's token cannot be revoked by a non-administrator: it is not found")
    func othersToken() async throws {
        try await withWaymark { app, world in
            let practitioner = world.user(.practitioner)
            let made = try await APITokenRepository.create(for: practitioner.id, name: "Practitioner's",
                                                           expiresAt: world.clock.now.addingTimeInterval(30 * 86_400),
                                                           on: app.db)
            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await coordinator.get("/account")

            let answer = try await coordinator.post("/account/tokens/\(made.record.id)/revoke", [])

            #expect(answer.status == .notFound)
            #expect(try await APITokenRepository.find(id: made.record.id, on: app.db) != nil)
            #expect(try await APIClient(app: app, token: made.token).send(.GET, "/areas").status == .ok)
        }
    }
}
