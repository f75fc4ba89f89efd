import Foundation
import Testing
@testable import WaymarkCore

@Suite("Training completion and cohorts")
struct TrainingTests {

    static func record(sessions: Int = 12, attended: Set<Int>, assessment: AssessmentResult? = .passed) -> TrainingRecord {
        TrainingRecord(sessions: sessions, attended: attended, assessment: assessment)
    }

    static func weeks(_ range: ClosedRange<Int>) -> Set<Int> { Set(range) }

    // MARK: Completion rule

    @Test("Attendance and a passed assessment complete training (12 sessions, 10 needed)", arguments: [
        (Set(1...12), AssessmentResult?.some(.passed), true),
        (Set(1...10), .passed, true),
        (Set(3...12), .passed, true),
        (Set([1, 2, 3, 5, 6, 7, 8, 10, 11, 12]), .passed, true),
        (Set(1...9), .passed, false),
        (Set<Int>(), .passed, false),
        (Set(1...12), .failed, false),
        (Set(1...12), nil, false),
        (Set(1...10), .failed, false),
    ])
    func completion(attended: Set<Int>, assessment: AssessmentResult?, complete: Bool) {
        let outcome = TrainingRule.outcome(Self.record(attended: attended, assessment: assessment), settings: .standard)
        #expect((outcome == .complete) == complete)
    }

    @Test("9 of 12 says how many were attended and how many are needed")
    func nineOfTwelve() {
        let outcome = TrainingRule.outcome(Self.record(attended: Self.weeks(1...9)), settings: .standard)
        #expect(outcome == .notComplete(["Attended 9 of 12 sessions; 10 are needed"]))
    }

    @Test("A failed or missing assessment says which", arguments: [
        (AssessmentResult?.some(.failed), "The assessment was not passed"),
        (nil, "The assessment has not been recorded"),
    ])
    func assessment(result: AssessmentResult?, message: String) {
        let outcome = TrainingRule.outcome(Self.record(attended: Self.weeks(1...12), assessment: result), settings: .standard)
        #expect(outcome == .notComplete([message]))
    }

    @Test("Both shortfalls are reported together")
    func bothMissing() {
        let outcome = TrainingRule.outcome(Self.record(attended: [1, 2, 3], assessment: nil), settings: .standard)
        #expect(outcome == .notComplete(["Attended 3 of 12 sessions; 10 are needed", "The assessment has not been recorded"]))
    }

    @Test("Week numbers outside 1...sessions are ignored", arguments: [
        (Set([0, 13, 14, -1, 99]).union(1...9), false, 9),
        (Set([0, 13]).union(1...10), true, 10),
        (Set([0, -3, 13, 20, 100, 12_000]), false, 0),
    ])
    func outOfRangeWeeks(attended: Set<Int>, complete: Bool, counted: Int) {
        let outcome = TrainingRule.outcome(Self.record(attended: attended), settings: .standard)
        if complete {
            #expect(outcome == .complete)
        } else {
            #expect(outcome == .notComplete(["Attended \(counted) of 12 sessions; 10 are needed"]))
        }
    }

    @Test("A shorter or longer cohort needs the same share of its sessions, rounded up", arguments: [
        (12, 10), (10, 9), (8, 7), (1, 1), (20, 17), (24, 20),
    ])
    func attendanceRequired(sessions: Int, required: Int) {
        #expect(TrainingRule.attendanceRequired(sessions: sessions, settings: .standard) == required)
    }

