import Vapor
import WaymarkCore
import WaymarkStore

/// Administrators' pages for the people who use Waymark, and a coordinator's "give this
/// mentor a sign-in".
struct UsersPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, .users, needs: .manageUsers, signedIn: list)
        routes.on(.GET, .inviteUser, needs: .manageUsers, signedIn: showInvite)
        routes.on(.POST, .inviteUser, needs: .manageUsers, signedIn: invite)
        let user = PathParameter.user.placeholder
        routes.on(.GET, .user(user), needs: .manageUsers, signedIn: show)
        routes.on(.POST, .userAction(user, .access), needs: .manageUsers, signedIn: changeAccess)
        routes.on(.POST, .userAction(user, .deactivate), needs: .manageUsers, signedIn: deactivate)
        routes.on(.POST, .userAction(user, .reactivate), needs: .manageUsers, signedIn: reactivate)
        routes.on(.POST, .userAction(user, .invitation), needs: .manageUsers, signedIn: resendInvitation)
        routes.on(.POST, .userAction(user, .twoStep), needs: .manageUsers, signedIn: resetTwoStep)
        routes.on(.GET, .mentorSignIn(PathParameter.mentor.placeholder), needs: .giveMentorSignIn, signedIn: showMentorSignIn)
        routes.on(.POST, .mentorSignIn(PathParameter.mentor.placeholder), needs: .giveMentorSignIn, signedIn: giveMentorSignIn)
    }

    @Sendable func list(req: Request, user: CurrentUser) async throws -> Response {
        Layout.render(UsersPage.listView(try await UsersPage.listModel(req)), for: req)
    }

    @Sendable func showInvite(req: Request, user: CurrentUser) async throws -> Response {
        Layout.render(UsersPage.inviteView(try await UsersPage.inviteModel(req)), for: req)
    }

    @Sendable func invite(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["name", "email", "role"], listFields: ["areas"])
        return try await FormSubmission.handle(state, conflictField: "email", redisplay: { s, status in
            Layout.render(UsersPage.inviteView(try await UsersPage.inviteModel(req, state: s)), for: req, status: status)
        }) {
            let (account, link) = try await UserAdminService.invite(UserInvitationDraft(email: state["email"], name: state["name"], role: state["role"],
                                                                                        areaIDs: state.list("areas")), by: user, on: req)
            Flash.set("Invitation sent to \(account.email)", on: req)
            AccountLinkService.offerLinkIfUndelivered(link, for: account.name, on: req)
            return req.redirect(to: SitePath.user(account.id).url)
        }
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        Layout.render(UsersPage.accountView(try await UsersPage.accountModel(try req.parameter(.user), user: user, req)), for: req)
    }

    func redisplay(_ req: Request, _ user: CurrentUser, _ state: FormState, _ status: HTTPStatus) async throws -> Response {
        var model = try await UsersPage.accountModel(try req.parameter(.user), user: user, req)
        var merged = model.state
        merged.errors = state.errors
        if !state.values.isEmpty { merged.values.merge(state.values) { $1 }; merged.lists.merge(state.lists) { $1 } }
        model.state = merged
        return Layout.render(UsersPage.accountView(model), for: req, status: status)
    }

    @Sendable func changeAccess(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["role", "version"], listFields: ["areas"])
        return try await FormSubmission.handle(state, conflictField: "role", redisplay: { try await redisplay(req, user, $0, $1) }) {
            guard let version = Int(state["version"]) else { throw ValidationFailure([FieldError("role", "Reload the page, then try again")]) }
            let updated = try await UserAdminService.update(try req.parameter(.user), role: state["role"], areaIDs: state.list("areas"), active: nil,
                                                                  version: version, by: user, on: req)
            Flash.set("Role and areas saved for \(updated.name)", on: req)
            return req.redirect(to: SitePath.user(updated.id).url)
        }
    }

    func simple(_ req: Request, _ user: CurrentUser, field: String, done: String,
                _ action: (String) async throws -> Void) async throws -> Response {
        let id = try req.parameter(.user)
        return try await FormSubmission.handle(FormState(), conflictField: field, redisplay: { try await redisplay(req, user, $0, $1) }) {
            try await action(id)
            Flash.set(done, on: req)
            return req.redirect(to: SitePath.user(id).url)
        }
    }

    @Sendable func deactivate(req: Request, user: CurrentUser) async throws -> Response {
        guard try req.parameter(.user) != user.id else {
            return try await redisplay(req, user, FormState(errors: [FieldError("deactivate", "You cannot deactivate your own account")]), .unprocessableEntity)
        }
        return try await simple(req, user, field: "deactivate", done: "Account deactivated: they can no longer sign in, and their API tokens were revoked") {
            try await UserAdminService.deactivate($0, by: user, on: req)
        }
    }

    @Sendable func reactivate(req: Request, user: CurrentUser) async throws -> Response {
        try await simple(req, user, field: "reactivate", done: "Account reactivated") { try await UserAdminService.reactivate($0, by: user, on: req) }
    }

    @Sendable func resendInvitation(req: Request, user: CurrentUser) async throws -> Response {
        try await simple(req, user, field: "invitation", done: "Invitation sent again; the earlier link no longer works") {
            try await UserAdminService.resendInvitation($0, by: user, on: req)
        }
    }

    @Sendable func resetTwoStep(req: Request, user: CurrentUser) async throws -> Response {
        try await simple(req, user, field: "twoStep", done: "Two-step sign-in reset: they will set it up again when they next sign in") {
            try await UserAdminService.resetTwoStep($0, by: user, on: req)
        }
    }

    func mentorSignInPage(_ req: Request, _ user: CurrentUser, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .giveMentorSignIn, action: "mentor.view", on: req)
        let model = MentorSignInPage.Model(csrf: CSRF.token(for: req), mentorID: mentor.id, name: person.details.firstName + " " + person.details.lastName,
                                           hasSignIn: mentor.userID != nil, state: state)
        return Layout.render(MentorSignInPage.view(model), for: req, status: status)
    }

    @Sendable func showMentorSignIn(req: Request, user: CurrentUser) async throws -> Response {
        try await mentorSignInPage(req, user, state: FormState())
    }

    @Sendable func giveMentorSignIn(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["email"])
        return try await FormSubmission.handle(state, conflictField: "email", redisplay: { try await mentorSignInPage(req, user, state: $0, status: $1) }) {
            let (account, link) = try await UserAdminService.giveMentorSignIn(mentorID: try req.parameter(.mentor), email: state["email"], by: user, on: req)
            Flash.set("Invitation sent to \(account.email)", on: req)
            AccountLinkService.offerLinkIfUndelivered(link, for: account.name, on: req)
            return req.redirect(to: SitePath.mentor(try req.parameter(.mentor)).url)
        }
    }
}

/// "Give this mentor a sign-in".
enum MentorSignInPage {
    struct Model {
        let csrf: String
        let mentorID: String
        let name: String
        let hasSignIn: Bool
        var state: FormState
    }

    static func view(_ m: Model) -> PageBody {
        PageBody(title: "Give \(m.name) a sign-in", section: .mentors, hasErrors: !m.state.errors.isEmpty, backLink: SitePath.mentor(m.mentorID).url,
                 narrow: true, content: [
            Form.errorSummary(m.state.errors),
            UI.heading("Give \(m.name) a sign-in", caption: "Peer mentor"),
            m.hasSignIn ? UI.p("This mentor already has a sign-in.") : H.group([
                UI.p("They will get an email with a link to choose their password (it lasts 72 hours). Their sign-in shows their own name, and reaches only their own mentees and sessions."),
                H.el("form", [("method", "post"), ("action", SitePath.mentorSignIn(m.mentorID).url), ("novalidate", "novalidate")], [
                    Form.csrf(m.csrf),
                    Form.text("email", label: "Their email address", value: m.state["email"], error: m.state.error("email"),
                              autocomplete: "off", type: "email", spellcheck: false),
                    Form.button("Send invitation"),
                ]),
            ]),
        ])
    }
}
