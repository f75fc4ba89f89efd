import Fluent
import Foundation
import WaymarkCore

/// Scheduled group sessions, who facilitates them, and who is booked on them.
public enum SessionRepository {
    static func session(_ m: GroupSessionModel) -> GroupSession {
        GroupSession(id: m.id!.uuidString, interventionID: m.$intervention.id.uuidString, interventionVersion: m.interventionVersion,
                     siteID: m.$site.id.uuidString, areaID: m.$area.id.uuidString, deliveryUnitID: m.$deliveryUnit.id.uuidString,
                     date: CalendarDate(iso: m.date)!, start: ClockTime(minutes: m.startMinutes)!, end: ClockTime(minutes: m.endMinutes)!,
                     capacity: m.capacity, state: SessionState(rawValue: m.state) ?? .planned, seriesID: m.seriesID?.uuidString, version: m.version)
    }

    /// One session, or a weekly series sharing a series id.
    public static func create(_ v: SessionDraft.Valid, intervention: Intervention, by userID: String, on db: any Database) async throws -> [GroupSession] {
        guard let siteUUID = UUID(uuidString: v.siteID), let site = try await SiteModel.find(siteUUID, on: db),
              let unit = try await DeliveryUnitModel.find(site.$deliveryUnit.id, on: db)
        else { throw ValidationFailure([FieldError("siteId", "Select a site from the list")]) }
        let series = v.dates.count > 1 ? UUID() : nil
        var made: [GroupSession] = []
        for date in v.dates {
            let m = GroupSessionModel()
            m.$intervention.id = UUID(uuidString: intervention.id)!
            m.interventionVersion = intervention.currentVersion
            m.$site.id = siteUUID
            m.$area.id = unit.$area.id
            m.$deliveryUnit.id = unit.id!
            m.date = date.iso
            m.startMinutes = v.start.minutes
            m.endMinutes = v.end.minutes
            m.capacity = v.capacity
            m.state = SessionState.planned.rawValue
            m.seriesID = series
            m.createdByID = UUID(uuidString: userID)!
            m.version = 1
            try await m.create(on: db)
            made.append(session(m))
        }
        return made
    }

    public static func find(id: String, on db: any Database) async throws -> GroupSession? {
        guard let uuid = UUID(uuidString: id), let m = try await GroupSessionModel.find(uuid, on: db) else { return nil }
        return session(m)
    }

