import Foundation
import Testing
@testable import WaymarkCore

/// Shared fixtures for group-session tests.
enum SessionFixture {
    static func intervention(_ id: String, _ valid: InterventionDraft.Valid) -> Intervention {
        Intervention(id: id, providerID: "provider-1", name: valid.name, description: valid.description, durationMinutes: valid.durationMinutes,
                     capacity: valid.capacity, isRAR: valid.isRAR, rule: valid.rule, audience: valid.audience, currentVersion: 1, version: 1)
    }

    static let transitionAndHope = intervention("int-th", StandardInterventions.all[0])
    static let groupFirstAppointment = intervention("int-gfa", StandardInterventions.all[1])
    static let newStart = intervention("int-ns", StandardInterventions.all[2])

    static func time(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ClockTime {
        guard let t = ClockTime(text) else {
            Issue.record("Test fixture \(text) is not a valid time", sourceLocation: sourceLocation)
            return ClockTime(minutes: 0)!
        }
        return t
    }

    static func session(_ id: String = "s1", on iso: String = "2026-11-30", _ start: String = "10:00", _ end: String = "12:00",
                        state: SessionState = .planned) -> GroupSession {
        GroupSession(id: id, interventionID: "int-th", interventionVersion: 1, siteID: "site-chelmsford", areaID: "essex",
                     deliveryUnitID: "essex-mid", date: ymd(iso), start: time(start), end: time(end), capacity: 12, state: state,
                     seriesID: nil, version: 1)
    }
}

@Suite("Scheduling group sessions")
struct SessionDraftTests {
    static let interventions = [
        "int-th": SessionFixture.transitionAndHope,
        "int-gfa": SessionFixture.groupFirstAppointment,
    ]
    static let sites: Set<String> = ["site-chelmsford", "site-basildon"]

    static func draft(intervention: String? = "int-th", site: String? = "site-chelmsford", date: DateInput = .iso("2026-11-30"),
                      start: String? = "10:00", end: String? = nil, capacity: String? = nil, weeks: String? = nil) -> SessionDraft {
        SessionDraft(interventionID: intervention, siteID: site, date: date, start: start, end: end, capacity: capacity, weeks: weeks)
    }

    static func failure(_ draft: SessionDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) {
            try draft.validated(today: Fixture.today, interventions: interventions, siteIDs: sites)
        }
    }

    static func valid(_ draft: SessionDraft) throws -> SessionDraft.Valid {
        try draft.validated(today: Fixture.today, interventions: interventions, siteIDs: sites)
    }

