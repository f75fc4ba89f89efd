import Foundation
import Testing
@testable import WaymarkCore

@Suite("Match health")
struct MatchHealthTests {

    static let start = ymd("2026-08-03")

    static func day(_ n: Int) -> CalendarDate { start.adding(days: n) }

    static func flags(today: Int, contacts: [Int] = [], checkIns: [Int]? = nil, underReview: Bool = false,
                      settings: MatchHealthSettings = MatchHealthSettings()) -> [MatchFlag] {
        let todayDate = day(today)
        // By default every check-in due so far was held, so only what a test is about can be flagged.
        let held = checkIns.map { $0.map(day) } ?? MatchHealth.checkInsDue(startedOn: start, through: todayDate)
        return MatchHealth.flags(startedOn: start, contacts: contacts.map(day), checkIns: held, underReview: underReview,
                                 today: todayDate, settings: settings)
    }

    @Test("Defaults: first meeting within 14 days, contact at least every 21 days")
    func defaults() {
        let s = MatchHealthSettings()
        #expect(s.firstMeetingWithinDays == 14)
        #expect(s.contactAtLeastEveryDays == 21)
    }

    // MARK: First meeting

    @Test("With no contacts, the first meeting is overdue from day 15", arguments: [
        (0, false), (7, false), (14, false), (15, true), (16, true), (60, true),
    ])
    func firstMeeting(today: Int, overdue: Bool) {
        #expect(Self.flags(today: today).contains(.firstMeetingOverdue) == overdue)
    }

    @Test("Any contact means the first meeting was held, however late it was", arguments: [(20, 25), (1, 15), (40, 41)])
    func firstMeetingHeldLate(contact: Int, today: Int) {
        let flags = Self.flags(today: today, contacts: [contact])
        #expect(!flags.contains(.firstMeetingOverdue))
        #expect(flags.isEmpty)
    }

    @Test("With no contacts at all, only the first meeting is flagged, never 'no recent contact'")
    func noContactsEver() {
        let flags = Self.flags(today: 100)
        #expect(flags.contains(.firstMeetingOverdue))
        #expect(!flags.contains(.noRecentContact))
    }

    // MARK: Recent contact

    @Test("No contact for more than 21 days is flagged (day 21 fine, day 22 flagged)", arguments: [
        (0, false), (14, false), (21, false), (22, true), (40, true),
    ])
    func recentContact(daysSince: Int, flagged: Bool) {
        let flags = Self.flags(today: 10 + daysSince, contacts: [3, 10])
        #expect(flags.contains(.noRecentContact) == flagged)
        #expect(!flags.contains(.firstMeetingOverdue))
    }

    @Test("The latest contact counts, whatever order contacts are given in")
    func latestContactCounts() {
        #expect(Self.flags(today: 60, contacts: [50, 2, 20]).isEmpty)
        #expect(Self.flags(today: 72, contacts: [50, 2, 20]) == [.noRecentContact])
        #expect(Self.flags(today: 71, contacts: [50, 2, 20]).isEmpty)
    }

    // MARK: Check-ins

    @Test("Check-ins fall due at +14, +28, +58 and then every 30 days", arguments: [
        (-5, []), (0, []), (13, []), (14, [14]), (27, [14]), (28, [14, 28]), (57, [14, 28]), (58, [14, 28, 58]),
        (87, [14, 28, 58]), (88, [14, 28, 58, 88]), (118, [14, 28, 58, 88, 118]), (150, [14, 28, 58, 88, 118, 148]),
    ] as [(Int, [Int])])
    func checkInsDue(today: Int, offsets: [Int]) {
        #expect(MatchHealth.checkInsDue(startedOn: Self.start, through: Self.day(today)) == offsets.map(Self.day))
    }

    @Test("A check-in is overdue when fewer have been held than have fallen due", arguments: [
        (13, [], false),
        (15, [], true),
        (15, [14], false),
        (20, [3], false),                 // held early still counts
        (30, [14], true),
        (30, [14, 27], false),
        (60, [14, 28], true),
        (60, [14, 28, 59], false),
        (100, [14, 28, 58, 88], false),
        (100, [14, 28, 58], true),
        (30, [14, 40], true),             // a check-in recorded for a future day does not count yet
    ] as [(Int, [Int], Bool)])
    func checkInOverdue(today: Int, held: [Int], overdue: Bool) {
        let flags = Self.flags(today: today, contacts: [today], checkIns: held)
        #expect(flags.contains(.checkInOverdue) == overdue)
        #expect(flags.filter { $0 != .checkInOverdue }.isEmpty)
    }

    // MARK: Review and everything together

    @Test("A match under review is flagged as such, first")
    func underReview() {
        #expect(Self.flags(today: 5, underReview: true) == [.underReview])
        #expect(Self.flags(today: 5, underReview: false) == [])
        #expect(Self.flags(today: 30, checkIns: [], underReview: true) == [.underReview, .firstMeetingOverdue, .checkInOverdue])
    }

    @Test("A healthy match has no flags")
    func healthy() {
        #expect(Self.flags(today: 30, contacts: [3, 12, 25], checkIns: [14, 28]).isEmpty)
    }

    @Test("Every flag at once, in a fixed order")
    func everything() {
        #expect(Self.flags(today: 90, contacts: [10], checkIns: [14], underReview: true)
            == [.underReview, .noRecentContact, .checkInOverdue])
    }

    @Test("The thresholds are settings")
    func settings() {
        var s = MatchHealthSettings()
        s.firstMeetingWithinDays = 7
        s.contactAtLeastEveryDays = 10
        #expect(Self.flags(today: 7, settings: s).isEmpty)
        #expect(Self.flags(today: 8, settings: s) == [.firstMeetingOverdue])
        #expect(Self.flags(today: 12, contacts: [2], settings: s).isEmpty)
        #expect(Self.flags(today: 13, contacts: [2], settings: s) == [.noRecentContact])
    }

    @Test("Each flag has words for the page", arguments: MatchFlag.allCases)
    func labels(flag: MatchFlag) {
        #expect(!flag.label.isEmpty)
    }
}
