import Foundation
import Testing
@testable import WaymarkCore

@Suite("Booking places and the waiting list")
struct BookingTests {
    static func booking(_ id: String, _ state: BookingState, after seconds: TimeInterval) -> Booking {
        Booking(id: id, sessionID: "s1", personID: "p-\(id)", orderID: nil, state: state, bookedAt: Fixture.now.addingTimeInterval(seconds),
                bookedByID: "coord-1", version: 1)
    }

    @Test("A booking takes a place while there is one, otherwise joins the waiting list", arguments: [
        (12, 0, BookingState.booked), (12, 11, .booked), (12, 12, .waitingList), (12, 13, .waitingList), (1, 0, .booked), (0, 0, .waitingList),
    ])
    func place(capacity: Int, booked: Int, expected: BookingState) {
        #expect(BookingRule.place(capacity: capacity, booked: booked) == expected)
    }

    /// Two booked, one cancelled, four waiting: w0 and w1 joined at the same moment (w0 first by id),
    /// then w2, then w3; they are listed out of order on purpose.
    static let bookings = [
        booking("b1", .booked, after: 0), booking("b2", .booked, after: 1), booking("c1", .cancelled, after: 2),
        booking("w3", .waitingList, after: 50), booking("w1", .waitingList, after: 10), booking("w2", .waitingList, after: 30),
        booking("w0", .waitingList, after: 10),
    ]

    @Test("The waiting list moves up first come, first served, only into free places", arguments: [
        (1, [String]()), (2, []), (3, ["w0"]), (4, ["w0", "w1"]), (5, ["w0", "w1", "w2"]), (6, ["w0", "w1", "w2", "w3"]),
        (20, ["w0", "w1", "w2", "w3"]),
    ])
    func promotions(capacity: Int, expected: [String]) {
        #expect(BookingRule.promotions(capacity: capacity, bookings: Self.bookings) == expected)
    }

    @Test("Cancelled bookings neither take a place nor move up")
    func cancelledIgnored() {
        let bookings = [Self.booking("c1", .cancelled, after: 0), Self.booking("c2", .cancelled, after: 1), Self.booking("w1", .waitingList, after: 2)]
        #expect(BookingRule.promotions(capacity: 1, bookings: bookings) == ["w1"])
    }

    @Test("No one waiting, no promotions")
    func nobodyWaiting() {
        #expect(BookingRule.promotions(capacity: 10, bookings: [Self.booking("b1", .booked, after: 0)]).isEmpty)
    }
}

@Suite("Who is offered a place")
struct SessionOfferTests {
    static let sessionDate = ymd("2026-11-30")

    static func order(_ id: String, _ outcome: OrderOutcome = .active, start: String, end: String, actualEnd: String? = nil,
                      rar: Int? = nil) -> Order {
        Order(id: id, personID: "p1",
              details: OrderDetails(type: .communityOrder, startDate: ymd(start), expectedEndDate: ymd(end), actualEndDate: actualEnd.map { ymd($0) },
                                    outcome: outcome, requirements: rar == nil ? [] : [.rehabilitationActivity], rarDays: rar),
              version: 1)
    }

    static func offer(_ audience: InterventionAudience, isRAR: Bool = false, _ orders: [Order],
                      settings: ProgrammeSettings = .standard) -> Result<Order, ValidationFailure> {
        SessionOffer.order(for: audience, isRAR: isRAR, orders: orders, sessionDate: sessionDate, today: Fixture.today, settings: settings)
    }

    static func chosen(_ result: Result<Order, ValidationFailure>) -> String? {
        if case .success(let order) = result { return order.id }
        return nil
    }

    static func refusal(_ result: Result<Order, ValidationFailure>) -> String? {
        if case .failure(let failure) = result {
            #expect(failure.fields == ["personId"])
            return failure.message(for: "personId")
        }
        return nil
    }

    // MARK: Current order

    static let plain = order("plain", start: "2026-01-05", end: "2027-12-31")
    static let withRAR = order("rar", start: "2026-03-02", end: "2027-06-30", rar: 20)

    @Test("A RAR session prefers the order with a RAR, wherever it is in the list")
    func prefersRAR() {
        #expect(Self.chosen(Self.offer(.currentOrder, isRAR: true, [Self.plain, Self.withRAR])) == "rar")
        #expect(Self.chosen(Self.offer(.currentOrder, isRAR: true, [Self.withRAR, Self.plain])) == "rar")
    }

