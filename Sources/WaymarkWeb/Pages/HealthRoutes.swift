import Fluent
import Prometheus
import SQLKit
import Vapor

/// Liveness, readiness and metrics for operators; none of them touch personal data.
struct HealthRoutes: RouteCollection {
    let registry: PrometheusCollectorRegistry

    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz") { _ in "ok" }
        routes.get("readyz", use: ready)
        routes.get("metrics", use: metrics)
    }

    @Sendable func ready(req: Request) async throws -> Response {
        do {
            guard let sql = req.db as? any SQLDatabase else { throw Abort(.serviceUnavailable) }
            try await sql.raw("SELECT 1").run()
            return Response(status: .ok, body: "ready")
        } catch {
            return Response(status: .serviceUnavailable, body: "database not answering")
        }
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        // Counts of requests and timings say how busy a probation service is: an operator can
        // keep them to their monitoring server's address or to a scraper's token.
        let access = req.application.waymark.metricsAccess
        if !access.allowedAddresses.isEmpty || access.token != nil {
            let byAddress = access.allowedAddresses.contains(req.clientAddress)
            let byToken = access.token.map { expected in
                req.headers.bearerAuthorization.map { CSRF.constantTimeEqual($0.token, expected) } ?? false
            } ?? false
            guard byAddress || byToken else { throw Abort(.notFound) }
        }
        var buffer = [UInt8]()
        registry.emit(into: &buffer)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(data: Data(buffer)))
    }
}
