import Fluent
import Foundation
import WaymarkCore

/// Hours, expenses, supervision, employment steps and further offences: the records that hang
/// off a mentor and are only ever added to (expenses also get a decision).
public enum VolunteeringRepository {
    public static func addHours(_ h: VolunteerHours, mentorID: String, by userID: String, on db: any Database) async throws {
        let m = VolunteerHoursModel()
        m.$mentor.id = UUID(uuidString: mentorID)!
        m.workedOn = h.workedOn.iso
        m.quarterHours = h.quarterHours
        m.activity = h.activity
        m.loggedByID = UUID(uuidString: userID)!
        try await m.create(on: db)
    }

    public static func hours(mentorID: String, on db: any Database) async throws -> [VolunteerHours] {
        guard let uuid = UUID(uuidString: mentorID) else { return [] }
        return try await VolunteerHoursModel.query(on: db).filter(\.$mentor.$id == uuid).sort(\.$workedOn, .descending).all()
            .map { VolunteerHours(workedOn: CalendarDate(iso: $0.workedOn)!, quarterHours: $0.quarterHours, activity: $0.activity) }
    }

    static func expense(_ m: ExpenseClaimModel) -> StoredExpense {
        let claim = ExpenseClaim(incurredOn: CalendarDate(iso: m.incurredOn)!, kind: ExpenseKind(rawValue: m.kind) ?? .other,
                                 miles: m.miles, amountPence: m.amountPence, receiptReference: m.receiptReference,
                                 description: m.description)
        return StoredExpense(id: m.id!.uuidString, mentorID: m.$mentor.id.uuidString, claim: claim,
                             state: ExpenseState(rawValue: m.state) ?? .submitted, decisionReason: m.decisionReason,
                             decidedOn: m.decidedOn.flatMap(CalendarDate.init(iso:)), version: m.version)
    }

    public static func addExpense(_ c: ExpenseClaim, mentorID: String, by userID: String, on db: any Database) async throws -> StoredExpense {
        let m = ExpenseClaimModel()
        m.$mentor.id = UUID(uuidString: mentorID)!
        m.incurredOn = c.incurredOn.iso
        m.kind = c.kind.rawValue
        m.miles = c.miles
        m.amountPence = c.amountPence
        m.receiptReference = c.receiptReference
        m.description = c.description
        m.state = ExpenseState.submitted.rawValue
        m.submittedByID = UUID(uuidString: userID)!
        m.version = 1
        try await m.create(on: db)
        return expense(m)
    }

    public static func expenses(mentorID: String, on db: any Database) async throws -> [StoredExpense] {
        guard let uuid = UUID(uuidString: mentorID) else { return [] }
        return try await ExpenseClaimModel.query(on: db).filter(\.$mentor.$id == uuid).sort(\.$incurredOn, .descending).all().map(expense)
    }

    public static func findExpense(id: String, on db: any Database) async throws -> StoredExpense? {
        guard let uuid = UUID(uuidString: id), let m = try await ExpenseClaimModel.find(uuid, on: db) else { return nil }
        return expense(m)
    }

    public static func submitter(expenseID: String, on db: any Database) async throws -> String? {
        guard let uuid = UUID(uuidString: expenseID) else { return nil }
        return try await ExpenseClaimModel.find(uuid, on: db)?.submittedByID.uuidString
    }

    public static func decide(expenseID: String, to state: ExpenseState, reason: String?, by userID: String, on date: CalendarDate,
                              expectedVersion: Int, on db: any Database) async throws -> StoredExpense? {
        guard let uuid = UUID(uuidString: expenseID), let m = try await ExpenseClaimModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        try ExpenseDecision.check(current: ExpenseState(rawValue: m.state) ?? .submitted, to: state, reason: reason)
        m.state = state.rawValue
        m.decisionReason = reason?.isEmpty == true ? nil : reason
        m.decidedByID = UUID(uuidString: userID)
        m.decidedOn = date.iso
        m.version += 1
        try await m.save(on: db)
        return expense(m)
    }

    /// Claims waiting for a decision for mentors in these areas, oldest first.
    public static func waitingExpenses(areas: Set<String>, on db: any Database) async throws -> [(StoredExpense, Person)] {
        let rows = try await ExpenseClaimModel.query(on: db).filter(\.$state == ExpenseState.submitted.rawValue)
            .join(MentorModel.self, on: \ExpenseClaimModel.$mentor.$id == \MentorModel.$id)
            .join(PersonModel.self, on: \MentorModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id ~~ areas.compactMap(UUID.init(uuidString:)))
            .sort(\.$incurredOn).limit(200).all()
        return try rows.compactMap { row in
            guard let person = PeopleRepository.person(try row.joined(PersonModel.self)) else { return nil }
            return (expense(row), person)
        }
    }

    // MARK: Supervision, employment, further offences

    public static func addSupervision(on date: CalendarDate, notes: String, mentorID: String, by userID: String, on db: any Database) async throws {
        let m = SupervisionModel()
        m.$mentor.id = UUID(uuidString: mentorID)!
        m.heldOn = date.iso
        m.notes = notes
        m.byID = UUID(uuidString: userID)!
        try await m.create(on: db)
    }

    public static func supervisions(mentorID: String, on db: any Database) async throws -> [(on: CalendarDate, notes: String, byID: String)] {
        guard let uuid = UUID(uuidString: mentorID) else { return [] }
        return try await SupervisionModel.query(on: db).filter(\.$mentor.$id == uuid).sort(\.$heldOn, .descending).all()
            .map { (CalendarDate(iso: $0.heldOn)!, $0.notes, $0.byID.uuidString) }
    }

    public static func addEmploymentStep(_ s: EmploymentStep, mentorID: String, by userID: String, on db: any Database) async throws {
        let m = EmploymentStepModel()
        m.$mentor.id = UUID(uuidString: mentorID)!
        m.role = s.role
        m.employer = s.employer
        m.stage = s.stage.rawValue
        m.stepOn = s.on.iso
        m.notes = s.notes
        m.recordedByID = UUID(uuidString: userID)!
        try await m.create(on: db)
    }

    public static func employmentSteps(mentorID: String, on db: any Database) async throws -> [EmploymentStep] {
        guard let uuid = UUID(uuidString: mentorID) else { return [] }
        return try await EmploymentStepModel.query(on: db).filter(\.$mentor.$id == uuid).sort(\.$stepOn).sort(\.$createdAt).all().map {
            EmploymentStep(role: $0.role, employer: $0.employer, stage: EmploymentStage(rawValue: $0.stage) ?? .applied,
                           on: CalendarDate(iso: $0.stepOn)!, notes: $0.notes)
        }
    }

    public static func addOffence(_ o: FurtherOffence, mentorID: String, by userID: String, on db: any Database) async throws {
        let m = FurtherOffenceModel()
        m.$mentor.id = UUID(uuidString: mentorID)!
        m.offenceOn = o.offenceOn.iso
        m.notes = o.notes
        m.recordedByID = UUID(uuidString: userID)!
        try await m.create(on: db)
    }

    public static func offences(mentorID: String, on db: any Database) async throws -> [FurtherOffence] {
        guard let uuid = UUID(uuidString: mentorID) else { return [] }
        return try await FurtherOffenceModel.query(on: db).filter(\.$mentor.$id == uuid).sort(\.$offenceOn).all()
            .map { FurtherOffence(offenceOn: CalendarDate(iso: $0.offenceOn)!, notes: $0.notes) }
    }
}
