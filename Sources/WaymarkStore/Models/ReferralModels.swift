import Fluent
import Foundation

// @unchecked Sendable: see OrganisationModels.swift. Lists are stored as text: needs and
// availability comma-separated; goals and exclusions one per line.

public final class ReferralModel: Model, @unchecked Sendable {
    public static let schema = "referrals"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: PersonModel
    @Parent(key: "order_id") public var order: OrderModel
    @Parent(key: "referred_by_id") public var referredBy: UserModel
    @Field(key: "referred_on") public var referredOn: String
    @Field(key: "state") public var state: String
    @Field(key: "consent") public var consent: Bool
    @Field(key: "needs") public var needs: String
    @Field(key: "goals") public var goals: String
    @Field(key: "gender_preference") public var genderPreference: String
    @Field(key: "languages") public var languages: String
    @Field(key: "availability") public var availability: String
    @OptionalField(key: "accessibility_needs") public var accessibilityNeeds: String?
    @Field(key: "exclusions") public var exclusions: String
    @OptionalField(key: "high_risk_approved_on") public var highRiskApprovedOn: String?
    @OptionalField(key: "high_risk_approved_by_id") public var highRiskApprovedByID: UUID?
    @OptionalField(key: "withdrawal_reason") public var withdrawalReason: String?
    @OptionalField(key: "closing_summary") public var closingSummary: String?
    @OptionalField(key: "closed_on") public var closedOn: String?
    @Field(key: "version") public var version: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public final class MatchModel: Model, @unchecked Sendable {
    public static let schema = "matches"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "referral_id") public var referral: ReferralModel
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "state") public var state: String
    @Field(key: "proposed_on") public var proposedOn: String
    @OptionalField(key: "started_on") public var startedOn: String?
    @OptionalField(key: "ended_on") public var endedOn: String?
    @OptionalField(key: "end_reason") public var endReason: String?
    @OptionalField(key: "review_reason") public var reviewReason: String?
    @Field(key: "score") public var score: Int
    @Field(key: "version") public var version: Int
    public init() {}
}

public final class ContactModel: Model, @unchecked Sendable {
    public static let schema = "contacts"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "match_id") public var match: MatchModel
    @Field(key: "contact_on") public var contactOn: String
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "support_types") public var supportTypes: String
    @Field(key: "place") public var place: String
    @OptionalField(key: "notes") public var notes: String?
    @OptionalField(key: "concern") public var concern: String?
    @OptionalField(key: "concern_acknowledged_on") public var concernAcknowledgedOn: String?
    @OptionalField(key: "concern_acknowledged_by_id") public var concernAcknowledgedByID: UUID?
    @Field(key: "logged_by_id") public var loggedByID: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public final class CheckInModel: Model, @unchecked Sendable {
    public static let schema = "check_ins"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "match_id") public var match: MatchModel
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "notes") public var notes: String
    @Field(key: "by_id") public var byID: UUID
    public init() {}
}

/// The outbox: a notification is written in the same transaction as what caused it, and a
/// worker delivers it later, so nothing is lost if delivery fails.
public final class NotificationModel: Model, @unchecked Sendable {
    public static let schema = "notifications"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "recipient_id") public var recipient: UserModel
    @Field(key: "kind") public var kind: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @OptionalField(key: "link") public var link: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "delivered_at") public var deliveredAt: Date?
    @Field(key: "attempts") public var attempts: Int
    /// Set while one instance is sending it; another instance leaves it alone until then.
    @OptionalField(key: "claimed_until") public var claimedUntil: Date?
    public init() {}
}
