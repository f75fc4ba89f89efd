import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve Waymark over HTTP.",
        discussion: """
        A real installation starts with `waymark setup`; serve refuses a database with no administrator. With --demo, \
        the demo's own database (\(Serve.demoURL) unless --database or WAYMARK_DATABASE_URL says otherwise) is used, \
        filled with demo data when empty; without --demo, a database holding demo data is refused.
        """)

    static let demoURL = "sqlite:./waymark-data/demo.sqlite"

    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080
    @ArgumentParser.Flag(help: "Serve the demo: its own database, loaded with demo data if empty, with a banner on every page.") var demo = false
    @ArgumentParser.Flag(help: "Mark cookies Secure (as __Host-waymark-session) and send HSTS: set when served behind TLS.") var secureCookies = false
    @ArgumentParser.Option(help: "A reverse proxy's address whose X-Forwarded-For gives the client's address; repeat for several (also WAYMARK_TRUSTED_PROXIES, comma-separated).")
    var trustedProxy: [String] = []
    @ArgumentParser.Option(help: "An address allowed to read /metrics (repeat; also WAYMARK_METRICS_ALLOW, comma-separated). With none and no token, anyone may.")
    var metricsAllow: [String] = []
    @ArgumentParser.Option(help: "The address people use, like https://waymark.example.org, for links in emails (also WAYMARK_PUBLIC_URL).")
    var publicURL: String?

    func location() throws -> DatabaseLocation {
        if demo, db.database == nil, Environment.get("WAYMARK_DATABASE_URL") == nil { return try DatabaseLocation(url: Self.demoURL) }
        return try db.location()
    }

    func run() async throws {
        do { try await serve() } catch let refusal as SetupRefusal {
            FileHandle.standardError.write(Data(("Error: " + refusal.description + "\n").utf8))
            throw ExitCode(2)
        }
    }

    func serve() async throws {
        _ = Runtime.logging
        let location = try location()
        let app = try await Application.make(Environment(name: "production",
                                                         arguments: ["waymark", "serve", "--hostname", hostname, "--port", String(port)]))
        do {
            var options = WaymarkOptions(database: location, secureCookies: secureCookies || Environment.get("WAYMARK_SECURE_COOKIES") == "1",
                                         retentionInterval: 86_400)
            options.trustedProxies = trustedProxy + (Environment.get("WAYMARK_TRUSTED_PROXIES") ?? "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            options.publicURL = (publicURL ?? Environment.get("WAYMARK_PUBLIC_URL")).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            options.demo = demo
            let allowed = metricsAllow + (Environment.get("WAYMARK_METRICS_ALLOW") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            // The token only from the environment, never a flag: flags show in `ps`.
            options.metricsAccess = MetricsAccess(allowedAddresses: Set(allowed.filter { !$0.isEmpty }),
                                                  token: Environment.get("WAYMARK_METRICS_TOKEN").flatMap { $0.isEmpty ? nil : $0 })
            // Retention runs five minutes after start-up, then once a day.
            try await configure(app, options: options)
            try await migrate(app)
            if demo, try await OrganisationRepository.isEmpty(on: app.db) {
                print("Loading demo data into \(location.redacted)…")
                Runtime.printSignIns(try await Runtime.loadDemo(into: app))
            } else if demo {
                guard try await InstallationRepository.isDemo(on: app.db) else {
                    throw SetupRefusal("\(location.redacted) holds real records, not demo data: serve it without --demo, or give the demo its own database")
                }
                print("The demo database already has data; demo data not loaded again.")
                Runtime.printSignIns(DemoData.signIns(from: try await UserRepository.all(on: app.db)))
            } else {
                if try await InstallationRepository.isDemo(on: app.db) {
                    throw SetupRefusal("\(location.redacted) holds demo data, whose sign-ins are published: serve it with --demo, or use another database for real records")
                }
                if try await InstallationRepository.activeAdministrators(on: app.db) == 0 {
                    throw SetupRefusal("""
                        No administrator yet. Set up this installation first:
                          waymark setup --database \(location.redacted) --provider "Your organisation" --admin-email you@example.org --admin-name "Your Name"
                        (the administrator's password is read from standard input)
                        """)
                }
            }
            print("Waymark is running at http://\(hostname):\(port)/ (database: \(location.redacted))")
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
