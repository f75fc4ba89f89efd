import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a user; prints it on the last line. It is shown once.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "The user's email address.") var email: String
        @ArgumentParser.Option(help: "Days until the token expires (1 to \(APITokenRules.allowedDays.upperBound)).") var expiresIn = APITokenRules.defaultDays
        @ArgumentParser.Option(help: "What the token is for, shown in the user's list of tokens.") var name = "Command-line token"

        func run() async throws {
            try await Runtime.withApp(try db.location()) { app in
                guard let user = try await UserRepository.findModel(email: email, on: app.db) else {
                    throw ValidationError("No user with email \(email)")
                }
                let now = Date()
                let expires: Date
                do { expires = try APITokenRules.expiry(days: expiresIn, from: now) } catch {
                    throw ValidationError((error as? ValidationFailure)?.errors.map(\.message).joined(separator: "; ") ?? "\(error)")
                }
                guard user.active else { throw ValidationError("\(user.email) is deactivated") }
                let token = try await Installation.createToken(userID: user.id!.uuidString, name: name, expiresAt: expires,
                                                               actorID: CLIPerson.operator, at: now, app: app)
                print("API token for \(user.email), expires \(CalendarDate(expires).long) (keep it secret; it is not shown again):")
                print(token)
            }
        }
    }
}
