import Foundation
import Testing
@testable import WaymarkCore

@Suite("Demand for mentors against capacity")
struct DemandCapacityTests {

    static func referral(_ unit: String = "du1", _ referred: String, matched: String? = nil, closed: String? = nil) -> DemandReferral {
        DemandReferral(deliveryUnitID: unit, referredOn: ymd(referred), matchedOn: matched.map { ymd($0) }, closedOn: closed.map { ymd($0) })
    }

    static func mentor(_ unit: String = "du1", capacity: Int, moves: [(MentorState, String)] = [(.active, "2026-01-01")],
                       matches: [(String, String?)] = []) -> DemandMentor {
        DemandMentor(deliveryUnitID: unit, capacity: capacity, moves: moves.map { MentorReportFacts.StateOnDay($0.0, on: ymd($0.1)) },
                     matches: matches.map { (from: ymd($0.0), until: $0.1.map { ymd($0) }) })
    }

    static func point(_ unit: String, on day: String = "2026-11-23", referrals: [DemandReferral] = [], mentors: [DemandMentor] = []) -> DemandPoint? {
        DemandCapacity.points(units: [unit], referrals: referrals, mentors: mentors, on: [ymd(day)]).first
    }

    // MARK: Month ends

    @Test("The last day of each month, ending with today for the current month")
    func monthEnds() {
        #expect(DemandCapacity.monthEnds(3, through: ymd("2026-11-23")) == [ymd("2026-09-30"), ymd("2026-10-31"), ymd("2026-11-23")])
        #expect(DemandCapacity.monthEnds(1, through: ymd("2026-11-23")) == [ymd("2026-11-23")])
        #expect(DemandCapacity.monthEnds(0, through: ymd("2026-11-23")).isEmpty)
    }

    @Test("Month ends run back across the year end and through February")
    func monthEndsAcrossYears() {
        #expect(DemandCapacity.monthEnds(3, through: ymd("2026-01-31")) == [ymd("2025-11-30"), ymd("2025-12-31"), ymd("2026-01-31")])
        #expect(DemandCapacity.monthEnds(2, through: ymd("2028-03-10")) == [ymd("2028-02-29"), ymd("2028-03-10")])
        #expect(DemandCapacity.monthEnds(2, through: ymd("2027-03-01")) == [ymd("2027-02-28"), ymd("2027-03-01")])
        let year = DemandCapacity.monthEnds(12, through: ymd("2026-11-23"))
        #expect(year.count == 12)
        #expect(year.first == ymd("2025-12-31"))
        #expect(year == year.sorted())
    }

    // MARK: Waiting

    @Test("A referral waits from the day it is made until it is matched or closed", arguments: [
        // referred, matched, closed, waiting on 23 November 2026
        ("2026-11-23", String?.none, String?.none, true),
        ("2026-11-24", nil, nil, false),
        ("2026-01-10", nil, nil, true),
        ("2026-10-01", "2026-11-23", nil, false),
        ("2026-10-01", "2026-11-24", nil, true),
        ("2026-10-01", nil, "2026-11-23", false),
        ("2026-10-01", nil, "2026-11-24", true),
        ("2026-10-01", "2026-10-20", "2026-11-01", false),
    ])
    func waiting(referred: String, matched: String?, closed: String?, waiting: Bool) {
        let point = Self.point("du1", referrals: [Self.referral("du1", referred, matched: matched, closed: closed)])
        #expect(point?.waiting == (waiting ? 1 : 0))
    }

    @Test("Referrals count only towards their own delivery unit")
    func waitingByUnit() {
        let referrals = [Self.referral("du1", "2026-10-01"), Self.referral("du1", "2026-11-01"), Self.referral("du2", "2026-11-01"),
                         Self.referral("du1", "2026-09-01", matched: "2026-09-15")]
        let points = DemandCapacity.points(units: ["du1", "du2", "du3"], referrals: referrals, mentors: [], on: [ymd("2026-11-23")])
        #expect(points.map(\.deliveryUnitID) == ["du1", "du2", "du3"])
        #expect(points.map(\.waiting) == [2, 1, 0])
    }

