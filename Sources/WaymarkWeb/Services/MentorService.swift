import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Everything known about one mentor that the journey rules need, gathered once.
struct MentorFile: Sendable {
    let mentor: Mentor
    let person: Person
    let eligibility: EligibilityResult
    let training: [(Cohort, Enrolment, TrainingOutcome)]
    let accreditation: Accreditation?
    let reviews: [(review: MentorRiskReview, byID: String)]
    let declarations: Declarations?

    var trainingComplete: Bool { training.contains { $0.2 == .complete } }

    /// When the current suspension began, if suspended.
    let suspendedOn: CalendarDate?

    var journeyFacts: JourneyFacts {
        let reviewed = suspendedOn.map { since in
            reviews.contains { $0.review.reviewerRole == .coordinator && $0.review.outcome == .suitable && $0.review.reviewedOn >= since }
        } ?? true
        return JourneyFacts(eligibility: eligibility, trainingComplete: trainingComplete, accredited: accreditation != nil,
                            stateBeforeSuspension: mentor.stateBeforeSuspension, reviewedSinceSuspension: reviewed)
    }

    /// Moves a coordinator can make from the journey page; training starts by enrolment on a cohort instead.
    var allowedMoves: [MentorState] {
        MentorJourney.allowedMoves(from: mentor.state, facts: journeyFacts, byEnrolment: false)
    }
}

/// The shell around the mentor journey, shared by pages and API: scope (404 outside it),
/// audit of every read and write, one transaction per command, rules from WaymarkCore.
enum MentorService {
    /// The programme settings of the provider that runs this area.
    static func settings(area: String, on req: Request) async throws -> ProgrammeSettings {
        try await SettingsRepository.settings(areaID: area, on: req.db)
    }

    /// The settings of the provider the signed-in user works for (their first area's).
    static func settings(on req: Request) async throws -> ProgrammeSettings {
        guard let area = try req.user.actor.areaIDs.sorted().first else { return .standard }
        return try await settings(area: area, on: req)
    }

    /// A mentor sees their own journey, but not staff's risk material about them: reasons for a
    /// suspension (which name their RoSH or MAPPA) are shown to them in neutral words.
    static func reason(of move: MentorMove, for role: Role) -> String {
        guard role == .mentor, move.to == .suspended || move.from == .suspended else { return move.reason }
        return move.to == .suspended ? "Paused for a review by your coordinator" : "Review finished"
    }

    static func scope(_ mentor: Mentor, _ person: Person) -> PersonScope {
        PersonScope(areaID: person.details.areaID, practitionerID: person.practitionerID, linkedUserID: mentor.userID)
    }

    /// Loads a mentor the user may act on for `capability`, auditing the read when `action` is given.
    static func load(_ id: String, for capability: Capability, action: String?, on req: Request) async throws -> (Mentor, Person) {
        let user = try req.user
        guard let mentor = try await MentorRepository.find(id: id, on: req.db),
              let person = try await PeopleRepository.find(id: mentor.personID, on: req.db),
              Policy.access(user.actor, to: scope(mentor, person), for: capability) == .full
        else { throw Abort(.notFound) }
        if let action {
            try await req.audit(AuditRecord(actorID: user.id, action: action, recordType: "mentor", recordID: mentor.id, personID: person.id))
        }
        return (mentor, person)
    }

    static func file(_ mentor: Mentor, _ person: Person, on req: Request) async throws -> MentorFile {
        let db = req.db
        let settings = try await settings(area: person.details.areaID, on: req)
        let orders = try await OrderRepository.orders(personID: person.id, on: db).map(\.details)
        let reviews = try await MentorRepository.riskReviews(mentorID: mentor.id, on: db)
        let declarations = try await MentorRepository.latestDeclarations(mentorID: mentor.id, on: db)
        let facts = EligibilityFacts(recommended: true, orders: orders,
                                     practitionerRiskReview: EligibilityFacts.reviewed(by: .practitioner, in: reviews.map(\.review)),
                                     coordinatorRiskReview: EligibilityFacts.reviewed(by: .coordinator, in: reviews.map(\.review)),
                                     declarations: declarations)
        let eligibility = MentorEligibility.evaluate(facts, settings: settings, today: req.today)
        let training = try await TrainingRepository.enrolments(mentorID: mentor.id, on: db).map { cohort, enrolment in
            (cohort, enrolment, TrainingRule.outcome(enrolment.record(sessions: cohort.sessions), settings: settings))
        }
        let accreditation = try await MentorRepository.accreditation(mentorID: mentor.id, on: db)
        let suspendedOn = mentor.state == .suspended
            ? try await MentorRepository.moves(mentorID: mentor.id, on: db).last(where: { $0.to == .suspended }).map { CalendarDate($0.at) }
            : nil
        return MentorFile(mentor: mentor, person: person, eligibility: eligibility, training: training,
                          accreditation: accreditation, reviews: reviews, declarations: declarations, suspendedOn: suspendedOn)
    }

