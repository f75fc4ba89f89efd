import Fluent
import Foundation
import WaymarkCore

public enum OrderRepository {
    public static func order(_ model: OrderModel) -> Order? {
        guard let type = OrderType(rawValue: model.type), let outcome = OrderOutcome(rawValue: model.outcome),
              let start = CalendarDate(iso: model.startDate), let expected = CalendarDate(iso: model.expectedEndDate)
        else { return nil }
        let requirements = model.requirements.split(separator: ",").compactMap { Requirement(rawValue: String($0)) }
        let details = OrderDetails(type: type, startDate: start, expectedEndDate: expected,
                                   actualEndDate: model.actualEndDate.flatMap(CalendarDate.init(iso:)), outcome: outcome,
                                   requirements: requirements, rarDays: model.rarDays, openBreach: model.openBreach)
        return Order(id: model.id!.uuidString, personID: model.$person.id.uuidString, details: details, version: model.version)
    }

    static func apply(_ details: OrderDetails, to model: OrderModel) {
        model.type = details.type.rawValue
        model.startDate = details.startDate.iso
        model.expectedEndDate = details.expectedEndDate.iso
        model.actualEndDate = details.actualEndDate?.iso
        model.outcome = details.outcome.rawValue
        model.requirements = details.requirements.map(\.rawValue).joined(separator: ",")
        model.rarDays = details.rarDays
        model.openBreach = details.openBreach
    }

    /// A person's orders, newest first.
    public static func orders(personID: String, on db: any Database) async throws -> [Order] {
        guard let uuid = UUID(uuidString: personID) else { return [] }
        return try await OrderModel.query(on: db).filter(\.$person.$id == uuid)
            .sort(\.$startDate, .descending).all().compactMap(order)
    }

    /// Orders of several people in one query, by person.
    public static func orders(personIDs: [String], on db: any Database) async throws -> [String: [Order]] {
        let uuids = personIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(grouping: try await OrderModel.query(on: db).filter(\.$person.$id ~~ uuids).sort(\.$startDate, .descending).all().compactMap(order),
                          by: \.personID)
    }

    public static func find(id: String, on db: any Database) async throws -> Order? {
        guard let uuid = UUID(uuidString: id), let model = try await OrderModel.find(uuid, on: db) else { return nil }
        return order(model)
    }

    public static func create(_ details: OrderDetails, personID: String, on db: any Database) async throws -> Order {
        let model = OrderModel()
        model.$person.id = UUID(uuidString: personID)!
        apply(details, to: model)
        model.version = 1
        try await model.create(on: db)
        return order(model)!
    }

    public static func update(id: String, _ details: OrderDetails, expectedVersion: Int, on db: any Database) async throws -> Order? {
        guard let uuid = UUID(uuidString: id), let model = try await OrderModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: model.version, submitted: expectedVersion)
        apply(details, to: model)
        model.version += 1
        try await model.save(on: db)
        return order(model)
    }
}
