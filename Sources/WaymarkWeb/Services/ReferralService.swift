import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Referrals, the waiting list, suggestions and bulk proposals: the shell around the matching rules.
enum ReferralService {
    static func load(_ id: String, for capability: Capability, action: String?, on req: Request) async throws -> (Referral, Person) {
        let user = try req.user
        guard let referral = try await ReferralRepository.find(id: id, on: req.db),
              let person = try await PeopleRepository.find(id: referral.personID, on: req.db),
              Policy.access(user.actor, to: person.scope, for: capability) == .full
        else { throw Abort(.notFound) }
        if let action {
            try await req.audit(AuditRecord(actorID: user.id, action: action, recordType: "referral", recordID: referral.id, personID: person.id))
        }
        return (referral, person)
    }

    static func write<T: Sendable>(_ referral: Referral?, _ person: Person, action: String, detail: String = "", on req: Request,
                                   _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let user = try req.user
        let at = req.now
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            let value = try await body(tx)
            let id = (value as? Referral)?.id ?? referral?.id ?? "-"
            effects.audit(action, "referral", id, person: person.id, detail: detail)
            return value
        }
    }

    static func create(personID: String, orderID: String?, _ draft: ReferralDraft, on req: Request) async throws -> Referral {
        let user = try req.user
        let (person, _) = try await PeopleService.load(personID, for: .referMentee, action: nil, on: req)
        let order = try await orderID.asyncMap { try await OrderRepository.find(id: $0, on: req.db) } ?? nil
        let ownOrder = order?.personID == person.id ? order : nil
        var errors: [FieldError] = []
        do { try MenteeEligibility.check(order: ownOrder?.details, consent: draft.consent, practitionerID: person.practitionerID, today: req.today) }
        catch { errors += error.errors }
        do { _ = try draft.validated() } catch { errors += error.errors.filter { e in !errors.contains { $0.field == e.field } } }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let details = try draft.validated()
        let today = req.today
        return try await write(nil, person, action: "referral.create", on: req) { tx in
            try await ReferralRepository.create(personID: person.id, orderID: ownOrder!.id, by: user.id, on: today, consent: true, details, on: tx)
        }
    }

    // MARK: Matching facts

    static func referralFacts(_ referral: Referral, _ person: Person, on db: any Database) async throws -> ReferralFacts {
        let risk = try await RiskRepository.history(personID: person.id, on: db).first?.details
        return ReferralFacts(referralID: referral.id, personID: person.id, areaID: person.details.areaID, deliveryUnitID: person.details.deliveryUnitID,
                             details: referral.details, rosh: risk?.rosh, mappa: risk?.isMAPPA ?? false,
                             highRiskApproved: referral.highRiskApprovedOn != nil, referredOn: referral.referredOn)
    }

    /// Active mentors of an area with everything matching needs, in two queries per table.
    /// Every active mentor in the area, as matching sees them, with their mentor and person
    /// records for the ones chosen: the facts come from one SQL statement, and only the mentors
    /// a page shows or a proposal names are loaded whole.
    static func mentorFacts(area: String, on db: any Database) async throws -> [MentorFacts] {
        try await MatchingFactsRepository.activeMentors(areaID: area, on: db)
    }

    static func records(for facts: [MentorFacts], on db: any Database) async throws -> [String: (Mentor, Person)] {
        let mentors = try await MentorRepository.find(ids: facts.map(\.mentorID), on: db)
        let people = try await PeopleRepository.find(ids: facts.map(\.personID), on: db)
        return mentors.compactMapValues { mentor in people[mentor.personID].map { (mentor, $0) } }
    }

    /// The ranked suggestions, the first `limit` of them (every one when nil).
    static func suggestions(_ referral: Referral, _ person: Person, limit: Int? = nil, on req: Request) async throws -> [(MatchScoring.Suggestion, Mentor, Person)] {
        let facts = try await referralFacts(referral, person, on: req.db)
        let mentors = try await mentorFacts(area: person.details.areaID, on: req.db)
        let all = MatchScoring.suggestions(for: facts, mentors: mentors, today: req.today)
        let ranked = limit.map { Array(all.prefix($0)) } ?? all
        let shown = Set(ranked.map(\.mentorID))
        let records = try await records(for: mentors.filter { shown.contains($0.mentorID) }, on: req.db)
        return ranked.compactMap { s in records[s.mentorID].map { (s, $0.0, $0.1) } }
    }

    // MARK: Moves

    static func approveHighRisk(_ id: String, version: Int, on req: Request) async throws -> Referral {
        let user = try req.user
        let (referral, person) = try await load(id, for: .manageReferrals, action: nil, on: req)
        guard referral.state.isOpen, try await referralFacts(referral, person, on: req.db).isHighRisk else {
            throw ValidationFailure([FieldError("version", "Approval is only for open referrals of high-risk mentees (RoSH high or very high, or MAPPA)")])
        }
        let today = req.today
        return try await write(referral, person, action: "referral.approveHighRisk", on: req) { tx in
            guard let saved = try await ReferralRepository.approveHighRisk(id: referral.id, by: user.id, on: today, expectedVersion: version, on: tx)
            else { throw Abort(.notFound) }
            return saved
        }
    }

    /// A coordinator confirms a mentor for a referral: the match is proposed to the mentor.
    static func propose(_ id: String, mentorID: String, version: Int, on req: Request) async throws -> Match {
        let (referral, person) = try await load(id, for: .manageReferrals, action: nil, on: req)
        try OptimisticLock.check(current: referral.version, submitted: version)
        guard referral.state == .awaitingAllocation else {
            throw ValidationFailure([FieldError("mentorId", "Only referrals awaiting allocation can be matched; this one is \(referral.state.label.lowercased())")])
        }
        let facts = try await referralFacts(referral, person, on: req.db)
        guard let mentorFacts = try await mentorFacts(area: person.details.areaID, on: req.db).first(where: { $0.mentorID == mentorID }),
              let mentor = try await MentorRepository.find(id: mentorID, on: req.db) else {
            throw ValidationFailure([FieldError("mentorId", "Select an active mentor from this area")])
        }
        let blockers = MatchScoring.blockers(facts, mentorFacts)
        guard blockers.isEmpty else { throw ValidationFailure([FieldError("mentorId", blockers.joined(separator: "; "))]) }
        let score = MatchScoring.score(facts, mentorFacts, today: req.today).total
        let (today, at) = (req.today, req.now)
        return try await write(referral, person, action: "referral.propose", detail: mentor.id, on: req) { tx in
            try await savePropose(referral: referral, mentor: mentor, score: score, version: version, today: today, at: at, on: tx)
        }
    }

    /// The writes of one proposal, inside the caller's transaction.
    static func savePropose(referral: Referral, mentor: Mentor, score: Int, version: Int, today: CalendarDate, at: Date,
                            on tx: any Database) async throws -> Match {
        let match = try await MatchRepository.propose(referralID: referral.id, mentorID: mentor.id, score: score, on: today, on: tx)
        _ = try await ReferralRepository.setState(id: referral.id, to: .matched, expectedVersion: version, on: today, on: tx)
        try await Notify.mentor(mentor, kind: "match.proposed", subject: "A new mentee has been matched with you",
                                body: "Your coordinator has matched you with a new mentee. Please accept or decline.",
                                link: SitePath.match(match.id).url, at: at, on: tx)
        return match
    }

    /// Confirms an area's optimal proposal in one transaction: every pair is proposed, or none is.
    static func confirmBulk(area: String, on req: Request) async throws -> [Proposal] {
        let user = try req.user
        guard user.actor.areaIDs.contains(area) else { throw ValidationFailure([FieldError("area", "Give an area you work in")]) }
        let (today, at) = (req.today, req.now)
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            // Worked out again inside the transaction, so it is the optimum of what is there now.
            let proposal = try await bulkProposal(area: area, today: today, on: tx)
            for pair in proposal {
                _ = try await savePropose(referral: pair.referral, mentor: pair.mentor, score: pair.score, version: pair.referral.version,
                                          today: today, at: at, on: tx)
                effects.audit("referral.propose", "referral", pair.referral.id, person: pair.person.id, detail: "bulk \(pair.mentor.id)")
            }
            // Confirmed even when there was nothing left to propose: who did it, and what it came to.
            effects.audit("matching.bulkConfirm", "area", area, detail: "\(proposal.count) matches proposed")
            return proposal
        }
    }

    static func setState(_ id: String, to raw: String?, withdrawal rawReason: String?, version: Int, on req: Request) async throws -> Referral {
        let (referral, person) = try await load(id, for: .manageReferrals, action: nil, on: req)
        var errors = FieldErrors()
        let to = InputRules.choice(raw, as: ReferralState.self, field: "state", label: "new state", article: "a", errors: &errors)
        let reason = InputRules.choice(rawReason, as: WithdrawalReason.self, field: "withdrawalReason", label: "reason", article: "a",
                                       required: to == .withdrawn, errors: &errors)
        try errors.throwIfAny()
        try ReferralJourney.checkManual(from: referral.state, to: to!)
        let (today, at) = (req.today, req.now)
        return try await write(referral, person, action: "referral.state", detail: to!.rawValue, on: req) { tx in
            guard let saved = try await ReferralRepository.setState(id: referral.id, to: to!, expectedVersion: version, withdrawal: reason, on: today, on: tx)
            else { throw Abort(.notFound) }
            if to == .awaitingAllocation, [.matched, .onProgramme].contains(referral.state) {
                // Back on the waiting list: the current match ends so the mentee can be re-matched.
                try await MatchService.endOpenMatches(referralID: referral.id, reason: .other, on: today, at: at, on: tx)
            }
            if to == .withdrawn {
                try await MatchService.endOpenMatches(referralID: referral.id, reason: .other, on: today, at: at, on: tx)
                try await Notify.practitioner(of: person, kind: "referral.ended", subject: "Referral withdrawn",
                                              body: "The peer mentoring referral was withdrawn: \(reason!.label.lowercased()).",
                                              link: SitePath.referral(referral.id).url, at: at, on: tx)
            }
            return saved
        }
    }

    /// Closing records the end-of-service summary: each agreed goal achieved or not.
    static func close(_ id: String, outcomes: [String?], comments: [String?], version: Int, on req: Request) async throws -> Referral {
        let (referral, person) = try await load(id, for: .closeReferral, action: nil, on: req)
        let summary = try ReferralClosure.summary(goals: referral.details.goals, outcomes: outcomes, comments: comments)
        try ReferralJourney.check(from: referral.state, to: .completed)
        let (today, at) = (req.today, req.now)
        return try await write(referral, person, action: "referral.close", on: req) { tx in
            guard let saved = try await ReferralRepository.setState(id: referral.id, to: .completed, expectedVersion: version, summary: summary,
                                                                    on: today, on: tx)
            else { throw Abort(.notFound) }
            try await MatchService.endOpenMatches(referralID: referral.id, reason: .goalsAchieved, on: today, at: at, on: tx)
            try await Notify.practitioner(of: person, kind: "referral.ended", subject: "Referral completed",
                                          body: "The peer mentoring referral was completed and the end-of-service summary recorded.",
                                          link: SitePath.referral(referral.id).url, at: at, on: tx)
            return saved
        }
    }

    // MARK: Bulk

    struct Proposal: Sendable {
        let referral: Referral
        let person: Person
        let mentor: Mentor
        let mentorPerson: Person
        let score: Int
    }

    /// The optimal proposal for a whole waiting list in one area (exact: see BulkMatching).
    static func bulkProposal(area: String, today: CalendarDate, on db: any Database) async throws -> [Proposal] {
        let waiting = try await ReferralRepository.list(areas: [area], caseloadOf: nil, states: [.awaitingAllocation], after: nil, limit: 100_000, on: db).items
        let mentors = try await mentorFacts(area: area, on: db)
        var referralFacts: [ReferralFacts] = []
        let risks = try await RiskRepository.current(personIDs: waiting.map(\.1.id), on: db)
        for (referral, person) in waiting {
            let risk = risks[person.id]?.details
            referralFacts.append(ReferralFacts(referralID: referral.id, personID: person.id, areaID: person.details.areaID,
                                               deliveryUnitID: person.details.deliveryUnitID, details: referral.details, rosh: risk?.rosh,
                                               mappa: risk?.isMAPPA ?? false, highRiskApproved: referral.highRiskApprovedOn != nil,
                                               referredOn: referral.referredOn))
        }
        let pairs = BulkProposal.propose(referrals: referralFacts, mentors: mentors, today: today)
        let records = try await records(for: pairs.map { mentors[$0.mentor] }, on: db)
        return pairs.compactMap { pair in
            let (referral, person) = waiting[pair.referral]
            guard let (mentor, mentorPerson) = records[mentors[pair.mentor].mentorID] else { return nil }
            return Proposal(referral: referral, person: person, mentor: mentor, mentorPerson: mentorPerson, score: pair.score)
        }
    }

    /// Demand against supply per delivery unit: referrals waiting there, and places free with
    /// active mentors who travel there (a mentor who covers two units counts in both); and the
    /// area's totals. Counted in SQL, with the area's active mentors read once.
    static func demand(area: AreaInfo, on db: any Database) async throws
        -> (waiting: Int, placesFree: Int, units: [(unit: String, waiting: Int, placesFree: Int)]) {
        let waiting = try await MatchingFactsRepository.waitingByUnit(areaID: area.id, on: db)
        let mentors = try await mentorFacts(area: area.id, on: db)
        let units = area.deliveryUnits.map { unit in
            (unit.name, waiting[unit.id] ?? 0, mentors.filter { $0.deliveryUnitIDs.contains(unit.id) }.map(\.capacityLeft).reduce(0, +))
        }
        return (waiting.values.reduce(0, +), mentors.map(\.capacityLeft).reduce(0, +), units)
    }
}

/// The bulk proposal for one area, for the CLI (ids only: the terminal shows no names).
public func bulkProposal(area: String, today: CalendarDate, on db: any Database) async throws -> [(referralID: String, mentorID: String, score: Int)] {
    try await ReferralService.bulkProposal(area: area, today: today, on: db).map { ($0.referral.id, $0.mentor.id, $0.score) }
}
