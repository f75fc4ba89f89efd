import Fluent
import Foundation
import WaymarkCore

/// Which mentors a list may include, from the role policy's scope.
public enum MentorVisibility: Sendable, Equatable {
    case areas(Set<String>)
    case caseload(String)
    case user(String)
}

public enum MentorRepository {
    static func list(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }

    public static func mentor(_ m: MentorModel) -> Mentor {
        let profile = MentorProfile(capacity: m.capacity, availability: list(m.availability).compactMap(AvailabilitySlot.init),
                                    deliveryUnitIDs: list(m.deliveryUnitIDs), languages: list(m.languages),
                                    livedExperience: list(m.livedExperience).compactMap(LivedExperience.init))
        return Mentor(id: m.id!.uuidString, personID: m.$person.id.uuidString, state: MentorState(rawValue: m.state) ?? .recommended,
                      recommendedByID: m.$recommendedBy.id.uuidString, recommendedOn: CalendarDate(iso: m.recommendedOn)!,
                      recommendationReason: m.recommendationReason, profile: profile,
                      clearedForHighRiskOn: m.clearedHighRiskOn.flatMap(CalendarDate.init(iso:)), userID: m.$user.id?.uuidString,
                      trainedOn: m.trainedOn.flatMap(CalendarDate.init(iso:)),
                      stateBeforeSuspension: m.stateBeforeSuspension.flatMap(MentorState.init(rawValue:)),
                      movedOnDestination: m.movedOnDestination.flatMap(MovedOnDestination.init(rawValue:)), version: m.version)
    }

    public static func find(id: String, on db: any Database) async throws -> Mentor? {
        guard let uuid = UUID(uuidString: id), let model = try await MentorModel.find(uuid, on: db) else { return nil }
        return mentor(model)
    }

    /// Several mentors in one query, by id.
    public static func find(ids: [String], on db: any Database) async throws -> [String: Mentor] {
        let uuids = Array(Set(ids.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await MentorModel.query(on: db).filter(\.$id ~~ uuids).all().map { ($0.id!.uuidString, mentor($0)) })
    }

    public static func find(personID: String, on db: any Database) async throws -> Mentor? {
        guard let uuid = UUID(uuidString: personID) else { return nil }
        return try await MentorModel.query(on: db).filter(\.$person.$id == uuid).first().map(mentor)
    }

    public static func find(userID: String, on db: any Database) async throws -> Mentor? {
        guard let uuid = UUID(uuidString: userID) else { return nil }
        return try await MentorModel.query(on: db).filter(\.$user.$id == uuid).first().map(mentor)
    }

    /// Links the mentor's own sign-in, so the account shows the mentor's name and reaches their record.
    public static func linkUser(mentorID: String, userID: String, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: mentorID), let user = UUID(uuidString: userID),
              let model = try await MentorModel.find(uuid, on: db) else { return }
        model.$user.id = user
        try await model.save(on: db)
    }

    /// Records a practitioner's recommendation: the journey's first step.
    public static func recommend(personID: String, by userID: String, on date: CalendarDate, reason: String, at: Date,
                                 on db: any Database) async throws -> Mentor {
        if try await find(personID: personID, on: db) != nil {
            throw ValidationFailure([FieldError("personId", "This person has already been recommended as a peer mentor")])
        }
        let model = MentorModel()
        model.nameOnInvitations = false
        model.$person.id = UUID(uuidString: personID)!
        model.state = MentorState.recommended.rawValue
        model.$recommendedBy.id = UUID(uuidString: userID)!
        model.recommendedOn = date.iso
        model.recommendationReason = reason
        model.capacity = 1
        model.availability = ""
        model.deliveryUnitIDs = ""
        model.languages = "English"
        model.livedExperience = ""
        model.version = 1
        try await model.create(on: db)
        try await addMove(mentorID: model.id!, from: nil, to: .recommended, at: at, by: userID, reason: reason, on: db)
        return mentor(model)
    }

    static func addMove(mentorID: UUID, from: MentorState?, to: MentorState, at: Date, by: String, reason: String,
                        on db: any Database) async throws {
        let move = MentorMoveModel()
        move.$mentor.id = mentorID
        move.fromState = from?.rawValue
        move.toState = to.rawValue
        move.at = at
        move.byID = UUID(uuidString: by) ?? UUID()
        move.reason = reason
        try await move.create(on: db)
    }

