import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

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
