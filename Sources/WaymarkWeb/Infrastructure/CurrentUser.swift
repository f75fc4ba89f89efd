import Vapor
import WaymarkCore
import WaymarkStore

/// The signed-in user for this request.
struct CurrentUser: Authenticatable {
    let account: UserAccount
    var signedInAt: Date? = nil
    var lastSeenAt: Date? = nil
    /// Signed in with a password but two-step sign-in must be set up before anything else.
    var mustSetUpTwoStep = false
    /// The API token this request came with.
    var tokenID: String? = nil
    var actor: Actor { account.actor }
    var role: Role { account.role }
    var id: String { account.id }
}

extension Request {
    var currentUser: CurrentUser? { auth.get(CurrentUser.self) }

    /// The signed-in user; the route's middleware has already made sure there is one.
    var user: CurrentUser {
        get throws {
            guard let user = currentUser else { throw Abort(.unauthorized) }
            return user
        }
    }

    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

/// Restores the signed-in user from the database-backed session on page requests, and ends
/// a session that has been idle or alive too long (the provider's settings), or that was
/// signed in before the account ended all its sessions.
struct SessionUserMiddleware: AsyncMiddleware {
    static let key = "userID"
    static let signedInAt = "signedInAt"
    static let lastSeenAt = "lastSeenAt"
    /// Set when the role needs two-step sign-in and the account has not set it up yet.
    static let twoStepSetUpRequired = "twoStepSetUpRequired"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Only look when the request brought a session: touching `request.session` starts one.
        guard request.hasSession, let id = request.session.data[Self.key] else {
            return try await next.respond(to: request)
        }
        let now = request.now
        guard let account = try await UserRepository.find(id: id, on: request.db), account.canSignIn else {
            request.session.destroy()
            return try await next.respond(to: request)
        }
        let signedIn = request.session.data[Self.signedInAt].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? .distantPast
        let lastSeen = request.session.data[Self.lastSeenAt].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? signedIn
        let lifetime = try await AccountSecurity.settings(for: account, on: request.db).session
        if let ending = lifetime.ending(signedInAt: signedIn, lastSeenAt: lastSeen, validAfter: account.sessionsValidAfter, now: now) {
            request.session.destroy()
            request.storage[SessionEndedKey.self] = ending
            // A form sent after the timeout goes to sign-in with the reason, rather than failing the
            // CSRF check against a session that no longer exists. (Pages that need no sign-in
            // are read as an anonymous visitor; RequireSignInMiddleware gives the reason on the others.)
            if !request.isAPI, request.method != .GET, request.method != .HEAD, !SignInPages.isPublicForm(request.url.path) {
                return request.redirect(to: SitePath.signIn.url + "?ended=" + ending.rawValue)
            }
            return try await next.respond(to: request)
        }
        // The session-status check the timeout warning makes must not itself keep the session alive.
        if request.url.path != SitePath.sessionStatus.url, now.timeIntervalSince(lastSeen) >= SessionLifetime.touchEverySeconds {
            request.session.data[Self.lastSeenAt] = String(now.timeIntervalSince1970)
        }
        request.auth.login(CurrentUser(account: account, signedInAt: signedIn, lastSeenAt: lastSeen,
                                       mustSetUpTwoStep: request.session.data[Self.twoStepSetUpRequired] == "1"))
        return try await next.respond(to: request)
    }

    /// Starts a signed-in session for a fresh session id.
    static func begin(_ request: Request, account: UserAccount, mustSetUpTwoStep: Bool) async throws {
        // A fresh session id on sign-in, so a session planted before sign-in is worthless.
        if let old = request.session.id {
            _ = try await request.application.sessions.driver.deleteSession(old, for: request)
            request.session.id = nil
        }
        request.session.data = SessionData()
        let now = String(request.now.timeIntervalSince1970)
        request.session.data[key] = account.id
        request.session.data[signedInAt] = now
        request.session.data[lastSeenAt] = now
        if mustSetUpTwoStep { request.session.data[twoStepSetUpRequired] = "1" }
    }
}

/// Authenticates API calls with `Authorization: Bearer TOKEN`; tokens are stored hashed and expire.
struct BearerTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization,
              let (account, tokenID) = try await APITokenRepository.account(forToken: bearer.token, now: request.now, on: request.db)
        else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Sign in with a valid API token")
        }
        request.auth.login(CurrentUser(account: account, tokenID: tokenID))
        return try await next.respond(to: request)
    }
}

/// Pages need a signed-in user; send everyone else to the sign-in page and back afterwards.
struct RequireSignInMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.currentUser else {
            if let ending = request.storage[SessionEndedKey.self] {
                return request.redirect(to: SitePath.signIn.url + "?ended=" + ending.rawValue)
            }
            let back = request.url.path
            return request.redirect(to: SitePath.signIn.url + "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        if user.mustSetUpTwoStep, !TwoStepPages.allowedBeforeSetUp.contains(request.url.path) {
            return request.redirect(to: SitePath.twoStepSetUp.url)
        }
        return try await next.respond(to: request)
    }
}

/// Refuses a route to a role the policy table does not permit (403).
struct RequireCapability: AsyncMiddleware {
    let capability: Capability

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let user = try request.user
        guard Policy.permits(user.role, capability) else {
            throw Abort(.forbidden, reason: "Your role does not allow this")
        }
        return try await next.respond(to: request)
    }
}

extension RoutesBuilder {
    /// Registers a route that needs `capability`, and records it on the route so the
    /// role-matrix test can walk every route against the policy table.
    @discardableResult
    func on<Response: AsyncResponseEncodable>(_ method: HTTPMethod, _ path: [PathComponent], needs capability: Capability,
                                              use handler: @escaping @Sendable (Request) async throws -> Response) -> Route {
        let route = grouped(RequireCapability(capability: capability)).on(method, path, use: handler)
        route.userInfo["capability"] = capability.rawValue
        return route
    }
}

/// Why this request's session had just ended, for the sign-in page's message.
struct SessionEndedKey: StorageKey { typealias Value = SessionLifetime.Ending }