    @Test("Another session takes the first current order")
    func firstCurrent() {
        #expect(Self.chosen(Self.offer(.currentOrder, isRAR: false, [Self.plain, Self.withRAR])) == "plain")
    }

    @Test("A RAR session with no RAR order still takes a current order")
    func rarSessionWithoutRAR() {
        #expect(Self.chosen(Self.offer(.currentOrder, isRAR: true, [Self.plain])) == "plain")
    }

    @Test("The order must be active on the day of the session, inclusive of its ends", arguments: [
        ("2026-11-30", "2027-01-31", true), ("2026-01-01", "2026-11-30", true),
        ("2026-12-01", "2027-01-31", false), ("2026-01-01", "2026-11-29", false),
    ])
    func activeOnTheDay(start: String, end: String, offered: Bool) {
        let result = Self.offer(.currentOrder, isRAR: true, [Self.order("o", start: start, end: end, rar: 10)])
        if offered {
            #expect(Self.chosen(result) == "o")
        } else {
            #expect(Self.refusal(result) == "They have no order or licence that is active on the day of the session")
        }
    }

    @Test("An order that has ended is not current, even within its dates",
          arguments: [OrderOutcome.completed, .terminatedEarly, .revokedForBreach, .transferred])
    func endedOrders(outcome: OrderOutcome) {
        let ended = Self.order("o", outcome, start: "2026-01-05", end: "2027-12-31", actualEnd: "2026-11-20", rar: 20)
        #expect(Self.refusal(Self.offer(.currentOrder, isRAR: true, [ended])) == "They have no order or licence that is active on the day of the session")
        #expect(Self.chosen(Self.offer(.currentOrder, isRAR: true, [ended, Self.plain])) == "plain")
    }

    // MARK: Recently sentenced

