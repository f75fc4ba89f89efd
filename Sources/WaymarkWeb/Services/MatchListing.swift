import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The one answer to "which matches may this user see", for the matches page and the API alike.
enum MatchListing {
    /// Which matches a list holds: those holding a place (the page), or, for a mentor or a
    /// practitioner, every one including ended matches (the API, as documented). A coordinator's
    /// list is always of current matches: the waiting list and reports cover the rest.
    enum Extent { case current, includingEnded }

    static func visible(for user: CurrentUser, _ extent: Extent, on req: Request) async throws -> [Match] {
        let states = extent == .current ? MatchState.holdingPlace : MatchState.allCases
        switch Policy.scope(of: user.role, for: .viewMatches) {
        case .own:
            guard let mentor = try await MentorRepository.find(userID: user.id, on: req.db) else { return [] }
            return try await MatchRepository.forMentor(mentor.id, states: states, on: req.db)
        case .caseload:
            let referralStates = extent == .current ? ReferralState.allCases.filter(\.isOpen) : ReferralState.allCases
            let referrals = try await ReferralRepository.list(areas: nil, caseloadOf: user.id, states: referralStates, after: nil, limit: 1000,
                                                              on: req.db).items.map(\.0.id)
            return try await MatchRepository.forReferrals(referrals, on: req.db).filter { states.contains($0.state) }
                .sorted { ($0.proposedOn, $0.id) < ($1.proposedOn, $1.id) }
        case .ownAreas, .everything:
            return try await MatchRepository.current(areas: user.actor.areaIDs, on: req.db)
        case nil:
            return []
        }
    }

    /// Records that a list showed these matches' mentees (and, to staff, their mentors).
    static func auditShown(_ matches: [Match], to user: CurrentUser, on req: Request) async throws {
        let referrals = try await ReferralRepository.find(ids: matches.map(\.referralID), on: req.db)
        var people = referrals.values.map(\.personID)
        if user.role != .mentor {
            people += try await MentorRepository.find(ids: matches.map(\.mentorID), on: req.db).values.map(\.personID)
        }
        try await req.auditList(actorID: user.id, action: "match.list", recordType: "person", personIDs: people)
    }
}
