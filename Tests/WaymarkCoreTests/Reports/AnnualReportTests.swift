import Foundation
import Testing
@testable import WaymarkCore

/// Hand-built facts for two delivery units, with records inside and outside the reporting
/// year 2025-26 (1 April 2025 to 31 March 2026), reported on 23 November 2026. Every figure
/// the report must give for them is worked out by hand in `AnnualReportTests.expected`.
enum ReportFixture {
    static let year = ReportingYear(2025)
    static let asOf = Fixture.today

    typealias Move = MentorReportFacts.StateOnDay

    static func move(_ state: MentorState, _ iso: String) -> Move { Move(state, on: ymd(iso)) }

    static func step(_ stage: EmploymentStage, _ iso: String) -> EmploymentStep {
        EmploymentStep(role: "Case Supporter", employer: "Essex CRC", stage: stage, on: ymd(iso), notes: nil)
    }

    static func wellbeing(_ iso: String, _ score: Int, _ measure: SelfRatingMeasure = .wellbeing) -> WellbeingRating {
        WellbeingRating(on: ymd(iso), score: score, source: .selfReport, notes: nil, measure: measure)
    }

    static func goals(_ outcomes: GoalOutcome...) -> [GoalResult] {
        outcomes.enumerated().map { GoalResult(goal: "Goal \($0.offset + 1)", outcome: $0.element, comment: nil) }
    }

    static func session(_ unit: String, _ iso: String, cancelled: Bool = false, _ attendance: [AttendanceOutcome],
                        feedback: [(Int, Int)] = []) -> SessionReportFacts {
        SessionReportFacts(deliveryUnitID: unit, date: ymd(iso), cancelled: cancelled, attendance: attendance,
                           feedback: feedback.map { Feedback(before: $0.0, after: $0.1, comment: nil) })
    }

    static func activity(_ unit: String, _ iso: String, _ minutes: Int) -> ActivityReportFacts {
        ActivityReportFacts(deliveryUnitID: unit, on: ymd(iso), minutes: minutes)
    }

    static func rarOrder(_ unit: String, total: Int, _ dates: [String]) -> RAROrderReportFacts {
        RAROrderReportFacts(deliveryUnitID: unit, totalDays: total, creditedDates: Set(dates.map { ymd($0) }))
    }

