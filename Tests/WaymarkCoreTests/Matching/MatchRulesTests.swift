import Foundation
import Testing
@testable import WaymarkCore

@Suite("Match journey")
struct MatchJourneyTests {

    /// proposed → active ⇄ paused → ended; a proposal can also end (declined) straight away.
    static let expectedMoves: [MatchState: Set<MatchState>] = [
        .proposed: [.active, .ended],
        .active: [.paused, .ended],
        .paused: [.active, .ended],
        .ended: [],
    ]

    static func attempt(_ from: MatchState, _ to: MatchState, capacityLeft: Int = 1, endReason: MatchEndReason? = .other) -> ValidationFailure? {
        do throws(ValidationFailure) {
            try MatchJourney.check(from: from, to: to, capacityLeft: capacityLeft, endReason: endReason)
            return nil
        } catch {
            return error
        }
    }

    @Test("The move table is the match lifecycle, with an entry for every state")
    func table() {
        #expect(MatchJourney.moves == Self.expectedMoves)
        #expect(Set(MatchJourney.moves.keys) == Set(MatchState.allCases))
    }

    @Test("Every (from, to) pair: allowed iff in the table, otherwise refused with a reason",
          arguments: MatchState.allCases, MatchState.allCases)
    func everyPair(from: MatchState, to: MatchState) {
        let failure = Self.attempt(from, to)
        if Self.expectedMoves[from, default: []].contains(to) {
            #expect(failure == nil, "\(from) → \(to) should be allowed")
        } else {
            #expect(failure?.fields == ["state"], "\(from) → \(to) should be refused")
            #expect(failure?.message(for: "state") == "A match that is \(from.rawValue) cannot be moved to \(to.rawValue)")
        }
    }

    @Test("Accepting a proposal needs the mentor to have capacity left", arguments: [(1, true), (3, true), (0, false), (-1, false)])
    func acceptNeedsCapacity(capacityLeft: Int, allowed: Bool) {
        let failure = Self.attempt(.proposed, .active, capacityLeft: capacityLeft, endReason: nil)
        if allowed {
            #expect(failure == nil)
        } else {
            #expect(failure?.fields == ["state"])
            #expect(failure?.message(for: "state") == "The mentor has no capacity left: end or pause another match first")
        }
    }

    @Test("Pausing or ending does not need capacity", arguments: [(MatchState.active, MatchState.paused), (.active, .ended), (.paused, .ended),
                                                                  (.proposed, .ended)])
    func otherMovesIgnoreCapacity(from: MatchState, to: MatchState) {
        #expect(Self.attempt(from, to, capacityLeft: 0, endReason: .mentorUnavailable) == nil)
    }

    @Test("Ending a match needs a reason", arguments: [MatchState.proposed, .active, .paused])
    func endingNeedsReason(from: MatchState) {
        let failure = Self.attempt(from, .ended, endReason: nil)
        #expect(failure?.fields == ["endReason"])
        #expect(failure?.message(for: "endReason") == "Select why the match ended")
    }

    @Test("Any end reason will do", arguments: MatchEndReason.allCases)
    func anyReason(reason: MatchEndReason) {
        #expect(Self.attempt(.active, .ended, endReason: reason) == nil)
    }

    @Test("Moves that do not end the match need no reason", arguments: [(MatchState.proposed, MatchState.active), (.active, .paused),
                                                                        (.paused, .active)])
    func noReasonNeeded(from: MatchState, to: MatchState) {
        #expect(Self.attempt(from, to, endReason: nil) == nil)
    }

    @Test("An ended match is refused as an illegal move, not for want of a reason")
    func endedIsFinal() {
        #expect(Self.attempt(.ended, .ended, endReason: nil)?.fields == ["state"])
        #expect(Self.attempt(.ended, .active, capacityLeft: 0)?.message(for: "state") == "A match that is ended cannot be moved to active")
    }
}

@Suite("Contact draft")
struct ContactDraftTests {

    static let started = ymd("2026-10-05")

    static func draft(on: DateInput = .iso("2026-11-20"), minutes: String? = "60", types: [String] = ["listening"],
                      place: String? = "Chelmsford library", notes: String? = nil, concern: String? = nil) -> ContactDraft {
        ContactDraft(on: on, minutes: minutes, supportTypes: types, place: place, notes: notes, concern: concern)
    }

