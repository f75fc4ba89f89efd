import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Referral to match in the JSON API.
struct ReferralAPIRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, api: .referrals, needs: .viewReferrals, signedIn: list)
        routes.on(.POST, api: .referrals, needs: .referMentee, signedIn: create)
        routes.on(.GET, api: .referral(PathParameter.referral.placeholder), needs: .viewReferrals, signedIn: get)
        routes.on(.GET, api: .referralSuggestions(PathParameter.referral.placeholder), needs: .manageReferrals, signedIn: suggestions)
        routes.on(.POST, api: .referralHighRiskApproval(PathParameter.referral.placeholder), needs: .manageReferrals, signedIn: approve)
        routes.on(.POST, api: .referralMatches(PathParameter.referral.placeholder), needs: .manageReferrals, signedIn: propose)
        routes.on(.POST, api: .referralState(PathParameter.referral.placeholder), needs: .manageReferrals, signedIn: setState)
        routes.on(.POST, api: .referralClosure(PathParameter.referral.placeholder), needs: .closeReferral, signedIn: close)
        routes.on(.GET, api: .referralSharing(PathParameter.referral.placeholder), needs: .viewReferrals, signedIn: sharing)
        routes.on(.POST, api: .referralSharing(PathParameter.referral.placeholder), needs: .decideSharing, signedIn: decideSharing)
        routes.on(.GET, api: .matches, needs: .viewMatches, signedIn: matches)
        routes.on(.GET, api: .match(PathParameter.match.placeholder), needs: .viewMatches, signedIn: match)
        routes.on(.POST, api: .matchState(PathParameter.match.placeholder), needs: .viewMatches, signedIn: moveMatch)
        routes.on(.GET, api: .matchContacts(PathParameter.match.placeholder), needs: .viewMatches, signedIn: contacts)
        routes.on(.POST, api: .matchContacts(PathParameter.match.placeholder), needs: .logContacts, signedIn: logContact)
        routes.on(.POST, api: .matchCheckIns(PathParameter.match.placeholder), needs: .manageMatches, signedIn: checkIn)
        routes.on(.POST, api: .contactAcknowledgement(PathParameter.contact.placeholder), needs: .acknowledgeConcerns, signedIn: acknowledge)
        routes.on(.GET, api: .matchingProposal, needs: .manageReferrals, signedIn: proposal)
        routes.on(.POST, api: .matchingProposal, needs: .manageReferrals, signedIn: confirm)
    }

    func referralID(_ req: Request) throws -> String { try req.parameter(.referral) }

    @Sendable func sharing(req: Request, user: CurrentUser) async throws -> SharingDTO {
        let (_, _, history) = try await SharingService.history(referralID: try referralID(req), for: .viewReferrals, on: req)
        return SharingDTO(current: history.first.map(SharingDecisionDTO.init), history: history.map(SharingDecisionDTO.init))
    }

    @Sendable func decideSharing(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(SharingInput.self)
        guard let version = input.version else { throw ValidationFailure([FieldError("version", "Send the current decision's version (0 when there is none)")]) }
        let decision = try await SharingService.decide(referralID: try referralID(req),
                                                       SharingDraft(items: input.items ?? [], contactArrangements: input.contactArrangements, note: input.note),
                                                       expectedSequence: version, on: req)
        return try await SharingDecisionDTO(decision).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request, user: CurrentUser) async throws -> ListDTO<ReferralDTO> {
        var states = ReferralState.allCases
        if let raw = try req.apiQuery("state"), !raw.isEmpty {
            guard let s = ReferralState(rawValue: raw) else {
                throw ValidationFailure([FieldError("state", "state must be one of: " + ReferralState.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            states = [s]
        }
        var after: (String, UUID)?
        if let cursor = try req.apiQuery("cursor") {
            let parts = cursor.split(separator: "_")
            guard parts.count == 2, CalendarDate(iso: String(parts[0])) != nil, let id = UUID(uuidString: String(parts[1])) else {
                throw ValidationFailure([FieldError("cursor", "cursor is not one this API gave out")])
            }
            after = (String(parts[0]), id)
        }
        let caseload = Policy.scope(of: user.role, for: .viewReferrals) == .caseload
        let page = try await ReferralRepository.list(areas: caseload ? nil : user.actor.areaIDs, caseloadOf: caseload ? user.id : nil, states: states,
                                                     after: after, limit: try APIRoutes().limit(req), on: req.db)
        if !page.items.isEmpty {
            try await req.auditList(actorID: user.id, action: "referral.list", recordType: "referral", personIDs: page.items.map(\.1.id))
        }
        return ListDTO(items: page.items.map { ReferralDTO($0.0) }, next: page.next.map { "\($0.0)_\($0.1.uuidString)" })
    }

    @Sendable func create(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(ReferralInput.self)
        guard let personID = input.personId, !personID.isEmpty else { throw ValidationFailure([FieldError("personId", "Give the person's id")]) }
        let referral = try await ReferralService.create(personID: personID, orderID: input.orderId, input.draft, on: req)
        return try await ReferralDTO(referral).encodeResponse(status: .created, for: req)
    }

    @Sendable func get(req: Request, user: CurrentUser) async throws -> ReferralDTO {
        ReferralDTO(try await ReferralService.load(try referralID(req), for: .viewReferrals, action: "referral.view", on: req).0)
    }

    @Sendable func suggestions(req: Request, user: CurrentUser) async throws -> ListDTO<SuggestionDTO> {
        let (referral, person) = try await ReferralService.load(try referralID(req), for: .manageReferrals, action: "referral.suggestions", on: req)
        return ListDTO(items: try await ReferralService.suggestions(referral, person, on: req).map {
            SuggestionDTO(mentorId: $0.0.mentorID, firstName: $0.2.details.firstName, score: $0.0.score.total, reasons: $0.0.score.parts)
        }, next: nil)
    }

    @Sendable func approve(req: Request, user: CurrentUser) async throws -> ReferralDTO {
        let input = try req.jsonBody(VersionInput.self)
        return ReferralDTO(try await ReferralService.approveHighRisk(try referralID(req), version: try APIRoutes.requireVersion(input.version), on: req))
    }

    @Sendable func propose(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(ProposeInput.self)
        let version = try APIRoutes.requireVersion(input.version)
        guard let mentorID = input.mentorId, !mentorID.isEmpty else { throw ValidationFailure([FieldError("mentorId", "Give the mentor's id")]) }
        let match = try await ReferralService.propose(try referralID(req), mentorID: mentorID, version: version, on: req)
        return try await MatchDTO(match, for: user.role).encodeResponse(status: .created, for: req)
    }

    @Sendable func setState(req: Request, user: CurrentUser) async throws -> ReferralDTO {
        let input = try req.jsonBody(ReferralStateInput.self)
        return ReferralDTO(try await ReferralService.setState(try referralID(req), to: input.state, withdrawal: input.withdrawalReason,
                                                              version: try APIRoutes.requireVersion(input.version), on: req))
    }

    @Sendable func close(req: Request, user: CurrentUser) async throws -> ReferralDTO {
        let input = try req.jsonBody(CloseInput.self)
        let outcomes = input.outcomes ?? []
        return ReferralDTO(try await ReferralService.close(try referralID(req), outcomes: outcomes.map(\.outcome), comments: outcomes.map(\.comment),
                                                           version: try APIRoutes.requireVersion(input.version), on: req))
    }

    // MARK: Matches

    @Sendable func matches(req: Request, user: CurrentUser) async throws -> ListDTO<MatchDTO> {
        let list = try await MatchListing.visible(for: user, user.role == .coordinator ? .current : .includingEnded, on: req)
        try await MatchListing.auditShown(list, to: user, on: req)
        let role = user.role
        return ListDTO(items: list.map { MatchDTO($0, for: role) }, next: nil)
    }

    @Sendable func match(req: Request, user: CurrentUser) async throws -> MatchDTO {
        MatchDTO(try await MatchService.load(try req.parameter(.match), for: .viewMatches, action: "match.view", on: req).match, for: user.role)
    }

    @Sendable func moveMatch(req: Request, user: CurrentUser) async throws -> MatchDTO {
        let input = try req.jsonBody(MatchStateInput.self)
        let role = user.role
        return MatchDTO(try await MatchService.move(try req.parameter(.match), to: input.state, endReason: input.endReason,
                                                    version: try APIRoutes.requireVersion(input.version), on: req), for: role)
    }

    @Sendable func contacts(req: Request, user: CurrentUser) async throws -> ListDTO<ContactDTO> {
        let file = try await MatchService.load(try req.parameter(.match), for: .viewMatches, action: "contact.list", on: req)
        return ListDTO(items: try await MatchRepository.contacts(matchIDs: [file.match.id], on: req.db).map(ContactDTO.init), next: nil)
    }

    @Sendable func logContact(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(ContactInput.self)
        let saved = try await MatchService.logContact(try req.parameter(.match),
                                                      ContactDraft(on: .iso(input.on), minutes: input.minutes.map(String.init), supportTypes: input.supportTypes ?? [],
                                                                   place: input.place, notes: input.notes, concern: input.concern), on: req)
        return try await ContactDTO(saved).encodeResponse(status: .created, for: req)
    }

    @Sendable func checkIn(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(CheckInInput.self)
        try await MatchService.checkIn(try req.parameter(.match), heldOn: .iso(input.heldOn), notes: input.notes, on: req)
        return Response(status: .noContent)
    }

    @Sendable func acknowledge(req: Request, user: CurrentUser) async throws -> Response {
        try await MatchService.acknowledge(contactID: try req.parameter(.contact), on: req)
        return Response(status: .noContent)
    }

    // MARK: Bulk

    func area(_ req: Request) throws -> String {
        let user = try req.user
        let requested = try req.apiQuery("area")
        guard let area = requested ?? (user.actor.areaIDs.count == 1 ? user.actor.areaIDs.first : nil) else {
            throw ValidationFailure([FieldError("area", "Give the area to match: you work in several")])
        }
        guard user.actor.areaIDs.contains(area) else { throw ValidationFailure([FieldError("area", "Give an area you work in")]) }
        return area
    }

    @Sendable func proposal(req: Request, user: CurrentUser) async throws -> ProposalListDTO {
        let pairs = try await ReferralService.bulkProposal(area: try area(req), today: req.today, on: req.db)
        return ProposalListDTO(items: pairs.map { ProposalDTO(referralId: $0.referral.id, mentorId: $0.mentor.id, score: $0.score) }, next: nil,
                               totalScore: pairs.map(\.score).reduce(0, +))
    }

    /// Confirms the current optimal proposal for the area: every pair becomes a proposed match.
    @Sendable func confirm(req: Request, user: CurrentUser) async throws -> Response {
        let pairs = try await ReferralService.confirmBulk(area: try area(req), on: req)
        let created = pairs.map { ProposalDTO(referralId: $0.referral.id, mentorId: $0.mentor.id, score: $0.score) }
        return try await ProposalListDTO(items: created, next: nil, totalScore: created.map(\.score).reduce(0, +)).encodeResponse(status: .created, for: req)
    }
}
