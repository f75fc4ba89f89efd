import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions

    func run() async throws {
        try await Runtime.withApp(try db.location()) { _ in print("Database is up to date.") }
    }
}
