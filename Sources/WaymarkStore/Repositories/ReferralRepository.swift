import Fluent
import Foundation
import SQLKit
import WaymarkCore

public enum ReferralRepository {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    static func commas(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }

    public static func referral(_ m: ReferralModel) -> Referral {
        let exclusions = lines(m.exclusions).compactMap { line -> Exclusion? in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let crn = CRN(String(parts[0])), let kind = ExclusionKind(rawValue: String(parts[1])) else { return nil }
            return Exclusion(crn: crn, kind: kind)
        }
        let details = ReferralDetails(needs: commas(m.needs).compactMap(Need.init(rawValue:)), goals: lines(m.goals),
                                      genderPreference: GenderPreference(rawValue: m.genderPreference) ?? .noPreference,
                                      languages: commas(m.languages), availability: commas(m.availability).compactMap(AvailabilitySlot.init),
                                      accessibilityNeeds: m.accessibilityNeeds, exclusions: exclusions)
        let summary = (m.closingSummary.flatMap { try? JSONDecoder().decode([GoalResult].self, from: Data($0.utf8)) }) ?? []
        return Referral(id: m.id!.uuidString, personID: m.$person.id.uuidString, orderID: m.$order.id.uuidString,
                        referredByID: m.$referredBy.id.uuidString, referredOn: CalendarDate(iso: m.referredOn)!,
                        state: ReferralState(rawValue: m.state) ?? .awaitingAllocation, details: details,
                        highRiskApprovedOn: m.highRiskApprovedOn.flatMap(CalendarDate.init(iso:)),
                        withdrawalReason: m.withdrawalReason.flatMap(WithdrawalReason.init(rawValue:)), closingSummary: summary,
                        closedOn: m.closedOn.flatMap(CalendarDate.init(iso:)), version: m.version)
    }

    public static func create(personID: String, orderID: String, by userID: String, on date: CalendarDate, consent: Bool,
                              _ d: ReferralDetails, on db: any Database) async throws -> Referral {
        if try await ReferralModel.query(on: db).filter(\.$person.$id == UUID(uuidString: personID)!)
            .filter(\.$state ~~ ReferralState.allCases.filter(\.isOpen).map(\.rawValue)).count() > 0 {
            throw ValidationFailure([FieldError("personId", "This person already has an open referral: update that one instead")])
        }
        let m = ReferralModel()
        m.$person.id = UUID(uuidString: personID)!
        m.$order.id = UUID(uuidString: orderID)!
        m.$referredBy.id = UUID(uuidString: userID)!
        m.referredOn = date.iso
        m.state = ReferralState.awaitingAllocation.rawValue
        m.consent = consent
        m.needs = d.needs.map(\.rawValue).joined(separator: ",")
        m.goals = d.goals.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        m.genderPreference = d.genderPreference.rawValue
        m.languages = d.languages.joined(separator: ",")
        m.availability = d.availability.map(\.code).joined(separator: ",")
        m.accessibilityNeeds = d.accessibilityNeeds
        m.exclusions = d.exclusions.map { "\($0.crn.value) \($0.kind.rawValue)" }.joined(separator: "\n")
        m.version = 1
        try await m.create(on: db)
        return referral(m)
    }

    public static func find(id: String, on db: any Database) async throws -> Referral? {
        guard let uuid = UUID(uuidString: id), let m = try await ReferralModel.find(uuid, on: db) else { return nil }
        return referral(m)
    }

