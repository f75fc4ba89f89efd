import Fluent
import Foundation

// @unchecked Sendable: see OrganisationModels.swift.
public final class OutcomeAssessmentModel: Model, @unchecked Sendable {
    public static let schema = "outcome_assessments"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "referral_id") public var referral: ReferralModel
    @Parent(key: "person_id") public var person: PersonModel
    @Field(key: "stage") public var stage: String
    @Field(key: "recorded_on") public var recordedOn: String
    @Field(key: "source") public var source: String
    /// `measure=level` pairs, one per line.
    @Field(key: "ratings") public var ratings: String
    @OptionalField(key: "notes") public var notes: String?
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

public final class WellbeingRatingModel: Model, @unchecked Sendable {
    public static let schema = "wellbeing_ratings"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "mentor_id") public var mentor: MentorModel
    @Field(key: "rated_on") public var ratedOn: String
    @Field(key: "score") public var score: Int
    @Field(key: "measure") public var measure: String
    @Field(key: "source") public var source: String
    @OptionalField(key: "notes") public var notes: String?
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    public init() {}
}

public final class CaseStudyModel: Model, @unchecked Sendable {
    public static let schema = "case_studies"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "area_id") public var area: AreaModel
    @Parent(key: "person_id") public var person: PersonModel
    @Field(key: "subject") public var subject: String
    @Field(key: "kind") public var kind: String
    @Field(key: "pseudonym") public var pseudonym: String
    @OptionalField(key: "title") public var title: String?
    @Field(key: "text") public var text: String
    @Field(key: "consent_uses") public var consentUses: String
    @Field(key: "consent_given_on") public var consentGivenOn: String
    @OptionalField(key: "consent_withdrawn_on") public var consentWithdrawnOn: String?
    @OptionalField(key: "approved_on") public var approvedOn: String?
    @OptionalField(key: "approved_by_id") public var approvedByID: UUID?
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "version") public var version: Int
    public init() {}
}
