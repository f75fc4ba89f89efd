import Vapor
import WaymarkCore
import WaymarkStore

struct MentorProfileDTO: Content {
    let capacity: Int
    let availability: [String]
    let deliveryUnitIds: [String]
    let languages: [String]
    let livedExperience: [String]

    init(_ p: MentorProfile) {
        capacity = p.capacity
        availability = p.availability.map(\.code)
        deliveryUnitIds = p.deliveryUnitIDs
        languages = p.languages
        livedExperience = p.livedExperience.map(\.rawValue)
    }
}

struct MentorDTO: Content {
    let id: String
    let version: Int
    let personId: String
    let firstName: String
    let lastName: String
    let state: String
    let recommendedById: String
    let recommendedOn: String
    let recommendationReason: String
    let profile: MentorProfileDTO
    let clearedForHighRiskOn: String?
    let userId: String?
    let trainedOn: String?
    let movedOnDestination: String?

    init(_ m: Mentor, _ p: Person) {
        id = m.id
        version = m.version
        personId = p.id
        firstName = p.details.firstName
        lastName = p.details.lastName
        state = m.state.rawValue
        recommendedById = m.recommendedByID
        recommendedOn = m.recommendedOn.iso
        recommendationReason = m.recommendationReason
        profile = MentorProfileDTO(m.profile)
        clearedForHighRiskOn = m.clearedForHighRiskOn?.iso
        userId = m.userID
        trainedOn = m.trainedOn?.iso
        movedOnDestination = m.movedOnDestination?.rawValue
    }
}

struct EligibilityDTO: Content {
    let eligible: Bool
    let reasons: [EligibilityReason]
}

struct MentorMoveDTO: Content {
    let from: String?
    let to: String
    let at: String
    let byId: String
    let reason: String
}

struct EnrolmentDTO: Content {
    let cohortId: String
    let mentorId: String
    let version: Int
    let attended: [Int]
    let assessment: String?
    let complete: Bool
}

struct CohortDTO: Content {
    let id: String
    let areaId: String
    let siteId: String
    let name: String
    let startDate: String
    let sessions: Int
    let trainers: String
    let enrolments: [EnrolmentDTO]?
}

struct AccreditationDTO: Content {
    let award: String
    let awardingBody: String
    let certificateNumber: String
    let awardedOn: String
    let firstQualification: Bool

    init(_ a: Accreditation) {
        award = a.award
        awardingBody = a.awardingBody.rawValue
        certificateNumber = a.certificateNumber
        awardedOn = a.awardedOn.iso
        firstQualification = a.firstQualification
    }
}

struct HoursDTO: Content {
    let workedOn: String
    let hours: Double
    let activity: String
}

struct ExpenseDTO: Content {
    let id: String
    let mentorId: String
    let version: Int
    let incurredOn: String
    let kind: String
    let miles: Int?
    let amountPence: Int
    let receiptReference: String?
    let description: String
    let state: String
    let decisionReason: String?
    let decidedOn: String?

    init(_ e: StoredExpense) {
        id = e.id
        mentorId = e.mentorID
        version = e.version
        incurredOn = e.claim.incurredOn.iso
        kind = e.claim.kind.rawValue
        miles = e.claim.miles
        amountPence = e.claim.amountPence
        receiptReference = e.claim.receiptReference
        description = e.claim.description
        state = e.state.rawValue
        decisionReason = e.decisionReason
        decidedOn = e.decidedOn?.iso
    }
}

struct EmploymentStepDTO: Content {
    let role: String
    let employer: String
    let stage: String
    let on: String
    let notes: String?
}

// Request bodies: every field optional so that a missing one is a 422 naming it, not a decoding error.
struct RecommendInput: Content { var personId: String?; var reason: String? }
struct MoveInput: Content { var version: Int?; var to: String?; var reason: String?; var destination: String? }
struct RiskReviewInput: Content { var outcome: String?; var reviewedOn: String?; var notes: String? }
struct DeclarationsInput: Content { var noCurrentOffending: Bool?; var freeFromIllicitDrugs: Bool?; var declaredOn: String? }
struct ProfileInput: Content {
    var version: Int?
    var capacity: Int?
    var availability: [String]?
    var deliveryUnitIds: [String]?
    var languages: [String]?
    var livedExperience: [String]?
}
struct AccreditationInput: Content {
    var award: String?
    var awardingBody: String?
    var certificateNumber: String?
    var awardedOn: String?
    var firstQualification: Bool?
}
struct HoursInput: Content { var workedOn: String?; var hours: Double?; var activity: String? }
struct ExpenseInput: Content {
    var incurredOn: String?
    var kind: String?
    var miles: Int?
    var amount: String?
    var receiptReference: String?
    var description: String?
}
struct DecisionInput: Content { var version: Int?; var decision: String?; var reason: String? }
struct EmploymentInput: Content { var role: String?; var employer: String?; var stage: String?; var on: String?; var notes: String? }
struct OffenceInput: Content { var offenceOn: String?; var notes: String? }
struct CohortInput: Content { var name: String?; var startDate: String?; var sessions: Int?; var siteId: String?; var trainers: String? }
struct EnrolInput: Content { var mentorId: String? }
struct TrainingRecordInput: Content { var version: Int?; var mentorId: String?; var attended: [Int]?; var assessment: String? }

struct SiteDTO: Content {
    let id: String
    let name: String
    let areaId: String
}
struct ClearanceInput: Content { var version: Int?; var cleared: Bool? }
struct SupervisionInput: Content { var heldOn: String?; var notes: String? }
