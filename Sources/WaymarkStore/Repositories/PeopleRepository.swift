import Fluent
import Foundation
import WaymarkCore

/// Which people a list may include, from the role policy's scope.
public enum PeopleVisibility: Sendable, Equatable {
    case everyone
    /// People in these areas, plus (for a practitioner) their own caseload wherever it is.
    case areas(Set<String>, caseloadOf: String?)
    /// Only this practitioner's own caseload.
    case caseload(String)
}

/// A keyset position in the people list: the sort name and id of the last row shown.
public struct PeopleCursor: Sendable, Equatable {
    public let sortName: String
    public let id: UUID

    public var token: String {
        Data("\(sortName)\u{1F}\(id.uuidString)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    public init(sortName: String, id: UUID) {
        self.sortName = sortName
        self.id = id
    }

    public init?(token: String) {
        let b64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard let data = Data(base64Encoded: b64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        guard parts.count == 2, let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.init(sortName: String(parts[0]), id: id)
    }
}

public enum PeopleRepository {
    static func sortName(_ details: PersonDetails) -> String {
        "\(details.lastName) \(details.firstName)".lowercased()
    }

    public static func person(_ model: PersonModel) -> Person? {
        guard let dob = CalendarDate(iso: model.dateOfBirth) else { return nil }
        let details = PersonDetails(crn: model.crn.flatMap(CRN.init), firstName: model.firstName, lastName: model.lastName,
                                    dateOfBirth: dob, gender: Gender(rawValue: model.gender) ?? .notStated,
                                    areaID: model.$area.id.uuidString, deliveryUnitID: model.$deliveryUnit.id.uuidString)
        return Person(id: model.id!.uuidString, details: details, practitionerID: model.$practitioner.id?.uuidString,
                      version: model.version)
    }

    public static func find(id: String, on db: any Database) async throws -> Person? {
        guard let uuid = UUID(uuidString: id), let model = try await PersonModel.find(uuid, on: db) else { return nil }
        return person(model)
    }

    public static func find(crn: CRN, on db: any Database) async throws -> Person? {
        try await PersonModel.query(on: db).filter(\.$crn == crn.value).first().flatMap(person)
    }

    static func apply(_ details: PersonDetails, practitionerID: String?, to model: PersonModel) {
        model.crn = details.crn?.value
        model.firstName = details.firstName
        model.lastName = details.lastName
        model.sortName = sortName(details)
        model.dateOfBirth = details.dateOfBirth.iso
        model.gender = details.gender.rawValue
        model.$area.id = UUID(uuidString: details.areaID)!
        model.$deliveryUnit.id = UUID(uuidString: details.deliveryUnitID)!
        model.$practitioner.id = practitionerID.flatMap(UUID.init(uuidString:))
    }

    static func checkCRNFree(_ crn: CRN?, except id: UUID?, on db: any Database) async throws {
        guard let crn else { return }
        let query = PersonModel.query(on: db).filter(\.$crn == crn.value)
        if let id { query.filter(\.$id != id) }
        if try await query.count() > 0 {
            throw ValidationFailure([FieldError("crn", "A record with CRN \(crn.value) already exists: search for it, or ask a coordinator")])
        }
    }

    public static func create(_ details: PersonDetails, practitionerID: String?, on db: any Database) async throws -> Person {
        try await checkCRNFree(details.crn, except: nil, on: db)
        let model = PersonModel()
        apply(details, practitionerID: practitionerID, to: model)
        model.version = 1
        try await model.create(on: db)
        return person(model)!
    }

    /// Saves an edit made against `expectedVersion`; a newer saved version means a conflict.
    public static func update(id: String, _ details: PersonDetails, practitionerID: String?, expectedVersion: Int,
                              on db: any Database) async throws -> Person? {
        guard let uuid = UUID(uuidString: id), let model = try await PersonModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: model.version, submitted: expectedVersion)
        try await checkCRNFree(details.crn, except: uuid, on: db)
        apply(details, practitionerID: practitionerID, to: model)
        model.version += 1
        try await model.save(on: db)
        return person(model)
    }

    /// Name (every word must appear) or exact CRN search, ordered by last then first name, keyset-paginated.
    public static func search(_ text: String?, visibility: PeopleVisibility, after cursor: PeopleCursor?, limit: Int,
                              on db: any Database) async throws -> (items: [Person], next: PeopleCursor?) {
        let query = PersonModel.query(on: db)
        switch visibility {
        case .everyone:
            break
        case .caseload(let practitioner):
            query.filter(\.$practitioner.$id == UUID(uuidString: practitioner))
        case .areas(let areas, let caseloadOf):
            let ids = areas.compactMap(UUID.init(uuidString:))
            query.group(.or) { group in
                group.filter(\.$area.$id ~~ ids)
                if let caseloadOf, let me = UUID(uuidString: caseloadOf) { group.filter(\.$practitioner.$id == me) }
            }
        }
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        if let crn = CRN(trimmed) {
            query.filter(\.$crn == crn.value)
        } else {
            for word in trimmed.lowercased().split(separator: " ").prefix(4) {
                query.filter(\.$sortName ~~ String(word))
            }
        }
        if let cursor {
            query.group(.or) { group in
                group.filter(\.$sortName > cursor.sortName)
                group.group(.and) { tie in
                    tie.filter(\.$sortName == cursor.sortName)
                    tie.filter(\.$id > cursor.id)
                }
            }
        }
        let rows = try await query.sort(\.$sortName).sort(\.$id).limit(limit + 1).all()
        let page = Array(rows.prefix(limit))
        let next = rows.count > limit ? page.last.map { PeopleCursor(sortName: $0.sortName, id: $0.id!) } : nil
        return (page.compactMap(person), next)
    }
}

extension PeopleRepository {
    public static func caseloadCount(practitionerID: String, on db: any Database) async throws -> Int {
        guard let uuid = UUID(uuidString: practitionerID) else { return 0 }
        return try await PersonModel.query(on: db).filter(\.$practitioner.$id == uuid).count()
    }

    /// The ids of everyone on a practitioner's caseload.
    public static func caseload(practitionerID: String, on db: any Database) async throws -> [String] {
        guard let uuid = UUID(uuidString: practitionerID) else { return [] }
        return try await PersonModel.query(on: db).filter(\.$practitioner.$id == uuid).field(\.$id).all().map { $0.id!.uuidString }
    }
}

extension PeopleRepository {
    /// Several people in one query, by id.
    public static func find(ids: [String], on db: any Database) async throws -> [String: Person] {
        let uuids = Array(Set(ids.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        let people = try await PersonModel.query(on: db).filter(\.$id ~~ uuids).all().compactMap(person)
        return Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) })
    }
}