    /// The window is counted back from the day of the session (30 November 2026), not the day of booking.
    @Test("A first appointment is for orders that started in the 28 days before the session", arguments: [
        ("2026-11-23", true), ("2026-11-02", true), ("2026-11-24", true), ("2026-11-30", true),
        ("2026-11-01", false), ("2026-10-26", false), ("2026-12-01", false), ("2026-01-05", false),
    ])
    func firstAppointment(start: String, offered: Bool) {
        #expect(ProgrammeSettings.standard.firstAppointmentWithinDays == 28)
        let result = Self.offer(.recentlySentenced, [Self.order("o", start: start, end: "2027-12-31")])
        if offered {
            #expect(Self.chosen(result) == "o")
        } else {
            #expect(Self.refusal(result)
                    == "Group first appointments are for people whose order or licence started in the 28 days before the session (from 2 November 2026)")
        }
    }

    @Test("The first appointment window is a setting")
    func firstAppointmentSetting() {
        let settings = ProgrammeSettings(firstAppointmentWithinDays: 60)
        #expect(Self.chosen(Self.offer(.recentlySentenced, [Self.order("o", start: "2026-10-25", end: "2027-12-31")], settings: settings)) == "o")
        #expect(Self.refusal(Self.offer(.recentlySentenced, [Self.order("o", start: "2026-09-23", end: "2027-12-31")], settings: settings))
                == "Group first appointments are for people whose order or licence started in the 60 days before the session (from 1 October 2026)")
    }

    @Test("A recent order that has already ended is not offered a first appointment")
    func firstAppointmentEnded() {
        let ended = Self.order("o", .terminatedEarly, start: "2026-11-02", end: "2027-11-01", actualEnd: "2026-11-20")
        #expect(!FirstAppointmentRule.isOffered(ended, today: Fixture.today, settings: .standard))
        #expect(Self.chosen(Self.offer(.recentlySentenced, [ended, Self.order("new", start: "2026-11-16", end: "2027-11-15")])) == "new")
    }

    // MARK: Completed (New Start)

    /// Who is on the invitation list is counted back from today; a booking, from the day of the
    /// ceremony (30 November 2026): completed on or after 30 August, and not after today.
    @Test("New Start invites orders completed in the last 3 months", arguments: [
        ("2026-11-23", true, true),    // today
        ("2026-09-23", true, true),    // 2 months ago
        ("2026-08-30", true, true),    // exactly 3 months before the ceremony
        ("2026-08-23", true, false),   // exactly 3 months ago, but more than 3 before the ceremony
        ("2026-08-22", false, false),  // a day more
        ("2026-07-23", false, false),  // 4 months ago
    ])
    func newStart(ended: String, invited: Bool, bookable: Bool) {
        #expect(ProgrammeSettings.standard.newStartWithinMonths == 3)
        let order = Self.order("o", .completed, start: "2025-01-06", end: "2026-12-31", actualEnd: ended)
        #expect(NewStartRule.isInvited(order, today: Fixture.today, settings: .standard) == invited)
        let result = Self.offer(.completed, [order])
        if bookable {
            #expect(Self.chosen(result) == "o")
        } else {
            #expect(Self.refusal(result) == "New Start ceremonies are for people whose order or licence was completed in the last 3 months")
        }
    }

    @Test("Only a completed order is celebrated", arguments: [OrderOutcome.terminatedEarly, .revokedForBreach, .transferred])
    func notCompleted(outcome: OrderOutcome) {
        let order = Self.order("o", outcome, start: "2025-01-06", end: "2026-12-31", actualEnd: "2026-10-01")
        #expect(!NewStartRule.isInvited(order, today: Fixture.today, settings: .standard))
        #expect(Self.refusal(Self.offer(.completed, [order])) != nil)
    }

    @Test("An active order, or a completed one without an end date, is not invited")
    func activeNotInvited() {
        #expect(!NewStartRule.isInvited(Self.plain, today: Fixture.today, settings: .standard))
        let noEnd = Self.order("o", .completed, start: "2025-01-06", end: "2026-10-01")
        #expect(!NewStartRule.isInvited(noEnd, today: Fixture.today, settings: .standard))
    }

    @Test("The New Start window is a setting")
    func newStartSetting() {
        let order = Self.order("o", .completed, start: "2025-01-06", end: "2026-12-31", actualEnd: "2026-07-23")
        let settings = ProgrammeSettings(newStartWithinMonths: 6)
        #expect(Self.chosen(Self.offer(.completed, [order], settings: settings)) == "o")
        #expect(Self.refusal(Self.offer(.completed, [order], settings: ProgrammeSettings(newStartWithinMonths: 2)))
                == "New Start ceremonies are for people whose order or licence was completed in the last 2 months")
    }

    @Test("The completed order is found among others")
    func completedAmongOthers() {
        let early = Self.order("early", .terminatedEarly, start: "2025-01-06", end: "2026-12-31", actualEnd: "2026-10-01")
        let done = Self.order("done", .completed, start: "2024-01-08", end: "2026-10-15", actualEnd: "2026-10-15")
        #expect(Self.chosen(Self.offer(.completed, [early, Self.plain, done])) == "done")
    }

    @Test("There is support information to hand out")
    func supportInformation() {
        #expect(NewStartRule.supportInformation.count == 6)
        #expect(NewStartRule.supportInformation.allSatisfy { $0.hasSuffix(".") })
    }
}

