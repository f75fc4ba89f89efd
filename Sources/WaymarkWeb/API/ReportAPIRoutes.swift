import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Outcomes, case studies and reports in the JSON API.
struct ReportAPIRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, api: .reportsAnnual, needs: .viewReports, signedIn: annual)
        routes.on(.GET, api: .reportsDemand, needs: .viewReports, signedIn: demand)
        routes.on(.GET, api: .referralOutcomes(PathParameter.referral.placeholder), needs: .recordOutcomes, signedIn: outcomes)
        routes.on(.POST, api: .referralOutcomes(PathParameter.referral.placeholder), needs: .recordOutcomes, signedIn: recordOutcome)
        routes.on(.GET, api: .mentorWellbeing(PathParameter.mentor.placeholder), needs: .recordWellbeing, signedIn: wellbeing)
        routes.on(.POST, api: .mentorWellbeing(PathParameter.mentor.placeholder), needs: .recordWellbeing, signedIn: recordWellbeing)
        routes.on(.GET, api: .caseStudies, needs: .manageCaseStudies, signedIn: caseStudies)
        routes.on(.POST, api: .caseStudies, needs: .manageCaseStudies, signedIn: createCaseStudy)
        routes.on(.GET, api: .caseStudy(PathParameter.caseStudy.placeholder), needs: .manageCaseStudies, signedIn: caseStudy)
        routes.on(.POST, api: .caseStudyApproval(PathParameter.caseStudy.placeholder), needs: .manageCaseStudies, signedIn: approve)
        routes.on(.POST, api: .caseStudyWithdrawal(PathParameter.caseStudy.placeholder), needs: .manageCaseStudies, signedIn: withdraw)
    }

    @Sendable func annual(req: Request, user: CurrentUser) async throws -> AnnualReportDTO {
        let scope = try await ReportService.scope(year: try req.apiQuery("year"), area: try req.apiQuery("area"),
                                                  unit: try req.apiQuery("deliveryUnit"), defaultYear: false, on: req)
        return AnnualReportDTO(result: try await ReportService.annual(scope, on: req))
    }

    @Sendable func demand(req: Request, user: CurrentUser) async throws -> DemandDTO {
        let scope = try await ReportService.scope(year: nil, area: try req.apiQuery("area"), unit: try req.apiQuery("deliveryUnit"),
                                                  defaultYear: true, on: req)
        return DemandDTO(try await DemandService.demand(scope, on: req))
    }

    @Sendable func outcomes(req: Request, user: CurrentUser) async throws -> OutcomeListDTO {
        let (_, _, list) = try await OutcomeService.assessments(referralID: try req.parameter(.referral), on: req)
        let progress = OutcomeProgress.changes(list.map(\.assessment))
        return OutcomeListDTO(items: list.map(OutcomeAssessmentDTO.init), next: nil,
                              progress: Dictionary(uniqueKeysWithValues: progress.map { ($0.key.rawValue, $0.value.rawValue) }))
    }

    @Sendable func recordOutcome(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(OutcomeInput.self)
        let stored = try await OutcomeService.record(referralID: try req.parameter(.referral), OutcomeAssessmentDraft(
            stage: input.stage, recordedOn: .iso(input.recordedOn), source: input.source, ratings: input.ratings ?? [:], notes: input.notes), on: req)
        return try await OutcomeAssessmentDTO(stored).encodeResponse(status: .created, for: req)
    }

    @Sendable func wellbeing(req: Request, user: CurrentUser) async throws -> ListDTO<WellbeingDTO> {
        let (_, _, ratings) = try await OutcomeService.wellbeing(mentorID: try req.parameter(.mentor), on: req)
        return ListDTO(items: ratings.map(WellbeingDTO.init), next: nil)
    }

    @Sendable func recordWellbeing(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(WellbeingInput.self)
        let rating = try await OutcomeService.recordWellbeing(mentorID: try req.parameter(.mentor), WellbeingRatingDraft(
            on: .iso(input.on), score: input.score.map(String.init), source: input.source, notes: input.notes,
            measure: input.measure ?? SelfRatingMeasure.wellbeing.rawValue), on: req)
        return try await WellbeingDTO(rating).encodeResponse(status: .created, for: req)
    }

    @Sendable func caseStudies(req: Request, user: CurrentUser) async throws -> ListDTO<CaseStudyDTO> {
        ListDTO(items: try await CaseStudyService.list(on: req).map { CaseStudyDTO($0.0) }, next: nil)
    }

    @Sendable func createCaseStudy(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(CaseStudyInput.self)
        guard let personID = input.personId, !personID.isEmpty else { throw ValidationFailure([FieldError("personId", "Send the person's id")]) }
        let study = try await CaseStudyService.create(personID: personID, CaseStudyDraft(
            subject: input.subject, kind: input.kind, pseudonym: input.pseudonym, title: input.title, text: input.text, uses: input.uses ?? [],
            consentGivenOn: .iso(input.consentGivenOn)), on: req)
        return try await CaseStudyDTO(study).encodeResponse(status: .created, for: req)
    }

    @Sendable func caseStudy(req: Request, user: CurrentUser) async throws -> CaseStudyDTO {
        CaseStudyDTO(try await CaseStudyService.load(try req.parameter(.caseStudy), action: "caseStudy.view", on: req).0)
    }

    @Sendable func approve(req: Request, user: CurrentUser) async throws -> CaseStudyDTO {
        let input = try req.jsonBody(VersionInput.self)
        return CaseStudyDTO(try await CaseStudyService.approve(try req.parameter(.caseStudy), version: try APIRoutes.requireVersion(input.version), on: req))
    }

    @Sendable func withdraw(req: Request, user: CurrentUser) async throws -> CaseStudyDTO {
        let input = try req.jsonBody(VersionInput.self)
        return CaseStudyDTO(try await CaseStudyService.withdraw(try req.parameter(.caseStudy), version: try APIRoutes.requireVersion(input.version), on: req))
    }
}
