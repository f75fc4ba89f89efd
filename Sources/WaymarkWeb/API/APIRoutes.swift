import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

extension Request {
    /// A query parameter, as the API reads them all. Vapor's `query[_:at:]` answers nil for every
    /// parameter when the query string as a whole cannot be parsed (an unbalanced `[` in any key
    /// will do), so a filter or an out-of-range `limit` would be dropped without a word and the
    /// caller would get a different list from the one they asked for. Here that is a 422.
    func apiQuery(_ name: String) throws -> String? {
        if let raw = url.query, !raw.isEmpty {
            do {
                _ = try query.decode(AnyQuery.self)
            } catch {
                throw ValidationFailure([FieldError("query", "The query string could not be read: check the parameter names")])
            }
        }
        return query[String.self, at: name]
    }
}

extension Request {
    /// The request body, read as JSON: the only kind the document describes. Vapor would also read
    /// a form (URL-encoded or multipart) and answer a malformed one with an undocumented 400;
    /// the API answers any body that is not JSON with 415, as documented.
    func jsonBody<D: Decodable>(_ type: D.Type) throws -> D {
        guard let mediaType = headers.contentType,
              mediaType.type.lowercased() == "application", mediaType.subType.lowercased() == "json"
        else {
            throw Abort(.unsupportedMediaType, reason: "Send the body as application/json")
        }
        return try content.decode(D.self)
    }
}

/// Decodes from any well-formed query string, so decoding it only tests that the string parses.
private struct AnyQuery: Decodable {}

