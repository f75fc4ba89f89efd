import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

enum OrdersService {
    static func create(_ draft: OrderDraft, personID: String, on req: Request) async throws -> Order {
        let user = try req.user
        let (person, _) = try await PeopleService.load(personID, for: .editOrders, action: nil, on: req)
        let details = try draft.validated(today: req.today)
        let at = req.now
        return try await req.write { tx in
            let order = try await OrderRepository.create(details, personID: person.id, on: tx)
            try await AuditLog.append(AuditRecord(actorID: user.id, action: "order.create", recordType: "order",
                                                  recordID: order.id, personID: person.id), at: at, on: tx)
            return order
        }
    }

    /// The order and its person, when the user may act on it for `capability`; otherwise 404.
    static func load(_ orderID: String, for capability: Capability, action: String?, on req: Request) async throws -> (Order, Person) {
        guard let order = try await OrderRepository.find(id: orderID, on: req.db) else { throw Abort(.notFound) }
        let (person, _) = try await PeopleService.load(order.personID, for: capability, action: action, on: req)
        return (order, person)
    }

    static func update(_ orderID: String, _ draft: OrderDraft, version: Int, reason: String? = nil, on req: Request) async throws -> Order {
        let user = try req.user
        let (order, person) = try await load(orderID, for: .editOrders, action: nil, on: req)
        let details = try draft.validated(today: req.today)
        let reason = try PeopleService.correctionReason(reason)
        let changes = Corrections.changes(from: order.details, to: details)
        let at = req.now
        return try await req.write { tx in
            guard let saved = try await OrderRepository.update(id: order.id, details, expectedVersion: version, on: tx)
            else { throw Abort(.notFound) }
            try await DataProtectionRepository.recordCorrections(changes, personID: person.id, recordType: "order", recordID: saved.id,
                                                                 reason: reason, by: user.id, at: at, on: tx)
            try await AuditLog.append(AuditRecord(actorID: user.id, action: "order.update", recordType: "order",
                                                  recordID: saved.id, personID: person.id,
                                                  detail: "version \(saved.version)"), at: at, on: tx)
            return saved
        }
    }
}

enum RiskService {
    static func record(_ draft: RiskDraft, personID: String, basedOnVersion: Int, on req: Request) async throws -> RiskAssessment {
        let user = try req.user
        let (person, _) = try await PeopleService.load(personID, for: .recordRisk, action: nil, on: req)
        let details = try draft.validated(today: req.today)
        let (at, today) = (req.now, req.today)
        return try await req.write { tx in
            let previous = try await RiskRepository.history(personID: person.id, on: tx).first
            let saved = try await RiskRepository.record(details, personID: person.id, recordedByID: user.id,
                                                        basedOnVersion: basedOnVersion, on: tx)
            try await AuditLog.append(AuditRecord(actorID: user.id, action: "risk.record", recordType: "riskAssessment",
                                                  recordID: saved.id, personID: person.id,
                                                  detail: details.changes(from: previous?.details).joined(separator: "; ")),
                                      at: at, on: tx)
            if details.isMaterialChange(from: previous?.details) {
                try await MatchService.reviewAfterRiskChange(person: person, reason: "Risk changed: " + details.changes(from: previous?.details).joined(separator: "; "),
                                                             at: at, on: tx)
            }
            // A mentor whose risk changes is suspended until the coordinator has reviewed it.
            if details.isMaterialChange(from: previous?.details),
               let mentor = try await MentorRepository.find(personID: person.id, on: tx), mentor.state.isSuspendable {
                let reason = "Risk changed: " + details.changes(from: previous?.details).joined(separator: "; ")
                _ = try await MentorRepository.move(id: mentor.id, to: .suspended, reason: reason, destination: nil,
                                                    expectedVersion: mentor.version, by: user.id, at: at, today: today, on: tx)
                try await AuditLog.append(AuditRecord(actorID: user.id, action: "mentor.move", recordType: "mentor", recordID: mentor.id,
                                                      personID: person.id, detail: "\(mentor.state.rawValue) → suspended"), at: at, on: tx)
            }
            return saved
        }
    }
}
