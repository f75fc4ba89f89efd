import Vapor
import WaymarkCore
import WaymarkStore

/// The organisation and its users through the JSON API: the same services, policy and audit as the pages.
struct AdminAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, api: .providers, needs: .manageOrganisation, signedIn: listProviders)
        routes.on(.POST, api: .providers, needs: .manageOrganisation, signedIn: createProvider)
        routes.on(.POST, api: .areas, needs: .manageOrganisation, signedIn: createArea)
        routes.on(.PATCH, api: .area(PathParameter.area.placeholder), needs: .manageOrganisation, signedIn: patchArea)
        routes.on(.POST, api: .areaDeliveryUnits(PathParameter.area.placeholder), needs: .manageOrganisation, signedIn: createUnit)
        routes.on(.PATCH, api: .deliveryUnit(PathParameter.deliveryUnit.placeholder), needs: .manageOrganisation, signedIn: patchUnit)
        routes.on(.POST, api: .sites, needs: .manageOrganisation, signedIn: createSite)
        routes.on(.PATCH, api: .site(PathParameter.site.placeholder), needs: .manageOrganisation, signedIn: patchSite)
        routes.on(.GET, api: .users, needs: .manageUsers, signedIn: listUsers)
        routes.on(.POST, api: .users, needs: .manageUsers, signedIn: inviteUser)
        routes.on(.GET, api: .user(PathParameter.user.placeholder), needs: .manageUsers, signedIn: getUser)
        routes.on(.PATCH, api: .user(PathParameter.user.placeholder), needs: .manageUsers, signedIn: patchUser)
        routes.on(.GET, api: .tokens, needs: .manageOwnAccount, signedIn: listTokens)
        routes.on(.DELETE, api: .token(PathParameter.token.placeholder), needs: .manageOwnAccount, signedIn: revokeToken)
    }

    static func version(_ v: Int?) throws -> Int {
        guard let v else { throw ValidationFailure([FieldError("version", "Send the record's current version")]) }
        return v
    }

    @Sendable func listProviders(req: Request, user: CurrentUser) async throws -> ListDTO<ProviderDTO> {
        ListDTO(items: try await OrganisationAdminRepository.providers(on: req.db).map(ProviderDTO.init), next: nil)
    }

    @Sendable func createProvider(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(ProviderInput.self)
        return try await ProviderDTO(try await OrganisationService.createProvider(name: input.name, by: user, on: req)).encodeResponse(status: .created, for: req)
    }

    @Sendable func createArea(req: Request, user: CurrentUser) async throws -> Response {
        let i = try req.jsonBody(AreaInput.self)
        let draft = AreaDraft(name: i.name, slug: i.slug, contactName: i.contactName, contactEmail: i.contactEmail, contactPhone: i.contactPhone,
                              postalAddress: i.postalAddress)
        let area = try await OrganisationService.createArea(providerID: Self.ids([i.providerId ?? ""])[0], draft, by: user, on: req)
        return try await AreaRecordDTO(area).encodeResponse(status: .created, for: req)
    }

    @Sendable func patchArea(req: Request, user: CurrentUser) async throws -> AreaRecordDTO {
        let id = try req.parameter(.area)
        let i = try req.jsonBody(AreaInput.self)
        let version = try Self.version(i.version)
        guard let c = try await OrganisationAdminRepository.findArea(id, on: req.db) else { throw Abort(.notFound) }
        let draft = AreaDraft(name: i.name ?? c.name, slug: i.slug ?? c.slug, contactName: i.contactName ?? c.contactName,
                              contactEmail: i.contactEmail ?? c.contactEmail, contactPhone: i.contactPhone ?? c.contactPhone,
                              postalAddress: i.postalAddress ?? c.postalAddress)
        return AreaRecordDTO(try await OrganisationService.updateArea(id, draft, active: i.active ?? c.active, version: version, by: user, on: req))
    }

    @Sendable func createUnit(req: Request, user: CurrentUser) async throws -> Response {
        let i = try req.jsonBody(DeliveryUnitInput.self)
        let unit = try await OrganisationService.createUnit(areaID: try req.parameter(.area), name: i.name, by: user, on: req)
        return try await DeliveryUnitRecordDTO(unit).encodeResponse(status: .created, for: req)
    }

    @Sendable func patchUnit(req: Request, user: CurrentUser) async throws -> DeliveryUnitRecordDTO {
        let id = try req.parameter(.deliveryUnit)
        let i = try req.jsonBody(DeliveryUnitInput.self)
        let version = try Self.version(i.version)
        guard let c = try await OrganisationAdminRepository.findUnit(id, on: req.db) else { throw Abort(.notFound) }
        return DeliveryUnitRecordDTO(try await OrganisationService.updateUnit(id, name: i.name ?? c.name, active: i.active ?? c.active,
                                                                              version: version, by: user, on: req))
    }

    @Sendable func createSite(req: Request, user: CurrentUser) async throws -> Response {
        let i = try req.jsonBody(SiteInput.self)
        // The site's area is its delivery unit's.
        guard let unitID = i.deliveryUnitId.map({ Self.ids([$0])[0] }), !unitID.isEmpty, let areaID = try await OrganisationAdminRepository.areaID(ofUnit: unitID, on: req.db) else {
            throw ValidationFailure([FieldError("deliveryUnitId", "Give the id of the delivery unit the site belongs to")])
        }
        let site = try await OrganisationService.createSite(areaID: areaID, SiteDraft(name: i.name, address: i.address, postcode: i.postcode, deliveryUnitID: unitID),
                                                            by: user, on: req)
        return try await SiteRecordDTO(site).encodeResponse(status: .created, for: req)
    }

    @Sendable func patchSite(req: Request, user: CurrentUser) async throws -> SiteRecordDTO {
        let id = try req.parameter(.site)
        let i = try req.jsonBody(SiteInput.self)
        let version = try Self.version(i.version)
        guard let c = try await OrganisationAdminRepository.findSite(id, on: req.db) else { throw Abort(.notFound) }
        let draft = SiteDraft(name: i.name ?? c.name, address: i.address ?? c.address, postcode: i.postcode ?? c.postcode,
                              deliveryUnitID: i.deliveryUnitId.map { Self.ids([$0])[0] } ?? c.deliveryUnitID)
        return SiteRecordDTO(try await OrganisationService.updateSite(id, draft, active: i.active ?? c.active, version: version, by: user, on: req))
    }

    @Sendable func listUsers(req: Request, user: CurrentUser) async throws -> ListDTO<UserDTO> {
        var filter = AccountRepository.Filter()
        if let raw = try req.apiQuery("role") {
            guard let role = Role(rawValue: raw) else { throw ValidationFailure([FieldError("role", "role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")]) }
            filter.role = role
        }
        filter.areaID = try req.apiQuery("areaId")
        if let raw = try req.apiQuery("active") {
            guard let b = Bool(raw) else { throw ValidationFailure([FieldError("active", "active must be true or false")]) }
            filter.active = b
        }
        if let raw = try req.apiQuery("notSignedInForDays") {
            guard let d = Int(raw), (1...3650).contains(d) else { throw ValidationFailure([FieldError("notSignedInForDays", "notSignedInForDays must be a whole number from 1 to 3650")]) }
            filter.notSignedInForDays = d
        }
        let limit = try APIRoutes().limit(req)
        let page = try await AccountRepository.page(filter, areaScope: nil, now: req.now, afterEmail: try req.apiQuery("cursor"), limit: limit, on: req.db)
        return ListDTO(items: page.items.map(UserDTO.init), next: page.next)
    }

    @Sendable func inviteUser(req: Request, user: CurrentUser) async throws -> Response {
        let i = try req.jsonBody(UserInput.self)
        let (account, _) = try await Self.apiFields {
            try await UserAdminService.invite(UserInvitationDraft(email: i.email, name: i.name, role: i.role, areaIDs: Self.ids(i.areaIds ?? [])),
                                              by: user, on: req)
        }
        return try await UserDTO(account).encodeResponse(status: .created, for: req)
    }

    @Sendable func getUser(req: Request, user: CurrentUser) async throws -> UserDTO {
        UserDTO(try await UserAdminService.find(try req.parameter(.user), on: req))
    }

    /// Role, areas and active in one command; an administrator cannot deactivate themself here.
    @Sendable func patchUser(req: Request, user: CurrentUser) async throws -> UserDTO {
        let id = try req.parameter(.user)
        let i = try req.jsonBody(UserPatch.self)
        let version = try Self.version(i.version)
        return UserDTO(try await Self.apiFields {
            try await UserAdminService.update(id, role: i.role, areaIDs: i.areaIds.map(Self.ids), active: i.active, version: version, by: user, on: req)
        })
    }

    /// Ids as stored (upper-case UUIDs), however the caller spelt them.
    static func ids(_ raw: [String]) -> [String] { raw.map { UUID(uuidString: $0)?.uuidString ?? $0 } }

    /// The rules name form fields; the API's body calls the areas `areaIds`.
    static func apiFields<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let failure as ValidationFailure {
            throw ValidationFailure(failure.errors.map { $0.field == "areas" ? FieldError("areaIds", $0.message) : $0 })
        }
    }

    /// Your own tokens (never the token itself, only what it is and when it expires).
    @Sendable func listTokens(req: Request, user: CurrentUser) async throws -> ListDTO<TokenDTO> {
        ListDTO(items: try await APITokenRepository.list(userID: user.id, on: req.db).map(TokenDTO.init), next: nil)
    }

    @Sendable func revokeToken(req: Request, user: CurrentUser) async throws -> Response {
        try await AccountService.revokeToken(try req.parameter(.token), by: user, on: req)
        return Response(status: .noContent)
    }
}