    // MARK: Free places

    @Test("Free places are capacity less the matches held on the day")
    func freePlaces() {
        let mentor = Self.mentor(capacity: 3, matches: [
            ("2026-06-01", nil),           // held
            ("2026-07-01", "2026-12-01"),  // held: ends after the day
            ("2026-05-01", "2026-11-23"),  // ended on the day: the place is free again
            ("2026-03-01", "2026-04-01"),  // ended long ago
            ("2026-11-24", nil),           // starts after the day
        ])
        #expect(Self.point("du1", mentors: [mentor])?.freePlaces == 1)
        // Before any match began, every place is free.
        #expect(Self.point("du1", on: "2026-02-01", mentors: [mentor])?.freePlaces == 3)
        // A match proposed on the day takes its place that day.
        #expect(Self.point("du1", on: "2026-11-24", mentors: [mentor])?.freePlaces == 0)
    }

    @Test("A mentor holding more matches than their capacity gives no places, never a negative number")
    func overCapacity() {
        let mentor = Self.mentor(capacity: 1, matches: [("2026-06-01", nil), ("2026-07-01", nil)])
        #expect(Self.point("du1", mentors: [mentor])?.freePlaces == 0)
    }

    @Test("Only a mentor who is active on the day has places", arguments: [
        ([(MentorState.active, "2026-01-01")], 2),
        ([(MentorState.active, "2026-11-23")], 2),
        ([(MentorState.active, "2026-11-24")], 0),
        ([(MentorState.trained, "2026-01-01")], 0),
        ([(MentorState.active, "2026-01-01"), (.paused, "2026-10-01")], 0),
        ([(MentorState.active, "2026-01-01"), (.paused, "2026-10-01"), (.active, "2026-11-01")], 2),
        ([(MentorState.active, "2026-01-01"), (.movedOn, "2026-11-23")], 0),
        ([(MentorState.suspended, "2026-11-01"), (.active, "2026-01-01")], 0),
    ])
    func onlyActive(moves: [(MentorState, String)], places: Int) {
        #expect(Self.point("du1", mentors: [Self.mentor(capacity: 2, moves: moves)])?.freePlaces == places)
    }

    @Test("Mentors' places add up within their own delivery unit")
    func placesByUnit() {
        let mentors = [Self.mentor("du1", capacity: 2), Self.mentor("du1", capacity: 3, matches: [("2026-06-01", nil)]),
                       Self.mentor("du2", capacity: 4), Self.mentor("du2", capacity: 5, moves: [(.paused, "2026-01-01")])]
        let points = DemandCapacity.points(units: ["du1", "du2"], referrals: [], mentors: mentors, on: [ymd("2026-11-23")])
        #expect(points.map(\.freePlaces) == [4, 4])
    }

    @Test("Points come day by day, each day covering every unit")
    func pointsOrder() {
        let days = DemandCapacity.monthEnds(2, through: ymd("2026-11-23"))
        let points = DemandCapacity.points(units: ["du1", "du2"], referrals: [Self.referral("du2", "2026-11-01")], mentors: [], on: days)
        #expect(points.map(\.on) == [ymd("2026-10-31"), ymd("2026-10-31"), ymd("2026-11-23"), ymd("2026-11-23")])
        #expect(points.map(\.deliveryUnitID) == ["du1", "du2", "du1", "du2"])
        #expect(points.map(\.waiting) == [0, 0, 0, 1])
    }