    /// Saves a journey move the rule has allowed; refuses a stale version.
    public static func move(id: String, to: MentorState, reason: String, destination: MovedOnDestination?, expectedVersion: Int,
                            by userID: String, at: Date, today: CalendarDate, on db: any Database) async throws -> Mentor? {
        guard let uuid = UUID(uuidString: id), let model = try await MentorModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: model.version, submitted: expectedVersion)
        let from = MentorState(rawValue: model.state)
        if to == .suspended { model.stateBeforeSuspension = model.state }
        if from == .suspended { model.stateBeforeSuspension = nil }
        if to == .trained, model.trainedOn == nil { model.trainedOn = today.iso }
        if to == .movedOn { model.movedOnDestination = destination?.rawValue }
        model.state = to.rawValue
        model.version += 1
        try await model.save(on: db)
        try await addMove(mentorID: uuid, from: from, to: to, at: at, by: userID, reason: reason, on: db)
        return mentor(model)
    }

    public static func moves(mentorID: String, on db: any Database) async throws -> [MentorMove] {
        guard let uuid = UUID(uuidString: mentorID) else { return [] }
        return try await MentorMoveModel.query(on: db).filter(\.$mentor.$id == uuid).sort(\.$at).all().map {
            MentorMove(from: $0.fromState.flatMap(MentorState.init(rawValue:)), to: MentorState(rawValue: $0.toState) ?? .recommended,
                       at: $0.at, byID: $0.byID.uuidString, reason: $0.reason)
        }
    }

    /// Mentors with their people, in name order; keyset by the person's sort name and the mentor id.
    public static func list(visibility: MentorVisibility, state: MentorState?, after: PeopleCursor?, limit: Int,
                            on db: any Database) async throws -> (items: [(Mentor, Person)], next: PeopleCursor?) {
        let query = MentorModel.query(on: db).join(PersonModel.self, on: \MentorModel.$person.$id == \PersonModel.$id)
        switch visibility {
        case .areas(let areas): query.filter(PersonModel.self, \.$area.$id ~~ areas.compactMap(UUID.init(uuidString:)))
        case .caseload(let practitioner): query.filter(PersonModel.self, \.$practitioner.$id == UUID(uuidString: practitioner))
        case .user(let user): query.filter(\.$user.$id == UUID(uuidString: user))
        }
        if let state { query.filter(\.$state == state.rawValue) }
        if let after {
            query.group(.or) { group in
                group.filter(PersonModel.self, \.$sortName > after.sortName)
                group.group(.and) { tie in
                    tie.filter(PersonModel.self, \.$sortName == after.sortName)
                    tie.filter(\.$id > after.id)
                }
            }
        }
        let rows = try await query.sort(PersonModel.self, \.$sortName).sort(\.$id).limit(limit + 1).all()
        var items: [(Mentor, Person)] = []
        for row in rows.prefix(limit) {
            let personModel = try row.joined(PersonModel.self)
            if let person = PeopleRepository.person(personModel) { items.append((mentor(row), person)) }
        }
        let next: PeopleCursor? = rows.count > limit ? rows.prefix(limit).last.flatMap { row in
            (try? row.joined(PersonModel.self)).map { PeopleCursor(sortName: $0.sortName, id: row.id!) }
        } : nil
        return (items, next)
    }

    public static func countByState(areas: Set<String>, on db: any Database) async throws -> [MentorState: Int] {
        let rows = try await MentorModel.query(on: db).join(PersonModel.self, on: \MentorModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id ~~ areas.compactMap(UUID.init(uuidString:))).all()
        var counts: [MentorState: Int] = [:]
        for row in rows { counts[MentorState(rawValue: row.state) ?? .recommended, default: 0] += 1 }
        return counts
    }

    /// For the programme's reoffending figure: each trained mentor in these areas, with the
    /// dates of any further offences recorded for them.
    public static func trainedWithOffences(areas: Set<String>, on db: any Database) async throws -> [(trainedOn: CalendarDate?, offences: [CalendarDate])] {
        let mentors = try await MentorModel.query(on: db).join(PersonModel.self, on: \MentorModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id ~~ areas.compactMap(UUID.init(uuidString:)))
            .filter(\.$trainedOn != nil).all()
        guard !mentors.isEmpty else { return [] }
        let offences = try await FurtherOffenceModel.query(on: db).filter(\.$mentor.$id ~~ mentors.map { $0.id! }).all()
        let byMentor = Dictionary(grouping: offences, by: { $0.$mentor.id })
        return mentors.map { m in
            (m.trainedOn.flatMap(CalendarDate.init(iso:)), (byMentor[m.id!] ?? []).compactMap { CalendarDate(iso: $0.offenceOn) })
        }
    }

    // MARK: Checks

    public static func addRiskReview(_ review: MentorRiskReview, mentorID: String, by userID: String, on db: any Database) async throws {
        let model = MentorRiskReviewModel()
        model.$mentor.id = UUID(uuidString: mentorID)!
        model.reviewerID = UUID(uuidString: userID)!
        model.reviewerRole = review.reviewerRole.rawValue
        model.outcome = review.outcome.rawValue
        model.reviewedOn = review.reviewedOn.iso
        model.notes = review.notes
        try await model.create(on: db)
    }

    public static func riskReviews(mentorID: String, on db: any Database) async throws -> [(review: MentorRiskReview, byID: String)] {
        guard let uuid = UUID(uuidString: mentorID) else { return [] }
        return try await MentorRiskReviewModel.query(on: db).filter(\.$mentor.$id == uuid).sort(\.$createdAt).all().compactMap { m in
            guard let role = Role(rawValue: m.reviewerRole), let outcome = RiskReviewOutcome(rawValue: m.outcome),
                  let date = CalendarDate(iso: m.reviewedOn) else { return nil }
            return (MentorRiskReview(reviewerRole: role, outcome: outcome, reviewedOn: date, notes: m.notes), m.reviewerID.uuidString)
        }
    }

    public static func addDeclarations(_ d: Declarations, mentorID: String, by userID: String, on db: any Database) async throws {
        let model = MentorDeclarationModel()
        model.$mentor.id = UUID(uuidString: mentorID)!
        model.noCurrentOffending = d.noCurrentOffending
        model.freeFromIllicitDrugs = d.freeFromIllicitDrugs
        model.declaredOn = d.declaredOn.iso
        model.recordedByID = UUID(uuidString: userID)!
        try await model.create(on: db)
    }

    public static func latestDeclarations(mentorID: String, on db: any Database) async throws -> Declarations? {
        guard let uuid = UUID(uuidString: mentorID) else { return nil }
        let rows = try await MentorDeclarationModel.query(on: db).filter(\.$mentor.$id == uuid).all()
        return rows.max { ($0.declaredOn, $0.createdAt ?? .distantPast) < ($1.declaredOn, $1.createdAt ?? .distantPast) }.map {
            Declarations(noCurrentOffending: $0.noCurrentOffending, freeFromIllicitDrugs: $0.freeFromIllicitDrugs,
                         declaredOn: CalendarDate(iso: $0.declaredOn)!)
        }
    }

    // MARK: Profile

    public static func updateProfile(id: String, _ profile: MentorProfile, expectedVersion: Int, on db: any Database) async throws -> Mentor? {
        guard let uuid = UUID(uuidString: id), let model = try await MentorModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: model.version, submitted: expectedVersion)
        model.capacity = profile.capacity
        model.availability = profile.availability.map(\.code).joined(separator: ",")
        model.deliveryUnitIDs = profile.deliveryUnitIDs.joined(separator: ",")
        model.languages = profile.languages.joined(separator: ",")
        model.livedExperience = profile.livedExperience.map(\.rawValue).joined(separator: ",")
        model.version += 1
        try await model.save(on: db)
        return mentor(model)
    }

    /// A coordinator's decision that this mentor may support high-risk mentees (or no longer may).
    public static func setHighRiskClearance(id: String, cleared: Bool, on date: CalendarDate, by userID: String,
                                            expectedVersion: Int, on db: any Database) async throws -> Mentor? {
        guard let uuid = UUID(uuidString: id), let model = try await MentorModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: model.version, submitted: expectedVersion)
        model.clearedHighRiskOn = cleared ? date.iso : nil
        model.clearedHighRiskByID = cleared ? UUID(uuidString: userID) : nil
        model.version += 1
        try await model.save(on: db)
        return mentor(model)
    }

    public static func linkUser(id: String, userID: String?, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id), let model = try await MentorModel.find(uuid, on: db) else { return }
        model.$user.id = userID.flatMap(UUID.init(uuidString:))
        model.version += 1
        try await model.save(on: db)
    }

    // MARK: Accreditation

    public static func accreditation(mentorID: String, on db: any Database) async throws -> Accreditation? {
        guard let uuid = UUID(uuidString: mentorID),
              let m = try await AccreditationModel.query(on: db).filter(\.$mentor.$id == uuid).first() else { return nil }
        return Accreditation(award: m.award, awardingBody: AwardingBody(rawValue: m.awardingBody) ?? .other,
                             certificateNumber: m.certificateNumber, awardedOn: CalendarDate(iso: m.awardedOn)!,
                             firstQualification: m.firstQualification)
    }

    /// Which of these mentors hold an accreditation, in one query.
    public static func accredited(mentorIDs: [String], on db: any Database) async throws -> Set<String> {
        let uuids = mentorIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return Set(try await AccreditationModel.query(on: db).filter(\.$mentor.$id ~~ uuids).all().map { $0.$mentor.id.uuidString })
    }

    public static func addAccreditation(_ a: Accreditation, mentorID: String, by userID: String, on db: any Database) async throws {
        if try await accreditation(mentorID: mentorID, on: db) != nil {
            throw ValidationFailure([FieldError("award", "An accreditation is already recorded for this mentor")])
        }
        let model = AccreditationModel()
        model.$mentor.id = UUID(uuidString: mentorID)!
        model.award = a.award
        model.awardingBody = a.awardingBody.rawValue
        model.certificateNumber = a.certificateNumber
        model.awardedOn = a.awardedOn.iso
        model.firstQualification = a.firstQualification
        model.recordedByID = UUID(uuidString: userID)!
        try await model.create(on: db)
    }
}
