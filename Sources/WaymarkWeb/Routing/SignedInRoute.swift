import Vapor
import WaymarkCore

/// A handler that can only run for a signed-in user: the user is its parameter, so no code
/// path inside it can forget to ask (Hummingbird's request context does the same).
typealias SignedInHandler<R: AsyncResponseEncodable> = @Sendable (Request, CurrentUser) async throws -> R

extension RoutesBuilder {
    /// Registers a route that needs `capability` and hands its handler the signed-in user. The
    /// capability is recorded on the route for the role-matrix test.
    @discardableResult
    func on<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ path: [PathComponent], needs capability: Capability,
                                       signedIn handler: @escaping SignedInHandler<R>) -> Route {
        on(method, path, needs: capability) { req in
            guard let user = req.currentUser else { throw Abort(.unauthorized) }
            return try await handler(req, user)
        }
    }

    @discardableResult
    func on<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ path: SitePath, needs capability: Capability,
                                       signedIn handler: @escaping SignedInHandler<R>) -> Route {
        on(method, path.route, needs: capability, signedIn: handler)
    }

    /// The same for the JSON API, whose paths are written relative to `/api/v1`.
    @discardableResult
    func on<R: AsyncResponseEncodable>(_ method: HTTPMethod, api path: APIPath, needs capability: Capability,
                                       signedIn handler: @escaping SignedInHandler<R>) -> Route {
        on(method, path.route, needs: capability, signedIn: handler)
    }
}
