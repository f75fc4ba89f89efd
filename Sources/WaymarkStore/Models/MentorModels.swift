import Fluent
import Foundation

// @unchecked Sendable: see OrganisationModels.swift. Lists (availability, delivery units,
// languages, lived experience, attended weeks) are stored as comma-separated text: they are
// small, read whole, and the same on SQLite and PostgreSQL.

public final class MentorModel: Model, @unchecked Sendable {
    public static let schema = "mentors"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: PersonModel
    @Field(key: "state") public var state: String
    @Parent(key: "recommended_by_id") public var recommendedBy: UserModel
    @Field(key: "recommended_on") public var recommendedOn: String
    @Field(key: "recommendation_reason") public var recommendationReason: String
    @Field(key: "capacity") public var capacity: Int
    @Field(key: "availability") public var availability: String
    @Field(key: "delivery_unit_ids") public var deliveryUnitIDs: String
    @Field(key: "languages") public var languages: String
    @Field(key: "lived_experience") public var livedExperience: String
    @OptionalField(key: "cleared_high_risk_on") public var clearedHighRiskOn: String?
    @OptionalField(key: "cleared_high_risk_by_id") public var clearedHighRiskByID: UUID?
    @OptionalParent(key: "user_id") public var user: UserModel?
    @OptionalField(key: "trained_on") public var trainedOn: String?
    @OptionalField(key: "state_before_suspension") public var stateBeforeSuspension: String?
    @OptionalField(key: "moved_on_destination") public var movedOnDestination: String?
    /// The mentor agrees their first name may appear on session invitations.
    @Field(key: "name_on_invitations") public var nameOnInvitations: Bool
    @Field(key: "version") public var version: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

public final class MentorMoveModel: Model, @unchecked Sendable {
    public static let schema = "mentor_moves"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @OptionalField(key: "from_state") public var fromState: String?
    @Field(key: "to_state") public var toState: String
    @Field(key: "at") public var at: Date
    @Field(key: "by_id") public var byID: UUID
    @Field(key: "reason") public var reason: String
    public init() {}
}

public final class MentorRiskReviewModel: Model, @unchecked Sendable {
    public static let schema = "mentor_risk_reviews"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "reviewer_id") public var reviewerID: UUID
    @Field(key: "reviewer_role") public var reviewerRole: String
    @Field(key: "outcome") public var outcome: String
    @Field(key: "reviewed_on") public var reviewedOn: String
    @OptionalField(key: "notes") public var notes: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public final class MentorDeclarationModel: Model, @unchecked Sendable {
    public static let schema = "mentor_declarations"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "no_current_offending") public var noCurrentOffending: Bool
    @Field(key: "free_from_illicit_drugs") public var freeFromIllicitDrugs: Bool
    @Field(key: "declared_on") public var declaredOn: String
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public final class CohortModel: Model, @unchecked Sendable {
    public static let schema = "cohorts"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "area_id") public var area: AreaModel
    @Parent(key: "site_id") public var site: SiteModel
    @Field(key: "name") public var name: String
    @Field(key: "start_date") public var startDate: String
    @Field(key: "sessions") public var sessions: Int
    @Field(key: "trainers") public var trainers: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public final class EnrolmentModel: Model, @unchecked Sendable {
    public static let schema = "cohort_enrolments"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "cohort_id") public var cohort: CohortModel
    @Parent(key: "mentor_id") public var mentor: MentorModel
    /// Comma-separated week numbers attended.
    @Field(key: "attended_weeks") public var attendedWeeks: String
    @OptionalField(key: "assessment") public var assessment: String?
    @Field(key: "version") public var version: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public final class AccreditationModel: Model, @unchecked Sendable {
    public static let schema = "accreditations"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "award") public var award: String
    @Field(key: "awarding_body") public var awardingBody: String
    @Field(key: "certificate_number") public var certificateNumber: String
    @Field(key: "awarded_on") public var awardedOn: String
    @Field(key: "first_qualification") public var firstQualification: Bool
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    public init() {}
}

public final class SupervisionModel: Model, @unchecked Sendable {
    public static let schema = "supervisions"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "by_id") public var byID: UUID
    @Field(key: "notes") public var notes: String
    public init() {}
}

public final class VolunteerHoursModel: Model, @unchecked Sendable {
    public static let schema = "volunteer_hours"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "worked_on") public var workedOn: String
    @Field(key: "quarter_hours") public var quarterHours: Int
    @Field(key: "activity") public var activity: String
    @Field(key: "logged_by_id") public var loggedByID: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public final class ExpenseClaimModel: Model, @unchecked Sendable {
    public static let schema = "expense_claims"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "incurred_on") public var incurredOn: String
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "miles") public var miles: Int?
    @Field(key: "amount_pence") public var amountPence: Int
    @OptionalField(key: "receipt_reference") public var receiptReference: String?
    @Field(key: "description") public var description: String
    @Field(key: "state") public var state: String
    @Field(key: "submitted_by_id") public var submittedByID: UUID
    @OptionalField(key: "decided_by_id") public var decidedByID: UUID?
    @OptionalField(key: "decided_on") public var decidedOn: String?
    @OptionalField(key: "decision_reason") public var decisionReason: String?
    @Field(key: "version") public var version: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public final class EmploymentStepModel: Model, @unchecked Sendable {
    public static let schema = "employment_steps"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "role") public var role: String
    @Field(key: "employer") public var employer: String
    @Field(key: "stage") public var stage: String
    @Field(key: "step_on") public var stepOn: String
    @OptionalField(key: "notes") public var notes: String?
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public final class FurtherOffenceModel: Model, @unchecked Sendable {
    public static let schema = "further_offences"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "offence_on") public var offenceOn: String
    @OptionalField(key: "notes") public var notes: String?
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}