    @Test("A cohort of 8 sessions needs 7: a short cohort cannot lower the bar below 10 in 12")
    func eightSessionCohort() {
        #expect(TrainingRule.outcome(Self.record(sessions: 8, attended: Self.weeks(1...7)), settings: .standard) == .complete)
        #expect(TrainingRule.outcome(Self.record(sessions: 8, attended: Self.weeks(1...6)), settings: .standard)
                == .notComplete(["Attended 6 of 8 sessions; 7 are needed"]))
        // Week 9 and beyond do not exist in an 8-week cohort.
        #expect(TrainingRule.outcome(Self.record(sessions: 8, attended: Set(1...6).union([9, 10])), settings: .standard)
                == .notComplete(["Attended 6 of 8 sessions; 7 are needed"]))
    }

    @Test("Weeks whose session is still to come cannot have been attended")
    func futureWeeks() {
        let cohort = Cohort(id: "c", areaID: "a", siteID: "s", name: "Autumn", startDate: ymd("2026-10-05"), sessions: 12, trainers: "Sam")
        // Week 8 is 23 November (today); week 9 is 30 November.
        #expect(TrainingRule.futureWeeks(Set(1...8), cohort: cohort, today: Fixture.today).isEmpty)
        #expect(TrainingRule.futureWeeks(Set([1, 9, 12]), cohort: cohort, today: Fixture.today) == [9, 12])
    }

    @Test("The attendance needed is a setting")
    func settingChangesThreshold() {
        let settings = ProgrammeSettings(trainingAttendanceRequired: 8)
        #expect(TrainingRule.outcome(Self.record(attended: Self.weeks(1...8)), settings: settings) == .complete)
        #expect(TrainingRule.outcome(Self.record(attended: Self.weeks(1...7)), settings: settings)
                == .notComplete(["Attended 7 of 12 sessions; 8 are needed"]))
        let strict = ProgrammeSettings(trainingAttendanceRequired: 12)
        #expect(TrainingRule.outcome(Self.record(attended: Self.weeks(1...11)), settings: strict)
                == .notComplete(["Attended 11 of 12 sessions; 12 are needed"]))
    }

    @Test("Assessment labels")
    func assessmentLabels() {
        #expect(AssessmentResult.passed.label == "Passed")
        #expect(AssessmentResult.failed.label == "Not passed")
    }

    // MARK: CohortDraft

    static let sites: Set<String> = ["site-chelmsford", "site-basildon"]

    static func draft(name: String? = "Spring 2027 cohort", start: DateInput = .iso("2027-01-11"), sessions: String? = nil,
                      site: String? = "site-chelmsford", trainers: String? = "Sam Okafor") -> CohortDraft {
        CohortDraft(name: name, startDate: start, sessions: sessions, siteID: site, trainers: trainers)
    }

    static func failure(_ draft: CohortDraft, settings: ProgrammeSettings = .standard,
                        sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) {
            try draft.validated(today: Fixture.today, siteIDs: sites, settings: settings)
        }
    }

    @Test("A complete cohort draft is accepted, with the setting's number of sessions by default")
    func validCohort() throws {
        let cohort = try Self.draft(name: "  Spring 2027 cohort ", trainers: " Sam Okafor ")
            .validated(today: Fixture.today, siteIDs: Self.sites, settings: .standard)
        #expect(cohort == CohortDraft.Valid(name: "Spring 2027 cohort", startDate: ymd("2027-01-11"), sessions: 12,
                                            siteID: "site-chelmsford", trainers: "Sam Okafor"))
    }

    @Test("The default number of sessions follows the setting", arguments: [nil, "", "  "] as [String?])
    func defaultSessions(sessions: String?) throws {
        let cohort = try Self.draft(sessions: sessions)
            .validated(today: Fixture.today, siteIDs: Self.sites, settings: ProgrammeSettings(trainingSessions: 10))
        #expect(cohort.sessions == 10)
    }

    @Test("A given number of sessions from 1 to 52 is used", arguments: [("1", 1), ("8", 8), (" 12 ", 12), ("52", 52)])
    func givenSessions(text: String, count: Int) throws {
        let cohort = try Self.draft(sessions: text).validated(today: Fixture.today, siteIDs: Self.sites, settings: .standard)
        #expect(cohort.sessions == count)
    }

    @Test("Other numbers of sessions are refused", arguments: ["0", "53", "-1", "+8", "8.5", "eight", "1,2", "99999999999999999999"])
    func badSessions(text: String) {
        let failure = Self.failure(Self.draft(sessions: text))
        #expect(failure.fields == ["sessions"])
        #expect(failure.message(for: "sessions") == "Number of weekly sessions must be a whole number from 1 to 52")
    }

    @Test("The start date may be up to 2 years back, and ahead", arguments: [
        ("2024-11-23", true), ("2024-11-22", false), ("2026-11-23", true), ("2027-06-01", true),
    ])
    func startDate(start: String, accepted: Bool) throws {
        let draft = Self.draft(start: .iso(start))
        if accepted {
            #expect(try draft.validated(today: Fixture.today, siteIDs: Self.sites, settings: .standard).startDate == ymd(start))
        } else {
            let failure = Self.failure(draft)
            #expect(failure.fields == ["startDate"])
            #expect(failure.message(for: "startDate") == "Start date must be within the last 2 years")
        }
    }

    @Test("The start date may come as day, month and year fields")
    func startDateParts() throws {
        let cohort = try Self.draft(start: .parts(day: "11", month: "1", year: "2027"))
            .validated(today: Fixture.today, siteIDs: Self.sites, settings: .standard)
        #expect(cohort.startDate == ymd("2027-01-11"))
    }

    @Test("The site must be one the coordinator may use", arguments: [
        (String?.none, "Select where the training takes place"),
        ("", "Select where the training takes place"),
        ("site-elsewhere", "Select a site in an area you work in"),
    ])
    func site(site: String?, message: String) {
        let failure = Self.failure(Self.draft(site: site))
        #expect(failure.fields == ["siteId"])
        #expect(failure.message(for: "siteId") == message)
    }

    @Test("An empty draft reports every missing field at once")
    func emptyDraft() {
        let failure = Self.failure(Self.draft(name: nil, start: .iso(nil), sessions: "x", site: nil, trainers: "  "))
        #expect(failure.fields == ["name", "startDate", "sessions", "siteId", "trainers"])
        #expect(failure.message(for: "name") == "Enter a name for the cohort")
        #expect(failure.message(for: "startDate") == "Enter a start date")
        #expect(failure.message(for: "trainers") == "Enter a trainer’s name")
    }

    @Test("Over-long names are refused")
    func longName() {
        let failure = Self.failure(Self.draft(name: String(repeating: "a", count: InputRules.shortTextLimit + 1)))
        #expect(failure.fields == ["name"])
    }
}