    @Test("One session: the end defaults to the start plus the intervention's length, the places to its capacity")
    func defaults() throws {
        let valid = try Self.valid(Self.draft())
        #expect(valid == SessionDraft.Valid(interventionID: "int-th", siteID: "site-chelmsford", dates: [ymd("2026-11-30")],
                                            start: SessionFixture.time("10:00"), end: SessionFixture.time("12:00"), capacity: 12))
    }

    @Test("The default end follows each intervention's length", arguments: [
        ("int-th", "9:30", "11:30"), ("int-gfa", "9:30", "11:00"), ("int-gfa", "14:45", "16:15"), ("int-th", "21:59", "23:59"),
    ])
    func defaultEnd(intervention: String, start: String, end: String) throws {
        let valid = try Self.valid(Self.draft(intervention: intervention, start: start))
        #expect(valid.end == SessionFixture.time(end))
        #expect(valid.end.minutes - valid.start.minutes == Self.interventions[intervention]!.durationMinutes)
    }

    @Test("A given end time is used instead of the default")
    func givenEnd() throws {
        let valid = try Self.valid(Self.draft(start: "10:00", end: "11:15"))
        #expect(valid.end == SessionFixture.time("11:15"))
    }

    @Test("An end at or before the start is refused", arguments: ["9:00", "10:00", "09:59"])
    func endBeforeStart(end: String) {
        let failure = Self.failure(Self.draft(start: "10:00", end: end))
        #expect(failure.fields == ["end"])
        #expect(failure.message(for: "end") == "End time must be after the start time")
    }

    @Test("A default end past midnight is refused", arguments: ["22:00", "23:00", "23:59"])
    func pastMidnight(start: String) {
        let failure = Self.failure(Self.draft(start: start))
        #expect(failure.fields == ["end"])
        #expect(failure.message(for: "end") == "The session would run past midnight: choose an earlier start time")
    }

    @Test("Times must be real", arguments: ["25:00", "10", "9:5", "ten"])
    func badStart(text: String) {
        let failure = Self.failure(Self.draft(start: text))
        #expect(failure.fields == ["start"])
        #expect(failure.message(for: "start") == "Start time must be a real time, like 10:00 or 14:30")
    }

    @Test("A bad end time is refused")
    func badEnd() {
        let failure = Self.failure(Self.draft(end: "24:00"))
        #expect(failure.fields == ["end"])
        #expect(failure.message(for: "end") == "End time must be a real time, like 12:00 or 16:30")
    }

    @Test("A missing start time is asked for", arguments: [nil, "", "  "] as [String?])
    func missingStart(start: String?) {
        let failure = Self.failure(Self.draft(start: start))
        #expect(failure.fields == ["start"])
        #expect(failure.message(for: "start") == "Enter the start time")
    }

    @Test("A weekly series of N gives N dates 7 days apart", arguments: [1, 2, 4, 26])
    func weeklySeries(weeks: Int) throws {
        let valid = try Self.valid(Self.draft(weeks: String(weeks)))
        #expect(valid.dates.count == weeks)
        #expect(valid.dates.first == ymd("2026-11-30"))
        for (a, b) in zip(valid.dates, valid.dates.dropFirst()) {
            #expect(a.days(until: b) == 7)
        }
    }

    @Test("A four-week series crosses into the next year on the right dates")
    func seriesDates() throws {
        let valid = try Self.valid(Self.draft(date: .iso("2026-12-21"), weeks: " 4 "))
        #expect(valid.dates == [ymd("2026-12-21"), ymd("2026-12-28"), ymd("2027-01-04"), ymd("2027-01-11")])
    }

    @Test("Weeks outside 1 to 26 are refused", arguments: ["0", "27", "-1", "x", "2.5"])
    func badWeeks(weeks: String) {
        let failure = Self.failure(Self.draft(weeks: weeks))
        #expect(failure.fields == ["weeks"])
        #expect(failure.message(for: "weeks") == "Number of weekly sessions must be a whole number from 1 to 26")
    }

    @Test("A given number of places from 1 to 60 is used", arguments: [("1", 1), ("8", 8), (" 60 ", 60)])
    func capacity(text: String, places: Int) throws {
        #expect(try Self.valid(Self.draft(capacity: text)).capacity == places)
    }

    @Test("Other numbers of places are refused", arguments: ["0", "61", "-1", "ten", "+5", "5.5"])
    func badCapacity(text: String) {
        let failure = Self.failure(Self.draft(capacity: text))
        #expect(failure.fields == ["capacity"])
        #expect(failure.message(for: "capacity") == "Number of places must be a whole number from 1 to 60")
    }

    @Test("The date must be from today to 2 years ahead", arguments: [
        ("2026-11-22", false), ("2025-01-01", false), ("2026-11-23", true), ("2027-06-01", true), ("2028-11-23", true), ("2028-11-24", false),
    ])
    func date(iso: String, accepted: Bool) throws {
        let draft = Self.draft(date: .iso(iso))
        if accepted {
            #expect(try Self.valid(draft).dates == [ymd(iso)])
        } else {
            let failure = Self.failure(draft)
            #expect(failure.fields == ["date"])
            #expect(failure.message(for: "date") == (ymd(iso) < Fixture.today
                ? "Date of the session must be today or in the future" : "Date of the session must be within the next 2 years"))
        }
    }

    @Test("The kind of session must be one this coordinator may use", arguments: [
        (String?.none, "Select the kind of session"), ("", "Select the kind of session"), ("int-unknown", "Select a kind of session from the list"),
    ])
    func unknownIntervention(intervention: String?, message: String) {
        let failure = Self.failure(Self.draft(intervention: intervention))
        #expect(failure.fields == ["interventionId"])
        #expect(failure.message(for: "interventionId") == message)
    }

    @Test("The site must be one this coordinator may use", arguments: [
        (String?.none, "Select where the session takes place"), ("", "Select where the session takes place"),
        ("site-elsewhere", "Select a site in an area you work in"),
    ])
    func unknownSite(site: String?, message: String) {
        let failure = Self.failure(Self.draft(site: site))
        #expect(failure.fields == ["siteId"])
        #expect(failure.message(for: "siteId") == message)
    }

    @Test("Every problem is reported at once")
    func everything() {
        let failure = Self.failure(Self.draft(intervention: "int-x", site: "nowhere", date: .iso("2026-11-01"), start: "10:00", end: "09:00",
                                              capacity: "0", weeks: "99"))
        #expect(failure.fields == ["interventionId", "siteId", "date", "end", "capacity", "weeks"])
    }
}

