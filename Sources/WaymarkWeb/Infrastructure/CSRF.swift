import Vapor

/// Vapor has no CSRF protection built in: this is the one place it lives. Each session gets a
/// random token; every state-changing page request must send it back in the `_csrf` field.
/// API calls authenticate with bearer tokens, not cookies, so they are exempt.
enum CSRF {
    static let sessionKey = "csrf"
    static let field = "_csrf"

    static func token(for request: Request) -> String {
        if let token = request.session.data[sessionKey] { return token }
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = rng.next() }
        let token = Data(bytes).base64EncodedString()
        request.session.data[sessionKey] = token
        return token
    }

    static func isValid(_ request: Request) -> Bool {
        guard let expected = request.session.data[sessionKey],
              let sent = try? request.content.get(String.self, at: field)
        else { return false }
        return constantTimeEqual(expected, sent)
    }

    /// Constant-time comparison so a secret cannot be guessed byte by byte.
    static func constantTimeEqual(_ expected: String, _ sent: String) -> Bool {
        let a = Array(expected.utf8), b = Array(sent.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method), !request.isAPI, !CSRF.isValid(request) {
            throw Abort(.forbidden, reason: "csrf")
        }
        return try await next.respond(to: request)
    }
}
