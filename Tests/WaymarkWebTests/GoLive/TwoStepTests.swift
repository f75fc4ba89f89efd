import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Two-step sign-in as an installation that is not a demo enforces it.
@Suite("Two-step sign-in")
struct TwoStepTests {
    /// The administrator signs in with a password and lands on the set-up page, which starts a secret.
    static func adminAtSetUp(_ app: Application) async throws -> Browser {
        var browser = Browser(app)
        let signIn = try await GoLive.enterPassword(&browser, "admin@example.org")
        #expect(GoLive.location(signIn) == "/account/two-step")
        let setUp = try await browser.get("/account/two-step")
        #expect(setUp.status == .ok)
        return browser
    }

    @Test("An administrator who has not set up two-step is sent to set it up from any page")
    func administratorMustSetUp() async throws {
        try await withWaymark(enforceTwoStep: true) { app, _ in
            var browser = Browser(app)
            let signIn = try await GoLive.enterPassword(&browser, "admin@example.org")
            #expect(signIn.status == .seeOther)
            #expect(GoLive.location(signIn) == "/account/two-step")

            for path in ["/", "/people", "/users", "/organisation", "/account"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(GoLive.location(page) == "/account/two-step", "\(path)")
            }
            let setUp = try await browser.get("/account/two-step")
            #expect(setUp.status == .ok)
            #expect(setUp.body.string.contains("Your role needs two-step sign-in. Set it up now to carry on using Waymark."))
        }
    }

    @Test("A staff member whose provider does not require two-step signs in with a password alone")
    func coordinatorNotAsked() async throws {
        try await withWaymark(enforceTwoStep: true) { app, _ in
            var browser = Browser(app)
            let signIn = try await GoLive.enterPassword(&browser, "coordinator@example.org")
            #expect(GoLive.location(signIn) == "/")
            #expect(try await browser.get("/people").status == .ok)
        }
    }

    @Test("A wrong code does not turn two-step on")
    func wrongCodeAtSetUp() async throws {
        try await withWaymark(enforceTwoStep: true) { app, world in
            var browser = try await Self.adminAtSetUp(app)
            let admin = world.user(.administrator)
            let secretBefore = try await AccountRepository.twoStep(userID: admin.id, on: app.db).secret

            let refused = try await browser.post("/account/two-step", [("code", try await GoLive.wrongCode(app, world, userID: admin.id))])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Enter the 6-digit code your authenticator app shows now"))
            #expect(refused.body.string.contains("id=\"code-error\""))
            let state = try await AccountRepository.twoStep(userID: admin.id, on: app.db)
            #expect(!state.enabled)
            #expect(state.secret == secretBefore, "the secret already scanned stays the same")
            let people = try await browser.get("/people")
            #expect(GoLive.location(people) == "/account/two-step")
        }
    }

    @Test("The right code turns two-step on and shows 10 recovery codes once")
    func rightCodeAtSetUp() async throws {
        try await withWaymark(enforceTwoStep: true) { app, world in
            var browser = try await Self.adminAtSetUp(app)
            let admin = world.user(.administrator)

            let done = try await browser.post("/account/two-step", [("code", try await GoLive.currentCode(app, world, userID: admin.id))])

            #expect(done.status == .ok)
            let html = done.body.string
            #expect(html.contains("Two-step sign-in is on"))
            let codes = html.matches(of: /<li><code class="wm-code">([2-9A-Z]{5}-[2-9A-Z]{5})<\/code><\/li>/).map { String($0.1) }
            #expect(codes.count == 10)
            #expect(Set(codes).count == 10)
            #expect(try await AccountRepository.twoStep(userID: admin.id, on: app.db).enabled)
            #expect(try await AccountRepository.unusedRecoveryCodes(userID: admin.id, on: app.db) == 10)
            #expect(try await browser.get("/users").status == .ok, "no longer sent to set up")
            let status = try await browser.get("/account/two-step")
            #expect(status.body.string.contains("Recovery codes left"))
            #expect(!codes.contains { status.body.string.contains($0) }, "the codes are not shown again")
        }
    }

    @Test("After set-up, signing in asks for the code, and nothing is open until it is given")
    func nextSignInAsksForCode() async throws {
        try await withWaymark(enforceTwoStep: true) { app, world in
            var setUp = try await Self.adminAtSetUp(app)
            let admin = world.user(.administrator)
            _ = try await setUp.post("/account/two-step", [("code", try await GoLive.currentCode(app, world, userID: admin.id))])
            world.clock.advance(by: OneTimePassword.period)

            var browser = Browser(app)
            let password = try await GoLive.enterPassword(&browser, "admin@example.org")

            #expect(password.status == .seeOther)
            #expect(GoLive.location(password) == "/sign-in/two-step")
            let people = try await browser.get("/people")
            #expect(people.status == .seeOther)
            #expect(GoLive.location(people)?.hasPrefix("/sign-in?next=") == true, "not signed in with the password alone")
            let form = try await browser.get("/sign-in/two-step")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Enter your security code"))

            let code = try await browser.post("/sign-in/two-step", [("code", try await GoLive.currentCode(app, world, userID: admin.id))])

            #expect(code.status == .seeOther)
            #expect(GoLive.location(code) == "/")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Welcome, Admin"))
        }
    }