    static let mentors: [MentorReportFacts] = [
        // du1 — m1: recommended, trained, accredited (first qualification) and made active, all in the year.
        // Offended before training (does not count). Waiting to start a job at the year end.
        MentorReportFacts(id: "m1", deliveryUnitID: "du1", recommendedOn: ymd("2025-05-10"), trainedOn: ymd("2025-07-01"),
                          accreditedOn: ymd("2025-09-15"), firstQualification: true,
                          moves: [move(.active, "2025-08-01"), move(.recommended, "2025-05-10"), move(.inTraining, "2025-06-01"),
                                  move(.trained, "2025-07-01")],
                          employment: [step(.applied, "2025-11-01"), step(.offered, "2026-01-10"), step(.waitingToStart, "2026-02-01")],
                          offences: [ymd("2025-06-15")],
                          wellbeing: [wellbeing("2025-12-01", 6), wellbeing("2026-05-01", 2), wellbeing("2026-03-01", 7), wellbeing("2025-08-01", 4),
                                      // Confidence: 2 then 3 before training (the last, 3, counts), 7 and 9 after (the first, 7, counts): +4.
                                      wellbeing("2025-05-15", 2, .confidence), wellbeing("2025-06-20", 3, .confidence),
                                      wellbeing("2025-07-01", 7, .confidence), wellbeing("2025-09-01", 9, .confidence),
                                      // Belonging: 4 before, 6 after: +2.
                                      wellbeing("2025-06-01", 4, .belonging), wellbeing("2025-08-01", 6, .belonging)]),
        // du1 — m2: active since before the year and still active. Accredited on the year's first day
        // (not a first qualification). Reoffended in the year, after training. Employed at the year end.
        MentorReportFacts(id: "m2", deliveryUnitID: "du1", recommendedOn: ymd("2024-11-01"), trainedOn: ymd("2025-01-10"),
                          accreditedOn: ymd("2025-04-01"), firstQualification: false,
                          moves: [move(.recommended, "2024-11-01"), move(.trained, "2025-01-10"), move(.active, "2025-02-01")],
                          employment: [step(.applied, "2025-06-01"), step(.employed, "2025-09-01")],
                          offences: [ymd("2025-10-10")],
                          wellbeing: [wellbeing("2025-05-01", 5), wellbeing("2026-03-31", 4),
                                      // Trained before the year: confidence before and after does not count.
                                      wellbeing("2024-12-01", 2, .confidence), wellbeing("2025-05-01", 8, .confidence)]),
        // du1 — m3: recommended on the year's first day, found not eligible; an offence in the year but never trained.
        MentorReportFacts(id: "m3", deliveryUnitID: "du1", recommendedOn: ymd("2025-04-01"), trainedOn: nil, accreditedOn: nil,
                          firstQualification: false, moves: [move(.recommended, "2025-04-01"), move(.ineligible, "2025-04-20")],
                          offences: [ymd("2025-08-01")]),
        // du1 — m4: paused before the year began (not active in it). Accredited long ago (a first
        // qualification, but not in this year). Offended after the year. Offered a job on the year's
        // last day and employed after it: "offered" at the year end.
        MentorReportFacts(id: "m4", deliveryUnitID: "du1", recommendedOn: ymd("2023-01-01"), trainedOn: ymd("2023-03-01"),
                          accreditedOn: ymd("2024-01-01"), firstQualification: true,
                          moves: [move(.trained, "2023-03-01"), move(.active, "2023-04-01"), move(.paused, "2025-03-15")],
                          employment: [step(.employed, "2026-05-01"), step(.offered, "2026-03-31")],
                          offences: [ymd("2026-04-02")]),
        // du2 — m5: recommended on the year's last day.
        MentorReportFacts(id: "m5", deliveryUnitID: "du2", recommendedOn: ymd("2026-03-31"), trainedOn: nil, accreditedOn: nil,
                          firstQualification: false, moves: [move(.recommended, "2026-03-31")]),
        // du2 — m6: recommended the day after the year ended.
        MentorReportFacts(id: "m6", deliveryUnitID: "du2", recommendedOn: ymd("2026-04-01"), trainedOn: nil, accreditedOn: nil,
                          firstQualification: false, moves: [move(.recommended, "2026-04-01")]),
        // du2 — m7: trained the day before the year began; accredited (first qualification) and made active
        // on its last day. Offended on the training day (outside the year) and again in the year.
        // Employed at the year end. Only one wellbeing rating in the year.
        MentorReportFacts(id: "m7", deliveryUnitID: "du2", recommendedOn: ymd("2024-06-01"), trainedOn: ymd("2025-03-31"),
                          accreditedOn: ymd("2026-03-31"), firstQualification: true,
                          moves: [move(.trained, "2025-03-31"), move(.active, "2026-03-31"), move(.paused, "2026-05-01")],
                          employment: [step(.waitingToStart, "2025-10-01"), step(.employed, "2026-02-01")],
                          offences: [ymd("2025-03-31"), ymd("2025-12-25")],
                          wellbeing: [wellbeing("2025-03-01", 9), wellbeing("2025-06-01", 3)]),
        // du2 — m8: made active only after the year. Waiting to start a job at the year end. Wellbeing unchanged.
        MentorReportFacts(id: "m8", deliveryUnitID: "du2", recommendedOn: ymd("2024-01-01"), trainedOn: ymd("2024-03-01"),
                          accreditedOn: nil, firstQualification: false,
                          moves: [move(.trained, "2024-03-01"), move(.active, "2026-04-01")],
                          employment: [step(.waitingToStart, "2025-12-01")],
                          wellbeing: [wellbeing("2025-04-10", 6), wellbeing("2025-09-10", 6)]),
        // du2 — m9: active before the year, moved on during it (active on some days of the year).
        // Employed before the year, then another destination in it.
        MentorReportFacts(id: "m9", deliveryUnitID: "du2", recommendedOn: ymd("2023-06-01"), trainedOn: ymd("2023-09-01"),
                          accreditedOn: nil, firstQualification: false,
                          moves: [move(.active, "2023-10-01"), move(.movedOn, "2025-06-30")],
                          employment: [step(.employed, "2024-12-01"), step(.otherDestination, "2025-12-01")]),
    ]

    static let cohorts = [
        CohortReportFacts(deliveryUnitID: "du1", startDate: ymd("2025-06-01")),
        CohortReportFacts(deliveryUnitID: "du1", startDate: ymd("2025-09-01")),
        CohortReportFacts(deliveryUnitID: "du2", startDate: ymd("2025-03-01")),
        CohortReportFacts(deliveryUnitID: "du2", startDate: ymd("2026-04-01")),
    ]

