import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Forgotten password")
struct PasswordResetTests {
    static let kind = "account.passwordReset"

    /// Asks for a reset link through the form, as someone not signed in.
    static func ask(_ app: Application, for email: String) async throws -> TestingHTTPResponse {
        var browser = Browser(app)
        try await browser.get("/forgotten-password")
        return try await browser.post("/forgotten-password", [("email", email)])
    }

    @Test("The answer is the same for a known and an unknown email, and only the known one is sent a link")
    func sameAnswer() async throws {
        try await withWaymark { app, world in
            let before = try await GoLive.notificationCount(app)

            let unknown = try await Self.ask(app, for: "nobody@example.org")
            #expect(try await GoLive.notificationCount(app) == before, "nothing queued for an unknown email")
            let known = try await Self.ask(app, for: "coordinator@example.org")

            #expect(unknown.status == .ok)
            #expect(known.status == .ok)
            #expect(known.body.string.contains(AccountLinkPages.sentMessage))
            #expect(known.body.string == unknown.body.string)
            #expect(try await GoLive.notificationCount(app) == before + 1)
            let link = try await GoLive.onlyLink(app, to: world.user(.coordinator).id, kind: Self.kind, prefix: "/reset-password/")
            #expect(!link.isEmpty)
        }
    }

    @Test("A fourth request within an hour sends nothing, and the page does not say so")
    func throttle() async throws {
        try await withWaymark { app, world in
            let coordinator = world.user(.coordinator)
            for _ in 1...3 {
                _ = try await Self.ask(app, for: coordinator.email)
                world.clock.advance(by: 60)
            }
            #expect(try await GoLive.notifications(app, to: coordinator.id, kind: Self.kind).count == 3)

            let fourth = try await Self.ask(app, for: coordinator.email)

            #expect(fourth.status == .ok)
            #expect(fourth.body.string.contains(AccountLinkPages.sentMessage))
            #expect(try await GoLive.notifications(app, to: coordinator.id, kind: Self.kind).count == 3)
            world.clock.advance(by: 3600)
            _ = try await Self.ask(app, for: coordinator.email)
            #expect(try await GoLive.notifications(app, to: coordinator.id, kind: Self.kind).count == 4, "an hour later one may be sent again")
        }
    }

    @Test("The reset link works within the hour and the new password signs in")
    func resetWithinHour() async throws {
        try await withWaymark { app, world in
            _ = try await Self.ask(app, for: "coordinator@example.org")
            let link = try await GoLive.onlyLink(app, to: world.user(.coordinator).id, kind: Self.kind, prefix: "/reset-password/")
            world.clock.advance(by: 59 * 60)
            var browser = Browser(app)

            let form = try await browser.get(link)
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Choose a new password"))
            let changed = try await browser.post(link, [("password", GoLive.newPassword), ("confirmPassword", GoLive.newPassword)])

            #expect(changed.status == .seeOther)
            #expect(GoLive.location(changed) == "/sign-in?reset=1")
            var old = Browser(app)
            let oldPassword = try await GoLive.enterPassword(&old, "coordinator@example.org")
            #expect(oldPassword.status == .unprocessableEntity)
            _ = try await Browser.signedIn(app, as: "coordinator@example.org", password: GoLive.newPassword)
            var reused = Browser(app)
            let second = try await reused.get(link)
            #expect(second.status == .notFound)
            #expect(second.body.string.contains("This link has already been used"))
        }
    }

    @Test("The reset link stops working after an hour")
    func resetAfterHour() async throws {
        try await withWaymark { app, world in
            _ = try await Self.ask(app, for: "coordinator@example.org")
            let link = try await GoLive.onlyLink(app, to: world.user(.coordinator).id, kind: Self.kind, prefix: "/reset-password/")
            world.clock.advance(by: 3600)

            var browser = Browser(app)
            let page = try await browser.get(link)

            #expect(page.status == .notFound)
            #expect(page.body.string.contains("This link cannot be used"))
            #expect(page.body.string.contains("This link has expired: reset links last 1 hour"))
            _ = try await Browser.signedIn(app, as: "coordinator@example.org")
        }
    }

    @Test("A newer reset link replaces the one before it")
    func newerLinkReplaces() async throws {
        try await withWaymark { app, world in
            let coordinator = world.user(.coordinator)
            _ = try await Self.ask(app, for: coordinator.email)
            let first = try await GoLive.onlyLink(app, to: coordinator.id, kind: Self.kind, prefix: "/reset-password/")
            world.clock.advance(by: 60)

            _ = try await Self.ask(app, for: coordinator.email)

            var browser = Browser(app)
            let old = try await browser.get(first)
            #expect(old.status == .notFound)
            #expect(old.body.string.contains("This reset link is not valid"))
        }
    }

    @Test("Resetting the password ends the sessions signed in with the old one")
    func resetEndsSessions() async throws {
        try await withWaymark { app, world in
            var existing = try await Browser.signedIn(app, as: "coordinator@example.org")
            world.clock.advance(by: 60)
            _ = try await Self.ask(app, for: "coordinator@example.org")
            let link = try await GoLive.onlyLink(app, to: world.user(.coordinator).id, kind: Self.kind, prefix: "/reset-password/")
            var browser = Browser(app)
            try await browser.get(link)

            _ = try await browser.post(link, [("password", GoLive.newPassword), ("confirmPassword", GoLive.newPassword)])

            let page = try await existing.get("/people")
            #expect(page.status == .seeOther)
            #expect(GoLive.location(page) == "/sign-in?ended=signedOutEverywhere")
            let history = try await AuditLog.history(recordType: "user", recordID: world.user(.coordinator).id, limit: 20, on: app.db)
            #expect(history.contains { $0.action == "user.passwordReset" })
        }
    }
}