@Suite("Feedback and uplift")
struct FeedbackTests {
    static func failure(_ before: String?, _ after: String?, comment: String? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try FeedbackDraft(before: before, after: after, comment: comment).validated() }
    }

    @Test("Scores from 1 to 5 are accepted, with an optional trimmed comment", arguments: [
        ("2", "4", String?.some("  Felt listened to "), 2, 4, String?.some("Felt listened to"), 2),
        (" 5 ", "1", nil, 5, 1, nil, -4),
        ("3", "3", "   ", 3, 3, nil, 0),
        ("1", "5", "Line one\nLine two", 1, 5, "Line one\nLine two", 4),
    ])
    func valid(before: String, after: String, comment: String?, b: Int, a: Int, kept: String?, uplift: Int) throws {
        let feedback = try FeedbackDraft(before: before, after: after, comment: comment).validated()
        #expect(feedback == Feedback(before: b, after: a, comment: kept))
        #expect(feedback.uplift == uplift)
    }

    @Test("A before score outside 1 to 5 is refused", arguments: ["0", "6", "x", "-1", "+3", "3.5", "10", "٣"])
    func badBefore(score: String) {
        let failure = Self.failure(score, "3")
        #expect(failure.fields == ["before"])
        #expect(failure.message(for: "before") == "Score before the session must be from 1 to 5")
    }

    @Test("An after score outside 1 to 5 is refused", arguments: ["0", "6", "x"])
    func badAfter(score: String) {
        let failure = Self.failure("3", score)
        #expect(failure.fields == ["after"])
        #expect(failure.message(for: "after") == "Score after the session must be from 1 to 5")
    }

    @Test("Missing scores are asked for", arguments: [nil, "", "  "] as [String?])
    func missing(score: String?) {
        let failure = Self.failure(score, score)
        #expect(failure.fields == ["before", "after"])
        #expect(failure.message(for: "before") == "Select a score before the session")
        #expect(failure.message(for: "after") == "Select a score after the session")
    }

    @Test("A comment may be up to 1000 characters")
    func commentLimit() throws {
        #expect(try FeedbackDraft(before: "3", after: "4", comment: String(repeating: "a", count: 1000)).validated().comment?.count == 1000)
        let failure = Self.failure("3", "4", comment: String(repeating: "a", count: 1001))
        #expect(failure.fields == ["comment"])
        #expect(failure.message(for: "comment") == "Comment must be 1000 characters or fewer")
    }

    // MARK: Uplift

    @Test("No feedback, no figure")
    func emptyFigure() {
        #expect(FeedbackUplift.figure(key: "x", []) == nil)
    }

    @Test("The figure is the mean of after minus before, with the means of each")
    func figure() {
        // Uplifts 2, 0, 3, −1: mean 1. Before 2, 3, 1, 4: mean 2.5. After 4, 3, 4, 3: mean 3.5.
        let feedback = [Feedback(before: 2, after: 4, comment: nil), Feedback(before: 3, after: 3, comment: nil),
                        Feedback(before: 1, after: 4, comment: nil), Feedback(before: 4, after: 3, comment: "Tired")]
        #expect(FeedbackUplift.figure(key: "s1", feedback)
                == UpliftFigure(key: "s1", responses: 4, meanUplift: 1.0, meanBefore: 2.5, meanAfter: 3.5))
    }

    @Test("A negative mean is kept negative")
    func negative() {
        let figure = FeedbackUplift.figure(key: "k", [Feedback(before: 5, after: 4, comment: nil), Feedback(before: 4, after: 2, comment: nil)])
        #expect(figure?.meanUplift == -1.5)
    }

    @Test("Grouped figures come largest group first, then by key")
    func grouped() {
        let items: [(String, Feedback)] = [
            ("Colchester", Feedback(before: 2, after: 4, comment: nil)),
            ("Chelmsford", Feedback(before: 3, after: 2, comment: nil)),
            ("Basildon", Feedback(before: 1, after: 3, comment: nil)),
            ("Colchester", Feedback(before: 2, after: 5, comment: nil)),
            ("Basildon", Feedback(before: 2, after: 3, comment: nil)),
            ("Basildon", Feedback(before: 3, after: 3, comment: nil)),
            ("Colchester", Feedback(before: 1, after: 1, comment: nil)),
        ]
        let figures = FeedbackUplift.by(items, key: { $0.0 }, feedback: { $0.1 })
        #expect(figures.map(\.key) == ["Basildon", "Colchester", "Chelmsford"])
        #expect(figures.map(\.responses) == [3, 3, 1])
        // Basildon: 2, 1, 0. Colchester: 2, 3, 0. Chelmsford: −1.
        #expect(figures.map(\.meanUplift) == [1.0, 5.0 / 3.0, -1.0])
        #expect(figures[0].meanBefore == 2.0)
        #expect(figures[0].meanAfter == 3.0)
    }

    @Test("Uplift is written with its sign in words' place, never by colour alone", arguments: [
        (1.25, "+1.25"), (-0.5, "−0.50"), (0.0, "0.00"), (-0.0, "0.00"), (2.0 / 3.0, "+0.67"), (-1.0 / 3.0, "−0.33"),
        (4.0, "+4.00"), (-4.0, "−4.00"), (0.01, "+0.01"), (-0.01, "−0.01"), (0.004, "0.00"), (-0.004, "0.00"),
        // 1 in 201 responses: 0.004975 rounds to 0.00, so it must not be shown as a rise or a fall.
        (1.0 / 201.0, "0.00"), (-1.0 / 201.0, "0.00"),
    ])
    func formatted(value: Double, text: String) {
        #expect(FeedbackUplift.formatted(value) == text)
    }

    @Test("The question is the design's")
    func question() {
        #expect(FeedbackDraft.question == "How hopeful do you feel about the future?")
    }
}