@Suite("Clock times and overlaps")
struct ClockTimeTests {
    @Test("HH:MM and H:MM are accepted", arguments: [
        ("9:30", 570), ("09:30", 570), ("14:05", 845), ("0:00", 0), ("00:00", 0), ("23:59", 1439), (" 10:00 ", 600), ("12:00", 720),
    ])
    func parses(text: String, minutes: Int) {
        #expect(ClockTime(text)?.minutes == minutes)
    }

    @Test("Anything else is refused", arguments: [
        "24:00", "7:5", "12:60", "1200", "", ":30", "9:", "9:30:00", "-1:30", "+9:30", "9.30", "123:00", "09:5 ", "٩:٣٠", "9:3O",
    ])
    func refuses(text: String) {
        #expect(ClockTime(text) == nil)
    }

    @Test("Minutes must fall within one day", arguments: [(-1, false), (0, true), (1439, true), (1440, false)])
    func minutesRange(minutes: Int, valid: Bool) {
        #expect((ClockTime(minutes: minutes) != nil) == valid)
    }

    @Test("Written as HH:MM", arguments: [(545, "09:05"), (0, "00:00"), (1439, "23:59"), (840, "14:00")])
    func text(minutes: Int, text: String) {
        #expect(ClockTime(minutes: minutes)?.text == text)
        #expect(ClockTime(minutes: minutes)?.description == text)
    }

    @Test("Spoken in the GOV.UK style", arguments: [
        (600, "10am"), (870, "2:30pm"), (720, "midday"), (750, "12:30pm"), (545, "9:05am"), (1439, "11:59pm"),
        (0, "midnight"), (5, "12:05am"), (780, "1pm"), (660, "11am"),
    ])
    func spoken(minutes: Int, spoken: String) {
        #expect(ClockTime(minutes: minutes)?.spoken == spoken)
    }

    @Test("Times order by minutes")
    func ordering() {
        #expect(SessionFixture.time("9:59") < SessionFixture.time("10:00"))
        #expect(!(SessionFixture.time("10:00") < SessionFixture.time("10:00")))
    }

    @Test("Sessions overlap only on the same day with overlapping times", arguments: [
        ("2026-11-30", "12:00", "14:00", false), // touching end to start
        ("2026-11-30", "08:00", "10:00", false), // touching start to end
        ("2026-11-30", "11:59", "13:00", true),
        ("2026-11-30", "09:00", "10:01", true),
        ("2026-11-30", "10:30", "11:30", true),  // inside
        ("2026-11-30", "09:00", "13:00", true),  // around
        ("2026-11-30", "10:00", "12:00", true),  // the same times
        ("2026-12-01", "10:00", "12:00", false), // another day
        ("2026-11-30", "13:00", "14:00", false),
    ])
    func overlaps(date: String, start: String, end: String, expected: Bool) {
        let session = SessionFixture.session("a", on: "2026-11-30", "10:00", "12:00")
        let other = SessionFixture.session("b", on: date, start, end)
        #expect(session.overlaps(other) == expected)
        #expect(other.overlaps(session) == expected, "overlap is symmetric")
    }

    @Test("A session says when it is")
    func when() {
        #expect(SessionFixture.session(on: "2026-11-30", "10:00", "12:30").when == "30 November 2026, 10am to 12:30pm")
    }
}

@Suite("Facilitation rule")
struct SessionConfirmationTests {
    static let session = SessionFixture.session("s1", on: "2026-11-30", "10:00", "12:00")

    static func crn(_ text: String) -> CRN { CRN(text)! }

    static func mentor(_ name: String, response: FacilitatorResponse = .accepted, accredited: Bool = true, crn: String? = nil,
                       mustNotMeet: Set<String> = [], other: [GroupSession] = []) -> FacilitatorFacts {
        FacilitatorFacts(facilitator: Facilitator(id: "f-\(name)", sessionID: "s1", mentorID: "m-\(name)", userID: "u-\(name)",
                                                  response: response, version: 1),
                         name: name, activeAndAccredited: accredited, staffRole: nil, crn: crn.flatMap(CRN.init),
                         mustNotMeet: Set(mustNotMeet.compactMap(CRN.init)), otherSessions: other)
    }

