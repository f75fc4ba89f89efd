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
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            let order = try await OrderRepository.create(details, personID: person.id, on: tx)
            effects.audit("order.create", "order", order.id, person: person.id)
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
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            guard let saved = try await OrderRepository.update(id: order.id, details, expectedVersion: version, on: tx)
            else { throw Abort(.notFound) }
            try await DataProtectionRepository.recordCorrections(changes, personID: person.id, recordType: "order", recordID: saved.id,
                                                                 reason: reason, by: user.id, at: at, on: tx)
            effects.audit("order.update", "order", saved.id, person: person.id, detail: "version \(saved.version)")
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
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            let previous = try await RiskRepository.history(personID: person.id, on: tx).first
            let saved = try await RiskRepository.record(details, personID: person.id, recordedByID: user.id,
                                                        basedOnVersion: basedOnVersion, on: tx)
            effects.audit("risk.record", "riskAssessment", saved.id, person: person.id, detail: details.changes(from: previous?.details).joined(separator: "; "))
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
                effects.audit("mentor.move", "mentor", mentor.id, person: person.id, detail: "\(mentor.state.rawValue) → suspended")
            }
            return saved
        }
    }
}