    static let referrals = [
        // du1 — r1: referred and completed in the year. Accommodation and ETE improved, drugs the same;
        // a review-stage rating in between counts for nothing.
        ReferralReportFacts(id: "r1", deliveryUnitID: "du1", referredOn: ymd("2025-05-01"), state: .completed, closedOn: ymd("2025-12-01"),
                            goals: goals(.achieved, .achieved, .partiallyAchieved), orderOutcome: .completed,
                            outcomes: [measured(.referral, "2025-05-02", [.accommodation: "homeless", .educationTrainingEmployment: "none",
                                                                          .substanceMisuse: "problematic"]),
                                       measured(.review, "2025-08-01", [.accommodation: "settled"]),
                                       measured(.closure, "2025-11-30", [.accommodation: "temporary", .educationTrainingEmployment: "working",
                                                                         .substanceMisuse: "problematic"])]),
        // du1 — r2: referred before the year, completed in it. Accommodation worse; ETE only rated at closure.
        ReferralReportFacts(id: "r2", deliveryUnitID: "du1", referredOn: ymd("2024-12-01"), state: .completed, closedOn: ymd("2025-06-01"),
                            goals: goals(.notAchieved), orderOutcome: .revokedForBreach,
                            outcomes: [measured(.referral, "2024-12-05", [.accommodation: "settled"]),
                                       measured(.closure, "2025-05-30", [.accommodation: "homeless", .educationTrainingEmployment: "learning"])]),
        // du1 — r3: referred in the year, still on programme.
        ReferralReportFacts(id: "r3", deliveryUnitID: "du1", referredOn: ymd("2025-07-01"), state: .onProgramme, closedOn: nil),
        // du1 — r4: referred the day before the year, completed the day after it: neither counts.
        ReferralReportFacts(id: "r4", deliveryUnitID: "du1", referredOn: ymd("2025-03-31"), state: .completed, closedOn: ymd("2026-04-01"),
                            goals: goals(.achieved), orderOutcome: .completed,
                            outcomes: [measured(.referral, "2025-03-31", [.accommodation: "homeless"]),
                                       measured(.closure, "2026-03-31", [.accommodation: "settled"])]),
        // du2 — r5: referred on the year's first day, completed on its last. Accommodation: first at referral
        // "temporary" (a later referral rating says "homeless"), last at closure with it "temporary": the same.
        // Engagement: first at referral "partly", last at closure "engaging" (an earlier closure rating says
        // "partly"): improved.
        ReferralReportFacts(id: "r5", deliveryUnitID: "du2", referredOn: ymd("2025-04-01"), state: .completed, closedOn: ymd("2026-03-31"),
                            goals: goals(.achieved, .notAchieved), orderOutcome: .terminatedEarly,
                            outcomes: [measured(.closure, "2026-03-30", [.engagementWithSupervision: "engaging"]),
                                       measured(.referral, "2025-05-01", [.accommodation: "homeless"]),
                                       measured(.referral, "2025-04-02", [.accommodation: "temporary", .engagementWithSupervision: "partly"]),
                                       measured(.closure, "2026-03-01", [.accommodation: "temporary", .engagementWithSupervision: "partly"])]),
        // du2 — r6: referred in the year and withdrawn: a referral, but not completed.
        ReferralReportFacts(id: "r6", deliveryUnitID: "du2", referredOn: ymd("2026-03-15"), state: .withdrawn, closedOn: ymd("2026-03-20")),
        // du2 — r7: completed, order transferred, no goals; accredited programme completed.
        ReferralReportFacts(id: "r7", deliveryUnitID: "du2", referredOn: ymd("2025-10-01"), state: .completed, closedOn: ymd("2026-02-01"),
                            orderOutcome: .transferred,
                            outcomes: [measured(.referral, "2025-10-02", [.accreditedProgramme: "notCompleted"]),
                                       measured(.closure, "2026-01-30", [.accreditedProgramme: "completed"])]),
        // du2 — r8: completed with the order still running; family only rated at referral and review.
        ReferralReportFacts(id: "r8", deliveryUnitID: "du2", referredOn: ymd("2025-11-01"), state: .completed, closedOn: ymd("2026-03-01"),
                            goals: goals(.partiallyAchieved), orderOutcome: .active,
                            outcomes: [measured(.referral, "2025-11-02", [.familyRelationships: "brokenDown"]),
                                       measured(.review, "2026-01-01", [.familyRelationships: "supportive"])]),
    ]

