import Fluent
import Foundation

// @unchecked Sendable: see OrganisationModels.swift.

public final class SharingDecisionModel: Model, @unchecked Sendable {
    public static let schema = "sharing_decisions"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "referral_id") public var referral: ReferralModel
    @Field(key: "sequence") public var sequence: Int
    /// Comma-separated `SharingItem` raw values.
    @Field(key: "items") public var items: String
    @OptionalField(key: "contact_arrangements") public var contactArrangements: String?
    @OptionalField(key: "note") public var note: String?
    @Field(key: "decided_by_id") public var decidedByID: UUID
    @Field(key: "decided_on") public var decidedOn: String
    public init() {}
}

public final class CorrectionModel: Model, @unchecked Sendable {
    public static let schema = "corrections"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: PersonModel
    @Field(key: "record_type") public var recordType: String
    @Field(key: "record_id") public var recordID: String
    @Field(key: "field") public var field: String
    @Field(key: "label") public var label: String
    @Field(key: "previous") public var previous: String
    @Field(key: "new") public var new: String
    @OptionalField(key: "reason") public var reason: String?
    @Field(key: "by_id") public var byID: UUID
    @Field(key: "corrected_on") public var correctedOn: String
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

public final class PersonProtectionModel: Model, @unchecked Sendable {
    public static let schema = "person_protection"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: PersonModel
    @OptionalField(key: "restricted_on") public var restrictedOn: String?
    @OptionalField(key: "restriction_reason") public var restrictionReason: String?
    @OptionalField(key: "restricted_by_id") public var restrictedByID: UUID?
    @OptionalField(key: "legal_hold_on") public var legalHoldOn: String?
    @OptionalField(key: "legal_hold_reason") public var legalHoldReason: String?
    @OptionalField(key: "legal_hold_by_id") public var legalHoldByID: UUID?
    @OptionalField(key: "anonymised_on") public var anonymisedOn: String?
    @Field(key: "version") public var version: Int
    public init() {}
}
