import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Participants: booking and the waiting list, attendance, enforcement and feedback.
enum BookingService {
    static func book(_ sessionID: String, personID rawPerson: String?, on req: Request) async throws -> Booking {
        let user = try req.user
        guard let personID = rawPerson, !personID.isEmpty else { throw ValidationFailure([FieldError("personId", "Select the person to book")]) }
        let file = try await SessionService.load(sessionID, for: .bookParticipants, on: req)
        let person: Person
        do { (person, _) = try await PeopleService.load(personID, for: .bookParticipants, action: nil, on: req) }
        catch let abort as AbortError where abort.status == .notFound {
            throw ValidationFailure([FieldError("personId", "Select someone on your caseload (or in your area) to book")])
        }
        guard file.session.state != .cancelled else { throw ValidationFailure([FieldError("personId", "This session is cancelled")]) }
        guard file.session.date >= req.today else { throw ValidationFailure([FieldError("personId", "This session has already happened")]) }
        if file.bookings.contains(where: { $0.personID == personID && $0.state != .cancelled }) {
            throw ValidationFailure([FieldError("personId", "\(person.details.fullName) is already booked on this session (or on its waiting list)")])
        }
        let settings = try await SettingsRepository.settings(areaID: person.details.areaID, on: req.db)
        let orders = try await OrderRepository.orders(personID: personID, on: req.db)
        let order: Order
        switch SessionOffer.order(for: file.intervention.audience, isRAR: file.intervention.isRAR, orders: orders, sessionDate: file.session.date,
                                  today: req.today, settings: settings) {
        case .success(let o): order = o
        case .failure(let failure): throw failure
        }
        if file.intervention.isRAR, order.details.rarDays != nil, let (ledger, lines) = try await RARService.ledger(for: order, person: person, today: req.today, on: req.db) {
            try RARRule.checkBooking(ledger, on: file.session.date, bookedOrCreditedDates: RARRule.bookedOrCreditedDates(lines))
        }
        // The facilitation rule's second half: nobody is booked in front of someone they must not meet.
        let facts = try await SessionService.facts(for: file.facilitators.filter { $0.response != .declined }, session: file.session, on: req.db)
        let participant = try await SessionService.participantFacts([personID], on: req.db)
        for f in facts {
            if SessionConfirmation.exclusionProblems(f, participants: participant).first != nil {
                throw ValidationFailure([FieldError("personId", "\(person.details.fullName) must not meet one of this session’s facilitators: book them on another session")])
            }
        }
        let (at, capacity) = (req.now, file.session.capacity)
        return try await SessionService.audited("session.book", recordType: "session", recordID: sessionID, personID: personID, on: req) { tx in
            // Counted inside the write, so two bookings for the last place cannot both get it.
            let current = try await SessionRepository.bookings(sessionIDs: [sessionID], on: tx)[sessionID] ?? []
            let state = BookingRule.place(capacity: capacity, booked: current.filter { $0.state == .booked }.count)
            return try await SessionRepository.book(sessionID: sessionID, personID: personID, orderID: order.id, state: state, by: user.id, at: at, on: tx)
        }
    }

