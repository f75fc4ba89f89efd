import Fluent
import Foundation
import Metrics
import Prometheus
import Vapor
import WaymarkCore
import WaymarkStore
import Yams

/// Prometheus is process-wide: swift-metrics can be bootstrapped once per process.
enum MetricsBootstrap {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// Sets up one Waymark application: database, migrations, sessions, middleware and routes.
public func configure(_ app: Application, options: WaymarkOptions) async throws {
    app.waymark = options
    // One gate per application, made before any request can race to create it.
    app.storage[WriteGateKey.self] = WriteGate()
    app.storage[SignInGateKey.self] = AsyncMutex()
    // Made at the real cost, so refusing an unknown account takes as long as a known one.
    app.storage[DecoyHashKey.self] = try Bcrypt.hash(RandomToken.make(), cost: options.bcryptCost)
    try options.database.configure(app)
    app.databases.middleware.use(SeedInterventionsMiddleware())
    app.migrations.add(SessionRecord.migration)
    app.migrations.add(WaymarkMigrations.all)

    app.sessions.use(.fluent)
    let secure = options.secureCookies
    // Behind TLS the cookie takes the __Host- prefix: browsers then refuse it unless it is Secure,
    // for the whole site and from this host alone, so a sibling subdomain cannot plant one.
    app.sessions.configuration = SessionsConfiguration(cookieName: secure ? "__Host-waymark-session" : "waymark-session") { id in
        HTTPCookies.Value(string: id.string, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    // Outside the error middleware, so refusals (401, 403, 404, 409, 422) and problem documents
    // carry the same headers as every other response.
    app.middleware.use(SecurityHeadersMiddleware(secure: secure))
    app.middleware.use(WaymarkErrorMiddleware())
    if let publicDirectory = Bundle.module.url(forResource: "Public", withExtension: nil) {
        app.middleware.use(FileMiddleware(publicDirectory: publicDirectory.path + "/", defaultFile: nil))
    }

    try app.register(collection: HealthRoutes(registry: MetricsBootstrap.registry))

    let pages = app.grouped(app.sessions.middleware, SessionUserMiddleware(), CSRFMiddleware())
    try pages.register(collection: SignInPages())
    try pages.register(collection: AboutPages())
    try pages.register(collection: TwoStepPages())
    try pages.register(collection: AccountLinkPages())
    let signedIn = pages.grouped(RequireSignInMiddleware())
    try signedIn.register(collection: HomePage())
    try signedIn.register(collection: PeoplePages())
    try signedIn.register(collection: OrderPages())
    try signedIn.register(collection: RiskPages())
    try signedIn.register(collection: AdminPages())
    try signedIn.register(collection: SettingsPages())
    try signedIn.register(collection: ReferralPages())
    try signedIn.register(collection: MatchPages())
    try signedIn.register(collection: MentorPages())
    try signedIn.register(collection: TrainingPages())
    try signedIn.register(collection: ProfilePages())
    try signedIn.register(collection: VolunteeringPages())
    try signedIn.register(collection: EmploymentPages())
    try signedIn.register(collection: MustNotMeetPages())
    try signedIn.register(collection: SessionPages())
    try signedIn.register(collection: AttendancePages())
    try signedIn.register(collection: InterventionPages())
    try signedIn.register(collection: RARPages())
    try signedIn.register(collection: ReportPages())
    try signedIn.register(collection: OutcomePages())
    try signedIn.register(collection: CaseStudyPages())
    try signedIn.register(collection: SiteInformationPages())
    try signedIn.register(collection: SharingPages())
    try signedIn.register(collection: DataProtectionPages())
    try signedIn.register(collection: AccountPages())
    try signedIn.register(collection: TwoStepPages.Account())
    try signedIn.register(collection: UsersPages())
    try signedIn.register(collection: OrganisationPages())
    try pages.register(collection: CalendarPages())

    let api = app.grouped("api", "v1")
    let document = try OpenAPIDocument.json()
    api.get("openapi.json") { _ in
        Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: document))
    }
    let authenticatedAPI = api.grouped(BearerTokenMiddleware())
    try authenticatedAPI.register(collection: APIRoutes())
    try authenticatedAPI.register(collection: MentorAPIRoutes())
    try authenticatedAPI.register(collection: ReferralAPIRoutes())
    try authenticatedAPI.register(collection: SessionAPIRoutes())
    try authenticatedAPI.register(collection: ReportAPIRoutes())
    try authenticatedAPI.register(collection: AdminAPI())
    if let interval = options.notificationInterval {
        app.lifecycle.use(PeriodicJob(firstDelay: interval, interval: interval) { app in _ = try? await NotificationWorker.deliverPending(app) })
    }
    if let interval = options.retentionInterval {
        // The first run comes five minutes after start-up, so frequent restarts cannot starve it.
        app.lifecycle.use(PeriodicJob(firstDelay: min(interval, 300), interval: interval, work: DataProtectionService.scheduledRun))
    }
}

/// Runs migrations and the SQLite settings; used by `serve`, `migrate` and the tests.
public func migrate(_ app: Application) async throws {
    try await DatabaseLocation.prepare(app.db)
    try await app.autoMigrate()
    try await DatabaseLocation.tuneConnections(app)
}

/// The OpenAPI document: written as YAML in the repository, served as JSON.
public enum OpenAPIDocument {
    public static func yaml() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw Abort(.internalServerError, reason: "openapi.yaml is missing from the bundle")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    public static func json() throws -> Data {
        let object = try Yams.load(yaml: try yaml()) ?? [:]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