    public static func find(ids: [String], on db: any Database) async throws -> [String: GroupSession] {
        let uuids = Array(Set(ids.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await GroupSessionModel.query(on: db).filter(\.$id ~~ uuids).all().map { ($0.id!.uuidString, session($0)) })
    }

    /// Sessions in these areas (or at one site) from a date, in date and time order.
    public static func list(areas: Set<String>?, siteID: String? = nil, from: CalendarDate, through: CalendarDate? = nil, limit: Int = 200,
                            on db: any Database) async throws -> [GroupSession] {
        let query = GroupSessionModel.query(on: db).filter(\.$date >= from.iso)
        if let through { query.filter(\.$date <= through.iso) }
        if let areas { query.filter(\.$area.$id ~~ areas.compactMap(UUID.init(uuidString:))) }
        if let siteID { query.filter(\.$site.$id == UUID(uuidString: siteID) ?? UUID()) }
        return try await query.sort(\.$date).sort(\.$startMinutes).sort(\.$id).limit(limit).all().map(session)
    }

    /// Sessions a user is asked to facilitate (as staff, or as a mentor through their sign-in), not declined.
    public static func facilitatedBy(userID: String, from: CalendarDate, on db: any Database) async throws -> [GroupSession] {
        guard let uuid = UUID(uuidString: userID) else { return [] }
        let ids = try await SessionFacilitatorModel.query(on: db).filter(\.$userID == uuid)
            .filter(\.$response != FacilitatorResponse.declined.rawValue).all().map { $0.$session.id }
        guard !ids.isEmpty else { return [] }
        return try await GroupSessionModel.query(on: db).filter(\.$id ~~ ids).filter(\.$date >= from.iso)
            .sort(\.$date).sort(\.$startMinutes).all().map(session)
    }

    public static func setState(id: String, to state: SessionState, expectedVersion: Int, on db: any Database) async throws -> GroupSession? {
        guard let uuid = UUID(uuidString: id), let m = try await GroupSessionModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        m.state = state.rawValue
        m.version += 1
        try await m.save(on: db)
        return session(m)
    }

    // MARK: Facilitators

    static func facilitator(_ m: SessionFacilitatorModel) -> Facilitator {
        Facilitator(id: m.id!.uuidString, sessionID: m.$session.id.uuidString, mentorID: m.mentorID?.uuidString, userID: m.userID?.uuidString,
                    response: FacilitatorResponse(rawValue: m.response) ?? .requested, version: m.version)
    }

    public static func facilitators(sessionIDs: [String], on db: any Database) async throws -> [String: [Facilitator]] {
        let uuids = Array(Set(sessionIDs.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(grouping: try await SessionFacilitatorModel.query(on: db).filter(\.$session.$id ~~ uuids).all().map(facilitator),
                          by: \.sessionID)
    }

    public static func findFacilitator(id: String, on db: any Database) async throws -> Facilitator? {
        guard let uuid = UUID(uuidString: id), let m = try await SessionFacilitatorModel.find(uuid, on: db) else { return nil }
        return facilitator(m)
    }

    public static func addFacilitator(sessionID: String, mentorID: String?, userID: String?, on db: any Database) async throws -> Facilitator {
        let m = SessionFacilitatorModel()
        m.$session.id = UUID(uuidString: sessionID)!
        m.mentorID = mentorID.flatMap(UUID.init(uuidString:))
        m.userID = userID.flatMap(UUID.init(uuidString:))
        m.response = FacilitatorResponse.requested.rawValue
        m.version = 1
        try await m.create(on: db)
        return facilitator(m)
    }

    public static func respond(facilitatorID: String, _ response: FacilitatorResponse, expectedVersion: Int, on db: any Database) async throws -> Facilitator? {
        guard let uuid = UUID(uuidString: facilitatorID), let m = try await SessionFacilitatorModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: m.version, submitted: expectedVersion)
        m.response = response.rawValue
        m.version += 1
        try await m.save(on: db)
        return facilitator(m)
    }

    /// Other sessions on a date that these mentors or users are asked to facilitate (not declined), for double-booking.
    public static func facilitatedOn(_ date: CalendarDate, mentorIDs: [String], userIDs: [String], on db: any Database)
        async throws -> (byMentor: [String: [GroupSession]], byUser: [String: [GroupSession]]) {
        let mentors = mentorIDs.compactMap(UUID.init(uuidString:)), users = userIDs.compactMap(UUID.init(uuidString:))
        guard !mentors.isEmpty || !users.isEmpty else { return ([:], [:]) }
        let sessions = try await GroupSessionModel.query(on: db).filter(\.$date == date.iso)
            .filter(\.$state != SessionState.cancelled.rawValue).all().map(session)
        guard !sessions.isEmpty else { return ([:], [:]) }
        let rows = try await SessionFacilitatorModel.query(on: db).filter(\.$session.$id ~~ sessions.compactMap { UUID(uuidString: $0.id) })
            .filter(\.$response != FacilitatorResponse.declined.rawValue).all().map(facilitator)
        let byID = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id, $0) })
        var byMentor: [String: [GroupSession]] = [:], byUser: [String: [GroupSession]] = [:]
        for f in rows {
            guard let s = byID[f.sessionID] else { continue }
            if let m = f.mentorID, mentors.contains(UUID(uuidString: m)!) { byMentor[m, default: []].append(s) }
            if let u = f.userID, users.contains(UUID(uuidString: u)!) { byUser[u, default: []].append(s) }
        }
        return (byMentor, byUser)
    }

    // MARK: Bookings

    static func booking(_ m: SessionBookingModel) -> Booking {
        Booking(id: m.id!.uuidString, sessionID: m.$session.id.uuidString, personID: m.$person.id.uuidString, orderID: m.orderID?.uuidString,
                state: BookingState(rawValue: m.state) ?? .booked, bookedAt: m.bookedAt, bookedByID: m.bookedByID.uuidString, version: m.version)
    }

    public static func bookings(sessionIDs: [String], on db: any Database) async throws -> [String: [Booking]] {
        let uuids = Array(Set(sessionIDs.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(grouping: try await SessionBookingModel.query(on: db).filter(\.$session.$id ~~ uuids).sort(\.$bookedAt).all().map(booking),
                          by: \.sessionID)
    }

    public static func findBooking(id: String, on db: any Database) async throws -> Booking? {
        guard let uuid = UUID(uuidString: id), let m = try await SessionBookingModel.find(uuid, on: db) else { return nil }
        return booking(m)
    }

    public static func book(sessionID: String, personID: String, orderID: String?, state: BookingState, by userID: String, at: Date,
                            on db: any Database) async throws -> Booking {
        let m = SessionBookingModel()
        m.$session.id = UUID(uuidString: sessionID)!
        m.$person.id = UUID(uuidString: personID)!
        m.orderID = orderID.flatMap(UUID.init(uuidString:))
        m.state = state.rawValue
        m.bookedAt = at
        m.bookedByID = UUID(uuidString: userID)!
        m.version = 1
        try await m.create(on: db)
        return booking(m)
    }

    public static func setBooking(id: String, to state: BookingState, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: id), let m = try await SessionBookingModel.find(uuid, on: db) else { return }
        m.state = state.rawValue
        m.version += 1
        try await m.save(on: db)
    }

    /// Bookings counting towards these orders (not cancelled), with their sessions: the RAR ledger's scheduled activities.
    public static func bookings(orderIDs: [String], on db: any Database) async throws -> [(Booking, GroupSession)] {
        let uuids = orderIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        let rows = try await SessionBookingModel.query(on: db).filter(\.$orderID ~~ uuids).filter(\.$state == BookingState.booked.rawValue).all().map(booking)
        let sessions = try await find(ids: rows.map(\.sessionID), on: db)
        return rows.compactMap { b in sessions[b.sessionID].map { (b, $0) } }
    }
}
