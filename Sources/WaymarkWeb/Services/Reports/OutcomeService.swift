import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Recording mentees' outcomes (per referral) and mentors' wellbeing: the shell around the
/// outcome rules. Reads and writes are audited against the person.
enum OutcomeService {
    static func assessments(referralID: String, on req: Request) async throws -> (Referral, Person, [StoredOutcomeAssessment]) {
        let (referral, person) = try await ReferralService.load(referralID, for: .recordOutcomes, action: "referral.outcomes.view", on: req)
        let list = try await OutcomeRepository.forReferrals([referral.id], on: req.db)[referral.id] ?? []
        return (referral, person, list)
    }

    static func record(referralID: String, _ draft: OutcomeAssessmentDraft, on req: Request) async throws -> StoredOutcomeAssessment {
        let user = try req.user
        let (referral, person) = try await ReferralService.load(referralID, for: .recordOutcomes, action: nil, on: req)
        let assessment = try draft.validated(today: req.today, referredOn: referral.referredOn)
        let at = req.now
        return try await ReferralService.write(referral, person, action: "referral.outcomes.record", detail: assessment.stage.rawValue, on: req) { tx in
            try await OutcomeRepository.add(assessment, referralID: referral.id, personID: person.id, by: user.id, at: at, on: tx)
        }
    }

    static func wellbeing(mentorID: String, on req: Request) async throws -> (Mentor, Person, [WellbeingRating]) {
        let (mentor, person) = try await MentorService.load(mentorID, for: .recordWellbeing, action: "mentor.wellbeing.view", on: req)
        return (mentor, person, try await OutcomeRepository.wellbeing(mentorIDs: [mentor.id], on: req.db)[mentor.id] ?? [])
    }

    static func recordWellbeing(mentorID: String, _ draft: WellbeingRatingDraft, on req: Request) async throws -> WellbeingRating {
        let user = try req.user
        let (mentor, person) = try await MentorService.load(mentorID, for: .recordWellbeing, action: nil, on: req)
        let rating = try draft.validated(today: req.today)
        try await MentorService.write(mentor, person, action: "mentor.wellbeing.record", on: req) { tx in
            try await OutcomeRepository.addWellbeing(rating, mentorID: mentor.id, by: user.id, on: tx)
        }
        return rating
    }
}
