import Vapor
import WaymarkCore
import WaymarkStore

struct ExclusionDTO: Content { let crn: String; let kind: String }
struct GoalResultDTO: Content { let goal: String; let outcome: String; let comment: String? }

struct ReferralDTO: Content {
    let id: String
    let version: Int
    let personId: String
    let orderId: String
    let referredById: String
    let referredOn: String
    let state: String
    let needs: [String]
    let goals: [String]
    let genderPreference: String
    let languages: [String]
    let availability: [String]
    let accessibilityNeeds: String?
    let exclusions: [ExclusionDTO]
    let highRiskApprovedOn: String?
    let withdrawalReason: String?
    let closingSummary: [GoalResultDTO]
    let closedOn: String?

    init(_ r: Referral) {
        id = r.id
        version = r.version
        personId = r.personID
        orderId = r.orderID
        referredById = r.referredByID
        referredOn = r.referredOn.iso
        state = r.state.rawValue
        needs = r.details.needs.map(\.rawValue)
        goals = r.details.goals
        genderPreference = r.details.genderPreference.rawValue
        languages = r.details.languages
        availability = r.details.availability.map(\.code)
        accessibilityNeeds = r.details.accessibilityNeeds
        exclusions = r.details.exclusions.map { ExclusionDTO(crn: $0.crn.value, kind: $0.kind.rawValue) }
        highRiskApprovedOn = r.highRiskApprovedOn?.iso
        withdrawalReason = r.withdrawalReason?.rawValue
        closingSummary = r.closingSummary.map { GoalResultDTO(goal: $0.goal, outcome: $0.outcome.rawValue, comment: $0.comment) }
        closedOn = r.closedOn?.iso
    }
}

struct SuggestionDTO: Content {
    let mentorId: String
    let firstName: String
    let score: Int
    let reasons: [ScorePart]
}

struct MatchDTO: Content {
    let id: String
    let version: Int
    let referralId: String
    let mentorId: String
    let state: String
    let proposedOn: String
    let startedOn: String?
    let endedOn: String?
    let endReason: String?
    let underReview: String?
    let score: Int

    /// `role` decides how much of a review reason is told (a mentor is never told a risk change).
    init(_ m: Match, for role: Role) {
        id = m.id
        version = m.version
        referralId = m.referralID
        mentorId = m.mentorID
        state = m.state.rawValue
        proposedOn = m.proposedOn.iso
        startedOn = m.startedOn?.iso
        endedOn = m.endedOn?.iso
        endReason = m.endReason?.rawValue
        underReview = m.reviewReason.map { Policy.reviewReason($0, shownTo: role) }
        score = m.score
    }
}

struct ContactDTO: Content {
    let id: String
    let matchId: String
    let on: String
    let minutes: Int
    let supportTypes: [String]
    let accompaniedAppointment: Bool
    let place: String
    let notes: String?
    let concern: String?
    let concernAcknowledgedOn: String?

    init(_ c: StoredContact) {
        id = c.id
        matchId = c.matchID
        on = c.contact.on.iso
        minutes = c.contact.minutes
        supportTypes = c.contact.supportTypes.map(\.rawValue)
        accompaniedAppointment = c.contact.accompaniedAppointment
        place = c.contact.place
        notes = c.contact.notes
        concern = c.contact.concern
        concernAcknowledgedOn = c.concernAcknowledgedOn?.iso
    }
}

struct ProposalDTO: Content {
    let referralId: String
    let mentorId: String
    let score: Int
}

struct ProposalListDTO: Content {
    let items: [ProposalDTO]
    let next: String?
    let totalScore: Int

    // `next` is always present (null: the proposal is one page), as in every list.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(next, forKey: .next)
        try c.encode(totalScore, forKey: .totalScore)
    }
}

struct ReferralInput: Content {
    var personId: String?
    var orderId: String?
    var consent: Bool?
    var needs: [String]?
    var goals: [String]?
    var genderPreference: String?
    var languages: [String]?
    var availability: [String]?
    var accessibilityNeeds: String?
    var exclusions: [ExclusionInput]?

    struct ExclusionInput: Content { var crn: String?; var kind: String? }

    var draft: ReferralDraft {
        ReferralDraft(consent: consent ?? false, needs: needs ?? [], goals: goals ?? [], genderPreference: genderPreference,
                      languages: languages?.joined(separator: ","), availability: availability ?? [], accessibilityNeeds: accessibilityNeeds,
                      exclusions: (exclusions ?? []).map { ($0.crn ?? "", $0.kind ?? "") })
    }
}

struct VersionInput: Content { var version: Int? }
struct ProposeInput: Content { var version: Int?; var mentorId: String? }
struct ReferralStateInput: Content { var version: Int?; var state: String?; var withdrawalReason: String? }
struct CloseInput: Content {
    var version: Int?
    var outcomes: [Outcome]?
    struct Outcome: Content { var outcome: String?; var comment: String? }
}
struct MatchStateInput: Content { var version: Int?; var state: String?; var endReason: String? }
struct ContactInput: Content {
    var on: String?
    var minutes: Int?
    var supportTypes: [String]?
    var place: String?
    var notes: String?
    var concern: String?
}
struct CheckInInput: Content { var heldOn: String?; var notes: String? }

/// What a mentee's mentor may see, as decided by their practitioner. `version` numbers the
/// decisions on a referral; the newest is in force.
struct SharingDecisionDTO: Content {
    let id: String
    let referralId: String
    let version: Int
    let items: [String]
    let contactArrangements: String?
    let note: String?
    let decidedById: String
    let decidedOn: CalendarDate

    init(_ d: SharingDecision) {
        id = d.id
        referralId = d.referralID
        version = d.sequence
        items = d.choice.items.map(\.rawValue)
        contactArrangements = d.choice.contactArrangements
        note = d.choice.note
        decidedById = d.decidedByID
        decidedOn = d.decidedOn
    }
}

struct SharingDTO: Content {
    let current: SharingDecisionDTO?
    let history: [SharingDecisionDTO]
}

struct SharingInput: Content {
    var version: Int?
    var items: [String]?
    var contactArrangements: String?
    var note: String?
}
