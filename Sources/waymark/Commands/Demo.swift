import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

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
