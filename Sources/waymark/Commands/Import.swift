import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data from the national case system.", subcommands: [Caseload.self, Organisation.self])

    struct Organisation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a provider's areas, probation delivery units and offices (CSV), in one transaction. Bad rows are listed by line and nothing else changes on them; importing again updates, never duplicates.",
            discussion: "Columns (any order, names matched without regard to case or spaces): \(OrganisationImport.requiredColumns.joined(separator: ", ")); optional: \(OrganisationImport.optionalColumns.joined(separator: ", ")). One row per office; a delivery unit with no office has empty site, address and postcode.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Argument(help: "The CSV file.") var file: String

        func run() async throws {
            try await Runtime.withApp(try db.location()) { app in
                let summary: OrganisationImporter.Summary
                do {
                    summary = try await OrganisationImporter.run(file: file, actorID: CLIPerson.operator, at: Date(), gate: app.writeGate, on: app.db)
                } catch let failure as OrganisationImporter.Failure {
                    throw ValidationError(failure.description)
                }
                for error in summary.errors { print(error.description) }
                print("\(summary.areasAdded) areas added, \(summary.areasUpdated) updated; \(summary.unitsAdded) delivery units added; \(summary.sitesAdded) sites added, \(summary.sitesUpdated) updated; \(summary.errors.count) rows refused.")
                if !summary.errors.isEmpty { throw ExitCode(3) }
            }
        }
    }

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
