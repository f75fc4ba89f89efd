import Fluent
import Vapor
import WaymarkCore
import WaymarkStore


/// The RAR ledger of an order: gathers its activities and asks `RARRule`.
enum RARService {
    static func lines(for order: Order, on db: any Database) async throws -> [RARActivity] {
        var lines: [RARActivity] = []
        let attendance = try await AttendanceRepository.forOrders([order.id], on: db)
        let booked = try await SessionRepository.bookings(orderIDs: [order.id], on: db)
        let sessions = try await SessionRepository.find(ids: attendance.map(\.sessionID) + booked.map(\.1.id), on: db)
        let interventions = try await InterventionRepository.find(ids: sessions.values.map(\.interventionID), on: db)
        // Only RAR interventions earn RAR days; other sessions (a first appointment) never do.
        for a in attendance {
            guard let s = sessions[a.sessionID], let i = interventions[s.interventionID], i.isRAR else { continue }
            lines.append(RARActivity(date: s.date, kind: .groupSession, outcome: a.record.outcome, title: i.name))
        }
        let recorded = Set(attendance.map(\.sessionID))
        for (_, s) in booked where !recorded.contains(s.id) && s.state != .cancelled {
            guard let i = interventions[s.interventionID], i.isRAR else { continue }
            lines.append(RARActivity(date: s.date, kind: .groupSession, outcome: nil, title: i.name))
        }
        for h in try await AttendanceRepository.rarActivities(orderIDs: [order.id], on: db) {
            lines.append(h.activity)
        }
        return lines.sorted { $0.date < $1.date }
    }

    static func ledger(for order: Order, person: Person, today: CalendarDate, on db: any Database) async throws -> (RARLedger, [RARActivity])? {
        guard let total = order.details.rarDays else { return nil }
        let settings = try await SettingsRepository.settings(areaID: person.details.areaID, on: db)
        let lines = try await lines(for: order, on: db)
        let ledger = RARRule.ledger(totalDays: total, activities: lines, basis: settings.rarCountingBasis, today: today,
                                    orderEnd: order.details.endDate, orderActive: order.details.outcome == .active)
        return (ledger, lines)
    }

    /// Loads an order the user may see, with its person.
    static func load(orderID: String, for capability: Capability, on req: Request) async throws -> (Order, Person) {
        guard let order = try await OrderRepository.find(id: orderID, on: req.db) else { throw Abort(.notFound) }
        let (person, _) = try await PeopleService.load(order.personID, for: capability, action: nil, on: req)
        return (order, person)
    }

    /// A one-to-one RAR activity, an assessment, or another provider's activity, recorded by the practitioner.
    static func record(orderID: String, _ draft: RARActivityDraft, on req: Request) async throws {
        let user = try req.user
        let (order, person) = try await load(orderID: orderID, for: .editOrders, on: req)
        guard let (ledger, lines) = try await ledger(for: order, person: person, today: req.today, on: req.db) else {
            throw ValidationFailure([FieldError("kind", "This order has no RAR: record RAR days on the order first")])
        }
        let (activity, notes) = try draft.validated(today: req.today, orderStart: order.details.startDate)
        if activity.kind.counts, activity.outcome?.earnsCredit == true {
            try RARRule.checkCredit(ledger, on: activity.date, creditedDates: RARRule.creditedDates(lines))
        }
        let at = req.now
        try await SessionService.audited("rar.record", recordType: "order", recordID: order.id, personID: person.id, detail: activity.kind.rawValue, on: req) { tx in
            try await AttendanceRepository.addRARActivity(orderID: order.id, date: activity.date, kind: activity.kind, outcome: activity.outcome!, notes: notes,
                                                          by: user.id, at: at, on: tx)
        }
    }
}
