import Vapor
import WaymarkCore
import WaymarkStore

/// Your account: change password, API tokens, sign out everywhere, and the session-timeout
/// warning's two endpoints.
struct AccountPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, .account, needs: .manageOwnAccount, signedIn: show)
        routes.on(.POST, .changePassword, needs: .manageOwnAccount, signedIn: changePassword)
        routes.on(.POST, .signOutEverywhere, needs: .manageOwnAccount, signedIn: signOutEverywhere)
        routes.on(.GET, .accountTokens, needs: .manageOwnAccount, signedIn: showTokens)
        routes.on(.POST, .accountTokens, needs: .manageOwnAccount, signedIn: createToken)
        routes.on(.POST, .revokeAccountToken(PathParameter.token.placeholder), needs: .manageOwnAccount, signedIn: revokeToken)
        routes.on(.GET, .sessionStatus, needs: .manageOwnAccount, signedIn: sessionStatus)
        routes.on(.POST, .staySignedIn, needs: .manageOwnAccount, signedIn: staySignedIn)
    }

    func render(_ req: Request, _ user: CurrentUser, status: HTTPStatus = .ok, _ adjust: (inout AccountPage.Model) -> Void = { _ in },
                view: (AccountPage.Model) -> PageBody = AccountPage.view) async throws -> Response {
        var model = try await AccountPage.model(for: user, on: req)
        adjust(&model)
        return Layout.render(view(model), for: req, status: status)
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        try await render(req, user)
    }

    func renderTokens(_ req: Request, _ user: CurrentUser, status: HTTPStatus = .ok, _ adjust: (inout AccountPage.Model) -> Void = { _ in }) async throws -> Response {
        try await render(req, user, status: status, adjust, view: AccountPage.tokensView)
    }

    @Sendable func showTokens(req: Request, user: CurrentUser) async throws -> Response {
        try await renderTokens(req, user)
    }

    @Sendable func changePassword(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["currentPassword", "password", "confirmPassword"])
        return try await FormSubmission.handle(FormState(), conflictField: "currentPassword",
                                               redisplay: { s, status in try await render(req, user, status: status) { $0.passwordForm = s } }) {
            try await AccountService.changePassword(current: state["currentPassword"], new: state["password"],
                                                    confirmation: state["confirmPassword"], for: user, on: req)
            Flash.set("Your password has been changed. You have been signed out everywhere else.", on: req)
            return req.redirect(to: SitePath.account.url)
        }
    }

    @Sendable func signOutEverywhere(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: [], listFields: ["confirm"])
        guard state.list("confirm").contains("yes") else {
            let errors = [FieldError("confirm", "Confirm that you want to sign out of every session")]
            return try await render(req, user, status: .unprocessableEntity) { $0.signOutForm = FormState(errors: errors) }
        }
        try await AccountService.signOutEverywhere(user, on: req)
        return req.redirect(to: SitePath.signIn.url + "?ended=" + SessionLifetime.Ending.signedOutEverywhere.rawValue)
    }

    @Sendable func createToken(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["name", "expiresInDays"])
        return try await FormSubmission.handle(state, conflictField: "name",
                                               redisplay: { s, status in try await renderTokens(req, user, status: status) { $0.tokenForm = s } }) {
            let raw = state["expiresInDays"].trimmingCharacters(in: .whitespaces)
            guard raw.isEmpty || Int(raw) != nil else {
                throw ValidationFailure([FieldError("expiresInDays", "Enter the number of days as a whole number, like 90")])
            }
            let made = try await AccountService.createToken(name: state["name"], days: Int(raw), for: user, on: req)
            // Shown on this response only, never stored in the session or a redirect.
            return try await renderTokens(req, user, status: .created) { $0.newToken = made.token }
        }
    }

    @Sendable func revokeToken(req: Request, user: CurrentUser) async throws -> Response {
        let token = try await AccountService.revokeToken(try req.parameter(.token), by: user, on: req)
        Flash.set("Token ‘\(token.name)’ revoked: it no longer works", on: req)
        return req.redirect(to: token.userID == user.id ? SitePath.accountTokens.url : SitePath.user(token.userID).url)
    }

    /// For the timeout warning: how long is left. Reading it does not extend the session.
    @Sendable func sessionStatus(req: Request, user: CurrentUser) async throws -> Response {
        let settings = try await AccountSecurity.settings(for: user.account, on: req.db)
        let left = settings.session.secondsLeft(signedInAt: user.signedInAt ?? req.now, lastSeenAt: user.lastSeenAt ?? req.now, now: req.now)
        let body = "{\"secondsLeft\":\(left),\"warnAt\":\(SessionLifetime.warningSeconds)}"
        return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(string: body))
    }

    /// "Stay signed in": any request resets the idle clock; this one does nothing else.
    @Sendable func staySignedIn(req: Request, user: CurrentUser) async throws -> Response {
        req.session.data[SessionUserMiddleware.lastSeenAt] = String(req.now.timeIntervalSince1970)
        if req.headers.first(name: .accept)?.contains("application/json") == true {
            return Response(status: .noContent)
        }
        return req.redirect(to: SitePath.account.url)
    }
}
