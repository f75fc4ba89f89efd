import Fluent
import Foundation
import WaymarkCore

/// A recorded attendance, with the practitioner's enforcement decision once made.
public struct StoredAttendance: Sendable, Equatable, Identifiable {
    public let id: String
    public let sessionID: String
    public let personID: String
    public let orderID: String?
    public let record: AttendanceRecord
    public let recordedByID: String
    public let recordedAt: Date
    public let enforcement: EnforcementDecision?
    public let enforcementNotes: String?
    public let enforcementOn: CalendarDate?
    public let version: Int
}

/// Attendance, enforcement, feedback, and RAR activities recorded by hand.
public enum AttendanceRepository {
    static func attendance(_ m: AttendanceModel) -> StoredAttendance {
        let record = AttendanceRecord(outcome: AttendanceOutcome(rawValue: m.outcome) ?? .failedToAttend,
                                      absenceReason: m.absenceReason.flatMap(AbsenceReason.init(rawValue:)), late: m.late, lateReason: m.lateReason,
                                      behaviourNotes: m.behaviourNotes, tellPractitioner: m.tellPractitioner)
        return StoredAttendance(id: m.id!.uuidString, sessionID: m.$session.id.uuidString, personID: m.$person.id.uuidString,
                                orderID: m.orderID?.uuidString, record: record, recordedByID: m.recordedByID.uuidString, recordedAt: m.recordedAt,
                                enforcement: m.enforcementDecision.flatMap(EnforcementDecision.init(rawValue:)), enforcementNotes: m.enforcementNotes,
                                enforcementOn: m.enforcementOn.flatMap(CalendarDate.init(iso:)), version: m.version)
    }

    public static func record(_ r: AttendanceRecord, sessionID: String, personID: String, orderID: String?, by userID: String, at: Date,
                              on db: any Database) async throws -> StoredAttendance {
        let m = AttendanceModel()
        m.$session.id = UUID(uuidString: sessionID)!
        m.$person.id = UUID(uuidString: personID)!
        m.orderID = orderID.flatMap(UUID.init(uuidString:))
        m.outcome = r.outcome.rawValue
        m.absenceReason = r.absenceReason?.rawValue
        m.late = r.late
        m.lateReason = r.lateReason
        m.behaviourNotes = r.behaviourNotes
        m.tellPractitioner = r.tellPractitioner
        m.recordedByID = UUID(uuidString: userID)!
        m.recordedAt = at
        m.version = 1
        try await m.create(on: db)
        return attendance(m)
    }

    public static func find(id: String, on db: any Database) async throws -> StoredAttendance? {
        guard let uuid = UUID(uuidString: id), let m = try await AttendanceModel.find(uuid, on: db) else { return nil }
        return attendance(m)
    }

