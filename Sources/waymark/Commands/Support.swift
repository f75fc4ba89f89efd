import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

/// Options every command that touches the database shares.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(name: .long, help: "sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db (default: $WAYMARK_DATABASE_URL, else sqlite:./waymark-data/waymark.sqlite)")
    var database: String?

    func location() throws -> DatabaseLocation {
        do { return try DatabaseLocation.resolve(database) } catch {
            throw ValidationError(String(describing: error))
        }
    }
}

enum Runtime {
    static let logging: Void = {
        var env = Environment(name: "production", arguments: ["waymark"])
        // Vapor's console logger, behind the filter that keeps record values out of the logs.
        try? LoggingSystem.bootstrap(from: &env) { level in
            let console = Terminal()
            return { label in PersonalDataLogFilter(ConsoleLogger(label: label, console: console, level: level)) }
        }
    }()

    /// An application with the database configured and migrated, for commands that do not serve.
    static func withApp<T>(_ database: DatabaseLocation, _ body: (Application) async throws -> T) async throws -> T {
        _ = logging
        let app = try await Application.make(Environment(name: "production", arguments: ["waymark"]))
        do {
            try await configure(app, options: WaymarkOptions(database: database))
            try await migrate(app)
            let value = try await body(app)
            try await app.asyncShutdown()
            return value
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func printSignIns(_ signIns: [DemoData.SignIn]) {
        print("Demo sign-ins (password for all: \(DemoData.password)):")
        for s in signIns {
            print("  \(s.role.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)) \(s.email.padding(toLength: 42, withPad: " ", startingAt: 0)) \(s.area)")
        }
    }

    static func loadDemo(into app: Application) async throws -> [DemoData.SignIn] {
        let today = CalendarDate(Date())
        let cost = app.waymark.bcryptCost
        return try await app.db.transaction { tx in
            try await DemoData.load(on: tx, today: today, bcryptCost: cost)
        }
    }
}

/// A one-line progress bar on standard error, redrawn in place on a terminal.
enum ProgressBar {
    @Sendable static func draw(stage: String, done: Int, total: Int) {
        let width = 30
        let filled = total > 0 ? min(width, width * done / total) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = total > 0 ? min(100, 100 * done / total) : 100
        let line = "\(stage.padding(toLength: 40, withPad: " ", startingAt: 0)) [\(bar)] \(String(format: "%3d", percent))%  \(done)/\(total)"
        FileHandle.standardError.write(Data(((isatty(2) != 0 ? "\r" : "") + line + (done >= total || isatty(2) == 0 ? "\n" : "")).utf8))
    }
}

/// Finds a person by CRN for a command, or says clearly why not.
enum CLIPerson {
    /// Who ran a data protection command, for the audit log: the operating-system account.
    static var `operator`: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown") }

    static func find(crn: String, on db: any Database) async throws -> Person? {
        do {
            guard let person = try await DataProtectionService.person(crn: crn, on: db) else {
                throw ValidationError("No one with the CRN \(crn.uppercased()) is held")
            }
            return person
        } catch let failure as DataProtectionService.Failure {
            throw ValidationError(failure.description)
        }
    }
}