    /// Several referrals in one query, by id.
    public static func find(ids: [String], on db: any Database) async throws -> [String: Referral] {
        let uuids = Array(Set(ids.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await ReferralModel.query(on: db).filter(\.$id ~~ uuids).all().map { ($0.id!.uuidString, referral($0)) })
    }

    public static func forPerson(_ personID: String, on db: any Database) async throws -> [Referral] {
        guard let uuid = UUID(uuidString: personID) else { return [] }
        return try await ReferralModel.query(on: db).filter(\.$person.$id == uuid).sort(\.$referredOn, .descending).all().map(referral)
    }

    /// The open referrals of several people, in one query.
    public static func open(personIDs: [String], on db: any Database) async throws -> [Referral] {
        let uuids = personIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return try await ReferralModel.query(on: db).filter(\.$person.$id ~~ uuids)
            .filter(\.$state ~~ ReferralState.allCases.filter(\.isOpen).map(\.rawValue)).all().map(referral)
    }

    /// Referrals in these areas (or on this caseload), in a state, oldest first; keyset on referral date and id.
    public static func list(areas: Set<String>?, caseloadOf: String?, states: [ReferralState], after: (String, UUID)?, limit: Int,
                            on db: any Database) async throws -> (items: [(Referral, Person)], next: (String, UUID)?) {
        let query = ReferralModel.query(on: db).join(PersonModel.self, on: \ReferralModel.$person.$id == \PersonModel.$id)
            .filter(\.$state ~~ states.map(\.rawValue))
        if let areas { query.filter(PersonModel.self, \.$area.$id ~~ areas.compactMap(UUID.init(uuidString:))) }
        if let caseloadOf { query.filter(PersonModel.self, \.$practitioner.$id == UUID(uuidString: caseloadOf)) }
        if let after {
            query.group(.or) { group in
                group.filter(\.$referredOn > after.0)
                group.group(.and) { tie in
                    tie.filter(\.$referredOn == after.0)
                    tie.filter(\.$id > after.1)
                }
            }
        }
        let rows = try await query.sort(\.$referredOn).sort(\.$id).limit(limit + 1).all()
        var items: [(Referral, Person)] = []
        for row in rows.prefix(limit) {
            if let person = PeopleRepository.person(try row.joined(PersonModel.self)) { items.append((referral(row), person)) }
        }
        let next = rows.count > limit ? rows.prefix(limit).last.map { ($0.referredOn, $0.id!) } : nil
        return (items, next)
    }

    static func model(_ id: String, version: Int, on db: any Database) async throws -> ReferralModel? {
        guard let uuid = UUID(uuidString: id), let m = try await ReferralModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: m.version, submitted: version)
        return m
    }

    public static func setState(id: String, to state: ReferralState, expectedVersion: Int, withdrawal: WithdrawalReason? = nil,
                                summary: [GoalResult]? = nil, on date: CalendarDate, on db: any Database) async throws -> Referral? {
        guard let m = try await model(id, version: expectedVersion, on: db) else { return nil }
        m.state = state.rawValue
        if let withdrawal { m.withdrawalReason = withdrawal.rawValue }
        if let summary { m.closingSummary = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self) }
        if !state.isOpen { m.closedOn = date.iso }
        m.version += 1
        try await m.save(on: db)
        return referral(m)
    }

    public static func approveHighRisk(id: String, by userID: String, on date: CalendarDate, expectedVersion: Int, on db: any Database) async throws -> Referral? {
        guard let m = try await model(id, version: expectedVersion, on: db) else { return nil }
        m.highRiskApprovedOn = date.iso
        m.highRiskApprovedByID = UUID(uuidString: userID)
        m.version += 1
        try await m.save(on: db)
        return referral(m)
    }
}

public enum MatchRepository {
    public static func match(_ m: MatchModel) -> Match {
        Match(id: m.id!.uuidString, referralID: m.$referral.id.uuidString, mentorID: m.$mentor.id.uuidString,
              state: MatchState(rawValue: m.state) ?? .proposed, proposedOn: CalendarDate(iso: m.proposedOn)!,
              startedOn: m.startedOn.flatMap(CalendarDate.init(iso:)), endedOn: m.endedOn.flatMap(CalendarDate.init(iso:)),
              endReason: m.endReason.flatMap(MatchEndReason.init(rawValue:)), reviewReason: m.reviewReason, score: m.score, version: m.version)
    }

    public static func propose(referralID: String, mentorID: String, score: Int, on date: CalendarDate, on db: any Database) async throws -> Match {
        let m = MatchModel()
        m.$referral.id = UUID(uuidString: referralID)!
        m.$mentor.id = UUID(uuidString: mentorID)!
        m.state = MatchState.proposed.rawValue
        m.proposedOn = date.iso
        m.score = score
        m.version = 1
        try await m.create(on: db)
        return match(m)
    }

    public static func find(id: String, on db: any Database) async throws -> Match? {
        guard let uuid = UUID(uuidString: id), let m = try await MatchModel.find(uuid, on: db) else { return nil }
        return match(m)
    }

    public static func forReferral(_ referralID: String, on db: any Database) async throws -> [Match] {
        guard let uuid = UUID(uuidString: referralID) else { return [] }
        return try await MatchModel.query(on: db).filter(\.$referral.$id == uuid).sort(\.$proposedOn).all().map(match)
    }

    /// Matches of several referrals, in one query.
    public static func forReferrals(_ referralIDs: [String], on db: any Database) async throws -> [Match] {
        let uuids = referralIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return try await MatchModel.query(on: db).filter(\.$referral.$id ~~ uuids).all().map(match)
    }

