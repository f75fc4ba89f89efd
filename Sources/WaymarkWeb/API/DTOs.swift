import Vapor
import WaymarkCore
import WaymarkStore

// JSON shapes of the API, kept apart from the Fluent models. openapi.yaml describes each one;
// WaymarkWebTests checks responses against it.

struct ListDTO<Item: Content>: Content {
    let items: [Item]
    let next: String?

    // `next` is always present, as null on the last page, so clients need not tell
    // "no more pages" from "field forgotten".
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(next, forKey: .next)
    }
}

struct AreaDTO: Content {
    let id: String
    let name: String
    let deliveryUnits: [DeliveryUnitDTO]
}

struct DeliveryUnitDTO: Content {
    let id: String
    let name: String
}

struct PersonDTO: Content {
    let id: String
    let version: Int
    let crn: String?
    let firstName: String
    let lastName: String
    /// Absent when the caller may see a summary only.
    let dateOfBirth: String?
    let gender: String?
    let areaId: String
    let deliveryUnitId: String
    let practitionerId: String?
    let access: String

    init(_ p: Person, access: RecordAccess) {
        let full = access == .full
        id = p.id
        version = p.version
        crn = p.details.crn?.value
        firstName = p.details.firstName
        lastName = p.details.lastName
        dateOfBirth = full ? p.details.dateOfBirth.iso : nil
        gender = full ? p.details.gender.rawValue : nil
        areaId = p.details.areaID
        deliveryUnitId = p.details.deliveryUnitID
        practitionerId = p.practitionerID
        self.access = full ? "full" : "summary"
    }
}

/// POST body, and PATCH body (with `version`); absent PATCH fields keep their current value.
struct PersonInput: Content {
    var version: Int?
    var crn: String?
    var firstName: String?
    var lastName: String?
    var dateOfBirth: String?
    var gender: String?
    var areaId: String?
    var deliveryUnitId: String?
    var practitionerId: String?
    /// PATCH only: why the record is being corrected.
    var correctionReason: String?

    func draft(over current: Person? = nil) -> PersonDraft {
        let d = current?.details
        return PersonDraft(crn: crn ?? d?.crn?.value, firstName: firstName ?? d?.firstName, lastName: lastName ?? d?.lastName,
                           dateOfBirth: .iso(dateOfBirth ?? d?.dateOfBirth.iso), gender: gender ?? d?.gender.rawValue,
                           areaID: areaId ?? d?.areaID, deliveryUnitID: deliveryUnitId ?? d?.deliveryUnitID)
    }
}

struct OrderDTO: Content {
    let id: String
    let personId: String
    let version: Int
    let type: String
    let startDate: String
    let expectedEndDate: String
    let actualEndDate: String?
    let outcome: String
    let requirements: [String]
    let rarDays: Int?
    let openBreach: Bool

    init(_ o: Order) {
        id = o.id
        personId = o.personID
        version = o.version
        type = o.details.type.rawValue
        startDate = o.details.startDate.iso
        expectedEndDate = o.details.expectedEndDate.iso
        actualEndDate = o.details.actualEndDate?.iso
        outcome = o.details.outcome.rawValue
        requirements = o.details.requirements.map(\.rawValue)
        rarDays = o.details.rarDays
        openBreach = o.details.openBreach
    }
}

struct OrderInput: Content {
    var version: Int?
    var type: String?
    var startDate: String?
    var expectedEndDate: String?
    /// In a PATCH, an empty string clears it.
    var actualEndDate: String?
    var outcome: String?
    var requirements: [String]?
    var rarDays: Int?
    var openBreach: Bool?
    /// PATCH only: why the order is being corrected.
    var correctionReason: String?

    func draft(over current: Order? = nil) -> OrderDraft {
        let d = current?.details
        return OrderDraft(type: type ?? d?.type.rawValue, startDate: .iso(startDate ?? d?.startDate.iso),
                          expectedEndDate: .iso(expectedEndDate ?? d?.expectedEndDate.iso),
                          actualEndDate: .iso(actualEndDate ?? d?.actualEndDate?.iso), outcome: outcome ?? d?.outcome.rawValue,
                          requirements: requirements ?? d?.requirements.map(\.rawValue) ?? [],
                          rarDays: (rarDays ?? d?.rarDays).map(String.init), openBreach: openBreach ?? d?.openBreach ?? false)
    }
}

struct RiskDTO: Content {
    let id: String
    let personId: String
    let version: Int
    let rosh: String
    let mappaCategory: Int?
    let mappaLevel: Int?
    let tier: String?
    let safeguardingFlags: [String]
    let assessedOn: String
    let nextReviewDate: String
    let notes: String?
    let recordedById: String

    init(_ r: RiskAssessment) {
        id = r.id
        personId = r.personID
        version = r.version
        rosh = r.details.rosh.rawValue
        mappaCategory = r.details.mappaCategory
        mappaLevel = r.details.mappaLevel
        tier = r.details.tier
        safeguardingFlags = r.details.safeguardingFlags.map(\.rawValue)
        assessedOn = r.details.assessedOn.iso
        nextReviewDate = r.details.nextReviewDate.iso
        notes = r.details.notes
        recordedById = r.recordedByID
    }
}

struct RiskInput: Content {
    /// The version of the current assessment the assessor saw (0 when there was none);
    /// if another assessment has been recorded since, the call is refused with 409.
    var basedOnVersion: Int?
    var rosh: String?
    var mappaCategory: Int?
    var mappaLevel: Int?
    var tier: String?
    var safeguardingFlags: [String]?
    var assessedOn: String?
    var nextReviewDate: String?
    var notes: String?

    var draft: RiskDraft {
        RiskDraft(rosh: rosh, mappaCategory: mappaCategory.map(String.init), mappaLevel: mappaLevel.map(String.init),
                  tier: tier, safeguardingFlags: safeguardingFlags ?? [], assessedOn: .iso(assessedOn),
                  nextReviewDate: .iso(nextReviewDate), notes: notes)
    }
}

struct AuditEntryDTO: Content {
    let sequence: Int
    let at: String
    let actorId: String
    let action: String
    let recordType: String
    let recordId: String
    let personId: String?
    let detail: String
    let hash: String
}
