import Fluent
import Foundation

// @unchecked Sendable: see OrganisationModels.swift. Calendar dates are stored as
// `YYYY-MM-DD` text: the same on SQLite and PostgreSQL, and they sort correctly.

public final class PersonModel: Model, @unchecked Sendable {
    public static let schema = "people"
    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "crn") public var crn: String?
    @Field(key: "first_name") public var firstName: String
    @Field(key: "last_name") public var lastName: String
    /// Lower-cased "last first" for ordering and searching by name.
    @Field(key: "sort_name") public var sortName: String
    @Field(key: "date_of_birth") public var dateOfBirth: String
    @Field(key: "gender") public var gender: String
    @Parent(key: "area_id") public var area: AreaModel
    @Parent(key: "delivery_unit_id") public var deliveryUnit: DeliveryUnitModel
    @OptionalParent(key: "practitioner_id") public var practitioner: UserModel?
    @Field(key: "version") public var version: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

public final class OrderModel: Model, @unchecked Sendable {
    public static let schema = "orders"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: PersonModel
    @Field(key: "type") public var type: String
    @Field(key: "start_date") public var startDate: String
    @Field(key: "expected_end_date") public var expectedEndDate: String
    @OptionalField(key: "actual_end_date") public var actualEndDate: String?
    @Field(key: "outcome") public var outcome: String
    /// Comma-separated `Requirement` raw values.
    @Field(key: "requirements") public var requirements: String
    @OptionalField(key: "rar_days") public var rarDays: Int?
    @Field(key: "open_breach") public var openBreach: Bool
    @Field(key: "version") public var version: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

public final class RiskAssessmentModel: Model, @unchecked Sendable {
    public static let schema = "risk_assessments"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: PersonModel
    @Field(key: "rosh") public var rosh: String
    @OptionalField(key: "mappa_category") public var mappaCategory: Int?
    @OptionalField(key: "mappa_level") public var mappaLevel: Int?
    @OptionalField(key: "tier") public var tier: String?
    /// Comma-separated `SafeguardingFlag` raw values.
    @Field(key: "safeguarding_flags") public var safeguardingFlags: String
    @Field(key: "assessed_on") public var assessedOn: String
    @Field(key: "next_review_date") public var nextReviewDate: String
    @OptionalField(key: "notes") public var notes: String?
    @Parent(key: "recorded_by_id") public var recordedBy: UserModel
    /// Assessments are numbered per person so a new one can say which one it replaces.
    @Field(key: "version") public var version: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}
