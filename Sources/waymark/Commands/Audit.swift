import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

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