@Suite("Calendar feed")
struct ICalendarTests {
    static func event(_ uid: String = "session-1@waymark", on iso: String = "2026-11-30", _ start: String = "10:00", _ end: String = "12:00",
                      summary: String = "Transition and Hope", location: String = "Chelmsford", cancelled: Bool = false) -> CalendarEvent {
        CalendarEvent(uid: uid, date: ymd(iso), start: SessionFixture.time(start), end: SessionFixture.time(end), summary: summary,
                      location: location, cancelled: cancelled)
    }

    /// The feed split into physical lines at CRLF, as octets. Records an issue for a bare CR or LF.
    static func physicalLines(_ feed: String, sourceLocation: SourceLocation = #_sourceLocation) -> [[UInt8]] {
        let bytes = Array(feed.utf8)
        var lines: [[UInt8]] = [], current: [UInt8] = [], i = 0
        while i < bytes.count {
            if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                lines.append(current)
                current = []
                i += 2
                continue
            }
            if bytes[i] == 13 || bytes[i] == 10 {
                Issue.record("Bare CR or LF at octet \(i)", sourceLocation: sourceLocation)
            }
            current.append(bytes[i])
            i += 1
        }
        if !current.isEmpty { Issue.record("The feed does not end with CRLF", sourceLocation: sourceLocation) }
        return lines
    }

    @Test("A feed with one event, exactly")
    func oneEvent() {
        let feed = ICalendar.feed(name: "Sessions", events: [Self.event()], stamp: Fixture.now)
        #expect(feed == [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Waymark//Peer mentoring sessions//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Sessions",
            "BEGIN:VEVENT",
            "UID:session-1@waymark",
            "DTSTAMP:20261123T090000Z",
            "DTSTART:20261130T100000",
            "DTEND:20261130T120000",
            "SUMMARY:Transition and Hope",
            "LOCATION:Chelmsford",
            "STATUS:CONFIRMED",
            "END:VEVENT",
            "END:VCALENDAR",
        ].joined(separator: "\r\n") + "\r\n")
    }

    @Test("Every line ends with CRLF, and none is bare")
    func crlf() {
        let feed = ICalendar.feed(name: "Sessions", events: [Self.event(), Self.event("session-2@waymark", on: "2027-01-04", "09:05", "10:35")],
                                  stamp: Fixture.now)
        let lines = Self.physicalLines(feed)
        #expect(lines.count == 6 + 9 * 2 + 1)
        #expect(feed.utf8.suffix(2).elementsEqual([13, 10]))
        #expect(lines.contains(Array("DTSTART:20270104T090500".utf8)))
        #expect(lines.contains(Array("DTEND:20270104T103500".utf8)))
    }

    @Test("An empty feed is still a calendar")
    func empty() {
        let feed = ICalendar.feed(name: "Sessions", events: [], stamp: Fixture.now)
        #expect(Self.physicalLines(feed).count == 7)
        #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(feed.hasSuffix("X-WR-CALNAME:Sessions\r\nEND:VCALENDAR\r\n"))
    }

    @Test("A cancelled session is published as cancelled")
    func cancelled() {
        let feed = ICalendar.feed(name: "Sessions", events: [Self.event(cancelled: true)], stamp: Fixture.now)
        #expect(feed.contains("\r\nSTATUS:CANCELLED\r\n"))
        #expect(!feed.contains("STATUS:CONFIRMED"))
    }

    @Test("Text values escape backslashes, semicolons, commas and newlines", arguments: [
        ("Room 2, Floor 1; Chelmsford", "Room 2\\, Floor 1\\; Chelmsford"),
        ("C:\\temp", "C:\\\\temp"),
        ("Line one\nLine two", "Line one\\nLine two"),
        ("Line one\r\nLine two", "Line one\\nLine two"),
        ("\\,", "\\\\\\,"),
        ("Plain", "Plain"),
    ])
    func escape(raw: String, escaped: String) {
        #expect(ICalendar.escape(raw) == escaped)
    }

    @Test("Summary, location and the calendar's name are escaped in the feed")
    func escapedInFeed() {
        let feed = ICalendar.feed(name: "Waymark, Essex; sessions",
                                  events: [Self.event(summary: "Transition and Hope, week 1; room 2", location: "1 High St,\nChelmsford")],
                                  stamp: Fixture.now)
        #expect(feed.contains("\r\nX-WR-CALNAME:Waymark\\, Essex\\; sessions\r\n"))
        #expect(feed.contains("\r\nSUMMARY:Transition and Hope\\, week 1\\; room 2\r\n"))
        #expect(feed.contains("\r\nLOCATION:1 High St\\,\\nChelmsford\r\n"))
    }

    @Test("Lines of up to 75 octets are left alone", arguments: [1, 74, 75])
    func shortLines(length: Int) {
        let line = String(repeating: "a", count: length)
        #expect(ICalendar.fold(line) == line)
    }

    @Test("Longer lines are folded at 75 octets with CRLF and a space")
    func foldAscii() {
        let line = String(repeating: "a", count: 76)
        #expect(ICalendar.fold(line) == String(repeating: "a", count: 75) + "\r\n a")
        let long = String(repeating: "b", count: 200)
        // 75, then 74 after the space, then the last 51.
        #expect(ICalendar.fold(long) == String(repeating: "b", count: 75) + "\r\n " + String(repeating: "b", count: 74) + "\r\n "
                + String(repeating: "b", count: 51))
    }

    @Test("A long summary is folded in the feed, and unfolds to the original")
    func foldInFeed() {
        let summary = String(repeating: "a", count: 100)
        let feed = ICalendar.feed(name: "Sessions", events: [Self.event(summary: summary)], stamp: Fixture.now)
        let lines = Self.physicalLines(feed)
        #expect(lines.allSatisfy { $0.count <= 75 })
        #expect(lines.contains(Array(("SUMMARY:" + String(repeating: "a", count: 67)).utf8)))
        #expect(lines.contains(Array((" " + String(repeating: "a", count: 33)).utf8)))
        #expect(feed.replacingOccurrences(of: "\r\n ", with: "").contains("\r\nSUMMARY:\(summary)\r\n"))
    }

    @Test("Folding counts octets and never splits a character")
    func foldMultibyte() {
        // "SUMMARY:" is 8 octets; each é is 2. 33 fit on the first line (74 octets), 37 after the space (75), then 30 (61).
        let line = "SUMMARY:" + String(repeating: "\u{E9}", count: 100)
        let folded = ICalendar.fold(line)
        let lines = Self.physicalLines(folded + "\r\n")
        #expect(lines.map(\.count) == [74, 75, 61])
        #expect(lines.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    }
}

