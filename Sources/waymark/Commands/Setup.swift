import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

/// The first command of a real installation: the provider and its first administrator.
struct Setup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set up a new installation: the provider and its first administrator (password read from standard input).",
        discussion: "Refuses once an administrator exists. The administrator then signs in, sets up two-step sign-in, and adds areas, delivery units, sites and users in the browser.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Option(help: "The organisation running the service.") var provider: String
    @ArgumentParser.Option(help: "The first administrator's email address.") var adminEmail: String
    @ArgumentParser.Option(help: "The first administrator's full name.") var adminName: String

    func run() async throws {
        do { try await setUp() } catch let refusal as SetupRefusal {
            FileHandle.standardError.write(Data(("Error: " + refusal.description + "\n").utf8))
            throw ExitCode(2)
        }
    }

    func setUp() async throws {
        let password = readLine(strippingNewline: true) ?? ""
        try await Runtime.withApp(try db.location()) { app in
            if try await InstallationRepository.isDemo(on: app.db) {
                throw SetupRefusal("This database holds demo data: set up a real installation in a new database")
            }
            if try await InstallationRepository.activeAdministrators(on: app.db) > 0 {
                throw SetupRefusal("This installation is already set up: it has an administrator. Add people in the browser (Users), or with `waymark users create`.")
            }
            do {
                let (provider, admin) = try await Installation.setUp(provider: provider, email: adminEmail, name: adminName, password: password,
                                                                     actorID: CLIPerson.operator, at: Date(), app: app)
                print("Set up \(provider.name) with administrator \(admin.email) (id \(admin.id)).")
                print("Next: start `waymark serve`, sign in as \(admin.email), set up two-step sign-in, then add your areas and users.")
            } catch let failure as ValidationFailure {
                throw SetupRefusal(failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
            }
        }
    }
}

/// Printed on standard error with exit status 2, as other refusals are.
struct SetupRefusal: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
