import Vapor
import WaymarkCore
import WaymarkStore

/// The pages emailed links lead to, for people not signed in: "Forgotten your password?",
/// the reset link, and an invitation to set a first password.
struct AccountLinkPages: RouteCollection {
    static let sentMessage = "If there is a Waymark account for that email address, we have sent it a link to reset the password. The link works for 1 hour."

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SitePath.forgottenPassword.route, use: showForgotten)
        routes.post(SitePath.forgottenPassword.route, use: submitForgotten)
        routes.get(SitePath.resetPassword(PathParameter.link.placeholder).route) { try await showLink($0, .passwordReset) }
        routes.post(SitePath.resetPassword(PathParameter.link.placeholder).route) { try await submitLink($0, .passwordReset) }
        routes.get(SitePath.acceptInvitation(PathParameter.link.placeholder).route) { try await showLink($0, .invitation) }
        routes.post(SitePath.acceptInvitation(PathParameter.link.placeholder).route) { try await submitLink($0, .invitation) }
    }

    @Sendable func showForgotten(req: Request) async throws -> Response {
        Layout.render(AccountLinkPage.forgottenView(.init(csrf: CSRF.token(for: req), state: FormState(), sent: false)), for: req)
    }

    /// The same answer whether or not the account exists, and whether or not the throttle let
    /// an email go, so the form tells a stranger nothing.
    @Sendable func submitForgotten(req: Request) async throws -> Response {
        let state = FormState(request: req, fields: ["email"])
        var errors = FieldErrors()
        guard let email = UserAccountRules.email(state["email"], errors: &errors) else {
            let model = AccountLinkPage.ForgottenModel(csrf: CSRF.token(for: req), state: FormState(values: state.values, errors: errors.errors), sent: false)
            return Layout.render(AccountLinkPage.forgottenView(model), for: req, status: .unprocessableEntity)
        }
        try await AccountLinkService.requestReset(email: email, on: req)
        return Layout.render(AccountLinkPage.forgottenView(.init(csrf: CSRF.token(for: req), state: FormState(), sent: true)), for: req)
    }

    func showLink(_ req: Request, _ purpose: AccountLinkPurpose, state: FormState = FormState(), status: HTTPStatus = .ok) async throws -> Response {
        let token = try req.parameter(.link)
        let found = try await AccountLinkService.open(token: token, purpose: purpose, on: req)
        let model = AccountLinkPage.SetPasswordModel(csrf: CSRF.token(for: req), purpose: purpose, action: req.url.path,
                                                     name: found.account?.name, refusal: found.refusal, state: state)
        return Layout.render(AccountLinkPage.setPasswordView(model), for: req, status: found.refusal == nil ? status : .notFound)
    }

    func submitLink(_ req: Request, _ purpose: AccountLinkPurpose) async throws -> Response {
        let state = FormState(request: req, fields: ["password", "confirmPassword"])
        return try await FormSubmission.handle(FormState(), conflictField: "password",
                                               redisplay: { try await showLink(req, purpose, state: $0, status: $1) }) {
            try await AccountLinkService.setPassword(token: try req.parameter(.link), purpose: purpose, password: state["password"],
                                                     confirmation: state["confirmPassword"], on: req)
            return req.redirect(to: SitePath.signIn.url + (purpose == .invitation ? "?welcome=1" : "?reset=1"))
        }
    }
}