    static let matches = [
        MatchReportFacts(deliveryUnitID: "du1", startedOn: ymd("2025-06-01")),
        MatchReportFacts(deliveryUnitID: "du1", startedOn: nil),
        MatchReportFacts(deliveryUnitID: "du1", startedOn: ymd("2025-03-31")),
        MatchReportFacts(deliveryUnitID: "du2", startedOn: ymd("2026-03-31")),
        MatchReportFacts(deliveryUnitID: "du2", startedOn: ymd("2025-04-01")),
        MatchReportFacts(deliveryUnitID: "du2", startedOn: ymd("2026-06-01")),
    ]

    static let contacts = [
        activity("du1", "2025-04-01", 60), activity("du1", "2025-10-10", 45), activity("du1", "2026-04-01", 30),
        activity("du2", "2026-03-31", 90), activity("du2", "2025-03-31", 120), activity("du2", "2025-12-12", 20),
    ]

    static let volunteering = [
        activity("du1", "2025-05-05", 150), activity("du1", "2026-03-31", 30), activity("du1", "2025-03-01", 600),
        activity("du2", "2025-08-08", 300), activity("du2", "2026-12-01", 240),
    ]

    static let sessions = [
        session("du1", "2025-05-05", [.attendedComplied, .attendedComplied, .attendedFailedToComply, .acceptableAbsence, .unacceptableAbsence],
                feedback: [(2, 4), (3, 4)]),
        session("du1", "2025-06-06", cancelled: true, [.attendedComplied], feedback: [(1, 5)]),
        session("du1", "2026-04-10", [.attendedComplied], feedback: [(1, 2)]),
        session("du1", "2026-01-15", [.sentHomeBehaviour, .failedToAttend, .acceptableAbsence]),
        session("du2", "2025-04-01", [.attendedComplied, .sentHomeServiceIssues, .attendedComplied], feedback: [(3, 3)]),
        session("du2", "2025-03-31", [.failedToAttend], feedback: [(5, 1)]),
        session("du2", "2026-03-31", cancelled: true, []),
    ]

    static let rarOrders = [
        // Cap 3: the day before the year uses one, so only 2 of the 3 in-year days count.
        rarOrder("du1", total: 3, ["2025-06-10", "2025-03-20", "2025-05-10", "2025-04-10"]),
        rarOrder("du1", total: 10, ["2025-07-01", "2025-07-08", "2026-04-01"]),
        // Cap 2 bites inside the year.
        rarOrder("du2", total: 2, ["2025-09-01", "2025-09-02", "2025-09-03"]),
        rarOrder("du2", total: 5, ["2026-03-31", "2026-04-01"]),
    ]

    static let facts = ReportFacts(deliveryUnitIDs: ["du1", "du2"], mentors: mentors, cohorts: cohorts, referrals: referrals, matches: matches,
                                   contacts: contacts, volunteering: volunteering, sessions: sessions, rarOrders: rarOrders)
}

@Suite("Annual report figures")
struct AnnualReportTests {

