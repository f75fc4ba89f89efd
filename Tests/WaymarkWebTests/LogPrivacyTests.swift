import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Keeps every log line the application writes, with its metadata, for the test to search.
final class CapturedLogs: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    func append(_ line: String) { lines.withLockedValue { $0.append(line) } }
    var all: [String] { lines.withLockedValue { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let store: CapturedLogs
    var logLevel: Logger.Level = .debug
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        store.append("\(level) \(message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
    }
}

/// Issue #9: request logs carry ids, never names, CRNs or notes. The demo world is loaded, every
/// demo user walks every page they can reach (following links, as a browser would), searches
/// by name, submits forms with errors and calls the API; then the captured log, at debug level,
/// is searched for every demo person's name and CRN.
@Suite("No personal data in logs")
struct LogPrivacyTests {
    @Test("The demo journeys leave no person's name or CRN in the logs")
    func noPersonalData() async throws {
        let logs = CapturedLogs()
        let everyone: [(first: String, last: String, crn: String?)] = try await withApp { app in
            // The same filter `waymark serve` logs through, in front of a handler that keeps every line.
            app.logger = Logger(label: "waymark.test") { _ in PersonalDataLogFilter(CapturingLogHandler(store: logs)) }
            app.logger.logLevel = .debug
            let clock = ManualClock(TestWorld.start)
            try await configure(app, options: WaymarkOptions(database: TestDatabase.location, bcryptCost: 4, clock: { clock.now }, notificationInterval: nil))
            if TestDatabase.postgresURL != nil, let sql = app.db as? any SQLDatabase {
                try await sql.raw("DROP SCHEMA public CASCADE").run()
                try await sql.raw("CREATE SCHEMA public").run()
            }
            try await migrate(app)
            let signIns = try await DemoData.load(on: app.db, today: CalendarDate(clock.now), bcryptCost: 4)
            let people = try await PersonModel.query(on: app.db).all()
            #expect(people.count > 50)
            let sample = people[7]

            var visited = 0
            var failures: [String] = []
            for signIn in signIns {
                var browser = try await Browser.signedIn(app, as: signIn.email, password: DemoData.password)
                var queue = ["/"]
                var seen: Set<String> = ["/"]
                var pages = 0
                while !queue.isEmpty, pages < 45 {
                    let path = queue.removeFirst()
                    let response = try await browser.get(path)
                    pages += 1
                    if response.status.code >= 500 { failures.append("\(signIn.role) GET \(path): \(response.status.code)") }
                    for link in Self.links(in: response.body.string) where !seen.contains(link) {
                        seen.insert(link)
                        queue.append(link)
                    }
                }
                visited += pages
                // Searching by name and CRN puts them in the query string.
                try await browser.get("/people?q=" + Browser.encode(sample.lastName))
                try await browser.get("/people?q=" + Browser.encode(sample.crn ?? "X000000"))
                // A form with errors carries the name in its body.
                try await browser.post("/people/new", [("firstName", sample.firstName), ("lastName", sample.lastName), ("crn", "bad")])
            }
            #expect(visited > 150, "the crawl reached \(visited) pages")
            #expect(failures.isEmpty, "\(failures)")

            // The API, with names in query strings and bodies, including a bad one.
            let coordinator = try #require(signIns.first { $0.role == .coordinator })
            let user = try #require(try await UserRepository.findModel(email: coordinator.email, on: app.db))
            let api = APIClient(app: app, token: try await UserRepository.createToken(for: user.id!.uuidString, on: app.db))
            _ = try await api.send(.GET, "/people?q=" + Browser.encode(sample.firstName))
            _ = try await api.send(.GET, "/people/\(sample.id!.uuidString)")
            _ = try await api.send(.PATCH, "/people/\(sample.id!.uuidString)", json: #"{"version":99,"lastName":"\#(sample.lastName)-Smith"}"#)
            _ = try await api.send(.POST, "/people", json: #"{"firstName":"\#(sample.firstName)","lastName":"\#(sample.lastName)","crn":"\#(sample.crn ?? "")"}"#)
            // The notification worker's log.
            try await NotificationWorker.deliverPending(app)
            return people.map { ($0.firstName, $0.lastName, $0.crn) }
        }

        let lines = logs.all
        #expect(lines.count > 200, "requests were logged (\(lines.count) lines)")
        #expect(lines.contains { $0.contains("GET /people/:personID 200") }, "request lines name the route, not the person")
        let text = lines.joined(separator: "\n")
        var leaks: [String] = []
        for p in everyone {
            for needle in ["\(p.first) \(p.last)", p.crn].compactMap({ $0 }) where text.contains(needle) { leaks.append(needle) }
            if text.range(of: "\\b\(NSRegularExpression.escapedPattern(for: p.last))\\b", options: .regularExpression) != nil { leaks.append(p.last) }
        }
        let example = lines.first { line in leaks.contains { line.contains($0) } } ?? ""
        #expect(leaks.isEmpty, "personal data in the logs: \(Set(leaks).sorted()); for example: \(example.prefix(300))")
    }

    /// Same-site links worth following: not signing out, not calendar feeds or downloads.
    static func links(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: ##"href="(/[^"#]*)""##)
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).compactMap { Range($0.range(at: 1), in: html).map { String(html[$0]) } }
            .map { $0.replacingOccurrences(of: "&amp;", with: "&") }
            .filter { !$0.hasPrefix("/sign-out") && !$0.hasPrefix("/calendar/") && !$0.hasPrefix("/assets/") && !$0.hasSuffix(".ics") }
    }
}
