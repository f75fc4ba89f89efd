import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// What a command's body records besides its own writes: the audit entries for the records
/// and people it touched, and the notifications it queues. Made inside the transaction and
/// used by that one task only, hence @unchecked Sendable.
final class CommandEffects: @unchecked Sendable {
    let tx: any Database
    let at: Date
    let actorID: String
    fileprivate(set) var audits: [AuditRecord] = []
    fileprivate(set) var notifications: [(to: String, kind: String, subject: String, body: String, link: String?)] = []

    init(tx: any Database, at: Date, actorID: String) {
        self.tx = tx
        self.at = at
        self.actorID = actorID
    }

    /// One audit entry; `person` when the record is about a person, so "who viewed or changed
    /// this person" finds it.
    func audit(_ action: String, _ recordType: String, _ recordID: String, person: String? = nil, detail: String = "") {
        audits.append(AuditRecord(actorID: actorID, action: action, recordType: recordType, recordID: recordID, personID: person, detail: detail))
    }

    /// A message to a user, sent by the outbox worker after the command commits.
    func notify(user: String, kind: String, subject: String, body: String, link: String?) {
        notifications.append((user, kind, subject, body, link))
    }
}

/// The one path a state change takes: capability, write gate, one transaction, the body's
/// writes, its audit entries and notifications in the same transaction, then the result.
/// Nothing is half-written: any error rolls all of it back.
enum Command {
    struct Unaudited: Error {}

    /// For the CLI and background jobs, which have no request: who did it, and when.
    static func run<T: Sendable>(gate: WriteGate, db: any Database, actorID: String, at: Date,
                                 _ body: @escaping @Sendable (CommandEffects) async throws -> T) async throws -> T {
        try await gate.write(on: db) { tx in
            let effects = CommandEffects(tx: tx, at: at, actorID: actorID)
            let value = try await body(effects)
            // A change nobody could trace is a bug, not a shortcut.
            guard !effects.audits.isEmpty else { throw Unaudited() }
            for record in effects.audits { try await AuditLog.append(record, at: at, on: tx) }
            for n in effects.notifications {
                try await NotificationRepository.enqueue(to: n.to, kind: n.kind, subject: n.subject, body: n.body, link: n.link, at: at, on: tx)
            }
            return value
        }
    }

    /// A signed-in user's command: refused (403) unless their role has the capability. Scope
    /// (which records) is the service's to check against Policy before it calls this.
    static func run<T: Sendable>(_ req: Request, _ user: CurrentUser, needs capability: Capability,
                                 _ body: @escaping @Sendable (CommandEffects) async throws -> T) async throws -> T {
        guard Policy.permits(user.role, capability) else { throw Abort(.forbidden, reason: "Your role does not allow this") }
        return try await run(gate: req.application.writeGate, db: req.db, actorID: user.id, at: req.now, body)
    }

    /// A command by someone not yet signed in (accepting an invitation, resetting a password):
    /// the actor is the account the link belongs to.
    static func run<T: Sendable>(_ req: Request, actorID: String, _ body: @escaping @Sendable (CommandEffects) async throws -> T) async throws -> T {
        try await run(gate: req.application.writeGate, db: req.db, actorID: actorID, at: req.now, body)
    }
}