    static func failure(_ draft: ContactDraft, matchStarted: CalendarDate? = started,
                        sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(today: Fixture.today, matchStarted: matchStarted) }
    }

    static func valid(_ draft: ContactDraft, matchStarted: CalendarDate? = started) throws -> Contact {
        try draft.validated(today: Fixture.today, matchStarted: matchStarted)
    }

    // MARK: A good contact

    @Test("A complete contact is cleaned: trimmed, duplicates and blanks dropped")
    func complete() throws {
        let contact = try Self.valid(Self.draft(on: .parts(day: "20", month: "11", year: "2026"), minutes: " 90 ",
                                                types: ["accompaniedAppointment", "", "formsAndLetters", "accompaniedAppointment"],
                                                place: "  Jobcentre Plus, Chelmsford ",
                                                notes: " Went to the housing appointment together.\nForms done. ",
                                                concern: "\nMentioned not sleeping well.\n"))
        #expect(contact == Contact(on: ymd("2026-11-20"), minutes: 90, supportTypes: [.accompaniedAppointment, .formsAndLetters],
                                   place: "Jobcentre Plus, Chelmsford", notes: "Went to the housing appointment together.\nForms done.",
                                   concern: "Mentioned not sleeping well."))
        #expect(contact.accompaniedAppointment)
    }

    @Test("Notes and concern are optional", arguments: [nil, "", " \n "] as [String?])
    func optionalTexts(text: String?) throws {
        let contact = try Self.valid(Self.draft(notes: text, concern: text))
        #expect(contact.notes == nil)
        #expect(contact.concern == nil)
    }

    // MARK: Date

    @Test("A contact may be logged from the day the match started up to today", arguments: ["2026-10-05", "2026-11-01", "2026-11-23"])
    func dateInRange(date: String) throws {
        #expect(try Self.valid(Self.draft(on: .iso(date))).on == ymd(date))
    }

    @Test("A contact cannot be in the future", arguments: ["2026-11-24", "2027-01-01"])
    func futureDate(date: String) {
        let failure = Self.failure(Self.draft(on: .iso(date)))
        #expect(failure.fields == ["on"])
        #expect(failure.message(for: "on") == "Date of the contact must be today or in the past")
    }

    @Test("A contact cannot be before the match started", arguments: ["2026-10-04", "2025-12-25"])
    func beforeStart(date: String) {
        let failure = Self.failure(Self.draft(on: .iso(date)))
        #expect(failure.fields == ["on"])
        #expect(failure.message(for: "on") == "Date of the contact must be on or after the match started (5 October 2026)")
    }

    @Test("Without a start date only the future is refused")
    func noStartDate() throws {
        #expect(try Self.valid(Self.draft(on: .iso("2020-01-01")), matchStarted: nil).on == ymd("2020-01-01"))
        #expect(Self.failure(Self.draft(on: .iso("2026-11-24")), matchStarted: nil).fields == ["on"])
    }

    @Test("The date is required and must be real", arguments: [
        (DateInput.iso(nil), "Enter the date of the contact"),
        (.iso(""), "Enter the date of the contact"),
        (.parts(day: "", month: "", year: ""), "Enter the date of the contact"),
        (.iso("2026-02-30"), "Date of the contact must be a real date, written as YYYY-MM-DD"),
        (.iso("20/11/2026"), "Date of the contact must be a real date, written as YYYY-MM-DD"),
        (.parts(day: "31", month: "11", year: "2026"), "Date of the contact must be a real date"),
    ])
    func dateRequired(input: DateInput, message: String) {
        let failure = Self.failure(Self.draft(on: input))
        #expect(failure.fields == ["on"])
        #expect(failure.message(for: "on") == message)
    }

    // MARK: Minutes

    @Test("Minutes from 5 to 480 are accepted", arguments: [("5", 5), ("480", 480), ("60", 60), (" 45 ", 45), ("090", 90)])
    func minutes(text: String, value: Int) throws {
        #expect(try Self.valid(Self.draft(minutes: text)).minutes == value)
    }

    @Test("Minutes are required", arguments: [nil, "", "   "] as [String?])
    func minutesRequired(text: String?) {
        let failure = Self.failure(Self.draft(minutes: text))
        #expect(failure.fields == ["minutes"])
        #expect(failure.message(for: "minutes") == "Enter how long the contact lasted, in minutes")
    }

    @Test("Minutes outside 5...480 or not plain digits are refused",
          arguments: ["4", "0", "481", "1000", "-5", "+5", "4.5", "60.0", "ten", "1e2", "٦٠", "６０", "6 0", "99999999999999999999999"])
    func badMinutes(text: String) {
        let failure = Self.failure(Self.draft(minutes: text))
        #expect(failure.fields == ["minutes"])
        #expect(failure.message(for: "minutes") == "Minutes must be a whole number from 5 to 480")
    }

    // MARK: Support types

    @Test("Every support type is accepted", arguments: SupportType.allCases)
    func everySupportType(type: SupportType) throws {
        let contact = try Self.valid(Self.draft(types: [type.rawValue]))
        #expect(contact.supportTypes == [type])
        #expect(contact.accompaniedAppointment == (type == .accompaniedAppointment))
    }

    @Test("At least one support type is required", arguments: [[], [""], ["", ""]] as [[String]])
    func supportRequired(types: [String]) {
        let failure = Self.failure(Self.draft(types: types))
        #expect(failure.fields == ["supportTypes"])
        #expect(failure.message(for: "supportTypes") == "Select the support given")
    }

    @Test("A support type not on the list is refused", arguments: [["hugging"], ["listening", "Listening"], ["accompanied"]] as [[String]])
    func unknownSupport(types: [String]) {
        let failure = Self.failure(Self.draft(types: types))
        #expect(failure.fields == ["supportTypes"])
        #expect(failure.message(for: "supportTypes") == "Select support from the list")
    }

    // MARK: Place

    @Test("Where it took place is required", arguments: [nil, "", "  \n "] as [String?])
    func placeRequired(place: String?) {
        let failure = Self.failure(Self.draft(place: place))
        #expect(failure.fields == ["place"])
        #expect(failure.message(for: "place") == "Enter where it took place")
    }

    @Test("The place is one line of at most 200 characters", arguments: [
        (String(repeating: "a", count: 201), "Where it took place must be 200 characters or fewer"),
        ("Library\nCafé", "Where it took place must not contain control characters"),
        ("Library\u{0000}", "Where it took place must not contain control characters"),
    ])
    func placeRefused(place: String, message: String) {
        let failure = Self.failure(Self.draft(place: place))
        #expect(failure.fields == ["place"])
        #expect(failure.message(for: "place") == message)
    }

    @Test("A place of exactly 200 characters is accepted")
    func placeAtLimit() throws {
        let place = String(repeating: "a", count: 200)
        #expect(try Self.valid(Self.draft(place: place)).place == place)
    }

    // MARK: Notes and concern

    @Test("Notes and concern may run over several lines, up to 2000 characters")
    func multiline() throws {
        let text = "Line one.\r\nLine two.\n\tLine three."
        let long = String(repeating: "n", count: 2000)
        let contact = try Self.valid(Self.draft(notes: text, concern: long))
        #expect(contact.notes == text)
        #expect(contact.concern == long)
    }

    @Test("Notes and concern over 2000 characters or with control characters are refused", arguments: [
        (String(repeating: "n", count: 2001), "must be 2000 characters or fewer"),
        ("Bell\u{0007}", "must not contain control characters"),
    ])
    func notesRefused(text: String, ending: String) {
        let notes = Self.failure(Self.draft(notes: text))
        #expect(notes.fields == ["notes"])
        #expect(notes.message(for: "notes") == "Notes \(ending)")
        let concern = Self.failure(Self.draft(concern: text))
        #expect(concern.fields == ["concern"])
        #expect(concern.message(for: "concern") == "Concern \(ending)")
    }

    // MARK: Every problem at once

    @Test("Every problem is reported together, in form order")
    func allTogether() {
        let failure = Self.failure(Self.draft(on: .iso("2027-01-01"), minutes: "2", types: ["nope"], place: nil,
                                              notes: String(repeating: "n", count: 2001), concern: "\u{0007}"))
        #expect(failure.fields == ["on", "minutes", "supportTypes", "place", "notes", "concern"])
    }

    // MARK: Accompanied appointments

    @Test("A contact is an accompanied appointment exactly when that support was given", arguments: [
        ([SupportType.accompaniedAppointment], true),
        ([.listening, .accompaniedAppointment], true),
        ([.listening, .formsAndLetters], false),
        ([], false),
    ] as [([SupportType], Bool)])
    func accompanied(types: [SupportType], expected: Bool) {
        let contact = Contact(on: Fixture.today, minutes: 30, supportTypes: types, place: "Office", notes: nil, concern: nil)
        #expect(contact.accompaniedAppointment == expected)
    }
}
