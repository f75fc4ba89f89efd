import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Inviting people to Waymark")
struct InvitationTests {
    static let email = "priya.shah@example.org"

    /// The administrator invites Priya Shah as a practitioner in area A; returns her account.
    static func invitePriya(_ app: Application, _ world: TestWorld) async throws -> UserAccount {
        var admin = try await Browser.signedIn(app, as: "admin@example.org")
        try await admin.get("/users/invite")
        let sent = try await admin.post("/users/invite", [("name", "Priya Shah"), ("email", email), ("role", "practitioner"),
                                                          ("areas[]", world.areaA.id)])
        #expect(sent.status == .seeOther)
        return try #require(try await GoLive.account(app, email: email))
    }

    @Test("An administrator invites a practitioner: one email with a link, listed as Invited, and no sign-in yet")
    func invite() async throws {
        try await withWaymark { app, world in
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            let form = try await admin.get("/users/invite")
            #expect(form.status == .ok)

            let sent = try await admin.post("/users/invite", [("name", "Priya Shah"), ("email", "Priya.Shah@example.org "), ("role", "practitioner"),
                                                              ("areas[]", world.areaA.id)])

            let priya = try #require(try await GoLive.account(app, email: Self.email))
            #expect(sent.status == .seeOther)
            #expect(GoLive.location(sent) == "/users/\(priya.id)")
            #expect(priya.role == .practitioner)
            #expect(priya.areaIDs == Set([world.areaA.id]))
            #expect(!priya.passwordSet)
            let emails = try await GoLive.notifications(app, to: priya.id, kind: "account.invitation")
            #expect(emails.count == 1)
            #expect(emails.first?.link?.contains("/invitation/") == true)
            let list = try await admin.get("/users?role=practitioner").body.string
            let row = try #require(GoLive.tableRow(containing: Self.email, in: list))
            #expect(row.contains(">Invited<"))
            var priyaBrowser = Browser(app)
            let attempt = try await GoLive.enterPassword(&priyaBrowser, Self.email, password: "anything at all, really")
            #expect(attempt.status == .unprocessableEntity)
            let history = try await AuditLog.history(recordType: "user", recordID: priya.id, limit: 10, on: app.db)
            #expect(history.contains { $0.action == "user.invite" && $0.actorID == world.user(.administrator).id })
        }
    }

    @Test("The invitation link asks for a password, refuses a weak one, and then lets the person sign in")
    func accept() async throws {
        try await withWaymark { app, world in
            let priya = try await Self.invitePriya(app, world)
            let link = try await GoLive.onlyLink(app, to: priya.id, kind: "account.invitation", prefix: "/invitation/")
            var browser = Browser(app)

            let form = try await browser.get(link)
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Choose your password"))
            #expect(form.body.string.contains("Waymark account for Priya Shah"))
            #expect(form.body.string.contains("name=\"password\""))
            #expect(form.body.string.contains("name=\"confirmPassword\""))

            let short = try await browser.post(link, [("password", "short"), ("confirmPassword", "short")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains("Password must be 12 characters or more"))
            #expect(short.body.string.contains("id=\"password-error\""))
            let listed = try await browser.post(link, [("password", "password1234"), ("confirmPassword", "password1234")])
            #expect(listed.status == .unprocessableEntity)
            #expect(listed.body.string.contains("This password is on a list of passwords that are often used or have been leaked"))
            #expect(listed.body.string.contains("id=\"password-error\""))

            let accepted = try await browser.post(link, [("password", GoLive.newPassword), ("confirmPassword", GoLive.newPassword)])

            #expect(accepted.status == .seeOther)
            #expect(GoLive.location(accepted)?.hasPrefix("/sign-in") == true)
            var signedIn = try await Browser.signedIn(app, as: Self.email, password: GoLive.newPassword)
            let home = try await signedIn.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Welcome, Priya Shah"))
        }
    }

    @Test("An invitation link used once says so the second time")
    func usedTwice() async throws {
        try await withWaymark { app, world in
            let priya = try await Self.invitePriya(app, world)
            let link = try await GoLive.onlyLink(app, to: priya.id, kind: "account.invitation", prefix: "/invitation/")
            var browser = Browser(app)
            try await browser.get(link)
            _ = try await browser.post(link, [("password", GoLive.newPassword), ("confirmPassword", GoLive.newPassword)])

            var later = Browser(app)
            let again = try await later.get(link)

            #expect(again.status == .notFound)
            #expect(again.body.string.contains("This invitation cannot be used"))
            #expect(again.body.string.contains("This invitation has already been used"))
        }
    }

    @Test("An invitation link stops working after 72 hours")
    func expired() async throws {
        try await withWaymark { app, world in
            let priya = try await Self.invitePriya(app, world)
            let link = try await GoLive.onlyLink(app, to: priya.id, kind: "account.invitation", prefix: "/invitation/")
            world.clock.advance(by: 71 * 3600)
            var early = Browser(app)
            #expect(try await early.get(link).status == .ok, "still good at 71 hours")
            world.clock.advance(by: 3600)

            var browser = Browser(app)
            let late = try await browser.get(link)

            #expect(late.status == .notFound)
            #expect(late.body.string.contains("This invitation has expired: invitations last 72 hours"))
            // The form opened in time cannot be sent once the link has expired.
            let tried = try await early.post(link, [("password", GoLive.newPassword), ("confirmPassword", GoLive.newPassword)])
            #expect(tried.status == .notFound)
            #expect(try await GoLive.account(app, email: Self.email)?.passwordSet == false)
        }
    }

    @Test("A made-up invitation link gets the same not-found page")
    func madeUp() async throws {
        try await withWaymark { app, _ in
            var browser = Browser(app)
            let page = try await browser.get("/invitation/not-a-real-token-at-all")
            #expect(page.status == .notFound)
            #expect(page.body.string.contains("This invitation cannot be used"))
            #expect(page.body.string.contains("This invitation link is not valid"))
            #expect(!page.body.string.contains("name=\"password\""))
        }
    }

    @Test("Inviting an email address someone already uses is refused, naming the email field")
    func emailInUse() async throws {
        try await withWaymark { app, world in
            let before = try await UserModel.query(on: app.db).count()
            let emailsBefore = try await GoLive.notificationCount(app)
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/users/invite")

            let refused = try await admin.post("/users/invite", [("name", "Another Coordinator"), ("email", "coordinator@example.org"),
                                                                 ("role", "coordinator"), ("areas[]", world.areaA.id)])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Someone already uses Waymark with this email address"))
            #expect(refused.body.string.contains("id=\"email-error\""))
            #expect(try await UserModel.query(on: app.db).count() == before)
            #expect(try await GoLive.notificationCount(app) == emailsBefore)
        }
    }

    @Test("Inviting a practitioner with no area is refused, naming the areas")
    func noArea() async throws {
        try await withWaymark { app, _ in
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/users/invite")

            let refused = try await admin.post("/users/invite", [("name", "Priya Shah"), ("email", Self.email), ("role", "practitioner")])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Select at least one area for a probation practitioner"))
            #expect(refused.body.string.contains("id=\"areas-error\""))
            #expect(try await GoLive.account(app, email: Self.email) == nil)
        }
    }
}

@Suite("Giving a mentor a sign-in")
struct MentorSignInTests {
    @Test("A coordinator cannot reach the users pages")
    func coordinatorCannotManageUsers() async throws {
        try await withWaymark { app, _ in
            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            #expect(try await coordinator.get("/users").status == .forbidden)
            #expect(try await coordinator.get("/users/invite").status == .forbidden)
        }
    }

