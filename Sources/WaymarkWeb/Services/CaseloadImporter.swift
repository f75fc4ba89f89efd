import CSV
import Fluent
import Foundation
import WaymarkCore
import WaymarkStore

/// `waymark import caseload FILE.csv`: reads the extract as a stream, checks every row with
/// `CaseloadImport`, and writes the good ones a batch at a time, each batch one transaction.
public enum CaseloadImporter {
    public struct Summary: Sendable {
        public var rows = 0
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var errors: [CaseloadRowError] = []
        public var seconds = 0.0
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func run(file: String, actorID: String, today: CalendarDate, batchSize: Int = 5000, gate: WriteGate, on db: any Database,
                           progress: (Summary) -> Void = { _ in }) async throws -> Summary {
        guard let stream = InputStream(fileAtPath: file) else { throw Failure(description: "Cannot read \(file)") }
        let reader = try CSVReader(stream: stream, hasHeaderRow: true)
        guard let header = reader.headerRow else { throw Failure(description: "\(file) is empty: it needs a header row") }
        let areas = try await OrganisationRepository.areas(on: db).map(\.summary)
        var practitioners: [String: (id: String, areaIDs: Set<String>)] = [:]
        for user in try await UserRepository.all(on: db) where user.role == .practitioner && user.active {
            practitioners[user.email.lowercased()] = (user.id, user.areaIDs)
        }
        let checker: CaseloadImport
        do { checker = try CaseloadImport(header: header, places: .init(areas: areas, practitioners: practitioners), today: today) } catch {
            throw Failure(description: error.description)
        }
        let started = ContinuousClock.now
        var summary = Summary()
        var seen: [String: Int] = [:]
        var line = 1
        var done = false
        while !done {
            var rows: [(fields: [String], line: Int)] = []
            while rows.count < batchSize, let fields = reader.next() {
                line += 1
                if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                rows.append((fields, line))
            }
            done = rows.count < batchSize
            guard !rows.isEmpty else { break }
            let (records, errors) = checker.check(rows, seen: &seen)
            let at = Date()
            let result = try await gate.write(on: db) { tx in
                try await CaseloadImportRepository.write(records, actorID: actorID, at: at, on: tx)
            }
            summary.rows += rows.count
            summary.created += result.created
            summary.updated += result.updated
            summary.unchanged += result.unchanged
            summary.errors += errors + result.refused
            let elapsed = ContinuousClock.now - started
            summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            progress(summary)
        }
        summary.errors.sort { $0.line < $1.line }
        return summary
    }
}