    @Test("Shortfall is waiting less free places, never below zero")
    func shortfall() {
        let short = DemandPoint(on: Fixture.today, deliveryUnitID: "du1", waiting: 7, freePlaces: 3)
        #expect(short.shortfall == 4)
        #expect(short.demandExceedsSupply)
        let even = DemandPoint(on: Fixture.today, deliveryUnitID: "du1", waiting: 3, freePlaces: 3)
        #expect(even.shortfall == 0)
        #expect(!even.demandExceedsSupply)
        let spare = DemandPoint(on: Fixture.today, deliveryUnitID: "du1", waiting: 1, freePlaces: 3)
        #expect(spare.shortfall == 0)
        #expect(!spare.demandExceedsSupply)
    }

    // MARK: Where to recruit

    @Test("Recruit first where the shortfall on the latest day is largest")
    func recruitFirst() {
        func p(_ day: String, _ unit: String, _ waiting: Int, _ free: Int) -> DemandPoint {
            DemandPoint(on: ymd(day), deliveryUnitID: unit, waiting: waiting, freePlaces: free)
        }
        let points = [
            // An earlier month, where du4 was far short: it no longer counts.
            p("2026-10-31", "du4", 20, 0), p("2026-10-31", "du1", 9, 0),
            p("2026-11-23", "du1", 5, 3),   // short by 2
            p("2026-11-23", "du2", 9, 1),   // short by 8
            p("2026-11-23", "du3", 2, 2),   // not short
            p("2026-11-23", "du4", 0, 6),   // spare places
            p("2026-11-23", "du6", 4, 2),   // short by 2, after du1 by name
            p("2026-11-23", "du5", 7, 0),   // short by 7
        ]
        let first = DemandCapacity.recruitFirst(points)
        #expect(first.map(\.deliveryUnitID) == ["du2", "du5", "du1", "du6"])
        #expect(first.map(\.shortfall) == [8, 7, 2, 2])
        #expect(first.allSatisfy { $0.on == ymd("2026-11-23") })
    }

    @Test("Nowhere to recruit when there are no points or nobody is short")
    func recruitNowhere() {
        #expect(DemandCapacity.recruitFirst([]).isEmpty)
        #expect(DemandCapacity.recruitFirst([DemandPoint(on: Fixture.today, deliveryUnitID: "du1", waiting: 2, freePlaces: 2)]).isEmpty)
    }

    @Test("From referrals and mentors to where to recruit")
    func endToEnd() {
        let referrals = [Self.referral("du1", "2026-10-01"), Self.referral("du1", "2026-10-02"), Self.referral("du1", "2026-11-01"),
                         Self.referral("du2", "2026-11-01"), Self.referral("du2", "2026-09-01", closed: "2026-11-20")]
        let mentors = [Self.mentor("du1", capacity: 2, matches: [("2026-10-05", nil)]), Self.mentor("du2", capacity: 3)]
        let points = DemandCapacity.points(units: ["du1", "du2"], referrals: referrals, mentors: mentors,
                                           on: DemandCapacity.monthEnds(3, through: Fixture.today))
        // 23 November: du1 has 3 waiting and 1 place; du2 1 waiting and 3 places.
        #expect(points.suffix(2).map(\.waiting) == [3, 1])
        #expect(points.suffix(2).map(\.freePlaces) == [1, 3])
        // 30 September: only du2's first referral was waiting.
        #expect(points.prefix(2).map(\.waiting) == [0, 1])
        let first = DemandCapacity.recruitFirst(points)
        #expect(first.map(\.deliveryUnitID) == ["du1"])
        #expect(first.first?.shortfall == 2)
    }

    @Test("Mentors compare by their matches too")
    func mentorEquality() {
        #expect(Self.mentor(capacity: 2, matches: [("2026-06-01", nil)]) == Self.mentor(capacity: 2, matches: [("2026-06-01", nil)]))
        #expect(Self.mentor(capacity: 2, matches: [("2026-06-01", nil)]) != Self.mentor(capacity: 2, matches: [("2026-06-01", "2026-07-01")]))
        #expect(Self.mentor(capacity: 2) != Self.mentor(capacity: 3))
    }
}
