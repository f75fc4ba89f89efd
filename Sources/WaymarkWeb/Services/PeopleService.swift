import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The shell around a person's record that pages and the API share: scope checks (404 when
/// out of scope), audit of every read and write, and one transaction per command.
enum PeopleService {
    /// Loads a person the user may see for `capability`, auditing the read.
    /// A record that does not exist and one outside the user's scope look the same: 404.
    /// `action` nil: the caller is about to write, and that write is what gets audited.
    static func load(_ id: String, for capability: Capability, minimum: RecordAccess = .full, action: String?,
                     on req: Request) async throws -> (Person, RecordAccess) {
        let user = try req.user
        guard let person = try await PeopleRepository.find(id: id, on: req.db) else { throw Abort(.notFound) }
        let access = Policy.access(user.actor, to: person.scope, for: capability)
        guard access >= minimum, access != .none else { throw Abort(.notFound) }
        if let action {
            try await req.audit(AuditRecord(actorID: user.id, action: action, recordType: "person", recordID: person.id,
                                            personID: person.id, detail: access == .summary ? "summary" : ""))
        }
        return (person, access)
    }

    static func visibility(for user: CurrentUser) -> PeopleVisibility {
        switch Policy.scope(of: user.role, for: .searchPeople) {
        case .everything: .everyone
        case .ownAreas: .areas(user.actor.areaIDs, caseloadOf: nil)
        case .caseload: .areas(user.actor.areaIDs, caseloadOf: user.id)
        case .own, nil: .caseload("")
        }
    }

    /// The areas this user may place a person in: active areas and delivery units, and the
    /// person's own current ones (a deactivated unit is not offered, but its people stay editable).
    static func placementAreas(for user: CurrentUser, keeping person: Person? = nil, on db: any Database) async throws -> [AreaSummary] {
        let all = try await OrganisationRepository.areas(on: db).compactMap { area -> AreaSummary? in
            let own = person?.details.areaID == area.id
            guard area.active || own else { return nil }
            return AreaSummary(id: area.id, name: area.name, deliveryUnits: area.deliveryUnits.filter {
                !area.inactiveUnitIDs.contains($0.id) || $0.id == person?.details.deliveryUnitID
            })
        }
        return Policy.scope(of: user.role, for: .createPerson) == .everything ? all : all.filter { user.actor.areaIDs.contains($0.id) }
    }

    /// Practitioners who can hold a case in an area, for a coordinator's choice.
    static func practitioners(in areaIDs: Set<String>, on db: any Database) async throws -> [UserAccount] {
        try await UserRepository.all(on: db).filter { $0.role == .practitioner && $0.active && !$0.areaIDs.isDisjoint(with: areaIDs) }
    }

    /// A practitioner creating a record becomes its practitioner; a coordinator may name one
    /// who works in the person's area. `requested` nil keeps the current practitioner (an API
    /// PATCH that leaves the field out); an empty string means "not allocated".
    static func resolvePractitioner(requested: String?, current: String?, details: PersonDetails, user: CurrentUser,
                                    on db: any Database) async throws -> String? {
        if user.role == .practitioner { return current ?? user.id }
        guard let requested = requested?.trimmingCharacters(in: .whitespaces) else { return current }
        guard !requested.isEmpty else { return nil }
        let candidates = try await practitioners(in: [details.areaID], on: db)
        guard let match = candidates.first(where: { $0.id.caseInsensitiveCompare(requested) == .orderedSame }) else {
            throw ValidationFailure([FieldError("practitionerId", "Select a practitioner who works in the person's area")])
        }
        return match.id
    }

    static func create(_ draft: PersonDraft, practitioner requested: String?, on req: Request) async throws -> Person {
        let user = try req.user
        let areas = try await placementAreas(for: user, on: req.db)
        let details = try draft.validated(today: req.today, areas: areas)
        let practitioner = try await resolvePractitioner(requested: requested, current: nil, details: details, user: user, on: req.db)
        let at = req.now
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            let person = try await PeopleRepository.create(details, practitionerID: practitioner, on: tx)
            effects.audit("person.create", "person", person.id, person: person.id)
            return person
        }
    }

    /// Corrections keep their history: each changed field is recorded with what it said before.
    static func update(_ id: String, _ draft: PersonDraft, practitioner requested: String?, version: Int, reason: String? = nil,
                       on req: Request) async throws -> Person {
        let user = try req.user
        guard let existing = try await PeopleRepository.find(id: id, on: req.db),
              Policy.access(user.actor, to: existing.scope, for: .editPerson) == .full
        else { throw Abort(.notFound) }
        let areas = try await placementAreas(for: user, keeping: existing, on: req.db)
        let details = try draft.validated(today: req.today, areas: areas)
        let practitioner = user.role == .practitioner
            ? existing.practitionerID
            : try await resolvePractitioner(requested: requested, current: existing.practitionerID, details: details, user: user, on: req.db)
        let reason = try correctionReason(reason)
        let names = try await placeNames(on: req.db)
        let changes = Corrections.changes(from: existing.details, to: details) { names[$0] ?? $0 }
        let at = req.now
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            guard let person = try await PeopleRepository.update(id: id, details, practitionerID: practitioner,
                                                                 expectedVersion: version, on: tx)
            else { throw Abort(.notFound) }
            try await DataProtectionRepository.recordCorrections(changes, personID: person.id, recordType: "person", recordID: person.id,
                                                                 reason: reason, by: user.id, at: at, on: tx)
            effects.audit("person.update", "person", person.id, person: person.id, detail: "version \(person.version)")
            return person
        }
    }

    /// Areas and delivery units by id, so a correction reads "Essex", not an id.
    static func placeNames(on db: any Database) async throws -> [String: String] {
        var names: [String: String] = [:]
        for area in try await OrganisationRepository.areas(on: db) {
            names[area.id] = area.name
            for unit in area.deliveryUnits { names[unit.id] = unit.name }
        }
        return names
    }

    /// The optional "why was this changed" of an edit.
    static func correctionReason(_ raw: String?) throws -> String? {
        var errors = FieldErrors()
        let reason = InputRules.optional(raw, field: "correctionReason", label: "reason for the change", limit: 500, errors: &errors)
        try errors.throwIfAny()
        return reason
    }

    static func search(_ text: String?, cursor: String?, limit: Int, on req: Request) async throws -> (items: [(Person, RecordAccess)], next: PeopleCursor?) {
        let user = try req.user
        let after = cursor.flatMap(PeopleCursor.init(token:))
        let page = try await PeopleRepository.search(text, visibility: visibility(for: user), after: after, limit: limit, on: req.db)
        let items = page.items.map { ($0, Policy.access(user.actor, to: $0.scope, for: .viewPerson)) }.filter { $0.1 != .none }
        if !items.isEmpty {
            try await req.auditList(actorID: user.id, action: "person.list", recordType: "person", personIDs: items.map(\.0.id))
        }
        return (items, page.next)
    }
}
