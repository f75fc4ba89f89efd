import Fluent
import Foundation
import WaymarkCore

public enum TrainingRepository {
    static func cohort(_ m: CohortModel) -> Cohort {
        Cohort(id: m.id!.uuidString, areaID: m.$area.id.uuidString, siteID: m.$site.id.uuidString, name: m.name,
               startDate: CalendarDate(iso: m.startDate)!, sessions: m.sessions, trainers: m.trainers)
    }

    static func enrolment(_ m: EnrolmentModel) -> Enrolment {
        Enrolment(cohortID: m.$cohort.id.uuidString, mentorID: m.$mentor.id.uuidString,
                  attended: Set(m.attendedWeeks.split(separator: ",").compactMap { Int($0) }),
                  assessment: m.assessment.flatMap(AssessmentResult.init(rawValue:)), version: m.version)
    }

    public static func create(areaID: String, _ valid: CohortDraft.Valid, on db: any Database) async throws -> Cohort {
        let model = CohortModel()
        model.$area.id = UUID(uuidString: areaID)!
        model.$site.id = UUID(uuidString: valid.siteID)!
        model.name = valid.name
        model.startDate = valid.startDate.iso
        model.sessions = valid.sessions
        model.trainers = valid.trainers
        try await model.create(on: db)
        return cohort(model)
    }

    public static func find(id: String, on db: any Database) async throws -> Cohort? {
        guard let uuid = UUID(uuidString: id), let m = try await CohortModel.find(uuid, on: db) else { return nil }
        return cohort(m)
    }

    /// Cohorts in these areas, newest first.
    public static func cohorts(areas: Set<String>, on db: any Database) async throws -> [Cohort] {
        try await CohortModel.query(on: db).filter(\.$area.$id ~~ areas.compactMap(UUID.init(uuidString:)))
            .sort(\.$startDate, .descending).all().map(cohort)
    }

    public static func enrolments(cohortID: String, on db: any Database) async throws -> [Enrolment] {
        guard let uuid = UUID(uuidString: cohortID) else { return [] }
        return try await EnrolmentModel.query(on: db).filter(\.$cohort.$id == uuid).all().map(enrolment)
    }

    public static func enrolments(mentorID: String, on db: any Database) async throws -> [(Cohort, Enrolment)] {
        guard let uuid = UUID(uuidString: mentorID) else { return [] }
        return try await EnrolmentModel.query(on: db).filter(\.$mentor.$id == uuid).with(\.$cohort).all()
            .map { (cohort($0.cohort), enrolment($0)) }
    }

    public static func enrol(cohortID: String, mentorID: String, on db: any Database) async throws {
        guard let c = UUID(uuidString: cohortID), let m = UUID(uuidString: mentorID) else { return }
        if try await EnrolmentModel.query(on: db).filter(\.$cohort.$id == c).filter(\.$mentor.$id == m).count() > 0 {
            throw ValidationFailure([FieldError("mentorId", "They are already enrolled on this cohort")])
        }
        let model = EnrolmentModel()
        model.$cohort.id = c
        model.$mentor.id = m
        model.attendedWeeks = ""
        model.version = 1
        try await model.create(on: db)
    }

    static func enrolmentModel(cohortID: String, mentorID: String, on db: any Database) async throws -> EnrolmentModel? {
        guard let c = UUID(uuidString: cohortID), let m = UUID(uuidString: mentorID) else { return nil }
        return try await EnrolmentModel.query(on: db).filter(\.$cohort.$id == c).filter(\.$mentor.$id == m).first()
    }

    /// Saves attendance and assessment made against `expectedVersion` (nil: the caller holds the record already, as the demo does).
    public static func save(_ enrolment: Enrolment, expectedVersion: Int? = nil, on db: any Database) async throws {
        guard let model = try await enrolmentModel(cohortID: enrolment.cohortID, mentorID: enrolment.mentorID, on: db) else {
            throw ValidationFailure([FieldError("mentorId", "They are not enrolled on this cohort")])
        }
        if let expectedVersion { try OptimisticLock.check(current: model.version, submitted: expectedVersion) }
        model.version += 1
        model.attendedWeeks = enrolment.attended.sorted().map(String.init).joined(separator: ",")
        model.assessment = enrolment.assessment?.rawValue
        try await model.save(on: db)
    }
}
