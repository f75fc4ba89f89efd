import Foundation
import Vapor
import WaymarkCore
import WaymarkStore

/// JSON shapes of the organisation, users and tokens operations (see openapi.yaml).
struct ProviderDTO: Content {
    let id: String
    let version: Int
    let name: String
    let slug: String
    let active: Bool
    let sessionIdleMinutes: Int
    let sessionLifetimeHours: Int
    let twoStepAllStaff: Bool

    init(_ p: OrganisationAdminRepository.ProviderRecord) {
        id = p.id; version = p.version; name = p.name; slug = p.slug; active = p.active
        sessionIdleMinutes = p.session.idleMinutes; sessionLifetimeHours = p.session.lifetimeHours; twoStepAllStaff = p.twoStepAllStaff
    }
}

struct AreaRecordDTO: Content {
    let id: String
    let version: Int
    let providerId: String
    let name: String
    let slug: String
    let contactName: String?
    let contactEmail: String?
    let contactPhone: String?
    let postalAddress: String?
    let active: Bool

    init(_ a: OrganisationAdminRepository.AreaRecord) {
        id = a.id; version = a.version; providerId = a.providerID; name = a.name; slug = a.slug; contactName = a.contactName
        contactEmail = a.contactEmail; contactPhone = a.contactPhone; postalAddress = a.postalAddress; active = a.active
    }

    // Absent contact fields are written as null, so clients need not tell "none" from "forgotten".
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(version, forKey: .version); try c.encode(providerId, forKey: .providerId)
        try c.encode(name, forKey: .name); try c.encode(slug, forKey: .slug); try c.encode(contactName, forKey: .contactName)
        try c.encode(contactEmail, forKey: .contactEmail); try c.encode(contactPhone, forKey: .contactPhone)
        try c.encode(postalAddress, forKey: .postalAddress); try c.encode(active, forKey: .active)
    }
}

struct DeliveryUnitRecordDTO: Content {
    let id: String
    let version: Int
    let areaId: String
    let name: String
    let active: Bool

    init(_ u: OrganisationAdminRepository.UnitRecord) {
        id = u.id; version = u.version; areaId = u.areaID; name = u.name; active = u.active
    }
}

struct SiteRecordDTO: Content {
    let id: String
    let version: Int
    let deliveryUnitId: String
    let name: String
    let address: String
    let postcode: String
    let active: Bool

    init(_ s: OrganisationAdminRepository.SiteRecord) {
        id = s.id; version = s.version; deliveryUnitId = s.deliveryUnitID; name = s.name; address = s.address; postcode = s.postcode; active = s.active
    }
}

struct UserDTO: Content {
    let id: String
    let version: Int
    let email: String
    let name: String
    let role: String
    let areaIds: [String]
    let active: Bool
    /// Invited and not yet answered: no password chosen.
    let invited: Bool
    let twoStepEnabled: Bool
    let lastSignInAt: String?

    init(_ a: UserAccount) {
        id = a.id; version = a.version; email = a.email; name = a.name; role = a.role.rawValue; areaIds = a.areaIDs.sorted(); active = a.active
        invited = !a.passwordSet; twoStepEnabled = a.twoStepEnabled; lastSignInAt = a.lastSignInAt.map(Timestamp.iso)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(version, forKey: .version); try c.encode(email, forKey: .email)
        try c.encode(name, forKey: .name); try c.encode(role, forKey: .role); try c.encode(areaIds, forKey: .areaIds)
        try c.encode(active, forKey: .active); try c.encode(invited, forKey: .invited); try c.encode(twoStepEnabled, forKey: .twoStepEnabled)
        try c.encode(lastSignInAt, forKey: .lastSignInAt)
    }
}

struct TokenDTO: Content {
    let id: String
    let userId: String
    let name: String
    let createdAt: String?
    let expiresAt: String?
    let lastUsedAt: String?

    init(_ t: APITokenRepository.Token) {
        id = t.id; userId = t.userID; name = t.name; createdAt = t.createdAt.map(Timestamp.iso); expiresAt = t.expiresAt.map(Timestamp.iso)
        lastUsedAt = t.lastUsedAt.map(Timestamp.iso)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(userId, forKey: .userId); try c.encode(name, forKey: .name)
        try c.encode(createdAt, forKey: .createdAt); try c.encode(expiresAt, forKey: .expiresAt); try c.encode(lastUsedAt, forKey: .lastUsedAt)
    }
}

/// Date-times in the API: RFC 3339 in UTC.
enum Timestamp {
    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}

struct ProviderInput: Content { let name: String? }

struct AreaInput: Content {
    let providerId: String?
    let name: String?
    let slug: String?
    let contactName: String?
    let contactEmail: String?
    let contactPhone: String?
    let postalAddress: String?
    let active: Bool?
    let version: Int?
}

struct DeliveryUnitInput: Content {
    let name: String?
    let active: Bool?
    let version: Int?
}

struct SiteInput: Content {
    let deliveryUnitId: String?
    let name: String?
    let address: String?
    let postcode: String?
    let active: Bool?
    let version: Int?
}

struct UserInput: Content {
    let email: String?
    let name: String?
    let role: String?
    let areaIds: [String]?
}

struct UserPatch: Content {
    let version: Int?
    let role: String?
    let areaIds: [String]?
    let active: Bool?
}