    static func staff(_ name: String, role: Role? = .staffFacilitator, response: FacilitatorResponse = .accepted,
                      mustNotMeet: Set<String> = [], other: [GroupSession] = []) -> FacilitatorFacts {
        FacilitatorFacts(facilitator: Facilitator(id: "f-\(name)", sessionID: "s1", mentorID: nil, userID: "u-\(name)", response: response,
                                                  version: 1),
                         name: name, activeAndAccredited: false, staffRole: role, crn: nil, mustNotMeet: Set(mustNotMeet.compactMap(CRN.init)),
                         otherSessions: other)
    }

    static func participant(_ name: String, crn: String?, mustNotMeet: Set<String> = []) -> ParticipantFacts {
        ParticipantFacts(name: name, crn: crn.flatMap(CRN.init), mustNotMeet: Set(mustNotMeet.compactMap(CRN.init)))
    }

    static let fullTeam = [mentor("Ann"), mentor("Ben"), staff("Cara")]

    static func problems(_ intervention: Intervention, _ facilitators: [FacilitatorFacts], participants: [ParticipantFacts] = []) -> [String] {
        SessionConfirmation.problems(session: session, intervention: intervention, facilitators: facilitators, participants: participants)
    }

    /// Problems confirming a Transition and Hope session.
    static func problems(_ facilitators: [FacilitatorFacts], participants: [ParticipantFacts] = []) -> [String] {
        problems(SessionFixture.transitionAndHope, facilitators, participants: participants)
    }

    @Test("Transition and Hope with two accredited mentors and one member of staff can be confirmed")
    func fullTeamConfirms() {
        #expect(Self.problems(Self.fullTeam).isEmpty)
        #expect(Self.problems(Self.fullTeam + [Self.mentor("Dan", response: .requested)]).isEmpty)
    }

    @Test("Any member of staff counts for Transition and Hope", arguments: [Role.staffFacilitator, .practitioner, .coordinator])
    func anyStaff(role: Role) {
        #expect(Self.problems([Self.mentor("Ann"), Self.mentor("Ben"), Self.staff("Cara", role: role)]).isEmpty)
    }

