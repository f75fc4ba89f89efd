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
        subcommands: [Serve.self, Setup.self, Migrate.self, Users.self, Tokens.self, Demo.self, Export.self, Audit.self, MatchCommand.self, Retention.self, Protect.self, BackupCommand.self, Import.self, Bench.self]
    )
}