    /// Cancels a booking; the first on the waiting list moves up.
    static func cancelBooking(_ sessionID: String, bookingID: String, on req: Request) async throws {
        let file = try await SessionService.load(sessionID, for: .bookParticipants, on: req)
        guard let booking = file.bookings.first(where: { $0.id == bookingID && $0.state != .cancelled }) else { throw Abort(.notFound) }
        _ = try await PeopleService.load(booking.personID, for: .bookParticipants, action: nil, on: req)
        if file.attendance(of: booking.personID) != nil { throw ValidationFailure([FieldError("bookingId", "Attendance is recorded for this booking")]) }
        let (capacity, at) = (file.session.capacity, req.now)
        let user = try req.user
        try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            try await SessionRepository.setBooking(id: bookingID, to: .cancelled, on: tx)
            let current = try await SessionRepository.bookings(sessionIDs: [sessionID], on: tx)[sessionID] ?? []
            let promoted = BookingRule.promotions(capacity: capacity, bookings: current)
            for id in promoted { try await SessionRepository.setBooking(id: id, to: .booked, on: tx) }
            let people = try await PeopleRepository.find(ids: current.filter { promoted.contains($0.id) }.map(\.personID), on: tx)
            for person in people.values {
                try await Notify.practitioner(of: person, kind: "session.placeOffered", subject: "A place on a session has come up",
                                              body: "\(person.details.firstName) has moved from the waiting list to a place on \(file.intervention.name) on \(file.session.when).",
                                              link: SitePath.session(sessionID).url, at: at, on: tx)
            }
            for id in promoted {
                effects.audit("session.promoted", "session", sessionID, person: current.first { $0.id == id }?.personID)
            }
            effects.audit("session.unbook", "session", sessionID, person: booking.personID)
        }
    }

    /// A facilitator records one participant's outcome; non-attendance and concerning behaviour tell the practitioner.
    static func recordAttendance(_ sessionID: String, personID: String?, _ draft: AttendanceDraft, on req: Request) async throws -> StoredAttendance {
        let user = try req.user
        let file = try await SessionService.load(sessionID, for: .recordAttendance, on: req)
        guard let personID, !personID.isEmpty else { throw ValidationFailure([FieldError("personId", "Say whose attendance this is")]) }
        if !FacilitationRecording.mayRecord(userID: user.id, role: user.role, facilitators: file.facilitators) {
            throw Abort(.forbidden, reason: "Only a facilitator who has accepted can record attendance")
        }
        guard file.session.state != .cancelled else { throw ValidationFailure([FieldError("personId", "This session was cancelled")]) }
        let booking = file.booked.first { $0.personID == personID }
        let record = try draft.validated(sessionDate: file.session.date, today: req.today, booked: booking != nil,
                                         alreadyRecorded: file.attendance(of: personID) != nil)
        guard let person = try await PeopleRepository.find(id: personID, on: req.db) else { throw Abort(.notFound) }
        let (at, intervention, session) = (req.now, file.intervention, file.session)
        do {
            return try await SessionService.audited("attendance.record", recordType: "session", recordID: sessionID, personID: personID,
                                                    detail: record.outcome.rawValue, on: req) { tx in
                let saved = try await AttendanceRepository.record(record, sessionID: sessionID, personID: personID, orderID: booking?.orderID,
                                                                  by: user.id, at: at, on: tx)
                let name = person.details.firstName
                if record.notifiesPractitioner {
                    let what = record.outcome.isNonCompliance ? "\(record.outcome.label.lowercased()). Please record your enforcement decision." : "\(record.outcome.label.lowercased()). The facilitator asked for you to be told."
                    try await Notify.practitioner(of: person, kind: record.outcome.isNonCompliance ? "attendance.nonCompliance" : "attendance.concern",
                                                  subject: "\(intervention.name): attendance needs your attention",
                                                  body: "\(name)’s attendance at \(intervention.name) on \(session.date.long): \(what)",
                                                  link: SitePath.enforcement.url, at: at, on: tx)
                }
                if intervention.isRAR, record.outcome.earnsCredit, let orderID = booking?.orderID {
                    try await Notify.practitioner(of: person, kind: "rar.changed", subject: "RAR days updated",
                                                  body: "\(name) attended \(intervention.name) on \(session.date.long): their RAR days have moved on.",
                                                  link: SitePath.rar(person: person.id, order: orderID).url, at: at, on: tx)
                }
                return saved
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ValidationFailure([FieldError("personId", "Attendance for this person at this session is already recorded")])
        }
    }

    static func decideEnforcement(attendanceID: String, _ draft: EnforcementDraft, version: Int, on req: Request) async throws -> StoredAttendance {
        let user = try req.user
        guard let attendance = try await AttendanceRepository.find(id: attendanceID, on: req.db) else { throw Abort(.notFound) }
        _ = try await PeopleService.load(attendance.personID, for: .recordEnforcement, action: nil, on: req)
        let (decision, notes) = try draft.validated(attendance: attendance.record, alreadyDecided: attendance.enforcement != nil)
        let today = req.today
        return try await SessionService.audited("attendance.enforcement", recordType: "attendance", recordID: attendanceID,
                                                personID: attendance.personID, detail: decision.rawValue, on: req) { tx in
            guard let saved = try await AttendanceRepository.decide(id: attendanceID, decision, notes: notes, by: user.id, on: today,
                                                                    expectedVersion: version, on: tx) else { throw Abort(.notFound) }
            return saved
        }
    }

    static func addFeedback(_ sessionID: String, _ draft: FeedbackDraft, on req: Request) async throws -> Feedback {
        let user = try req.user
        let file = try await SessionService.load(sessionID, for: .recordAttendance, on: req)
        if !FacilitationRecording.mayRecord(userID: user.id, role: user.role, facilitators: file.facilitators) {
            throw Abort(.forbidden, reason: "Only a facilitator who has accepted can enter feedback")
        }
        let feedback = try draft.validated()
        if file.session.date > req.today { throw ValidationFailure([FieldError("before", "Feedback is entered on or after the day of the session")]) }
        let at = req.now
        return try await SessionService.audited("session.feedback", recordID: sessionID, on: req) { tx in
            try await AttendanceRepository.addFeedback(feedback, sessionID: sessionID, by: user.id, at: at, on: tx)
            return feedback
        }
    }
}