    @Test("Other roles, or no role, do not count as staff", arguments: [Role?.some(.administrator), .some(.commissioner), .some(.mentor), nil])
    func notStaff(role: Role?) {
        #expect(Self.problems([Self.mentor("Ann"), Self.mentor("Ben"), Self.staff("Cara", role: role)])
                == ["Transition and Hope needs 1 member of staff who has accepted; it has 0"])
    }

    @Test("A missing mentor is reported with the numbers")
    func missingMentor() {
        #expect(Self.problems([Self.mentor("Ann"), Self.staff("Cara")])
                == ["Transition and Hope needs 2 accredited peer mentors who have accepted; it has 1"])
    }

    @Test("Nobody at all: both shortfalls")
    func nobody() {
        #expect(Self.problems([]) == [
            "Transition and Hope needs 2 accredited peer mentors who have accepted; it has 0",
            "Transition and Hope needs 1 member of staff who has accepted; it has 0",
        ])
    }

    @Test("An unaccredited mentor is named and not counted")
    func unaccreditedMentor() {
        #expect(Self.problems([Self.mentor("Ann"), Self.mentor("Ben", accredited: false), Self.staff("Cara")]) == [
            "Ben is not an active peer mentor with a recorded accreditation, so cannot facilitate",
            "Transition and Hope needs 2 accredited peer mentors who have accepted; it has 1",
        ])
    }

    @Test("An unaccredited mentor who has not accepted is not reported")
    func unaccreditedNotAccepted() {
        #expect(Self.problems(Self.fullTeam + [Self.mentor("Dan", response: .declined, accredited: false)]).isEmpty)
    }

    @Test("Declined and unanswered requests are not counted", arguments: [FacilitatorResponse.requested, .declined])
    func notAccepted(response: FacilitatorResponse) {
        #expect(Self.problems([Self.mentor("Ann"), Self.mentor("Ben", response: response), Self.staff("Cara", response: response)]) == [
            "Transition and Hope needs 2 accredited peer mentors who have accepted; it has 1",
            "Transition and Hope needs 1 member of staff who has accepted; it has 0",
        ])
    }

    @Test("A mentor does not count as the member of staff")
    func mentorIsNotStaff() {
        #expect(Self.problems([Self.mentor("Ann"), Self.mentor("Ben"), Self.mentor("Dan")])
                == ["Transition and Hope needs 1 member of staff who has accepted; it has 0"])
    }

    @Test("A group first appointment needs a probation practitioner, not any member of staff")
    func firstAppointmentNeedsPractitioner() {
        let gfa = SessionFixture.groupFirstAppointment
        #expect(Self.problems(gfa, [Self.mentor("Ann"), Self.staff("Cara", role: .staffFacilitator)])
                == ["Group First Appointment needs 1 probation practitioner who has accepted; it has 0"])
        #expect(Self.problems(gfa, [Self.mentor("Ann"), Self.staff("Cara", role: .coordinator)])
                == ["Group First Appointment needs 1 probation practitioner who has accepted; it has 0"])
        #expect(Self.problems(gfa, [Self.mentor("Ann"), Self.staff("Pat", role: .practitioner)]).isEmpty)
        #expect(Self.problems(gfa, [Self.staff("Pat", role: .practitioner)])
                == ["Group First Appointment needs 1 accredited peer mentor who has accepted; it has 0"])
    }

    @Test("A rule needing several staff says so in the plural")
    func pluralStaff() {
        var rule = SessionFixture.transitionAndHope
        rule.rule = FacilitationRule(mentors: 0, staff: 2, staffRole: .staffFacilitator)
        rule.name = "Staff Workshop"
        #expect(Self.problems(rule, [Self.staff("Cara")]) == ["Staff Workshop needs 2 staff facilitators who have accepted; it has 1"])
        #expect(Self.problems(rule, [Self.staff("Cara"), Self.staff("Dee")]).isEmpty)
    }

    // MARK: Exclusions

    @Test("A participant on the facilitator's list blocks confirmation")
    func participantOnFacilitatorsList() {
        let facilitators = [Self.mentor("Ann", crn: "A111111", mustNotMeet: ["X123456"]), Self.mentor("Ben"), Self.staff("Cara")]
        let problems = Self.problems(facilitators, participants: [Self.participant("Tom Hale", crn: "X123456"),
                                                                  Self.participant("Sue Low", crn: "Y654321")])
        #expect(problems == ["Ann must not meet Tom Hale, who is booked on this session: ask another facilitator or move Tom Hale to another session"])
    }

    @Test("A facilitator on the participant's list blocks confirmation")
    func facilitatorOnParticipantsList() {
        let facilitators = [Self.mentor("Ann", crn: "A111111"), Self.mentor("Ben", crn: "B222222"), Self.staff("Cara")]
        let problems = Self.problems(facilitators, participants: [Self.participant("Tom Hale", crn: "X123456", mustNotMeet: ["B222222"])])
        #expect(problems == ["Ben must not meet Tom Hale, who is booked on this session: ask another facilitator or move Tom Hale to another session"])
    }

    @Test("A staff member's list is checked too")
    func staffExclusion() {
        let facilitators = [Self.mentor("Ann"), Self.mentor("Ben"), Self.staff("Cara", mustNotMeet: ["X123456"])]
        #expect(Self.problems(facilitators, participants: [Self.participant("Tom Hale", crn: "X123456")])
                == ["Cara must not meet Tom Hale, who is booked on this session: ask another facilitator or move Tom Hale to another session"])
    }

    @Test("Without CRNs, or with lists naming others, there is no clash")
    func noClash() {
        let facilitators = [Self.mentor("Ann", crn: "A111111", mustNotMeet: ["Z999999"]), Self.mentor("Ben"), Self.staff("Cara", mustNotMeet: ["X123456"])]
        #expect(Self.problems(facilitators, participants: [Self.participant("No CRN", crn: nil, mustNotMeet: ["B222222"]),
                                                           Self.participant("Sue Low", crn: "Y654321", mustNotMeet: ["C333333"])]).isEmpty)
    }

    @Test("A facilitator who declined is not facilitating, so their list does not block the session")
    func declinedExclusion() {
        let facilitators = Self.fullTeam + [Self.mentor("Dan", response: .declined, crn: "D444444", mustNotMeet: ["X123456"])]
        #expect(Self.problems(facilitators, participants: [Self.participant("Tom Hale", crn: "X123456", mustNotMeet: ["D444444"])]).isEmpty)
    }

    // MARK: Double booking

    @Test("A facilitator already at an overlapping session is reported")
    func doubleBooked() {
        let clash = SessionFixture.session("s2", on: "2026-11-30", "11:00", "13:00", state: .confirmed)
        let facilitators = [Self.mentor("Ann", other: [clash]), Self.mentor("Ben"), Self.staff("Cara")]
        #expect(Self.problems(facilitators)
                == ["Ann is already facilitating another session at that time (11am to 1pm on 30 November 2026)"])
    }

    @Test("A cancelled, touching, other-day session, or this same session, is no clash")
    func noDoubleBooking() {
        let others = [
            SessionFixture.session("s2", on: "2026-11-30", "11:00", "13:00", state: .cancelled),
            SessionFixture.session("s3", on: "2026-11-30", "12:00", "14:00"),
            SessionFixture.session("s4", on: "2026-12-01", "10:00", "12:00"),
            SessionFixture.session("s1", on: "2026-11-30", "10:00", "12:00"),
        ]
        let facilitators = [Self.mentor("Ann", other: others), Self.mentor("Ben"), Self.staff("Cara", other: others)]
        #expect(Self.problems(facilitators).isEmpty)
    }

    @Test("Double booking counts for those asked but not for those who declined")
    func doubleBookingByResponse() {
        let clash = SessionFixture.session("s2", on: "2026-11-30", "09:00", "10:30")
        let declined = Self.mentor("Dan", response: .declined, other: [clash])
        let asked = Self.mentor("Eve", response: .requested, other: [clash])
        #expect(SessionConfirmation.doubleBooking(declined, session: Self.session) == nil)
        #expect(SessionConfirmation.doubleBooking(asked, session: Self.session)
                == "Eve is already facilitating another session at that time (9am to 10:30am on 30 November 2026)")
    }

    @Test("Every problem is listed together: rule, exclusion, then double booking")
    func allProblems() {
        let clash = SessionFixture.session("s2", on: "2026-11-30", "11:00", "13:00")
        let facilitators = [Self.mentor("Ann", mustNotMeet: ["X123456"], other: [clash]), Self.staff("Cara")]
        #expect(Self.problems(facilitators, participants: [Self.participant("Tom Hale", crn: "X123456")]) == [
            "Transition and Hope needs 2 accredited peer mentors who have accepted; it has 1",
            "Ann must not meet Tom Hale, who is booked on this session: ask another facilitator or move Tom Hale to another session",
            "Ann is already facilitating another session at that time (11am to 1pm on 30 November 2026)",
        ])
    }
}

