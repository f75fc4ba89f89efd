import Fluent
import Foundation

// Fluent models are reference types with property wrappers and are not Sendable by
// construction; each instance is used by one task only and mapped to Core value types
// before it leaves the repository, hence @unchecked Sendable.

public final class ProviderModel: Model, @unchecked Sendable {
    public static let schema = "providers"
    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "slug") public var slug: String
    @Field(key: "active") public var active: Bool
    @Field(key: "session_idle_minutes") public var sessionIdleMinutes: Int
    @Field(key: "session_lifetime_hours") public var sessionLifetimeHours: Int
    @Field(key: "two_step_all_staff") public var twoStepAllStaff: Bool
    @Field(key: "version") public var version: Int
    public init() {}
    public init(id: UUID? = nil, name: String, slug: String) {
        self.id = id
        self.name = name
        self.slug = slug
        self.active = true
        self.sessionIdleMinutes = 30
        self.sessionLifetimeHours = 12
        self.twoStepAllStaff = false
        self.version = 1
    }
}

public final class AreaModel: Model, @unchecked Sendable {
    public static let schema = "areas"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "provider_id") public var provider: ProviderModel
    @Field(key: "name") public var name: String
    @Field(key: "slug") public var slug: String
    @OptionalField(key: "contact_name") public var contactName: String?
    @OptionalField(key: "contact_email") public var contactEmail: String?
    @OptionalField(key: "contact_phone") public var contactPhone: String?
    @OptionalField(key: "postal_address") public var postalAddress: String?
    @Field(key: "active") public var active: Bool
    @Field(key: "version") public var version: Int
    @Children(for: \.$area) public var deliveryUnits: [DeliveryUnitModel]
    public init() {}
    public init(id: UUID? = nil, providerID: UUID, name: String, slug: String, contactName: String?,
                contactEmail: String?, contactPhone: String?) {
        self.id = id
        self.$provider.id = providerID
        self.name = name
        self.slug = slug
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
        self.active = true
        self.version = 1
    }
}

public final class DeliveryUnitModel: Model, @unchecked Sendable {
    public static let schema = "delivery_units"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "area_id") public var area: AreaModel
    @Field(key: "name") public var name: String
    @Field(key: "active") public var active: Bool
    @Field(key: "version") public var version: Int
    public init() {}
    public init(id: UUID? = nil, areaID: UUID, name: String) {
        self.id = id
        self.$area.id = areaID
        self.name = name
        self.active = true
        self.version = 1
    }
}

public final class SiteModel: Model, @unchecked Sendable {
    public static let schema = "sites"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "delivery_unit_id") public var deliveryUnit: DeliveryUnitModel
    @Field(key: "name") public var name: String
    @Field(key: "address") public var address: String
    @Field(key: "postcode") public var postcode: String
    @OptionalField(key: "directions") public var directions: String?
    @OptionalField(key: "parking") public var parking: String?
    @OptionalField(key: "step_free") public var stepFree: String?
    @OptionalField(key: "access_details") public var accessDetails: String?
    @OptionalField(key: "on_arrival") public var onArrival: String?
    @OptionalField(key: "staff") public var staff: String?
    @OptionalField(key: "photo_alt_text") public var photoAltText: String?
    @Field(key: "active") public var active: Bool
    @Field(key: "version") public var version: Int
    public init() {}
    public init(id: UUID? = nil, deliveryUnitID: UUID, name: String, address: String, postcode: String) {
        self.id = id
        self.$deliveryUnit.id = deliveryUnitID
        self.name = name
        self.address = address
        self.postcode = postcode
        self.active = true
        self.version = 1
    }
}

/// One row: facts about this database itself, such as whether it holds demo data.
public final class InstallationModel: Model, @unchecked Sendable {
    public static let schema = "installation"
    @ID(key: .id) public var id: UUID?
    @Field(key: "demo") public var demo: Bool
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
    public init(demo: Bool, createdAt: Date) {
        self.demo = demo
        self.createdAt = createdAt
    }
}