    public static func forSessions(_ sessionIDs: [String], on db: any Database) async throws -> [String: [StoredAttendance]] {
        let uuids = Array(Set(sessionIDs.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(grouping: try await AttendanceModel.query(on: db).filter(\.$session.$id ~~ uuids).all().map(attendance), by: \.sessionID)
    }

    public static func forOrders(_ orderIDs: [String], on db: any Database) async throws -> [StoredAttendance] {
        let uuids = orderIDs.compactMap { UUID(uuidString: $0) as UUID? }
        guard !uuids.isEmpty else { return [] }
        return try await AttendanceModel.query(on: db).filter(\.$orderID ~~ uuids).all().map(attendance)
    }

    /// Non-compliance on a practitioner's caseload still waiting for their decision.
    public static func awaitingEnforcement(practitionerID: String, on db: any Database) async throws -> [StoredAttendance] {
        guard let uuid = UUID(uuidString: practitionerID) else { return [] }
        let outcomes = AttendanceOutcome.allCases.filter(\.isNonCompliance).map(\.rawValue)
        return try await AttendanceModel.query(on: db).join(PersonModel.self, on: \AttendanceModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$practitioner.$id == uuid).filter(\.$outcome ~~ outcomes).filter(\.$enforcementDecision == nil)
            .sort(\.$recordedAt).all().map(attendance)
    }

    public static func decide(id: String, _ decision: EnforcementDecision, notes: String?, by userID: String, on date: CalendarDate,
                              expectedVersion: Int, on db: any Database) async throws -> StoredAttendance? {
        guard let uuid = UUID(uuidString: id), let m = try await AttendanceModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        m.enforcementDecision = decision.rawValue
        m.enforcementNotes = notes
        m.enforcementByID = UUID(uuidString: userID)
        m.enforcementOn = date.iso
        m.version += 1
        try await m.save(on: db)
        return attendance(m)
    }

    // MARK: Feedback

    public static func addFeedback(_ f: Feedback, sessionID: String, by userID: String, at: Date, on db: any Database) async throws {
        let m = SessionFeedbackModel()
        m.$session.id = UUID(uuidString: sessionID)!
        m.before = f.before
        m.after = f.after
        m.comment = f.comment
        m.enteredByID = UUID(uuidString: userID)!
        m.createdAt = at
        try await m.create(on: db)
    }

    public static func feedback(sessionIDs: [String], on db: any Database) async throws -> [String: [Feedback]] {
        let uuids = Array(Set(sessionIDs.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(grouping: try await SessionFeedbackModel.query(on: db).filter(\.$session.$id ~~ uuids).sort(\.$createdAt).all(),
                          by: { $0.$session.id.uuidString }).mapValues { $0.map { Feedback(before: $0.before, after: $0.after, comment: $0.comment) } }
    }

    /// Every feedback entry for sessions in these areas, with its session: for uplift by intervention, site, unit and year.
    public static func feedbackWithSessions(areas: Set<String>, on db: any Database) async throws -> [(GroupSession, Feedback)] {
        let rows = try await SessionFeedbackModel.query(on: db).join(GroupSessionModel.self, on: \SessionFeedbackModel.$session.$id == \GroupSessionModel.$id)
            .filter(GroupSessionModel.self, \.$area.$id ~~ areas.compactMap(UUID.init(uuidString:))).all()
        return try rows.map { (SessionRepository.session(try $0.joined(GroupSessionModel.self)), Feedback(before: $0.before, after: $0.after, comment: $0.comment)) }
    }

    // MARK: RAR activities recorded by hand (one-to-one work, assessments, other providers' activities)

    public struct HandRecorded: Sendable, Equatable {
        public let id: String
        public let orderID: String
        public let activity: RARActivity
        public let notes: String?
    }

    public static func addRARActivity(orderID: String, date: CalendarDate, kind: RARActivityKind, outcome: AttendanceOutcome, notes: String?,
                                      by userID: String, at: Date, on db: any Database) async throws {
        let m = RARActivityModel()
        m.$order.id = UUID(uuidString: orderID)!
        m.date = date.iso
        m.kind = kind.rawValue
        m.outcome = outcome.rawValue
        m.notes = notes
        m.recordedByID = UUID(uuidString: userID)!
        m.createdAt = at
        try await m.create(on: db)
    }

    public static func rarActivities(orderIDs: [String], on db: any Database) async throws -> [HandRecorded] {
        let uuids = orderIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return try await RARActivityModel.query(on: db).filter(\.$order.$id ~~ uuids).sort(\.$date).all().map {
            HandRecorded(id: $0.id!.uuidString, orderID: $0.$order.id.uuidString,
                         activity: RARActivity(date: CalendarDate(iso: $0.date)!, kind: RARActivityKind(rawValue: $0.kind) ?? .other,
                                               outcome: AttendanceOutcome(rawValue: $0.outcome), title: RARActivityKind(rawValue: $0.kind)?.label ?? ""),
                         notes: $0.notes)
        }
    }
}
