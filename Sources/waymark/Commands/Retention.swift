import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

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