@Suite("Who reaches a group session")
struct SessionPolicyTests {
    static let capabilities: [Capability] = [
        .viewInterventions, .manageInterventions, .viewSessions, .scheduleSessions, .bookParticipants, .respondToFacilitation,
        .recordAttendance, .recordEnforcement, .viewCalendar,
    ]

    /// Written from DESIGN.md ("Roles and access"): coordinators run sessions in their areas;
    /// practitioners see and book for their area and facilitate first appointments, and alone
    /// decide enforcement; staff facilitators and mentors reach only sessions they facilitate, and
    /// only staff record attendance; commissioners and administrators reach none.
    /// A = own areas, C = own areas or as facilitator, O = as facilitator only, - = never.
    static let expected: [Role: String] = [
        //                  vInt mInt vSes sched book respond attend enforce cal
        .administrator:    "-    -    -    -     -    -       -      -       -",
        .coordinator:      "A    A    A    A     A    A       A      -       O",
        .practitioner:     "C    -    C    -     C    O       O      C       O",
        .staffFacilitator: "O    -    O    -     -    O       O      -       O",
        .mentor:           "O    -    O    -     -    O       -      -       O",
        .commissioner:     "-    -    -    -     -    -       -      -       -",
    ]

    static func code(_ role: Role, _ capability: Capability) -> String {
        let cells = Self.expected[role]!.split(separator: " ", omittingEmptySubsequences: true)
        return String(cells[Self.capabilities.firstIndex(of: capability)!])
    }

    /// The actor works in Essex; sessions are in Essex or in another area, with or without them facilitating.
    static func reaches(_ role: Role, _ capability: Capability, inArea: Bool, facilitating: Bool) -> Bool {
        let actor = WaymarkCore.Actor(userID: "user-1", role: role, areaIDs: ["essex"])
        let session = SessionScope(areaID: inArea ? "essex" : "swm", facilitatorUserIDs: facilitating ? ["user-1", "user-2"] : ["user-2"])
        return Policy.reaches(actor, session, for: capability)
    }

    /// The capabilities that act on one session. The others are about interventions, a person's
    /// attendance record or the user's own calendar, and never reach a session through `reaches`.
    static let actOnASession: Set<Capability> = [.viewSessions, .scheduleSessions, .bookParticipants, .respondToFacilitation, .recordAttendance]