    /// Every figure for the fixture, as (area, du1, du2), worked out by hand.
    static let expected: [String: (Double, Double, Double)] = [
        // m1, m3, m5 recommended in the year (m1, m3 in du1).
        "candidates": (3, 2, 1),
        // Only m1 trained in the year; m7 trained the day before it.
        "trained": (1, 1, 0),
        // m1, m2 (on the first day) and m7 (on the last day).
        "accredited": (3, 2, 1),
        // m1 and m7; m2's was not a first; m4's first was in an earlier year.
        "firstQualification": (2, 1, 1),
        // du1 ran two cohorts in the year (counted once); du2's fell either side of it.
        "trainingDeliveryUnits": (1, 1, 0),
        "deliveryUnits": (2, 1, 1),
        // m1 (active mid-year), m2 (active throughout), m7 (active on the last day), m9 (active until
        // moving on in June). Not m4 (paused before the year) nor m8 (active only after it).
        "activeMentors": (4, 2, 2),
        // r1, r3; r5, r6, r7, r8.
        "referrals": (6, 2, 4),
        "matches": (3, 1, 2),
        "contacts": (4, 2, 2),
        // du1 105 min = 1.75 h → 1.8; du2 110 min = 1.83 h → 1.8; area 215 min = 3.58 h → 3.6.
        "contactHours": (3.6, 1.8, 1.8),
        // du1 150 + 30 min = 3 h; du2 300 min = 5 h (the 240 min after the report day is left out).
        "volunteerHours": (8, 3, 5),
        // du1: 5 May and 15 January (6 June was cancelled, 10 April 2026 is after the year); du2: 1 April.
        "sessions": (3, 2, 1),
        "attendanceRecorded": (11, 8, 3),
        "attended": (7, 4, 3),
        "acceptableAbsences": (2, 2, 0),
        "unacceptableAbsences": (2, 2, 0),
        // 7 ÷ (7 + 2) = 77.8%; du1 4 ÷ (4 + 2) = 66.7%; du2 3 ÷ 3 = 100%.
        "attendanceRate": (77.8, 66.7, 100),
        // du1: 2 (cap 3, one used before the year) + 2; du2: 2 (cap 2) + 1.
        "rarDaysDelivered": (7, 4, 3),
        "feedbackResponses": (3, 2, 1),
        // du1 (+2, +1) → 1.5; du2 (0) → 0; area (2 + 1 + 0) ÷ 3 = 1.
        "feedbackUplift": (1, 1.5, 0),
        // r1, r2; r5, r7, r8 (r4 closed after the year; r6 was withdrawn).
        "referralsClosed": (5, 2, 3),
        "goalsAgreed": (7, 4, 3),
        "goalsAchieved": (3, 2, 1),
        "goalsPartlyAchieved": (2, 1, 1),
        "goalsNotAchieved": (2, 1, 1),
        // Accommodation: r1 improved, r2 worse, r5 the same.
        "accommodationMeasured": (3, 2, 1),
        "accommodationImproved": (1, 1, 0),
        // ETE: r1 improved; r2 only rated at closure.
        "educationTrainingEmploymentMeasured": (1, 1, 0),
        "educationTrainingEmploymentImproved": (1, 1, 0),
        // Drugs and alcohol: r1 the same.
        "substanceMisuseMeasured": (1, 1, 0),
        "substanceMisuseImproved": (0, 0, 0),
        // Family: r8 only at referral and review.
        "familyRelationshipsMeasured": (0, 0, 0),
        "familyRelationshipsImproved": (0, 0, 0),
        // Engagement: r5 improved.
        "engagementWithSupervisionMeasured": (1, 0, 1),
        "engagementWithSupervisionImproved": (1, 0, 1),
        // Accredited programme: r7 improved.
        "accreditedProgrammeMeasured": (1, 0, 1),
        "accreditedProgrammeImproved": (1, 0, 1),
        "orderCompleted": (1, 1, 0),
        "orderRevokedForBreach": (1, 1, 0),
        "orderTerminatedEarly": (1, 0, 1),
        // r7 transferred, r8 still running.
        "orderOther": (2, 0, 2),
        // m2 and m7; not m1 (before training), m3 (never trained) nor m4 (after the year).
        "mentorsReoffended": (2, 1, 1),
        // At 31 March 2026: m2 and m7 employed; m4 only offered; m9 gone to another destination.
        "mentorsEmployed": (2, 1, 1),
        // m1 and m8.
        "mentorsWaitingToStart": (2, 1, 1),
        // Only m1 completed training in the year with ratings before and after it; du2 has none (nan: nothing to measure).
        "confidenceRated": (1, 1, 0),
        "confidenceChange": (4, 4, .nan),
        "belongingRated": (1, 1, 0),
        "belongingChange": (2, 2, .nan),
        // m1 (+3 over three in-year ratings), m2 (−1), m8 (0); m7 has only one rating in the year.
        "wellbeingRated": (3, 2, 1),
        // Area (3 − 1 + 0) ÷ 3 = 0.67; du1 (3 − 1) ÷ 2 = 1; du2 0.
        "wellbeingChange": (0.67, 1, 0),
    ]

    static let report = AnnualReportRule.build(ReportFixture.facts, year: ReportFixture.year, asOf: ReportFixture.asOf)

    @Test("Every figure in the catalogue has a hand-worked value, and there are no others")
    func catalogueCovered() {
        #expect(Set(Self.expected.keys) == Set(ReportCatalogue.figures.map(\.key)))
        #expect(Set(Self.report.area.keys) == Set(ReportCatalogue.figures.map(\.key)))
        #expect(ReportCatalogue.figures.count == ReportCatalogue.byKey.count)
        #expect(Self.report.unitIDs == ["du1", "du2"])
        #expect(Self.report.year == ReportFixture.year)
        #expect(Self.report.asOf == ReportFixture.asOf)
        #expect(!Self.report.suppressed)
    }