    /// Runs one audited write for a mentor.
    static func write<T: Sendable>(_ mentor: Mentor, _ person: Person, action: String, detail: String = "", on req: Request,
                                   _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let user = try req.user
        let at = req.now
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            let value = try await body(tx)
            effects.audit(action, "mentor", mentor.id, person: person.id, detail: detail)
            return value
        }
    }

    // MARK: Recommendation and checks

    static func recommend(personID: String, reason raw: String?, on req: Request) async throws -> Mentor {
        let user = try req.user
        let (person, _) = try await PeopleService.load(personID, for: .recommendMentor, action: nil, on: req)
        var errors = FieldErrors()
        let reason = InputRules.required(raw, field: "reason", label: "why you recommend them", article: "",
                                         limit: InputRules.longTextLimit, errors: &errors)
        try errors.throwIfAny()
        let (today, at) = (req.today, req.now)
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            let mentor = try await MentorRepository.recommend(personID: person.id, by: user.id, on: today, reason: reason!, at: at, on: tx)
            effects.audit("mentor.recommend", "mentor", mentor.id, person: person.id)
            return mentor
        }
    }

    static func addRiskReview(_ id: String, _ draft: MentorRiskReviewDraft, on req: Request) async throws {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .reviewMentorRisk, action: nil, on: req)
        let review = try draft.validated(by: user.role, today: req.today)
        try await write(mentor, person, action: "mentor.riskReview", detail: review.outcome.rawValue, on: req) { tx in
            try await MentorRepository.addRiskReview(review, mentorID: mentor.id, by: user.id, on: tx)
        }
    }

    static func addDeclarations(_ id: String, noCurrentOffending: Bool, freeFromIllicitDrugs: Bool, declaredOn: DateInput,
                                on req: Request) async throws {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .recordDeclarations, action: nil, on: req)
        var errors = FieldErrors()
        let date = InputRules.date(declaredOn, field: "declaredOn", label: "date of the declaration", article: "the", errors: &errors)
        if let date, date > req.today { errors.add("declaredOn", "Date of the declaration must be today or in the past") }
        try errors.throwIfAny()
        let declarations = Declarations(noCurrentOffending: noCurrentOffending, freeFromIllicitDrugs: freeFromIllicitDrugs, declaredOn: date!)
        try await write(mentor, person, action: "mentor.declarations", on: req) { tx in
            try await MentorRepository.addDeclarations(declarations, mentorID: mentor.id, by: user.id, on: tx)
        }
    }

    // MARK: Journey

    static func move(_ id: String, to raw: String?, reason: String?, destination rawDestination: String?, version: Int,
                     on req: Request) async throws -> Mentor {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .moveMentor, action: nil, on: req)
        var errors = FieldErrors()
        let to = InputRules.choice(raw, as: MentorState.self, field: "to", label: "where they move to", article: "", errors: &errors)
        let destination = InputRules.choice(rawDestination, as: MovedOnDestination.self, field: "destination",
                                            label: "destination", article: "a", required: to == .movedOn, errors: &errors)
        let reason = InputRules.required(reason, field: "reason", label: "reason for the move", article: "the",
                                         limit: InputRules.longTextLimit, errors: &errors)
        try errors.throwIfAny()
        let file = try await file(mentor, person, on: req)
        try OptimisticLock.check(current: mentor.version, submitted: version)
        do {
            try MentorJourney.check(from: mentor.state, to: to!, facts: file.journeyFacts, reason: reason!, destination: destination, byEnrolment: false)
        } catch {
            throw ValidationFailure([FieldError("to", error.message)])
        }
        let (at, today) = (req.now, req.today)
        return try await write(mentor, person, action: "mentor.move", detail: "\(mentor.state.rawValue) → \(to!.rawValue)", on: req) { tx in
            guard let moved = try await MentorRepository.move(id: mentor.id, to: to!, reason: reason!, destination: destination,
                                                              expectedVersion: version, by: user.id, at: at, today: today, on: tx)
            else { throw Abort(.notFound) }
            return moved
        }
    }

    // MARK: Profile

    static func updateProfile(_ id: String, _ draft: MentorProfileDraft, version: Int, on req: Request) async throws -> Mentor {
        let (mentor, person) = try await load(id, for: .editMentorProfile, action: nil, on: req)
        let areas = try await OrganisationRepository.areas(on: req.db)
        let units = Set(areas.first { $0.id == person.details.areaID }?.deliveryUnits.map(\.id) ?? [])
        let profile = try draft.validated(unitIDs: units)
        return try await write(mentor, person, action: "mentor.profile", on: req) { tx in
            guard let saved = try await MentorRepository.updateProfile(id: mentor.id, profile, expectedVersion: version, on: tx)
            else { throw Abort(.notFound) }
            return saved
        }
    }

    static func setClearance(_ id: String, cleared: Bool, version: Int, on req: Request) async throws -> Mentor {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .editMentorProfile, action: nil, on: req)
        let today = req.today
        return try await write(mentor, person, action: cleared ? "mentor.clearHighRisk" : "mentor.unclearHighRisk", on: req) { tx in
            guard let saved = try await MentorRepository.setHighRiskClearance(id: mentor.id, cleared: cleared, on: today, by: user.id,
                                                                              expectedVersion: version, on: tx)
            else { throw Abort(.notFound) }
            return saved
        }
    }

    static func addSupervision(_ id: String, heldOn: DateInput, notes raw: String?, on req: Request) async throws {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .recordSupervision, action: nil, on: req)
        var errors = FieldErrors()
        let date = InputRules.date(heldOn, field: "heldOn", label: "date of the supervision", article: "the", errors: &errors)
        if let date, date > req.today { errors.add("heldOn", "Date of the supervision must be today or in the past") }
        let notes = InputRules.required(raw, field: "notes", label: "notes", article: "", limit: InputRules.longTextLimit, errors: &errors)
        try errors.throwIfAny()
        try await write(mentor, person, action: "mentor.supervision", on: req) { tx in
            try await VolunteeringRepository.addSupervision(on: date!, notes: notes!, mentorID: mentor.id, by: user.id, on: tx)
        }
    }

    // MARK: Accreditation

    static func recordAccreditation(_ id: String, _ draft: AccreditationDraft, on req: Request) async throws {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .recordAccreditation, action: nil, on: req)
        let file = try await file(mentor, person, on: req)
        let accreditation = try draft.validated(today: req.today, trainingComplete: file.trainingComplete)
        try await write(mentor, person, action: "mentor.accreditation", on: req) { tx in
            try await MentorRepository.addAccreditation(accreditation, mentorID: mentor.id, by: user.id, on: tx)
        }
    }

    // MARK: Volunteering

    static func logHours(_ id: String, _ draft: VolunteerHoursDraft, on req: Request) async throws {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .logHours, action: nil, on: req)
        let hours = try draft.validated(today: req.today)
        try await write(mentor, person, action: "mentor.hours", on: req) { tx in
            try await VolunteeringRepository.addHours(hours, mentorID: mentor.id, by: user.id, on: tx)
        }
    }

    static func claimExpense(_ id: String, _ draft: ExpenseClaimDraft, on req: Request) async throws -> StoredExpense {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .claimExpenses, action: nil, on: req)
        let claim = try draft.validated(today: req.today, settings: try await settings(area: person.details.areaID, on: req))
        return try await write(mentor, person, action: "mentor.expense", on: req) { tx in
            try await VolunteeringRepository.addExpense(claim, mentorID: mentor.id, by: user.id, on: tx)
        }
    }

    static func decideExpense(_ expenseID: String, decision raw: String?, reason: String?, version: Int, on req: Request) async throws -> StoredExpense {
        let user = try req.user
        guard let expense = try await VolunteeringRepository.findExpense(id: expenseID, on: req.db) else { throw Abort(.notFound) }
        let (mentor, person) = try await load(expense.mentorID, for: .decideExpenses, action: nil, on: req)
        var errors = FieldErrors()
        let decision = InputRules.choice(raw, as: ExpenseState.self, field: "decision", label: "decision", article: "a", errors: &errors)
        try errors.throwIfAny()
        let trimmed = InputRules.optional(reason, field: "reason", label: "reason", limit: InputRules.shortTextLimit, errors: &errors)
        try errors.throwIfAny()
        try OptimisticLock.check(current: expense.version, submitted: version)
        try ExpenseDecision.check(current: expense.state, to: decision!, reason: trimmed,
                                  submittedBy: try await VolunteeringRepository.submitter(expenseID: expense.id, on: req.db), decidedBy: user.id)
        let today = req.today
        return try await write(mentor, person, action: "mentor.expenseDecision", detail: decision!.rawValue, on: req) { tx in
            guard let saved = try await VolunteeringRepository.decide(expenseID: expense.id, to: decision!, reason: trimmed, by: user.id,
                                                                      on: today, expectedVersion: version, on: tx)
            else { throw Abort(.notFound) }
            return saved
        }
    }

    // MARK: Moving on, further offences

    static func addEmploymentStep(_ id: String, _ draft: EmploymentStepDraft, on req: Request) async throws {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .recordEmployment, action: nil, on: req)
        let step = try draft.validated(today: req.today)
        try await write(mentor, person, action: "mentor.employment", detail: step.stage.rawValue, on: req) { tx in
            try await VolunteeringRepository.addEmploymentStep(step, mentorID: mentor.id, by: user.id, on: tx)
        }
    }

    static func addOffence(_ id: String, _ draft: FurtherOffenceDraft, on req: Request) async throws {
        let user = try req.user
        let (mentor, person) = try await load(id, for: .recordFurtherOffence, action: nil, on: req)
        let offence = try draft.validated(today: req.today)
        try await write(mentor, person, action: "mentor.furtherOffence", on: req) { tx in
            try await VolunteeringRepository.addOffence(offence, mentorID: mentor.id, by: user.id, on: tx)
        }
    }
}
