import ArgumentParser
import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore
import WaymarkWeb

struct Protect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restrict a disputed record (it can be read, not changed) or hold it from retention; or lift either. A reason is always needed.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Option(help: "The person's CRN.") var crn: String
    @ArgumentParser.Option(help: "One of: \(ProtectionAction.allCases.map(\.rawValue).joined(separator: ", ")).") var action: String
    @ArgumentParser.Option(help: "Why, for the record and the audit log.") var reason: String

    func run() async throws {
        guard let chosen = ProtectionAction(rawValue: action) else {
            throw ValidationError("--action must be one of: \(ProtectionAction.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try await Runtime.withApp(try db.location()) { app in
            guard let person = try await CLIPerson.find(crn: crn, on: app.db) else { return }
            do {
                let status = try await DataProtectionService.protect(personID: person.id, action: chosen, reason: reason, expectedVersion: nil,
                                                                     actorID: CLIPerson.operator, at: Date(), gate: WriteGate(), on: app.db)
                print("\(chosen.label): done. Restricted: \(status.isRestricted ? "yes" : "no"); legal hold: \(status.legalHold == nil ? "no" : "yes").")
            } catch let failure as ValidationFailure {
                throw ValidationError(failure.errors.map(\.message).joined(separator: "; "))
            }
        }
    }
}