@Suite("Interventions")
struct InterventionTests {
    static func draft(name: String? = "Family Days", description: String? = "A day out with family, run by peer mentors.",
                      minutes: String? = "90", capacity: String? = "10", isRAR: Bool = false, mentors: String? = "1", staff: String? = "1",
                      staffRole: String? = nil, audience: String? = "currentOrder") -> InterventionDraft {
        InterventionDraft(name: name, description: description, durationMinutes: minutes, capacity: capacity, isRAR: isRAR, mentors: mentors,
                          staff: staff, staffRole: staffRole, audience: audience)
    }

    static func failure(_ draft: InterventionDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated() }
    }

    @Test("A complete draft is accepted, trimmed, with any member of staff by default")
    func valid() throws {
        let valid = try Self.draft(name: "  Family Days ", minutes: " 90", isRAR: true).validated()
        #expect(valid == InterventionDraft.Valid(name: "Family Days", description: "A day out with family, run by peer mentors.",
                                                 durationMinutes: 90, capacity: 10, isRAR: true,
                                                 rule: FacilitationRule(mentors: 1, staff: 1, staffRole: .anyStaff), audience: .currentOrder))
    }

    @Test("Staff role and audience are chosen from their lists", arguments: [
        ("practitioner", "recentlySentenced", StaffRole.practitioner, InterventionAudience.recentlySentenced),
        ("staffFacilitator", "completed", .staffFacilitator, .completed),
        ("", "currentOrder", .anyStaff, .currentOrder),
    ])
    func choices(role: String, audience: String, expectedRole: StaffRole, expectedAudience: InterventionAudience) throws {
        let valid = try Self.draft(staffRole: role, audience: audience).validated()
        #expect(valid.rule.staffRole == expectedRole)
        #expect(valid.audience == expectedAudience)
    }

    @Test("Numbers outside their ranges are refused", arguments: [
        ("durationMinutes", "14", "Length in minutes must be a whole number from 15 to 480"),
        ("durationMinutes", "481", "Length in minutes must be a whole number from 15 to 480"),
        ("durationMinutes", "1h", "Length in minutes must be a whole number from 15 to 480"),
        ("capacity", "0", "Number of places must be a whole number from 1 to 60"),
        ("capacity", "61", "Number of places must be a whole number from 1 to 60"),
        ("mentors", "7", "Number of peer mentors must be a whole number from 0 to 6"),
        ("mentors", "-1", "Number of peer mentors must be a whole number from 0 to 6"),
        ("staff", "7", "Number of staff must be a whole number from 0 to 6"),
    ])
    func badNumbers(field: String, value: String, message: String) {
        var draft = Self.draft()
        switch field {
        case "durationMinutes": draft.durationMinutes = value
        case "capacity": draft.capacity = value
        case "mentors": draft.mentors = value
        default: draft.staff = value
        }
        let failure = Self.failure(draft)
        #expect(failure.fields == [field])
        #expect(failure.message(for: field) == message)
    }

    @Test("The edges of each range are accepted")
    func edges() throws {
        let low = try Self.draft(minutes: "15", capacity: "1", mentors: "0", staff: "1").validated()
        #expect(low.durationMinutes == 15)
        #expect(low.capacity == 1)
        #expect(low.rule.mentors == 0)
        #expect(low.rule.staff == 1)
        let high = try Self.draft(minutes: "480", capacity: "60", mentors: "6", staff: "6").validated()
        #expect(high.durationMinutes == 480)
        #expect(high.capacity == 60)
        #expect(high.rule.mentors == 6)
        #expect(high.rule.staff == 6)
    }

    @Test("A session needs at least one facilitator")
    func noFacilitators() {
        let failure = Self.failure(Self.draft(mentors: "0", staff: "0"))
        #expect(failure.fields == ["mentors"])
        #expect(failure.message(for: "mentors") == "A session needs at least one facilitator")
    }

    @Test("An unknown staff role or audience is refused")
    func badChoices() {
        let failure = Self.failure(Self.draft(staffRole: "manager", audience: "everyone"))
        #expect(failure.fields == ["staffRole", "audience"])
        #expect(failure.message(for: "staffRole") == "Select a staff role from the list (one of: anyStaff, practitioner, staffFacilitator)")
        #expect(failure.message(for: "audience") == "Select who it is for from the list (one of: currentOrder, recentlySentenced, completed)")
    }

    @Test("An empty draft reports every missing field at once")
    func empty() {
        let failure = Self.failure(Self.draft(name: " ", description: nil, minutes: nil, capacity: "", mentors: nil, staff: nil, audience: nil))
        #expect(failure.fields == ["name", "description", "durationMinutes", "capacity", "mentors", "staff", "audience"])
        #expect(failure.message(for: "name") == "Enter a name")
        #expect(failure.message(for: "description") == "Enter a description")
        #expect(failure.message(for: "durationMinutes") == "Enter the length in minutes")
        #expect(failure.message(for: "capacity") == "Enter the number of places")
        #expect(failure.message(for: "audience") == "Select who it is for")
    }

    @Test("The three DLNR interventions are seeded as the design describes")
    func standard() {
        let all = StandardInterventions.all
        #expect(all.map(\.name) == ["Transition and Hope", "Group First Appointment", "New Start Ceremony"])
        let th = all[0]
        #expect(th.durationMinutes == 120)
        #expect(th.isRAR)
        #expect(th.rule == FacilitationRule(mentors: 2, staff: 1, staffRole: .anyStaff))
        #expect(th.audience == .currentOrder)
        #expect(th.rule.summary == "2 accredited peer mentors and 1 member of staff")
        let gfa = all[1]
        #expect(!gfa.isRAR)
        #expect(gfa.rule == FacilitationRule(mentors: 1, staff: 1, staffRole: .practitioner))
        #expect(gfa.audience == .recentlySentenced)
        #expect(gfa.rule.summary == "1 accredited peer mentor and 1 probation practitioner")
        let ns = all[2]
        #expect(!ns.isRAR)
        #expect(ns.audience == .completed)
        #expect(all.filter(\.isRAR).count == 1, "only Transition and Hope counts as a RAR day")
    }

    @Test("Each seeded intervention would pass the coordinator's own form", arguments: StandardInterventions.all)
    func standardIsValid(seed: InterventionDraft.Valid) throws {
        let draft = InterventionDraft(name: seed.name, description: seed.description, durationMinutes: String(seed.durationMinutes),
                                      capacity: String(seed.capacity), isRAR: seed.isRAR, mentors: String(seed.rule.mentors),
                                      staff: String(seed.rule.staff), staffRole: seed.rule.staffRole.rawValue, audience: seed.audience.rawValue)
        #expect(try draft.validated() == seed)
    }

    @Test("A rule's summary", arguments: [
        (FacilitationRule(mentors: 0, staff: 0, staffRole: .anyStaff), "No facilitators needed"),
        (FacilitationRule(mentors: 1, staff: 0, staffRole: .anyStaff), "1 accredited peer mentor"),
        (FacilitationRule(mentors: 0, staff: 2, staffRole: .staffFacilitator), "2 staff facilitators"),
        (FacilitationRule(mentors: 3, staff: 2, staffRole: .practitioner), "3 accredited peer mentors and 2 probation practitioners"),
    ])
    func summary(rule: FacilitationRule, text: String) {
        #expect(rule.summary == text)
    }

    @Test("Which roles each staff role accepts", arguments: Role.allCases)
    func staffRoleAccepts(role: Role) {
        #expect(StaffRole.anyStaff.accepts(role) == [.coordinator, .practitioner, .staffFacilitator].contains(role))
        #expect(StaffRole.practitioner.accepts(role) == (role == .practitioner))
        #expect(StaffRole.staffFacilitator.accepts(role) == (role == .staffFacilitator))
    }

    // MARK: Versions

    static let known: Set<String> = ["m1", "m2", "m3"]

    @Test("A version keeps the co-designers once each, in order, and trims its text")
    func version() throws {
        let result = try InterventionVersionDraft(changes: "  Shorter icebreaker ", coDesignerMentorIDs: ["m2", "", "m1", "m2"],
                                                  pilotFeedback: "  Went well at Basildon  ").validated(knownMentorIDs: Self.known)
        #expect(result.changes == "Shorter icebreaker")
        #expect(result.coDesigners == ["m2", "m1"])
        #expect(result.pilotFeedback == "Went well at Basildon")
    }

    @Test("Pilot feedback and co-designers are optional")
    func versionOptional() throws {
        let result = try InterventionVersionDraft(changes: "New handout", coDesignerMentorIDs: [], pilotFeedback: "  ")
            .validated(knownMentorIDs: Self.known)
        #expect(result.coDesigners.isEmpty)
        #expect(result.pilotFeedback == nil)
    }

    @Test("A co-designer must be one of the mentors offered")
    func versionUnknownMentor() {
        let failure = validationFailure {
            try InterventionVersionDraft(changes: "New handout", coDesignerMentorIDs: ["m1", "m9"], pilotFeedback: nil)
                .validated(knownMentorIDs: Self.known)
        }
        #expect(failure.fields == ["coDesignerMentorIds"])
        #expect(failure.message(for: "coDesignerMentorIds") == "Select co-designers from the list of peer mentors")
    }

    @Test("A version must say what changed")
    func versionNeedsChanges() {
        let failure = validationFailure {
            try InterventionVersionDraft(changes: " \n ", coDesignerMentorIDs: ["m1"], pilotFeedback: nil).validated(knownMentorIDs: Self.known)
        }
        #expect(failure.fields == ["changes"])
        #expect(failure.message(for: "changes") == "Enter a summary of what changed")
    }

    @Test("Over-long pilot feedback is refused")
    func versionLongFeedback() {
        let failure = validationFailure {
            try InterventionVersionDraft(changes: "x", coDesignerMentorIDs: [], pilotFeedback: String(repeating: "a", count: InputRules.longTextLimit + 1))
                .validated(knownMentorIDs: Self.known)
        }
        #expect(failure.fields == ["pilotFeedback"])
        #expect(failure.message(for: "pilotFeedback") == "Pilot feedback must be 2000 characters or fewer")
    }
}
