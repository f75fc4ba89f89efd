import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Sign-in and sign-out. Failures are counted per typed email (whether or not an account
/// exists), per client address and per both (`SignInThrottling`), and the message never says
/// which part was wrong.
struct SignInPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SitePath.signIn.route, use: show)
        routes.post(SitePath.signIn.route, use: submit)
        routes.post(SitePath.signOut.route, use: signOut)
    }

    static let genericError = "Enter a correct email address and password"

    /// Forms anyone may send without being signed in.
    static func isPublicForm(_ path: String) -> Bool {
        [SitePath.signIn.url, SitePath.signInTwoStep.url, SitePath.forgottenPassword.url].contains(path)
            || path.hasPrefix(SitePath.resetPassword("").url) || path.hasPrefix(SitePath.acceptInvitation("").url)
    }

    static let twoStepUser = "twoStepUser"
    static let twoStepNext = "twoStepNext"
    static let twoStepFailures = "twoStepFailures"

    static func endedMessage(_ raw: String?) -> String? {
        switch raw.flatMap(SessionLifetime.Ending.init(rawValue:)) {
        case .idle: "You were signed out because you had not used Waymark for a while. Sign in again to carry on."
        case .lifetime: "You were signed out because you had been signed in for the longest time allowed. Sign in again to carry on."
        case .signedOutEverywhere: "You were signed out: your password was changed, or someone chose to sign out everywhere. Sign in again."
        case nil: nil
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SitePath.home.url) }
        return page(req, state: FormState(), next: safeNext(req.query[String.self, at: "next"]))
    }

    func page(_ req: Request, state: FormState, next: String?, status: HTTPStatus = .ok) -> Response {
        var frame = PageFrame(req, title: "Sign in")
        frame.hasErrors = !state.errors.isEmpty
        let token = CSRF.token(for: req)
        return Layout.render(frame, status: status, [
            H.el("div", [("class", "wm-grid-row")], [
                H.el("div", [("class", "wm-grid-column-two-thirds")], [
                    Form.errorSummary(state.errors),
                    Self.endedMessage(req.query[String.self, at: "ended"]).map { UI.inset([UI.p($0)]) } ?? .empty,
                    req.query[String.self, at: "reset"] == "1" ? UI.inset([UI.p("Your password has been changed. Sign in with your new password.")]) : .empty,
                    req.query[String.self, at: "welcome"] == "1" ? UI.inset([UI.p("Your password is set. Sign in to start using Waymark.")]) : .empty,
                    UI.heading("Sign in to Waymark"),
                    UI.p("Waymark is for staff and peer mentors of the peer mentoring service."),
                    H.el("form", [("method", "post"), ("action", SitePath.signIn.url), ("novalidate", "novalidate")], [
                        Form.csrf(token),
                        next.map { Form.hidden("next", $0) } ?? .empty,
                        Form.text("email", label: "Email address", value: state["email"], error: state.error("email"),
                                  autocomplete: "email", type: "email", spellcheck: false),
                        Form.text("password", label: "Password", value: "", error: state.error("password"),
                                  autocomplete: "current-password", type: "password"),
                        Form.button("Sign in"),
                    ]),
                    H.el("p", [("class", "wm-body")], [H.link("Forgotten your password?", to: SitePath.forgottenPassword.url)]),
                ]),
            ]),
        ])
    }

    /// Only same-site paths, so the sign-in page cannot be used to send people elsewhere.
    func safeNext(_ next: String?) -> String? {
        // Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become "//evil.example":
        // accept only a plain path made of visible characters.
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }),
              let components = URLComponents(string: next), components.scheme == nil, components.host == nil,
              !components.path.hasPrefix("//")
        else { return nil }
        return next
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let state = FormState(request: req, fields: ["email", "password", "next"])
        let email = state["email"].trimmingCharacters(in: .whitespaces).lowercased()
        let password = state.values["password"] ?? ""
        let next = safeNext(state.values["next"])
        var errors = FieldErrors()
        if email.isEmpty { errors.add("email", "Enter your email address") }
        if password.isEmpty { errors.add("password", "Enter your password") }
        guard errors.isEmpty else {
            return page(req, state: FormState(values: ["email": email], errors: errors.errors), next: next, status: .unprocessableEntity)
        }
        let now = req.now
        let throttles = SignInThrottling(email: email, address: req.clientAddress)
        // The attempt is counted before the password is checked, so parallel guesses are counted
        // too; the counts live outside the write gate, so a flood of guesses never queues reads.
        let reservation: SignInThrottling.Reservation
        switch try await throttles.reserve(now: now, gate: req.application.signInGate, on: req.db) {
        case .failure(let wait):
            return page(req, state: FormState(values: ["email": email], errors: [FieldError("email", SignInThrottle.waitMessage(seconds: wait.seconds))]),
                        next: next, status: .tooManyRequests)
        case .success(let reserved):
            reservation = reserved
        }
        let model = try await UserRepository.findModel(email: email, on: req.db)
        let hash = model?.passwordHash ?? AccountSecurity.decoyHash(req.application)
        let matches = await AccountSecurity.verify(password, hash: hash, on: req)
        guard let model, matches, let account = try await UserRepository.account(model, on: req.db), account.canSignIn else {
            return page(req, state: FormState(values: ["email": email], errors: [FieldError("email", Self.genericError)]),
                        next: next, status: .unprocessableEntity)
        }
        try await throttles.succeeded(reservation, gate: req.application.signInGate, on: req.db)
        if account.twoStepEnabled {
            // The password was right; the session is not signed in until the code is.
            if let old = req.session.id {
                try await req.application.sessions.driver.deleteSession(old, for: req)
                req.session.id = nil
            }
            req.session.data = SessionData()
            req.session.data[Self.twoStepUser] = account.id
            req.session.data[SessionUserMiddleware.signedInAt] = String(now.timeIntervalSince1970)
            if let next { req.session.data[Self.twoStepNext] = next }
            return req.redirect(to: SitePath.signInTwoStep.url)
        }
        let mustSetUp = try await AccountSecurity.requiresTwoStep(account, on: req)
        try await Self.complete(req, account: account, mustSetUpTwoStep: mustSetUp)
        return req.redirect(to: mustSetUp ? SitePath.twoStepSetUp.url : (next ?? SitePath.home.url))
    }

    /// The last step of every sign-in: a fresh session, the sign-in recorded and audited.
    static func complete(_ req: Request, account: UserAccount, mustSetUpTwoStep: Bool, detail: String = "") async throws {
        try await SessionUserMiddleware.begin(req, account: account, mustSetUpTwoStep: mustSetUpTwoStep)
        try await Command.run(req, actorID: account.id) { effects in
            try await AccountRepository.recordSignIn(userID: account.id, at: effects.at, on: effects.tx)
            effects.audit("user.signIn", "user", account.id, detail: detail)
        }
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        if let user = req.currentUser {
            try await req.audit(AuditRecord(actorID: user.id, action: "user.signOut", recordType: "user",
                                            recordID: user.id, personID: nil))
        }
        req.auth.logout(CurrentUser.self)
        req.session.destroy()
        return req.redirect(to: SitePath.signIn.url)
    }
}
