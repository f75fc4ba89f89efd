import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [Create.self, Deactivate.self, ResetLink.self])

    struct ResetLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-link",
            abstract: "Print a single-use link for someone to choose a new password (1 hour), or to answer their invitation (72 hours), to pass on by hand.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "Email address of the account.") var email: String
        @ArgumentParser.Option(help: "The address people use, like https://waymark.example.org (also WAYMARK_PUBLIC_URL).") var publicURL: String?

        func run() async throws {
            try await Runtime.withApp(try db.location()) { app in
                guard let path = try await Installation.resetLink(email: email, actorID: CLIPerson.operator, at: Date(), app: app) else {
                    throw ValidationError("No active account with the email address \(email)")
                }
                let base = (publicURL ?? Environment.get("WAYMARK_PUBLIC_URL") ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                print("Single-use link for \(email) (any earlier one no longer works):")
                print(base.isEmpty ? path : base + path)
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a leaver's account: they can no longer sign in, their sessions stop working and their API tokens are revoked.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "Email address of the account.") var email: String

        func run() async throws {
            try await Runtime.withApp(try db.location()) { app in
                guard let user = try await UserRepository.findModel(email: email, on: app.db), let id = user.id else {
                    throw ValidationError("No user with the email address \(email)")
                }
                let tokens = try await WriteGate().write(on: app.db) { tx in
                    let revoked = try await UserRepository.deactivate(id: id.uuidString, on: tx)
                    try await AuditLog.append(AuditRecord(actorID: CLIPerson.operator, action: "user.deactivate", recordType: "user",
                                                          recordID: id.uuidString, personID: nil, detail: "\(revoked) API tokens revoked"), at: Date(), on: tx)
                    return revoked
                }
                print("Deactivated \(user.email); \(tokens) API tokens revoked.")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user. The password is read from standard input.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "Email address; used to sign in.") var email: String
        @ArgumentParser.Option(help: "Full name.") var name: String
        @ArgumentParser.Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @ArgumentParser.Option(help: "An area's id or name; repeat for several areas.") var area: [String] = []

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("Unknown role '\(self.role)'. Use one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let password = (readLine(strippingNewline: true) ?? "")
            let problems = Installation.passwordProblems(password, email: email, name: name)
            guard problems.isEmpty else { throw ValidationError(problems.map { "password: \($0.message)" }.joined(separator: "\n")) }
            try await Runtime.withApp(try db.location()) { app in
                var areaIDs: [String] = []
                for a in area {
                    guard let found = try await OrganisationRepository.findArea(a, on: app.db) else {
                        throw ValidationError("No area called '\(a)'. Areas: " + (try await OrganisationRepository.areas(on: app.db)).map(\.name).joined(separator: "; "))
                    }
                    areaIDs.append(found.id)
                }
                do {
                    let user = try await UserRepository.create(email: email, name: name, role: role, password: password,
                                                               areaIDs: areaIDs, bcryptCost: app.waymark.bcryptCost, on: app.db)
                    print("Created \(user.role.rawValue) \(user.email) (id \(user.id))")
                } catch let failure as ValidationFailure {
                    throw ValidationError(failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
                }
            }
        }
    }
}
