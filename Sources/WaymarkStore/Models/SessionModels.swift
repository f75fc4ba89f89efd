import Fluent
import Foundation

// @unchecked Sendable: see OrganisationModels.swift.

public final class InterventionModel: Model, @unchecked Sendable {
    public static let schema = "interventions"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "provider_id") public var provider: ProviderModel
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @Field(key: "duration_minutes") public var durationMinutes: Int
    @Field(key: "capacity") public var capacity: Int
    @Field(key: "is_rar") public var isRAR: Bool
    @Field(key: "mentors") public var mentors: Int
    @Field(key: "staff") public var staff: Int
    @Field(key: "staff_role") public var staffRole: String
    @Field(key: "audience") public var audience: String
    @Field(key: "current_version") public var currentVersion: Int
    @Field(key: "version") public var version: Int
    public init() {}
}

public final class InterventionVersionModel: Model, @unchecked Sendable {
    public static let schema = "intervention_versions"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "intervention_id") public var intervention: InterventionModel
    @Field(key: "number") public var number: Int
    @Field(key: "changes") public var changes: String
    /// Comma-separated mentor ids.
    @Field(key: "co_designers") public var coDesigners: String
    @OptionalField(key: "pilot_feedback") public var pilotFeedback: String?
    @Field(key: "created_on") public var createdOn: String
    public init() {}
}

public final class GroupSessionModel: Model, @unchecked Sendable {
    public static let schema = "group_sessions"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "intervention_id") public var intervention: InterventionModel
    @Field(key: "intervention_version") public var interventionVersion: Int
    @Parent(key: "site_id") public var site: SiteModel
    @Parent(key: "area_id") public var area: AreaModel
    @Parent(key: "delivery_unit_id") public var deliveryUnit: DeliveryUnitModel
    @Field(key: "date") public var date: String
    @Field(key: "start_minutes") public var startMinutes: Int
    @Field(key: "end_minutes") public var endMinutes: Int
    @Field(key: "capacity") public var capacity: Int
    @Field(key: "state") public var state: String
    @OptionalField(key: "series_id") public var seriesID: UUID?
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "version") public var version: Int
    public init() {}
}

public final class SessionFacilitatorModel: Model, @unchecked Sendable {
    public static let schema = "session_facilitators"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "session_id") public var session: GroupSessionModel
    @OptionalField(key: "mentor_id") public var mentorID: UUID?
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "response") public var response: String
    @Field(key: "version") public var version: Int
    public init() {}
}

public final class SessionBookingModel: Model, @unchecked Sendable {
    public static let schema = "session_bookings"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "session_id") public var session: GroupSessionModel
    @Parent(key: "person_id") public var person: PersonModel
    @OptionalField(key: "order_id") public var orderID: UUID?
    @Field(key: "state") public var state: String
    @Field(key: "booked_at") public var bookedAt: Date
    @Field(key: "booked_by_id") public var bookedByID: UUID
    @Field(key: "version") public var version: Int
    public init() {}
}

public final class AttendanceModel: Model, @unchecked Sendable {
    public static let schema = "attendances"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "session_id") public var session: GroupSessionModel
    @Parent(key: "person_id") public var person: PersonModel
    @OptionalField(key: "order_id") public var orderID: UUID?
    @Field(key: "outcome") public var outcome: String
    @OptionalField(key: "absence_reason") public var absenceReason: String?
    @Field(key: "late") public var late: Bool
    @OptionalField(key: "late_reason") public var lateReason: String?
    @OptionalField(key: "behaviour_notes") public var behaviourNotes: String?
    @Field(key: "tell_practitioner") public var tellPractitioner: Bool
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    @Field(key: "recorded_at") public var recordedAt: Date
    @OptionalField(key: "enforcement_decision") public var enforcementDecision: String?
    @OptionalField(key: "enforcement_notes") public var enforcementNotes: String?
    @OptionalField(key: "enforcement_by_id") public var enforcementByID: UUID?
    @OptionalField(key: "enforcement_on") public var enforcementOn: String?
    @Field(key: "version") public var version: Int
    public init() {}
}

public final class SessionFeedbackModel: Model, @unchecked Sendable {
    public static let schema = "session_feedback"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "session_id") public var session: GroupSessionModel
    @Field(key: "before_score") public var before: Int
    @Field(key: "after_score") public var after: Int
    @OptionalField(key: "comment") public var comment: String?
    @Field(key: "entered_by_id") public var enteredByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

public final class RARActivityModel: Model, @unchecked Sendable {
    public static let schema = "rar_activities"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "order_id") public var order: OrderModel
    @Field(key: "date") public var date: String
    @Field(key: "kind") public var kind: String
    @Field(key: "outcome") public var outcome: String
    @OptionalField(key: "notes") public var notes: String?
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

public final class CalendarFeedModel: Model, @unchecked Sendable {
    public static let schema = "calendar_feeds"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    public init() {}
}

public final class MentorExclusionModel: Model, @unchecked Sendable {
    public static let schema = "mentor_exclusions"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "crn") public var crn: String
    @Field(key: "kind") public var kind: String
    public init() {}
}