    @Test("Each figure for the area and each delivery unit matches its definition", arguments: ReportCatalogue.figures.map(\.key))
    func figure(key: String) throws {
        let (area, du1, du2) = try #require(Self.expected[key])
        // NaN in the table stands for "nothing to measure".
        func cell(_ n: Double) -> FigureValue { n.isNaN ? .notAvailable : .number(n) }
        #expect(Self.report[key] == cell(area), "area")
        #expect(Self.report.column("du1")[key] == cell(du1), "du1")
        #expect(Self.report.column("du2")[key] == cell(du2), "du2")
    }

    @Test("Delivery units add up to the area for every count")
    func unitsAddUp() {
        for figure in ReportCatalogue.figures where figure.format == .count {
            let units = Self.report.unitIDs.compactMap { Self.report.column($0)[figure.key]?.number }
            #expect(units.count == 2, "\(figure.key)")
            #expect(units.reduce(0, +) == Self.report[figure.key].number, "\(figure.key)")
        }
    }

    @Test("Additive groups add up in every column")
    func groupsAddUp() {
        let columns = [Self.report.area] + Self.report.unitIDs.map { Self.report.column($0) }
        for column in columns {
            for group in ReportCatalogue.groups {
                let parts = group.parts.compactMap { column[$0]?.number }
                #expect(parts.count == group.parts.count)
                #expect(parts.reduce(0, +) == column[group.total]?.number, "\(group.total)")
            }
        }
    }

    @Test("A year with no feedback, attendance or wellbeing ratings has no mean to show")
    func nothingToMeasure() {
        // The previous year: only the du2 session of 31 March 2025 (feedback 5 → 1) and m7's rating of 1 March 2025.
        let previous = AnnualReportRule.build(ReportFixture.facts, year: ReportFixture.year.previous, asOf: ReportFixture.asOf)
        #expect(previous["feedbackResponses"] == .number(1))
        #expect(previous["feedbackUplift"] == .number(-4))
        #expect(previous.column("du1")["feedbackResponses"] == .number(0))
        #expect(previous.column("du1")["feedbackUplift"] == .notAvailable)
        #expect(previous.column("du1")["attendanceRate"] == .notAvailable)
        #expect(previous["wellbeingRated"] == .number(0))
        #expect(previous["wellbeingChange"] == .notAvailable)

        // Sessions with attendance but no feedback at all.
        let noFeedback = ReportFacts(deliveryUnitIDs: ["du1"], sessions: [
            ReportFixture.session("du1", "2025-05-05", [.attendedComplied, .acceptableAbsence]),
        ])
        let report = AnnualReportRule.build(noFeedback, year: ReportFixture.year, asOf: ReportFixture.asOf)
        #expect(report["sessions"] == .number(1))
        #expect(report["feedbackResponses"] == .number(0))
        #expect(report["feedbackUplift"] == .notAvailable)
        #expect(report["attendanceRate"] == .number(100))

        // Only acceptable absences: no rate to give.
        let onlyExcused = ReportFacts(deliveryUnitIDs: ["du1"], sessions: [ReportFixture.session("du1", "2025-05-05", [.acceptableAbsence])])
        #expect(AnnualReportRule.build(onlyExcused, year: ReportFixture.year, asOf: ReportFixture.asOf)["attendanceRate"] == .notAvailable)
    }

    @Test("No facts at all: every count is zero and every mean is not available")
    func empty() {
        let report = AnnualReportRule.build(ReportFacts(deliveryUnitIDs: []), year: ReportFixture.year, asOf: ReportFixture.asOf)
        for figure in ReportCatalogue.figures {
            switch figure.format {
            case .count, .organisational, .hours: #expect(report[figure.key] == .number(0), "\(figure.key)")
            case .percentage, .uplift, .mean: #expect(report[figure.key] == .notAvailable, "\(figure.key)")
            }
        }
        #expect(report.units.isEmpty)
        #expect(report.column("du1").isEmpty)
        #expect(report["noSuchFigure"] == .notAvailable)
    }

    // MARK: A year still running

