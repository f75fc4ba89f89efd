import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Shared steps for the go-live tests: signing in through the real forms (with or without a
/// code from an "authenticator app"), reading the emails Waymark queued, and picking things
/// out of a page.
enum GoLive {
    /// A password that passes every rule (long, not listed, not based on anyone's name).
    static let newPassword = "lantern meadow quiver"

    // MARK: Pages

    static func location(_ response: TestingHTTPResponse) -> String? {
        response.headers.first(name: .location)
    }

    /// The `<tr>` of a table (or nil) whose text includes `text`.
    static func tableRow(containing text: String, in html: String) -> String? {
        html.components(separatedBy: "<tr class=\"wm-table__row\">").dropFirst()
            .map { $0.components(separatedBy: "</tr>")[0] }
            .first { $0.contains(text) }
    }

    /// The email addresses in the users list, in the order shown.
    static func listedEmails(_ html: String) -> [String] {
        html.matches(of: /<td class="wm-table__cell">([^<]+@example\.org)<\/td>/).map { String($0.1) }
    }

    static func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    // MARK: Signing in

    /// The first step of signing in, through the real form: returns the answer (a redirect when
    /// the password is right). The browser is not signed in yet if the account uses two-step.
    static func enterPassword(_ browser: inout Browser, _ email: String, password: String = TestWorld.password) async throws -> TestingHTTPResponse {
        try await browser.get("/sign-in")
        return try await browser.post("/sign-in", [("email", email), ("password", password)])
    }

    /// Password, then the code the account's authenticator app shows now. Leaves the browser on
    /// the home page with a fresh CSRF token.
    static func signInWithCode(_ app: Application, _ world: TestWorld, _ account: UserAccount) async throws -> Browser {
        var browser = Browser(app)
        let password = try await enterPassword(&browser, account.email)
        #expect(location(password) == "/sign-in/two-step", "\(account.email) is asked for a code")
        try await browser.get("/sign-in/two-step")
        let code = try await currentCode(app, world, userID: account.id)
        let answer = try await browser.post("/sign-in/two-step", [("code", code)])
        #expect(answer.status == .seeOther && location(answer) == "/", "the right code signs \(account.email) in")
        try await browser.get("/")
        return browser
    }

    // MARK: Two-step sign-in

    /// The account's two-step secret, as its authenticator app holds it.
    static func secret(_ app: Application, userID: String) async throws -> [UInt8] {
        let state = try await AccountRepository.twoStep(userID: userID, on: app.db)
        let encoded = try #require(state.secret, "two-step set-up has started for \(userID)")
        return try #require(Base32.decode(encoded))
    }

    /// The 6-digit code the authenticator app shows at the test clock's time.
    static func currentCode(_ app: Application, _ world: TestWorld, userID: String) async throws -> String {
        OneTimePassword.code(secret: try await secret(app, userID: userID), step: OneTimePassword.step(at: world.clock.now),
                             hmac: TwoStepService.hmac)
    }

    /// Six digits that are none of the codes accepted now (this step or either side of it).
    static func wrongCode(_ app: Application, _ world: TestWorld, userID: String) async throws -> String {
        let secret = try await secret(app, userID: userID)
        let step = OneTimePassword.step(at: world.clock.now)
        let accepted = Set((-1...1).map { OneTimePassword.code(secret: secret, step: step + Int64($0), hmac: TwoStepService.hmac) })
        var guess = 123_456
        while accepted.contains(String(guess)) { guess += 1 }
        return String(guess)
    }

    /// Ten recovery codes from the recovery-code alphabet, fixed so a test can type one.
    static let recoveryCodes: [String] = (0..<RecoveryCodes.count).map { "RECVR2345" + String(RecoveryCodes.alphabet[$0]) }

    /// Two-step sign-in already on for the account, as if set up a step ago: the code the app
    /// shows now has not been used yet. Recovery codes are `recoveryCodes`.
    static func turnOnTwoStep(_ app: Application, _ world: TestWorld, userID: String) async throws {
        var rng = SystemRandomNumberGenerator()
        let secret = Base32.encode((0..<OneTimePassword.secretBytes).map { _ in UInt8.random(in: 0...255, using: &rng) })
        try await AccountRepository.startTwoStep(userID: userID, secret: secret, on: app.db)
        try await AccountRepository.enableTwoStep(userID: userID, step: OneTimePassword.step(at: world.clock.now) - 1,
                                                  recoveryCodes: recoveryCodes, at: world.clock.now, on: app.db)
    }

    // MARK: Emails

    /// What was queued for one person, of one kind, newest first. Read from the outbox itself:
    /// account emails are kept off the person's notifications page.
    static func notifications(_ app: Application, to userID: String, kind: String) async throws -> [NotificationRepository.Notification] {
        let uuid = try #require(UUID(uuidString: userID))
        return try await NotificationModel.query(on: app.db).filter(\.$recipient.$id == uuid).filter(\.$kind == kind)
            .sort(\.$createdAt, .descending).all().map(NotificationRepository.notification)
    }

    static func notificationCount(_ app: Application) async throws -> Int {
        try await NotificationModel.query(on: app.db).count()
    }

    /// The path of the only link of this kind queued for the person (`/invitation/…`,
    /// `/reset-password/…`), whether or not the site's address is put in front of it.
    static func onlyLink(_ app: Application, to userID: String, kind: String, prefix: String) async throws -> String {
        let queued = try await notifications(app, to: userID, kind: kind)
        #expect(queued.count == 1, "one \(kind) email for \(userID), not \(queued.count)")
        let link = try #require(queued.first?.link)
        let start = try #require(link.range(of: prefix), "\(link) is a \(prefix) link")
        return String(link[start.lowerBound...])
    }

    // MARK: Records

    static func account(_ app: Application, email: String) async throws -> UserAccount? {
        guard let model = try await UserRepository.findModel(email: email, on: app.db) else { return nil }
        return try await UserRepository.account(model, on: app.db)
    }

    /// A token that expires 90 days after the test clock's now (the world's tokens use the real clock).
    static func token(_ app: Application, _ world: TestWorld, for user: UserAccount) async throws -> String {
        try await APITokenRepository.create(for: user.id, name: "Test token", expiresAt: world.clock.now.addingTimeInterval(90 * 86_400),
                                            on: app.db).token
    }

    /// A person in area A recommended as a mentor, and no further along the journey.
    static func recommendedMentor(_ app: Application, _ world: TestWorld, first: String, crn: String) async throws -> Mentor {
        let person = try await PeopleRepository.create(
            PersonDetails(crn: CRN(crn), firstName: first, lastName: "Recommended", dateOfBirth: CalendarDate(year: 1985, month: 6, day: 1)!,
                          gender: .male, areaID: world.areaA.id, deliveryUnitID: world.areaA.deliveryUnits[0].id),
            practitionerID: world.user(.practitioner).id, on: app.db)
        return try await MentorRepository.recommend(personID: person.id, by: world.user(.practitioner).id, on: world.today,
                                                    reason: "Ready to give back", at: world.clock.now, on: app.db)
    }
}
