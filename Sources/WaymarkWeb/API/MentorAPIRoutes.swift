import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The mentor journey and training in the JSON API: the same services as the pages.
struct MentorAPIRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, api: .mentors, needs: .viewMentors, signedIn: list)
        routes.on(.POST, api: .mentors, needs: .recommendMentor, signedIn: recommend)
        routes.on(.GET, api: .mentor(PathParameter.mentor.placeholder), needs: .viewMentors, signedIn: get)
        routes.on(.GET, api: .mentorEligibility(PathParameter.mentor.placeholder), needs: .viewMentors, signedIn: eligibility)
        routes.on(.GET, api: .mentorMoves(PathParameter.mentor.placeholder), needs: .viewMentors, signedIn: moves)
        routes.on(.POST, api: .mentorMoves(PathParameter.mentor.placeholder), needs: .moveMentor, signedIn: move)
        routes.on(.POST, api: .mentorRiskReviews(PathParameter.mentor.placeholder), needs: .reviewMentorRisk, signedIn: riskReview)
        routes.on(.POST, api: .mentorDeclarations(PathParameter.mentor.placeholder), needs: .recordDeclarations, signedIn: declarations)
        routes.on(.PATCH, api: .mentorProfile(PathParameter.mentor.placeholder), needs: .editMentorProfile, signedIn: profile)
        routes.on(.POST, api: .mentorClearance(PathParameter.mentor.placeholder), needs: .editMentorProfile, signedIn: clearance)
        routes.on(.POST, api: .mentorSupervisions(PathParameter.mentor.placeholder), needs: .recordSupervision, signedIn: supervision)
        routes.on(.GET, api: .sites, needs: .viewAreas, signedIn: sites)
        routes.on(.GET, api: .mentorAccreditation(PathParameter.mentor.placeholder), needs: .viewMentors, signedIn: accreditation)
        routes.on(.POST, api: .mentorAccreditation(PathParameter.mentor.placeholder), needs: .recordAccreditation, signedIn: accredit)
        routes.on(.GET, api: .mentorHours(PathParameter.mentor.placeholder), needs: .viewMentors, signedIn: hours)
        routes.on(.POST, api: .mentorHours(PathParameter.mentor.placeholder), needs: .logHours, signedIn: logHours)
        routes.on(.GET, api: .mentorExpenses(PathParameter.mentor.placeholder), needs: .viewMentors, signedIn: expenses)
        routes.on(.POST, api: .mentorExpenses(PathParameter.mentor.placeholder), needs: .claimExpenses, signedIn: claim)
        routes.on(.PATCH, api: .expense(PathParameter.expense.placeholder), needs: .decideExpenses, signedIn: decide)
        routes.on(.GET, api: .mentorEmployment(PathParameter.mentor.placeholder), needs: .viewMentors, signedIn: employment)
        routes.on(.POST, api: .mentorEmployment(PathParameter.mentor.placeholder), needs: .recordEmployment, signedIn: addEmployment)
        routes.on(.POST, api: .mentorOffences(PathParameter.mentor.placeholder), needs: .recordFurtherOffence, signedIn: offence)
        routes.on(.GET, api: .cohorts, needs: .manageCohorts, signedIn: cohorts)
        routes.on(.POST, api: .cohorts, needs: .manageCohorts, signedIn: createCohort)
        routes.on(.GET, api: .cohort(PathParameter.cohort.placeholder), needs: .manageCohorts, signedIn: cohort)
        routes.on(.POST, api: .cohortEnrolments(PathParameter.cohort.placeholder), needs: .manageCohorts, signedIn: enrol)
        routes.on(.POST, api: .cohortRecords(PathParameter.cohort.placeholder), needs: .manageCohorts, signedIn: record)
    }

    func mentorID(_ req: Request) throws -> String { try req.parameter(.mentor) }

    static func visibility(_ user: CurrentUser) -> MentorVisibility {
        switch Policy.scope(of: user.role, for: .viewMentors) {
        case .caseload: .caseload(user.id)
        case .own: .user(user.id)
        default: .areas(user.actor.areaIDs)
        }
    }

    @Sendable func list(req: Request, user: CurrentUser) async throws -> ListDTO<MentorDTO> {
        var state: MentorState?
        if let raw = try req.apiQuery("state"), !raw.isEmpty {
            guard let s = MentorState(rawValue: raw) else {
                throw ValidationFailure([FieldError("state", "state must be one of: " + MentorState.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            state = s
        }
        let cursor = try req.apiQuery("cursor")
        if let cursor, PeopleCursor(token: cursor) == nil { throw ValidationFailure([FieldError("cursor", "cursor is not one this API gave out")]) }
        let page = try await MentorRepository.list(visibility: Self.visibility(user), state: state, after: cursor.flatMap(PeopleCursor.init(token:)),
                                                   limit: try APIRoutes().limit(req), on: req.db)
        if !page.items.isEmpty {
            try await req.auditList(actorID: user.id, action: "mentor.list", recordType: "mentor", personIDs: page.items.map(\.1.id))
        }
        return ListDTO(items: page.items.map { MentorDTO($0.0, $0.1) }, next: page.next?.token)
    }

    @Sendable func recommend(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(RecommendInput.self)
        guard let personID = input.personId, !personID.isEmpty else { throw ValidationFailure([FieldError("personId", "Give the person's id")]) }
        let mentor = try await MentorService.recommend(personID: personID, reason: input.reason, on: req)
        let person = try await PeopleRepository.find(id: mentor.personID, on: req.db)!
        return try await MentorDTO(mentor, person).encodeResponse(status: .created, for: req)
    }

    @Sendable func get(req: Request, user: CurrentUser) async throws -> MentorDTO {
        let (mentor, person) = try await MentorService.load(try mentorID(req), for: .viewMentors, action: "mentor.view", on: req)
        return MentorDTO(mentor, person)
    }

    @Sendable func eligibility(req: Request, user: CurrentUser) async throws -> EligibilityDTO {
        let (mentor, person) = try await MentorService.load(try mentorID(req), for: .viewMentors, action: "mentor.eligibility", on: req)
        let file = try await MentorService.file(mentor, person, on: req)
        return EligibilityDTO(eligible: file.eligibility.eligible, reasons: file.eligibility.reasons)
    }

    @Sendable func moves(req: Request, user: CurrentUser) async throws -> ListDTO<MentorMoveDTO> {
        let (mentor, _) = try await MentorService.load(try mentorID(req), for: .viewMentors, action: "mentor.view", on: req)
        let role = user.role
        let formatter = ISO8601DateFormatter()
        return ListDTO(items: try await MentorRepository.moves(mentorID: mentor.id, on: req.db).map {
            MentorMoveDTO(from: $0.from?.rawValue, to: $0.to.rawValue, at: formatter.string(from: $0.at), byId: $0.byID,
                          reason: MentorService.reason(of: $0, for: role))
        }, next: nil)
    }

    @Sendable func move(req: Request, user: CurrentUser) async throws -> MentorDTO {
        let input = try req.jsonBody(MoveInput.self)
        let version = try APIRoutes.requireVersion(input.version)
        let mentor = try await MentorService.move(try mentorID(req), to: input.to, reason: input.reason, destination: input.destination,
                                                  version: version, on: req)
        return MentorDTO(mentor, try await PeopleRepository.find(id: mentor.personID, on: req.db)!)
    }

    @Sendable func riskReview(req: Request, user: CurrentUser) async throws -> EligibilityDTO {
        let input = try req.jsonBody(RiskReviewInput.self)
        try await MentorService.addRiskReview(try mentorID(req), MentorRiskReviewDraft(outcome: input.outcome, reviewedOn: .iso(input.reviewedOn),
                                                                                       notes: input.notes), on: req)
        return try await eligibility(req: req, user: user)
    }

    @Sendable func declarations(req: Request, user: CurrentUser) async throws -> EligibilityDTO {
        let input = try req.jsonBody(DeclarationsInput.self)
        var errors = FieldErrors()
        if input.noCurrentOffending == nil { errors.add("noCurrentOffending", "Say whether they declare that they are not currently offending") }
        if input.freeFromIllicitDrugs == nil { errors.add("freeFromIllicitDrugs", "Say whether they declare that they are free from illicit drugs") }
        try errors.throwIfAny()
        try await MentorService.addDeclarations(try mentorID(req), noCurrentOffending: input.noCurrentOffending!,
                                                freeFromIllicitDrugs: input.freeFromIllicitDrugs!, declaredOn: .iso(input.declaredOn), on: req)
        return try await eligibility(req: req, user: user)
    }

    @Sendable func profile(req: Request, user: CurrentUser) async throws -> MentorDTO {
        let input = try req.jsonBody(ProfileInput.self)
        let version = try APIRoutes.requireVersion(input.version)
        let (current, _) = try await MentorService.load(try mentorID(req), for: .editMentorProfile, action: nil, on: req)
        let p = current.profile
        let draft = MentorProfileDraft(capacity: String(input.capacity ?? p.capacity), availability: input.availability ?? p.availability.map(\.code),
                                       deliveryUnitIDs: input.deliveryUnitIds ?? p.deliveryUnitIDs,
                                       languages: (input.languages ?? p.languages).joined(separator: ","),
                                       livedExperience: input.livedExperience ?? p.livedExperience.map(\.rawValue))
        let mentor = try await MentorService.updateProfile(current.id, draft, version: version, on: req)
        return MentorDTO(mentor, try await PeopleRepository.find(id: mentor.personID, on: req.db)!)
    }

    @Sendable func clearance(req: Request, user: CurrentUser) async throws -> MentorDTO {
        let input = try req.jsonBody(ClearanceInput.self)
        let version = try APIRoutes.requireVersion(input.version)
        guard let cleared = input.cleared else { throw ValidationFailure([FieldError("cleared", "Say whether they are cleared for high-risk mentees")]) }
        let mentor = try await MentorService.setClearance(try mentorID(req), cleared: cleared, version: version, on: req)
        return MentorDTO(mentor, try await PeopleRepository.find(id: mentor.personID, on: req.db)!)
    }

    @Sendable func supervision(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(SupervisionInput.self)
        try await MentorService.addSupervision(try mentorID(req), heldOn: .iso(input.heldOn), notes: input.notes, on: req)
        return Response(status: .noContent)
    }

    /// Probation offices and venues in the caller's areas (every area for roles without one).
    @Sendable func sites(req: Request, user: CurrentUser) async throws -> ListDTO<SiteDTO> {
        let areas = user.actor.areaIDs.isEmpty ? Set(try await OrganisationRepository.areas(on: req.db).map(\.id)) : user.actor.areaIDs
        return ListDTO(items: try await OrganisationRepository.siteList(areaIDs: areas, on: req.db).map { SiteDTO(id: $0.id, name: $0.name, areaId: $0.areaID) },
                       next: nil)
    }

    @Sendable func accreditation(req: Request, user: CurrentUser) async throws -> AccreditationDTO {
        let (mentor, _) = try await MentorService.load(try mentorID(req), for: .viewMentors, action: "mentor.view", on: req)
        guard let a = try await MentorRepository.accreditation(mentorID: mentor.id, on: req.db) else {
            throw Abort(.notFound, reason: "No accreditation is recorded yet")
        }
        return AccreditationDTO(a)
    }

    @Sendable func accredit(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(AccreditationInput.self)
        let id = try mentorID(req)
        try await MentorService.recordAccreditation(id, AccreditationDraft(award: input.award, awardingBody: input.awardingBody,
                                                                           certificateNumber: input.certificateNumber, awardedOn: .iso(input.awardedOn),
                                                                           firstQualification: input.firstQualification ?? false), on: req)
        return try await accreditation(req: req, user: user).encodeResponse(status: .created, for: req)
    }

    @Sendable func hours(req: Request, user: CurrentUser) async throws -> ListDTO<HoursDTO> {
        let (mentor, _) = try await MentorService.load(try mentorID(req), for: .viewMentors, action: "mentor.view", on: req)
        return ListDTO(items: try await VolunteeringRepository.hours(mentorID: mentor.id, on: req.db).map {
            HoursDTO(workedOn: $0.workedOn.iso, hours: Double($0.quarterHours) / 4, activity: $0.activity)
        }, next: nil)
    }

    @Sendable func logHours(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(HoursInput.self)
        try await MentorService.logHours(try mentorID(req), VolunteerHoursDraft(workedOn: .iso(input.workedOn), hours: input.hours.map { String($0) },
                                                                                activity: input.activity), on: req)
        return try await hours(req: req, user: user).encodeResponse(status: .created, for: req)
    }

    @Sendable func expenses(req: Request, user: CurrentUser) async throws -> ListDTO<ExpenseDTO> {
        let (mentor, _) = try await MentorService.load(try mentorID(req), for: .viewMentors, action: "mentor.view", on: req)
        return ListDTO(items: try await VolunteeringRepository.expenses(mentorID: mentor.id, on: req.db).map(ExpenseDTO.init), next: nil)
    }

    @Sendable func claim(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(ExpenseInput.self)
        let saved = try await MentorService.claimExpense(try mentorID(req), ExpenseClaimDraft(incurredOn: .iso(input.incurredOn), kind: input.kind,
                                                                                              miles: input.miles.map(String.init), amount: input.amount,
                                                                                              receiptReference: input.receiptReference,
                                                                                              description: input.description), on: req)
        return try await ExpenseDTO(saved).encodeResponse(status: .created, for: req)
    }

    @Sendable func decide(req: Request, user: CurrentUser) async throws -> ExpenseDTO {
        let input = try req.jsonBody(DecisionInput.self)
        let version = try APIRoutes.requireVersion(input.version)
        return ExpenseDTO(try await MentorService.decideExpense(try req.parameter(.expense), decision: input.decision,
                                                                reason: input.reason, version: version, on: req))
    }

    @Sendable func employment(req: Request, user: CurrentUser) async throws -> ListDTO<EmploymentStepDTO> {
        let (mentor, _) = try await MentorService.load(try mentorID(req), for: .viewMentors, action: "mentor.view", on: req)
        return ListDTO(items: try await VolunteeringRepository.employmentSteps(mentorID: mentor.id, on: req.db).map {
            EmploymentStepDTO(role: $0.role, employer: $0.employer, stage: $0.stage.rawValue, on: $0.on.iso, notes: $0.notes)
        }, next: nil)
    }

    @Sendable func addEmployment(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(EmploymentInput.self)
        try await MentorService.addEmploymentStep(try mentorID(req), EmploymentStepDraft(role: input.role, employer: input.employer, stage: input.stage,
                                                                                         on: .iso(input.on), notes: input.notes), on: req)
        return try await employment(req: req, user: user).encodeResponse(status: .created, for: req)
    }

    @Sendable func offence(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(OffenceInput.self)
        try await MentorService.addOffence(try mentorID(req), FurtherOffenceDraft(offenceOn: .iso(input.offenceOn), notes: input.notes), on: req)
        return Response(status: .noContent)
    }

    // MARK: Cohorts

    func dto(_ c: Cohort, enrolments: [Enrolment]?, settings: ProgrammeSettings) -> CohortDTO {
        CohortDTO(id: c.id, areaId: c.areaID, siteId: c.siteID, name: c.name, startDate: c.startDate.iso, sessions: c.sessions,
                  trainers: c.trainers, enrolments: enrolments?.map {
                      EnrolmentDTO(cohortId: c.id, mentorId: $0.mentorID, version: $0.version, attended: $0.attended.sorted(), assessment: $0.assessment?.rawValue,
                                   complete: TrainingRule.outcome($0.record(sessions: c.sessions), settings: settings) == .complete)
                  })
    }

    @Sendable func cohorts(req: Request, user: CurrentUser) async throws -> ListDTO<CohortDTO> {
        let settings = try await MentorService.settings(on: req)
        return ListDTO(items: try await TrainingRepository.cohorts(areas: user.actor.areaIDs, on: req.db)
            .map { dto($0, enrolments: nil, settings: settings) }, next: nil)
    }

    @Sendable func createCohort(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(CohortInput.self)
        let cohort = try await CohortService.create(CohortDraft(name: input.name, startDate: .iso(input.startDate), sessions: input.sessions.map(String.init),
                                                                siteID: input.siteId, trainers: input.trainers), on: req)
        return try await dto(cohort, enrolments: [], settings: try await MentorService.settings(area: cohort.areaID, on: req)).encodeResponse(status: .created, for: req)
    }

    @Sendable func cohort(req: Request, user: CurrentUser) async throws -> CohortDTO {
        let cohort = try await CohortService.load(try req.parameter(.cohort), on: req)
        let enrolments = try await TrainingRepository.enrolments(cohortID: cohort.id, on: req.db)
        try await req.audit(AuditRecord(actorID: user.id, action: "cohort.view", recordType: "cohort", recordID: cohort.id, personID: nil,
                                        detail: enrolments.map(\.mentorID).joined(separator: ",")))
        return dto(cohort, enrolments: enrolments, settings: try await MentorService.settings(area: cohort.areaID, on: req))
    }

    @Sendable func enrol(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(EnrolInput.self)
        guard let mentorID = input.mentorId, !mentorID.isEmpty else { throw ValidationFailure([FieldError("mentorId", "Give the candidate's mentor id")]) }
        try await CohortService.enrol(cohortID: try req.parameter(.cohort), mentorID: mentorID, on: req)
        return try await cohort(req: req, user: user).encodeResponse(status: .created, for: req)
    }

    @Sendable func record(req: Request, user: CurrentUser) async throws -> CohortDTO {
        let input = try req.jsonBody(TrainingRecordInput.self)
        guard let mentorID = input.mentorId, !mentorID.isEmpty else { throw ValidationFailure([FieldError("mentorId", "Give the candidate's mentor id")]) }
        var errors = FieldErrors()
        let assessment = InputRules.choice(input.assessment, as: AssessmentResult.self, field: "assessment", label: "assessment result",
                                           article: "an", required: false, errors: &errors)
        try errors.throwIfAny()
        let version = try APIRoutes.requireVersion(input.version)
        try await CohortService.record(cohortID: try req.parameter(.cohort), mentorID: mentorID, attended: Set(input.attended ?? []),
                                       assessment: assessment, version: version, on: req)
        return try await cohort(req: req, user: user)
    }
}
