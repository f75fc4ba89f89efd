import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// One thing waiting for the signed-in user: how many, and where to deal with it.
struct DashboardItem: Sendable {
    let title: String
    let count: Int
    let hint: String
    let link: String
}

/// A commitment in someone's diary: a session to facilitate, a mentee to see.
struct Commitment: Sendable {
    let when: String
    let what: String
    let link: String
}

/// What each role sees on signing in: a coordinator's open work, a practitioner's caseload
/// alerts, a mentor's or facilitator's next commitments. Counts only; the lists are a click away.
enum DashboardService {
    static func coordinator(on req: Request) async throws -> [DashboardItem] {
        let user = try req.user
        let areas = user.actor.areaIDs
        let today = req.today
        let waiting = try await ReferralRepository.list(areas: areas, caseloadOf: nil, states: [.awaitingAllocation], after: nil, limit: 1000, on: req.db).items
        let oldest = waiting.map { $0.0.referredOn.days(until: today) }.max()
        let matches = try await MatchRepository.current(areas: areas, on: req.db).filter { $0.state == .active }
        let contacts = try await MatchRepository.contacts(matchIDs: matches.map(\.id), on: req.db)
        let checkIns = try await MatchRepository.checkIns(matchIDs: matches.map(\.id), on: req.db)
        let contactsBy = Dictionary(grouping: contacts, by: \.matchID)
        let overdue = matches.filter { MatchHealth.checkInOverdue(startedOn: $0.startedOn ?? $0.proposedOn, checkIns: checkIns[$0.id] ?? [], today: today) }
        let concerns = contacts.filter(\.hasOpenConcern)
        let sessions = try await SessionRepository.list(areas: areas, from: today, through: today.adding(days: 28), on: req.db)
            .filter { $0.state == .planned }
        let expenses = try await VolunteeringRepository.waitingExpenses(areas: areas, on: req.db)
        return [
            DashboardItem(title: "Referrals waiting for a mentor", count: waiting.count,
                          hint: oldest.map { "The longest has waited \($0) days." } ?? "Nobody is waiting.", link: SitePath.referrals.url),
            DashboardItem(title: "Check-ins overdue", count: overdue.count, hint: "Active matches due a coordinator check-in.", link: SitePath.matches.url),
            DashboardItem(title: "Concerns not yet acknowledged", count: concerns.count, hint: "Raised by mentors, waiting for the practitioner.", link: SitePath.matches.url),
            DashboardItem(title: "Sessions needing facilitators", count: sessions.count, hint: "In the next 4 weeks and not yet confirmed.", link: SitePath.sessions.url),
            DashboardItem(title: "Expenses to approve", count: expenses.count, hint: "Claims mentors have submitted.", link: SitePath.expenses.url),
        ]
    }

    static func practitioner(on req: Request) async throws -> [DashboardItem] {
        let user = try req.user
        let today = req.today
        let caseload = try await ReferralRepository.list(areas: nil, caseloadOf: user.id, states: ReferralState.allCases, after: nil, limit: 1000, on: req.db).items
        let matches = try await MatchRepository.forReferrals(caseload.map(\.0.id), on: req.db)
        let concerns = try await MatchRepository.contacts(matchIDs: matches.map(\.id), on: req.db).filter(\.hasOpenConcern).count
        let enforcement = try await AttendanceRepository.awaitingEnforcement(practitionerID: user.id, on: req.db)
        let people = try await PeopleRepository.caseload(practitionerID: user.id, on: req.db)
        let risks = try await RiskRepository.current(personIDs: people, on: req.db)
        let reviewsDue = people.filter { id in risks[id].map { $0.details.nextReviewDate <= today } ?? true }
        let waiting = caseload.filter { $0.0.state == .awaitingAllocation }
        return [
            DashboardItem(title: "Concerns to acknowledge", count: concerns, hint: "Raised by peer mentors about people on your caseload.", link: SitePath.concerns.url),
            DashboardItem(title: "Enforcement decisions", count: enforcement.count, hint: "Absences and non-compliance at group sessions.", link: SitePath.enforcement.url),
            DashboardItem(title: "Risk reviews due", count: reviewsDue.count, hint: "People with no risk review, or one past its review date.", link: SitePath.people.url),
            DashboardItem(title: "Referrals waiting for a mentor", count: waiting.count, hint: "From your caseload.", link: SitePath.referrals.url),
        ]
    }

    /// A mentor's or facilitator's next sessions, and a mentor's mentees.
    static func commitments(on req: Request) async throws -> (sessions: [Commitment], requests: Int, mentees: [Commitment]) {
        let user = try req.user
        let today = req.today
        let sessions = try await SessionRepository.facilitatedBy(userID: user.id, from: today, on: req.db).filter { $0.state != .cancelled }
        let facilitators = try await SessionRepository.facilitators(sessionIDs: sessions.map(\.id), on: req.db)
        let interventions = try await InterventionRepository.find(ids: sessions.map(\.interventionID), on: req.db)
        let requests = sessions.filter { s in facilitators[s.id]?.contains { $0.userID == user.id && $0.response == .requested } ?? false }.count
        let upcoming = sessions.prefix(5).map { s in
            Commitment(when: "\(s.date.long), \(s.start.text)", what: (interventions[s.interventionID]?.name ?? "Session")
                       + (facilitators[s.id]?.contains { $0.userID == user.id && $0.response == .requested } == true ? " (please reply)" : ""),
                       link: SitePath.session(s.id).url)
        }
        var mentees: [Commitment] = []
        if user.role == .mentor, let mentor = try await MentorRepository.find(userID: user.id, on: req.db) {
            let matches = try await MatchRepository.forMentor(mentor.id, states: [.proposed, .active], on: req.db)
            let contacts = Dictionary(grouping: try await MatchRepository.contacts(matchIDs: matches.map(\.id), on: req.db), by: \.matchID)
            let referrals = try await ReferralRepository.find(ids: matches.map(\.referralID), on: req.db)
            let people = try await PeopleRepository.find(ids: referrals.values.map(\.personID), on: req.db)
            try await req.auditList(actorID: user.id, action: "dashboard.mentees", recordType: "match", personIDs: Array(people.keys))
            for m in matches {
                let name = referrals[m.referralID].flatMap { people[$0.personID]?.details.firstName } ?? "Your mentee"
                let last = contacts[m.id]?.map(\.contact.on).max()
                mentees.append(Commitment(when: m.state == .proposed ? "Waiting for your answer" : last.map { "Last met \($0.long)" } ?? "Not met yet",
                                          what: m.state == .proposed ? "New match proposed" : name, link: SitePath.match(m.id).url))
            }
        }
        return (upcoming, requests, mentees)
    }
}
