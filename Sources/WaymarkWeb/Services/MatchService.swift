import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Everything a page or the API needs about one match.
struct MatchFile: Sendable {
    let match: Match
    let referral: Referral
    let mentee: Person
    let mentor: Mentor
    let mentorPerson: Person
}

/// Matches and their contacts: proposed to the mentor, accepted or declined, paused, ended;
/// contacts logged, concerns raised and acknowledged, coordinator check-ins.
enum MatchService {
    /// A coordinator of the mentee's area, the mentee's practitioner, or the mentor themself.
    static func scope(_ file: MatchFile) -> PersonScope {
        PersonScope(areaID: file.mentee.details.areaID, practitionerID: file.mentee.practitionerID, linkedUserID: file.mentor.userID)
    }

    static func load(_ id: String, for capability: Capability, action: String?, on req: Request) async throws -> MatchFile {
        let user = try req.user
        guard let match = try await MatchRepository.find(id: id, on: req.db),
              let referral = try await ReferralRepository.find(id: match.referralID, on: req.db),
              let mentee = try await PeopleRepository.find(id: referral.personID, on: req.db),
              let mentor = try await MentorRepository.find(id: match.mentorID, on: req.db),
              let mentorPerson = try await PeopleRepository.find(id: mentor.personID, on: req.db)
        else { throw Abort(.notFound) }
        let file = MatchFile(match: match, referral: referral, mentee: mentee, mentor: mentor, mentorPerson: mentorPerson)
        guard Policy.access(user.actor, to: scope(file), for: capability) == .full else { throw Abort(.notFound) }
        if let action {
            try await req.audit(AuditRecord(actorID: user.id, action: action, recordType: "match", recordID: match.id, personID: mentee.id))
        }
        return file
    }

