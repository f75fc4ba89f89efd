import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Sign-in and sign-out. Failures are counted per typed email whether or not an account
/// exists, and the message never says which part was wrong.
struct SignInPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SitePath.signIn.route, use: show)
        routes.post(SitePath.signIn.route, use: submit)
        routes.post(SitePath.signOut.route, use: signOut)
    }

    static let genericError = "Enter a correct email address and password"
    static let lockedError = "There have been too many attempts to sign in. Wait 15 minutes, then try again"

    /// Compared against when no account exists, so a missing account costs the same time as a wrong password.
    static let decoyHash = try! Bcrypt.hash("waymark-decoy-password", cost: 10)

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
        // Count the attempt before checking the password, one attempt at a time, so parallel
        // guesses cannot all slip in under the limit; a correct password clears the count.
        let reserved: SignInThrottle? = try await req.write { tx in
            let current = try await UserRepository.throttle(for: email, on: tx)
            if current.isLocked(now: now) { return nil }
            let counted = current.failing(now: now)
            try await UserRepository.saveThrottle(counted, for: email, on: tx)
            return counted
        }
        guard let reserved else {
            return page(req, state: FormState(values: ["email": email], errors: [FieldError("email", Self.lockedError)]),
                        next: next, status: .tooManyRequests)
        }
        let model = try await UserRepository.findModel(email: email, on: req.db)
        let hash = model?.passwordHash ?? Self.decoyHash
        let matches = (try? Bcrypt.verify(password, created: hash)) ?? false
        guard let model, matches, model.active, let account = try await UserRepository.account(model, on: req.db) else {
            let message = reserved.isLocked(now: now) ? Self.lockedError : Self.genericError
            return page(req, state: FormState(values: ["email": email], errors: [FieldError("email", message)]),
                        next: next, status: reserved.isLocked(now: now) ? .tooManyRequests : .unprocessableEntity)
        }
        try await UserRepository.clearThrottle(for: email, on: req.db)
        // A fresh session id on sign-in, so a session planted before sign-in is worthless.
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req)
            req.session.id = nil
        }
        req.session.data = SessionData()
        req.session.data[SessionUserMiddleware.key] = account.id
        try await req.audit(AuditRecord(actorID: account.id, action: "user.signIn", recordType: "user",
                                        recordID: account.id, personID: nil))
        return req.redirect(to: next ?? SitePath.home.url)
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
