import Fluent
import Foundation
import WaymarkCore

/// Writes checked caseload rows: a person per CRN (created, or updated when the extract says
/// something new) and their order (matched on type and start date). New rows go in multi-row
/// INSERTs (`BulkInsert`); every person written gets its audit entry in the same transaction.
public enum CaseloadImportRepository {
    public struct BatchResult: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var refused: [CaseloadRowError] = []
        public init() {}
    }

    /// Runs inside the caller's transaction.
    public static func write(_ records: [CaseloadRecord], actorID: String, at now: Date, on db: any Database) async throws -> BatchResult {
        var result = BatchResult()
        let existing = Dictionary(try await PersonModel.query(on: db).filter(\.$crn ~~ records.map(\.crn.value)).all().map { ($0.crn!, $0) },
                                  uniquingKeysWith: { a, _ in a })
        let frozen = Set(try await PersonProtectionModel.query(on: db).filter(\.$person.$id ~~ existing.values.compactMap(\.id)).all()
            .filter { $0.restrictedOn != nil || $0.anonymisedOn != nil }.map { $0.$person.id })
        var newPeople: [PersonModel] = []
        var changedPeople: [PersonModel] = []
        var written: [(record: CaseloadRecord, personID: UUID, created: Bool)] = []
        for record in records {
            if let model = existing[record.crn.value] {
                guard !frozen.contains(model.id!) else {
                    result.refused.append(.init(line: record.line, messages: ["CRN \(record.crn.value): the record is restricted or anonymised, so it was not changed"]))
                    continue
                }
                let before = PeopleRepository.person(model)
                // A blank practitioner in the extract leaves the allocation as it is.
                let practitioner = record.practitionerID ?? model.$practitioner.id?.uuidString
                if before?.details != record.person || before?.practitionerID != practitioner {
                    PeopleRepository.apply(record.person, practitionerID: practitioner, to: model)
                    model.version += 1
                    changedPeople.append(model)
                }
                written.append((record, model.id!, false))
            } else {
                let model = PersonModel()
                model.id = UUID()
                PeopleRepository.apply(record.person, practitionerID: record.practitionerID, to: model)
                model.version = 1
                newPeople.append(model)
                written.append((record, model.id!, true))
            }
        }
        var peopleRows = BulkInsert("people", columns: ["id", "crn", "first_name", "last_name", "sort_name", "date_of_birth", "gender", "area_id",
                                                        "delivery_unit_id", "practitioner_id", "version", "created_at", "updated_at"], on: db)
        for m in newPeople {
            try await peopleRows.add([m.id!, m.crn, m.firstName, m.lastName, m.sortName, m.dateOfBirth, m.gender, m.$area.id, m.$deliveryUnit.id,
                                      m.$practitioner.id, m.version, now, now])
        }
        try await peopleRows.flush()
        for model in changedPeople { try await model.save(on: db) }

        // Orders: the one with the same type and start date is the same order.
        let ids = written.map(\.personID)
        var orders: [String: OrderModel] = [:]
        for o in try await OrderModel.query(on: db).filter(\.$person.$id ~~ ids).all() {
            orders["\(o.$person.id.uuidString)|\(o.type)|\(o.startDate)"] = o
        }
        var newOrders: [OrderModel] = []
        var changedOrderPeople = Set<UUID>()
        for item in written {
            let key = "\(item.personID.uuidString)|\(item.record.order.type.rawValue)|\(item.record.order.startDate.iso)"
            if let model = orders[key], let current = OrderRepository.order(model) {
                // The extract says nothing of other requirements or breach: keep what Waymark holds.
                var details = item.record.order
                details.requirements = current.details.requirements.filter { $0 != .rehabilitationActivity } + details.requirements
                details.openBreach = current.details.openBreach
                if details != current.details {
                    OrderRepository.apply(details, to: model)
                    model.version += 1
                    try await model.save(on: db)
                    changedOrderPeople.insert(item.personID)
                }
            } else {
                let model = OrderModel()
                model.$person.id = item.personID
                OrderRepository.apply(item.record.order, to: model)
                model.version = 1
                newOrders.append(model)
                changedOrderPeople.insert(item.personID)
            }
        }
        var orderRows = BulkInsert("orders", columns: ["id", "person_id", "type", "start_date", "expected_end_date", "actual_end_date", "outcome",
                                                       "requirements", "rar_days", "open_breach", "version", "created_at", "updated_at"], on: db)
        for m in newOrders {
            try await orderRows.add([UUID(), m.$person.id, m.type, m.startDate, m.expectedEndDate, m.actualEndDate, m.outcome, m.requirements,
                                     m.rarDays, m.openBreach, m.version, now, now])
        }
        try await orderRows.flush()

        let changed = Set(changedPeople.compactMap(\.id)).union(changedOrderPeople)
        var audit: [AuditRecord] = []
        for item in written {
            if item.created {
                result.created += 1
            } else if changed.contains(item.personID) {
                result.updated += 1
            } else {
                result.unchanged += 1
                continue
            }
            audit.append(AuditRecord(actorID: actorID, action: "person.import", recordType: "person", recordID: item.personID.uuidString,
                                     personID: item.personID.uuidString, detail: item.created ? "created, line \(item.record.line)" : "updated, line \(item.record.line)"))
        }
        try await AuditLog.appendBatch(audit, at: now, on: db)
        return result
    }
}
