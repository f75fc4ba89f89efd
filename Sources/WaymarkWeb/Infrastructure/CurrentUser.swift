import Vapor
import WaymarkCore
import WaymarkStore

/// The signed-in user for this request.
struct CurrentUser: Authenticatable {
    let account: UserAccount
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

/// Restores the signed-in user from the database-backed session on page requests.
struct SessionUserMiddleware: AsyncMiddleware {
    static let key = "userID"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Only look when the request brought a session: touching `request.session` starts one.
        if request.hasSession, let id = request.session.data[Self.key] {
            if let account = try await UserRepository.find(id: id, on: request.db), account.active {
                request.auth.login(CurrentUser(account: account))
            } else {
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }
}

/// Authenticates API calls with `Authorization: Bearer TOKEN`; tokens are stored hashed.
struct BearerTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization,
              let account = try await UserRepository.user(forToken: bearer.token, on: request.db)
        else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Sign in with a valid API token")
        }
        request.auth.login(CurrentUser(account: account))
        return try await next.respond(to: request)
    }
}

/// Pages need a signed-in user; send everyone else to the sign-in page and back afterwards.
struct RequireSignInMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else {
            let back = request.url.path
            return request.redirect(to: SitePath.signIn.url + "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
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