    @Test("A coordinator gives an active mentor a sign-in in the mentor's own name, linked to their record")
    func activeMentor() async throws {
        try await withWaymark { app, world in
            let sam = try await ReferralToMatchTests.activeMentor(app, world, first: "Sam", crn: "E700101")
            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            let form = try await coordinator.get("/mentors/\(sam.id)/sign-in")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Give Sam Mentor a sign-in"))

            let sent = try await coordinator.post("/mentors/\(sam.id)/sign-in", [("email", "sam.mentor@example.org")])

            #expect(sent.status == .seeOther)
            #expect(GoLive.location(sent) == "/mentors/\(sam.id)")
            let account = try #require(try await GoLive.account(app, email: "sam.mentor@example.org"))
            #expect(account.name == "Sam Mentor")
            #expect(account.role == .mentor)
            #expect(account.areaIDs == Set([world.areaA.id]))
            #expect(!account.passwordSet)
            #expect(try await MentorRepository.find(userID: account.id, on: app.db)?.id == sam.id)
            let link = try await GoLive.onlyLink(app, to: account.id, kind: "account.invitation", prefix: "/invitation/")
            var invitee = Browser(app)
            #expect(try await invitee.get(link).status == .ok)
            let again = try await coordinator.get("/mentors/\(sam.id)/sign-in")
            #expect(again.body.string.contains("This mentor already has a sign-in."))
        }
    }

    @Test("A mentor who is not yet active is not given a sign-in")
    func notActiveMentor() async throws {
        try await withWaymark { app, world in
            let jo = try await GoLive.recommendedMentor(app, world, first: "Jo", crn: "E700102")
            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await coordinator.get("/mentors/\(jo.id)/sign-in")

            let refused = try await coordinator.post("/mentors/\(jo.id)/sign-in", [("email", "jo.recommended@example.org")])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Only active mentors are given a sign-in: this mentor is recommended"))
            #expect(try await GoLive.account(app, email: "jo.recommended@example.org") == nil)
            #expect(try await MentorRepository.find(id: jo.id, on: app.db)?.userID == nil)
        }
    }

    @Test("A coordinator in another area cannot give the mentor a sign-in")
    func otherArea() async throws {
        try await withWaymark { app, world in
            let sam = try await ReferralToMatchTests.activeMentor(app, world, first: "Sam", crn: "E700103")
            var coordinator = try await Browser.signedIn(app, as: "coordinatorb@example.org")
            try await coordinator.get("/")

            let answer = try await coordinator.post("/mentors/\(sam.id)/sign-in", [("email", "sam.mentor@example.org")])

            #expect(answer.status == .notFound)
            #expect(try await GoLive.account(app, email: "sam.mentor@example.org") == nil)
        }
    }
}

@Suite("Invitations before email is set up")
struct InvitationLinkByHandTests {
    @Test("With no email service, the administrator is shown the invitation link once, to pass on, and it works")
    func linkShownOnce() async throws {
        try await withWaymark { app, world in
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/users/invite")
            let sent = try await admin.post("/users/invite", [("name", "Robin Hand"), ("email", "robin.hand@example.org"), ("role", "practitioner"),
                                                              ("areas[]", world.areaA.id)])
            #expect(sent.status == .seeOther)
            let page = try await admin.get(try #require(sent.headers.first(name: .location)))
            let html = page.body.string
            #expect(html.contains("Send Robin Hand this link yourself"))
            let link = try #require(html.firstMatch(of: /\/invitation\/[A-Za-z0-9_-]+/).map { String($0.0) })
            let again = try await admin.get(try #require(sent.headers.first(name: .location)))
            #expect(!again.body.string.contains(link), "shown once")
            var invitee = Browser(app)
            let form = try await invitee.get(link)
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Choose your password"))
        }
    }
}