    static func write<T: Sendable>(_ file: MatchFile, action: String, detail: String = "", on req: Request,
                                   _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let user = try req.user
        let at = req.now
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            let value = try await body(tx)
            effects.audit(action, "match", file.match.id, person: file.mentee.id, detail: detail)
            return value
        }
    }

    /// Moves a match: the mentor accepts or declines; a coordinator pauses, resumes or ends it.
    static func move(_ id: String, to raw: String?, endReason rawReason: String?, version: Int, on req: Request) async throws -> Match {
        let user = try req.user
        var errors = FieldErrors()
        let to = InputRules.choice(raw, as: MatchState.self, field: "state", label: "new state", article: "a", errors: &errors)
        let reason = InputRules.choice(rawReason, as: MatchEndReason.self, field: "endReason", label: "reason", article: "a",
                                       required: false, errors: &errors)
        try errors.throwIfAny()
        let file = try await load(id, for: .viewMatches, action: nil, on: req)
        let answering = file.match.state == .proposed
        guard Policy.access(user.actor, to: scope(file), for: answering ? .respondToMatch : .manageMatches) == .full else {
            throw Abort(.forbidden, reason: answering ? "Only the mentor or a coordinator can answer a proposed match" : "Only a coordinator can change a match")
        }
        let counts = try await MatchRepository.activeCounts(mentorIDs: [file.mentor.id], on: req.db)
        // The proposed match itself is counted among the mentor's current ones.
        let capacityLeft = file.mentor.profile.capacity - (counts[file.mentor.id] ?? 0) + (answering ? 1 : 0)
        let endReason = answering && to == .ended ? (reason ?? .declined) : reason
        try MatchJourney.check(from: file.match.state, to: to!, capacityLeft: capacityLeft, endReason: endReason)
        let (today, at) = (req.today, req.now)
        return try await write(file, action: "match.move", detail: "\(file.match.state.rawValue) → \(to!.rawValue)", on: req) { tx in
            guard let saved = try await MatchRepository.move(id: file.match.id, to: to!, endReason: endReason, on: today, expectedVersion: version, on: tx)
            else { throw Abort(.notFound) }
            let referral = try await ReferralRepository.find(id: file.referral.id, on: tx)!
            if answering, to == .active, referral.state == .matched {
                _ = try await ReferralRepository.setState(id: referral.id, to: .onProgramme, expectedVersion: referral.version, on: today, on: tx)
                try await Notify.practitioner(of: file.mentee, kind: "referral.matched", subject: "Peer mentor matched",
                                              body: "\(file.mentee.details.firstName) has been matched with a peer mentor, who has accepted.",
                                              link: SitePath.referral(referral.id).url, at: at, on: tx)
            }
            if to == .ended {
                if referral.state.isOpen, referral.state != .awaitingAllocation {
                    // The mentee goes back on the waiting list to be re-matched.
                    _ = try await ReferralRepository.setState(id: referral.id, to: .awaitingAllocation, expectedVersion: referral.version, on: today, on: tx)
                }
                try await Notify.practitioner(of: file.mentee, kind: "match.ended", subject: "Peer mentoring match ended",
                                              body: "The match ended: \(endReason!.label.lowercased()).", link: SitePath.referral(referral.id).url, at: at, on: tx)
                try await Notify.mentor(file.mentor, kind: "match.ended", subject: "A match has ended",
                                        body: "One of your matches has ended: \(endReason!.label.lowercased()).", link: nil, at: at, on: tx)
            }
            return saved
        }
    }

    /// Ends every open match of a referral (used when it is closed or withdrawn), in the caller's transaction.
    static func endOpenMatches(referralID: String, reason: MatchEndReason, on date: CalendarDate, at: Date, on db: any Database) async throws {
        for match in try await MatchRepository.forReferral(referralID, on: db) where match.state != .ended {
            _ = try await MatchRepository.move(id: match.id, to: .ended, endReason: reason, on: date, expectedVersion: match.version, on: db)
        }
    }

    static func logContact(_ id: String, _ draft: ContactDraft, on req: Request) async throws -> StoredContact {
        let user = try req.user
        let file = try await load(id, for: .logContacts, action: nil, on: req)
        guard file.match.state == .active || file.match.state == .paused else {
            throw ValidationFailure([FieldError("on", "Contacts are logged on an accepted match; this one is \(file.match.state.label.lowercased())")])
        }
        let contact = try draft.validated(today: req.today, matchStarted: file.match.startedOn)
        let at = req.now
        return try await write(file, action: "contact.log", detail: contact.concern == nil ? "" : "concern raised", on: req) { tx in
            let saved = try await MatchRepository.addContact(contact, matchID: file.match.id, by: user.id, on: tx)
            if contact.concern != nil {
                try await Notify.practitioner(of: file.mentee, kind: "concern.raised", subject: "A concern has been raised",
                                              body: "A peer mentor raised a concern about \(file.mentee.details.firstName). Please read it and acknowledge it.",
                                              link: SitePath.concerns.url, at: at, on: tx)
                try await MatchRepository.setReview(id: file.match.id, reason: "Concern raised on \(contact.on.long)", on: tx)
            }
            return saved
        }
    }

    static func acknowledge(contactID: String, on req: Request) async throws {
        let user = try req.user
        guard let contact = try await MatchRepository.findContact(id: contactID, on: req.db), contact.hasOpenConcern else { throw Abort(.notFound) }
        let file = try await load(contact.matchID, for: .acknowledgeConcerns, action: nil, on: req)
        let today = req.today
        try await write(file, action: "concern.acknowledge", on: req) { tx in
            try await MatchRepository.acknowledge(contactID: contact.id, by: user.id, on: today, on: tx)
        }
    }

    static func checkIn(_ id: String, heldOn: DateInput, notes raw: String?, on req: Request) async throws {
        let user = try req.user
        let file = try await load(id, for: .manageMatches, action: nil, on: req)
        var errors = FieldErrors()
        let date = InputRules.date(heldOn, field: "heldOn", label: "date of the check-in", article: "the", errors: &errors)
        if let date, date > req.today { errors.add("heldOn", "Date of the check-in must be today or in the past") }
        let notes = InputRules.required(raw, field: "notes", label: "notes", article: "", limit: InputRules.longTextLimit, errors: &errors)
        try errors.throwIfAny()
        try await write(file, action: "match.checkIn", on: req) { tx in
            try await MatchRepository.addCheckIn(matchID: file.match.id, on: date!, notes: notes!, by: user.id, on: tx)
        }
    }

    /// A coordinator's decision after a risk review or concern: carry on (clears the review).
    static func clearReview(_ id: String, on req: Request) async throws {
        let file = try await load(id, for: .manageMatches, action: nil, on: req)
        try await write(file, action: "match.reviewCleared", on: req) { tx in
            try await MatchRepository.setReview(id: file.match.id, reason: nil, on: tx)
        }
    }

    /// Risk is dynamic: a material change for a mentee or a mentor puts their current matches
    /// under review and tells the practitioner. Runs in the risk write's transaction.
    static func reviewAfterRiskChange(person: Person, reason: String, at: Date, on db: any Database) async throws {
        var matches: [Match] = []
        for referral in try await ReferralRepository.forPerson(person.id, on: db) where referral.state.isOpen {
            matches += try await MatchRepository.forReferral(referral.id, on: db)
        }
        if let mentor = try await MentorRepository.find(personID: person.id, on: db) {
            matches += try await MatchRepository.forMentor(mentor.id, states: MatchState.holdingPlace, on: db)
        }
        for match in matches where match.state != .ended {
            try await MatchRepository.setReview(id: match.id, reason: reason, on: db)
            guard let referral = try await ReferralRepository.find(id: match.referralID, on: db),
                  let mentee = try await PeopleRepository.find(id: referral.personID, on: db) else { continue }
            try await Notify.practitioner(of: mentee, kind: "match.underReview", subject: "A peer mentoring match is under review",
                                          body: "A risk change means a match involving \(mentee.details.firstName) is under review by the coordinator.",
                                          link: SitePath.referral(referral.id).url, at: at, on: db)
        }
    }
}
