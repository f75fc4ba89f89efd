import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

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