    @Test("Only the capabilities that act on one session reach it")
    func sessionCapabilities() {
        #expect(Policy.sessionCapabilities == Self.actOnASession)
    }

    @Test("Each role has the scope the design says for the new capabilities", arguments: Role.allCases, SessionPolicyTests.capabilities)
    func scopes(role: Role, capability: Capability) {
        let expected: Scope? = switch Self.code(role, capability) {
        case "A": .ownAreas
        case "C": .caseload
        case "O": .own
        default: nil
        }
        #expect(Policy.scope(of: role, for: capability) == expected)
    }

    @Test("Each role reaches sessions as the design says", arguments: Role.allCases, SessionPolicyTests.capabilities)
    func matrix(role: Role, capability: Capability) {
        let code = Self.actOnASession.contains(capability) ? Self.code(role, capability) : "-"
        for inArea in [true, false] {
            for facilitating in [true, false] {
                let expected = switch code {
                case "A": inArea
                case "C": inArea || facilitating
                case "O": facilitating
                default: false
                }
                #expect(Self.reaches(role, capability, inArea: inArea, facilitating: facilitating) == expected,
                        "\(role) \(capability) inArea=\(inArea) facilitating=\(facilitating)")
            }
        }
    }

    @Test("Home and areas, which every role has everywhere, say nothing about sessions", arguments: Role.allCases)
    func notSessionCapabilities(role: Role) {
        for capability in [Capability.viewHome, .viewAreas] {
            #expect(!Self.reaches(role, capability, inArea: true, facilitating: true))
        }
    }

    @Test("A coordinator reaches sessions in their areas only, facilitating or not")
    func coordinator() {
        #expect(Self.reaches(.coordinator, .scheduleSessions, inArea: true, facilitating: false))
        #expect(!Self.reaches(.coordinator, .scheduleSessions, inArea: false, facilitating: true))
        let twoAreas = WaymarkCore.Actor(userID: "c2", role: .coordinator, areaIDs: ["essex", "swm"])
        #expect(Policy.reaches(twoAreas, SessionScope(areaID: "swm", facilitatorUserIDs: []), for: .viewSessions))
        #expect(!Policy.reaches(twoAreas, SessionScope(areaID: "dlnr", facilitatorUserIDs: []), for: .viewSessions))
    }

    @Test("Staff facilitators and mentors reach a session only when asked to facilitate it", arguments: [Role.staffFacilitator, .mentor])
    func facilitators(role: Role) {
        #expect(Self.reaches(role, .viewSessions, inArea: false, facilitating: true))
        #expect(!Self.reaches(role, .viewSessions, inArea: true, facilitating: false))
        #expect(!Self.reaches(role, .scheduleSessions, inArea: true, facilitating: true))
        #expect(!Self.reaches(role, .bookParticipants, inArea: true, facilitating: true))
    }

    @Test("Only staff facilitators, of the two, record attendance")
    func attendance() {
        #expect(Self.reaches(.staffFacilitator, .recordAttendance, inArea: false, facilitating: true))
        #expect(!Self.reaches(.mentor, .recordAttendance, inArea: true, facilitating: true))
    }

    @Test("A practitioner reaches by area or as a facilitator")
    func practitioner() {
        #expect(Self.reaches(.practitioner, .bookParticipants, inArea: true, facilitating: false))
        #expect(Self.reaches(.practitioner, .viewSessions, inArea: false, facilitating: true))
        #expect(!Self.reaches(.practitioner, .viewSessions, inArea: false, facilitating: false))
        #expect(!Self.reaches(.practitioner, .recordAttendance, inArea: true, facilitating: false))
        #expect(Self.reaches(.practitioner, .recordAttendance, inArea: false, facilitating: true))
    }

    @Test("Commissioners and administrators never reach a session", arguments: [Role.commissioner, .administrator], SessionPolicyTests.capabilities)
    func neverReach(role: Role, capability: Capability) {
        for inArea in [true, false] {
            for facilitating in [true, false] {
                #expect(!Self.reaches(role, capability, inArea: inArea, facilitating: facilitating))
            }
        }
    }

    @Test("A commissioner has no session capability at all", arguments: Capability.allCases)
    func commissioner(capability: Capability) {
        // Only home, the list of areas, aggregate reports and their own account, none of which are about sessions.
        #expect(Policy.permits(.commissioner, capability) == [.viewHome, .viewAreas, .viewReports, .manageOwnAccount].contains(capability))
    }

    @Test("A facilitator who has declined is not in the session's scope")
    func declined() {
        let mentor = WaymarkCore.Actor(userID: "m-1", role: .mentor, areaIDs: [])
        #expect(!Policy.reaches(mentor, SessionScope(areaID: "essex", facilitatorUserIDs: []), for: .viewSessions))
        #expect(Policy.reaches(mentor, SessionScope(areaID: "essex", facilitatorUserIDs: ["m-1"]), for: .viewSessions))
    }
}

