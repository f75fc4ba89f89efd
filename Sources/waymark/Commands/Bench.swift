import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

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
