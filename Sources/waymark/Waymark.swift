import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

@main
struct Waymark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waymark",
        abstract: "Waymark: the peer mentoring service for probation.",
        subcommands: [Serve.self, Migrate.self, Users.self, Tokens.self, Demo.self, Export.self, Audit.self, MatchCommand.self, Retention.self, Protect.self, BackupCommand.self, Import.self, Bench.self]
    )
}

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

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve Waymark over HTTP.")

    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080
    @ArgumentParser.Flag(help: "Load the demo data if the database is empty, and print the demo sign-ins.") var demo = false
    @ArgumentParser.Flag(help: "Mark cookies Secure and send HSTS (set when served behind TLS).") var secureCookies = false

    func run() async throws {
        _ = Runtime.logging
        let location = try db.location()
        let app = try await Application.make(Environment(name: "production",
                                                         arguments: ["waymark", "serve", "--hostname", hostname, "--port", String(port)]))
        do {
            let secure = secureCookies || Environment.get("WAYMARK_SECURE_COOKIES") == "1"
            // Retention runs five minutes after start-up, then once a day.
            try await configure(app, options: WaymarkOptions(database: location, secureCookies: secure, retentionInterval: 86_400))
            try await migrate(app)
            if demo, try await OrganisationRepository.isEmpty(on: app.db) {
                print("Loading demo data into \(location.redacted)…")
                Runtime.printSignIns(try await Runtime.loadDemo(into: app))
            } else if demo {
                print("The database already has data; demo data not loaded again.")
                Runtime.printSignIns(DemoData.signIns(from: try await UserRepository.all(on: app.db)))
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

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions

    func run() async throws {
        try await Runtime.withApp(try db.location()) { _ in print("Database is up to date.") }
    }
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [Create.self, Deactivate.self])

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a leaver's account: they can no longer sign in, their sessions stop working and their API tokens are revoked.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "Email address of the account.") var email: String

        func run() async throws {
            try await Runtime.withApp(try db.location()) { app in
                guard let user = try await UserRepository.findModel(email: email, on: app.db), let id = user.id else {
                    throw ValidationError("No user with the email address \(email)")
                }
                let tokens = try await WriteGate().write(on: app.db) { tx in
                    let revoked = try await UserRepository.deactivate(id: id.uuidString, on: tx)
                    try await AuditLog.append(AuditRecord(actorID: CLIPerson.operator, action: "user.deactivate", recordType: "user",
                                                          recordID: id.uuidString, personID: nil, detail: "\(revoked) API tokens revoked"), at: Date(), on: tx)
                    return revoked
                }
                print("Deactivated \(user.email); \(tokens) API tokens revoked.")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user. The password is read from standard input.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "Email address; used to sign in.") var email: String
        @ArgumentParser.Option(help: "Full name.") var name: String
        @ArgumentParser.Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @ArgumentParser.Option(help: "An area's id or name; repeat for several areas.") var area: [String] = []

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("Unknown role '\(self.role)'. Use one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let password = (readLine(strippingNewline: true) ?? "")
            try await Runtime.withApp(try db.location()) { app in
                var areaIDs: [String] = []
                for a in area {
                    guard let found = try await OrganisationRepository.findArea(a, on: app.db) else {
                        throw ValidationError("No area called '\(a)'. Areas: " + (try await OrganisationRepository.areas(on: app.db)).map(\.name).joined(separator: "; "))
                    }
                    areaIDs.append(found.id)
                }
                do {
                    let user = try await UserRepository.create(email: email, name: name, role: role, password: password,
                                                               areaIDs: areaIDs, bcryptCost: app.waymark.bcryptCost, on: app.db)
                    print("Created \(user.role.rawValue) \(user.email) (id \(user.id))")
                } catch let failure as ValidationFailure {
                    throw ValidationError(failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
                }
            }
        }
    }
}

struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a user; prints it on the last line. It is shown once.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "The user's email address.") var email: String

        func run() async throws {
            try await Runtime.withApp(try db.location()) { app in
                guard let user = try await UserRepository.findModel(email: email, on: app.db) else {
                    throw ValidationError("No user with email \(email)")
                }
                let token = try await UserRepository.createToken(for: user.id!.uuidString, on: app.db)
                print("API token for \(user.email) (keep it secret; it is not shown again):")
                print(token)
            }
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load demo data into an empty database.",
        discussion: """
        --scale small loads the seeds' world: three areas and a few dozen people, enough to try every page.
        --scale national generates a national service from a seed (250,000 people, 20,000 mentors, 60,000 referrals,
        40,000 matches, 2,000,000 contacts and 200,000 group sessions in 12 regions and 100 delivery units) for load
        and report benchmarks. --fraction generates the same shape smaller, e.g. 0.01 for a quick look.
        """)
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Option(help: "small (the seeds' world) or national (a generated national service).") var scale = "small"
    @ArgumentParser.Option(help: "With --scale national: the fraction of the national size to generate (0 < f ≤ 1).") var fraction = 1.0
    @ArgumentParser.Option(help: "With --scale national: the seed; the same seed on the same day gives the same data.") var seed: UInt64 = 2026

    func validate() throws {
        guard ["small", "national"].contains(scale) else { throw ValidationError("--scale must be small or national") }
        guard fraction > 0, fraction <= 1 else { throw ValidationError("--fraction must be more than 0 and at most 1") }
    }

    func run() async throws {
        try await Runtime.withApp(try db.location()) { app in
            guard try await OrganisationRepository.isEmpty(on: app.db) else {
                throw ValidationError("The database already has data; demo data is only loaded into an empty database")
            }
            guard scale == "national" else {
                Runtime.printSignIns(try await Runtime.loadDemo(into: app))
                return
            }
            let started = Date()
            let size = fraction == 1 ? NationalScale.national : NationalScale.national.fraction(fraction)
            let summary = try await NationalDemo.load(on: app.db, scale: size, today: CalendarDate(Date()), seed: seed,
                                                      bcryptCost: app.waymark.bcryptCost, progress: ProgressBar.draw)
            let rows = summary.rows.reduce(0) { $0 + $1.count }
            print("Generated \(rows) rows in \(String(format: "%.0f", Date().timeIntervalSince(started))) s:")
            for (table, count) in summary.rows { print("  \(table.padding(toLength: 22, withPad: " ", startingAt: 0)) \(count)") }
            Runtime.printSignIns(summary.signIns)
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

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the audit log.", subcommands: [Verify.self, Unusual.self, Viewers.self])

    struct Unusual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List days on which someone viewed unusually many records, or many outside their caseload.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "How many days back to look.") var days = 30

        func run() async throws {
            guard (1...365).contains(days) else { throw ValidationError("--days must be from 1 to 365") }
            try await Runtime.withApp(try db.location()) { app in
                let flags = try await DataProtectionService.unusualAccess(days: days, today: CalendarDate(Date()), on: app.db)
                if flags.isEmpty { print("Nothing unusual in the last \(days) days.") }
                for f in flags {
                    print("\(f.flag.day.iso)  \(f.userName) (\(f.role?.rawValue ?? "unknown"), user \(f.flag.actorID))  \(f.flag.reasons.joined(separator: "; "))")
                }
            }
        }
    }

    struct Viewers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Who has viewed or changed one person's record, newest first.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "The person's CRN.") var crn: String

        func run() async throws {
            try await Runtime.withApp(try db.location()) { app in
                guard let person = try await CLIPerson.find(crn: crn, on: app.db) else { return }
                let formatter = ISO8601DateFormatter()
                for v in try await DataProtectionService.viewers(personID: person.id, limit: 1000, on: app.db) {
                    print("\(formatter.string(from: v.entry.at))  \(v.name) (\(v.role?.rawValue ?? "system"))  \(v.entry.action)")
                }
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the audit log's hash chain; exits non-zero naming the first bad row.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions

        func run() async throws {
            let result = try await Runtime.withApp(try db.location()) { app in try await AuditLog.verify(on: app.db) }
            switch result {
            case .intact(let n):
                print("Audit log intact: \(n) entries verified.")
            case .broken(let problem):
                print("Audit log BROKEN: \(problem.message)")
                throw ExitCode(2)
            case .headMismatch(let expected, let found):
                print("Audit log BROKEN: the log ends at row \(found) but row \(expected) was written: rows have been removed from the end")
                throw ExitCode(2)
            }
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export reports, or everything held about one person.", subcommands: [Report.self, PersonRecord.self])

    struct PersonRecord: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "person",
            abstract: "Everything held about one person, for a subject access request (recorded in the audit log).")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "The person's CRN.") var crn: String
        @ArgumentParser.Option(help: "json or text.") var format = "json"

        func run() async throws {
            guard ["json", "text"].contains(format) else { throw ValidationError("--format must be json or text") }
            try await Runtime.withApp(try db.location()) { app in
                guard let person = try await CLIPerson.find(crn: crn, on: app.db),
                      let document = try await DataProtectionService.subjectAccess(personID: person.id, actorID: CLIPerson.operator, at: Date(),
                                                                                   gate: WriteGate(), on: app.db)
                else { return }
                if format == "json" {
                    print(String(decoding: try DataProtectionService.json(document), as: UTF8.self))
                } else {
                    print(document.text())
                }
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the annual programme report for a year: the same figures as the page and the API.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "The year the reporting year starts in, e.g. 2025 for April 2025 to March 2026 (the start month is a programme setting).") var year: Int
        @ArgumentParser.Option(help: "text, csv or json.") var format = "text"
        @ArgumentParser.Option(help: "An area's id or name; every area when left out.") var area: String?
        @ArgumentParser.Flag(help: "Show counts below 5 as <5, as a commissioner sees them.") var suppressSmallCounts = false

        func run() async throws {
            guard let chosen = ReportExport.Format(rawValue: format) else {
                throw ValidationError("--format must be one of: \(ReportExport.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await Runtime.withApp(try db.location()) { app in
                do {
                    print(try await ReportExport.annual(area: area, year: year, today: CalendarDate(Date()), suppress: suppressSmallCounts, format: chosen, on: app.db))
                } catch let failure as ReportExport.Failure {
                    throw ValidationError(failure.description)
                }
            }
        }
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

struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Anonymise records past their retention period (the provider's setting, 7 years by default); a legal hold stops it.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Flag(help: "List what would be anonymised, and change nothing.") var dryRun = false

    func run() async throws {
        try await Runtime.withApp(try db.location()) { app in
            let now = Date()
            let run = try await DataProtectionService.runRetention(today: CalendarDate(now), at: now, actorID: CLIPerson.operator, dryRun: dryRun,
                                                                   gate: WriteGate(), on: app.db)
            for item in run.expired {
                print("\(dryRun ? "would anonymise" : "anonymised")  person \(item.facts.personID)  \(item.status.label) (after \(item.years) years)")
            }
            if dryRun {
                print("\(run.expired.count) records would be anonymised; \(run.held) on legal hold. Nothing was changed (--dry-run).")
            } else {
                print("\(run.anonymised) records anonymised; \(run.held) on legal hold; \(run.notificationsDeleted) old notifications deleted.")
            }
        }
    }
}

struct Protect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restrict a disputed record (it can be read, not changed) or hold it from retention; or lift either. A reason is always needed.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Option(help: "The person's CRN.") var crn: String
    @ArgumentParser.Option(help: "One of: \(ProtectionAction.allCases.map(\.rawValue).joined(separator: ", ")).") var action: String
    @ArgumentParser.Option(help: "Why, for the record and the audit log.") var reason: String

    func run() async throws {
        guard let chosen = ProtectionAction(rawValue: action) else {
            throw ValidationError("--action must be one of: \(ProtectionAction.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try await Runtime.withApp(try db.location()) { app in
            guard let person = try await CLIPerson.find(crn: crn, on: app.db) else { return }
            do {
                let status = try await DataProtectionService.protect(personID: person.id, action: chosen, reason: reason, expectedVersion: nil,
                                                                     actorID: CLIPerson.operator, at: Date(), gate: WriteGate(), on: app.db)
                print("\(chosen.label): done. Restricted: \(status.isRestricted ? "yes" : "no"); legal hold: \(status.legalHold == nil ? "no" : "yes").")
            } catch let failure as ValidationFailure {
                throw ValidationError(failure.errors.map(\.message).joined(separator: "; "))
            }
        }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Take a consistent backup while Waymark runs: SQLite into a new file (then checked), PostgreSQL with pg_dump.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Argument(help: "The new backup file.") var file: String

    func run() async throws {
        let location = try db.location()
        if case .postgres(let url) = location {
            // pg_dump takes a consistent snapshot of its own; restore with pg_restore into an empty database.
            let dump = Process()
            dump.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            dump.arguments = ["pg_dump", "--format=custom", "--file", file, url.replacingOccurrences(of: "?tlsmode=disable", with: "")]
            do { try dump.run() } catch {
                throw ValidationError("pg_dump was not found: install the PostgreSQL client, then run pg_dump --format=custom --file \(file) <database URL>")
            }
            dump.waitUntilExit()
            guard dump.terminationStatus == 0 else { throw ExitCode(dump.terminationStatus) }
            print("PostgreSQL backup written to \(file) (restore with pg_restore --dbname <empty database> \(file))")
            return
        }
        guard case .sqliteFile = location else { throw ValidationError("An in-memory database cannot be backed up") }
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        let live = try await Runtime.withApp(location) { app in
            do { try await Backup.sqlite(into: path, on: app.db) } catch let failure as Backup.Failure { throw ValidationError(failure.description) }
            return try await Backup.tableCounts(on: app.db)
        }
        // Open the copy as a restore would, and check it before calling it a backup.
        let (copy, chain) = try await Runtime.withApp(.sqliteFile(path)) { app in
            (try await Backup.tableCounts(on: app.db), try await AuditLog.verify(on: app.db))
        }
        guard case .intact(let entries) = chain else {
            throw ValidationError("The backup's audit chain does not verify: \(chain)")
        }
        let rows = copy.values.reduce(0, +)
        print("Backup written to \(path): \(copy.count) tables, \(rows) rows (the live database had \(live.values.reduce(0, +)) a moment later), audit chain intact (\(entries) entries).")
        print("Restore: stop Waymark, copy the file into place (remove any -wal and -shm files beside the old one), start Waymark.")
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data from the national case system.", subcommands: [Caseload.self])

    struct Caseload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a caseload extract (CSV): people and their orders. Bad rows are listed by line; the rest are imported, a batch per transaction. Importing the same file again updates, never duplicates.",
            discussion: "Columns (any order, header names matched without regard to case or spaces): \(CaseloadImport.requiredColumns.joined(separator: ", ")); optional: \(CaseloadImport.optionalColumns.joined(separator: ", ")). Dates are YYYY-MM-DD; the practitioner is their email address.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Argument(help: "The CSV file.") var file: String
        @ArgumentParser.Option(help: "Rows per transaction.") var batchSize = 5000

        func run() async throws {
            guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
            try await Runtime.withApp(try db.location()) { app in
                let summary: CaseloadImporter.Summary
                do {
                    summary = try await CaseloadImporter.run(file: file, actorID: CLIPerson.operator, today: CalendarDate(Date()), batchSize: batchSize,
                                                             gate: WriteGate(), on: app.db) { s in
                        let rate = s.seconds > 0 ? Int(Double(s.rows) / s.seconds) : 0
                        FileHandle.standardError.write(Data("\r\(s.rows) rows read, \(s.created) new, \(s.updated) updated, \(s.errors.count) refused (\(rate) rows/s)".utf8))
                    }
                } catch let failure as CaseloadImporter.Failure {
                    throw ValidationError(failure.description)
                }
                FileHandle.standardError.write(Data("\n".utf8))
                for error in summary.errors.prefix(1000) { print(error.description) }
                if summary.errors.count > 1000 { print("… and \(summary.errors.count - 1000) more refused rows") }
                let rate = summary.seconds > 0 ? Int(Double(summary.rows) / summary.seconds) : 0
                print("\(summary.rows) rows: \(summary.created) people added, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.errors.count) refused, in \(String(format: "%.2f", summary.seconds)) s (\(rate) rows/s).")
                if !summary.errors.isEmpty { throw ExitCode(3) }
            }
        }
    }
}

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Propose the best matches for the waiting list (a proposal: a coordinator confirms it in Waymark).")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Flag(help: "Match the whole waiting list at once, maximising the total score under mentor capacities.") var bulk = false
    @ArgumentParser.Option(help: "An area's id or name; every area when left out.") var area: String?

    func run() async throws {
        guard bulk else { throw ValidationError("Only --bulk is available: suggestions for one referral are on its page and at /api/v1/referrals/{id}/suggestions") }
        try await Runtime.withApp(try db.location()) { app in
            let areas: [AreaInfo]
            if let area {
                guard let found = try await OrganisationRepository.findArea(area, on: app.db) else { throw ValidationError("No area called '\(area)'") }
                areas = [found]
            } else {
                areas = try await OrganisationRepository.areas(on: app.db)
            }
            let today = CalendarDate(Date())
            for area in areas {
                let start = ContinuousClock.now
                let proposal = try await WaymarkWeb.bulkProposal(area: area.id, today: today, on: app.db)
                let elapsed = ContinuousClock.now - start
                print("\(area.name): \(proposal.count) matches proposed, total score \(proposal.map(\.score).reduce(0, +)) (\(elapsed))")
                for pair in proposal {
                    print("  referral \(pair.referralID)  mentor \(pair.mentorID)  score \(pair.score)")
                }
            }
        }
    }
}

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Benchmarks (see Benchmarks/ and docs/performance.md).",
                                                    subcommands: [Matching.self, Report.self])

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time one area's annual report, built as the page builds it; print each run and the area's figures.",
            discussion: "Used by Benchmarks/report/run.sh, which runs the same aggregate as one SQL query in the sqlite3 shell.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "The area's id or name.") var area: String
        @ArgumentParser.Option(help: "The year the reporting year starts in.") var year: Int
        @ArgumentParser.Option(help: "How many times to build it (the first warms the caches).") var runs = 5

        func run() async throws {
            guard (1...100).contains(runs) else { throw ValidationError("--runs must be from 1 to 100") }
            try await Runtime.withApp(try db.location()) { app in
                do {
                    let result = try await ReportExport.benchmark(area: area, year: year, today: CalendarDate(Date()), runs: runs, on: app.db)
                    for (n, ms) in result.millis.enumerated() { print("run \(n + 1): \(String(format: "%.1f", ms)) ms") }
                    let sorted = result.millis.sorted()
                    print("median: \(String(format: "%.1f", sorted[sorted.count / 2])) ms")
                    for key in result.current.keys.sorted() {
                        print("figure \(key) \(result.current[key]!) \(result.previous[key].map { String($0) } ?? "-")")
                    }
                } catch let failure as ReportExport.Failure {
                    throw ValidationError(failure.description)
                }
            }
        }
    }

    struct Matching: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time exact bulk matching on an instance written by Benchmarks/matching/generate.py.")
        @ArgumentParser.Argument(help: "The instance file.") var file: String

        func run() async throws {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("Cannot read \(file)") }
            print(MatchingInstance.benchmarkReport(text: text))
        }
    }
}