    /// Matches of several mentors in these states, in one query.
    public static func forMentors(_ mentorIDs: [String], states: [MatchState], on db: any Database) async throws -> [Match] {
        let uuids = mentorIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return try await MatchModel.query(on: db).filter(\.$mentor.$id ~~ uuids).filter(\.$state ~~ states.map(\.rawValue)).all().map(match)
    }

    public static func forMentor(_ mentorID: String, states: [MatchState], on db: any Database) async throws -> [Match] {
        guard let uuid = UUID(uuidString: mentorID) else { return [] }
        return try await MatchModel.query(on: db).filter(\.$mentor.$id == uuid).filter(\.$state ~~ states.map(\.rawValue)).all().map(match)
    }

    /// Active (and paused) matches for mentors in these areas.
    public static func current(areas: Set<String>, on db: any Database) async throws -> [Match] {
        try await MatchModel.query(on: db).join(MentorModel.self, on: \MatchModel.$mentor.$id == \MentorModel.$id)
            .join(PersonModel.self, on: \MentorModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id ~~ areas.compactMap(UUID.init(uuidString:)))
            .filter(\.$state ~~ [MatchState.active.rawValue, MatchState.paused.rawValue, MatchState.proposed.rawValue])
            .all().map(match)
    }

    /// Counts of active matches per mentor, for capacity.
    public static func activeCounts(mentorIDs: [String], on db: any Database) async throws -> [String: Int] {
        let uuids = mentorIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        let rows = try await MatchModel.query(on: db).filter(\.$mentor.$id ~~ uuids)
            .filter(\.$state ~~ [MatchState.active.rawValue, MatchState.paused.rawValue, MatchState.proposed.rawValue]).all()
        return Dictionary(grouping: rows, by: { $0.$mentor.id.uuidString }).mapValues(\.count)
    }

    public static func move(id: String, to state: MatchState, endReason: MatchEndReason?, on date: CalendarDate, expectedVersion: Int,
                            on db: any Database) async throws -> Match? {
        guard let uuid = UUID(uuidString: id), let m = try await MatchModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        if state == .active, m.startedOn == nil { m.startedOn = date.iso }
        if state == .ended {
            m.endedOn = date.iso
            m.endReason = endReason?.rawValue
            m.reviewReason = nil
        }
        m.state = state.rawValue
        m.version += 1
        try await m.save(on: db)
        return match(m)
    }

    public static func setReview(id: String, reason: String?, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id), let m = try await MatchModel.find(uuid, on: db) else { return }
        m.reviewReason = reason
        m.version += 1
        try await m.save(on: db)
    }

    // MARK: Contacts and check-ins

    static func contact(_ m: ContactModel) -> StoredContact {
        StoredContact(id: m.id!.uuidString, matchID: m.$match.id.uuidString,
                      contact: Contact(on: CalendarDate(iso: m.contactOn)!, minutes: m.minutes,
                                       supportTypes: m.supportTypes.split(separator: ",").compactMap { SupportType(rawValue: String($0)) },
                                       place: m.place, notes: m.notes, concern: m.concern),
                      concernAcknowledgedOn: m.concernAcknowledgedOn.flatMap(CalendarDate.init(iso:)), loggedByID: m.loggedByID.uuidString)
    }

    public static func addContact(_ c: Contact, matchID: String, by userID: String, on db: any Database) async throws -> StoredContact {
        let m = ContactModel()
        m.$match.id = UUID(uuidString: matchID)!
        m.contactOn = c.on.iso
        m.minutes = c.minutes
        m.supportTypes = c.supportTypes.map(\.rawValue).joined(separator: ",")
        m.place = c.place
        m.notes = c.notes
        m.concern = c.concern
        m.loggedByID = UUID(uuidString: userID)!
        try await m.create(on: db)
        return contact(m)
    }

    public static func contacts(matchIDs: [String], on db: any Database) async throws -> [StoredContact] {
        let uuids = matchIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return try await ContactModel.query(on: db).filter(\.$match.$id ~~ uuids).sort(\.$contactOn, .descending).all().map(contact)
    }

    public static func findContact(id: String, on db: any Database) async throws -> StoredContact? {
        guard let uuid = UUID(uuidString: id), let m = try await ContactModel.find(uuid, on: db) else { return nil }
        return contact(m)
    }

    public static func acknowledge(contactID: String, by userID: String, on date: CalendarDate, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: contactID), let m = try await ContactModel.find(uuid, on: db), m.concern != nil else { return }
        guard m.concernAcknowledgedOn == nil else {
            throw ValidationFailure([FieldError("concern", "This concern has already been acknowledged")])
        }
        m.concernAcknowledgedOn = date.iso
        m.concernAcknowledgedByID = UUID(uuidString: userID)
        try await m.save(on: db)
    }

    public static func addCheckIn(matchID: String, on date: CalendarDate, notes: String, by userID: String, on db: any Database) async throws {
        let m = CheckInModel()
        m.$match.id = UUID(uuidString: matchID)!
        m.heldOn = date.iso
        m.notes = notes
        m.byID = UUID(uuidString: userID)!
        try await m.create(on: db)
    }

    public static func checkIns(matchIDs: [String], on db: any Database) async throws -> [String: [CalendarDate]] {
        let uuids = matchIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        let rows = try await CheckInModel.query(on: db).filter(\.$match.$id ~~ uuids).all()
        return Dictionary(grouping: rows, by: { $0.$match.id.uuidString }).mapValues { $0.compactMap { CalendarDate(iso: $0.heldOn) } }
    }
}