/// The JSON API under /api/v1. Same services, same policy and audit as the pages.
struct APIRoutes: RouteCollection {
    static let defaultLimit = 50
    static let maximumLimit = 200

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, api: .areas, needs: .viewAreas, signedIn: areas)
        routes.on(.GET, api: .people, needs: .searchPeople, signedIn: listPeople)
        routes.on(.POST, api: .people, needs: .createPerson, signedIn: createPerson)
        routes.on(.GET, api: .person(PathParameter.person.placeholder), needs: .viewPerson, signedIn: getPerson)
        routes.on(.PATCH, api: .person(PathParameter.person.placeholder), needs: .editPerson, signedIn: patchPerson)
        routes.on(.GET, api: .personOrders(PathParameter.person.placeholder), needs: .viewOrders, signedIn: listOrders)
        routes.on(.POST, api: .personOrders(PathParameter.person.placeholder), needs: .editOrders, signedIn: createOrder)
        routes.on(.GET, api: .order(PathParameter.order.placeholder), needs: .viewOrders, signedIn: getOrder)
        routes.on(.PATCH, api: .order(PathParameter.order.placeholder), needs: .editOrders, signedIn: patchOrder)
        routes.on(.GET, api: .personRisk(PathParameter.person.placeholder), needs: .viewRisk, signedIn: listRisk)
        routes.on(.POST, api: .personRisk(PathParameter.person.placeholder), needs: .recordRisk, signedIn: recordRisk)
        routes.on(.GET, api: .audit, needs: .viewAudit, signedIn: audit)
    }

    func limit(_ req: Request) throws -> Int {
        guard let raw = try req.apiQuery("limit") else { return Self.defaultLimit }
        guard let n = Int(raw), (1...Self.maximumLimit).contains(n) else {
            throw ValidationFailure([FieldError("limit", "limit must be a whole number from 1 to \(Self.maximumLimit)")])
        }
        return n
    }

    @Sendable func areas(req: Request, user: CurrentUser) async throws -> ListDTO<AreaDTO> {
        // What new records may be placed in: deactivated areas and units are not offered.
        let areas = try await OrganisationRepository.offeredAreas(on: req.db)
        return ListDTO(items: areas.map { AreaDTO(id: $0.id, name: $0.name, deliveryUnits: $0.deliveryUnits.map { DeliveryUnitDTO(id: $0.id, name: $0.name) }) },
                       next: nil)
    }

    @Sendable func listPeople(req: Request, user: CurrentUser) async throws -> ListDTO<PersonDTO> {
        let cursor = try req.apiQuery("cursor")
        if let cursor, PeopleCursor(token: cursor) == nil {
            throw ValidationFailure([FieldError("cursor", "cursor is not one this API gave out")])
        }
        let page = try await PeopleService.search(try req.apiQuery("q"), cursor: cursor, limit: try limit(req), on: req)
        return ListDTO(items: page.items.map { PersonDTO($0.0, access: $0.1) }, next: page.next?.token)
    }

    @Sendable func createPerson(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(PersonInput.self)
        let person = try await PeopleService.create(input.draft(), practitioner: input.practitionerId, on: req)
        return try await PersonDTO(person, access: .full).encodeResponse(status: .created, for: req)
    }

    @Sendable func getPerson(req: Request, user: CurrentUser) async throws -> PersonDTO {
        let (person, access) = try await PeopleService.load(try req.parameter(.person), for: .viewPerson,
                                                            minimum: .summary, action: "person.view", on: req)
        return PersonDTO(person, access: access)
    }

    static func requireVersion(_ version: Int?) throws -> Int {
        guard let version else { throw ValidationFailure([FieldError("version", "Send the record's current version")]) }
        return version
    }

    @Sendable func patchPerson(req: Request, user: CurrentUser) async throws -> PersonDTO {
        let id = try req.parameter(.person)
        let input = try req.jsonBody(PersonInput.self)
        let version = try Self.requireVersion(input.version)
        let (current, _) = try await PeopleService.load(id, for: .editPerson, action: nil, on: req)
        let person = try await PeopleService.update(id, input.draft(over: current), practitioner: input.practitionerId,
                                                    version: version, reason: input.correctionReason, on: req)
        return PersonDTO(person, access: .full)
    }

    @Sendable func listOrders(req: Request, user: CurrentUser) async throws -> ListDTO<OrderDTO> {
        let (person, _) = try await PeopleService.load(try req.parameter(.person), for: .viewOrders, action: "order.list", on: req)
        return ListDTO(items: try await OrderRepository.orders(personID: person.id, on: req.db).map(OrderDTO.init), next: nil)
    }

    @Sendable func createOrder(req: Request, user: CurrentUser) async throws -> Response {
        let input = try req.jsonBody(OrderInput.self)
        let order = try await OrdersService.create(input.draft(), personID: try req.parameter(.person), on: req)
        return try await OrderDTO(order).encodeResponse(status: .created, for: req)
    }

    @Sendable func getOrder(req: Request, user: CurrentUser) async throws -> OrderDTO {
        let (order, _) = try await OrdersService.load(try req.parameter(.order), for: .viewOrders, action: "order.view", on: req)
        return OrderDTO(order)
    }

    @Sendable func patchOrder(req: Request, user: CurrentUser) async throws -> OrderDTO {
        let input = try req.jsonBody(OrderInput.self)
        let version = try Self.requireVersion(input.version)
        let (order, _) = try await OrdersService.load(try req.parameter(.order), for: .editOrders, action: nil, on: req)
        return OrderDTO(try await OrdersService.update(order.id, input.draft(over: order), version: version, reason: input.correctionReason, on: req))
    }

    @Sendable func listRisk(req: Request, user: CurrentUser) async throws -> ListDTO<RiskDTO> {
        let (person, _) = try await PeopleService.load(try req.parameter(.person), for: .viewRisk, action: "risk.view", on: req)
        return ListDTO(items: try await RiskRepository.history(personID: person.id, on: req.db).map(RiskDTO.init), next: nil)
    }

    @Sendable func recordRisk(req: Request, user: CurrentUser) async throws -> Response {
        let personID = try req.parameter(.person)
        let input = try req.jsonBody(RiskInput.self)
        let basedOn: Int
        if let given = input.basedOnVersion {
            basedOn = given
        } else {
            // Without a version the caller asserts nothing about what they saw: record on top.
            _ = try await PeopleService.load(personID, for: .recordRisk, action: nil, on: req)
            basedOn = try await RiskRepository.history(personID: personID, on: req.db).first?.version ?? 0
        }
        let saved = try await RiskService.record(input.draft, personID: personID, basedOnVersion: basedOn, on: req)
        return try await RiskDTO(saved).encodeResponse(status: .created, for: req)
    }

    @Sendable func audit(req: Request, user: CurrentUser) async throws -> ListDTO<AuditEntryDTO> {
        let personID = try req.apiQuery("personId")
        let cursor = try req.apiQuery("cursor")
        var before: Int?
        if let cursor {
            guard let n = Int(cursor) else { throw ValidationFailure([FieldError("cursor", "cursor is not one this API gave out")]) }
            before = n
        }
        let n = try limit(req)
        let entries = try await AuditLog.page(on: req.db, personID: personID, actorID: nil, before: before, limit: n)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return ListDTO(items: entries.map {
            AuditEntryDTO(sequence: $0.sequence, at: formatter.string(from: $0.at), actorId: $0.actorID, action: $0.action,
                          recordType: $0.recordType, recordId: $0.recordID, personId: $0.personID, detail: $0.detail, hash: $0.hash)
        }, next: entries.count == n ? entries.last.map { String($0.sequence) } : nil)
    }
}