    @Test("A code works once: a second sign-in in the same 30 seconds with it is refused")
    func codeWorksOnce() async throws {
        try await withWaymark(enforceTwoStep: true) { app, world in
            let admin = world.user(.administrator)
            try await GoLive.turnOnTwoStep(app, world, userID: admin.id)
            _ = try await GoLive.signInWithCode(app, world, admin)
            let code = try await GoLive.currentCode(app, world, userID: admin.id)

            var second = Browser(app)
            _ = try await GoLive.enterPassword(&second, admin.email)
            try await second.get("/sign-in/two-step")
            let refused = try await second.post("/sign-in/two-step", [("code", code)])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("The code is not right, or it has already been used"))
            let people = try await second.get("/people")
            #expect(GoLive.location(people)?.hasPrefix("/sign-in") == true, "not signed in")
        }
    }

    @Test("A recovery code signs you in once, and says how many are left")
    func recoveryCode() async throws {
        try await withWaymark(enforceTwoStep: true) { app, world in
            let admin = world.user(.administrator)
            try await GoLive.turnOnTwoStep(app, world, userID: admin.id)
            let recovery = RecoveryCodes.display(GoLive.recoveryCodes[3])

            var first = Browser(app)
            _ = try await GoLive.enterPassword(&first, admin.email)
            try await first.get("/sign-in/two-step")
            let used = try await first.post("/sign-in/two-step", [("code", recovery)])

            #expect(used.status == .seeOther)
            #expect(GoLive.location(used) == "/")
            let home = try await first.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("You signed in with a recovery code. You have 9 left."))
            #expect(try await AccountRepository.unusedRecoveryCodes(userID: admin.id, on: app.db) == 9)

            var second = Browser(app)
            _ = try await GoLive.enterPassword(&second, admin.email)
            try await second.get("/sign-in/two-step")
            let again = try await second.post("/sign-in/two-step", [("code", recovery)])

            #expect(again.status == .unprocessableEntity)
            #expect(try await AccountRepository.unusedRecoveryCodes(userID: admin.id, on: app.db) == 9)
        }
    }

    @Test("Five wrong codes send you back to enter your password again")
    func fiveWrongCodes() async throws {
        try await withWaymark(enforceTwoStep: true) { app, world in
            let admin = world.user(.administrator)
            try await GoLive.turnOnTwoStep(app, world, userID: admin.id)
            let wrong = try await GoLive.wrongCode(app, world, userID: admin.id)
            var browser = Browser(app)
            _ = try await GoLive.enterPassword(&browser, admin.email)
            try await browser.get("/sign-in/two-step")

            for attempt in 1...4 {
                let refused = try await browser.post("/sign-in/two-step", [("code", wrong)])
                #expect(refused.status == .unprocessableEntity, "attempt \(attempt)")
            }
            let fifth = try await browser.post("/sign-in/two-step", [("code", wrong)])

            #expect(fifth.status == .seeOther)
            #expect(GoLive.location(fifth) == "/sign-in")
            let form = try await browser.get("/sign-in/two-step")
            #expect(GoLive.location(form) == "/sign-in", "the password step has to be done again")
            let people = try await browser.get("/people")
            #expect(GoLive.location(people)?.hasPrefix("/sign-in") == true)
        }
    }

    @Test("An administrator can reset someone's two-step: they are signed out and set it up again")
    func administratorResets() async throws {
        try await withWaymark(enforceTwoStep: true) { app, world in
            let admin = world.user(.administrator), coordinator = world.user(.coordinator)
            try await GoLive.turnOnTwoStep(app, world, userID: admin.id)
            try await GoLive.turnOnTwoStep(app, world, userID: coordinator.id)
            var administrator = try await GoLive.signInWithCode(app, world, admin)
            var lostPhone = try await GoLive.signInWithCode(app, world, coordinator)
            world.clock.advance(by: 60)

            let page = try await administrator.get("/users/\(coordinator.id)")
            #expect(page.body.string.contains("Reset two-step sign-in"))
            let reset = try await administrator.post("/users/\(coordinator.id)/two-step", [])

            #expect(reset.status == .seeOther)
            #expect(GoLive.location(reset) == "/users/\(coordinator.id)")
            let state = try await AccountRepository.twoStep(userID: coordinator.id, on: app.db)
            #expect(!state.enabled && state.secret == nil)
            #expect(try await AccountRepository.unusedRecoveryCodes(userID: coordinator.id, on: app.db) == 0)
            let ended = try await lostPhone.get("/people")
            #expect(GoLive.location(ended) == "/sign-in?ended=signedOutEverywhere")
            var again = Browser(app)
            let password = try await GoLive.enterPassword(&again, coordinator.email)
            #expect(GoLive.location(password) == "/", "no code is asked for until they set it up again")
            let history = try await AuditLog.history(recordType: "user", recordID: coordinator.id, limit: 20, on: app.db)
            #expect(history.contains { $0.action == "user.twoStep.reset" && $0.actorID == admin.id })
        }
    }
}
