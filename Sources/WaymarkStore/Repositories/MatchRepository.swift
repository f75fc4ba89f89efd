import Fluent
import Foundation
import SQLKit
import WaymarkCore

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
        guard let uuid = UUID(uuidString: contactID), let m = try await ContactModel.find(uuid, on: db) else { return }
        // Read again inside the write, so two acknowledgements at once cannot both pass.
        try contact(m).checkCanAcknowledge()
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