    /// Year 2026-27 reported on 23 November 2026: anything dated after that day is left out.
    static let running: ReportFacts = {
        let mentors = [
            MentorReportFacts(id: "a", deliveryUnitID: "du1", recommendedOn: ymd("2026-11-23"), trainedOn: ymd("2026-11-23"),
                              accreditedOn: ymd("2026-11-23"), firstQualification: true,
                              moves: [ReportFixture.move(.trained, "2026-11-23")], employment: [ReportFixture.step(.employed, "2026-11-23")],
                              offences: [ymd("2026-11-23")], wellbeing: [ReportFixture.wellbeing("2026-06-01", 5), ReportFixture.wellbeing("2026-11-23", 8)]),
            MentorReportFacts(id: "b", deliveryUnitID: "du1", recommendedOn: ymd("2026-11-24"), trainedOn: ymd("2026-11-24"),
                              accreditedOn: ymd("2026-12-01"), firstQualification: true,
                              moves: [ReportFixture.move(.trained, "2026-11-24"), ReportFixture.move(.active, "2026-12-01")],
                              employment: [ReportFixture.step(.applied, "2026-10-01"), ReportFixture.step(.employed, "2026-12-01")],
                              offences: [ymd("2026-12-01")], wellbeing: [ReportFixture.wellbeing("2026-06-01", 5), ReportFixture.wellbeing("2026-12-01", 9)]),
            MentorReportFacts(id: "c", deliveryUnitID: "du1", recommendedOn: ymd("2025-01-01"), trainedOn: ymd("2025-02-01"),
                              accreditedOn: nil, firstQualification: false, moves: [ReportFixture.move(.active, "2026-11-23")]),
        ]
        return ReportFacts(
            deliveryUnitIDs: ["du1"], mentors: mentors,
            cohorts: [CohortReportFacts(deliveryUnitID: "du1", startDate: ymd("2027-01-10"))],
            referrals: [
                ReferralReportFacts(id: "r1", deliveryUnitID: "du1", referredOn: ymd("2026-11-23"), state: .awaitingAllocation, closedOn: nil),
                ReferralReportFacts(id: "r2", deliveryUnitID: "du1", referredOn: ymd("2026-11-24"), state: .awaitingAllocation, closedOn: nil),
                ReferralReportFacts(id: "r3", deliveryUnitID: "du1", referredOn: ymd("2026-05-01"), state: .completed, closedOn: ymd("2026-12-01"),
                                    goals: ReportFixture.goals(.achieved), orderOutcome: .completed),
            ],
            matches: [MatchReportFacts(deliveryUnitID: "du1", startedOn: ymd("2026-11-23")),
                      MatchReportFacts(deliveryUnitID: "du1", startedOn: ymd("2026-11-30"))],
            contacts: [ReportFixture.activity("du1", "2026-11-23", 30), ReportFixture.activity("du1", "2026-11-24", 60)],
            volunteering: [ReportFixture.activity("du1", "2026-11-01", 90), ReportFixture.activity("du1", "2026-12-01", 600)],
            sessions: [ReportFixture.session("du1", "2026-11-23", [.attendedComplied], feedback: [(2, 5)]),
                       ReportFixture.session("du1", "2026-11-30", [], feedback: [(1, 1)])],
            rarOrders: [ReportFixture.rarOrder("du1", total: 10, ["2026-11-23", "2026-11-30"])])
    }()

    @Test("A year still running is reported to date: nothing after the report day counts")
    func runningYear() {
        let report = AnnualReportRule.build(Self.running, year: ReportingYear(2026), asOf: Fixture.today)
        let expected: [String: Double] = [
            "candidates": 1, "trained": 1, "accredited": 1, "firstQualification": 1, "trainingDeliveryUnits": 0, "deliveryUnits": 1,
            // c became active on the report day; b only after it.
            "activeMentors": 1,
            // r1 on the report day and r3 in May; r2 the day after. r3 closes only after the report day.
            "referrals": 2, "matches": 1, "contacts": 1, "contactHours": 0.5, "volunteerHours": 1.5,
            "sessions": 1, "attendanceRecorded": 1, "attended": 1, "attendanceRate": 100, "rarDaysDelivered": 1,
            "feedbackResponses": 1, "feedbackUplift": 3,
            "referralsClosed": 0, "goalsAgreed": 0, "orderCompleted": 0,
            "mentorsReoffended": 1, "mentorsEmployed": 1, "mentorsWaitingToStart": 0,
            "wellbeingRated": 1, "wellbeingChange": 3,
        ]
        for (key, value) in expected {
            #expect(report[key] == .number(value), "\(key)")
        }
    }