public enum NotificationRepository {
    public struct Notification: Sendable, Equatable {
        public let id: String
        public let recipientID: String
        public let kind: String
        public let subject: String
        public let body: String
        public let link: String?
        public let createdAt: Date
        public let deliveredAt: Date?
    }

    static func notification(_ m: NotificationModel) -> Notification {
        Notification(id: m.id!.uuidString, recipientID: m.$recipient.id.uuidString, kind: m.kind, subject: m.subject, body: m.body,
                     link: m.link, createdAt: m.createdAt, deliveredAt: m.deliveredAt)
    }

    /// Queues a notification in the caller's transaction.
    public static func enqueue(to recipientID: String, kind: String, subject: String, body: String, link: String?, at: Date,
                               on db: any Database) async throws {
        guard let uuid = UUID(uuidString: recipientID) else { return }
        let m = NotificationModel()
        m.$recipient.id = uuid
        m.kind = kind
        m.subject = subject
        m.body = body
        m.link = link
        m.createdAt = at
        m.attempts = 0
        try await m.create(on: db)
    }

    public static func pending(limit: Int, on db: any Database) async throws -> [Notification] {
        try await NotificationModel.query(on: db).filter(\.$deliveredAt == nil).filter(\.$attempts < 10).sort(\.$createdAt).limit(limit).all().map(notification)
    }

    /// Takes up to `limit` undelivered notifications for this instance to send, in one
    /// statement: no other instance (or process) claims them until `until`, so each goes out
    /// once. A claim left by an instance that died lapses, and another sends it then.
    public static func claim(limit: Int, now: Date, until: Date, on db: any Database) async throws -> [Notification] {
        let sql = db as! any SQLDatabase
        let skipLocked = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let claimed = try await sql.raw("""
            UPDATE notifications SET claimed_until = \(bind: until) WHERE id IN (
              SELECT id FROM notifications
              WHERE delivered_at IS NULL AND attempts < 10 AND (claimed_until IS NULL OR claimed_until < \(bind: now))
              ORDER BY created_at LIMIT \(unsafeRaw: String(limit))\(unsafeRaw: skipLocked))
            RETURNING id
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !claimed.isEmpty else { return [] }
        return try await NotificationModel.query(on: db).filter(\.$id ~~ claimed).sort(\.$createdAt).all().map(notification)
    }

    /// Single statements, so two instances never lose each other's count.
    public static func markDelivered(id: String, at: Date, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id) else { return }
        try await (db as! any SQLDatabase).raw("""
            UPDATE notifications SET delivered_at = \(bind: at), attempts = attempts + 1, claimed_until = NULL WHERE id = \(bind: uuid)
            """).run()
    }

    public static func markFailed(id: String, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id) else { return }
        try await (db as! any SQLDatabase).raw("UPDATE notifications SET attempts = attempts + 1, claimed_until = NULL WHERE id = \(bind: uuid)").run()
    }

    /// What a user's notifications page lists: never account emails, whose links sign someone in.
    public static func forRecipient(_ userID: String, limit: Int, on db: any Database) async throws -> [Notification] {
        guard let uuid = UUID(uuidString: userID) else { return [] }
        return try await NotificationModel.query(on: db).filter(\.$recipient.$id == uuid).filter(\.$kind !=~ accountKindPrefix)
            .sort(\.$createdAt, .descending).limit(limit).all().map(notification)
    }

    /// Invitation and password-reset emails carry a single-use link to an account.
    public static let accountKindPrefix = "account."

    /// Once sent, an account email's link is no longer kept: only the email holds it.
    public static func forgetLink(id: String, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id) else { return }
        try await (db as! any SQLDatabase).raw("""
            UPDATE notifications SET link = NULL WHERE id = \(bind: uuid) AND kind LIKE 'account.%'
            """).run()
    }
}