@Suite("Programme settings for sessions and RAR")
struct SessionSettingsTests {
    static func draft(basis: String? = "distinctDays", newStart: String? = "3", firstAppointment: String? = "28") -> ProgrammeSettingsDraft {
        ProgrammeSettingsDraft(endedWithinMonths: "6", endingWithinMonths: "3", trainingSessions: "12", attendanceRequired: "10",
                               mileagePencePerMile: "45", firstMeetingWithinDays: "14", contactAtLeastEveryDays: "21",
                               rarCountingBasis: basis, newStartWithinMonths: newStart, firstAppointmentWithinDays: firstAppointment)
    }

    @Test("The defaults are distinct days, 3 months and 28 days")
    func defaults() throws {
        let settings = try Self.draft().validated()
        #expect(settings == .standard)
        #expect(settings.rarCountingBasis == .distinctDays)
        #expect(settings.newStartWithinMonths == 3)
        #expect(settings.firstAppointmentWithinDays == 28)
    }

    @Test("Good values are kept", arguments: [
        ("appointments", "1", "1", RARCountingBasis.appointments, 1, 1),
        ("distinctDays", "12", "90", .distinctDays, 12, 90),
        (" appointments ", " 6 ", " 45 ", .appointments, 6, 45),
    ])
    func good(basis: String, newStart: String, firstAppointment: String, expectedBasis: RARCountingBasis, months: Int, days: Int) throws {
        let settings = try Self.draft(basis: basis, newStart: newStart, firstAppointment: firstAppointment).validated()
        #expect(settings.rarCountingBasis == expectedBasis)
        #expect(settings.newStartWithinMonths == months)
        #expect(settings.firstAppointmentWithinDays == days)
        #expect(settings.trainingSessions == 12, "the other settings are untouched")
    }

    @Test("A counting basis must come from the list", arguments: [
        (String?.none, "Select a way to count RAR days"), ("", "Select a way to count RAR days"),
        ("weekly", "Select a way to count RAR days from the list (one of: distinctDays, appointments)"),
        ("DistinctDays", "Select a way to count RAR days from the list (one of: distinctDays, appointments)"),
    ])
    func badBasis(basis: String?, message: String) {
        let failure = validationFailure { try Self.draft(basis: basis).validated() }
        #expect(failure.fields == ["rarCountingBasis"])
        #expect(failure.message(for: "rarCountingBasis") == message)
    }

    @Test("New Start months must be 1 to 12", arguments: [
        ("0", "Months since completion for New Start must be a whole number from 1 to 12"),
        ("13", "Months since completion for New Start must be a whole number from 1 to 12"),
        ("x", "Months since completion for New Start must be a whole number from 1 to 12"),
        ("", "Enter months since completion for New Start"),
    ])
    func badNewStart(value: String, message: String) {
        let failure = validationFailure { try Self.draft(newStart: value).validated() }
        #expect(failure.fields == ["newStartWithinMonths"])
        #expect(failure.message(for: "newStartWithinMonths") == message)
    }

    @Test("First appointment days must be 1 to 90", arguments: [
        ("0", "Days since the order started for a first appointment must be a whole number from 1 to 90"),
        ("91", "Days since the order started for a first appointment must be a whole number from 1 to 90"),
        ("-5", "Days since the order started for a first appointment must be a whole number from 1 to 90"),
        ("  ", "Enter days since the order started for a first appointment"),
    ])
    func badFirstAppointment(value: String, message: String) {
        let failure = validationFailure { try Self.draft(firstAppointment: value).validated() }
        #expect(failure.fields == ["firstAppointmentWithinDays"])
        #expect(failure.message(for: "firstAppointmentWithinDays") == message)
    }

    @Test("All three new settings are reported together")
    func allBad() {
        let failure = validationFailure { try Self.draft(basis: "x", newStart: "0", firstAppointment: "0").validated() }
        #expect(failure.fields == ["newStartWithinMonths", "firstAppointmentWithinDays", "rarCountingBasis"])
    }
}