    @Test("A year that has not started yet has nobody active in it")
    func notStarted() {
        let report = AnnualReportRule.build(ReportFixture.facts, year: ReportingYear(2027), asOf: Fixture.today)
        #expect(report["activeMentors"] == .number(0))
        #expect(report["candidates"] == .number(0))
        #expect(report["sessions"] == .number(0))
    }

    /// The employment step for `waitingToStart` is dated with the job's start date, which may be
    /// ahead (see `EmploymentStepDraft` and the OpenAPI description). A mentor with a start date
    /// after the report day is waiting to start from the day the step was recorded.
    @Test("A mentor whose job starts after the report day is waiting to start")
    func waitingWithStartDateAhead() {
        let mentor = MentorReportFacts(id: "w", deliveryUnitID: "du1", recommendedOn: ymd("2024-01-01"), trainedOn: ymd("2024-03-01"),
                                       accreditedOn: nil, firstQualification: false, moves: [ReportFixture.move(.active, "2024-04-01")],
                                       employment: [ReportFixture.step(.applied, "2026-09-01"), ReportFixture.step(.offered, "2026-10-01"),
                                                    EmploymentStep(role: "Case Supporter", employer: "Essex CRC", stage: .waitingToStart,
                                                                   on: ymd("2026-12-07"), notes: nil, recordedOn: ymd("2026-10-20"))])
        let report = AnnualReportRule.build(ReportFacts(deliveryUnitIDs: ["du1"], mentors: [mentor]), year: ReportingYear(2026), asOf: Fixture.today)
        #expect(report["mentorsWaitingToStart"] == .number(1))
        #expect(report["mentorsEmployed"] == .number(0))
    }

    /// The store lists a mentor's steps oldest first, by date and then by when they were recorded
    /// (ReportRepository), so of two steps on one day the later one in the list is where they stand.
    @Test("Of two employment steps on the same day, the one recorded later is where the mentor stands")
    func sameDaySteps() {
        let mentor = MentorReportFacts(id: "s", deliveryUnitID: "du1", recommendedOn: ymd("2024-01-01"), trainedOn: ymd("2024-03-01"),
                                       accreditedOn: nil, firstQualification: false, moves: [ReportFixture.move(.active, "2024-04-01")],
                                       employment: [ReportFixture.step(.applied, "2025-10-01"), ReportFixture.step(.offered, "2026-02-01"),
                                                    ReportFixture.step(.employed, "2026-02-01")])
        #expect(mentor.employmentStage(on: ymd("2026-03-31")) == .employed)
        let report = AnnualReportRule.build(ReportFacts(deliveryUnitIDs: ["du1"], mentors: [mentor]), year: ReportFixture.year, asOf: ReportFixture.asOf)
        #expect(report["mentorsEmployed"] == .number(1))
    }

    @Test("A delivery unit's facts are only its own")
    func restricted() {
        let du2 = ReportFixture.facts.restricted(to: "du2")
        #expect(du2.deliveryUnitIDs == ["du2"])
        #expect(du2.mentors.map(\.id) == ["m5", "m6", "m7", "m8", "m9"])
        #expect(du2.referrals.map(\.id) == ["r5", "r6", "r7", "r8"])
        #expect(du2.sessions.count == 3)
        #expect(du2.rarOrders.count == 2)
        #expect(ReportFixture.facts.restricted(to: "elsewhere").mentors.isEmpty)
    }

    @Test("A mentor's state at the end of a day follows their moves, listed in any order")
    func mentorState() {
        let m1 = ReportFixture.mentors[0]
        #expect(m1.state(on: ymd("2025-05-09")) == nil)
        #expect(m1.state(on: ymd("2025-05-10")) == .recommended)
        #expect(m1.state(on: ymd("2025-07-31")) == .trained)
        #expect(m1.state(on: ymd("2025-08-01")) == .active)
        #expect(m1.wasActive(from: ymd("2025-04-01"), through: ymd("2025-07-31")) == false)
        #expect(m1.wasActive(from: ymd("2025-04-01"), through: ymd("2025-08-01")))
        #expect(m1.employmentStage(on: ymd("2025-10-31")) == nil)
        #expect(m1.employmentStage(on: ymd("2026-01-10")) == .offered)
    }
}
